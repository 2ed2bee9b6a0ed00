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
		frappe.enqueue(
			"myapp.tasks.refresh",
			queue="long",
			name=name,
			job_id=f"myapp.tasks.refresh::name={name}",
			deduplicate=True,
		)


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
# --- findings
# tasks.py:10:3: JF014 [display-only] `per_record_fast` calls `refresh` once per record inline: `refresh` calls `.save()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue, though its slowest run took 3.0 s (measured: p95 3.0 s over 4 runs in 30 days in job-log.csv; slowest 3.0 s), so it is not urgent and no rewrite is offered
# tasks.py:15:3: JF014 [unsafe] `per_record_slow` calls `refresh` once per record inline: `refresh` calls `.save()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue (measured: p95 260 s over 3 runs in 30 days in job-log.csv; slowest 260 s)
# tasks.py:18:1: JF014 [display-only] slow `long_no_loop` under daily_long, on the long queue (1500 s): no per-record loop shows, but its runs come close to that timeout (measured: p95 900 s over 3 runs in 30 days in job-log.csv; slowest 900 s)
