# --- hooks.py
app_name = "myapp"

doc_events = {
	"Sales Order": {"on_submit": "myapp.events.on_order_submit"},
}
# --- sync.py
"""Tabs for indentation, as Frappe apps use them."""
import requests

import frappe


def queue_order_push(name):
	order = frappe.get_doc("Sales Order", name)
	frappe.enqueue("myapp.sync.push_order", queue="short", order=order)


def push_order(order: "Document", attempt=1):
	"""Send one order to the ERP."""
	requests.post("https://erp.example.com/orders", json=order.as_dict(), timeout=30)
# --- events.py
import frappe


def on_order_submit(doc, method=None):
	frappe.enqueue(
		"myapp.sync.push_order",
		order=doc,  # the submitted order
		enqueue_after_commit=True,
	)
# --- module/doctype/order_log/order_log.py
import frappe
from frappe.model.document import Document


class OrderLog(Document):
	def resend(self):
		frappe.enqueue("myapp.sync.push_order", order=self)
