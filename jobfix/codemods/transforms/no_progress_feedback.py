from __future__ import annotations

import ast

from jobfix.codemods.transforms._kit.loops import (
    FOR_LOOPS, PROGRESS_CALLS, SIZED_BUILTINS, Progress, RecordLoop, bound_query, fresh_name, frappe_module,
    is_query, loop_of, loop_source, record_work, scope_of, walk,
)
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec
from jobfix.codemods.index.pymodule import literal_true
from jobfix.codemods.transforms._kit.loops import BATCH_SIZE
from jobfix.codemods.transforms.base import Contract, Transform


class NoProgressFeedback(Transform):
    code = "JF009"
    name = "no-progress-feedback"
    summary = "A job started from a button that loops over records without reporting progress"
    rationale = (
        "A whitelisted endpoint that enqueues a long job returns at once; the person who clicked sees "
        "nothing until the job ends, or fails, minutes later, and clicks again. "
        "`frappe.publish_progress` shows a progress bar to the user who enqueued the job (the job runs "
        "as that user). Reporting every N records keeps the realtime traffic small."
    )
    bad = '''\
# myapp/api.py
import frappe

@frappe.whitelist()
def start_export(customer_group):
    frappe.enqueue("myapp.api.export_customers", customer_group=customer_group)

def export_customers(customer_group):
    for name in frappe.get_all("Customer", filters={"customer_group": customer_group}, pluck="name"):
        push_to_crm(frappe.get_doc("Customer", name))
'''
    good = '''\
# myapp/api.py
import frappe
from frappe import _

@frappe.whitelist()
def start_export(customer_group):
    frappe.enqueue("myapp.api.export_customers", customer_group=customer_group)

def export_customers(customer_group):
    records = frappe.get_all("Customer", filters={"customer_group": customer_group}, pluck="name")
    records_seen = 0
    for name in records:
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(records), title=_("Export Customers"))
        records_seen += 1
        push_to_crm(frappe.get_doc("Customer", name))
'''
    applicability = Applicability.SAFE
    contract = Contract("progress is published while the loop runs", frozenset({"progress"}))
    fix_safety = (
        "Safe: the records and the work done on them do not change; the loop also publishes a realtime "
        "message every N records (0 % before the first). The iterable is given a name before the loop "
        "when it is a call, so that `len()` can count it; it is evaluated once, as before. Offered only "
        "when the iterable certainly has a length (a query, a list, a job argument): not a query with "
        "`as_iterator=...` (a cursor), a generator, or a name of unknown origin."
    )
    version_notes = "`frappe.publish_progress(percent, title=...)` exists in every supported version."
    options = (BATCH_SIZE,)
    reads_background_functions = True

    def check(self, ctx):
        for function, roles in ctx.functions_with_roles():
            if not roles.job_target:
                continue
            callers = self._whitelisted_callers(ctx, ctx.info.dotted_path(function))
            if not callers:
                continue
            nodes = list(walk(function.node.body))
            if reports_progress(ctx.app, ctx.info, nodes):
                continue
            loop = next((n for n in nodes if isinstance(n, FOR_LOOPS) and loop_of(ctx.info, n) is None
                         and self._over_records(ctx, function.node, loop_source(n))
                         and not self._recurses(ctx, function, n)
                         and record_work(ctx, walk(n.body)) is not None), None)
            if loop is None:
                continue
            message = (
                f"`{function.qualname}` loops over records without `publish_progress`: it runs in the background "
                f"for {', '.join(f'`{c}`' for c in callers)}, and the user sees nothing until it ends"
            )
            yield self.finding(ctx, loop, message, self._fix(ctx, function, loop))

    def _whitelisted_callers(self, ctx, dotted: str) -> list[str]:
        """The whitelisted functions that enqueue ``dotted``."""
        callers = []
        for path, line in ctx.app.job_targets.get(dotted, ()):
            module = ctx.app.module_name(path)
            info = ctx.app.module_info(module) if module else None
            for call in info.enqueue_calls if info else ():
                func = info.enclosing_function(call.node)
                if call.node.lineno != line or func is None or not ctx.app.roles(info, func).whitelisted:
                    continue
                if literal_true(call.keyword("enqueue_after_commit")):
                    continue  # a job that follows a save the request makes: nobody waits on it
                resolved = ctx.app.resolve(call.method_path)
                if (resolved.dotted if resolved else call.method_path) == dotted:
                    callers.append(f"{module}.{func.name}")
        return sorted(set(callers))

    def _recurses(self, ctx, function, loop) -> bool:
        """The loop calls the job itself once per item: each call would start a progress bar of its
        own over the one the user watches."""
        own = ctx.info.dotted_path(function)
        return any(isinstance(n, ast.Call) and ctx.info.call_name(n) == own for n in walk(loop.body))

    def _over_records(self, ctx, func, node) -> bool:
        """Records the user chose (a parameter of the job) or a query's: not a list of settings,
        files or combinations the job builds for itself."""
        if self._parameter(func, node) or bound_query(ctx.info, func, node) is not None:
            return True
        call = node if isinstance(node, ast.Call) else _bound_call(func, node)
        target = ctx.app.function(ctx.info.call_name(call)) if call is not None else None
        return target is not None and any(  # an app helper that returns a query's rows
            isinstance(r, ast.Return) and r.value is not None and any(is_query(target[0], q) for q in ast.walk(r.value))
            for r in walk(target[1].body)
        )

    @staticmethod
    def _parameter(func, node) -> bool:
        args = func.args
        return isinstance(node, ast.Name) and node.id in {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}

    def _sized(self, ctx, func, node) -> bool:
        """The iterable certainly has a ``len()``: a job argument (pickled, so never a generator), a
        literal, a comprehension, ``list(...)``-like builtins, or a query that returns a list (not
        ``as_iterator=...``, which streams rows from a cursor)."""
        if isinstance(node, ast.Name):
            if self._parameter(func, node):
                return True
            query = bound_query(ctx.info, func, node)
            return query is not None and not _streams(query)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp)):
            return True
        return (is_query(ctx.info, node) and not _streams(node)) or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SIZED_BUILTINS
        )

    def _fix(self, ctx, function, loop):
        size = BATCH_SIZE.of(ctx.config)
        what = f"Publish progress every {size} records with `frappe.publish_progress(percent=..., title=...)`"
        source = loop_source(loop)
        if not self._sized(ctx, function.node, source):
            return self.advice(f"{what}; not rewritten: the number of records is not known before the loop")
        if not ctx.on_own_lines(loop) or not ctx.on_own_lines(loop.body[0]):
            return self.advice(f"{what}; not rewritten: the loop shares a line with other code")
        scope = scope_of(ctx.info, loop)
        frappe, imports = frappe_module(ctx)
        hoist = not isinstance(source, ast.Name)
        total = fresh_name(ctx.info, scope, "records") if hoist else source.id
        words = function.node.name.replace("_", " ").strip().title()
        if self._underscore_free(ctx, scope):
            title, imports = f'_("{words}")', (*imports, ImportSpec("frappe", "_"))
        else:
            title = f'"{words}"'
        progress = Progress(frappe, fresh_name(ctx.info, scope, "records_seen"), size, total, title, hoist)
        return self.fix(what, Edit(ctx.path, RecordLoop(progress=progress), ctx.target(loop, "For"), imports))

    @staticmethod
    def _underscore_free(ctx, scope) -> bool:
        """``_`` can be Frappe's translation function here: imported from frappe, or not bound at all."""
        if ctx.info.imports.get("_", "frappe._") != "frappe._" or "_" in ctx.info.definitions:
            return False
        return not any(
            (isinstance(n, ast.Name) and n.id == "_" and not isinstance(n.ctx, ast.Load)) or (isinstance(n, ast.arg) and n.arg == "_")
            for n in ctx.nodes((ast.Name, ast.arg), within=scope)
        )


def reports_progress(index, info, nodes, depth: int = 0) -> bool:
    """Progress is already reported: ``publish_progress``/``publish_realtime``, a call whose name
    says progress (``show_progress``, ``set_progress``, ``update_progress_bar``), or an app function
    (two levels deep) that does one of these."""
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = info.call_name(node) or ""
        if name in PROGRESS_CALLS or "progress" in name.rsplit(".", 1)[-1].lower():
            return True
        target = index.function(name) if depth < 2 and index.is_app else None
        if target is not None and target[1] not in nodes and reports_progress(index, target[0], list(walk(target[1].body)), depth + 1):
            return True
    return False


def _bound_call(func, node) -> ast.Call | None:
    """The call a plain name is bound to by its one assignment from a call in ``func``."""
    if not isinstance(node, ast.Name):
        return None
    calls = [n.value for n in walk(func.body) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
             and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)]
    return calls[0] if len(calls) == 1 else None


def _streams(query: ast.Call) -> bool:
    """``as_iterator=`` anything but a literal False: the query yields rows one by one, with no length."""
    flag = next((k.value for k in query.keywords if k.arg == "as_iterator"), None)
    return any(k.arg is None for k in query.keywords) or (
        flag is not None and not (isinstance(flag, ast.Constant) and flag.value is False)
    )
