# jobfix-snapshot: frappe-version=14
import json

import frappe


@frappe.whitelist()
def start(filters):
    # the result is returned: a guard would make it None when the job is already queued
    return frappe.enqueue("myapp.module.work", filters=filters)


@frappe.whitelist()
def start_and_keep(filters):
    job = frappe.enqueue("myapp.module.work", filters=filters)
    frappe.db.set_value("Export Log", filters, "job", job.id)


@frappe.whitelist()
def start_with_computed_argument(filters):
    frappe.enqueue("myapp.module.work", filters=json.loads(filters))


@frappe.whitelist()
def start_on_one_line(filters): frappe.enqueue("myapp.module.work", filters=filters)


def work(filters):
    pass
# --- findings
# module.py:9:12: JF004 [display-only] `enqueue` in whitelisted `start` without a `job_id`: a double click or a retried request queues the job twice
# module.py:14:11: JF004 [display-only] `enqueue` in whitelisted `start_and_keep` without a `job_id`: a double click or a retried request queues the job twice
# module.py:20:5: JF004 [display-only] `enqueue` in whitelisted `start_with_computed_argument` without a `job_id`: a double click or a retried request queues the job twice
# module.py:24:33: JF004 [display-only] `enqueue` in whitelisted `start_on_one_line` without a `job_id`: a double click or a retried request queues the job twice
