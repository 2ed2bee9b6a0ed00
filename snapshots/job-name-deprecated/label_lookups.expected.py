# --- sync.py
import frappe


def queue_push(order):
    frappe.enqueue("myapp.sync.push_order", job_name="push_order_" + order.name, order_name=order.name)
# --- status.py
from frappe.utils.safe_exec import is_job_queued


def push_pending(order):
    return is_job_queued("push_order_" + order)
# --- findings
# sync.py:5:5: JF104 [display-only] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
