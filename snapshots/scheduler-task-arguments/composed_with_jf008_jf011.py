# jobfix-snapshot: select=JF001,JF008,JF011 all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"all": [
		"myapp.tasks.sync_orders(batch=500)",  # JF001 and JF011 on one entry
		"myapp.tasks.push_stock",
	],
	"daily": [
		# nightly rebuild, the full one
		"myapp.tasks.rebuild(full=True)",  # JF001 and JF008 on one entry
		"myapp.tasks.cleanup(days=7)",
		"myapp.tasks.send_digest",
	],
	"hourly": ["myapp.tasks.reindex"],
}
# --- tasks.py
import frappe


def sync_orders(batch=100):
	for order in frappe.get_all("Sales Order", pluck="name"):
		frappe.get_doc("Sales Order", order).run_method("sync", batch=batch)


def push_stock():
	for item in frappe.get_all("Item", pluck="name"):
		frappe.get_doc("Item", item).save()


def rebuild(full=False):
	for name in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer", name).save()


def cleanup(days=7):
	frappe.db.delete("Error Log", {"creation": ("<", frappe.utils.add_days(None, -days))})


def send_digest():
	frappe.sendmail(recipients=["ops@example.com"], subject="Digest")


def reindex():
	for name in frappe.get_all("Item", pluck="name"):
		frappe.get_doc("Item", name).save()
