# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": [
		# keep a month of logs, not the default week
		"myapp.tasks.cleanup_logs_days_30",
		"myapp.tasks.cleanup_logs",  # the default anyway
		"myapp.tasks.cleanup_logs_days_30",
	],
	"daily": [
		"myapp.tasks.cleanup_logs",
		"myapp.tasks.cleanup_logs_days_90_2",
	],
	"weekly": "myapp.tasks.cleanup_logs_days_7_0",
	"cron": {
		"0 3 * * *": ['myapp.tasks.archive_doctype_sales_order_keep_2'],
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


def cleanup_logs_days_30():
	"""`cleanup_logs` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
	cleanup_logs(days=30)


def cleanup_logs_days_90_2():
	"""`cleanup_logs` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
	cleanup_logs(days=90)


def cleanup_logs_days_7_0():
	"""`cleanup_logs` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
	cleanup_logs(days=7.0)


def archive(doctype, keep=1):
	frappe.db.set_value(doctype, {"archived": 0}, "archived", keep)


def archive_doctype_sales_order_keep_2():
	"""`archive` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
	archive(doctype="Sales Order", keep=2)
# --- findings
# hooks.py:6:3: JF001 [safe] `myapp.tasks.cleanup_logs(days=30)` under hourly passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:7:3: JF001 [safe] `myapp.tasks.cleanup_logs(days=7)` under hourly passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:8:3: JF001 [safe] `myapp.tasks.cleanup_logs(30)` under hourly passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:11:3: JF001 [safe] `myapp.tasks.cleanup_logs()` under daily is written as a call: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:12:3: JF001 [safe] `myapp.tasks.cleanup_logs(days=90)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:14:12: JF001 [safe] `myapp.tasks.cleanup_logs(days=7.0)` under weekly passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:16:17: JF001 [safe] `myapp.tasks.archive("Sales Order", keep=2)` under cron '0 3 * * *' passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
