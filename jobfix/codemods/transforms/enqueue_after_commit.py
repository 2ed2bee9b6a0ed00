from __future__ import annotations

import ast

from jobfix.codemods.transforms._kit.cst import SetKeyword
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.transforms.base import Contract, Transform


class EnqueueAfterCommit(Transform):
    code = "JF012"
    name = "enqueue-after-commit"
    summary = "`enqueue` in a document event without `enqueue_after_commit=True`"
    rationale = (
        "A document event runs inside the request's transaction. A job enqueued there can start "
        "before that transaction commits and then not find the document, or find it as it was. "
        "`enqueue_after_commit=True` holds the job back until the commit, and drops it on rollback."
    )
    bad = '''\
class SalesOrder(Document):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.process", doc_name=self.name)
'''
    good = '''\
class SalesOrder(Document):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.process", doc_name=self.name, enqueue_after_commit=True)
'''
    applicability = Applicability.SAFE
    contract = Contract(
        "the job is queued when the transaction commits, and not when it rolls back",
        frozenset({"timing"}),
        on_failure=frozenset({"jobs", "persisted"}),
    )
    fix_safety = (
        "Safe: only the moment the job is queued changes. With `enqueue_after_commit=True`, `enqueue` "
        "returns None instead of the job, so where the call's result is used (`job.id`) the finding is "
        "display-only; so is a call that passes `**` arguments, which may already hold the keyword."
    )
    version_notes = "`enqueue_after_commit` exists in every supported version (v13-v16); `enqueue_doc` forwards it."
    triggers = ("enqueue",)

    def check(self, ctx):
        for call in ctx.info.enqueue_calls:
            func, roles = ctx.enclosing_roles(call.node)
            if not roles.is_doc_event:
                continue
            keywords = call.keywords
            if "enqueue_after_commit" in keywords:
                continue
            if call.runs_in_process:
                continue  # now=True runs the job in-process (a computed `now=` is false in production)
            single = roles.doc_events == (func.name,)
            where = f"document event `{func.name}`" if single else f"doc_events handler `{func.name}`"
            message = (
                f"`{call.kind}` in {where} without `enqueue_after_commit=True`: "
                "the job can run before the document is committed"
                + ("" if single else f" (it handles {', '.join(roles.doc_events)})")
            )
            if call.has_double_star:
                fix = self.advice(
                    "Pass `enqueue_after_commit=True` (the call passes `**` arguments: jobfix cannot tell whether "
                    "they already hold it)"
                )
            elif (use := _result_use(ctx, func, call.node)) is not None:
                fix = self.advice(
                    f"Pass `enqueue_after_commit=True` and stop using the call's result (line {use.lineno}): "
                    "with it, `enqueue` returns None instead of the job"
                )
            else:
                edit = Edit(ctx.path, SetKeyword("enqueue_after_commit", "True"), ctx.target(call.node, "Call"))
                fix = self.fix("Add `enqueue_after_commit=True`", edit)
            yield self.finding(ctx, call.node, message, fix)


def _result_use(ctx, func, call: ast.Call) -> ast.AST | None:
    """Where the call's result is used: the call itself when it is part of an expression, or a
    later read of the one name it is assigned to; None when it is dropped or never read."""
    parent = ctx.info.parents.get(call)
    if isinstance(parent, ast.Expr):
        return None
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name)):
        return call
    name = parent.targets[0].id
    return next((n for n in ctx.nodes(ast.Name, within=func) if n.id == name and isinstance(n.ctx, ast.Load)), None)
