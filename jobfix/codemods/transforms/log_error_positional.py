from __future__ import annotations

import ast
from dataclasses import dataclass

from jobfix.codemods.transforms._kit.cst import add_keyword
from jobfix.codemods.engine.model import Applicability, Edit, RewriteContext
from jobfix.codemods.index.frappe_api import LOG_ERROR_POSITIONAL
from jobfix.codemods.index.pymodule import may_be_named
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms.base import Contract, Transform

LOG_ERROR = "frappe.log_error"
TRACEBACK_FUNCTIONS = frozenset({"frappe.get_traceback", "frappe.utils.get_traceback", "traceback.format_exc"})
V13_DEFAULT_TITLE = '"Error"'


class LogErrorPositional(Transform):
    code = "JF102"
    name = "log-error-positional"
    summary = "`frappe.log_error` called the v13 way: positional arguments (their meaning flipped in v14), or `message=` without a title"
    rationale = (
        "In v13 the signature is `log_error(message=None, title=_(\"Error\"))`; from v14 it is "
        "`log_error(title=None, message=None, ...)`. So `log_error(\"X\")` stores \"X\" as "
        "the error body on v13 and as the title (with the current traceback as body) on v14+. Both "
        "versions swap the two when the title holds a line break, which is why the common "
        "`log_error(frappe.get_traceback(), \"Title\")` kept working. The keyword form "
        "`log_error(title=..., message=...)` means the same on v13 to v16, so the rewrite names each "
        "argument as the author's Frappe version (`from-version`) read it."
    )
    bad = '''\
frappe.log_error(frappe.get_traceback(), "Invoice push failed")
frappe.log_error("Payment webhook without id")  # v13: the message, titled "Error"
'''
    good = '''\
frappe.log_error(message=frappe.get_traceback(), title="Invoice push failed")
frappe.log_error(message="Payment webhook without id", title="Error")  # v13: the message, titled "Error"
'''
    example_app = '''\
# pyproject.toml
[tool.jobfix]
from-version = 13
'''
    applicability = Applicability.SAFE
    contract = Contract("the Error Log reads as the Frappe the code was written for wrote it", across_versions=True)
    fix_safety = (
        "Safe: each argument gets the keyword of the parameter it filled on the source version, so "
        "the Error Log written is the one the code wrote before, on v13 to v16. A `frappe.get_traceback()` "
        "argument is taken as the message and the other as the title, which is what the swap heuristic "
        "made of them whenever the traceback was not empty. A v13 call without a title gets "
        "`title=\"Error\"`, v13's default: on v14+ `log_error(message=...)` without a title raises "
        "TypeError inside the swap heuristic (`\"\\n\" in None`)."
    )
    version_notes = (
        "`from-version` (`--from-version`) says which signature the code was written for; by default the "
        "Frappe it runs with now: the bench's frappe `__version__`, else the app's declared frappe "
        "dependency (frappe's own code: its own version). Code written for v14+ means what it says: only "
        "`message=` without a title is reported. When nothing says, a call whose meaning depends on the "
        "version is reported without a fix. "
        "`reference_doctype`/`reference_name` exist from v14 only. `Document.log_error(title, message)` "
        "(v14+) never changed meaning, so `self.log_error(...)` is not reported."
    )
    settings = ("from-version",)
    triggers = ("log_error",)

    def wants(self, path, text, app, config):
        """Code written for v14+ has one thing to report, ``message=`` without a title, so its
        files must say ``message``: in frappe 10 of its 19 files that say ``log_error`` alone."""
        return super().wants(path, text, app, config) and (
            config.from_version is None or config.from_version < 14 or "message" in text
        )

    def check(self, ctx):
        written_for = ctx.config.from_version  # None: nothing says which Frappe the code is written for
        source = 14 if written_for is None or written_for >= 14 else 13
        for node in ctx.nodes(ast.Call):
            if not isinstance(node, ast.Call) or not may_be_named(node, ("log_error",)) or ctx.info.call_name(node) != LOG_ERROR:
                continue
            if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
                continue
            keywords = {k.arg for k in node.keywords}
            names = self._names(ctx, node, source)
            if names is None:
                continue
            if not names:  # keywords only: only the v13 `message=` without a title needs a change
                if "message" in keywords and "title" not in keywords and max(ctx.frappe.major, written_for or 0) >= 14:
                    yield self._finding(ctx, node, (), (
                        "`frappe.log_error(message=...)` without a title: v13 titles it \"Error\", v14+ raises "
                        "TypeError for any non-empty message (`\"\\n\" in None`)"
                    ))
                continue
            if written_for is not None and written_for >= 14:
                continue  # positional calls mean what a v14+ author meant: nothing to change
            if written_for is None and self._names(ctx, node, 13) is None:
                continue  # a call only v14+ accepts: written for v14+
            if written_for is None and not self._same_on_every_version(ctx, node):
                yield self.finding(ctx, node, self._message(ctx, node, names, None), self.advice(
                    "Name the arguments (`title=`, `message=`) as the Frappe this code is written for reads them: "
                    "set `from-version` (13 or 14+) in [tool.jobfix], or run jobfix inside the bench"
                ))
                continue
            yield self._finding(ctx, node, names, self._message(ctx, node, names, 13 if written_for else None))

    def _same_on_every_version(self, ctx, node: ast.Call) -> bool:
        """A traceback and a title: the swap heuristic of v13 and v14+ makes the traceback the message."""
        args = node.args
        return len(args) == 2 and self._is_traceback(ctx, args[0]) != self._is_traceback(ctx, args[1])

    def _names(self, ctx, node: ast.Call, source: int) -> tuple[tuple[str, int], ...] | None:
        """Which keyword each positional argument becomes; None when the call is not valid on ``source``."""
        args = node.args
        signature = LOG_ERROR_POSITIONAL[source]
        if len(args) > len(signature):
            return None
        if len(args) == 2 and self._is_traceback(ctx, args[0]) != self._is_traceback(ctx, args[1]):
            names = (("message", 0), ("title", 1)) if self._is_traceback(ctx, args[0]) else (("title", 0), ("message", 1))
        else:
            names = tuple((signature[i], i) for i in range(len(args)))
        if {k.arg for k in node.keywords} & {name for name, _ in names}:
            return None  # a TypeError already ("got multiple values"): not ours to guess
        return names

    def _is_traceback(self, ctx, node: ast.expr) -> bool:
        return isinstance(node, ast.Call) and ctx.info.call_name(node) in TRACEBACK_FUNCTIONS

    def _message(self, ctx, node: ast.Call, names, source: int | None) -> str:
        """``source`` 13: the code is v13 code; None: the Frappe it is written for is unknown."""
        if len(node.args) == 1:
            if source == 13:
                return "`frappe.log_error` with one positional argument: v13 stores it as the message, v14+ as the title"
            return (
                "`frappe.log_error` with one positional argument: the Frappe this code is written for is "
                "unknown, and v13 stores it as the message, v14+ as the title"
            )
        if self._same_on_every_version(ctx, node):
            order = "<traceback>, <title>" if self._is_traceback(ctx, node.args[0]) else "<title>, <traceback>"
            return f"`frappe.log_error({order})` with positional arguments: the traceback is the message only through the swap heuristic"
        if source == 13:
            return "`frappe.log_error` with positional arguments in v13 order (message, title): v14+ reads (title, message)"
        return (
            "`frappe.log_error` with two positional arguments: the Frappe this code is written for is unknown, "
            "and v13 reads them as (message, title), v14+ as (title, message)"
        )

    def _finding(self, ctx, node: ast.Call, names, message: str):
        keywords = {k.arg for k in node.keywords}
        needs_title = "title" not in keywords and "title" not in {name for name, _ in names} and (
            "message" in keywords or "message" in {name for name, _ in names}
        )
        rewrite = KeywordArguments(names, V13_DEFAULT_TITLE if needs_title else None)
        parts = [f"`{name}=`" for name, _ in names] + (["`title=\"Error\"`"] if needs_title else [])
        fix = self.fix("Use keywords: " + ", ".join(parts), Edit(ctx.path, rewrite, ctx.target(node, "Call")))
        return self.finding(ctx, node, message, fix)


@dataclass(frozen=True)
class KeywordArguments:
    """A rewrite of a call: positional argument ``slot`` becomes ``keyword=<positional argument source>``.

    ``names[i]`` is ``(keyword, index of the positional argument whose value it takes)``, so two
    arguments can trade places while each slot keeps its own comma and comments. ``add_title``
    appends ``title=<expression>`` when the call has no title.
    """

    names: tuple[tuple[str, int], ...]
    add_title: str | None = None

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        positional = [a for a in node.args if a.keyword is None and not a.star]
        if len(positional) != len(self.names):  # already rewritten
            return node
        replaced = {
            id(slot): slot.with_changes(
                keyword=cst.Name(keyword),
                value=positional[source].value,
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                ),
            )
            for slot, (keyword, source) in zip(positional, self.names)
        }
        call = node.with_changes(args=[replaced.get(id(a), a) for a in node.args])
        if self.add_title and not any(a.keyword is not None and a.keyword.value == "title" for a in call.args):
            call = add_keyword(call, "title", self.add_title)
        return call
