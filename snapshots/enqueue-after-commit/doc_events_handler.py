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
    frappe.enqueue(method="myapp.tasks.sync_invoice", invoice=doc.name)


def on_invoice_cancel(doc, method=None):
    queue_job("myapp.tasks.unsync_invoice", invoice=doc.name)


def on_any_update(doc, method=None):
    enqueue("myapp.tasks.audit", doctype=doc.doctype, name=doc.name)


def not_a_handler(doc):
    frappe.enqueue("myapp.tasks.audit", name=doc.name)
