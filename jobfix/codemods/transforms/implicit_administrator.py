from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from jobfix.codemods.transforms._kit.cst import RemoveUnusedImports
from jobfix.codemods.transforms._kit.heavy import own_nodes
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec, RewriteContext
from jobfix.codemods.index.pymodule import literal_string
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms.base import Contract, Transform

GET_LIST = {"frappe.get_list": "frappe.get_all", "frappe.db.get_list": "frappe.db.get_all"}
NEW_DOCUMENTS = frozenset({"frappe.get_doc", "frappe.new_doc"})
INSERTS = frozenset({"insert", "save"})  # save() of a new document inserts it
SETTERS = {"set": "before", "update": "before", "db_set": "after"}
SET_USER = "frappe.set_user"


class ImplicitAdministrator(Transform):
    code = "JF007"
    name = "implicit-administrator"
    summary = "Scheduled task relying on the user it runs as: `get_list` permission checks, documents without `owner`"
    rationale = (
        "The scheduler connects as Administrator, and `enqueue` passes that user on, so scheduled "
        "tasks run as Administrator. `frappe.get_list` checks permissions for the "
        "current user: in a scheduled task that check grants everything, and the code reads as if it "
        "filtered by user; `frappe.get_all` says what happens. A document inserted there is owned by "
        "Administrator: it shows up as created by Administrator, and owner-based permissions, "
        "notifications and reports leave out the user it was meant for. From v14 `insert()` makes "
        "the session user the owner of every new document, so an `owner` set before the insert is "
        "lost too."
    )
    bad = '''\
# myapp/tasks.py
def close_stale_tasks():  # scheduler_events: daily
    for task in frappe.get_list("Task", filters={"status": "Open"}, pluck="name"):
        frappe.db.set_value("Task", task, "status", "Cancelled")
'''
    good = '''\
# myapp/tasks.py
def close_stale_tasks():  # scheduler_events: daily
    for task in frappe.get_all("Task", filters={"status": "Open"}, pluck="name"):
        frappe.db.set_value("Task", task, "status", "Cancelled")
'''
    example_app = '''\
# myapp/hooks.py
scheduler_events = {"daily": ["myapp.tasks.close_stale_tasks"]}
'''
    # Opt-in (issue 14): on 15 real apps `get_list` in a task and an Administrator-owned record
    # changed nothing a maintainer cared to change. `--extend-select JF007` turns it on.
    default = False
    applicability = Applicability.SAFE
    contract = Contract("no permission check where it let everything through", frozenset({"permissions"}))
    fix_safety = (
        "`get_list` -> `get_all` is safe: as Administrator the permission check lets every row "
        "through, and `get_all` only sets `ignore_permissions=True` (and no row limit, which "
        "`get_list` called from Python does not have either). It differs only where an app's "
        "`permission_query_conditions` hook filters even for Administrator, or when a System "
        "Manager runs the task with the Scheduled Job Type's Execute button (then it runs as that "
        "user); in both the scheduled run is the one the code is written for. Not offered where the "
        "task is also whitelisted or a document event, or a whitelisted function or document event "
        "reaches it through direct calls: there it runs for a user, and removing the check would show "
        "that user records they may not read. Document owners are display-only: jobfix cannot know "
        "who should own a document."
    )
    version_notes = (
        "`get_all`, `db.get_all` and the Administrator user of scheduled jobs are the same in v13-v16. "
        "v13's `insert()` keeps an owner given before it; from v14 `insert()` sets the session user "
        "(read from frappe's `Document.set_user_and_timestamp`; first version "
        "inferred), so there only `doc.db_set(\"owner\", ...)` after the insert, or `frappe.set_user`, "
        "changes the owner. A task that calls `frappe.set_user` is not reported."
    )
    reads_background_functions = True

    def check(self, ctx):
        for function, roles in ctx.functions_with_roles():
            if not roles.is_scheduled:
                continue
            task = function.qualname
            nodes = list(own_nodes(function.node))
            sets_user = any(isinstance(n, ast.Call) and ctx.info.call_name(n) == SET_USER for n in nodes)
            new_docs = self._new_documents(ctx, nodes)
            for node in sorted((n for n in nodes if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset)):
                name = ctx.info.call_name(node)
                if name in GET_LIST:
                    yield self._get_list(ctx, function, roles, node, name, task)
                elif not sets_user and not _owner_set_later(ctx, node, nodes):
                    created = self._inserted_document(ctx, node, new_docs)
                    if created is not None:
                        yield self._without_owner(ctx, node, created, task)

    def _get_list(self, ctx, function, roles, node: ast.Call, name: str, task: str):
        replacement = GET_LIST[name]
        user_facing = (
            f"`{task}` itself, which is {'whitelisted' if roles.whitelisted else 'a document event'}"
            if roles.whitelisted or roles.is_doc_event
            else f"`{caller}`" if (caller := ctx.app.user_facing_caller(ctx.info.dotted_path(function) or "")) else None
        )
        short = replacement.rsplit(".", 1)[-1]
        imports = ()
        if isinstance(node.func, ast.Name) and ctx.info.imports.get(short, replacement) != replacement:
            short = "get_all_documents"  # `get_all` means something else here
            imports = (ImportSpec("frappe", "get_all", short),)
        elif isinstance(node.func, ast.Name):
            imports = (ImportSpec("frappe", "get_all"),)
        message = (
            f"`{name}` in scheduled task `{task}`: scheduled tasks run as Administrator, so its "
            f"permission check lets everything through; `{replacement}` says so"
        )
        if user_facing is not None:
            return self.finding(ctx, node, message, self.advice(
                f"Keep `{name}`: {user_facing} runs this for a user, whose permissions it checks; for the "
                f"scheduled run, `{replacement}` would say what happens"
            ))
        edits = [Edit(ctx.path, RenameCallee(short), ctx.target(node, "Call"), imports)]
        if isinstance(node.func, ast.Name) and name.endswith("." + node.func.id):  # `from frappe import get_list`
            edits.append(Edit(ctx.path, RemoveUnusedImports(((name.rsplit(".", 1)[0], node.func.id),))))
        return self.finding(ctx, node, message, self.fix(f"Use `{replacement}`", *edits))

    def _without_owner(self, ctx, node: ast.Call, created: NewDocument, task: str):
        overrides = ctx.frappe.has("insert_overrides_owner")
        if created.owner_given:
            message = (
                f"{created.label} inserted in scheduled task `{task}` with an `owner` set before the insert: "
                f"from v14 `insert()` replaces it with the session user, and scheduled tasks run as Administrator"
            )
        else:
            message = (
                f"{created.label} inserted in scheduled task `{task}` without an `owner`: scheduled tasks run as "
                "Administrator, so Administrator will own it"
            )
        how = (
            "after the insert, `doc.db_set(\"owner\", <user>, update_modified=False)` (from v14 an owner set "
            "before `insert()` is replaced by the session user)"
            if overrides
            else "`\"owner\": <user>` in the document, or `doc.owner = <user>` before the insert"
        )
        advice = self.advice(
            f"jobfix cannot know who should own it; if not Administrator, set the owner: {how}"
        )
        return self.finding(ctx, node, message, advice)

    def _new_documents(self, ctx, nodes: list[ast.AST]) -> dict[str, NewDocument]:
        """Local names bound to a new document whose owner stays Administrator."""
        found: dict[str, NewDocument] = {}
        for node in nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                created = self._new_document(ctx, node.value)
                if created is not None:
                    found.setdefault(node.targets[0].id, created)
        owner_wins_before = not ctx.frappe.has("insert_overrides_owner")
        for node in nodes:
            name, when = _sets_owner(node)
            if name in found and (when == "after" or owner_wins_before):
                del found[name]
            elif name in found:
                found[name] = replace(found[name], owner_given=True)
        return found

    def _new_document(self, ctx, node: ast.AST) -> NewDocument | None:
        """``frappe.get_doc({...})`` / ``frappe.new_doc(...)``: a document that insert() creates."""
        if not isinstance(node, ast.Call) or ctx.info.call_name(node) not in NEW_DOCUMENTS:
            return None
        if ctx.info.call_name(node) == "frappe.new_doc":
            doctype = literal_string(node.args[0]) if node.args else literal_string(_keyword(node, "doctype"))
            return NewDocument(f"`{doctype}`" if doctype else "A new document", False)
        if node.args:
            fields = node.args[0]
            if len(node.args) != 1 or not isinstance(fields, ast.Dict) or None in fields.keys:
                return None  # get_doc(doctype, name) loads a document; a dict built elsewhere is unknown
            keys = {literal_string(k): v for k, v in zip(fields.keys, fields.values)}
        elif node.keywords and all(k.arg for k in node.keywords):
            keys = {k.arg: k.value for k in node.keywords}
        else:
            return None
        if "name" in keys:
            return None  # save() may treat a named document as an existing one
        if "owner" in keys and not ctx.frappe.has("insert_overrides_owner"):
            return None
        doctype = literal_string(keys.get("doctype"))
        return NewDocument(f"`{doctype}`" if doctype else "A new document", "owner" in keys)

    def _inserted_document(self, ctx, node: ast.Call, new_docs: dict[str, NewDocument]) -> NewDocument | None:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in INSERTS:
            return None
        if isinstance(func.value, ast.Name):
            return new_docs.get(func.value.id)
        return self._new_document(ctx, func.value)


@dataclass(frozen=True)
class NewDocument:
    label: str  # "`ToDo`", or "A new document" when the doctype is computed
    owner_given: bool  # an owner set before insert(): kept in v13, replaced by the session user from v14


@dataclass(frozen=True)
class RenameCallee:
    """A rewrite of a call: ``x.get_list(...)`` -> ``x.get_all(...)``, ``get_list(...)`` -> ``get_all(...)``."""

    name: str

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        func = node.func
        if isinstance(func, cst.Attribute):
            return node.with_changes(func=func.with_changes(attr=cst.Name(self.name)))
        return node.with_changes(func=cst.Name(self.name))


def _owner_set_later(ctx, insert: ast.Call, nodes: list[ast.AST]) -> bool:
    """``doc = frappe.get_doc({...}).insert()`` followed by ``doc.db_set("owner", ...)``."""
    parent = ctx.info.parents.get(insert)
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name)):
        return False
    return any(_sets_owner(node) == (parent.targets[0].id, "after") for node in nodes)


def _sets_owner(node: ast.AST) -> tuple[str | None, str]:
    """``doc.owner = ...`` / ``doc.set("owner", ...)`` / ``doc.update({"owner": ...})`` ("before" an
    insert) or ``doc.db_set("owner", ...)`` ("after" one): the document's name and which."""
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            if isinstance(target, ast.Attribute) and target.attr == "owner" and isinstance(target.value, ast.Name):
                return target.value.id, "before"
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
        if node.func.attr in SETTERS and _mentions_owner(node):
            return node.func.value.id, SETTERS[node.func.attr]
    return None, ""


def _mentions_owner(call: ast.Call) -> bool:
    if any(k.arg == "owner" for k in call.keywords):
        return True
    first = call.args[0] if call.args else None
    if literal_string(first) == "owner":
        return True
    return isinstance(first, ast.Dict) and any(literal_string(k) == "owner" for k in first.keys)


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)
