from __future__ import annotations

import ast
import re

from jobfix.codemods.transforms._kit.cst import AddKeywordOnlyParams, GuardCallStatement
from jobfix.codemods.transforms._kit.heavy import own_nodes
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec
from jobfix.codemods.transforms.base import Contract, Transform

# A comparison with a name or attribute holding one of these words is taken as an attempt limit
COUNTER_WORDS = frozenset({"attempt", "attempts", "retry", "retries", "retried", "tries", "try"})
ATTEMPT, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS = "attempt", "max_attempts", "3"


class UnboundedRetry(Transform):
    code = "JF010"
    name = "unbounded-retry"
    summary = "A job that re-enqueues itself on failure with no attempt limit"
    rationale = (
        "A function that catches its own failure and enqueues itself again retries forever while the "
        "cause lasts (a system that is down, a record that can never be processed): the queue fills "
        "with copies, each failing in turn, and nothing ever reports the failure because every copy "
        "swallows it. An attempt counter passed to the next run bounds the retries, and the last "
        "failure is written to the Error Log where someone will see it."
    )
    bad = '''\
# myapp/sync.py
import frappe

def sync_record(record):
    try:
        push(record)
    except Exception:
        frappe.enqueue("myapp.sync.sync_record", record=record)
'''
    good = '''\
# myapp/sync.py
import frappe

def sync_record(record, *, attempt=1, max_attempts=3):
    try:
        push(record)
    except Exception:
        if attempt < max_attempts:
            frappe.enqueue("myapp.sync.sync_record", record=record, attempt=attempt + 1, max_attempts=max_attempts)
        else:
            frappe.log_error(title=f"myapp.sync.sync_record failed {max_attempts} times", message=frappe.get_traceback())
'''
    applicability = Applicability.UNSAFE
    contract = Contract(
        "a failing job is retried a bounded number of times, then logged",
        frozenset({"signature"}),
        on_failure=frozenset({"jobs", "errors"}),
    )
    fix_safety = (
        "Unsafe: it changes the function's signature (keyword-only `attempt=1, max_attempts=3`, so "
        "every existing caller, the scheduler's included, stays valid) and its control flow: after "
        "three failed attempts the job stops retrying and logs the error instead."
    )
    version_notes = "`enqueue` keyword arguments and `frappe.log_error(title=..., message=...)` mean the same in v13-v16."
    triggers = ("enqueue",)

    def check(self, ctx):
        if ctx.info.module is None:
            return
        for function in ctx.info.functions:
            if function.class_node is not None:
                continue  # enqueue reaches module-level functions only
            dotted = ctx.info.dotted_path(function)
            retries = [c for c in self._self_enqueues(ctx, function.node, dotted)]
            if not retries or _compares_a_counter(function.node):
                continue
            for call in retries:
                message = (
                    f"`{function.qualname}` enqueues itself again in an `except` handler with no attempt limit: "
                    "while the error lasts it retries forever, and no failure is ever reported"
                )
                yield self.finding(ctx, call.node, message, self._fix(ctx, function.node, call, dotted))

    def _self_enqueues(self, ctx, func: ast.AST, dotted: str):
        enqueues = {id(call.node) for call in ctx.info.enqueue_calls if call.kind == "enqueue"}
        if not any(id(node) in enqueues for node in ctx.nodes(ast.Call, within=func)):
            return  # most functions enqueue nothing: no need to walk them for handlers
        for handler in own_nodes(func):
            if not isinstance(handler, ast.ExceptHandler):
                continue
            for node in own_nodes(handler):
                call = ctx.info.as_enqueue(node) if isinstance(node, ast.Call) else None
                if call is None or call.kind != "enqueue":
                    continue
                resolved = ctx.app.resolve(call.method_path)
                if call.method_path == dotted or (resolved is not None and resolved.dotted == dotted):
                    yield call

    def _fix(self, ctx, func: ast.FunctionDef, call, dotted: str):
        statement = ctx.info.parents.get(call.node)
        names = {n.id if isinstance(n, ast.Name) else n.arg for n in ctx.nodes((ast.Name, ast.arg), within=func)}
        if ATTEMPT in names or MAX_ATTEMPTS in names:
            return self.advice(f"Pass an attempt counter to the next run and stop after a few (`{ATTEMPT}` is already a name here)")
        if not isinstance(statement, ast.Expr) or not ctx.on_own_lines(statement) or call.has_double_star:
            return self.advice(
                f"Add `{ATTEMPT}=1, {MAX_ATTEMPTS}=3` parameters, re-enqueue with `{ATTEMPT}={ATTEMPT} + 1` only "
                f"while `{ATTEMPT} < {MAX_ATTEMPTS}`, else `frappe.log_error(title=..., message=...)`"
            )
        frappe = ctx.info.bound_name("frappe")
        imports = () if frappe else (ImportSpec("frappe"),)
        frappe = frappe or "frappe"
        log_error = (
            f'{frappe}.log_error(title=f"{dotted} failed {{{MAX_ATTEMPTS}}} times", message={frappe}.get_traceback())\n'
        )
        retry = GuardCallStatement(
            test=f"{ATTEMPT} < {MAX_ATTEMPTS}",
            keywords=((ATTEMPT, f"{ATTEMPT} + 1"), (MAX_ATTEMPTS, MAX_ATTEMPTS)),
            orelse=(log_error,),
        )
        edits = (
            Edit(ctx.path, AddKeywordOnlyParams(((ATTEMPT, "1"), (MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS))), ctx.target(func, "FunctionDef")),
            Edit(ctx.path, retry, ctx.target(statement, "SimpleStatementLine"), imports),
        )
        return self.fix(
            f"Retry at most {DEFAULT_MAX_ATTEMPTS} times (`{ATTEMPT}`, `{MAX_ATTEMPTS}` keyword parameters), then log the error",
            *edits,
        )


def _identifiers(node: ast.AST):
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            yield inner.id
        elif isinstance(inner, ast.Attribute):
            yield inner.attr


def _compares_a_counter(func: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Compare)
        and any(COUNTER_WORDS.intersection(re.split(r"[^a-z0-9]+", name.lower())) for name in _identifiers(node))
        for node in own_nodes(func)
    )
