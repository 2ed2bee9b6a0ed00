"""Document event handlers named in hooks.py doc_events."""

import frappe


def queue_invoice_sync(doc, method=None):
	frappe.enqueue("legacy_app.sync.push_invoice", invoice=doc.name)
	frappe.db.commit()  # so the worker finds the invoice
