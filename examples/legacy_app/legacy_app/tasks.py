"""Scheduled tasks (see hooks.py), written the legacy way."""

import frappe
import requests
from frappe.utils import add_days, today


def cleanup_logs(days=7):
	"""Delete sync logs older than `days` days (hooks.py asks for 30)."""
	frappe.db.delete("Sales Sync Log", {"creation": ("<", add_days(today(), -days))})


def sync_external_orders():
	# every order, every time: this runs under "all"
	orders = frappe.get_all("Sales Order", filters={"docstatus": 1}, fields=["name", "customer"])
	for order in orders:
		response = requests.post("https://erp.example.com/orders", json=order, timeout=30)
		frappe.db.set_value("Sales Order", order.name, "external_id", response.json()["id"])


def rebuild_customer_stats():
	for customer in frappe.get_all("Customer", pluck="name"):
		stats = frappe.get_doc("Customer Stats", customer)
		stats.total_orders = frappe.db.count("Sales Order", {"customer": customer})
		stats.save()
		frappe.db.commit()  # one commit per customer


def generate_all_reports():
	for report in frappe.get_all("Scheduled Report", pluck="name"):
		generate_report(report)


def generate_report(report):
	doc = frappe.get_doc("Scheduled Report", report)
	doc.run()
	doc.save()


def assign_open_tasks():
	for task in frappe.get_list("Task", filters={"status": "Open"}, limit=50):
		todo = frappe.get_doc({"doctype": "ToDo", "description": task.subject})
		todo.insert()


def send_digest():
	count = frappe.db.count("ToDo", {"status": "Open"})
	frappe.sendmail(recipients=["ops@example.com"], subject="Digest", message=f"{count} open")


def archive_orders():
	frappe.db.sql("update `tabSales Order` set archived = 1 where modified < %s", add_days(today(), -365))


def purge_archives():
	frappe.db.delete("Sales Order", {"archived": 1, "docstatus": 0})
