from __future__ import annotations

import ast
import operator

import libcst as cst

from jobfix.codemods.transforms._kit.cst import SetKeyword
from jobfix.codemods.index.frappe_api import queue_timeouts
from jobfix.codemods.index.frappe_version import bench_worker_timeouts
from jobfix.codemods.transforms._kit.heavy import is_trivial, weigh_path
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.index.pymodule import literal_string
from jobfix.codemods.transforms.base import Transform

SHORT_QUEUES = frozenset({"short", "default"})
# enqueue(method, queue="default", timeout=None, ...) in every version (frappe-api.md §1)
POSITIONS = {"queue": 1, "timeout": 2}
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv}


def constant_seconds(node: ast.expr | None) -> int | None:
    """``3600``, ``60 * 60``, ``25 * 60 + 30``: a number of seconds known without running the code."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return int(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        left, right = constant_seconds(node.left), constant_seconds(node.right)
        if left is not None and right is not None and not (isinstance(node.op, ast.FloorDiv) and right == 0):
            return _ARITHMETIC[type(node.op)](left, right)
    return None


class QueueTimeoutMismatch(Transform):
    code = "JF003"
    name = "queue-timeout-mismatch"
    summary = "`enqueue` on a queue that does not fit the work: timeout above its limit, heavy work on short/default, trivial work on long"
    rationale = (
        "Frappe gives each queue a timeout: `short` and `default` 300 s, `long` 1500 s, custom queues "
        "what `common_site_config.json` `workers` says (frappe-api.md §1). The short and default "
        "queues serve the quick jobs users wait for; a job that needs more than 300 s, or that loops "
        "over every record of a table, belongs on `long`, or it is killed as the data grows and "
        "holds up the quick jobs until then. A job longer than even the long queue's limit should be "
        "split into smaller jobs. A trivial job on `long` waits behind long-running ones for no gain."
    )
    bad = '''\
frappe.enqueue("myapp.reports.rebuild_all", timeout=1200)  # on "default": 300 s
frappe.enqueue("myapp.reports.rebuild_everything", queue="long", timeout=7200)
'''
    good = '''\
frappe.enqueue("myapp.reports.rebuild_all", timeout=1200, queue="long")
# split rebuild_everything into one job per company (or per batch) that each fit in 1500 s
'''
    applicability = Applicability.UNSAFE
    fix_safety = (
        "Unsafe: `queue=\"long\"` changes timing. The job now waits behind whatever long jobs are "
        "queued (on a busy site, minutes) where it used to start within seconds, and without an "
        "explicit `timeout` it may run 1500 s instead of being stopped at 300 s; the heavy-work "
        "verdict is a heuristic. What the job does is unchanged. A job longer than the long queue's "
        "limit, a custom queue over its limit and a trivial job on `long` are display-only: splitting "
        "a job or choosing a queue for it is a person's decision."
    )
    version_notes = (
        "Queues and their timeouts are the same in v13-v16 (`get_queues_timeout()`); custom worker "
        "timeouts from `common_site_config.json` are read from v13.22.0 on."
    )
    options = ("queue-timeouts", "heavy", "light")
    triggers = ("enqueue",)

    def check(self, ctx):
        limits = queue_timeouts(bench_worker_timeouts(ctx.app.package_dir), dict(ctx.config.queue_timeouts))
        for call in ctx.info.enqueue_calls:
            finding = self._check_call(ctx, call, limits)
            if finding is not None:
                yield finding

    def _argument(self, call, name: str) -> tuple[ast.expr | None, bool]:
        """The argument ``name`` and whether it was passed by position."""
        if name in call.keywords:
            return call.keywords[name], False
        index = POSITIONS[name]
        if call.kind == "enqueue" and len(call.node.args) > index:
            return call.node.args[index], True
        return None, False

    def _check_call(self, ctx, call, limits: dict[str, int]):
        if call.has_double_star or call.runs_in_process:
            return None
        queue_node, queue_by_position = self._argument(call, "queue")
        queue = "default" if queue_node is None else literal_string(queue_node)
        timeout_node, _ = self._argument(call, "timeout")
        timeout = constant_seconds(timeout_node)
        long_limit = limits["long"]
        limit = limits.get(queue) if queue is not None else None
        where = f"the `{queue}` queue ({limit} s)" if limit is not None else None

        if timeout is not None and timeout > long_limit and (limit is None or timeout > limit):
            if queue == "long":
                message = f"`{call.kind}` with `timeout={timeout}` on the long queue: more than its {long_limit} s"
            else:
                on = f" on {where}" if where else ""
                message = f"`{call.kind}` with `timeout={timeout}`{on}: more than even the long queue's {long_limit} s"
            return self.finding(
                ctx, call.node, message,
                self.advice(
                    "Split the job into smaller jobs that each fit in the long queue's "
                    f"{long_limit} s (one per record or batch), or give it a queue of its own with a "
                    "larger timeout in common_site_config.json `workers`"
                ),
            )
        if limit is None:
            return None  # a computed queue, or one this bench does not define: nothing to compare with
        if timeout is not None and timeout > limit:
            message = f"`{call.kind}` with `timeout={timeout}` on {where}: longer than the queue allows"
            if queue in SHORT_QUEUES:
                return self._to_long(ctx, call, message, queue_by_position)
            return self.finding(
                ctx, call.node, message,
                self.advice(f"Raise the `{queue}` worker's timeout in common_site_config.json `workers`, or use `queue=\"long\"`"),
            )
        if call.kind != "enqueue" or timeout is not None:
            return None  # enqueue_doc runs a document method; an explicit timeout that fits is the author's estimate
        weight = weigh_path(ctx.app, call.method_path, ctx.config)
        if weight is None:
            return None
        if weight.heavy and queue in SHORT_QUEUES:
            message = f"`{call.method_path}` {weight.reason}, but is enqueued on {where}"
            return self._to_long(ctx, call, message, queue_by_position)
        if queue == "long" and self._trivial(ctx, call.method_path):
            return self.finding(
                ctx, call.node,
                f"`{call.method_path}` is trivial (a few statements, no loop, query or per-record call) "
                "but is enqueued on the long queue, where it waits behind long-running jobs",
                self.advice("Use the default queue (drop `queue=\"long\"`) or `queue=\"short\"`"),
            )
        return None

    def _to_long(self, ctx, call, message: str, queue_by_position: bool):
        if queue_by_position:
            return self.finding(ctx, call.node, message, self.advice("Pass `\"long\"` as the queue"))
        edit = Edit(ctx.path, SetKeyword("queue", '"long"'), ctx.target(call.node, cst.Call))
        return self.finding(ctx, call.node, message, self.fix("Enqueue it with `queue=\"long\"`", edit))

    def _trivial(self, ctx, dotted: str) -> bool:
        target = ctx.app.function(dotted)
        return target is not None and dotted not in ctx.config.heavy and is_trivial(*target)

