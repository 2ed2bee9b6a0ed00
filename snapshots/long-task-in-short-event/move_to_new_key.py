# --- hooks.py
app_name = "myapp"

scheduler_events = {
	# light tasks
	"hourly": [
		"myapp.tasks.ping",
	],
	"daily": [
		"myapp.tasks.rebuild_stats",  # nightly rebuild
		"myapp.tasks.send_digest",
	],
	"weekly": [
		# the whole archive
		"myapp.tasks.archive_all"
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
