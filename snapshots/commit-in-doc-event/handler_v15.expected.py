# jobfix-snapshot: frappe-version=15
# --- hooks.py
app_name = "myapp"

doc_events = {
    "Sales Invoice": {"on_submit": "myapp.events.queue_invoice_sync"},
}
# --- events.py
import frappe


def queue_invoice_sync(doc, method=None):
    frappe.enqueue("myapp.sync.push_invoice", invoice=doc.name)
    frappe.db.commit()
# --- findings
# events.py:6:5: JF103 [display-only] `frappe.db.commit()` in doc_events handler `queue_invoice_sync` (on_submit): it commits the save halfway, so a later failure cannot roll it back; v16 ignores it there with a warning
