"""Talking to the external ERP."""

import frappe
import requests
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job


def sync_with_retry(record):
	try:
		requests.post("https://erp.example.com/records", json={"name": record}, timeout=30)
	except Exception:
		# the external system is down: try again (forever)
		frappe.enqueue("legacy_app.sync.sync_with_retry", record=record)


def push_order(order):
	requests.post("https://erp.example.com/orders", json=order.as_dict(), timeout=30)


def queue_order_push(name):
	order = frappe.get_doc("Sales Order", name)
	frappe.enqueue("legacy_app.sync.push_order", order=order)


def push_invoice(invoice):
	try:
		requests.post("https://erp.example.com/invoices", json={"name": invoice}, timeout=30)
	except Exception:
		frappe.log_error(frappe.get_traceback(), "Invoice push failed")


def record_payment(payload):
	if not payload.get("id"):
		frappe.log_error("Payment webhook without id")
		return
	frappe.get_doc({"doctype": "Payment Log", "payload": frappe.as_json(payload)}).insert(ignore_permissions=True)


def is_order_sync_running():
	job = Job.fetch(f"{frappe.local.site}::sync_orders", connection=get_redis_conn())
	return job.get_status() in ("queued", "started")
