from __future__ import annotations

import ast
import re

from jobfix.codemods.transforms._kit.cst import GuardCallStatement, SetKeyword
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec
from jobfix.codemods.index.pymodule import literal_string
from jobfix.codemods.index.frappe_api import ENQUEUE_PARAMETERS
from jobfix.codemods.transforms.base import Contract, Transform

# enqueue_doc(doctype, name, method, ...) names the document; those three make the job's identity
ENQUEUE_DOC_IDENTITY = ("doctype", "name", "method")
# Calls that look at the queue before enqueueing
QUEUE_CHECKS = frozenset({"get_jobs", "is_job_enqueued", "is_job_queued", "get_job", "get_job_status"})
# Words in a condition that say "this work is already running": a status field or a lock
BUSY_WORDS = frozenset({"status", "running", "progress", "processing", "queued", "lock", "locked", "busy"})
ID_NAMES = ("job_id", "enqueue_job_id", "jobfix_job_id")


class UnguardedUserJob(Transform):
    code = "JF004"
    name = "unguarded-user-job"
    summary = "`enqueue` in a whitelisted endpoint without a `job_id` guard: a double click queues the job twice"
    rationale = (
        "A button that calls a whitelisted method is clicked twice, or a request is retried, and the "
        "same job is queued twice: two exports, two emails, two runs racing over the same records. "
        "From v14.36.1 `enqueue(job_id=...)` names the job and `is_job_enqueued(job_id)` tells whether "
        "it is queued or running; from v15 `deduplicate=True` makes `enqueue` skip it by itself. "
        "The id must be specific: the method, the user and the call's arguments, "
        "so that two different exports by one user are not merged into one. Endpoints with "
        "`allow_guest=True` are usually webhooks handling distinct events and are not reported."
    )
    bad = '''\
import frappe

@frappe.whitelist()
def start_export(customer_group):
    frappe.enqueue(
        "myapp.exports.export_customers",
        customer_group=customer_group,
    )
'''
    good = '''\
import frappe

@frappe.whitelist()
def start_export(customer_group):
    frappe.enqueue(
        "myapp.exports.export_customers",
        customer_group=customer_group,
        job_id=f"myapp.exports.export_customers::{frappe.session.user}::customer_group={customer_group}",
        deduplicate=True,
    )
'''
    # Opt-in (issue 14): on 15 real apps most user-started jobs were idempotent (a preview, a
    # rebuild, a sync that checks what exists) or guarded by a status the endpoint sets, so a
    # second copy finds nothing to do. `--extend-select JF004` turns it on.
    default = False
    applicability = Applicability.UNSAFE
    contract = Contract("a job identical to one still queued is not queued again", frozenset({"job_identity", "duplicates"}))
    fix_safety = (
        "Unsafe: it changes control flow on purpose. A call made while the same job (same method, "
        "user and arguments) is still queued or running no longer queues a second one, which is the "
        "point, but a second run the user wanted (say, after changing data the running job has "
        "already read) is dropped too. Calls whose result is used are display-only: with the guard "
        "the result is None when the job is already queued, and the endpoint's return value must not "
        "change. So are calls with an argument that is not a plain name (jobfix cannot put it in the "
        "id without evaluating it twice), calls that pass `**` arguments, and calls whose method is "
        "neither a dotted path nor a request's argument (a function object's text differs between "
        "processes). The id names the method by dotted path, the user, and every argument by name, "
        "constants included, so two calls that differ in anything keep their own jobs."
    )
    version_notes = (
        "v15 and later: `job_id=..., deduplicate=True`. v14.36.1 and later: `job_id=...` behind "
        "`if not is_job_enqueued(job_id):` (imported from `frappe.utils.background_jobs`). v13 and "
        "v14 before 14.36.1 have no `job_id` (an unknown keyword is passed to the job and breaks it): "
        "display-only, pointing to `get_jobs(..., key=\"job_name\")`. `deduplicate` is never written "
        "without `job_id` (enqueue throws)."
    )
    triggers = ("enqueue",)

    def check(self, ctx):
        for call in ctx.info.enqueue_calls:
            func, roles = ctx.enclosing_roles(call.node)
            if func is None or not roles.whitelisted or roles.allow_guest:
                continue
            keywords = call.keywords
            if call.runs_in_process or "job_id" in keywords or "deduplicate" in keywords:
                continue  # already guarded (or deduplicate without job_id: a different bug)
            if self._checked_before(ctx, func, call.node):
                continue
            message = (
                f"`{call.kind}` in whitelisted `{func.name}` without a `job_id`: "
                "a double click or a retried request queues the job twice"
            )
            if not ctx.frappe.has("job_id"):
                message += f" (no automatic fix: {ctx.frappe.lacks('job_id')})"
            fix = (
                self.advice("Pass `job_id=` built from the method, the user and every argument (the call passes `**` "
                            "arguments: jobfix cannot tell what they hold)")
                if call.has_double_star and ctx.frappe.has("job_id") else self._fix(ctx, call)
            )
            yield self.finding(ctx, call.node, message, fix)

    def _checked_before(self, ctx, func: ast.AST, call_node: ast.Call) -> bool:
        """A queue look-up, or a condition on a status field or lock, before the call (or around it)."""
        where = (call_node.lineno, call_node.col_offset)
        enclosing = set(ctx.info.ancestors(call_node))
        for node in ctx.nodes((ast.Call, ast.If, ast.While, ast.Assert, ast.IfExp), within=func):
            if isinstance(node, ast.Call) and node is not call_node:
                name = ctx.info.call_name(node) or ""
                if name.rsplit(".", 1)[-1] in QUEUE_CHECKS and (node.lineno, node.col_offset) < where:
                    return True
            test = getattr(node, "test", None)
            if isinstance(node, (ast.If, ast.While, ast.Assert, ast.IfExp)) and test is not None:
                if (node in enclosing or (node.lineno, node.col_offset) < where) and _busy_word(test):
                    return True
        return False

    def _fix(self, ctx, call):
        if not ctx.frappe.has("job_id"):
            queued = (
                "`frappe.utils.safe_exec.is_job_queued(job_name, queue)` (one queue only)"
                if ctx.frappe.has("is_job_queued")
                else "the job names `get_jobs()` returns"
            )
            return self.advice(
                "Pass an explicit `job_name=` and skip the call when "
                f"`get_jobs(site=frappe.local.site, queue=..., key=\"job_name\")` already lists it, or check "
                f"{queued}"
            )
        frappe = ctx.info.bound_name("frappe")
        imports = () if frappe else (ImportSpec("frappe"),)
        job_id, why_not = self._job_id(ctx, call, frappe or "frappe")
        if job_id is None:
            return self.advice(
                f"Pass `job_id=` built from the method's dotted path, `frappe.session.user` and every argument "
                f"({why_not}, so jobfix cannot build it)"
            )
        parent = ctx.info.parents.get(call.node)
        if not isinstance(parent, ast.Expr):
            return self.advice(
                "The call's result is used, and with a guard it is None when the job is already queued: "
                f"pass `job_id={job_id}` and handle that case"
            )
        if ctx.frappe.has("deduplicate"):
            target = ctx.target(call.node, "Call")
            edits = (
                Edit(ctx.path, SetKeyword("job_id", job_id), target, imports),
                Edit(ctx.path, SetKeyword("deduplicate", "True"), target),
            )
            return self.fix("Add `job_id=...` and `deduplicate=True`", *edits)
        taken = _names_in(ctx.info, ctx.info.enclosing_function(call.node))
        variable = next((n for n in ID_NAMES if n not in taken), None)
        if not ctx.on_own_lines(parent) or variable is None:
            return self.advice(
                f"Guard the call with `if not is_job_enqueued(<id>):` and pass it `job_id=<id>`, where <id> is {job_id}"
            )
        guard = GuardCallStatement(
            test=f"not is_job_enqueued({variable})",
            keywords=(("job_id", variable),),
            before=(f"{variable} = {job_id}\n",),
        )
        edit = Edit(
            ctx.path, guard, ctx.target(parent, "SimpleStatementLine"),
            (*imports, ImportSpec("frappe.utils.background_jobs", "is_job_enqueued")),
        )
        return self.fix("Enqueue with `job_id=...` only when `is_job_enqueued(job_id)` is False", edit)

    def _job_id(self, ctx, call, frappe: str) -> tuple[str | None, str]:
        """The f-string of an id that tells every two different calls apart: the target by dotted
        path (a function object's text differs between processes), the user, and every argument
        the job receives, by name, constants included; or None and why there is none."""
        func = ctx.info.enclosing_function(call.node)
        parameters = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)} if func else set()
        if call.kind == "enqueue":
            identity = [("method", call.method)]
            values = [(k.arg, k.value) for k in call.node.keywords if k.arg not in ENQUEUE_PARAMETERS]
        else:
            given = dict(zip(ENQUEUE_DOC_IDENTITY, call.node.args)) | {
                k.arg: k.value for k in call.node.keywords if k.arg in ENQUEUE_DOC_IDENTITY
            }
            identity = [(name, given.get(name)) for name in ENQUEUE_DOC_IDENTITY]
            values = [(k.arg, k.value) for k in call.node.keywords if k.arg not in ENQUEUE_PARAMETERS | set(ENQUEUE_DOC_IDENTITY)]
        parts: list[str] = []
        for name, node in identity:
            text = _target_path(ctx, call) if name == "method" and call.kind == "enqueue" else literal_string(node)
            if text is not None:
                parts.append(_f_string_text(text))
            elif node is None:
                parts.append("None")
            elif name == "method" and not (isinstance(node, ast.Name) and node.id in parameters):
                # a request's argument is a string; any other name may be a function object
                return None, f"the method `{ctx.segment(node)}` is not a dotted path jobfix can read"
            elif _simple(node):
                parts.append("{" + ctx.segment(node) + "}")
            else:
                return None, f"`{name}` is not a plain name"
        user = f"{frappe}.session.user"
        parts.append("{" + user + "}")
        for name, node in values:
            if isinstance(node, ast.Constant):
                parts.append(f"{name}=" + _f_string_text(str(node.value)))  # constants tell two call sites apart
            elif not _simple(node):
                return None, f"`{name}=` is not a plain name"
            elif ctx.segment(node) != user:
                parts.append(f"{name}={{{ctx.segment(node)}}}")
        return 'f"' + "::".join(parts) + '"', ""


def _busy_word(node: ast.AST) -> bool:
    for inner in ast.walk(node):
        text = (
            inner.attr if isinstance(inner, ast.Attribute)
            else inner.id if isinstance(inner, ast.Name)
            else inner.value if isinstance(inner, ast.Constant) and isinstance(inner.value, str)
            else inner.arg if isinstance(inner, ast.keyword) and inner.arg
            else ""
        )
        if BUSY_WORDS.intersection(re.split(r"[^a-z0-9]+", text.lower())):
            return True
    return False


def _simple(node: ast.expr) -> bool:
    """A name or a chain of attributes (``customer``, ``self.name``): safe to put in an f-string."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _f_string_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}")


def _target_path(ctx, call) -> str | None:
    """The enqueued method's dotted path: a string, or a function reached through an import
    (``self.create_boms`` or ``schedule.create_shifts`` name a bound method of an object: no path)."""
    if literal_string(call.method) is not None:
        return call.method_path
    base = call.method
    while isinstance(base, ast.Attribute):
        base = base.value
    imported = isinstance(base, ast.Name) and (base.id in ctx.info.imports or base.id in ctx.info.definitions)
    return call.method_path if imported else None


def _names_in(info, func: ast.AST | None) -> set[str]:
    if func is None:
        return set()
    return {n.id if isinstance(n, ast.Name) else n.arg for n in info.nodes((ast.Name, ast.arg), within=func)}
