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


def undo_sync(doc, method=None):
    try:
        frappe.get_doc("Sync Log", doc.name).delete()
    except Exception:
        raise


def only_a_commit(doc, method=None):
    pass


def not_a_handler(doc):
    frappe.db.commit()
# --- findings
# events.py:7:5: JF103 [unsafe] `frappe.db.commit()` in doc_events handler `queue_invoice_sync` (on_submit): it commits the save halfway, so a later failure cannot roll it back; v16 ignores it there with a warning
# events.py:14:9: JF103 [unsafe] `frappe.db.rollback()` in doc_events handler `undo_sync` (on_cancel): it rolls back the whole request, not just the handler's work; v16 ignores it there with a warning
# events.py:19:5: JF103 [unsafe] `frappe.db.commit()` in doc_events handler `only_a_commit` (on_update): it commits the save halfway, so a later failure cannot roll it back; v16 ignores it there with a warning
