from __future__ import annotations

import ast

from jobfix.codemods.transforms._kit.heavy import weigh_path
from jobfix.codemods.transforms._kit.hooks_edit import Destination, Move, Remove, entry_ref, schedule_edit
from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.index.pymodule import literal_string
from jobfix.codemods.transforms.base import Transform


class HeavyAllEvent(Transform):
    code = "JF011"
    name = "heavy-all-event"
    summary = "Heavy scheduled task under `all`, which runs every few minutes"
    rationale = (
        "`all` runs at every `scheduler_interval` (every 4 minutes by default) on the default "
        "queue. A task that loops over an unbounded query or saves documents per record takes "
        "longer as the data grows; runs then overlap and pile up in the queue, and every other "
        "job of the site waits behind them. A cron expression runs it as often as it is needed."
    )
    bad = '''\
scheduler_events = {
    "all": ["myapp.tasks.sync_all_orders"],
}
'''
    good = '''\
scheduler_events = {
    "cron": {
        "*/15 * * * *": ["myapp.tasks.sync_all_orders"],
    },
}
'''
    applicability = Applicability.UNSAFE
    fix_safety = (
        "Unsafe: the task runs less often (every 15 minutes by default, `all-event-cron` in "
        "[tool.jobfix]), which changes how fresh its results are."
    )
    version_notes = (
        "`cron` exists in every supported version (v13-v16). Neither `all` nor (from v16) `cron` "
        "jobs keep a Scheduled Job Log (frappe-api.md §4), so the move loses no log. The v16 "
        "scheduler ticks every 4 minutes: expressions more frequent than that do not run at their "
        "nominal rate. Run `bench migrate` after the change."
    )
    options = ("all-event-cron", "heavy", "light")
    reads_hooks = True

    def check(self, ctx):
        if not ctx.is_hooks or ctx.app.hooks.scheduler_dict is None:
            return
        hooks = ctx.app.hooks
        expression = ctx.config.all_event_cron
        for entry in hooks.scheduler_entries:
            if entry.frequency != "all" or entry.path is None:
                continue
            weight = weigh_path(ctx.app, entry.dotted, ctx.config)
            if weight is None or not weight.heavy:
                continue
            message = (
                f"`{entry.dotted}` runs under `all` (every `scheduler_interval`, 4 minutes by default) but "
                f"{weight.reason}: runs overlap and hold up the site's other jobs"
            )
            yield self.finding(ctx, entry.node, message, self.move_to_cron(ctx, entry, expression))

    def move_to_cron(self, ctx, entry, expression: str):
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
