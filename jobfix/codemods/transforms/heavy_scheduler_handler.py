from __future__ import annotations

import ast
from dataclasses import dataclass

from jobfix.codemods.evidence.model import seconds
from jobfix.codemods.index.frappe_api import LONG_QUEUE_KEYS, queue_of_scheduler_key
from jobfix.codemods.transforms._kit.heavy import NETWORK_MODULES, PER_RECORD_CALLS, is_unbounded_query, queue_limits, weigh
from jobfix.codemods.transforms._kit.heavy import HEAVY_PATHS, LIGHT_PATHS, QUEUE_TIMEOUTS
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms._kit.loops import (
    FOR_LOOPS, RECORD_WRITES, bound_query, frappe_module, function_record_work, loop_source, walk,
)
from jobfix.codemods.transforms._kit.measured import measured
from jobfix.codemods.index.pymodule import ENQUEUE_DOC_FUNCTIONS, ENQUEUE_FUNCTIONS
from jobfix.codemods.engine.model import Applicability, Edit, RewriteContext
from jobfix.codemods.index.frappe_api import ENQUEUE_PARAMETERS
from jobfix.codemods.transforms.base import Contract, Transform

SIMPLE_VALUES = (ast.Name, ast.Attribute, ast.Constant)
# Per-record work too cheap to fan out: a mail is only queued (Email Queue), a row updated or deleted.
CHEAP_CALLS = frozenset({"frappe.sendmail", "frappe.delete_doc", *RECORD_WRITES})
CHEAP_METHODS = frozenset({"delete", "db_set", "db_update"})
DOCUMENT_LOADS = frozenset({"frappe.get_doc", "frappe.get_cached_doc"})
LINE_LENGTH = 100

PROCESS_STATE = ("frappe.flags", "frappe.local")


class HeavySchedulerHandler(Transform):
    code = "JF014"
    name = "heavy-scheduler-handler"
    summary = "A scheduled handler that does heavy work for each record inline instead of enqueuing one job per record"
    rationale = (
        "A scheduled handler runs as one job with one timeout (300 s on the default queue). When it "
        "loops over records and does the heavy work for each inline, the run grows with the data "
        "until it is killed half-way, every time, and one slow record delays all the others. "
        "Enqueuing one job per record on the long queue keeps the handler short, gives each record "
        "its own transaction and timeout, and lets the workers share the load; a per-record job id "
        "with `deduplicate=True` keeps a record from being queued twice when the next run comes "
        "before its job has finished."
    )
    bad = '''\
# myapp/tasks.py
import frappe

def generate_all_reports():
    for report in frappe.get_all("Scheduled Report", pluck="name"):
        generate_report(report)

def generate_report(report):
    frappe.get_doc("Scheduled Report", report).run()
'''
    good = '''\
# myapp/tasks.py
import frappe

def generate_all_reports():
    for report in frappe.get_all("Scheduled Report", pluck="name"):
        frappe.enqueue(
            "myapp.tasks.generate_report",
            queue="long",
            report=report,
            job_id=f"myapp.tasks.generate_report::report={report}",
            deduplicate=True,
        )

def generate_report(report):
    frappe.get_doc("Scheduled Report", report).run()
'''
    example_app = '''\
# myapp/hooks.py
scheduler_events = {"daily": ["myapp.tasks.generate_all_reports"]}
'''
    applicability = Applicability.UNSAFE
    contract = Contract(
        "each record's work runs in its own job on the long queue; the same records persist",
        frozenset({"jobs", "queues", "job_identity", "commits"}),
        on_failure=frozenset({"persisted", "outcome", "errors"}),
    )
    fix_safety = (
        "Unsafe: the work happens later, in parallel jobs, each in its own transaction; the handler "
        "ends before the records are done and a failure shows in that record's job, not in the "
        "scheduled run. Offered only when the callee is a module-level function of the app (so its "
        "dotted path is certain), its result is not used, and every argument maps to one of its "
        "parameters by name (none named like an `enqueue` parameter, which `enqueue` would take), and "
        "not after the handler sets `frappe.flags`/`frappe.local` (state of its own process the jobs "
        "would not see). The job id names every argument, constants included. "
        "With a site's evidence (`--site`, `--job-log`): the message cites the figures; a handler whose "
        "slowest run took a few seconds keeps its finding but gets no rewrite (nothing shows it growing "
        "yet); and a handler on the long queue whose p95 run takes more than half its timeout is "
        "reported even without a per-record loop (display-only: how to split it is a person's call)."
    )
    version_notes = (
        "`job_id` from v14.36.1 and `deduplicate` from v15.0.0: the per-record id is "
        "added on v15 and later; `deduplicate` is never added without `job_id` (it throws)."
    )
    options = (HEAVY_PATHS, LIGHT_PATHS, QUEUE_TIMEOUTS)
    reads_background_functions = True

    def check(self, ctx):
        for function, roles in ctx.functions_with_roles():
            if not roles.is_scheduled:
                continue
            entry = roles.scheduled[0]
            own = ctx.info.dotted_path(function)
            queue = queue_of_scheduler_key(entry.frequency)
            limit = queue_limits(ctx)[queue]
            timed = measured(ctx, entry.dotted)
            reported = False
            for loop in walk(function.node.body):
                if not isinstance(loop, FOR_LOOPS) or bound_query(ctx.info, function.node, loop_source(loop)) is None:
                    continue  # records come from a query: not a literal list, a few settings, an API page
                for statement in loop.body:
                    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
                        continue
                    call = statement.value
                    resolved = ctx.app.resolve(ctx.info.call_name(call))
                    if resolved is None or not resolved.is_function or resolved.dotted == own:
                        continue
                    reason = self._heavy(ctx, resolved)
                    if reason is None:
                        continue
                    message = (
                        f"`{function.qualname}` calls `{resolved.name}` once per record inline: `{resolved.name}` "
                        f"{reason}, and the whole run (scheduled, {entry.event}) shares one job and its "
                        f"{limit} s timeout on the {queue} queue"
                    )
                    fix = self._fix(ctx, loop, call, resolved)
                    if timed is not None and timed.slow(limit):
                        message += f" (measured: {timed.citation})"
                    elif timed is not None and timed.fast:  # the site has not seen the growth the code foresees
                        message += (
                            f", though its slowest run took {seconds(timed.figures.max)} (measured: {timed.citation}), "
                            "so it is not urgent and no rewrite is offered"
                        )
                        fix = self.advice(fix.message)
                    reported = True
                    yield self.finding(ctx, call, message, fix)
            if not reported and timed is not None and entry.frequency in LONG_QUEUE_KEYS and timed.slow(limit):
                message = (
                    f"slow `{function.qualname}` under {entry.event}, on the long queue ({limit} s): no per-record "
                    f"loop shows, but its runs come close to that timeout (measured: {timed.citation})"
                )
                advice = (
                    "Split the run: enqueue one job per record or batch, each with its own timeout, or give it "
                    "a worker with a longer timeout (common_site_config.json `workers`)"
                )
                yield self.finding(ctx, function.node, message, self.advice(advice))

    def _heavy(self, ctx, resolved) -> str | None:
        info = ctx.app.module_info(resolved.module)
        if resolved.dotted not in HEAVY_PATHS.of(ctx.config) and not _costly(ctx.app, info, resolved.node):
            return None  # it enqueues already, or its work is cheap: nothing to fan out
        weight = weigh(ctx.app, info, resolved.node, ctx.config)
        if weight.heavy:
            return weight.reason
        if resolved.dotted in LIGHT_PATHS.of(ctx.config):
            return None
        what = function_record_work(ctx.app, info, resolved.node)
        return f"calls {what}" if what else None

    def _fix(self, ctx, loop, call, resolved):
        what = f"Enqueue one `{resolved.name}` job per record on the long queue"
        state = _process_state_before(ctx, loop)
        if state is not None:
            return self.advice(
                f"{what}; not rewritten: `{ctx.segment(state)}` (line {state.lineno}) sets state of this process "
                "that the jobs, each in a worker of its own, would not see"
            )
        mapping = self._arguments(ctx, loop, call, resolved.node)
        if isinstance(mapping, str):
            return self.advice(f"{what}; not rewritten: {mapping}")
        frappe, imports = frappe_module(ctx)
        arguments = [f"{name}={ctx.segment(value)}" for name, value in mapping]
        if ctx.frappe.has("job_id") and ctx.frappe.has("deduplicate"):
            # every argument by name, constants too: two calls with different constants keep their own jobs
            parts = [
                f"{name}={_f_string_text(str(value.value))}" if isinstance(value, ast.Constant)
                else f"{name}={{{ctx.segment(value)}}}"
                for name, value in mapping
            ]
            arguments += [f'job_id=f"{"::".join([resolved.dotted, *parts])}"', "deduplicate=True"]
            what += ", with a per-record `job_id` and `deduplicate=True`"
        else:
            what += f" (no per-record job id: {ctx.frappe.lacks('deduplicate')})"
        code = f'{frappe}.enqueue("{resolved.dotted}", queue="long", {", ".join(arguments)})'
        return self.fix(what, Edit(ctx.path, EnqueueInstead(code), ctx.target(call, "Call"), imports))

    def _arguments(self, ctx, loop, call: ast.Call, func) -> list[tuple[str, ast.expr]] | str:
        """The callee's parameter name for each argument of the call, or why they do not map."""
        params = func.args
        if isinstance(func, ast.AsyncFunctionDef):
            return "the callee is a coroutine"
        if params.posonlyargs or params.vararg:
            return "the callee takes positional-only or `*args` parameters"
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return "the call unpacks `*`/`**` arguments"
        if len(call.args) > len(params.args):
            return "the call passes more positional arguments than the callee takes"
        mapping = [(p.arg, value) for p, value in zip(params.args, call.args)]
        mapping += [(k.arg, k.value) for k in call.keywords]
        named = {p.arg for p in [*params.args, *params.kwonlyargs]}
        unknown = [n for n, _ in mapping if n not in named]
        if unknown and params.kwarg is None:
            return f"`{unknown[0]}` is not a parameter of the callee"
        given = {n for n, _ in mapping}
        required = params.args[: len(params.args) - len(params.defaults)] + [
            p for p, default in zip(params.kwonlyargs, params.kw_defaults) if default is None
        ]
        missing = [p.arg for p in required if p.arg not in given]
        if missing:
            return f"the call does not pass `{missing[0]}`"
        taken = sorted(given & ENQUEUE_PARAMETERS)
        if taken:
            return f"the parameter `{taken[0]}` would be taken by `enqueue` itself"
        if not all(isinstance(v, SIMPLE_VALUES) for _, v in mapping):
            return "an argument is an expression; give it a name first"
        loop_names = {
            n.id for outer in (loop, *ctx.info.ancestors(loop)) if isinstance(outer, FOR_LOOPS)
            for n in ast.walk(outer.target) if isinstance(n, ast.Name)
        }
        if not any(isinstance(n, ast.Name) and n.id in loop_names for _, v in mapping for n in ast.walk(v)):
            return "no argument depends on the record"
        return mapping


@dataclass(frozen=True)
class EnqueueInstead:
    """A rewrite of the per-record call: the ``enqueue`` call ``code`` in its place, with one
    argument per line when it would not fit on one."""

    code: str

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.Call:
        call = cst.parse_expression(self.code, config=ctx.module.config_for_parsing)
        if ctx.position(ctx.original).start.column + len(self.code) > LINE_LENGTH:
            call = one_argument_per_line(call, ctx.module.default_indent)
        return call.with_changes(lpar=node.lpar, rpar=node.rpar)


def one_argument_per_line(call: cst.Call, indent: str) -> cst.Call:
    def line_break(last_line: str) -> cst.ParenthesizedWhitespace:
        return cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(last_line))

    last = len(call.args) - 1
    args = [
        arg.with_changes(comma=cst.Comma(whitespace_after=line_break("" if i == last else indent)))
        for i, arg in enumerate(call.args)
    ]
    return call.with_changes(whitespace_before_args=line_break(indent), args=args)


def _f_string_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}")


def _process_state_before(ctx, loop) -> ast.AST | None:
    """An assignment to ``frappe.flags``/``frappe.local`` (or a call like ``frappe.flags.update``) in
    the function before the loop: the inline calls see it, jobs run in other processes do not."""
    func = ctx.info.enclosing_function(loop)
    if func is None:
        return None
    for node in ctx.nodes((ast.Assign, ast.AugAssign, ast.Call), within=func):
        if node.lineno >= loop.lineno:
            break
        if isinstance(node, ast.Call):
            mutates = isinstance(node.func, ast.Attribute) and node.func.attr in ("update", "setdefault", "pop")
            targets = [node.func.value] if mutates else []
        else:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            while isinstance(target, (ast.Attribute, ast.Subscript)):
                name = ctx.info.qualname(target) if isinstance(target, ast.Attribute) else None
                if name and name.startswith(PROCESS_STATE):
                    return node
                target = target.value
    return None


def _costly(index, info, func, depth: int = 0) -> bool:
    """Per-record work worth a job of its own: a network call, a document saved or its method run,
    a loop over a query. Not a function that enqueues (already fanned out), nor one whose only work
    is cheap (a mail queued, a row written or deleted)."""
    nodes = list(walk(func.body))
    calls = [n for n in nodes if isinstance(n, ast.Call)]
    names = [info.call_name(c) or "" for c in calls]
    if any(name in ENQUEUE_FUNCTIONS or name in ENQUEUE_DOC_FUNCTIONS for name in names):
        return False
    for call, name in zip(calls, names):
        if name.startswith(NETWORK_MODULES) or (name in PER_RECORD_CALLS and name not in CHEAP_CALLS | DOCUMENT_LOADS):
            return True
        if isinstance(call.func, ast.Attribute) and not name.startswith("frappe.") and call.func.attr not in CHEAP_METHODS:
            if _on_document(info, func, call.func.value):
                return True  # a method of a loaded document: `frappe.get_doc(...).run()`
        target = index.function(name) if depth < 2 else None
        if target is not None and target[1] is not func and _costly(index, *target, depth + 1):
            return True
    return any(isinstance(n, FOR_LOOPS) and is_unbounded_query(info, loop_source(n)) for n in nodes)


def _on_document(info, func, node) -> bool:
    """``frappe.get_doc(...)`` itself, or a name bound to one in ``func``."""
    if isinstance(node, ast.Call):
        return (info.call_name(node) or "") in DOCUMENT_LOADS
    if isinstance(node, ast.Name):
        return any(
            isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and (info.call_name(n.value) or "") in DOCUMENT_LOADS
            and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)
            for n in walk(func.body)
        )
    return False
