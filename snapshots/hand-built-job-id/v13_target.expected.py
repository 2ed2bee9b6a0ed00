# jobfix-snapshot: frappe-version=13
import frappe
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job


def is_order_sync_running():
    job = Job.fetch(f"{frappe.local.site}::sync_orders", connection=get_redis_conn())
    return job.get_status() in ("queued", "started")
# --- findings
# module.py:7:11: JF105 [display-only] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
