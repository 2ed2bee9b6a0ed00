# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.per_record_fast",  # per-record work inline, slowest run 3 s
		"myapp.tasks.per_record_slow",  # per-record work inline, p95 260 s of 300
	],
	"daily_long": [
		"myapp.tasks.long_no_loop",  # no loop, but p95 900 s of the long queue's 1500
		"myapp.tasks.long_quick",  # no loop, p95 100 s
	],
}
# --- tasks.py
import frappe


def refresh(name):
	frappe.get_doc("Item", name).save()


def per_record_fast():
	for name in frappe.get_all("Item", pluck="name"):
		refresh(name)


def per_record_slow():
	for name in frappe.get_all("Item", pluck="name", filters={"disabled": 0}):
		refresh(name)


def long_no_loop():
	frappe.db.sql("insert into `tabStock Ledger Summary` select * from `tabStock Ledger Entry`")


def long_quick():
	frappe.db.sql("delete from `tabStock Ledger Summary`")
# --- job-log.csv
Scheduled Job,Status,Created On,Last Updated On,Details
myapp.tasks.long_no_loop,Complete,2025-05-01 00:00:02,2025-05-01 00:11:42,
myapp.tasks.long_no_loop,Complete,2025-05-02 00:00:02,2025-05-02 00:13:42,
myapp.tasks.long_no_loop,Complete,2025-05-03 00:00:02,2025-05-03 00:15:02,
myapp.tasks.per_record_fast,Complete,2025-05-01 00:00:02,2025-05-01 00:00:04,
myapp.tasks.per_record_fast,Complete,2025-05-02 00:00:02,2025-05-02 00:00:05,
myapp.tasks.per_record_fast,Complete,2025-05-03 00:00:02,2025-05-03 00:00:04.500000,
myapp.tasks.per_record_fast,Complete,2025-05-04 00:00:02,2025-05-04 00:00:03,
myapp.tasks.per_record_slow,Complete,2025-05-01 00:00:02,2025-05-01 00:03:22,
myapp.tasks.per_record_slow,Complete,2025-05-02 00:00:02,2025-05-02 00:04:02,
myapp.tasks.per_record_slow,Complete,2025-05-03 00:00:02,2025-05-03 00:04:22,
myapp.tasks.long_quick,Complete,2025-05-01 00:00:02,2025-05-01 00:01:42,
myapp.tasks.long_quick,Complete,2025-05-02 00:00:02,2025-05-02 00:01:42,
myapp.tasks.long_quick,Complete,2025-05-03 00:00:02,2025-05-03 00:01:42,
