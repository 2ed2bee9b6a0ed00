from __future__ import annotations

import ast
import re
from functools import cache

from jobfix.codemods.transforms._kit.cst import RemoveStatement
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.index.pymodule import may_be_named
from jobfix.codemods.index.syntax import written_in_blocks
from jobfix.codemods.transforms.base import Contract, Transform

TRANSACTION_CALLS = {"frappe.db.commit": "commit", "frappe.db.rollback": "rollback"}
TRANSACTION_VERBS = frozenset(TRANSACTION_CALLS.values())

SCHEMA_CALLS = frozenset({"rename_table", "sql_ddl", "add_index", "add_unique", "drop_table", "change_column_type"})


class CommitInDocEvent(Transform):
    code = "JF103"
    name = "commit-in-doc-event"
    summary = "`frappe.db.commit()` or a full `frappe.db.rollback()` inside a document event"
    rationale = (
        "A document event runs inside the transaction of the save that triggered it. A commit there "
        "makes a half-done save permanent when a later step fails; a full rollback throws away work "
        "the caller still believes is pending (and every after-commit job). From v16 Frappe ignores "
        "both, with a warning, while a hooks.py `doc_events` handler runs: develop 2024-03, commit "
        "`638dbb6bcd`. Controller methods (`on_update` in the DocType class) are "
        "not covered by that guard: there the commit still happens on v16. A rollback to a savepoint "
        "(`rollback(save_point=...)`) works everywhere and is not reported."
    )
    bad = '''\
# myapp/events.py
def on_invoice_submit(doc, method=None):
    create_payment_entry(doc)
    frappe.db.commit()
'''
    good = '''\
# myapp/events.py
def on_invoice_submit(doc, method=None):
    create_payment_entry(doc)
'''
    example_app = '''\
# myapp/hooks.py
doc_events = {"Sales Invoice": {"on_submit": "myapp.events.on_invoice_submit"}}

# pyproject.toml
[tool.bench.frappe-dependencies]
frappe = ">=16.0.0,<17.0.0"
'''
    applicability = Applicability.UNSAFE
    contract = Contract(
        "the document event no longer commits the save halfway",
        frozenset({"commits"}),
        on_failure=frozenset({"persisted"}),
    )
    fix_safety = (
        "Offered only for a hooks.py doc_events handler, a target of v16 or later, and a call that is a "
        "statement of its own: v16 ignores the call, so removing it keeps what v16 does; on older "
        "versions it would change when the data is committed, hence unsafe. Elsewhere display-only: "
        "what the commit was for decides the fix (an enqueued job that must see the document wants "
        "`enqueue_after_commit=True`, see JF012)."
    )
    version_notes = (
        "The guard (`frappe.db._disable_transaction_control`) is in develop from 2024-03, so v16 "
        "(inferred); not in v15. It wraps only the hooks.py handlers, not the controller's own method."
    )
    triggers = ("commit", "rollback")

    def wants(self, path, text, app, config):
        """Only where a document event can be defined: 121 of erpnext's files say commit or
        rollback, 26 of them can."""
        return super().wants(path, text, app, config) and app.may_define_doc_events(path, text)

    def worth_parsing(self, path, text, app, config):
        """The commit or rollback is written in the body of a function that can be a document
        event, strings and comments aside."""
        return written_in_blocks(text, tuple(sorted(TRANSACTION_VERBS)), _definitions(app.doc_event_names(path)))

    def check(self, ctx):
        for node in ctx.nodes(ast.Call):
            if not isinstance(node, ast.Call) or node.args or not may_be_named(node, TRANSACTION_VERBS):
                continue
            verb = TRANSACTION_CALLS.get(ctx.info.call_name(node))
            if verb is None or any(k.arg in ("save_point", None) for k in node.keywords):
                continue
            func, roles = ctx.enclosing_roles(node)
            if not roles.is_doc_event:
                continue
            if "nosemgrep" in ctx.lines[node.lineno - 1] or self._beside_schema_change(ctx, node):
                continue  # marked deliberate, or around DDL (MariaDB commits there anyway)
            yield self._finding(ctx, node, func, roles, verb)

    def _beside_schema_change(self, ctx, node: ast.Call) -> bool:
        """The statement before the commit changes the schema (``frappe.db.rename_table``,
        ``sql_ddl``, an ``ALTER TABLE``): the commit only makes explicit what MariaDB does."""
        statement = ctx.info.parents.get(node)
        parent = ctx.info.parents.get(statement)
        block = next((b for b in (getattr(parent, f, None) for f in ("body", "orelse", "finalbody"))
                      if isinstance(b, list) and statement in b), None)
        if block is None or block.index(statement) == 0:
            return False
        before = block[block.index(statement) - 1]
        return any(
            (isinstance(n, ast.Call) and (ctx.info.call_name(n) or "").rsplit(".", 1)[-1] in SCHEMA_CALLS)
            or (isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.lstrip().upper().startswith(("ALTER ", "CREATE ", "DROP ", "RENAME ")))
            for n in ast.walk(before)
        )

    def _finding(self, ctx, node: ast.Call, func, roles, verb: str):
        info = ctx.info.function_info(func)
        in_handler = info is not None and info.class_node is None  # module-level: a hooks.py doc_events handler
        call = f"`frappe.db.{verb}()`"
        events = ", ".join(roles.doc_events)
        if in_handler:
            message = (
                f"{call} in doc_events handler `{func.name}` ({events}): it {self._effect(verb)}; "
                "v16 ignores it there with a warning"
            )
        else:
            message = (
                f"{call} in the controller method `{info.qualname if info else func.name}`: it {self._effect(verb)}; "
                "v16 still runs it here (its guard covers hooks.py doc_events handlers only)"
            )
        advice = (
            "Remove it; an enqueued job that must see the document wants `enqueue_after_commit=True`"
            if verb == "commit"
            else "Remove it and let the exception propagate (the request rolls back), or roll back to a savepoint"
        )
        if not in_handler:
            return self.finding(ctx, node, message, self.advice(advice))
        if not ctx.frappe.has("doc_event_transaction_guard"):
            reason = f"{advice} (v16 ignores it; the target {ctx.frappe} still runs it)"
            return self.finding(ctx, node, message, self.advice(reason))
        if not isinstance(ctx.info.parents.get(node), ast.Expr):
            return self.finding(ctx, node, message, self.advice(f"{advice} (its result is used)"))
        statement = ctx.info.parents[node]
        fix = self.fix(
            f"Remove the {verb}: the target {ctx.frappe} ignores it here",
            Edit(ctx.path, RemoveStatement(), ctx.target(statement, "Expr")),
        )
        return self.finding(ctx, node, message, fix)

    @staticmethod
    def _effect(verb: str) -> str:
        if verb == "commit":
            return "commits the save halfway, so a later failure cannot roll it back"
        return "rolls back the whole request, not just the handler's work"


@cache
def _definitions(names: frozenset[str]) -> str:
    """The header of a function called one of ``names``: a pattern for ``syntax.blocks``."""
    return rf"(?:async[ \\\n]+)?def[ \\\n]+(?:{'|'.join(map(re.escape, sorted(names)))})\b"
