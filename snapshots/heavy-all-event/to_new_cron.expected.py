# jobfix-snapshot: all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
	# every few minutes
	"all": [
		"myapp.tasks.ping",
	],
	"cron": {
		"*/15 * * * *": [
			"myapp.tasks.sync_orders",  # pulls every order
		],
	},
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
# --- findings
# hooks.py:6:3: JF011 [unsafe] heavy `myapp.tasks.sync_orders` under `all`: it loops over an unbounded query (myapp.tasks:6), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
