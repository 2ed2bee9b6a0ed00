from __future__ import annotations

import ast
import operator

from jobfix.codemods.transforms._kit.cst import SetKeyword
from jobfix.codemods.evidence.model import seconds
from jobfix.codemods.transforms._kit.heavy import HEAVY_PATHS, LIGHT_PATHS, QUEUE_TIMEOUTS, queue_limits, walks_a_table
from jobfix.codemods.transforms._kit.measured import measured
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.index.pymodule import literal_string
from jobfix.codemods.transforms.base import Contract, Transform

SHORT_QUEUES = frozenset({"short", "default"})
# enqueue(method, queue="default", timeout=None, ...) and enqueue_doc(doctype, name=None, method=None,
# queue="default", timeout=300, ...) in every version (frappe/utils/background_jobs.py:75, 211)
POSITIONS = {"enqueue": {"queue": 1, "timeout": 2}, "enqueue_doc": {"queue": 3, "timeout": 4}}
ENQUEUE_DOC_TIMEOUT = 300
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv}


class QueueTimeoutMismatch(Transform):
    code = "JF003"
    name = "queue-timeout-mismatch"
    summary = "`enqueue` on a queue that does not fit the work: heavy work on short/default, `enqueue_doc` on long cut at 300 s"
    rationale = (
        "`enqueue` honours an explicit `timeout=` on every queue; the queue's own timeout (`short` and "
        "`default` 300 s, `long` 1500 s, custom queues what `common_site_config.json` `workers` says) "
        "applies only when none is given (frappe/utils/background_jobs.py:167-168, develop 2025-05). "
        "So heavy work on `short`/`default` is not cut when it passes its own "
        "timeout: its cost is that it holds one of the workers that serve the quick jobs users wait "
        "for. Without a timeout it is also stopped at 300 s as the data grows. `frappe.enqueue_doc` "
        "has its own `timeout=300` default and passes it on (background_jobs.py:211, 228), so "
        "`enqueue_doc(..., queue=\"long\")` without a timeout still dies at 300 s. \"Heavy\" is strict "
        "here: the job function itself loops over an unbounded query (or `heavy` in [tool.jobfix] says "
        "so). A light job on `long` is not reported: it only waits behind long ones, and a job that "
        "looks light often calls heavy code jobfix cannot see."
    )
    bad = '''\
frappe.enqueue("myapp.reports.rebuild_all", timeout=1200)
frappe.enqueue_doc("Sales Invoice", name, "repost", queue="long")
'''
    good = '''\
frappe.enqueue("myapp.reports.rebuild_all", timeout=1200, queue="long")
frappe.enqueue_doc("Sales Invoice", name, "repost", queue="long", timeout=1500)
'''
    applicability = Applicability.UNSAFE
    contract = Contract("the job runs on another queue or with another timeout", frozenset({"queues"}))
    fix_safety = (
        "Unsafe: `queue=\"long\"` changes timing. The job now waits behind whatever long jobs are "
        "queued (on a busy site, minutes) where it used to start within seconds, and without an "
        "explicit `timeout` it may run 1500 s instead of being stopped at 300 s; the heavy-work "
        "verdict is a heuristic. What the job does is unchanged. `timeout=` on `enqueue_doc` lets a "
        "job run past 300 s, which its `queue=\"long\"` asked for. With a site's evidence (`--site`, "
        "`--job-log`), a target that is also a scheduled task is judged by its measured runs too: a p95 "
        "above half the queue's timeout is reported even when the code looks light, and a heavy-looking "
        "target whose slowest run took a few seconds gets advice instead of a fix."
    )
    version_notes = (
        "Queues and their timeouts, and `enqueue_doc`'s own `timeout=300`, are the same in v13-v16 "
        "(`get_queues_timeout()`); custom worker timeouts from `common_site_config.json` are read from "
        "v13.22.0 on."
    )
    options = (QUEUE_TIMEOUTS, HEAVY_PATHS, LIGHT_PATHS)
    triggers = ("enqueue",)

    def check(self, ctx):
        limits = queue_limits(ctx)
        for call in ctx.info.enqueue_calls:
            finding = self._check_call(ctx, call, limits)
            if finding is not None:
                yield finding

    def _argument(self, call, name: str) -> tuple[ast.expr | None, bool]:
        """The argument ``name`` and whether it was passed by position."""
        if name in call.keywords:
            return call.keywords[name], False
        index = POSITIONS[call.kind][name]
        if len(call.node.args) > index:
            return call.node.args[index], True
        return None, False

    def _check_call(self, ctx, call, limits: dict[str, int]):
        if call.has_double_star or call.runs_in_process:
            return None
        queue_node, queue_by_position = self._argument(call, "queue")
        queue = "default" if queue_node is None else literal_string(queue_node)
        timeout_node, _ = self._argument(call, "timeout")
        limit = limits.get(queue) if queue is not None else None
        if limit is None:
            return None  # a computed queue, or one this bench does not define: nothing to compare with
        where = f"the `{queue}` queue"
        if call.kind == "enqueue_doc" and timeout_node is None:
            if queue == "long":
                return self.finding(
                    ctx, call.node,
                    f"`enqueue_doc(..., queue=\"long\")` without `timeout`: `enqueue_doc` passes its own "
                    f"`timeout={ENQUEUE_DOC_TIMEOUT}`, so the job is still stopped at {ENQUEUE_DOC_TIMEOUT} s, "
                    f"not at the long queue's {limits['long']} s",
                    self.fix(
                        f"Pass `timeout={limits['long']}`, the long queue's own",
                        Edit(ctx.path, SetKeyword("timeout", str(limits["long"])), ctx.target(call.node, "Call")),
                    ),
                )
            return None
        if timeout_node is not None:
            timeout = constant_seconds(timeout_node)
            if timeout is None or queue not in SHORT_QUEUES or timeout <= limit:
                return None  # Frappe honours an explicit timeout on every queue
            message = (
                f"`{call.kind}` with `timeout={timeout}` on {where}: Frappe honours it, but the job holds one of "
                f"the `{queue}` workers that serve quick jobs for up to {timeout} s"
            )
            return self._to_long(ctx, call, message, queue_by_position)
        if call.kind != "enqueue":
            return None  # enqueue_doc runs a document method: its weight is not read
        weight = walks_a_table(ctx.app, call.method_path, ctx.config)
        timed = measured(ctx, call.method_path)  # figures exist for scheduled targets only
        if weight is None and timed is None:
            return None
        heavy = weight is not None and weight.heavy
        slow = timed is not None and timed.slow(limit)
        if (heavy or slow) and queue in SHORT_QUEUES:
            if heavy:
                message = (
                    f"heavy `{call.method_path}` enqueued on {where} without a timeout: it {weight.reason}, so it is "
                    f"stopped at {limit} s as the data grows, and holds a worker that serves quick jobs until then"
                )
            else:
                message = (
                    f"slow `{call.method_path}` enqueued on {where} without a timeout: its scheduled runs come "
                    f"close to the {limit} s it is stopped at"
                )
            if slow:
                message += f" (measured: {timed.citation})"
            elif timed is not None and timed.fast:  # the code's forecast, against what the site saw
                message += (
                    f"; though its slowest scheduled run took {seconds(timed.figures.max)} "
                    f"(measured: {timed.citation}), so it is not urgent"
                )
                return self.finding(ctx, call.node, message, self.advice("Consider `queue=\"long\"` as the data grows"))
            return self._to_long(ctx, call, message, queue_by_position)
        return None


    def _to_long(self, ctx, call, message: str, queue_by_position: bool):
        if queue_by_position:
            return self.finding(ctx, call.node, message, self.advice("Pass `\"long\"` as the queue"))
        edit = Edit(ctx.path, SetKeyword("queue", '"long"'), ctx.target(call.node, "Call"))
        return self.finding(ctx, call.node, message, self.fix("Enqueue it with `queue=\"long\"`", edit))


def constant_seconds(node: ast.expr | None) -> int | None:
    """``3600``, ``60 * 60``, ``25 * 60 + 30``: a number of seconds known without running the code."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return int(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        left, right = constant_seconds(node.left), constant_seconds(node.right)
        if left is not None and right is not None and not (isinstance(node.op, ast.FloorDiv) and right == 0):
            return _ARITHMETIC[type(node.op)](left, right)
    return None
