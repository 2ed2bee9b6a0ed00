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
	frappe.enqueue("myapp.saved.push_invoice", invoice=invoice)


def push_invoice(invoice):
	frappe.db.set_value("Sales Invoice", invoice.name, "pushed_status", invoice.sync_status)
