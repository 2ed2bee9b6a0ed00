# --- sync.py
import frappe


def queue_push(name):
	order = frappe.get_doc("Sales Order", name)
	order.sync_status = "Queued"  # not saved: the pickled order carries it, a reloaded one would not
	frappe.enqueue("myapp.sync.push_order", order=order)


def push_order(order):
	frappe.db.set_value("Sales Order", order.name, "pushed_status", order.sync_status)
# --- saved.py
import frappe


def queue_saved(name):
	invoice = frappe.get_doc("Sales Invoice", name)
	invoice.sync_status = "Queued"
	invoice.save()
	frappe.enqueue("myapp.saved.push_invoice", invoice_doctype=invoice.doctype, invoice_name=invoice.name)


def push_invoice(invoice_doctype, invoice_name):
	invoice = frappe.get_doc(invoice_doctype, invoice_name)
	frappe.db.set_value("Sales Invoice", invoice.name, "pushed_status", invoice.sync_status)
# --- findings
# saved.py:8:53: JF101 [unsafe] `invoice` (from `frappe.get_doc`) is passed to `enqueue` as `invoice=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# sync.py:7:48: JF101 [display-only] `order` (from `frappe.get_doc`) is passed to `enqueue` as `order=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
