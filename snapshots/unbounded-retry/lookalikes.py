import frappe
import requests


def bounded(record, attempt=1):
    try:
        requests.post("https://erp.example.com/records", json={"name": record}, timeout=30)
    except Exception:
        if attempt < 5:
            frappe.enqueue("myapp.module.bounded", record=record, attempt=attempt + 1)


def bounded_by_a_field(name):
    doc = frappe.get_doc("Sync Job", name)
    try:
        requests.post("https://erp.example.com/records", json=doc.as_dict(), timeout=30)
    except Exception:
        doc.db_set("retry_count", doc.retry_count + 1)
        if doc.retry_count <= 3:
            frappe.enqueue("myapp.module.bounded_by_a_field", name=name)


def retries_something_else(record):
    try:
        requests.post("https://erp.example.com/records", json={"name": record}, timeout=30)
    except Exception:
        frappe.enqueue("myapp.module.report_failure", record=record)


def requeues_outside_except(record):
    if not frappe.db.exists("Record", record):
        frappe.enqueue("myapp.module.requeues_outside_except", record=record)


class Syncer:
    def run(self):
        try:
            self.push()
        except Exception:
            frappe.enqueue("myapp.module.Syncer.run")


def report_failure(record):
    pass


def counts_something_else(record):
    # a comparison, but not of attempts: still unbounded
    try:
        if frappe.db.count("Record") > 0:
            frappe.get_doc("Record", record).run()
    except Exception:
        frappe.enqueue("myapp.module.counts_something_else", record=record)
