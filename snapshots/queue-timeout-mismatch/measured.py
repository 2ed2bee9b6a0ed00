# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.slow_simple",
		"myapp.tasks.heavy_fast",
		"myapp.tasks.tiny_slow",
		"myapp.tasks.tiny_fast",
	],
}
# --- tasks.py
import frappe


def slow_simple():
	frappe.db.sql("update `tabSales Order` set status = 'Overdue' where due_date < curdate()")


def heavy_fast():
	for name in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer", name).save()


def tiny_slow():
	frappe.db.sql("optimize table `tabVersion`")


def tiny_fast():
	frappe.db.set_value("System Settings", None, "last_ping", "now")
# --- api.py
import frappe


@frappe.whitelist()
def run_now():
	frappe.enqueue("myapp.tasks.slow_simple")  # light code, measured p95 200 s of 300
	frappe.enqueue("myapp.tasks.heavy_fast")  # heavy code, slowest run 2 s: advice only
	frappe.enqueue("myapp.tasks.tiny_slow", queue="long")  # trivial code, but runs take 40 s
	frappe.enqueue("myapp.tasks.tiny_fast", queue="long")  # light, 0.2 s: a light job on long is not reported
# --- job-log.csv
Scheduled Job,Status,Created On,Last Updated On,Details
myapp.tasks.slow_simple,Complete,2025-05-01 00:00:02,2025-05-01 00:02:02,
myapp.tasks.slow_simple,Complete,2025-05-02 00:00:02,2025-05-02 00:02:52,
myapp.tasks.slow_simple,Complete,2025-05-03 00:00:02,2025-05-03 00:03:22,
myapp.tasks.heavy_fast,Complete,2025-05-01 00:00:02,2025-05-01 00:00:03.500000,
myapp.tasks.heavy_fast,Complete,2025-05-02 00:00:02,2025-05-02 00:00:04,
myapp.tasks.heavy_fast,Complete,2025-05-03 00:00:02,2025-05-03 00:00:03.200000,
myapp.tasks.tiny_slow,Complete,2025-05-01 00:00:02,2025-05-01 00:00:32,
myapp.tasks.tiny_slow,Complete,2025-05-02 00:00:02,2025-05-02 00:00:42,
myapp.tasks.tiny_slow,Complete,2025-05-03 00:00:02,2025-05-03 00:00:37,
myapp.tasks.tiny_fast,Complete,2025-05-01 00:00:02,2025-05-01 00:00:02.200000,
myapp.tasks.tiny_fast,Complete,2025-05-02 00:00:02,2025-05-02 00:00:02.200000,
myapp.tasks.tiny_fast,Complete,2025-05-03 00:00:02,2025-05-03 00:00:02.200000,
