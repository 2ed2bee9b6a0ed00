# --- hooks.py
app_name = "myapp"

doc_events = {
    "Sales Invoice": {
        "on_submit": ["myapp.events.on_invoice_submit", "frappe.desk.notifications.clear"],
        "on_cancel": "myapp.events.on_invoice_cancel",
    },
    "*": {"on_update": "myapp.events.on_any_update"},
}
# --- events.py
import frappe
from frappe import enqueue as queue_job
from frappe.utils.background_jobs import enqueue


def on_invoice_submit(doc, method=None):
    frappe.enqueue(method="myapp.tasks.sync_invoice", invoice=doc.name, enqueue_after_commit=True)


def on_invoice_cancel(doc, method=None):
    queue_job("myapp.tasks.unsync_invoice", invoice=doc.name, enqueue_after_commit=True)


def on_any_update(doc, method=None):
    enqueue("myapp.tasks.audit", doctype=doc.doctype, name=doc.name, enqueue_after_commit=True)


def not_a_handler(doc):
    frappe.enqueue("myapp.tasks.audit", name=doc.name)
# --- findings
# events.py:7:5: JF012 [safe] `enqueue` in doc_events handler `on_invoice_submit` without `enqueue_after_commit=True`: the job can run before the document is committed (it handles on_submit)
# events.py:11:5: JF012 [safe] `enqueue` in doc_events handler `on_invoice_cancel` without `enqueue_after_commit=True`: the job can run before the document is committed (it handles on_cancel)
# events.py:15:5: JF012 [safe] `enqueue` in doc_events handler `on_any_update` without `enqueue_after_commit=True`: the job can run before the document is committed (it handles on_update)
