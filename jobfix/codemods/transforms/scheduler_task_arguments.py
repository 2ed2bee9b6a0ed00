from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jobfix.codemods.transforms._kit.cst import RemoveUnusedImports
from jobfix.codemods.engine.model import Applicability, Edit, EditError, RewriteContext
from jobfix.codemods.index.pymodule import FUNCTION_NODES
from jobfix.codemods.transforms._kit.lazy_cst import cst
from jobfix.codemods.transforms.base import Contract, Transform

if TYPE_CHECKING:
    from jobfix.codemods.index.app import SchedulerEntry

PARTIAL = frozenset({"functools.partial"})
MAX_WRAPPER_NAME = 60

NOT_A_PATH = "is not a dotted path: `frappe.get_attr` cannot import it, so the task never runs"


class SchedulerTaskArguments(Transform):
    code = "JF001"
    name = "scheduler-task-arguments"
    summary = "Scheduler entry with arguments, a non-string entry, or a scheduled function with required parameters"
    rationale = (
        "Frappe stores every scheduler_events entry as a method path and runs it with "
        "`frappe.get_attr(path)()`: no arguments, ever. `\"app.tasks.cleanup(days=30)\"` names no "
        "attribute: since 2022 `bench migrate` skips it with a console warning (before, the job "
        "failed on every run); a lambda, `functools.partial` or function object cannot be stored at "
        "all; and a function with required parameters fails with TypeError each time it is called."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.cleanup(days=30)"],
}

# myapp/tasks.py
def cleanup(days=7): ...
'''
    good = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": ["myapp.tasks.cleanup_days_30"],
}

# myapp/tasks.py
def cleanup(days=7): ...


def cleanup_days_30():
    """`cleanup` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
    cleanup(days=30)
'''
    applicability = Applicability.SAFE
    contract = Contract("a task that never ran runs, called as its entry wrote it", frozenset({"schedule"}))
    fix_safety = (
        "Safe: the schedule keeps doing what its author wrote. Arguments are dropped only when they "
        "equal the function's defaults (`cleanup(days=30)` with `days=7` is never stripped); "
        "otherwise a zero-argument wrapper next to the function calls it with exactly those "
        "arguments and the entry points to it. Entries jobfix cannot see through (a function of "
        "another app, arguments that are not literals, required parameters with no value) are "
        "display-only."
    )
    version_notes = "Scheduled tasks are called without arguments in every version (v13-v16); run `bench migrate` after the change."
    reads_hooks = True

    def check(self, ctx):
        if not ctx.is_hooks or ctx.app.hooks.scheduler_dict is None:
            return
        for entry in ctx.app.hooks.scheduler_entries:
            if entry.plain:
                finding = self.required_parameters(ctx, entry)
            else:
                finding = self.not_a_path(ctx, entry)
            if finding is not None:
                yield finding

    # -- a plain path to a function that cannot be called without arguments ----------------
    def required_parameters(self, ctx, entry: SchedulerEntry):
        target = ctx.app.function(entry.path)
        if target is None:
            return None
        binding = bind(target[1], TaskCall(entry.path, (), (), ""))
        if isinstance(binding, str) or not binding.missing:
            return None
        names = ", ".join(f"`{n}`" for n in binding.missing)
        return self.finding(
            ctx,
            entry.node,
            f"`{entry.path}` is scheduled under {entry.event} but requires {names}: Frappe calls "
            "scheduled tasks with no arguments, so every run fails with TypeError",
            self.advice(f"Give {names} a default, or schedule a zero-argument function that supplies them"),
        )

    # -- anything else than a plain dotted path ---------------------------------------------
    def not_a_path(self, ctx, entry: SchedulerEntry):
        from jobfix.codemods.index.app import DOTTED_PATH

        if entry.path is not None and DOTTED_PATH.fullmatch(entry.path.strip()):
            return self.stray_whitespace(ctx, entry)
        written = entry.path if entry.path is not None else ctx.segment(entry.node)
        task = task_call(ctx, entry)
        if isinstance(task, str):
            message = f"`{_short(written)}` under {entry.event} {task}"
            return self.finding(ctx, entry.node, message, self.advice(
                "Schedule a plain dotted path to a module-level function that takes no arguments"
            ))
        if entry.path is not None:
            what = "passes arguments" if task.args or task.keywords else "is written as a call"
            why = f"{what}: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs"
        else:
            why = "is not a dotted path string: `bench migrate` cannot register it and Frappe calls scheduled tasks with no arguments"
        message = f"`{_short(written)}` under {entry.event} {why}"
        fix = self.plan(ctx, entry, task)
        unused = imports_used(ctx, entry.node) if fix.edits else ()
        if unused:  # hooks.py imported the function (or partial) only for this entry
            fix = replace(fix, edits=(*fix.edits, Edit(ctx.path, RemoveUnusedImports(unused))))
        return self.finding(ctx, entry.node, message, fix)

    def stray_whitespace(self, ctx, entry: SchedulerEntry):
        from jobfix.codemods.transforms._kit.hooks_edit import Replace, entry_ref, schedule_edit

        path = entry.path.strip()
        fix = None
        if ctx.app.resolve(path) is not None:
            replace = Replace(entry_ref(ctx.app.hooks.scheduler_dict, entry.node), (path,))
            fix = self.fix("Remove the whitespace around the path", schedule_edit(ctx, replace))
        message = f"{entry.path!r} under {entry.event} has whitespace around its dotted path: `frappe.get_attr` cannot import it"
        return self.finding(ctx, entry.node, message, fix or self.advice("Remove the whitespace around the path"))

    def plan(self, ctx, entry: SchedulerEntry, task: TaskCall):
        """The fix: the bare path, the path without its default arguments, or a wrapper."""
        from jobfix.codemods.transforms._kit.hooks_edit import Replace, entry_ref, schedule_edit

        ref = entry_ref(ctx.app.hooks.scheduler_dict, entry.node)
        target = ctx.app.function(task.dotted)
        if target is None:
            return self.advice(
                f"jobfix cannot see `{task.dotted}` (not a function of this app): schedule a zero-argument "
                "function that makes this call"
            )
        info, func = target
        binding = bind(func, task)
        if isinstance(binding, str):
            return self.advice(f"The call does not fit `{func.name}`: it {binding}")
        if binding.missing:
            names = ", ".join(f"`{n}`" for n in binding.missing)
            return self.advice(f"`{func.name}` still needs {names}: give them defaults or a value in a wrapper")
        if not task.args and not task.keywords:
            return self.fix(f"Schedule the path `{task.dotted}`", schedule_edit(ctx, Replace(ref, (task.dotted,))))
        if binding.all_defaults():
            return self.fix(
                f"Drop the arguments: they equal `{func.name}`'s defaults",
                schedule_edit(ctx, Replace(ref, (task.dotted,))),
            )
        if not isinstance(func, ast.FunctionDef):
            return self.advice("Schedule a zero-argument function that awaits this coroutine function")
        wrapper = wrapper_name(func.name, binding, taken_names(info))
        call = binding.call_text(task, func.name)
        add = AddFunctionAfter(
            func.name,
            wrapper,
            (
                f'"""`{func.name}` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""',
                call,
            ),
        )
        module_path = ctx.app.module_file(info.module)
        return self.fix(
            f"Add `{wrapper}()` calling `{call}` next to `{func.name}` and schedule it",
            schedule_edit(ctx, Replace(ref, (f"{info.module}.{wrapper}",))),
            Edit(module_path, add),
        )


@dataclass(frozen=True)
class TaskCall:
    """What an entry asks Frappe to call: a dotted path and literal arguments (from the entry string,
    a lambda or a ``functools.partial`` in hooks.py), with the text their positions refer to."""

    dotted: str
    args: tuple[ast.expr, ...]
    keywords: tuple[ast.keyword, ...]
    source: str

    def text(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or ast.unparse(node)


@dataclass(frozen=True)
class Binding:
    """The entry's arguments matched to the function's parameters, as Python would."""

    bound: dict[str, ast.expr]
    defaults: dict[str, ast.expr]
    to_varargs: bool  # some arguments land in *args / **kwargs
    missing: tuple[str, ...]  # required parameters still without a value
    arguments: tuple[tuple[str | None, ast.expr], ...] = ()  # the call, canonical: (keyword or None, value)

    def call_text(self, task: TaskCall, callee: str) -> str:
        """The call with every argument that has a parameter name passed by keyword: one text per meaning."""
        parts = [f"{name}={task.text(value)}" if name else task.text(value) for name, value in self.arguments]
        return f"{callee}({', '.join(parts)})"

    def name_parts(self) -> list[str]:
        parts = []
        for name, value in self.arguments:
            parts += [name or "arg", _slug(value)]
        return parts

    def all_defaults(self) -> bool:
        return not self.to_varargs and all(
            name in self.defaults and _same_literal(value, self.defaults[name]) for name, value in self.bound.items()
        )


def task_call(ctx, entry: SchedulerEntry) -> TaskCall | str:
    """The call an entry stands for, or why jobfix cannot read one out of it."""
    if entry.path is not None:
        try:
            node = ast.parse(entry.path.strip(), mode="eval").body
        except SyntaxError:
            return NOT_A_PATH
        if not isinstance(node, ast.Call) or _dotted(node.func) is None:
            return NOT_A_PATH
        return _literal_call(_dotted(node.func), node.args, node.keywords, entry.path.strip())
    node = entry.node
    if isinstance(node, (ast.Name, ast.Attribute)):
        return _literal_call(ctx.info.qualname(node), [], [], ctx.text)
    if isinstance(node, ast.Lambda) and not _has_parameters(node.args) and isinstance(node.body, ast.Call):
        return _literal_call(ctx.info.qualname(node.body.func), node.body.args, node.body.keywords, ctx.text)
    if isinstance(node, ast.Call) and ctx.info.call_name(node) in PARTIAL and node.args:
        return _literal_call(ctx.info.qualname(node.args[0]), node.args[1:], node.keywords, ctx.text)
    return "is computed, not a dotted path string: Frappe stores each entry as a method path and calls it with no arguments"


def imports_used(ctx, node: ast.expr) -> tuple[tuple[str, str | None], ...]:
    """The absolute module-level imports of hooks.py that bind a name ``node`` uses."""
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    found = []
    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
            found += [(stmt.module, a.name) for a in stmt.names if (a.asname or a.name) in used and not a.asname]
        elif isinstance(stmt, ast.Import):
            found += [(a.name, None) for a in stmt.names if a.name.split(".")[0] in used and not a.asname]
    return tuple(found)


def _literal_call(dotted: str | None, args, keywords, source: str) -> TaskCall | str:
    if not dotted or "." not in dotted:
        return "calls something jobfix cannot trace to a function: Frappe needs a dotted path string"
    if any(isinstance(a, ast.Starred) for a in args) or any(k.arg is None for k in keywords):
        return "unpacks its arguments (`*`/`**`): Frappe calls scheduled tasks with no arguments"
    for value in [*args, *(k.value for k in keywords)]:
        try:
            ast.literal_eval(value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return (
                f"passes `{_short(ast.get_source_segment(source, value) or '...')}`, which is not a literal: "
                "Frappe calls scheduled tasks with no arguments"
            )
    return TaskCall(dotted, tuple(args), tuple(keywords), source)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _has_parameters(args: ast.arguments) -> bool:
    return bool(args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg)


def bind(func: ast.FunctionDef | ast.AsyncFunctionDef, task: TaskCall) -> Binding | str:
    """Match the call's arguments to ``func``'s parameters; a string says why they do not fit."""
    params = func.args
    positional = [*params.posonlyargs, *params.args]
    with_default = positional[len(positional) - len(params.defaults):] if params.defaults else []
    defaults = {p.arg: d for p, d in zip(with_default, params.defaults)}
    defaults.update({p.arg: d for p, d in zip(params.kwonlyargs, params.kw_defaults) if d is not None})
    bound: dict[str, ast.expr] = {}
    to_varargs = False
    for i, value in enumerate(task.args):
        if i < len(positional):
            bound[positional[i].arg] = value
        elif params.vararg:
            to_varargs = True
        else:
            return f"passes {len(task.args)} positional arguments to a function that takes {len(positional)}"
    by_keyword = {p.arg for p in params.args} | {p.arg for p in params.kwonlyargs}
    for keyword in task.keywords:
        if keyword.arg in by_keyword and keyword.arg in bound:
            return f"passes `{keyword.arg}` twice"
        if keyword.arg in by_keyword:
            bound[keyword.arg] = keyword.value
        elif params.kwarg:
            to_varargs = True
        else:
            return f"passes `{keyword.arg}`, which `{func.name}` has no parameter for"
    missing = tuple(
        p.arg for p in [*positional, *params.kwonlyargs] if p.arg not in bound and p.arg not in defaults
    )
    positional_only = {p.arg for p in params.posonlyargs}
    keep_positional = len(task.args) > len(positional)  # extras go to *args: keywords may not precede them
    arguments = [
        (None if keep_positional or i >= len(positional) or positional[i].arg in positional_only else positional[i].arg, value)
        for i, value in enumerate(task.args)
    ] + [(k.arg, k.value) for k in task.keywords]
    return Binding(bound, defaults, to_varargs, missing, tuple(arguments))


def _same_literal(value: ast.expr, default: ast.expr) -> bool:
    """Equal literals of the same type (``30`` is not ``30.0`` nor ``True``); False when unknowable."""
    try:
        a, b = ast.literal_eval(value), ast.literal_eval(default)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return type(a) is type(b) and repr(a) == repr(b)


def taken_names(info) -> set[str]:
    """Every name the module binds or uses, so a new function shadows nothing."""
    names = set()
    for node in info.nodes((ast.Name, *FUNCTION_NODES, ast.ClassDef, ast.alias)):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, (*FUNCTION_NODES, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def wrapper_name(func_name: str, binding: Binding, taken: set[str]) -> str:
    """``cleanup_days_30`` for ``cleanup(days=30)``; a number is added when the name is taken."""
    base = "_".join([func_name, *filter(None, binding.name_parts())])
    if len(base) > MAX_WRAPPER_NAME:
        base = f"{func_name}_scheduled"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def _slug(node: ast.expr) -> str:
    value = ast.literal_eval(node)
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    text = str(value).replace("-", "minus_") if isinstance(value, (int, float)) else str(value)
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class AddFunctionAfter:
    """A module rewrite: put a new top-level ``def`` right after the ``def`` named ``after``.

    ``body`` holds the new function's statements, one per line, without indentation: the module's
    own indentation and line endings are used. Adding the same function twice adds it once; a
    different function of that name already there fails the fix rather than shadow it.
    """

    after: str
    name: str
    body: tuple[str, ...]

    def __call__(self, module: cst.CSTNode, ctx: RewriteContext) -> cst.Module:
        assert isinstance(module, cst.Module)
        newline, indent = module.default_newline, module.default_indent
        text = f"def {self.name}():{newline}" + "".join(f"{indent}{line}{newline}" for line in self.body)
        new = cst.parse_statement(text, config=module.config_for_parsing)
        body = list(module.body)
        for stmt in body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == self.name:
                if module.code_for_node(stmt.with_changes(leading_lines=())) == module.code_for_node(new):
                    return module
                raise EditError(f"`{self.name}` already exists in the module with other code")
        at = next(
            (i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef) and s.name.value == self.after), None
        )
        if at is None:
            raise EditError(f"`def {self.after}` is no longer at the top level of its module")
        blank = sum(1 for line in body[at].leading_lines if line.comment is None)
        new = new.with_changes(leading_lines=[cst.EmptyLine()] * (blank or 2))
        at += 1
        while at < len(body) and _only_calls(body[at], self.after):
            at += 1  # after the wrappers added before, so they keep the order of their entries
        body.insert(at, new)
        return module.with_changes(body=body)


def _only_calls(stmt: cst.CSTNode, name: str) -> bool:
    """A ``def`` without parameters whose body (past a docstring) is one call of ``name``."""
    import libcst.matchers as m  # here, not at the top: importing it takes 0.3 s of every `jobfix check`

    if not isinstance(stmt, cst.FunctionDef) or stmt.params.params or not isinstance(stmt.body, cst.IndentedBlock):
        return False
    statements = [s for s in stmt.body.body if not m.matches(s, m.SimpleStatementLine([m.Expr(m.SimpleString())]))]
    return len(statements) == 1 and m.matches(
        statements[0], m.SimpleStatementLine([m.Expr(m.Call(func=m.Name(name)))])
    )
