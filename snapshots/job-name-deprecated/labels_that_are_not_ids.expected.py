# jobfix-snapshot: frappe-version=15
import frappe

SYNC_LABEL = "nightly_sync"


def queue_sync(customer):
    # the same label for every customer: as a job id it would keep one customer's job only
    frappe.enqueue("myapp.sync.push_customer", job_name="push_customer", customer=customer)


def queue_sync_by_constant(customer):
    frappe.enqueue("myapp.sync.push_customer", job_name=SYNC_LABEL, customer=customer)


def queue_partial(order, force):
    # names the order, not `force`: a forced push would be dropped behind a plain one
    frappe.enqueue("myapp.sync.push_order", job_name=f"push_{order}", order_name=order, force=force)


def queue_complete(order):
    frappe.enqueue("myapp.sync.push_order", job_id=f"push_{order}", order_name=order, force=True, deduplicate=True)
# --- findings
# module.py:8:5: JF104 [display-only] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
# module.py:12:5: JF104 [display-only] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
# module.py:17:5: JF104 [display-only] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
# module.py:21:5: JF104 [unsafe] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
