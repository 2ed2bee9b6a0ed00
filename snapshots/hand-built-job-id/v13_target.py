# jobfix-snapshot: frappe-version=13
import frappe
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job


def is_order_sync_running():
    job = Job.fetch(f"{frappe.local.site}::sync_orders", connection=get_redis_conn())
    return job.get_status() in ("queued", "started")
