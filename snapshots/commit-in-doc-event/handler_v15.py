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
