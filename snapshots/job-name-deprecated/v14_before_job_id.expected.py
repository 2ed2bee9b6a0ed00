# jobfix-snapshot: frappe-version=14.30.0
import frappe


def queue_push(order):
    frappe.enqueue("myapp.sync.push_order", job_name="push_order_" + order.name, order_name=order.name)
# --- findings
# module.py:5:5: JF104 [display-only] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
