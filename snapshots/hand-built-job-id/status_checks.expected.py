import frappe
from frappe.utils.background_jobs import is_job_enqueued


def is_order_sync_running():
    return is_job_enqueued("sync_orders")


def is_export_running(customer):
    if is_job_enqueued(f"export_{customer}"):
        frappe.throw("An export is already running")


def is_push_running(name):
    return (is_job_enqueued(f'{name}'))
# --- findings
# module.py:7:11: JF105 [unsafe] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
# module.py:12:8: JF105 [unsafe] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
# module.py:17:13: JF105 [unsafe] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
