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
	frappe.enqueue("myapp.sync.push_order", queue="short", order_doctype=order.doctype, order_name=order.name)


def push_order(order_doctype, order_name, attempt=1):
	"""Send one order to the ERP."""
	order = frappe.get_doc(order_doctype, order_name)
	requests.post("https://erp.example.com/orders", json=order.as_dict(), timeout=30)
# --- events.py
import frappe


def on_order_submit(doc, method=None):
	frappe.enqueue(
		"myapp.sync.push_order",
		order_doctype=doc.doctype,
		order_name=doc.name,  # the submitted order
		enqueue_after_commit=True,
	)
# --- module/doctype/order_log/order_log.py
import frappe
from frappe.model.document import Document


class OrderLog(Document):
	def resend(self):
		frappe.enqueue("myapp.sync.push_order", order_doctype=self.doctype, order_name=self.name)
# --- findings
# events.py:7:9: JF101 [unsafe] `doc` (the document of doc_events handler `on_order_submit`) is passed to `enqueue` as `order=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# module/doctype/order_log/order_log.py:7:49: JF101 [unsafe] `self` (the `OrderLog` document) is passed to `enqueue` as `order=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# sync.py:9:63: JF101 [unsafe] `order` (from `frappe.get_doc`) is passed to `enqueue` as `order=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
