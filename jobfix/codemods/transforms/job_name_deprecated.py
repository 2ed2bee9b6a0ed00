from __future__ import annotations

import ast
from dataclasses import dataclass

from jobfix.codemods.transforms._kit.cst import keyword_arg, remove_keyword, set_keyword
from jobfix.codemods.engine.model import Applicability, Edit, RewriteContext
from jobfix.codemods.index.frappe_api import ENQUEUE_PARAMETERS
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms.base import Contract, Transform


class JobNameDeprecated(Transform):
    code = "JF104"
    name = "job-name-deprecated"
    summary = "`enqueue(job_name=...)`, deprecated since v14.54.1: use `job_id=` (and `deduplicate=True`)"
    rationale = (
        "`job_name` only labels a job: it is stored with the job (the RQ Job list shows it, "
        "`get_jobs(key=\"job_name\")` and `is_job_queued(job_name)` search by it) but the job's id stays "
        "random, so nothing can find the job by it reliably and nothing stops a second copy. "
        "v14.36.1 added `job_id=`, the id Frappe gives the job in RQ, and v15 added "
        "`deduplicate=True`, which skips an enqueue while a job with that id is queued or running. "
        "Since v14.54.1 `job_name` logs a deprecation warning, and develop routes it to the "
        "\"removed in v17\" list."
    )
    bad = '''\
frappe.enqueue("myapp.sync.push_order", job_name="push_order_" + order.name, order_name=order.name)
'''
    good = '''\
frappe.enqueue("myapp.sync.push_order", job_id="push_order_" + order.name, order_name=order.name, deduplicate=True)
'''
    applicability = Applicability.UNSAFE
    contract = Contract(
        "the job is named by `job_id`, and one identical to a queued job is not queued again",
        frozenset({"job_identity", "duplicates"}),
    )
    fix_safety = (
        "Unsafe: the value becomes the job's id; its label becomes the method path (the default). "
        "With `deduplicate=True` (v15+) a second enqueue while the first job is queued or running is "
        "skipped and returns None. When code in the app looks jobs up by label (`is_job_queued`, "
        "`get_jobs(key=\"job_name\")`) the fix is not offered: those checks would stop seeing the job; "
        "move them to `is_job_enqueued(job_id)` first. Nor is it where the label does not name every "
        "argument the job receives (a constant label, or one that leaves an argument out): as an id it "
        "would merge calls with different arguments into one job."
    )
    version_notes = (
        "`job_id` from v14.36.1 (no fix for older targets), `deduplicate` from v15.0.0. On v14 nothing "
        "skips a duplicate by itself: guard the call with `is_job_enqueued` (JF004)."
    )
    triggers = ("job_name",)

    def wants(self, path, text, app, config):
        """Only beside an enqueue: every call it reports is one, and its name ends with "enqueue"
        where it is called or where it is imported."""
        return super().wants(path, text, app, config) and "enqueue" in text

    def check(self, ctx):
        for call in ctx.info.enqueue_calls:
            label = call.keywords.get("job_name")
            if label is None or (isinstance(label, ast.Constant) and label.value is None):
                continue  # `job_name=None` is the default: no use of the parameter
            keywords = call.keywords
            message = (
                f"`{call.kind}` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only "
                "labels the job; `job_id` identifies it"
            )
            if "job_id" in keywords:
                fix = self.advice("The call has a `job_id`: drop `job_name` (the label then becomes the method path)")
            elif not ctx.frappe.has("job_id"):
                fix = self.advice(f"Keep `job_name` for now: {ctx.frappe.lacks('job_id')}")
            elif readers := self._label_readers(ctx):
                fix = self.advice(
                    "Rename `job_name=` to `job_id=` after moving the lookups by label to "
                    f"`is_job_enqueued(job_id)`: {', '.join(readers)} would stop seeing the job"
                )
            elif (missing := _not_in_label(ctx, call, label)) is not None:
                fix = self.advice(
                    f"Rename `job_name=` to `job_id=` only with an id that names every argument: this label "
                    f"{missing}, so as an id it would merge calls with different arguments into one job"
                )
            else:
                deduplicate = ctx.frappe.has("deduplicate") and "deduplicate" not in keywords
                what = "Rename `job_name=` to `job_id=`" + (" and add `deduplicate=True`" if deduplicate else "")
                effect = (
                    ": the value becomes the job's id, a second enqueue while it is queued or running is skipped, "
                    "and its label becomes the method path"
                    if deduplicate
                    else ": the value becomes the job's id and its label the method path"
                    + ("" if ctx.frappe.has("deduplicate") else "; on v14 guard with `is_job_enqueued` to skip duplicates")
                )
                fix = self.fix(what + effect, Edit(ctx.path, JobNameToJobId(deduplicate), ctx.target(call.node, "Call")))
            yield self.finding(ctx, call.node, message, fix)

    def _label_readers(self, ctx) -> list[str]:
        """Where the app looks jobs up by label, as ``file:line``."""
        app = ctx.app
        return [f"{path.relative_to(app.module_root) if app.is_app else path.name}:{line}" for path, line in app.job_label_readers]


@dataclass(frozen=True)
class JobNameToJobId:
    """A rewrite of an enqueue call: ``job_name=`` becomes ``job_id=`` (and ``deduplicate=True``).

    When another rule already gave the call a ``job_id``, the author's name wins and ``job_name``
    goes, so the call never has two ids.
    """

    deduplicate: bool

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        job_name = keyword_arg(node, "job_name")
        if job_name is not None:
            if keyword_arg(node, "job_id") is None:
                node = node.with_changes(
                    args=[a.with_changes(keyword=cst.Name("job_id")) if a is job_name else a for a in node.args]
                )
            else:
                value = ctx.module.code_for_node(job_name.value)
                node = set_keyword(remove_keyword(node, "job_name"), "job_id", value)
        if self.deduplicate and keyword_arg(node, "deduplicate") is None:
            node = set_keyword(node, "deduplicate", "True")
        return node


def _not_in_label(ctx, call, label: ast.expr) -> str | None:
    """What of the call the label leaves out, said for a message; None when the label names every
    argument the job receives (so equal labels mean equal calls)."""
    func = ctx.info.enclosing_function(call.node)
    local = set()
    if func is not None:
        local = {a.arg for a in ctx.nodes(ast.arg, within=func)}
        local |= {n.id for n in ctx.nodes(ast.Name, within=func) if isinstance(n.ctx, ast.Store)}
    named = {ctx.segment(n) for n in ast.walk(label) if isinstance(n, (ast.Name, ast.Attribute))}
    if not any(isinstance(n, ast.Attribute) or (isinstance(n, ast.Name) and n.id in local) for n in ast.walk(label)):
        return "is the same for every call"
    for keyword in call.node.keywords:
        if keyword.arg in ENQUEUE_PARAMETERS or keyword.arg is None or isinstance(keyword.value, ast.Constant):
            continue
        if ctx.segment(keyword.value) not in named:
            return f"leaves out `{keyword.arg}`"
    return None
