from __future__ import annotations

from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.evidence.model import seconds
from jobfix.codemods.index.frappe_api import LONG_QUEUE_KEYS, queue_of_scheduler_key
from jobfix.codemods.transforms._kit.heavy import QUEUE_TIMEOUTS, queue_limits
from jobfix.codemods.transforms._kit.measured import measured
from jobfix.codemods.transforms.base import Transform


class ScheduledTaskKilled(Transform):
    code = "JF015"
    name = "scheduled-task-killed"
    summary = "A scheduled task whose runs the site measured as killed: left at `Start`, never finished (needs --site or --job-log)"
    rationale = (
        "Frappe marks a scheduled run `Start` in its Scheduled Job Log when it begins and `Complete` or "
        "`Failed` when it ends. A run still at `Start` after its queue's timeout (or when the next run "
        "has already begun) was killed: by the timeout, or with its worker. Nothing is logged as failed, "
        "no Error Log is written, and whatever the run had not committed is lost; the next run starts "
        "over, on more data, and is killed again. Only the site knows: this rule reads the evidence "
        "given with `--site` or `--job-log` and reports the task's entry in hooks.py."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.rebuild_all_reports"],
}
# myapp/job-log.csv
Scheduled Job,Status,Created On,Last Updated On
myapp.tasks.rebuild_all_reports,Complete,2025-05-01 00:00:02,2025-05-01 00:04:41
myapp.tasks.rebuild_all_reports,Start,2025-05-02 00:00:02,2025-05-02 00:00:02
myapp.tasks.rebuild_all_reports,Complete,2025-05-03 00:00:02,2025-05-03 00:04:57
'''
    good = '''\
# myapp/hooks.py
scheduler_events = {
    "daily_long": ["myapp.tasks.rebuild_all_reports"],  # 1500 s instead of 300 s
}
# or: rebuild_all_reports enqueues one job per report (JF014), each with its own timeout
'''
    example_app = '''\
# myapp/tasks.py
def rebuild_all_reports():
    pass
'''
    applicability = Applicability.DISPLAY_ONLY
    fix_safety = (
        "Display-only: the queue or the batching must change, and which one depends on how far the "
        "runs are from fitting. JF008 moves a default-queue task to its `*_long` twin; JF014 enqueues "
        "the per-record work; a task already on the long queue needs splitting, or a worker with a "
        "longer timeout (common_site_config.json `workers`)."
    )
    version_notes = (
        "Every version logs scheduled runs except those under `all` and, from v16, `cron`: their "
        "kills leave no trace to read."
    )
    options = (QUEUE_TIMEOUTS,)
    reads_hooks = True

    def check(self, ctx):
        if not ctx.is_hooks or ctx.evidence is None:
            return
        limits = queue_limits(ctx)
        for entry in ctx.app.hooks.scheduler_entries:
            timed = measured(ctx, entry.dotted)
            if timed is None or not timed.figures.killed:
                continue
            queue = queue_of_scheduler_key(entry.frequency)
            killed = timed.figures.killed
            total = killed + timed.figures.runs
            figures = timed.figures
            message = (
                f"`{entry.dotted}` under {entry.event} killed {killed} of {total} runs: in {ctx.evidence.window} "
                f"{ctx.evidence.where}, they were left at `Start` (past the {queue} queue's {limits[queue]} s, "
                "or a later run began)"
            )
            if figures.runs:
                message += f"; the finished ones: p95 {seconds(figures.p95)}, slowest {seconds(figures.max)}"
            if entry.frequency in LONG_QUEUE_KEYS:
                advice = (
                    "Split the work so each job fits the long queue's timeout: enqueue one job per record "
                    "or batch (JF014), or give it a worker with a longer timeout (common_site_config.json `workers`)"
                )
            else:
                advice = "Move it to the long queue (a `*_long` key, JF008), or enqueue the per-record work (JF014)"
            yield self.finding(ctx, entry.node, message, self.advice(advice))
