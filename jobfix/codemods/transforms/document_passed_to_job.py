from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from jobfix.codemods.engine.model import EditError
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec, RewriteContext, Target
from jobfix.codemods.index.pymodule import ModuleInfo
from jobfix.codemods.index.frappe_api import ENQUEUE_PARAMETERS
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms.base import Contract, Transform

# Calls that return a Document already in the database, and calls that build one that may not be yet
LOADED = frozenset({"frappe.get_cached_doc", "frappe.get_last_doc"})
NEW = frozenset({"frappe.new_doc"})
# Document events that run before the document has a name or a row
BEFORE_INSERT = frozenset({"before_naming", "autoname", "before_insert"})

SAVES = frozenset({"save", "insert", "submit", "cancel", "db_update", "reload"})

CHANGES = frozenset({"set", "append", "update", "extend", "remove", "set_onload"})


class DocumentPassedToJob(Transform):
    code = "JF101"
    name = "document-passed-to-job"
    summary = "A `Document` passed to `enqueue`: pickled with the job and stale by the time it runs"
    rationale = (
        "Everything `enqueue` does not take itself is handed to the job function, through Redis: "
        "RQ pickles the keyword arguments with the job. A Document travels as "
        "the copy it was at enqueue time, with whatever unsaved changes it had; by the time the "
        "worker runs, another request may have changed or deleted it, and a save of the copy "
        "overwrites that work (or fails with TimestampMismatchError). Pass its doctype and name and "
        "load it in the job: the job then works on the document as it is when it runs."
    )
    bad = '''\
# myapp/sync.py
import frappe

def queue_order_push(name):
    order = frappe.get_doc("Sales Order", name)
    frappe.enqueue("myapp.sync.push_order", order=order)

def push_order(order):
    ...
'''
    good = '''\
# myapp/sync.py
import frappe

def queue_order_push(name):
    order = frappe.get_doc("Sales Order", name)
    frappe.enqueue("myapp.sync.push_order", order_doctype=order.doctype, order_name=order.name)

def push_order(order_doctype, order_name):
    order = frappe.get_doc(order_doctype, order_name)
    ...
'''
    # Opt-in (issue 14): on 15 real apps (Frappe's own code included) the document passed was
    # almost always enqueued after commit and only read by the job. `--extend-select JF101`.
    default = False
    applicability = Applicability.UNSAFE
    contract = Contract(
        "the job receives the document's doctype and name and loads it",
        frozenset({"jobs", "signature"}),
    )
    fix_safety = (
        "Unsafe: the job function's signature changes (`order` becomes `order_doctype, order_name`) "
        "and it loads the document when it runs, so it sees the saved state, not unsaved changes "
        "made before the enqueue. The fix changes every enqueue of that function in the app at once "
        "and is offered only when each of them passes a document this rule recognises and nothing "
        "else calls the function (directly, from hooks.py, or as an endpoint). A document that may "
        "not be saved yet (`new_doc`, `get_doc({...})` without `insert()`, `before_insert`) is "
        "display-only."
    )
    version_notes = "The same in v13 to v16."
    triggers = ("enqueue",)

    def check(self, ctx):
        for call in ctx.info.enqueue_calls:
            if call.kind != "enqueue":
                continue
            for keyword in call.node.keywords:
                if keyword.arg is None or keyword.arg in ENQUEUE_PARAMETERS:
                    continue
                document = document_argument(ctx.app, ctx.info, call.node, keyword.value)
                if document is None:
                    continue
                message = (
                    f"{document.what} is passed to `enqueue` as `{keyword.arg}=`: the Document is pickled with "
                    "the job and stale by the time it runs; pass its doctype and name"
                )
                yield self.finding(ctx, keyword.value, message, self._fix(ctx, call, keyword.arg, document))

    def _fix(self, ctx, call, param: str, document: DocumentArgument):
        load = f"pass `{param}_doctype`/`{param}_name` and load it with `frappe.get_doc` in the job"
        if not document.saved:
            return self.advice(f"Save the document before enqueueing, then {load}: it may have no name yet")
        resolved = ctx.app.resolve(call.method_path)
        found = ctx.app.function(call.method_path)
        if resolved is None or found is None:
            return self.advice(f"The job function is not in this app: {load}")
        job_info, func = found
        reason = _signature_problem(job_info, func, param) or _other_callers(ctx.app, resolved.dotted, job_info, func)
        sites, problem = _enqueue_sites(ctx.app, resolved.dotted, param)
        reason = reason or problem
        if reason:
            return self.advice(f"{load[0].upper()}{load[1:]} ({reason})")
        edits = [
            Edit(path, PassDocumentByName(frozenset({param})), _target(ctx.app, path, node, "Call"))
            for path, node in sites
        ]
        edits.append(
            Edit(resolved.file, LoadDocuments(frozenset({param})), _target(ctx.app, resolved.file, func, "FunctionDef"), (ImportSpec("frappe"),))
        )
        others = f" (and the {len(sites) - 1} other enqueue of it)" if len(sites) == 2 else (
            f" (and the {len(sites) - 1} other enqueues of it)" if len(sites) > 2 else ""
        )
        return self.fix(f"Pass `{param}_doctype`/`{param}_name`{others}; `{resolved.dotted}` loads the document", *edits)


@dataclass(frozen=True)
class DocumentArgument:
    saved: bool  # False: the document may have no name or row yet
    what: str  # for messages: "`order` (from `frappe.get_doc`)"


def document_argument(app, info: ModuleInfo, call: ast.Call, value: ast.expr) -> DocumentArgument | None:
    """Whether ``value``, an argument of ``call``, is a Frappe Document, read from the code around it."""
    if not isinstance(value, ast.Name):
        return None
    func = info.enclosing_function(call)
    if func is None:
        return None
    finfo = info.function_info(func)
    params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    if value.id == "self" and finfo is not None and finfo.class_node is not None:
        if not app.is_document_class(info, finfo.class_node):
            return None
        return DocumentArgument(func.name not in BEFORE_INSERT, f"`self` (the `{finfo.class_node.name}` document)")
    if finfo is not None and finfo.class_node is None and params and params[0] == value.id:
        roles = app.roles(info, func)
        if roles.is_doc_event:
            saved = not (set(roles.doc_events) & BEFORE_INSERT)
            return DocumentArgument(saved, f"`{value.id}` (the document of doc_events handler `{func.name}`)")
        return None
    return _bound_document(info, func, call, value.id)


def _bound_document(info: ModuleInfo, func, call: ast.Call, name: str) -> DocumentArgument | None:
    """``name`` when every binding of it in ``func`` is ``name = frappe.get_doc(...)`` (or a sibling)."""
    if name in {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}:
        return None
    stores = [n for n in info.nodes(ast.Name, within=func) if n.id == name and not isinstance(n.ctx, ast.Load)]
    if not stores:
        return None
    saved = True
    source = None
    for store in stores:
        assign = info.parents.get(store)
        if not (isinstance(assign, ast.Assign) and assign.targets == [store] and isinstance(assign.value, ast.Call)):
            return None
        source = info.call_name(assign.value)
        if source == "frappe.get_doc":
            args = assign.value.args
            saved = saved and bool(args) and not isinstance(args[0], ast.Dict)
        elif source in NEW:
            saved = False
        elif source not in LOADED:
            return None
    if not saved:
        saved = _saved_before(info, func, call, name)
    return DocumentArgument(saved, f"`{name}` (from `{source}`)")


def _saved_before(info: ModuleInfo, func, call: ast.Call, name: str) -> bool:
    """A new document is in the database once ``name.insert()`` / ``name.save()`` ran before the call."""
    return any(
        isinstance(n.func, ast.Attribute) and n.func.attr in ("insert", "save")
        and isinstance(n.func.value, ast.Name) and n.func.value.id == name and n.lineno < call.lineno
        for n in info.nodes(ast.Call, within=func)
    )


def _names(param: str) -> tuple[str, str]:
    return f"{param}_doctype", f"{param}_name"


@dataclass(frozen=True)
class PassDocumentByName:
    """A rewrite of an enqueue call: ``param=doc`` becomes ``param_doctype=doc.doctype, param_name=doc.name``."""

    params: frozenset[str]

    def merge(self, other: PassDocumentByName) -> PassDocumentByName:
        return PassDocumentByName(self.params | other.params)

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        args: list[cst.Arg] = []
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value not in self.params:
                args.append(arg)
                continue
            doctype, name = _names(arg.keyword.value)
            value = ctx.module.code_for_node(arg.value)
            separator = arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) and arg is not node.args[-1] else None
            if separator is None:
                separator = node.args[-2].comma.whitespace_after if len(node.args) > 1 else cst.SimpleWhitespace(" ")
            if isinstance(separator, cst.ParenthesizedWhitespace):  # keep the line break, not a comment
                separator = separator.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=())
            args.append(
                arg.with_changes(
                    keyword=cst.Name(doctype),
                    value=cst.parse_expression(f"{value}.doctype"),
                    comma=cst.Comma(whitespace_after=separator),
                    whitespace_after_arg=cst.SimpleWhitespace(""),
                )
            )
            args.append(arg.with_changes(keyword=cst.Name(name), value=cst.parse_expression(f"{value}.name")))
        return node.with_changes(args=args)


@dataclass(frozen=True)
class LoadDocuments:
    """A rewrite of the job function: parameter ``p`` becomes ``p_doctype, p_name`` and the body starts
    with ``p = frappe.get_doc(p_doctype, p_name)``."""

    params: frozenset[str]

    def merge(self, other: LoadDocuments) -> LoadDocuments:
        return LoadDocuments(self.params | other.params)

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        if not isinstance(node.body, cst.IndentedBlock):
            raise EditError(f"`def {node.name.value}` has its body on the same line")
        loads = []
        parameters = node.params
        for field in ("params", "kwonly_params"):
            new_params: list[cst.Param] = []
            for param in getattr(parameters, field):
                if param.name.value not in self.params:
                    new_params.append(param)
                    continue
                doctype, name = _names(param.name.value)
                new_params.append(param.with_changes(name=cst.Name(doctype), annotation=None, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
                new_params.append(param.with_changes(name=cst.Name(name), annotation=None))
                loads.append(
                    cst.parse_statement(
                        f"{param.name.value} = frappe.get_doc({doctype}, {name}){ctx.module.default_newline}",
                        config=ctx.module.config_for_parsing,
                    )
                )
            parameters = parameters.with_changes(**{field: new_params})
        if not loads:
            return node  # already rewritten
        body = list(node.body.body)
        at = 1 if body and _is_docstring(body[0]) else 0
        return node.with_changes(params=parameters, body=node.body.with_changes(body=[*body[:at], *loads, *body[at:]]))


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _signature_problem(info: ModuleInfo, func, param: str) -> str | None:
    args = func.args
    named = {a.arg: a for a in (*args.args, *args.kwonlyargs)}
    if param not in named:
        return f"`{func.name}` has no parameter `{param}`"
    positional_defaults = dict(zip([a.arg for a in args.args][len(args.args) - len(args.defaults):], args.defaults))
    keyword_defaults = {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
    if param in positional_defaults or param in keyword_defaults:
        return f"`{param}` has a default value"
    if func.body[0].lineno == func.lineno:
        return f"`def {func.name}` has its body on the same line"
    taken = set(named) | {n.id for n in info.nodes(ast.Name, within=func)}
    clash = [n for n in _names(param) if n in taken]
    if clash:
        return f"`{clash[0]}` is already used in `{func.name}`"
    return None


def _other_callers(app, dotted: str, info: ModuleInfo, func) -> str | None:
    """A way the job function is called other than ``enqueue`` by path, which the fix would break."""
    roles = app.roles(info, func)
    if roles.is_scheduled or roles.is_doc_event or roles.whitelisted:
        return f"`{func.name}` is also a scheduled task, document event or endpoint"
    for path, node in app.direct_calls(dotted)[:1]:
        return f"`{func.name}` is also called directly in {path.name}:{node.lineno}"
    return None


def _enqueue_sites(app, dotted: str, param: str) -> tuple[list[tuple[Path, ast.Call]], str | None]:
    """Every enqueue of ``dotted`` in the app, or why one of them would break with the fix."""
    sites = []
    for path, line in sorted(set(app.job_targets.get(dotted, ()))):
        module = app.module_name(path)
        info = app.module_info(module) if module else None
        for call in info.enqueue_calls if info else ():
            resolved = app.resolve(call.method_path)
            if call.node.lineno != line or resolved is None or resolved.dotted != dotted:
                continue
            value = call.keyword(param)
            document = document_argument(app, info, call.node, value) if value is not None else None
            if call.kind != "enqueue" or call.has_double_star or document is None or not document.saved:
                return [], f"the enqueue in {path.name}:{line} passes `{param}` some other way"
            change = _unsaved_change(info, call.node, value)
            if change is not None:
                return [], (
                    f"`{change}` is changed in {path.name} before the enqueue and not saved: the job would load "
                    "the document without that change"
                )
            sites.append((path, call.node))
    return sites, None


def _unsaved_change(info: ModuleInfo, call: ast.Call, value: ast.expr) -> str | None:
    """A change to the document ``value`` names (``doc.status = ...``, ``doc.append(...)``) made in
    the function before the enqueue with no save after it: the pickled document carries it, the
    saved one the job would load does not."""
    func = info.enclosing_function(call)
    if func is None or not isinstance(value, ast.Name):
        return None
    changed = None
    for node in info.nodes((ast.Assign, ast.AugAssign, ast.Call), within=func):
        if (node.lineno, node.col_offset) >= (call.lineno, call.col_offset):
            break
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            base = target
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            if base is not target and isinstance(base, ast.Name) and base.id == value.id:
                changed = ast.unparse(target)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_name(node.func.value, value.id):
            if node.func.attr in CHANGES:
                changed = f"{value.id}.{node.func.attr}(...)"
            elif node.func.attr in SAVES:
                changed = None
    return changed


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _target(app, path: Path, node: ast.AST, node_type: str) -> Target:
    """A Target in any file of the app (ast columns are UTF-8 bytes; LibCST counts characters)."""
    lines = (app.text_of(path) or "").splitlines()
    line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else ""
    column = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace"))
    return Target(node_type, node.lineno, column)
