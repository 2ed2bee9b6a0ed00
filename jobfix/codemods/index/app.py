"""A Frappe app seen from outside: its hooks, modules, functions and their roles.

Everything here comes from syntax trees; no file of the app is ever imported or executed.
Rules ask the index what a function is (scheduled task, document event handler, whitelisted
endpoint, job target); they never re-discover it.
"""

from __future__ import annotations

import ast
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from jobfix.codemods.index.syntax import parse
from jobfix.codemods.index.frappe_api import JOB_LABEL_READERS, frequency_key
from jobfix.codemods.index.pymodule import FUNCTION_NODES, ModuleInfo, literal_string
from jobfix.codemods.engine.source import SourceError, SourceFile, read_source

# Controller methods Frappe calls on document events (frappe/model/document.py run_method names).
CONTROLLER_HOOKS = frozenset(
    {
        "before_insert", "after_insert", "before_validate", "validate", "before_save", "on_update",
        "on_change", "before_submit", "on_submit", "before_cancel", "on_cancel",
        "before_update_after_submit", "on_update_after_submit", "on_trash", "after_delete",
        "before_rename", "after_rename", "before_discard", "on_discard", "before_print",
    }
)
# Framework classes that are Documents, reached without reading frappe or erpnext themselves.
DOCUMENT_BASES = frozenset(
    {
        "Document", "NestedSet", "WebsiteGenerator", "TransactionBase", "AccountsController",
        "StockController", "BuyingController", "SellingController", "SubcontractingController",
    }
)

# A definition of one of them: the text of every module whose methods can be controller hooks.
CONTROLLER_HOOK_DEFINITION = re.compile(rf"def[\s\\]+(?:{'|'.join(sorted(CONTROLLER_HOOKS))})\b")  # "def" first: searched fast

DOTTED_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


@dataclass(frozen=True)
class SchedulerEntry:
    key: str
    cron: str | None  # the cron expression, for entries of a dict-valued key
    path: str | None  # the dotted path as written; None when the entry is not a string literal
    node: ast.expr
    in_list: bool  # False when the key's value is a single string

    @property
    def dotted(self) -> str | None:
        """The path without a trailing argument list: ``app.tasks.run(days=3)`` -> ``app.tasks.run``."""
        return self.path.split("(", 1)[0].strip() if self.path is not None else None

    @property
    def frequency(self) -> str:
        """The key as Frappe reads it (``"Daily"`` is ``"daily"``); rules compare this, not ``key``."""
        return frequency_key(self.key)

    @property
    def event(self) -> str:
        return f"cron {self.cron!r}" if self.cron is not None else self.key

    @property
    def plain(self) -> bool:
        """A string that is a dotted path and nothing else, as ``frappe.get_attr`` needs."""
        return self.path is not None and DOTTED_PATH.fullmatch(self.path) is not None


@dataclass(frozen=True)
class DocEventEntry:
    doctype: str
    event: str
    path: str
    node: ast.expr


@dataclass
class Hooks:
    path: Path
    tree: ast.Module | None = None
    scheduler_dict: ast.Dict | None = None
    scheduler_assign: ast.stmt | None = None
    scheduler_entries: list[SchedulerEntry] = field(default_factory=list)
    scheduler_unreadable: str | None = None  # why scheduler_events cannot be read statically
    doc_events: list[DocEventEntry] = field(default_factory=list)
    error: str | None = None  # hooks.py itself cannot be read or parsed


@dataclass(frozen=True)
class Roles:
    scheduled: tuple[SchedulerEntry, ...] = ()
    doc_events: tuple[str, ...] = ()  # event names: controller hooks or doc_events keys
    whitelisted: bool = False
    allow_guest: bool = False
    job_target: bool = False

    @property
    def is_scheduled(self) -> bool:
        return bool(self.scheduled)

    @property
    def is_doc_event(self) -> bool:
        return bool(self.doc_events)

    @property
    def runs_in_background(self) -> bool:
        return self.is_scheduled or self.job_target


def read_hooks(path: Path) -> Hooks:
    hooks = Hooks(path)
    if path.is_symlink():  # links are never followed: this one could lead out of the tree
        hooks.error = "hooks.py is a symbolic link; not followed"
        return hooks
    if not path.exists():
        return hooks
    try:
        source = read_source(path)
        hooks.tree = parse(source.text, filename=str(path))
    except SourceError as exc:
        hooks.error = str(exc)
        return hooks
    except (SyntaxError, ValueError) as exc:
        hooks.error = f"hooks.py is not valid Python: {getattr(exc, 'msg', exc)}"
        return hooks
    except (RecursionError, MemoryError):
        hooks.error = "hooks.py is nested too deeply to read"
        return hooks
    _read_scheduler_events(hooks)
    _read_doc_events(hooks)
    return hooks


def _module_level(body: list[ast.stmt]):
    """Statements run at import time: the module's own and those inside its if/try/with/for blocks."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (*FUNCTION_NODES, ast.ClassDef)):
            continue
        for field_name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field_name, None)
            if isinstance(inner, list):
                yield from _module_level(inner)
        for handler in getattr(stmt, "handlers", ()):
            yield from _module_level(handler.body)


def _base_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _assignments(tree: ast.Module, name: str) -> list[ast.stmt]:
    """Module-level statements that bind or change ``name``."""
    found = []
    for stmt in _module_level(tree.body):
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        elif isinstance(stmt, ast.Delete):
            targets = stmt.targets
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            targets = [stmt.target]
        elif isinstance(stmt, ast.With):
            targets = [i.optional_vars for i in stmt.items if i.optional_vars is not None]
        elif isinstance(stmt, ast.ImportFrom) and any((a.asname or a.name) == name for a in stmt.names):
            found.append(stmt)  # from .other_hooks import scheduler_events
            continue
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            if isinstance(func, ast.Attribute) and _base_name(func.value) == name:
                found.append(stmt)  # scheduler_events.update(...), scheduler_events["daily"].append(...)
            continue
        if any(_changes(target, name) for target in targets):
            found.append(stmt)
    return found


def _changes(target: ast.expr, name: str) -> bool:
    """Whether assigning to ``target`` binds ``name`` or changes what it holds."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_changes(e, name) for e in target.elts)
    if isinstance(target, ast.Starred):
        return _changes(target.value, name)
    return _base_name(target) == name


def _unreadable(hooks: Hooks, reason: str) -> None:
    if hooks.scheduler_unreadable is None:  # the first reason is the one reported
        hooks.scheduler_unreadable = reason


def _read_scheduler_events(hooks: Hooks) -> None:
    statements = _assignments(hooks.tree, "scheduler_events")
    if not statements:
        return
    first = statements[0]
    value = getattr(first, "value", None)
    if len(statements) > 1 or not isinstance(first, (ast.Assign, ast.AnnAssign)) or not isinstance(value, ast.Dict):
        hooks.scheduler_assign = first
        hooks.scheduler_unreadable = (
            "scheduler_events is built in more than one statement"
            if len(statements) > 1
            else "scheduler_events is imported from another module"
            if isinstance(first, ast.ImportFrom)
            else "scheduler_events is not a dict literal"
        )
        return
    hooks.scheduler_assign = first
    hooks.scheduler_dict = value
    list_names = _names_bound_to_lists(hooks.tree)
    for key_node, val in zip(value.keys, value.values):
        key = literal_string(key_node)
        if key_node is None:
            _unreadable(hooks, "scheduler_events unpacks another dict (`**`)")
            continue
        if key is None:
            _unreadable(hooks, "scheduler_events has a key that is not a string literal")
            continue
        if isinstance(val, ast.Dict):
            for cron_node, cron_val in zip(val.keys, val.values):
                cron = literal_string(cron_node)
                if cron_node is None or _computed_list(cron_val, list_names):
                    _unreadable(hooks, f"the cron table of {key!r} is built from other values")
                    continue
                hooks.scheduler_entries.extend(_entries(key, cron if cron is not None else "?", cron_val))
        elif _computed_list(val, list_names):
            _unreadable(hooks, f"the entries of {key!r} are computed, not written as a list")
        else:
            hooks.scheduler_entries.extend(_entries(key, None, val))


def _names_bound_to_lists(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for stmt in _module_level(tree.body):
        if isinstance(stmt, ast.Assign) and (
            isinstance(stmt.value, (ast.List, ast.Tuple, ast.ListComp)) or _computed_list(stmt.value, names)
        ):
            names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
    return names


def _computed_list(value: ast.expr, list_names: set[str]) -> bool:
    """A key's value that is a list made elsewhere (a name, a concatenation, `*spread`), not entries."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return any(isinstance(e, ast.Starred) for e in value.elts)
    if isinstance(value, ast.Name):
        return value.id in list_names
    if isinstance(value, ast.BinOp):  # DAILY + ["x"]; a concatenation of strings stays one (computed) entry
        return any(
            isinstance(side, (ast.List, ast.Tuple, ast.ListComp)) or _computed_list(side, list_names)
            for side in (value.left, value.right)
        )
    return isinstance(value, (ast.ListComp, ast.GeneratorExp, ast.Subscript))


def _entries(key: str, cron: str | None, value: ast.expr) -> list[SchedulerEntry]:
    if isinstance(value, (ast.List, ast.Tuple)):
        return [SchedulerEntry(key, cron, literal_string(v), v, True) for v in value.elts]
    return [SchedulerEntry(key, cron, literal_string(value), value, False)]


def _read_doc_events(hooks: Hooks) -> None:
    for stmt in _assignments(hooks.tree, "doc_events"):
        value = getattr(stmt, "value", None)
        if not isinstance(value, ast.Dict):
            continue
        for doctype_node, events in zip(value.keys, value.values):
            doctype = literal_string(doctype_node)
            if doctype is None or not isinstance(events, ast.Dict):
                continue
            for event_node, handlers in zip(events.keys, events.values):
                event = literal_string(event_node)
                if event is None:
                    continue
                items = handlers.elts if isinstance(handlers, (ast.List, ast.Tuple)) else [handlers]
                for item in items:
                    path = literal_string(item)
                    if path:
                        hooks.doc_events.append(DocEventEntry(doctype, event, path, item))


@dataclass(frozen=True)
class Resolved:
    """Where a dotted path leads: the module and top-level name that define it."""

    module: str
    name: str
    file: Path
    node: ast.AST

    @property
    def dotted(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def is_function(self) -> bool:
        return isinstance(self.node, FUNCTION_NODES)


def _through_link(root: Path, path: Path) -> bool:
    """Whether ``path`` (below ``root``) or a folder between the two is a symbolic link."""
    inside = path.relative_to(root).parts
    return any(root.joinpath(*inside[: i + 1]).is_symlink() for i in range(len(inside)))


class AppIndex:
    """One Frappe app: ``package_dir`` is the folder holding hooks.py (``apps/x/x``)."""

    def __init__(self, package_dir: Path, files: list[Path], *, is_app: bool = True):
        """``is_app=False`` indexes loose files outside any app: no hooks, no dotted paths of its own."""
        self.package_dir = package_dir
        self.is_app = is_app
        self.name = package_dir.name
        self.module_root = package_dir.parent
        self.hooks = read_hooks(package_dir / "hooks.py")
        self.files = files
        self._modules: dict[str, ModuleInfo | None] = {}
        self._sources: dict[Path, SourceFile | SourceError] = {}
        self._module_names: dict[Path, str | None] = {}  # the prefilter asks once per file and rule
        self._module_files: dict[str, Path | None] = {}
        self._root_prefix = os.path.join(str(self.module_root), "")

    # -- modules -------------------------------------------------------------------------
    def module_name(self, path: Path) -> str | None:
        if path not in self._module_names:
            self._module_names[path] = self._module_name(path)
        return self._module_names[path]

    def _module_name(self, path: Path) -> str | None:
        """``app.mod.sub`` for ``<module_root>/app/mod/sub.py``, as ``relative_to`` and
        ``with_suffix("")`` would give it, in string operations: every file of the app is asked."""
        text = str(path)
        if not text.startswith(self._root_prefix):
            return None
        parts = text[len(self._root_prefix):].split(os.sep)
        dot = parts[-1].rfind(".")
        if 0 < dot < len(parts[-1]) - 1:  # a suffix as pathlib sees one: not a leading or trailing dot
            parts[-1] = parts[-1][:dot]
        if parts[-1] == "__init__":
            parts.pop()
        return ".".join(parts) if parts else None

    def module_file(self, module: str) -> Path | None:
        """The file of a module of this app; never one reached through a link or a path that is
        not a module name (``app./etc/passwd``, ``app.x/../..``): both could leave the app."""
        if module not in self._module_files:  # asked again for every path that names the module
            self._module_files[module] = self._module_file(module)
        return self._module_files[module]

    def _module_file(self, module: str) -> Path | None:
        parts = module.split(".")
        if parts[0] != self.name or not all(part.isidentifier() for part in parts):
            return None
        base = self.module_root.joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file() and not _through_link(self.module_root, candidate):
                return candidate
        return None

    def remember(self, path: Path, info: ModuleInfo) -> bool:
        """Share a module the engine parsed while its rules run, so the rules see one tree of it;
        True when the index did not have the module yet (``forget`` it afterwards)."""
        if not info.module or info.module in self._modules:
            return False
        self._modules[info.module] = info
        return True

    def forget(self, info: ModuleInfo) -> None:
        """Drop a module ``remember`` lent: keeping every file's tree made the largest process
        of a check twice as big, and saved a parse or two per app (asked for again, it is parsed)."""
        if self._modules.get(info.module) is info:
            del self._modules[info.module]

    def module_info(self, module: str) -> ModuleInfo | None:
        if module not in self._modules:
            self._modules[module] = self._parse(module)
        return self._modules[module]

    def parsed(self, path: Path, text: str) -> ModuleInfo | None:
        """The module of ``path`` if the index already parsed it from this very ``text`` (to find
        job targets, say), so the engine does not parse it a second time."""
        module = self.module_name(path)
        info = self._modules.get(module) if module else None
        if info is None or self.text_of(path) != text or self.module_file(module) != path:
            return None
        return info

    def _parse(self, module: str) -> ModuleInfo | None:
        path = self.module_file(module)
        if path is None:
            return None
        text = self.text_of(path)  # job_targets has read most of them already
        if text is None:
            return None
        try:
            tree = parse(text, filename=str(path))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        return ModuleInfo(tree, module, is_package=path.name == "__init__.py")

    def source(self, path: Path) -> SourceFile:
        """The file as read once for the whole analysis of the app: the engine's prefilter and
        rules and the index's scans of every file share one read. SourceError when unreadable."""
        found = self._sources.get(path)
        if found is None:
            try:
                found = read_source(path)
            except SourceError as exc:
                found = exc
            self._sources[path] = found
        if isinstance(found, SourceError):
            raise found
        return found

    def text_of(self, path: Path) -> str | None:
        try:
            return self.source(path).text
        except SourceError:
            return None

    # -- dotted paths --------------------------------------------------------------------
    def owns(self, dotted: str) -> bool:
        return dotted == self.name or dotted.startswith(self.name + ".")

    def resolve(self, dotted: str | None, _depth: int = 0) -> Resolved | None:
        """The definition a dotted path names, following re-exports as ``frappe.get_attr`` does."""
        if not dotted or "." not in dotted or _depth > 10 or not self.owns(dotted):
            return None
        module, name = dotted.rsplit(".", 1)
        info = self.module_info(module)
        if info is None:
            return None
        if name in info.definitions:
            return Resolved(module, name, self.module_file(module), info.definitions[name])
        if name in info.imports:
            return self.resolve(info.imports[name], _depth + 1)
        if name in info.aliases:
            return self.resolve(info.qualname(info.aliases[name]), _depth + 1)
        # a submodule imported as an attribute of its package is not a function
        return None

    def function(self, dotted: str | None) -> tuple[ModuleInfo, ast.FunctionDef] | None:
        resolved = self.resolve(dotted)
        if resolved is None or not resolved.is_function:
            return None
        return self.module_info(resolved.module), resolved.node  # type: ignore[return-value]

    # -- app-wide facts: rules ask these; none reads the app's files itself -------------------
    def _modules_mentioning(self, *words: str):
        """(path, module) of every app file (hooks.py aside) whose text holds each of ``words``, parsed once."""
        for path in self.files:
            text = self.text_of(path)
            if not text or not all(word in text for word in words) or (self.is_app and path == self.hooks.path):
                continue
            module = self.module_name(path)
            info = self.module_info(module) if module else None
            if info is not None:
                yield path, info

    def direct_calls(self, dotted: str) -> list[tuple[Path, ast.Call]]:
        """Every call of the function ``dotted`` names other than through ``enqueue``, file by file."""
        found = []
        for path, info in self._modules_mentioning(dotted.rsplit(".", 1)[-1]):
            for node in info.nodes(ast.Call):
                if info.as_enqueue(node) is not None:
                    continue
                name = info.call_name(node)
                if name == dotted or (name and (resolved := self.resolve(name)) and resolved.dotted == dotted):
                    found.append((path, node))
        return found

    def user_facing_caller(self, dotted: str, depth: int = 4) -> str | None:
        """The whitelisted function or document event that reaches ``dotted`` through direct calls
        (up to ``depth`` calls away), as ``module.function``; None when no user request or document
        save runs it. There a permission check is real, whoever else runs the function."""
        seen, frontier = {dotted}, [dotted]
        for _ in range(depth):
            callers = []
            for target in frontier:
                for path, call in self.direct_calls(target):
                    info = self.module_info(self.module_name(path) or "")
                    func = info.enclosing_function(call) if info is not None else None
                    finfo = info.function_info(func) if func is not None else None
                    if finfo is None:
                        continue
                    caller = info.dotted_path(finfo)
                    roles = self.roles(info, func)
                    if roles.whitelisted or roles.is_doc_event:
                        return caller
                    if caller and caller not in seen:
                        seen.add(caller)
                        callers.append(caller)
            frontier = callers
        return None

    def functions_named(self, name: str) -> list[str]:
        """Dotted paths of every module-level function called ``name`` in the app."""
        return sorted(
            f"{info.module}.{name}" for _, info in self._modules_mentioning(f"def {name}(")
            if isinstance(info.definitions.get(name), FUNCTION_NODES)
        )

    def has_strings(self, *words: str) -> bool:
        """Whether one module (hooks.py aside) has string literals holding each of ``words``."""
        for _, info in self._modules_mentioning(*words):
            strings = [n.value for n in info.nodes(ast.Constant) if isinstance(n.value, str)]
            if all(any(word in s for s in strings) for word in words):
                return True
        return False

    @cached_property
    def job_label_readers(self) -> list[tuple[Path, int]]:
        """Where the app looks jobs up by their label (``job_name``), as (file, line)."""
        found = []
        for path in self.files:
            text = self.text_of(path) or ""
            if "is_job_queued" not in text and "job_name" not in text:
                continue  # what the pattern needs, looked for a hundred times faster than the pattern
            for match in JOB_LABEL_READERS.finditer(text):
                found.append((path, text.count("\n", 0, match.start()) + 1))
        return found

    # -- roles ---------------------------------------------------------------------------
    @cached_property
    def _scheduled(self) -> dict[str, list[SchedulerEntry]]:
        table: dict[str, list[SchedulerEntry]] = defaultdict(list)
        for entry in self.hooks.scheduler_entries:
            resolved = self.resolve(entry.dotted)
            if resolved is not None:
                table[resolved.dotted].append(entry)
        return table

    @cached_property
    def _doc_event_functions(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = defaultdict(list)
        for entry in self.hooks.doc_events:
            resolved = self.resolve(entry.path)
            if resolved is not None:
                table[resolved.dotted].append(entry.event)
        return table

    @cached_property
    def _doc_event_modules(self) -> frozenset[str]:
        """The modules whose function (``module.f``) or method (``module.Class.m``) a hooks.py
        doc_events handler's dotted path can name."""
        return frozenset(dotted.rsplit(".", cut)[0] for dotted in self._doc_event_functions for cut in (1, 2))

    def doc_event_names(self, path: Path) -> frozenset[str]:
        """The names a function of the file can have and be a document event to ``roles``: the
        controller hooks, and the functions and methods hooks.py's doc_events name in its module."""
        module = self.module_name(path)
        handlers = (dotted.rsplit(".", 1)[1] for dotted in self._doc_event_functions
                    if module is not None and module in (dotted.rsplit(".", 1)[0], dotted.rsplit(".", 2)[0]))
        return CONTROLLER_HOOKS.union(handlers)

    def may_define_doc_events(self, path: Path, text: str) -> bool:
        """Whether the file can define a function ``roles`` calls a document event: a doc_events
        handler of hooks.py, or a controller hook (``def on_update``) of a Document class. Read from
        the text (and hooks.py), so a rule about document events need not parse the others."""
        module = self.module_name(path)
        return (module is not None and module in self._doc_event_modules) or CONTROLLER_HOOK_DEFINITION.search(text) is not None

    @cached_property
    def job_targets(self) -> dict[str, list[tuple[Path, int]]]:
        """Dotted path of every function the app enqueues -> where it is enqueued."""
        targets: dict[str, list[tuple[Path, int]]] = defaultdict(list)
        for path in self.files:
            text = self.text_of(path)
            if not text or "enqueue" not in text:
                continue
            module = self.module_name(path)
            info = self.module_info(module) if module else None
            if info is None:
                continue
            for call in info.enqueue_calls:
                resolved = self.resolve(call.method_path)
                key = resolved.dotted if resolved else call.method_path
                if key:
                    targets[key].append((path, call.node.lineno))
        return targets

    @cached_property
    def background_modules(self) -> frozenset[str]:
        """Modules that define a scheduled task or a job target."""
        resolved = (self.resolve(p) for p in [*self._scheduled, *self.job_targets])
        return frozenset(r.module for r in resolved if r is not None)

    def roles(self, info: ModuleInfo, func: ast.FunctionDef | ast.AsyncFunctionDef) -> Roles:
        finfo = info.function_info(func)
        if finfo is None or info.module is None:
            return Roles(whitelisted=info.whitelist_decorator(func) is not None)
        dotted = info.dotted_path(finfo)
        whitelist = info.whitelist_decorator(func)
        allow_guest = isinstance(whitelist, ast.Call) and any(
            k.arg == "allow_guest" and getattr(k.value, "value", False) is True for k in whitelist.keywords
        )
        doc_events = list(self._doc_event_functions.get(dotted, ()))
        if finfo.class_node is not None and func.name in CONTROLLER_HOOKS and self.is_document_class(info, finfo.class_node):
            doc_events.append(func.name)
        return Roles(
            scheduled=tuple(self._scheduled.get(dotted, ())),
            doc_events=tuple(doc_events),
            whitelisted=whitelist is not None,
            allow_guest=allow_guest,
            job_target=dotted in self.job_targets,
        )

    def is_document_class(self, info: ModuleInfo, cls: ast.ClassDef, _depth: int = 0) -> bool:
        if _depth > 10:
            return False
        for base in cls.bases:
            name = info.qualname(base)
            if name is None:
                continue
            last = name.rsplit(".", 1)[-1]
            if last in DOCUMENT_BASES or ".doctype." in name:
                return True
            resolved = self.resolve(name)
            if resolved is not None and isinstance(resolved.node, ast.ClassDef):
                base_info = self.module_info(resolved.module)
                if base_info and self.is_document_class(base_info, resolved.node, _depth + 1):
                    return True
            elif name in info.definitions and isinstance(info.definitions[name], ast.ClassDef):
                if self.is_document_class(info, info.definitions[name], _depth + 1):
                    return True
        return False
