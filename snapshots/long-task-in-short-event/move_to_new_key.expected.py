# --- hooks.py
app_name = "myapp"

scheduler_events = {
	# light tasks
	"hourly": [
		"myapp.tasks.ping",
	],
	"daily": [
		"myapp.tasks.send_digest",
	],
	"daily_long": [
		"myapp.tasks.rebuild_stats",  # nightly rebuild
	],
	"weekly_long": [
		# the whole archive
		"myapp.tasks.archive_all",
	],
}
# --- tasks.py
import frappe


def ping():
	frappe.db.set_value("System Settings", None, "last_ping", frappe.utils.now())


def rebuild_stats():
	for name in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer", name).save()


def send_digest():
	frappe.sendmail(recipients=["ops@example.com"], subject="Digest")


def archive_all():
	orders = frappe.db.sql("select name from `tabSales Order`", as_dict=True)
	for order in orders:
		frappe.db.set_value("Sales Order", order.name, "archived", 1)
# --- findings
# hooks.py:9:3: JF008 [safe] heavy `myapp.tasks.rebuild_stats` under daily, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:9)
# hooks.py:14:3: JF008 [safe] heavy `myapp.tasks.archive_all` under weekly, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:19)
