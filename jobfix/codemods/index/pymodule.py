"""One Python module seen through stdlib ``ast``: its imports, functions, classes and enqueue
calls, with names resolved through import aliases. Cheap enough to build for every file that
passes the prefilter; the app index keeps one per module it needs."""

from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

ENQUEUE_FUNCTIONS = frozenset({"frappe.enqueue", "frappe.utils.background_jobs.enqueue"})
ENQUEUE_DOC_FUNCTIONS = frozenset({"frappe.enqueue_doc", "frappe.utils.background_jobs.enqueue_doc"})
WHITELIST_DECORATORS = frozenset({"frappe.whitelist"})
ENQUEUE_NAMES = frozenset(name.rsplit(".", 1)[1] for name in ENQUEUE_FUNCTIONS | ENQUEUE_DOC_FUNCTIONS)

FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef)
# ``Load``, ``Add``, ``Eq``...: one object shared by every node that has one, so no place of their
# own in a tree; they are read as fields (``node.ctx``, ``node.op``), never looked up.
SHARED_NODES = (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)


@dataclass(frozen=True)
class EnqueueCall:
    """A call of ``enqueue`` or ``enqueue_doc``, however the function was imported."""

    node: ast.Call
    kind: str  # "enqueue" | "enqueue_doc"
    method: ast.expr | None  # the method argument as written
    method_path: str | None  # dotted path, when it can be known statically

    @property
    def keywords(self) -> dict[str, ast.expr]:
        return {k.arg: k.value for k in self.node.keywords if k.arg is not None}

    @property
    def has_double_star(self) -> bool:
        return any(k.arg is None for k in self.node.keywords)

    def keyword(self, name: str) -> ast.expr | None:
        return self.keywords.get(name)

    @property
    def runs_in_process(self) -> bool:
        """A literal ``now=True`` or ``is_async=False``: no queue is involved. A computed ``now=``
        (``now=frappe.flags.in_test``) is false in production: the job is queued there."""
        now = self.keyword("now")
        if isinstance(now, ast.Constant) and now.value:
            return True
        is_async = self.keyword("is_async")
        return isinstance(is_async, ast.Constant) and not is_async.value and is_async.value is not None


@dataclass(frozen=True)
class FunctionInfo:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    qualname: str  # "func" or "Class.method"
    class_node: ast.ClassDef | None


# try/except, and from Python 3.11 try/except* (a node of its own): rules treat both as error handling
TRY_NODES = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def may_be_named(call: ast.Call, last_parts: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
    """Whether the call's name can end with one of ``last_parts``: an attribute call's name ends
    with its attribute, so most calls are turned away before their name is resolved."""
    return not isinstance(call.func, ast.Attribute) or call.func.attr in last_parts


def literal_string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def literal_true(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _in_source_order(kind: type[ast.AST], first: tuple[str, ...]) -> tuple[str, ...]:
    return (*first, *(name for name in kind._fields if name not in first))


# Fields whose order in ``_fields`` is not the order of the source text (decorators come first)
_SOURCE_ORDER = {
    ast.FunctionDef: _in_source_order(ast.FunctionDef, ("decorator_list", "name", "args", "returns")),
    ast.AsyncFunctionDef: _in_source_order(ast.AsyncFunctionDef, ("decorator_list", "name", "args", "returns")),
    ast.ClassDef: _in_source_order(ast.ClassDef, ("decorator_list",)),
    ast.IfExp: ("body", "test", "orelse"),
}
# Field types of the grammar whose values are never nodes of their own: names, literals, and the
# shared ``Load``/``Add``/``Eq``... above.
_LEAF_TYPES = frozenset({"identifier", "string", "constant", "int", "expr_context", "operator", "unaryop", "boolop", "cmpop"})
_DECLARED_FIELD = re.compile(r"(\w+)([*?]?) (\w+)")


class _ChildFields(dict):
    """Node type -> its fields that can hold child nodes, in source order, each with whether it
    holds a list: read once per type from the grammar's signature in its docstring
    (``Call(expr func, expr* args, keyword* keywords)``), so the walk never looks at ``ctx``,
    ``id`` or ``value`` of a Name or a Constant (half the nodes of a module). A type whose
    signature does not declare every field (none that ``ast.parse`` makes) keeps them all, and
    its values are told apart as they come."""

    def __missing__(self, kind: type) -> tuple[tuple[str, bool | None], ...]:
        declared = {
            name: (typ, quantity)
            for typ, quantity, name in _DECLARED_FIELD.findall((kind.__doc__ or "").partition("(")[2])
        }
        order = _SOURCE_ORDER.get(kind, kind._fields or ())
        if all(name in declared for name in order):
            fields = tuple((name, declared[name][1] == "*") for name in order if declared[name][0] not in _LEAF_TYPES)
        else:
            fields = tuple((name, None) for name in order)
        self[kind] = fields
        return fields


def _values(node: ast.AST, name: str, many: bool | None) -> list[ast.AST]:
    """The child nodes in one field of ``node``."""
    value = getattr(node, name, None)
    if many is None:  # a field of unknown type: whatever nodes it holds
        items = value if isinstance(value, list) else [value]
        return [item for item in items if isinstance(item, ast.AST) and not isinstance(item, SHARED_NODES)]
    if many:
        return [item for item in value or () if item is not None]  # ``None``: ``{**d}``'s key, ``def f(*, a)``'s default
    return [] if value is None else [value]


_CHILD_FIELDS = _ChildFields()


class _IterFields(dict):
    """Node type -> the fields ``ast.iter_child_nodes`` can find nodes in, in its order (``_fields``,
    the shared ``Load``/``Eq``... included), each with whether it holds a list; None for a type
    whose signature does not declare every field."""

    def __missing__(self, kind: type) -> tuple[tuple[str, bool], ...] | None:
        declared = {
            name: (typ, quantity)
            for typ, quantity, name in _DECLARED_FIELD.findall((kind.__doc__ or "").partition("(")[2])
        }
        fields = None
        if all(name in declared for name in kind._fields or ()):
            fields = tuple(
                (name, declared[name][1] == "*") for name in kind._fields or ()
                if declared[name][0] not in ("identifier", "string", "constant", "int")
            )
        self[kind] = fields
        return fields


_ITER_FIELDS = _IterFields()


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """``list(ast.iter_child_nodes(node))``, the same nodes in the same order, three times faster:
    the rules' walks of a function's own code go through here."""
    fields = _ITER_FIELDS[node.__class__]
    if fields is None:
        return list(ast.iter_child_nodes(node))
    children = []
    for name, many in fields:
        value = getattr(node, name, None)
        if many:
            children.extend(item for item in value or () if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


class NodeIndex:
    """One walk of a syntax tree (pre-order, so nodes come in source order; only a dict's keys come
    before its values): each node's parent,
    and the nodes of each type. ``nodes(ast.Call)`` is a list look-up; ``within=func`` cuts the
    function's own range out of it, so no rule walks a module, or a function, again."""

    __slots__ = ("parents", "_position", "_by_type", "_ends", "_kinds")

    def __init__(self, tree: ast.AST):
        parents: dict[ast.AST, ast.AST] = {}
        position: dict[ast.AST, int] = {}
        by_type: dict[type, list[ast.AST]] = {}
        stack: list[ast.AST] = [tree]
        while stack:
            node = stack.pop()
            position[node] = len(position)
            kind = node.__class__
            found = by_type.get(kind)
            if found is None:
                by_type[kind] = [node]
            else:
                found.append(node)
            fields = _CHILD_FIELDS[kind]
            if not fields:
                continue  # a Name, a Constant...: about half the nodes of a module have no children
            children = []
            for name, many in fields:  # what _values does, inline: a call per field costs a third of the walk
                value = getattr(node, name, None)
                if value is None:
                    continue
                if many:
                    for item in value:
                        if item is not None:
                            parents[item] = node
                            children.append(item)
                elif many is False:
                    parents[value] = node
                    children.append(value)
                else:
                    for item in _values(node, name, many):
                        parents[item] = node
                        children.append(item)
            children.reverse()
            stack.extend(children)
        self.parents = parents
        self._position = position
        self._by_type = by_type
        self._ends: dict[ast.AST, int] = {}
        self._kinds: dict[object, tuple[type, ...]] = {}

    def nodes(self, kinds: type[ast.AST] | tuple[type[ast.AST], ...], within: ast.AST | None = None) -> list:
        lists = [self._by_type[kind] for kind in self._concrete(kinds)]
        if within is not None:
            start, end = self._position[within], self._end(within)
            key = self._position.__getitem__
            lists = [found[bisect_left(found, start, key=key):bisect_right(found, end, key=key)] for found in lists]
        if len(lists) == 1:
            return list(lists[0])
        return sorted((node for found in lists for node in found), key=self._position.__getitem__)

    def _concrete(self, kinds) -> tuple[type, ...]:
        """The node types of the tree that are ``kinds`` (``ast.stmt`` is ``ast.If``, ``ast.For``...)."""
        if kinds not in self._kinds:
            self._kinds[kinds] = tuple(kind for kind in self._by_type if issubclass(kind, kinds))
        return self._kinds[kinds]

    def _end(self, node: ast.AST) -> int:
        """The position of the last node under ``node``: the last child's last child, and so on."""
        if node not in self._ends:
            last = node
            while (child := _last_child(last)) is not None:
                last = child
            self._ends[node] = self._position[last]
        return self._ends[node]


def _last_child(node: ast.AST) -> ast.AST | None:
    for name, many in reversed(_CHILD_FIELDS[node.__class__]):
        values = _values(node, name, many)
        if values:
            return values[-1]
    return None


class ModuleInfo:
    """Names of one module, resolved through its imports."""

    def __init__(self, tree: ast.Module, module: str | None, is_package: bool = False):
        self.tree = tree
        self.module = module
        self.is_package = is_package
        self.imports: dict[str, str] = {}
        self.definitions: dict[str, ast.AST] = {}
        self.aliases: dict[str, ast.expr] = {}  # name = other_name, at module level
        self._call_names: dict[ast.Call, str | None] = {}
        for stmt in tree.body:
            self._read_top_level(stmt)

    def _read_top_level(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    self.imports[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    self.imports[top] = top
        elif isinstance(stmt, ast.ImportFrom):
            base = self._absolute(stmt.module, stmt.level)
            for alias in stmt.names:
                if alias.name != "*":
                    self.imports[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
        elif isinstance(stmt, (*FUNCTION_NODES, ast.ClassDef)):
            self.definitions[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.Name, ast.Attribute)):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    self.aliases[target.id] = stmt.value
        elif isinstance(stmt, ast.If | ast.Try):  # imports under `if TYPE_CHECKING` / try-except ImportError
            for inner in ast.iter_child_nodes(stmt):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    self._read_top_level(inner)
                elif isinstance(inner, ast.ExceptHandler):
                    for handler_stmt in inner.body:
                        self._read_top_level(handler_stmt)

    def _absolute(self, module: str | None, level: int) -> str | None:
        if level == 0:
            return module
        if self.module is None:
            return None
        parts = self.module.split(".")
        package = parts if self.is_package else parts[:-1]
        if level > 1:
            package = package[: len(package) - (level - 1)]
        base = ".".join(package)
        return f"{base}.{module}" if module else base

    def qualname(self, node: ast.AST | None) -> str | None:
        """``frappe.db.commit`` for ``db.commit`` after ``from frappe import db``; None if unknowable
        (a call's result: ``frappe.qb.get_query(...).run``). A loop, not recursion: an attribute
        chain can be thousands of links long and must not end the run."""
        attrs = []
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        if node.id in self.imports:
            base = self.imports[node.id]
        elif node.id in self.definitions and self.module:
            base = f"{self.module}.{node.id}"
        elif (imported := self._imported_in_function(node)) is not None:
            base = imported
        else:
            base = node.id
        return ".".join([base, *reversed(attrs)])

    def _imported_in_function(self, name: ast.Name) -> str | None:
        """What ``name`` means through an import inside a function around it
        (``def f(): from frappe import enqueue``)."""
        if name.id not in self._function_imported_names:
            return None  # most names: no function imports them, no need to climb
        for ancestor in self.ancestors(name):
            found = self.function_imports.get(ancestor, {}).get(name.id)
            if found is not None:
                return found
        return None

    @cached_property
    def function_imports(self) -> dict[ast.AST, dict[str, str]]:
        """Function -> the names its own import statements bind."""
        found: dict[ast.AST, dict[str, str]] = {}
        position = self.syntax._position
        statements = self.nodes((ast.Import, ast.ImportFrom))
        # in the order of the walk's parents table (a parent's children together, in the walk's
        # order of parents), as before: where one function imports a name twice, the last one wins
        statements.sort(key=lambda node: (position[self.parents[node]], position[node]))
        for node in statements:
            function = self.enclosing_function(node)
            if function is None:
                continue
            names = found.setdefault(function, {})
            if isinstance(node, ast.Import):
                for alias in node.names:
                    names[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
            else:
                base = self._absolute(node.module, node.level)
                for alias in node.names:
                    if alias.name != "*":
                        names[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
        return found

    @cached_property
    def _function_imported_names(self) -> frozenset[str]:
        return frozenset(name for names in self.function_imports.values() for name in names)

    def call_name(self, call: ast.Call) -> str | None:
        """``qualname`` of the called function, worked out once per call: every rule asks it of
        every call of the module."""
        try:
            return self._call_names[call]
        except KeyError:
            name = self._call_names[call] = self.qualname(call.func)
            return name

    def bound_name(self, qualified: str) -> str | None:
        """The top-level name an import binds to ``qualified`` (``fr`` after ``import frappe as fr``)."""
        return next((name for name, target in self.imports.items() if target == qualified), None)

    @cached_property
    def syntax(self) -> NodeIndex:
        """Every node of the tree, found in one walk; rules ask it instead of walking again."""
        return NodeIndex(self.tree)

    @property
    def parents(self) -> dict[ast.AST, ast.AST]:
        """Every node but the module -> its parent."""
        return self.syntax.parents

    def nodes(self, kinds: type[ast.AST] | tuple[type[ast.AST], ...], within: ast.AST | None = None) -> list:
        """The nodes of ``kinds`` in source order (``within``: only those under that node, itself included)."""
        return self.syntax.nodes(kinds, within)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        parent = self.parents.get(node)
        while parent is not None:
            yield parent
            parent = self.parents.get(parent)

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, FUNCTION_NODES):
                return ancestor
            if isinstance(ancestor, ast.Lambda):
                return None
        return None

    @cached_property
    def functions(self) -> list[FunctionInfo]:
        """Module-level functions and methods of module-level classes (the ones with dotted paths)."""
        found: list[FunctionInfo] = []
        for stmt in self.tree.body:
            if isinstance(stmt, FUNCTION_NODES):
                found.append(FunctionInfo(stmt, stmt.name, None))
            elif isinstance(stmt, ast.ClassDef):
                for inner in stmt.body:
                    if isinstance(inner, FUNCTION_NODES):
                        found.append(FunctionInfo(inner, f"{stmt.name}.{inner.name}", stmt))
        return found

    def dotted_path(self, function: FunctionInfo) -> str | None:
        """``module.func`` or ``module.Class.method``: the name hooks.py and enqueue use for it."""
        return f"{self.module}.{function.qualname}" if self.module else None

    def function_info(self, node: ast.AST) -> FunctionInfo | None:
        for info in self.functions:
            if info.node is node:
                return info
        return None

    @cached_property
    def enqueue_calls(self) -> list[EnqueueCall]:
        calls = []
        for node in self.nodes(ast.Call):
            call = self.as_enqueue(node)
            if call is not None:
                calls.append(call)
        calls.sort(key=lambda c: (c.node.lineno, c.node.col_offset))
        return calls

    def as_enqueue(self, node: ast.Call) -> EnqueueCall | None:
        if not may_be_named(node, ENQUEUE_NAMES):
            return None
        name = self.call_name(node)
        if name in ENQUEUE_FUNCTIONS:
            method = node.args[0] if node.args else _keyword(node, "method")
            return EnqueueCall(node, "enqueue", method, self.method_path(method))
        if name in ENQUEUE_DOC_FUNCTIONS:
            method = node.args[2] if len(node.args) > 2 else _keyword(node, "method")
            return EnqueueCall(node, "enqueue_doc", method, None)
        return None

    def method_path(self, method: ast.expr | None) -> str | None:
        text = literal_string(method)
        if text is not None:
            return text
        if isinstance(method, (ast.Name, ast.Attribute)):
            name = self.qualname(method)
            if name and "." in name:
                return name
        return None

    def decorator_names(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str | None, ast.expr]]:
        out = []
        for dec in func.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            out.append((self.qualname(target), dec))
        return out

    def whitelist_decorator(self, func) -> ast.expr | None:
        for name, dec in self.decorator_names(func):
            if name in WHITELIST_DECORATORS:
                return dec
        return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None
