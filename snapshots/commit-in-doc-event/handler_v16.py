# jobfix-snapshot: frappe-version=16
# --- hooks.py
app_name = "myapp"

doc_events = {
    "Sales Invoice": {
        "on_submit": "myapp.events.queue_invoice_sync",
        "on_cancel": "myapp.events.undo_sync",
        "on_update": "myapp.events.only_a_commit",
    },
}
# --- events.py
import frappe
from frappe import db


def queue_invoice_sync(doc, method=None):
    frappe.enqueue("myapp.sync.push_invoice", invoice=doc.name)
    frappe.db.commit()  # so the worker finds the invoice


def undo_sync(doc, method=None):
    try:
        frappe.get_doc("Sync Log", doc.name).delete()
    except Exception:
        db.rollback()
        raise


def only_a_commit(doc, method=None):
    frappe.db.commit()


def not_a_handler(doc):
    frappe.db.commit()
