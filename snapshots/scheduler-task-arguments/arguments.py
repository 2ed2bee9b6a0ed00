# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": [
		# keep a month of logs, not the default week
		"myapp.tasks.cleanup_logs(days=30)",
		"myapp.tasks.cleanup_logs(days=7)",  # the default anyway
		"myapp.tasks.cleanup_logs(30)",
	],
	"daily": [
		"myapp.tasks.cleanup_logs()",
		"myapp.tasks.cleanup_logs(days=90)",
	],
	"weekly": "myapp.tasks.cleanup_logs(days=7.0)",
	"cron": {
		"0 3 * * *": ['myapp.tasks.archive("Sales Order", keep=2)'],
	},
}
# --- tasks.py
import frappe
from frappe.utils import add_days, today


def cleanup_logs(days=7):
	frappe.db.delete("Sync Log", {"creation": ("<", add_days(today(), -days))})


def cleanup_logs_days_90():
	"""Someone already wrote this one."""
	cleanup_logs(days=91)


def archive(doctype, keep=1):
	frappe.db.set_value(doctype, {"archived": 0}, "archived", keep)
