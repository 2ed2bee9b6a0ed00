import frappe


def already_has_job_id(order):
    frappe.enqueue("myapp.sync.push_order", job_id=order, job_name="push " + order, order_name=order)


def not_enqueue(order):
    frappe.get_all("RQ Job", filters={"job_name": order})
    schedule_later(job_name=order)


def no_job_name(order):
    frappe.enqueue("myapp.sync.push_order", job_id=order, deduplicate=True, order_name=order)


def job_name_none(order):
    # the parameter's default, passed through: not a use of job_name
    frappe.enqueue("myapp.sync.push_order", job_name=None, order_name=order)
# --- findings
# module.py:5:5: JF104 [display-only] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
