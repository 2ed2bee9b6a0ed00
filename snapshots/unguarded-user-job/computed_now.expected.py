# jobfix-snapshot: frappe-version=15
import frappe


@frappe.whitelist()
def start_export(report):
    # now= is false in production: a double click queues two exports there
    frappe.enqueue("myapp.module.export", report=report, now=frappe.flags.in_test, job_id=f"myapp.module.export::{frappe.session.user}::report={report}", deduplicate=True)


@frappe.whitelist()
def start_import(name):
    from frappe import enqueue  # imported inside the function

    enqueue("myapp.module.export", report=name, job_id=f"myapp.module.export::{frappe.session.user}::report={name}", deduplicate=True)


def export(report):
    pass
# --- findings
# module.py:7:5: JF004 [unsafe] `enqueue` in whitelisted `start_export` without a `job_id`: a double click or a retried request queues the job twice
# module.py:14:5: JF004 [unsafe] `enqueue` in whitelisted `start_import` without a `job_id`: a double click or a retried request queues the job twice
