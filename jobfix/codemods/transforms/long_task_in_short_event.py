from __future__ import annotations

from jobfix.codemods.evidence.model import seconds
from jobfix.codemods.transforms._kit.heavy import HEAVY_PATHS, LIGHT_PATHS, QUEUE_TIMEOUTS, queue_limits, weigh_path
from jobfix.codemods.transforms._kit.measured import measured
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.transforms.base import Contract, Transform

LONG_TWIN = {"hourly": "hourly_long", "daily": "daily_long", "weekly": "weekly_long", "monthly": "monthly_long"}
NO_TWIN = frozenset({"cron", "yearly", "annual"})


class LongTaskInShortEvent(Transform):
    code = "JF008"
    name = "long-task-in-short-event"
    summary = "Heavy scheduled task on the default queue (300 s) instead of a `*_long` event"
    rationale = (
        "`hourly`, `daily`, `weekly` and `monthly` jobs run on the default queue, whose jobs are "
        "killed after 300 seconds. A task that loops over unbounded queries or saves documents per "
        "record outgrows that as the data grows, and then fails every time. The `*_long` twin of "
        "the event runs on the long queue (1500 s) at the same frequency."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.rebuild_all_reports"],
}
'''
    good = '''\
# myapp/hooks.py
scheduler_events = {
    "daily_long": ["myapp.tasks.rebuild_all_reports"],
}
'''
    example_app = '''\
# myapp/tasks.py
def rebuild_all_reports():
    for report in frappe.get_all("Report"):
        frappe.get_doc("Report", report.name).save()
'''
    # Opt-in (issue 14): on 15 real apps its loops over a query were almost all small filtered sets
    # (expired invitations, overdue tasks) that Frappe's own hooks keep under `daily`; the verdict
    # cannot tell them from a table scan. `--extend-select JF008` turns it on.
    default = False
    applicability = Applicability.SAFE
    contract = Contract("the task runs on the long queue", frozenset({"queues"}))
    fix_safety = (
        "Safe: the task keeps its frequency and code; only the queue (and so the timeout) changes. "
        "Unlike a user-triggered job (JF003, unsafe), no one waits for a scheduled task, so starting "
        "behind other long jobs (and, on v14/v15, up to 10 minutes of jitter) changes nothing anyone "
        "relies on. `cron`, `yearly` and `annual` have no long twin: those are display-only (see JF014). "
        "With a site's evidence (`--site`, `--job-log`), a task whose p95 run takes more than half the "
        "300 s is reported even when its code shows no loop, and the fix cites the figures; a task the "
        "code calls heavy but whose slowest run took a few seconds is still reported, with the figures, "
        "but its fix becomes unsafe: the code foresees growth the site has not seen yet."
    )
    version_notes = "`*_long` events exist in every supported version (v13-v16); run `bench migrate` after the change."
    reads_hooks = True
    options = (HEAVY_PATHS, LIGHT_PATHS, QUEUE_TIMEOUTS)

    def check(self, ctx):
        from jobfix.codemods.transforms._kit.hooks_edit import Destination, Move, ScheduleEdit, entry_ref

        if not ctx.is_hooks:
            return
        hooks = ctx.app.hooks
        for entry in hooks.scheduler_entries:
            if entry.path is None or (entry.frequency not in LONG_TWIN and entry.frequency not in NO_TWIN):
                continue
            weight = weigh_path(ctx.app, entry.dotted, ctx.config)
            heavy = weight is not None and weight.heavy
            timed = measured(ctx, entry.dotted)
            slow = timed is not None and timed.slow(queue_limits(ctx)["default"])
            if not heavy and not slow:
                continue
            if heavy:
                message = f"heavy `{entry.dotted}` under {entry.event}, on the default queue (300 s): it {weight.reason}"
            else:
                message = (
                    f"slow `{entry.dotted}` under {entry.event}, on the default queue (300 s): its runs come close "
                    "to that timeout"
                )
            applicability, cited = None, ""
            if slow:
                message += f" (measured: {timed.citation})"
                cited = f" (measured: {timed.citation})"
            elif timed is not None and timed.fast:  # the code's forecast, against what the site saw
                message += (
                    f", though its slowest run took {seconds(timed.figures.max)} (measured: {timed.citation}), "
                    "so it is not urgent and the move waits for --unsafe-fixes"
                )
                applicability = Applicability.UNSAFE
            if entry.frequency in NO_TWIN:
                fix = self.advice(
                    f"`{entry.key}` has no long-queue twin: make the task enqueue its work with "
                    "`queue=\"long\"` (see JF014)"
                )
            else:
                long_key = LONG_TWIN[entry.frequency]
                move = ScheduleEdit((Move(entry_ref(hooks.scheduler_dict, entry.node), Destination(long_key)),))
                fix = self.fix(
                    f"Move the entry to `{long_key}`{cited}",
                    Edit(ctx.path, move, ctx.target(hooks.scheduler_dict, "Dict")),
                    applicability=applicability,
                )
            yield self.finding(ctx, entry.node, message, fix)
