import frappe
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job


def cancel_sync():
    # not a status check: display-only
    Job.fetch(f"{frappe.local.site}::sync_orders", connection=get_redis_conn()).cancel()


def last_result():
    job = Job.fetch("::".join([frappe.local.site, "sync_orders"]), connection=get_redis_conn())
    return job.result


def job_key(name):
    return frappe.local.site + "::" + name


def status_of(name):
    job_id = f"{frappe.local.site}::{name}"
    job = Job.fetch(job_id, connection=get_redis_conn())
    return job.get_status() in ("queued", "started")


def failed_or_finished(name):
    # other statuses: display-only
    return Job.fetch(f"{frappe.local.site}::{name}", connection=get_redis_conn()).get_status() in ("failed", "finished")
# --- findings
# module.py:8:5: JF105 [display-only] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
# module.py:12:11: JF105 [display-only] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
# module.py:17:12: JF105 [display-only] RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
# module.py:21:14: JF105 [display-only] RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
# module.py:28:12: JF105 [display-only] `Job.fetch` of an RQ job id built by hand: Frappe's own format is `{site}::{job_id}` in v14/v15 and `{site}||{job_id}` (':' replaced by '|') from v16, so it stops matching
