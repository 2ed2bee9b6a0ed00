from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from jobfix.codemods.transforms._kit.cst import RemoveStatement, RemoveUnusedImports
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec, RewriteContext
from jobfix.codemods.index.pymodule import may_be_named
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms.base import Contract, Transform

SITE = "frappe.local.site"
_COLON = r"(?::|\\(?:x3a|[0-7]?72|u003a|U0000003a|N\{colon\}))"  # ":" as written, or as an escape
SEPARATOR_STRING = re.compile(rf"""[}}"']{_COLON}(?:{_COLON}|["'])""", re.IGNORECASE)
JOB_FETCH = frozenset({"rq.job.Job.fetch", "rq.Job.fetch"})
ACTIVE_STATUSES = frozenset({"queued", "started"})
BACKGROUND_JOBS = "frappe.utils.background_jobs"


class HandBuiltJobId(Transform):
    code = "JF105"
    name = "hand-built-job-id"
    summary = "An RQ job id built by hand (`f\"{frappe.local.site}::{id}\"`, `Job.fetch`): the format changes in v16"
    rationale = (
        "Frappe stores a job given `job_id=` in RQ under an id of its own making: "
        "`f\"{frappe.local.site}::{job_id}\"` in v14 and v15, and from develop 2025-02 (RQ 2.x, so v16) "
        "`f\"{frappe.local.site}||{job_id}\"` with every ':' of the job id replaced by '|'. "
        "Code that builds that id itself, to `Job.fetch` it from Redis, finds "
        "nothing once the format changes. `is_job_enqueued(job_id)` (v14.36.1+) and `get_job(job_id)` / "
        "`get_job_status(job_id)` (v15+) build the id the way the running Frappe does."
    )
    bad = '''\
import frappe
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job

def is_order_sync_running():
    job = Job.fetch(f"{frappe.local.site}::sync_orders", connection=get_redis_conn())
    return job.get_status() in ("queued", "started")
'''
    good = '''\
import frappe
from frappe.utils.background_jobs import is_job_enqueued

def is_order_sync_running():
    return is_job_enqueued("sync_orders")
'''
    applicability = Applicability.UNSAFE
    contract = Contract(
        "jobs are looked up by Frappe's id format: one not queued reads as not running instead of raising",
        frozenset({"outcome", "errors"}),
    )
    fix_safety = (
        "Offered only for a status check: `Job.fetch(<id>).get_status() in (\"queued\", \"started\")` (also "
        "through a variable used only there) becomes `is_job_enqueued(<job id>)`. Unsafe: where "
        "`Job.fetch` raised NoSuchJobError for a missing job, it returns False. Other uses are "
        "display-only (`get_job(job_id)` / `get_job_status(job_id)` on v15+)."
    )
    version_notes = (
        "`is_job_enqueued` from v14.36.1, `get_job`/`get_job_status` from v15.0.0; v13 has no `job_id`, "
        "so on v13 an id built this way matches only jobs enqueued with RQ directly."
    )
    triggers = ("::",)

    def wants(self, path, text, app, config):
        """Every id it reports starts with the site (``frappe.local.site``), so the text names it,
        followed by a string that starts with ``::``: a colon right after a quote or an f-string's
        ``}``, then a second one or the end of that piece of the literal (each colon perhaps an
        escape). In frappe 13 files hold ``::`` and ``site``, 8 of them that."""
        return super().wants(path, text, app, config) and "site" in text and SEPARATOR_STRING.search(text) is not None

    def check(self, ctx):
        reported: set[int] = set()
        for node in ctx.nodes(ast.Call):
            if isinstance(node, ast.Call) and node.args and may_be_named(node, ("fetch",)) and ctx.info.call_name(node) in JOB_FETCH:
                job_id = self._job_id(ctx, node.args[0])
                if job_id is not None:
                    reported.update(id(n) for n in ast.walk(node.args[0]))
                    yield self._fetch_finding(ctx, node, job_id)
        for node in ctx.nodes((ast.JoinedStr, ast.BinOp, ast.Call)):  # what _is_hand_built recognises
            if id(node) not in reported and self._is_hand_built(ctx, node):
                reported.update(id(n) for n in ast.walk(node))
                yield self.finding(ctx, node, self._message("RQ job id built by hand"), self.advice(self._advice()))

    # -- recognising ids ---------------------------------------------------------------------
    def _is_site(self, ctx, node: ast.AST) -> bool:
        return ctx.info.qualname(node) == SITE

    def _is_hand_built(self, ctx, node: ast.AST) -> bool:
        if isinstance(node, ast.JoinedStr) and len(node.values) >= 2:
            first, second = node.values[0], node.values[1]
            return (
                isinstance(first, ast.FormattedValue) and self._is_site(ctx, first.value)
                and isinstance(second, ast.Constant) and str(second.value).startswith("::")
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = node.left
            if isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add) and self._is_site(ctx, left.left):
                return isinstance(left.right, ast.Constant) and str(left.right.value).startswith("::")
            return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            separator = node.func.value
            items = node.args[0] if len(node.args) == 1 else None
            return (
                isinstance(separator, ast.Constant) and separator.value == "::"
                and isinstance(items, (ast.List, ast.Tuple)) and bool(items.elts) and self._is_site(ctx, items.elts[0])
            )
        return False

    def _job_id(self, ctx, node: ast.expr) -> str | None:
        """The Frappe job id inside a hand-built RQ id, as source code; "" when it cannot be separated."""
        if not self._is_hand_built(ctx, node):
            return None
        if not isinstance(node, ast.JoinedStr):
            return ""
        site = re.escape(ctx.segment(node.values[0].value))
        text = ctx.segment(node)
        match = re.match(r"([rRuUfF]*)('''|\"\"\"|'|\")\{\s*" + site + r"\s*\}::", text)
        if match is None:
            return ""
        prefix, quote = match.groups()
        rest = text[match.end():]
        if "{" not in rest:
            prefix = prefix.replace("f", "").replace("F", "")
        return f"{prefix}{quote}{rest}"

    # -- findings ------------------------------------------------------------------------------
    @staticmethod
    def _message(what: str) -> str:
        return (
            f"{what}: Frappe's own format is `{{site}}::{{job_id}}` in v14/v15 and `{{site}}||{{job_id}}` "
            "(':' replaced by '|') from v16, so it stops matching"
        )

    def _advice(self) -> str:
        return "Pass the job id to `is_job_enqueued(job_id)` or `get_job(job_id)`: they build the RQ id as the running Frappe does"

    def _fetch_finding(self, ctx, fetch: ast.Call, job_id: str):
        message = self._message("`Job.fetch` of an RQ job id built by hand")
        check = self._status_check(ctx, fetch)
        if check is None or not job_id:
            return self.finding(ctx, fetch, message, self.advice(self._advice()))
        compare, removed = check
        if not ctx.frappe.has("is_job_enqueued"):
            return self.finding(ctx, fetch, message, self.advice(f"{self._advice()} ({ctx.frappe.lacks('is_job_enqueued')})"))
        check_code = f"is_job_enqueued({job_id})"
        edits = [
            Edit(
                ctx.path, ReplaceExpression(check_code), ctx.target(compare, "Comparison"),
                (ImportSpec(BACKGROUND_JOBS, "is_job_enqueued"),),
            )
        ]
        if removed is not None:
            edits.append(Edit(ctx.path, RemoveStatement(), ctx.target(removed, "Assign")))
        edits.append(Edit(ctx.path, RemoveUnusedImports((("rq.job", "Job"), ("rq", "Job"), (BACKGROUND_JOBS, "get_redis_conn")))))
        fix = self.fix(f"Ask Frappe: `{check_code}` (False, not NoSuchJobError, when there is no such job)", *edits)
        return self.finding(ctx, fetch, message, fix)

    def _status_check(self, ctx, fetch: ast.Call):
        """(the `in ("queued", "started")` comparison, the assignment to remove or None) when ``fetch``
        only feeds that status check. (`Job.fetch(...).get_status()` alone would be `get_job_status`, but
        that call starts where `Job.fetch(...)` starts, so an edit could not tell the two apart.)"""
        parent = ctx.info.parents.get(fetch)
        removed = None
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            use = self._only_use(ctx, parent, parent.targets[0].id)
            if use is None:
                return None
            removed, parent = parent, ctx.info.parents.get(use)
        status_call = ctx.info.parents.get(parent)
        compare = ctx.info.parents.get(status_call)
        if (
            isinstance(parent, ast.Attribute) and parent.attr == "get_status"
            and isinstance(status_call, ast.Call) and status_call.func is parent
            and not status_call.args and not status_call.keywords
            and isinstance(compare, ast.Compare) and compare.left is status_call and len(compare.ops) == 1
            and isinstance(compare.ops[0], ast.In) and self._statuses(compare.comparators[0]) == ACTIVE_STATUSES
        ):
            return compare, removed
        return None

    @staticmethod
    def _statuses(node: ast.expr) -> frozenset[str] | None:
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        ):
            return frozenset(e.value for e in node.elts)
        return None

    def _only_use(self, ctx, assign: ast.Assign, name: str) -> ast.Name | None:
        """The single load of ``name`` after ``assign``, in the statement right after it; else None."""
        func = ctx.info.enclosing_function(assign)
        scope = func if func is not None else ctx.tree
        names = [n for n in ctx.nodes(ast.Name, within=scope) if n.id == name]
        loads = [n for n in names if isinstance(n.ctx, ast.Load)]
        if len(names) != 2 or len(loads) != 1:
            return None
        body = next((b for b in self._bodies(ctx.info.parents.get(assign)) if assign in b), None)
        if body is None:
            return None
        following = body[body.index(assign) + 1] if body.index(assign) + 1 < len(body) else None
        if following is None or loads[0] not in set(ast.walk(following)):
            return None
        return loads[0]

    @staticmethod
    def _bodies(node: ast.AST | None):
        for field in ("body", "orelse", "finalbody"):
            value = getattr(node, field, None)
            if isinstance(value, list):
                yield value


@dataclass(frozen=True)
class ReplaceExpression:
    """A rewrite of an expression: replace it with the expression ``code``, keeping its parentheses."""

    code: str

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        return cst.parse_expression(self.code).with_changes(lpar=node.lpar, rpar=node.rpar)
