from __future__ import annotations

import ast

import libcst as cst

from jobfix.codemods.transforms._kit.cst import SetKeyword
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.transforms.base import Transform


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
    fix_safety = (
        "Safe when the call is a statement of its own: only the moment the job is queued changes. "
        "With `enqueue_after_commit=True`, `enqueue` returns None instead of the job, so where the "
        "call's result is used the fix is unsafe."
    )
    version_notes = "`enqueue_after_commit` exists in every supported version (v13-v16); `enqueue_doc` forwards it."
    triggers = ("enqueue",)

    def check(self, ctx):
        for call in ctx.info.enqueue_calls:
            func, roles = ctx.enclosing_roles(call.node)
            if not roles.is_doc_event:
                continue
            keywords = call.keywords
            if "enqueue_after_commit" in keywords or call.has_double_star:
                continue
            if call.runs_in_process:
                continue  # now=True runs the job in-process (a computed `now=` is false in production)
            where = (
                f"document event `{func.name}`"
                if roles.doc_events == (func.name,)
                else f"`{func.name}`, a doc_events handler ({', '.join(roles.doc_events)}),"
            )
            result_used = not isinstance(ctx.info.parents.get(call.node), ast.Expr)
            message = (
                f"`{call.kind}` in {where} without `enqueue_after_commit=True`: "
                "the job can run before the document is committed"
            )
            applicability = Applicability.UNSAFE if result_used else Applicability.SAFE
            fix_message = "Add `enqueue_after_commit=True`" + (
                " (the call's result is used: enqueue then returns None)" if result_used else ""
            )
            edit = Edit(ctx.path, SetKeyword("enqueue_after_commit", "True"), ctx.target(call.node, cst.Call))
            yield self.finding(ctx, call.node, message, self.fix(fix_message, edit, applicability=applicability))
