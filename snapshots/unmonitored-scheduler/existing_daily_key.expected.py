# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"Daily": [
		"myapp.tasks.sync",
		"myapp.scheduler_health.check_failed_scheduled_jobs",
	],
}
# --- tasks.py
def sync():
	pass
# --- scheduler_health.py
"""Daily check of failed scheduled jobs (added by jobfix, JF013).

Frappe catches the exception of a failing scheduled job: it marks the job's Scheduled Job Log
as Failed and writes no Error Log, so nobody hears of it. This task counts the failures of the
last day and records one Error Log when there are more than FAILED_JOBS_THRESHOLD.

`all` jobs never keep a Scheduled Job Log, and from Frappe v16 on neither do `cron` jobs: their
failures cannot be counted here.
"""

import frappe
from frappe.utils import add_days, now_datetime

FAILED_JOBS_THRESHOLD = 0  # up to this many failures a day are not reported
LISTED_FAILURES = 20


def check_failed_scheduled_jobs():
	filters = {"status": "Failed", "creation": (">=", add_days(now_datetime(), -1))}
	failed = frappe.db.count("Scheduled Job Log", filters)
	if failed <= FAILED_JOBS_THRESHOLD:
		return
	latest = frappe.get_all(
		"Scheduled Job Log",
		filters=filters,
		fields=["scheduled_job_type", "creation"],
		order_by="creation desc",
		limit_page_length=LISTED_FAILURES,
	)
	lines = [f"{row.creation}  {row.scheduled_job_type}" for row in latest]
	frappe.log_error(
		title=f"{failed} scheduled job(s) failed in the last day",
		message="See the Scheduled Job Log list for the tracebacks. Latest failures:\n" + "\n".join(lines),
	)
# --- findings
# hooks.py:3:1: JF013 [unsafe] the app schedules tasks but nothing checks for failed scheduled jobs: Frappe records a failure only as a Failed Scheduled Job Log, so failing tasks go unnoticed
