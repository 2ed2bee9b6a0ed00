import frappe
from frappe.utils.background_jobs import get_jobs, is_job_enqueued


@frappe.whitelist(allow_guest=True)
def payment_webhook(**payload):
    # webhooks handle distinct events: not reported
    frappe.enqueue("myapp.module.record_payment", payload=payload)


def not_whitelisted(name):
    frappe.enqueue("myapp.module.work", name=name)


@frappe.whitelist()
def has_job_id(name):
    frappe.enqueue("myapp.module.work", name=name, job_id=f"work::{name}")


@frappe.whitelist()
def job_name_checked(name):
    queued = get_jobs(site=frappe.local.site, key="job_name")[frappe.local.site]
    if f"work::{name}" not in queued:
        frappe.enqueue("myapp.module.work", name=name, job_name=f"work::{name}")


@frappe.whitelist()
def checked_with_is_job_enqueued(name):
    if is_job_enqueued(f"work::{name}"):
        frappe.throw("Already queued")
    frappe.enqueue("myapp.module.work", name=name)


@frappe.whitelist()
def status_field_checked(name):
    if frappe.db.get_value("Data Import", name, "status") == "In Progress":
        frappe.throw("Import already running")
    frappe.db.set_value("Data Import", name, "status", "In Progress")
    frappe.enqueue("myapp.module.work", name=name)


@frappe.whitelist()
def runs_now(name):
    frappe.enqueue("myapp.module.work", name=name, now=True)


@frappe.whitelist()
def forwards_kwargs(**kwargs):
    frappe.enqueue("myapp.module.work", **kwargs)


def work(name):
    pass


def record_payment(payload):
    pass


@frappe.whitelist()
def a_block_is_not_a_lock(name, block=False):
    # `block` holds "lock" but is no lock: still reported
    if block:
        return
    frappe.enqueue("myapp.module.work", name=name, job_id=f"myapp.module.work::{frappe.session.user}::name={name}", deduplicate=True)
# --- findings
# module.py:49:5: JF004 [display-only] `enqueue` in whitelisted `forwards_kwargs` without a `job_id`: a double click or a retried request queues the job twice
# module.py:65:5: JF004 [unsafe] `enqueue` in whitelisted `a_block_is_not_a_lock` without a `job_id`: a double click or a retried request queues the job twice
