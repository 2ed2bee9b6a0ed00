import frappe
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job


def is_order_sync_running():
    job = Job.fetch(f"{frappe.local.site}::sync_orders", connection=get_redis_conn())
    return job.get_status() in ("queued", "started")


def is_export_running(customer):
    if Job.fetch(f"{frappe.local.site}::export_{customer}", connection=get_redis_conn()).get_status() in ["started", "queued"]:
        frappe.throw("An export is already running")


def is_push_running(name):
    return (Job.fetch(f'{frappe.local.site}::{name}', connection=get_redis_conn()).get_status() in {"queued", "started"})
