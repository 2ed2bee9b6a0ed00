# jobfix-snapshot: frappe-version=14
import frappe


def queue_push(order):
    frappe.enqueue("myapp.sync.push_order", job_id="push_order_" + order.name, order_name=order.name)
# --- findings
# module.py:5:5: JF104 [unsafe] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
