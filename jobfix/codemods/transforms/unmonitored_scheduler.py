from __future__ import annotations

from jobfix.codemods.engine.model import Applicability, NewFile
from jobfix.codemods.transforms.base import Contract, Transform

HEALTH_MODULE = "scheduler_health"
HEALTH_TASK = "check_failed_scheduled_jobs"
JOB_LOG = "Scheduled Job Log"

# The health-check module the fix adds. Only APIs every version from v13 to v16 has
#: frappe.db.count and frappe.get_all with filters in dict form,
# limit_page_length, frappe.utils.add_days/now_datetime, and frappe.log_error in keyword form.
HEALTH_MODULE_TEXT = '''\
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


def {task}():
{i}filters = {{"status": "Failed", "creation": (">=", add_days(now_datetime(), -1))}}
{i}failed = frappe.db.count("{log}", filters)
{i}if failed <= FAILED_JOBS_THRESHOLD:
{i}{i}return
{i}latest = frappe.get_all(
{i}{i}"{log}",
{i}{i}filters=filters,
{i}{i}fields=["scheduled_job_type", "creation"],
{i}{i}order_by="creation desc",
{i}{i}limit_page_length=LISTED_FAILURES,
{i})
{i}lines = [f"{{row.creation}}  {{row.scheduled_job_type}}" for row in latest]
{i}frappe.log_error(
{i}{i}title=f"{{failed}} scheduled job(s) failed in the last day",
{i}{i}message="See the {log} list for the tracebacks. Latest failures:\\n" + "\\n".join(lines),
{i})
'''


class UnmonitoredScheduler(Transform):
    code = "JF013"
    name = "unmonitored-scheduler"
    summary = "App with scheduler_events but no check of failed scheduled jobs"
    rationale = (
        "A scheduled job that raises is caught by Frappe: the job is marked Failed in its "
        "Scheduled Job Log, no Error Log is written, and the RQ job ends as finished. Unless "
        "something looks at those logs, a task can fail every day for months unnoticed. jobfix "
        f"counts as a health check any app code that reads `{JOB_LOG}` rows with status `Failed`."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.send_invoices"],
}
'''
    good = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.send_invoices", "myapp.scheduler_health.check_failed_scheduled_jobs"],
}

# myapp/scheduler_health.py
def check_failed_scheduled_jobs():  # shortened
    filters = {"status": "Failed", "creation": (">=", add_days(now_datetime(), -1))}
    if failed := frappe.db.count("Scheduled Job Log", filters):
        frappe.log_error(title=f"{failed} scheduled jobs failed in the last day", message=...)
'''
    example_app = '''\
# myapp/tasks.py
def send_invoices(): ...
'''
    # Opt-in (issue 14): app-wide advice, true of almost every app (14 of 15 real apps), that
    # maintainers seldom act on; it crowded out the findings about code. `--extend-select JF013`.
    default = False
    applicability = Applicability.UNSAFE
    contract = Contract("a daily task checks for failed scheduled jobs", frozenset({"schedule"}))
    fix_safety = (
        "Unsafe: it adds a module and a daily task to the app (an Error Log whenever scheduled jobs "
        "failed the day before). Opt in with `--unsafe-fixes`."
    )
    version_notes = (
        "The task uses only APIs of every version v13-v16 (`frappe.db.count`, `frappe.get_all`, "
        "`frappe.log_error(title=, message=)`). `all` jobs keep no Scheduled Job Log in any "
        "version, and from v16 new `cron` jobs keep none either: their failures "
        "leave no trace this check can count."
    )
    reads_hooks = True

    def check(self, ctx):
        hooks = ctx.app.hooks
        if not ctx.is_hooks or hooks.scheduler_assign is None:
            return
        if hooks.scheduler_dict is not None and not hooks.scheduler_entries:
            return  # an empty scheduler_events schedules nothing
        if has_health_check(ctx.app):
            return
        where = getattr(hooks.scheduler_assign, "targets", [getattr(hooks.scheduler_assign, "target", hooks.scheduler_assign)])[0]
        message = (
            "the app schedules tasks but nothing checks for failed scheduled jobs: Frappe records a "
            "failure only as a Failed Scheduled Job Log, so failing tasks go unnoticed"
        )
        if ctx.frappe.has("cron_without_log") and any(e.cron is not None for e in hooks.scheduler_entries):
            message += f" (and on {ctx.frappe} its cron jobs keep no log at all)"
        yield self.finding(ctx, where, message, self.add_health_check(ctx))

    def add_health_check(self, ctx):
        from jobfix.codemods.transforms._kit.hooks_edit import Add, Destination, schedule_edit

        hooks = ctx.app.hooks
        if hooks.scheduler_dict is None:
            return self.advice(
                f"Add a daily task that counts Failed `{JOB_LOG}` rows and calls `frappe.log_error`"
            )
        module = free_module_name(ctx.app, HEALTH_MODULE)
        path = ctx.app.package_dir.joinpath(*module.split(".")[1:]).with_suffix(".py")
        indent = "\t" if any(line.startswith("\t") for line in ctx.lines) else "    "
        text = HEALTH_MODULE_TEXT.format(task=HEALTH_TASK, log=JOB_LOG, i=indent)
        dotted = f"{module}.{HEALTH_TASK}"
        return self.fix(
            f"Add `{path.name}` with a daily `{HEALTH_TASK}` and schedule it under `daily`",
            schedule_edit(ctx, Add(dotted, Destination("daily"))),
            new_files=(NewFile(path, text),),
        )


def has_health_check(app) -> bool:
    """Whether app code (not hooks.py) reads Scheduled Job Log rows with status Failed."""
    return app.has_strings(JOB_LOG, "Failed")


def free_module_name(app, base: str) -> str:
    """``<app>.scheduler_health``, or with a number when that module (or package) exists."""
    name, n = base, 2
    while any(p.exists() or p.is_symlink() for p in (app.package_dir / name, app.package_dir / f"{name}.py")):
        name, n = f"{base}_{n}", n + 1
    return f"{app.name}.{name}"
