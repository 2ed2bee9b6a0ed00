# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.escalate_incidents",
		"myapp.tasks.refresh_cached",
		"myapp.tasks.already_guarded",
		"myapp.tasks.commits_each",
		"myapp.tasks.settings_loop",
		"myapp.tasks.flag_rows",
		"myapp.tasks.reads_only",
		"myapp.tasks.fans_out",
	],
}
# --- incident.py
from frappe.model.document import Document


class Incident(Document):
	def escalate(self):
		self.status = "Escalated"
		self.save()
# --- tasks.py
import frappe


def escalate_incidents():
	# a Document class constructed directly: per-record work
	from myapp.incident import Incident

	for name in frappe.get_all("Incident", filters={"status": "Open"}, pluck="name"):
		Incident("Incident", name).escalate()


def refresh_cached():
	# frappe.get_cached_doc loads a document per record like get_doc
	for name in frappe.get_all("Item", pluck="name"):
		frappe.get_cached_doc("Item", name).refresh_prices()


def already_guarded():
	# push_one catches and logs its own errors: one record cannot stop the loop
	for name in frappe.get_all("Sales Order", pluck="name"):
		push_one(name)


def push_one(name):
	try:
		frappe.get_doc("Sales Order", name).submit()
	except Exception:
		frappe.log_error(title=f"push failed for {name}", message=frappe.get_traceback())


def commits_each():
	# committed per record, yet the record that fails stops the ones after it at every run
	for name in frappe.get_all("Sales Order", pluck="name"):
		frappe.get_doc("Sales Order", name).save()
		frappe.db.commit()


def settings_loop():
	# not the records of a query: a handful of configured accounts
	for account in ("sales", "support"):
		frappe.get_doc("Email Account", account).save()


def flag_rows():
	# one UPDATE per row: nothing record-specific to fail on
	for name in frappe.get_all("ToDo", pluck="name"):
		frappe.db.set_value("ToDo", name, "status", "Closed")


def reads_only():
	# the document is only read: nothing record-specific to fail on
	for name in frappe.get_all("Service Level Agreement", pluck="name"):
		doc = frappe.get_doc("Service Level Agreement", name)
		if doc.end_date:
			frappe.db.set_value("Service Level Agreement", name, "enabled", 0)


def fans_out():
	# one job per record already: each fails on its own
	for name in frappe.get_all("Auto Email Report", pluck="name"):
		frappe.enqueue("myapp.tasks.send_report", queue="long", report=name)
