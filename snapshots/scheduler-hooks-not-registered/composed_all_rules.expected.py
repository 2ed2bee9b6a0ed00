# jobfix-snapshot: select=JF001,JF002,JF008,JF011,JF013 all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": [
        "myapp.tasks.archive_keep_3",
        "myapp.tasks.archive",
        "myapp.tasks.purge",
        "myapp.scheduler_health.check_failed_scheduled_jobs",
    ],
    "all": ["myapp.reports.gone"],
    "cron": {
        "0 2 * * *": ["myapp.tasks.purge"],
        "*/15 * * * *": ["myapp.tasks.rebuild"],
    },
}
# --- tasks.py
import frappe


def rebuild(full=False):
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()


def archive(keep=1):
    pass


def archive_keep_3():
    """`archive` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
    archive(keep=3)


def purge():
    pass
# --- reports.py
def gone():
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
# hooks.py:4:5: JF002 [unsafe] `dayly` is not a scheduler event Frappe knows (frequency 'Dayly'): its entries never run; did you mean `daily`?
# hooks.py:5:9: JF001 [safe] `myapp.tasks.archive(keep=3)` under dayly passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:6:9: JF002 [safe] missing comma between `myapp.tasks.archive` and `myapp.tasks.purge` under dayly: the merged path names nothing, so `bench migrate` skips it with only a console warning and neither task runs
# hooks.py:9:13: JF002 [unsafe] `myapp.tasks.gone` under all names no function: `myapp.tasks` has no `gone`, so `bench migrate` skips it with only a console warning and it never runs
# hooks.py:9:33: JF011 [unsafe] heavy `myapp.tasks.rebuild` under `all`: it loops over an unbounded query (myapp.tasks:5), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
# hooks.py:10:5: JF002 [safe] cron table under `nightly` instead of `cron`: this works up to v15, but from v16 on only cron tables under `cron` are kept
