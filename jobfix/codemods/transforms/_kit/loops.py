"""Loops over records, as the loop rules see them (JF005, JF006, JF009, JF014): which loop runs a
statement once per iteration, whether an iteration does per-record work, fresh names, and the one
rewrite of a loop those rules share.

Finding uses stdlib ``ast``. The fixes of several rules can change the same loop (JF005 batches its
commits, JF006 isolates each record, JF009 reports progress), so each contributes one part of a
``RecordLoop`` rewrite of the loop statement, and the parts of one loop ``merge`` into one
rewrite: the loop comes out the same whichever of those fixes a person accepts, in whatever order.
Statements inside the loop (the commit a batch replaces) are separate edits, applied first.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from jobfix.codemods.engine.model import EditError, Option, OptionType
from jobfix.codemods.transforms._kit.heavy import LOOPS, UNBOUNDED_QUERIES, per_record_call
from jobfix.codemods.engine.model import ImportSpec, RewriteContext
from jobfix.codemods.index.pymodule import (
    ENQUEUE_DOC_FUNCTIONS, ENQUEUE_FUNCTIONS, FUNCTION_NODES, ModuleInfo, child_nodes, may_be_named,
)
from jobfix.codemods.transforms._kit.lazy_cst import cst

FOR_LOOPS = (ast.For, ast.AsyncFor)
SCOPES = (*FUNCTION_NODES, ast.Lambda, ast.ClassDef)

COMMIT = "frappe.db.commit"
DOCUMENT_LOADS = frozenset({"frappe.get_doc", "frappe.get_cached_doc"})
ROLLBACK = "frappe.db.rollback"
# Writes through frappe.db that per-record work does besides the document methods heavy.py knows.
RECORD_WRITES = frozenset(
    {
        "frappe.db.set_value", "frappe.db.set_single_value", "frappe.db.sql", "frappe.db.delete",
        "frappe.db.bulk_insert", "frappe.db.bulk_update", "frappe.db.multisql",
    }
)
PROGRESS_CALLS = frozenset(
    {
        "frappe.publish_progress", "frappe.publish_realtime",
        "frappe.realtime.publish_progress", "frappe.realtime.publish_realtime",
    }
)
# Names an author uses for a batch counter: a commit under `if` on one of these (or under any `%`) is
# already batched.
BATCH_WORDS = re.compile(r"batch|chunk|count|pending|processed|every|size|step", re.IGNORECASE)
# Iterables whose len() is known to work, so progress can be reported as a percentage.
SIZED_BUILTINS = frozenset({"list", "tuple", "sorted", "range", "set", "dict"})
BATCH_SIZE = Option(
    "batch-size", OptionType.POSITIVE_INT, 100, "records per commit in batched-commit fixes, and per progress report"
)


# -- walking -----------------------------------------------------------------------------------


def walk(nodes: Iterable[ast.AST], *, into_loops: bool = True) -> Iterator[ast.AST]:
    """The given nodes and everything under them, not entering nested functions, classes and
    lambdas (their code does not run here) nor, with ``into_loops=False``, nested loops."""
    stack = list(nodes)[::-1]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, SCOPES) or (not into_loops and isinstance(node, LOOPS)):
            continue
        stack.extend(reversed(child_nodes(node)))


def calls_to(info: ModuleInfo, nodes: Iterable[ast.AST], name: str) -> list[ast.Call]:
    last = (name.rsplit(".", 1)[-1],)
    return [n for n in nodes if isinstance(n, ast.Call) and may_be_named(n, last) and info.call_name(n) == name]


def is_full_rollback(info: ModuleInfo, node: ast.AST) -> bool:
    """``frappe.db.rollback()`` of the whole transaction (not ``save_point=...``)."""
    return (
        isinstance(node, ast.Call) and info.call_name(node) == ROLLBACK
        and not node.args and not any(k.arg in ("save_point", None) for k in node.keywords)
    )


def _in_body(loop: ast.AST, child: ast.AST) -> bool:
    return any(child is stmt for stmt in loop.body)


def loop_of(info: ModuleInfo, node: ast.AST) -> ast.For | ast.AsyncFor | ast.While | None:
    """The innermost loop whose body runs ``node`` once per iteration (not its ``else``, not a
    nested function), or None."""
    child = node
    for parent in info.ancestors(node):
        if isinstance(parent, SCOPES):
            return None
        if isinstance(parent, LOOPS) and _in_body(parent, child):
            return parent
        child = parent
    return None


def outermost_loop(info: ModuleInfo, loop: ast.AST) -> ast.AST:
    """The outermost loop of the function whose every iteration runs ``loop`` (``loop`` itself
    when it is not nested in one)."""
    while (outer := loop_of(info, loop)) is not None:
        loop = outer
    return loop


def scope_of(info: ModuleInfo, node: ast.AST) -> ast.AST:
    """The function around ``node``, or the module."""
    return info.enclosing_function(node) or info.tree


def batching_test(test: ast.expr) -> bool:
    """An ``if`` test that looks like a batch: a ``%`` or a counter's name."""
    for node in ast.walk(test):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return True
        if isinstance(node, ast.Name) and BATCH_WORDS.search(node.id):
            return True
    return False


def under_batching_condition(info: ModuleInfo, node: ast.AST, loop: ast.AST) -> bool:
    for ancestor in info.ancestors(node):
        if ancestor is loop:
            return False
        if isinstance(ancestor, ast.If) and batching_test(ancestor.test):
            return True
    return False


def ends_iteration(info: ModuleInfo, stmt: ast.stmt, loop: ast.AST) -> bool:
    """Whether ``stmt`` is the last thing an iteration of ``loop`` does: the last statement of the
    body, or the last of an ``if`` that is itself last (``if n % 100 == 0: commit()``)."""
    child = stmt
    for parent in info.ancestors(stmt):
        blocks = [getattr(parent, f) for f in ("body", "orelse") if isinstance(getattr(parent, f, None), list)]
        block = next((b for b in blocks if any(s is child for s in b)), None)
        if block is None or block[-1] is not child:
            return False
        if parent is loop:
            return block is loop.body
        if not isinstance(parent, ast.If):
            return False
        child = parent
    return False


def progress_report(info: ModuleInfo, loop: ast.AST) -> list[ast.stmt]:
    """The statements a progress fix (JF009) put at the top of ``loop``'s body:
    ``if <counter> % N == 0: frappe.publish_progress(...)`` and ``<counter> += 1``; else []."""
    if len(loop.body) < 3:
        return []
    report, count = loop.body[:2]
    if not (isinstance(report, ast.If) and not report.orelse and len(report.body) == 1
            and isinstance(report.body[0], ast.Expr) and calls_to(info, [report.body[0].value], "frappe.publish_progress")):
        return []
    counters = {n.id for n in ast.walk(report.test) if isinstance(n, ast.Name)}
    if isinstance(count, ast.AugAssign) and isinstance(count.target, ast.Name) and count.target.id in counters:
        return [report, count]
    return []


def progress_prelude(info: ModuleInfo, loop: ast.AST) -> ast.stmt | None:
    """The first of the statements a progress fix (JF009) put just before ``loop``: assignments of
    the names its ``publish_progress`` reads (the counter, the hoisted iterable); None if none."""
    report = progress_report(info, loop)
    block = next(
        (b for b in (getattr(info.parents.get(loop), f, None) for f in ("body", "orelse", "finalbody"))
         if isinstance(b, list) and any(s is loop for s in b)),
        None,
    )
    if not report or block is None:
        return None
    reported = {n.id for n in ast.walk(report[0]) if isinstance(n, ast.Name)}
    first = None
    for stmt in reversed(block[: next(i for i, s in enumerate(block) if s is loop)]):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id in reported):
            break
        first = stmt
    return first


def leaves_early(nodes: Iterable[ast.AST]) -> ast.AST | None:
    """A ``return`` or ``yield`` among ``nodes``: code after the loop may then never run."""
    return next((n for n in nodes if isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom))), None)


# -- per-record work ---------------------------------------------------------------------------


def record_work(ctx, nodes: Iterable[ast.AST], *, writes: bool = True, skip=None) -> str | None:
    """What makes these nodes per-record work (a save, a write, a network call, a Document loaded
    or constructed and then worked on, an app function that does one), described for a message;
    None when they only compute or read. ``writes=False`` leaves out single-row writes
    (``frappe.db.set_value``); ``skip(info, function)`` leaves out app functions the caller knows
    to be harmless. ``enqueue`` is never work: the job runs elsewhere."""
    nodes = list(nodes)
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = ctx.info.call_name(node)
        if name in ENQUEUE_FUNCTIONS or name in ENQUEUE_DOC_FUNCTIONS:
            continue
        if name in DOCUMENT_LOADS:
            if _worked_on(ctx.info, node, nodes):
                return f"`{name}()`"
            continue
        what = per_record_call(ctx.info, node) or (_write(ctx.info, node) if writes else None)
        if what:
            return what
        resolved = ctx.app.resolve(name) if ctx.app.is_app else None
        if resolved is None:
            continue
        if isinstance(resolved.node, ast.ClassDef):
            info = ctx.app.module_info(resolved.module)
            if info is not None and ctx.app.is_document_class(info, resolved.node) and _worked_on(ctx.info, node, nodes):
                return f"`{resolved.name}(...)` (a Document)"
            continue
        target = ctx.app.function(name)
        if target is not None and not (skip and skip(*target)) and function_record_work(ctx.app, *target):
            return f"`{name.rsplit('.', 1)[-1]}()`"
    return None


def _reads(method: str) -> bool:
    """A document method that only looks: ``get_...``, ``is_...``, ``has_...``."""
    return method.startswith(("get_", "is_", "has_"))


def _worked_on(info: ModuleInfo, load: ast.Call, nodes: list[ast.AST]) -> bool:
    """The document ``load`` gives is worked on: a method called on it (``frappe.get_doc(...).run()``,
    or ``doc = frappe.get_doc(...)`` and then ``doc.save()``) or handed to a function
    (``push(frappe.get_doc(...))``). Reading its fields is not work."""
    parent = info.parents.get(load)
    if isinstance(parent, ast.Attribute) and isinstance(info.parents.get(parent), ast.Call):
        return not _reads(parent.attr)
    if isinstance(parent, (ast.Call, ast.keyword)):
        return True
    if not isinstance(parent, ast.Assign):
        return False
    names = {t.id for t in parent.targets if isinstance(t, ast.Name)}
    for n in nodes:
        if not isinstance(n, ast.Call):
            continue
        if isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and n.func.value.id in names:
            if not _reads(n.func.attr):
                return True
        if any(isinstance(a, ast.Name) and a.id in names for a in (*n.args, *(k.value for k in n.keywords))):
            return True
    return False


def _write(info: ModuleInfo, node: ast.Call) -> str | None:
    name = info.call_name(node)
    if name not in RECORD_WRITES:
        return None
    query = node.args[0] if node.args else None
    if isinstance(query, ast.Constant) and str(query.value).lstrip().lower().startswith("select"):
        return None  # a read
    return f"`{name}()`"


def function_record_work(index, info: ModuleInfo, func: ast.AST, _depth: int = 0) -> str | None:
    """What an app function does that makes calling it once per record per-record work (it
    saves, writes or calls out, itself or through the app functions it calls, two levels deep);
    None when it only computes or reads (a document loaded and only read is a read)."""
    nodes = list(walk(func.body))
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = info.call_name(node)
        if name in ENQUEUE_FUNCTIONS or name in ENQUEUE_DOC_FUNCTIONS:
            continue
        if name in DOCUMENT_LOADS:
            if _worked_on(info, node, nodes):
                return f"`{name}()`"
            continue
        what = per_record_call(info, node) or _write(info, node)
        if what:
            return what
        if _depth < 2:
            target = index.function(name)
            if target is not None and target[1] is not func and function_record_work(index, *target, _depth + 1):
                return f"`{name.rsplit('.', 1)[-1]}()`"
    return None


def is_query(info: ModuleInfo, node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and info.call_name(node) in UNBOUNDED_QUERIES


def loop_source(loop: ast.For | ast.AsyncFor) -> ast.expr:
    """What the loop walks: the iterable, or the argument of ``enumerate(...)`` around it."""
    it = loop.iter
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate" and it.args:
        return it.args[0]
    return it


def record_name(loop: ast.For | ast.AsyncFor) -> ast.expr | None:
    """The loop variable that names the record: ``doc`` in ``for doc in docs``, ``for i, doc in
    enumerate(docs)`` and ``for doc, email in rows``; None for other targets."""
    target = loop.target
    if loop_source(loop) is not loop.iter and isinstance(target, ast.Tuple) and len(target.elts) == 2:
        target = target.elts[1]
    while isinstance(target, (ast.Tuple, ast.List)) and target.elts:
        target = target.elts[0]
    return target if isinstance(target, (ast.Name, ast.Attribute)) else None


def bound_query(info: ModuleInfo, scope: ast.AST, node: ast.expr) -> ast.Call | None:
    """The query call ``node`` is (``frappe.get_all(...)``), or the one a plain name in ``scope`` is
    bound to by a single assignment; None otherwise."""
    if is_query(info, node):
        return node
    if not isinstance(node, ast.Name):
        return None
    bindings = [
        n for n in walk(getattr(scope, "body", []))
        if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and any(
            isinstance(t, ast.Name) and t.id == node.id for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        )
    ]
    if len(bindings) == 1 and isinstance(bindings[0], ast.Assign) and is_query(info, bindings[0].value):
        return bindings[0].value
    return None


def record_label(info: ModuleInfo, loop: ast.For | ast.AsyncFor) -> str | None:
    """Code naming the record in a message: the loop variable, or its ``.name`` when the loop walks
    rows of ``frappe.get_all(...)`` (dicts whose ``name`` is the record's id); None when the loop
    variable is not a plain name or attribute."""
    record = record_name(loop)
    if record is None:
        return None
    text = ast.unparse(record)
    query = bound_query(info, scope_of(info, loop), loop_source(loop))
    if query is None or info.call_name(query) == "frappe.db.sql":
        return text
    keywords = {k.arg: k.value for k in query.keywords}
    if "pluck" in keywords or "as_list" in keywords or len(query.args) > 1:
        return text
    fields = keywords.get("fields")
    listed = (
        {e.value for e in fields.elts if isinstance(e, ast.Constant)} if isinstance(fields, (ast.List, ast.Tuple)) else set()
    )
    return f"{text}.name" if fields is None or listed & {"name", "*"} else text


MUTATORS = frozenset({"append", "extend", "add", "update", "insert", "setdefault", "appendleft"})


def accumulations(loop: ast.For | ast.AsyncFor | ast.While) -> list[ast.stmt]:
    """Statements of ``loop``'s body that add to values kept across iterations: ``total += ...``,
    ``seen.append(...)``, ``totals[key] = ...`` on a name the body does not bind itself."""
    body = list(walk(loop.body))
    augmented = {id(n.target) for n in body if isinstance(n, ast.AugAssign)}
    targets = [loop.target] if isinstance(loop, FOR_LOOPS) else []
    local = {
        n.id for n in (*body, *(t for target in targets for t in ast.walk(target)))
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and id(n) not in augmented
    }
    found = []
    for node in body:
        base = None
        if isinstance(node, ast.AugAssign):
            base = node.target
        elif isinstance(node, ast.Assign):
            base = next((t for t in node.targets if isinstance(t, ast.Subscript)), None)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute):
            base = node.value.func.value if node.value.func.attr in MUTATORS else None
        while isinstance(base, (ast.Subscript, ast.Attribute)):
            base = base.value
        if isinstance(base, ast.Name) and base.id not in local:
            found.append(node)
    return found


def raises(info: ModuleInfo, nodes: Iterable[ast.AST]) -> ast.AST | None:
    """A ``raise`` or ``frappe.throw(...)`` among ``nodes``: the author means to stop there."""
    return next(
        (n for n in nodes if isinstance(n, ast.Raise) or (isinstance(n, ast.Call) and info.call_name(n) == "frappe.throw")),
        None,
    )


# -- names -------------------------------------------------------------------------------------


def names_in(info: ModuleInfo, scope: ast.AST) -> set[str]:
    """Every name used or bound in ``scope``, and the module's imports and definitions."""
    names = set(info.imports) | set(info.definitions)
    for node in info.nodes((ast.Name, ast.arg), within=scope):
        names.add(node.id if isinstance(node, ast.Name) else node.arg)
    return names


def fresh_name(info: ModuleInfo, scope: ast.AST, base: str) -> str:
    taken = names_in(info, scope)
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    return name


def savepoint_name(info: ModuleInfo, loop: ast.AST) -> str:
    """``sp_<record>``: a valid SQL identifier (never a keyword: Frappe sends it unquoted), unique
    among the loops of the function (``sp_doc``, ``sp_doc_2``)."""
    scope = scope_of(info, loop)
    loops = sorted((n for n in walk(getattr(scope, "body", [])) if isinstance(n, LOOPS)), key=lambda n: (n.lineno, n.col_offset))
    base = _savepoint_base(loop)
    rank = sum(1 for other in loops if _savepoint_base(other) == base and (other.lineno, other.col_offset) < (loop.lineno, loop.col_offset))
    return base if rank == 0 else f"{base}_{rank + 1}"


def _savepoint_base(loop: ast.AST) -> str:
    record = record_name(loop) if isinstance(loop, FOR_LOOPS) else None
    word = record.id if isinstance(record, ast.Name) else record.attr if isinstance(record, ast.Attribute) else "record"
    word = re.sub(r"[^0-9a-z_]", "", word.lower()) or "record"
    return f"sp_{word}"[:40]


def frappe_module(ctx) -> tuple[str, tuple[ImportSpec, ...]]:
    """The name ``frappe`` is bound to in the file, and the import to add when it is not."""
    bound = ctx.info.bound_name("frappe")
    return (bound, ()) if bound else ("frappe", (ImportSpec("frappe"),))


# -- rewrites ----------------------------------------------------------------------------------


def _statement(ctx: RewriteContext, template: str, **values) -> cst.BaseStatement:
    """A statement from a template written with 4-space indentation, laid out like the file."""
    from libcst.helpers import parse_template_statement  # here: LibCST loads only when a fix is applied

    return parse_template_statement(template, config=ctx.module.config_for_parsing, **values)


@dataclass(frozen=True)
class CountAndCommit:
    """A rewrite of the statement line holding a per-record commit: count the record, and commit
    only when the count reaches a multiple of ``every`` (after record N, 2N, ...; never after the
    first). The commit line itself, comment and all, moves under the ``if``."""

    counter: str
    every: int

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.FlattenSentinel:
        if not isinstance(node, cst.SimpleStatementLine):
            raise EditError("the commit is no longer a statement of its own")
        count = _statement(ctx, f"{self.counter} += 1\n")
        guard = _statement(ctx, f"if {self.counter} % {self.every} == 0:\n    pass\n")
        guard = guard.with_changes(body=guard.body.with_changes(body=[node.with_changes(leading_lines=())]))
        return cst.FlattenSentinel([count.with_changes(leading_lines=node.leading_lines), guard])


@dataclass(frozen=True)
class SavepointBefore:
    """A rewrite of a ``try`` in a loop body: set the record's savepoint just before it."""

    frappe: str
    savepoint: str

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.FlattenSentinel:
        mark = _statement(ctx, f'{self.frappe}.db.savepoint("{self.savepoint}")\n')
        return cst.FlattenSentinel([mark.with_changes(leading_lines=node.leading_lines), node.with_changes(leading_lines=())])


@dataclass(frozen=True)
class InsertBefore:
    """A rewrite of a statement: put ``statements`` (source lines) just before it."""

    statements: tuple[str, ...]

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.FlattenSentinel:
        new = [_statement(ctx, f"{code}\n") for code in self.statements]
        new[0] = new[0].with_changes(leading_lines=node.leading_lines)
        return cst.FlattenSentinel([*new, node.with_changes(leading_lines=())])


@dataclass(frozen=True)
class Batching:
    """JF005's part: the counter starts at 0 before the loop (its commits were replaced by
    ``CountAndCommit``), and one commit after the loop (after its ``else``) takes the rest.

    Before the loop, the counter comes first, then what JF009 puts there; when JF009's statements
    are already there (an earlier run), the counter goes above them (``InsertBefore``) and
    ``start_here`` is False, so the loop reads the same whichever fix came first."""

    counter: str
    commit: str  # the final commit, written as the loop's own commit is (``frappe.db.commit()``)
    start_here: bool = True


@dataclass(frozen=True)
class Isolation:
    """JF006's part: each iteration runs in ``try`` after a savepoint; a failure rolls back to the
    savepoint (the records before it stay), is logged naming the record, and the loop goes on.
    RQ's job timeout is an Exception too: it is raised again, so the job still stops at its limit."""

    frappe: str
    savepoint: str
    title: str  # the log title, as an expression that fits Error Log's 140 characters
    timeout: str  # the name JobTimeoutException is bound to
    keep: int = 0  # leading statements that stay out of the ``try``: progress reporting (JF009)

    def wrap(self, ctx: RewriteContext, body: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        from libcst.helpers import parse_template_expression

        f = self.frappe
        mark = _statement(ctx, f'{f}.db.savepoint("{self.savepoint}")\n')
        guarded = _statement(
            ctx,
            f"try:\n    pass\nexcept {self.timeout}:\n    raise\nexcept Exception:\n"
            f'    {f}.db.rollback(save_point="{self.savepoint}")\n'
            f"    {f}.log_error(title={{title}}, message={f}.get_traceback())\n",
            title=parse_template_expression(self.title, config=ctx.module.config_for_parsing),
        )
        kept, body = body[: self.keep], body[self.keep:]
        return [*kept, mark, guarded.with_changes(body=guarded.body.with_changes(body=body))]


@dataclass(frozen=True)
class Progress:
    """JF009's part: before each record, every ``every`` records, publish the share done so far
    (0 % before the first); ``hoist`` names the iterable first when ``len()`` needs a name."""

    frappe: str
    counter: str
    every: int
    total: str  # the name whose len() is the number of records
    title: str  # expression
    hoist: bool = False

    def report(self, ctx: RewriteContext) -> list[cst.BaseStatement]:
        return [
            _statement(
                ctx,
                f"if {self.counter} % {self.every} == 0:\n"
                f"    {self.frappe}.publish_progress(percent={self.counter} * 100 / len({self.total}), title={self.title})\n",
            ),
            _statement(ctx, f"{self.counter} += 1\n"),
        ]

    def hoisted(self, ctx: RewriteContext, loop: cst.For) -> tuple[cst.BaseStatement, cst.For]:
        """``<total> = <iterable>`` and the loop walking that name (inside ``enumerate`` if it was)."""
        name = cst.Name(self.total)
        it = loop.iter
        if _is_enumerate(it):
            source = it.args[0].value
            loop = loop.with_changes(iter=it.with_changes(args=[it.args[0].with_changes(value=name), *it.args[1:]]))
        else:
            source = it
            loop = loop.with_changes(iter=name)
        return _statement(ctx, "{name} = {value}\n", name=name, value=source), loop


def _is_enumerate(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "enumerate" and bool(node.args)


@dataclass(frozen=True)
class RecordLoop:
    """A rewrite of a loop statement made of the loop rules' parts; the parts of one loop merge."""

    batching: Batching | None = None
    isolation: Isolation | None = None
    progress: Progress | None = None

    def merge(self, other: RecordLoop) -> RecordLoop:
        return RecordLoop(
            self.batching or other.batching, self.isolation or other.isolation, self.progress or other.progress
        )

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode | cst.FlattenSentinel:
        if not isinstance(node, (cst.For, cst.While)) or not isinstance(node.body, cst.IndentedBlock):
            raise EditError("the loop is no longer a loop with an indented body")
        body = list(node.body.body)
        before: list[cst.BaseStatement] = []
        after: list[cst.BaseStatement] = []
        if self.isolation:
            body = self.isolation.wrap(ctx, body)
        if self.progress:
            body = self.progress.report(ctx) + body
        node = node.with_changes(body=node.body.with_changes(body=body))
        if self.batching:
            if self.batching.start_here:
                before.append(_statement(ctx, f"{self.batching.counter} = 0\n"))
            after.append(_statement(ctx, f"{self.batching.commit}\n"))
        if self.progress:
            if self.progress.hoist:
                assign, node = self.progress.hoisted(ctx, node)
                before.append(assign)
            before.append(_statement(ctx, f"{self.progress.counter} = 0\n"))
        if not before and not after:
            return node
        if before:
            before[0] = before[0].with_changes(leading_lines=node.leading_lines)
            node = node.with_changes(leading_lines=())
        return cst.FlattenSentinel([*before, node, *after])

