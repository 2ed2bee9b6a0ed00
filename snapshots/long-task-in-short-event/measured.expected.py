# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.quick",  # no loop, p95 110 s: within half the timeout
	],
	"daily_long": [
		"myapp.tasks.slow_simple",  # no loop, but p95 210 s of 300
		"myapp.tasks.heavy_fast",  # a loop over every customer, slowest run 2.4 s
		"myapp.tasks.heavy_few",  # a loop, and only two runs: too few to clear it
	],
}
# --- tasks.py
import frappe


def slow_simple():
	frappe.db.sql("update `tabSales Order` set status = 'Overdue' where due_date < curdate()")


def heavy_fast():
	for name in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer", name).save()


def heavy_few():
	for name in frappe.get_all("Supplier", pluck="name"):
		frappe.get_doc("Supplier", name).save()


def quick():
	frappe.db.sql("delete from `tabError Log` where creation < curdate() - interval 30 day")
# --- job-log.csv
Scheduled Job,Status,Created On,Last Updated On,Details
myapp.tasks.slow_simple,Complete,2025-05-01 00:00:02,2025-05-01 00:02:02,
myapp.tasks.slow_simple,Complete,2025-05-02 00:00:02,2025-05-02 00:02:32,
myapp.tasks.slow_simple,Complete,2025-05-03 00:00:02,2025-05-03 00:02:52,
myapp.tasks.slow_simple,Complete,2025-05-04 00:00:02,2025-05-04 00:03:22,
myapp.tasks.slow_simple,Complete,2025-05-05 00:00:02,2025-05-05 00:03:32,
myapp.tasks.heavy_fast,Complete,2025-05-01 00:00:02,2025-05-01 00:00:03.500000,
myapp.tasks.heavy_fast,Complete,2025-05-02 00:00:02,2025-05-02 00:00:04,
myapp.tasks.heavy_fast,Complete,2025-05-03 00:00:02,2025-05-03 00:00:03.200000,
myapp.tasks.heavy_fast,Complete,2025-05-04 00:00:02,2025-05-04 00:00:04.400000,
myapp.tasks.heavy_few,Complete,2025-05-01 00:00:02,2025-05-01 00:00:03,
myapp.tasks.heavy_few,Complete,2025-05-02 00:00:02,2025-05-02 00:00:03,
myapp.tasks.quick,Complete,2025-05-01 00:00:02,2025-05-01 00:01:32,
myapp.tasks.quick,Complete,2025-05-02 00:00:02,2025-05-02 00:01:42,
myapp.tasks.quick,Complete,2025-05-03 00:00:02,2025-05-03 00:01:52,
# --- findings
# hooks.py:5:3: JF008 [safe] slow `myapp.tasks.slow_simple` under daily, on the default queue (300 s): its runs come close to that timeout (measured: p95 210 s over 5 runs in 30 days in job-log.csv; slowest 210 s)
# hooks.py:6:3: JF008 [unsafe] heavy `myapp.tasks.heavy_fast` under daily, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:9), though its slowest run took 2.4 s (measured: p95 2.4 s over 4 runs in 30 days in job-log.csv; slowest 2.4 s), so it is not urgent and the move waits for --unsafe-fixes
# hooks.py:7:3: JF008 [safe] heavy `myapp.tasks.heavy_few` under daily, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:14)
