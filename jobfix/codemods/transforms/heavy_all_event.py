from __future__ import annotations

import ast

from jobfix.codemods.transforms._kit.heavy import HEAVY_PATHS, LIGHT_PATHS, weigh_path
from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.index.pymodule import literal_string
from jobfix.codemods.engine.model import Option, OptionType
from jobfix.codemods.transforms.base import Contract, Transform


class HeavyAllEvent(Transform):
    code = "JF011"
    name = "heavy-all-event"
    summary = "Heavy scheduled task under `all`, which runs every few minutes"
    rationale = (
        "`all` runs at every `scheduler_interval` (every 4 minutes by default) on the default "
        "queue. Runs do not overlap: the scheduler does not enqueue a scheduled job that is still "
        "queued or running (`ScheduledJobType.enqueue` checks `is_job_enqueued`, "
        "frappe/core/doctype/scheduled_job_type/scheduled_job_type.py:68-84, develop 2025-05). The cost "
        "of a heavy task there is a default worker taken every tick, with every other job of the "
        "site waiting behind it, and more so as the data grows."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "all": ["myapp.tasks.sync_all_orders"],
}
'''
    good = '''\
# myapp/hooks.py
scheduler_events = {
    "cron": {
        "*/15 * * * *": ["myapp.tasks.sync_all_orders"],
    },
}
'''
    example_app = '''\
# myapp/tasks.py
def sync_all_orders():
    for order in frappe.get_all("Sales Order"):
        frappe.get_doc("Sales Order", order.name).save()

# pyproject.toml
[tool.jobfix]
all-event-cron = "*/15 * * * *"
'''
    # Opt-in (issue 14): on 15 real apps every heavy `all` task was a reminder or a queue flush that
    # must run every tick by design (frappe.email.queue.flush). `--extend-select JF011` turns it on.
    default = False
    applicability = Applicability.UNSAFE
    contract = Contract("the task runs on a cron expression instead of every scheduler tick", frozenset({"schedule"}))
    fix_safety = (
        "Display-only by default: a fix must never change how often a task runs behind its author's "
        "back (a reminder that looks 5 minutes ahead misses events when moved to every 15 minutes). "
        "With `all-event-cron` set in [tool.jobfix], the person has chosen the frequency their tasks "
        "tolerate, and the unsafe fix moves the entry to that cron."
    )
    version_notes = (
        "`cron` exists in every supported version (v13-v16). Neither `all` nor (from v16) `cron` "
        "jobs keep a Scheduled Job Log, so the move loses no log. The v16 "
        "scheduler ticks every 4 minutes: expressions more frequent than that do not run at their "
        "nominal rate. Run `bench migrate` after the change."
    )
    options = (
        Option(
            "all-event-cron", OptionType.CRON, None, "the cron expression a heavy `all` task moves to",
            unset="reported only, never moved",
        ),
        HEAVY_PATHS,
        LIGHT_PATHS,
    )
    reads_hooks = True

    def check(self, ctx):
        if not ctx.is_hooks or ctx.app.hooks.scheduler_dict is None:
            return
        hooks = ctx.app.hooks
        expression = self.option(ctx, "all-event-cron")
        for entry in hooks.scheduler_entries:
            if entry.frequency != "all" or entry.path is None:
                continue
            weight = weigh_path(ctx.app, entry.dotted, ctx.config)
            if weight is None or not weight.heavy:
                continue
            message = (
                f"heavy `{entry.dotted}` under `all`: it {weight.reason}, and `all` runs it every "
                "`scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the "
                "site's other jobs wait behind it"
            )
            if expression is None:
                fix = self.advice(
                    "Run it as often as it needs and no more: a cron with the frequency it tolerates, a "
                    "`*_long` key if hourly is enough, or make each run cheap (only the records changed "
                    "since the last run). Set `all-event-cron` to let jobfix move it"
                )
            else:
                fix = self.move_to_cron(ctx, entry, expression)
            yield self.finding(ctx, entry.node, message, fix)

    def move_to_cron(self, ctx, entry, expression: str):
        from jobfix.codemods.transforms._kit.hooks_edit import Destination, Move, Remove, entry_ref, schedule_edit

        hooks = ctx.app.hooks
        cron = _value_of(hooks.scheduler_dict, "cron")
        if cron is not None and not isinstance(cron, ast.Dict):
            return self.advice(f'Schedule it under `"cron": {{"{expression}": [...]}}` (the `cron` key here is not a table)')
        ref = entry_ref(hooks.scheduler_dict, entry.node)
        if entry.path in _paths(_value_of(cron, expression) if cron is not None else None):
            return self.fix(
                f"Remove it from `all`: it already runs on `{expression}`",
                schedule_edit(ctx, Remove(ref)),
            )
        return self.fix(f'Move it to `cron` "{expression}"', schedule_edit(ctx, Move(ref, Destination("cron", expression))))


def _value_of(table: ast.Dict, key: str) -> ast.expr | None:
    return next((v for k, v in zip(table.keys, table.values) if literal_string(k) == key), None)


def _paths(value: ast.expr | None) -> set[str]:
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value] if value is not None else []
    return {p for p in map(literal_string, items) if p}
