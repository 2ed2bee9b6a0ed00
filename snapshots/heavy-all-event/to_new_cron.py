# jobfix-snapshot: all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
	# every few minutes
	"all": [
		"myapp.tasks.sync_orders",  # pulls every order
		"myapp.tasks.ping",
	],
	"daily": ["myapp.tasks.ping"],
}
# --- tasks.py
import frappe
import requests


def sync_orders():
	for order in frappe.get_all("Sales Order", fields=["name"]):
		requests.post("https://example.com", json=order, timeout=10)


def ping():
	frappe.db.set_value("System Settings", None, "last_ping", frappe.utils.now())
