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
