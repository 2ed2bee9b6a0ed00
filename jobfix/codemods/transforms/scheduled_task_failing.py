from __future__ import annotations

from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.transforms._kit.measured import measured
from jobfix.codemods.transforms.base import Transform


class ScheduledTaskFailing(Transform):
    code = "JF016"
    name = "scheduled-task-failing"
    summary = "A scheduled task whose runs failed on the site, with the last error (needs --site or --job-log)"
    rationale = (
        "Frappe catches the exception of a scheduled task, rolls back, marks the run `Failed` in its "
        "Scheduled Job Log with the traceback, and goes on: no Error Log, no email, and the next run "
        "fails the same way. The failures are on the site, not in the code: this rule reads the "
        "evidence given with `--site` or `--job-log` and reports, at the task's entry in hooks.py, how "
        "many runs failed in the window and the last line of the last traceback."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.assign_open_tasks"],
}
# myapp/job-log.csv
Scheduled Job,Status,Created On,Last Updated On,Details
myapp.tasks.assign_open_tasks,Complete,2025-05-01 00:00:02,2025-05-01 00:00:03,
myapp.tasks.assign_open_tasks,Failed,2025-05-02 00:00:02,2025-05-02 00:00:03,"  File ""tasks.py"", line 9, in assign_open_tasks
frappe.exceptions.MandatoryError: [ToDo, 3c1f9a27be]: description"
'''
    good = '''\
# myapp/tasks.py
def assign_open_tasks():
    for task in frappe.get_all("Task", filters={"status": "Open"}, fields=["name", "subject"]):
        try:
            make_todo(task)
        except Exception:
            frappe.log_error(title=f"Could not assign {task.name}")  # one bad record, not the run
'''
    applicability = Applicability.DISPLAY_ONLY
    fix_safety = (
        "Display-only: the cause is in the traceback (Scheduled Job Log, filtered on Status = Failed), "
        "and only a person can fix it. JF013 adds a daily check so that new failures are noticed."
    )
    version_notes = (
        "Every version logs scheduled runs except those under `all` and, from v16, `cron`: their "
        "failures leave no Scheduled Job Log to read."
    )
    reads_hooks = True

    def check(self, ctx):
        if not ctx.is_hooks or ctx.evidence is None:
            return
        for entry in ctx.app.hooks.scheduler_entries:
            timed = measured(ctx, entry.dotted)
            if timed is None or not timed.figures.failures:
                continue
            figures = timed.figures
            message = (
                f"`{entry.dotted}` under {entry.event} failed {figures.failures} of {figures.runs} runs: in "
                f"{ctx.evidence.window} {ctx.evidence.where}"
            )
            if figures.last_failure is not None:
                message += f", the last on {figures.last_failure:%Y-%m-%d %H:%M}"
            if figures.last_error:
                message += f", with `{figures.last_error.replace('`', chr(39))}`"
            advice = (
                "Read the tracebacks (Scheduled Job Log, Status = Failed) and fix the cause; where one record "
                "can fail, catch and log it (`frappe.log_error`) so it does not fail the whole run"
            )
            yield self.finding(ctx, entry.node, message, self.advice(advice))
