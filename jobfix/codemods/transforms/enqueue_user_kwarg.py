from __future__ import annotations

import ast

from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.index.pymodule import literal_true
from jobfix.codemods.transforms.base import Transform


class EnqueueUserKwarg(Transform):
    code = "JF106"
    name = "enqueue-user-kwarg"
    summary = "`enqueue(..., user=...)` to a function without a `user` parameter: it does not set the job's user"
    rationale = (
        "`frappe.enqueue` has no `user` parameter in any version: an unknown "
        "keyword is handed to the job function. The job already runs as the user who enqueued it: "
        "`enqueue` stores `frappe.session.user` with the job and the worker calls `frappe.set_user` "
        "with it. A function that takes no `user` therefore fails with TypeError in the worker "
        "(`method(**kwargs)`), every time."
    )
    bad = '''\
# myapp/api.py
@frappe.whitelist()
def notify_me_later():
    frappe.enqueue("myapp.api.send_notification", user=frappe.session.user)

def send_notification():
    ...
'''
    good = '''\
# myapp/api.py
@frappe.whitelist()
def notify_me_later():
    frappe.enqueue("myapp.api.send_notification")  # runs as frappe.session.user already

def send_notification():
    ...  # to act as someone else: frappe.set_user(...) here
'''
    applicability = Applicability.DISPLAY_ONLY
    fix_safety = (
        "Display-only: what the author wanted decides the fix. Drop `user=` when it meant \"run as me\" "
        "(that is already so); to run as another user, pass the user under another name and call "
        "`frappe.set_user` in the job."
    )
    version_notes = (
        "The same in v13 to v16. With `now=True` the call goes through `frappe.call`, which drops "
        "keywords the function does not take, so `user=` is silently ignored instead."
    )
    triggers = ("enqueue",)

    def check(self, ctx):
        for call in ctx.info.enqueue_calls:
            if call.kind != "enqueue" or "user" not in call.keywords:
                continue
            found = ctx.app.function(call.method_path)
            if found is None or accepts_keyword(found[1], "user"):
                continue  # not in the app (unknowable), or the function does take a user
            target = call.method_path
            runs_now = literal_true(call.keyword("now"))
            effect = "with `now=True` `frappe.call` drops it" if runs_now else "TypeError in the worker"
            message = (
                f"`enqueue(..., user=...)` does not set the job's user: `enqueue` has no `user` parameter, so "
                f"`user` goes to `{target}`, which does not accept it ({effect}); the job already runs as the "
                "user who enqueued it"
            )
            advice = self.advice(
                "Remove `user=`: the job runs as `frappe.session.user` of the enqueuing request; to run as "
                "another user, pass it under another name and call `frappe.set_user()` in the job"
            )
            yield self.finding(ctx, call.node, message, advice)


def accepts_keyword(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether ``func(**{name: ...})`` binds: a parameter of that name (not positional-only) or ``**kwargs``."""
    args = func.args
    return args.kwarg is not None or any(a.arg == name for a in (*args.args, *args.kwonlyargs))
