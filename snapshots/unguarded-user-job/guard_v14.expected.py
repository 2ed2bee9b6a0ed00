# jobfix-snapshot: frappe-version=14
import frappe

from myapp.exports import export_customers
from frappe.utils.background_jobs import is_job_enqueued


@frappe.whitelist()
def start_export(customer_group, fmt="csv"):
    # a double click queues the export twice
    job_id = f"myapp.exports.export_customers::{frappe.session.user}::customer_group={customer_group}::fmt={fmt}::notify=True"
    if not is_job_enqueued(job_id):
        frappe.enqueue("myapp.exports.export_customers", customer_group=customer_group, fmt=fmt, notify=True, job_id=job_id)
    return {"message": "Export started"}


@frappe.whitelist()
def start_export_laid_out(customer_group):
    job_id = f"myapp.exports.export_customers::{frappe.session.user}::customer_group={customer_group}"
    if not is_job_enqueued(job_id):
        frappe.enqueue(
            export_customers,
            queue="long",
            customer_group=customer_group,  # by function object
            job_id=job_id,
        )


class Exporter:
    @frappe.whitelist()
    def run(self):
        job_id = f"{self.doctype}::{self.name}::export_rows::{frappe.session.user}"
        if not is_job_enqueued(job_id):
            frappe.enqueue_doc(self.doctype, self.name, "export_rows", queue="long", enqueue_after_commit=True, job_id=job_id)


@frappe.whitelist()
def start_with_method(method, user_filter):
    job_id = f"{method}::{frappe.session.user}::user_filter={user_filter}"
    if not is_job_enqueued(job_id):
        frappe.enqueue(method, user=frappe.session.user, user_filter=user_filter, job_id=job_id)


@frappe.whitelist()
def start_with_job_id_taken(job_id):
    enqueue_job_id = f"myapp.exports.export_one::{frappe.session.user}::job={job_id}"
    if not is_job_enqueued(enqueue_job_id):
        frappe.enqueue("myapp.exports.export_one", job=job_id, job_id=enqueue_job_id)
# --- findings
# module.py:9:5: JF004 [unsafe] `enqueue` in whitelisted `start_export` without a `job_id`: a double click or a retried request queues the job twice
# module.py:15:5: JF004 [unsafe] `enqueue` in whitelisted `start_export_laid_out` without a `job_id`: a double click or a retried request queues the job twice
# module.py:25:9: JF004 [unsafe] `enqueue_doc` in whitelisted `run` without a `job_id`: a double click or a retried request queues the job twice
# module.py:30:5: JF004 [unsafe] `enqueue` in whitelisted `start_with_method` without a `job_id`: a double click or a retried request queues the job twice
# module.py:35:5: JF004 [unsafe] `enqueue` in whitelisted `start_with_job_id_taken` without a `job_id`: a double click or a retried request queues the job twice
