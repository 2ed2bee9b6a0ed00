# jobfix-snapshot: select=JF001,JF008,JF011 all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"cron": {
		"*/15 * * * *": [
			"myapp.tasks.sync_orders_batch_500",  # JF001 and JF011 on one entry
			"myapp.tasks.push_stock",
		],
	},
	"daily": [
		"myapp.tasks.cleanup",
		"myapp.tasks.send_digest",
	],
	"daily_long": [
		# nightly rebuild, the full one
		"myapp.tasks.rebuild_full_true",  # JF001 and JF008 on one entry
	],
	"hourly_long": ["myapp.tasks.reindex"],
}
# --- tasks.py
import frappe


def sync_orders(batch=100):
	for order in frappe.get_all("Sales Order", pluck="name"):
		frappe.get_doc("Sales Order", order).run_method("sync", batch=batch)


def sync_orders_batch_500():
	"""`sync_orders` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
	sync_orders(batch=500)


def push_stock():
	for item in frappe.get_all("Item", pluck="name"):
		frappe.get_doc("Item", item).save()


def rebuild(full=False):
	for name in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer", name).save()


def rebuild_full_true():
	"""`rebuild` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
	rebuild(full=True)


def cleanup(days=7):
	frappe.db.delete("Error Log", {"creation": ("<", frappe.utils.add_days(None, -days))})


def send_digest():
	frappe.sendmail(recipients=["ops@example.com"], subject="Digest")


def reindex():
	for name in frappe.get_all("Item", pluck="name"):
		frappe.get_doc("Item", name).save()
# --- findings
# hooks.py:5:3: JF001 [safe] `myapp.tasks.sync_orders(batch=500)` under all passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:5:3: JF011 [unsafe] heavy `myapp.tasks.sync_orders` under `all`: it loops over an unbounded query (myapp.tasks:5), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
# hooks.py:6:3: JF011 [unsafe] heavy `myapp.tasks.push_stock` under `all`: it loops over an unbounded query (myapp.tasks:10), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
# hooks.py:10:3: JF001 [safe] `myapp.tasks.rebuild(full=True)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:10:3: JF008 [safe] heavy `myapp.tasks.rebuild` under daily, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:15)
# hooks.py:11:3: JF001 [safe] `myapp.tasks.cleanup(days=7)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:14:13: JF008 [safe] heavy `myapp.tasks.reindex` under hourly, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:28)
