# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.rename_ledgers",
		"myapp.tasks.send_reports",
		"myapp.tasks.remind_students",
		"myapp.tasks.drop_sessions",
	],
}
# --- tasks.py
import frappe


def rename_ledgers():
	# a small literal list is not a record loop
	for doctype in ["GL Entry", "Stock Ledger Entry"]:
		rename_all(doctype)


def rename_all(doctype):
	for name in frappe.get_all(doctype, pluck="name"):
		frappe.rename_doc(doctype, name, name.upper())


def send_reports():
	# one job per report already
	for report in frappe.get_all("Auto Email Report", pluck="name"):
		queue_report(report)


def queue_report(report):
	frappe.enqueue("myapp.tasks.build_report", queue="long", report=report)


def build_report(report):
	frappe.get_doc("Auto Email Report", report).send()


def remind_students():
	# frappe.sendmail only queues the mail: cheap per record
	for student in frappe.get_all("Student", fields=["name", "email"]):
		send_mail(student)


def send_mail(student):
	frappe.sendmail(recipients=[student.email], subject="Reminder")


def drop_sessions():
	# deleting one row per record: cheap
	for sid in frappe.get_all("Sessions", pluck="sid"):
		delete_session(sid)


def delete_session(sid):
	frappe.db.delete("Sessions", {"sid": sid})
# --- findings
