from __future__ import annotations

import ast
import re

from jobfix.codemods.transforms._kit.cst import SetKeyword
from jobfix.codemods.transforms._kit.loops import (
    COMMIT, Batching, CountAndCommit, InsertBefore, RecordLoop, SavepointBefore, bound_query, calls_to,
    fresh_name, frappe_module, is_full_rollback, leaves_early, loop_of, loop_source, outermost_loop,
    progress_prelude, savepoint_name, scope_of, under_batching_condition, walk,
)
from jobfix.codemods.transforms._kit.heavy import LOOPS, NETWORK_MODULES
from jobfix.codemods.engine.model import Applicability, Edit
from jobfix.codemods.index.pymodule import TRY_NODES
from jobfix.codemods.index.syntax import written_in_blocks
from jobfix.codemods.engine.model import Option, OptionType
from jobfix.codemods.transforms._kit.loops import BATCH_SIZE
from jobfix.codemods.transforms.base import Contract, Transform

NOT_JOB_CODE = frozenset({"patches", "commands"})  # folders of patches and CLI commands
# A loop statement starts its line (compound statements never follow `:` or `;`); \r ends a line too
LOOP_STATEMENT = re.compile(r"(?:^|\r)[ \t\f]*(?:async[\s\\]+)?(?:for|while)\b", re.MULTILINE)
LOOP_HEADER = r"(?:async[ \\\n]+)?(?:for|while)\b"  # a line of syntax.code_only's text that starts a loop
COMMIT_RENAMED = re.compile(r"commit[\s\\]+as\b")  # from frappe.db import commit as save
# What cannot be rolled back: a mail sent, a request made, a remote file deleted. A commit after
# one in the same iteration records that it happened; it is deliberate.
DDL = re.compile(r"\s*(ALTER|CREATE|DROP|TRUNCATE|RENAME)\s", re.IGNORECASE)  # commits implicitly on MariaDB
IRREVERSIBLE_CALLS = frozenset({
    "frappe.sendmail", "frappe.integrations.utils.make_post_request", "frappe.integrations.utils.make_get_request",
    "frappe.integrations.utils.make_request", "frappe.make_post_request", "frappe.make_get_request",
    "urllib.request.urlopen",
})


class CommitInLoop(Transform):
    code = "JF005"
    name = "commit-in-loop"
    summary = "`frappe.db.commit()` once per record in a loop"
    rationale = (
        "Every commit ends the transaction and waits for the database to flush it to disk; a loop "
        "that commits after each record spends most of its time committing, and holds the job "
        "(and its queue's timeout) for it. Committing every N records keeps a failure from losing "
        "much work while doing a fraction of the flushes. The usual `if i % 100 == 0` commits after "
        "the very first record; the fix counts the records instead and commits once more after the "
        "loop, so none is left uncommitted. A loop that rolls back the whole transaction when a "
        "record fails (try: work + commit; except: rollback) relies on its per-record commit to "
        "keep the records before; it is not batched (see `batch-isolated-commits`)."
    )
    bad = '''\
def rebuild_customer_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        update_stats(customer)
        frappe.db.commit()
'''
    good = '''\
def rebuild_customer_stats():
    records_done = 0
    for customer in frappe.get_all("Customer", pluck="name"):
        update_stats(customer)
        records_done += 1
        if records_done % 100 == 0:
            frappe.db.commit()
    frappe.db.commit()
'''
    applicability = Applicability.UNSAFE
    contract = Contract(
        "fewer commits, the same records persisted when nothing fails",
        frozenset({"commits"}),
        on_failure=frozenset({"persisted"}),
    )
    fix_safety = (
        "Unsafe: when the loop fails, the records since the last batch commit are rolled back with "
        "it (the job's own rollback), where each used to be committed already. Loops that leave from "
        "inside (`return`, `yield`) are display-only: the commit after the loop would not run. A loop "
        "that rolls back the whole transaction, or sits in a `try` whose `except` does, is never "
        "batched (that would undo the records before the failure); with `batch-isolated-commits = true` "
        "the isolation idiom is rewritten to a savepoint per record plus batched commits, which keeps "
        "each failure to its own record, only where its `except` catches every exception. Commits under a "
        "batching `if`, with `# nosemgrep` on the line, in `patches/` or in CLI commands are left alone. "
        "Not per record, so not reported: a commit once per page, file or chunk (`create_batch(...)`; "
        "an inner loop over the records), in any loop that does not walk a query's records, and a "
        "commit that follows something irreversible in the same iteration (a mail sent, a request "
        "made, a remote file deleted): it records that it happened."
    )
    version_notes = (
        "Batched commits work in every version. The savepoint rewrite needs `frappe.db.savepoint` and "
        "`rollback(save_point=...)`, from v13.18.0."
    )
    options = (
        BATCH_SIZE,
        Option("batch-isolated-commits", OptionType.BOOL, False, "also report per-record commits isolated in try/except"),
    )
    triggers = ("commit",)

    def wants(self, path, text, app, config):
        """Not patches or CLI commands (``check`` leaves them alone), and only where a commit can
        be in a loop: a ``for`` or ``while`` statement starts its line, and the commit's name is
        written after it (or renamed by an import). In frappe 49 of 160 files fewer to parse."""
        if not super().wants(path, text, app, config) or _not_job_code(app.module_name(path), path):
            return False
        loop = LOOP_STATEMENT.search(text)
        return loop is not None and (text.find("commit", loop.start()) != -1 or COMMIT_RENAMED.search(text) is not None)

    def worth_parsing(self, path, text, app, config):
        """The commit's name is written inside a loop's block, strings and comments aside: in
        frappe 40 of the files only this rule wants are not."""
        return written_in_blocks(text, ("commit",), LOOP_HEADER)

    def check(self, ctx):
        if _not_job_code(ctx.info.module, ctx.path):
            return
        loops: dict[ast.AST, list[ast.Call]] = {}
        commits = calls_to(ctx.info, ctx.nodes(ast.Call), COMMIT)
        commits.sort(key=lambda call: sum(1 for _ in ctx.info.ancestors(call)))  # a loop is reported at its outermost commit
        for call in commits:
            loop = loop_of(ctx.info, call)
            if loop is None or call.args or under_batching_condition(ctx.info, call, loop):
                continue
            if any("nosemgrep" in line for line in ctx.lines[max(call.lineno - 2, 0):call.lineno]) or self._cli_command(ctx, call):
                continue
            if not self._over_records(ctx, loop, call):
                continue  # pages, files, chunks or settings: one commit each is already a batch
            if self._after_irreversible(ctx, loop, call):
                continue
            if self._after_isolating_try(ctx, loop, call) and not self.option(ctx, "batch-isolated-commits"):
                continue
            loops.setdefault(outermost_loop(ctx.info, loop), []).append(call)
        for loop, commits in loops.items():
            finding = self._finding(ctx, loop, commits)
            if finding is not None:
                yield finding

    def _over_records(self, ctx, loop, commit) -> bool:
        """Each iteration is one record: a ``for`` over a query's records (``frappe.get_all(...)``,
        directly or through a name) or over the ones handed to the function (a parameter); a
        ``while`` that takes one record a turn. Not pages, files, chunks or settings: an iteration
        with an inner loop before its commit is a batch already."""
        if any(isinstance(n, LOOPS) and n.lineno < commit.lineno for n in walk(loop.body)):
            return False
        if isinstance(loop, ast.While):
            return not any(isinstance(a, ast.ExceptHandler) for a in _between(ctx.info, commit, loop)) and not (
                _followed_by_break(ctx.info, commit)
            )
        scope = scope_of(ctx.info, loop)
        source = loop_source(loop)
        if bound_query(ctx.info, scope, source) is not None:
            return True
        return isinstance(source, ast.Name) and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            source.id in {a.arg for a in (*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs)}
        )

    def _after_irreversible(self, ctx, loop, commit) -> bool:
        """Something in the iteration before the commit cannot be undone (a mail, a request, a remote
        delete), itself or through an app function two levels deep."""
        iteration = list(walk(loop.body))
        if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and DDL.match(n.value) for n in iteration):
            return True  # schema changes: MariaDB commits around them anyway, before or after
        before = [n for n in iteration if getattr(n, "lineno", commit.lineno) < commit.lineno]
        return any(isinstance(n, ast.Call) and _irreversible(ctx.app, ctx.info, n) for n in before)

    def _after_isolating_try(self, ctx, loop, commit) -> bool:
        """``try: work; except: full rollback`` and then the commit: the isolation idiom, its
        commit after the ``try`` (each record stands alone)."""
        return any(
            isinstance(n, TRY_NODES) and n.end_lineno < commit.lineno
            and any(is_full_rollback(ctx.info, r) for h in n.handlers for r in walk(h.body))
            for n in loop.body
        )

    def _cli_command(self, ctx, node) -> bool:
        func = ctx.info.enclosing_function(node)
        return func is not None and any((name or "").startswith("click.") for name, _ in ctx.info.decorator_names(func))

    def _finding(self, ctx, loop, commits: list[ast.Call]):
        rollbacks = [n for n in walk(loop.body) if is_full_rollback(ctx.info, n)]
        tries = self._isolating_tries(ctx, commits, rollbacks) if rollbacks else None
        if tries is not None and not self.option(ctx, "batch-isolated-commits"):
            return None  # the per-record isolation idiom: deliberate
        nested = loop_of(ctx.info, commits[0]) is not loop
        message = (
            f"`{ctx.segment(commits[0])}` runs once per record in {'a nested loop' if nested else 'this loop'}: "
            "each commit waits for a disk flush, so the job spends its time committing"
        )
        if tries is not None:
            message += "; a failed record is rolled back with a full rollback, so each record needs its commit"
            return self.finding(ctx, commits[0], message, self._isolated_fix(ctx, loop, commits, tries, rollbacks))
        if rollbacks:
            line = rollbacks[0].lineno
            return self.finding(ctx, commits[0], message, self.advice(
                f"Not batched: the loop rolls back the whole transaction (line {line}), which would undo the "
                "records committed before; set a savepoint per record and roll back to it "
                "(`frappe.db.rollback(save_point=...)`), then batch the commits"
            ))
        return self.finding(ctx, commits[0], message, self._batched_fix(ctx, loop, commits))

    def _isolating_tries(self, ctx, commits, rollbacks) -> list[ast.Try] | None:
        """The ``try`` of each commit when the loop is the isolation idiom (try: work + commit;
        except: full rollback, perhaps a commit of the error log), and every full rollback is in
        one of their handlers; else None."""
        tries = []
        for commit in commits:
            found = next((a for a in ctx.info.ancestors(commit) if isinstance(a, TRY_NODES)), None)
            if found is None or not any(is_full_rollback(ctx.info, n) for h in found.handlers for n in walk(h.body)):
                return None
            tries.append(found)
        in_handlers = {id(n) for t in tries for h in t.handlers for n in walk(h.body)}
        return tries if all(id(r) in in_handlers for r in rollbacks) else None

    def _idiom_obstacle(self, ctx, commits, tries) -> str | None:
        """Why the idiom cannot become savepoints here: the ``try`` must be a statement of the loop's
        body (its savepoint goes just before it), and each commit the last of its block."""
        for commit, found in zip(commits, tries):
            statement = ctx.info.parents[commit]
            blocks = [found.body, found.orelse, *(h.body for h in found.handlers)]
            if not any(found is s for s in loop_of(ctx.info, commit).body) or not ctx.on_own_lines(found):
                return f"the `try` on line {found.lineno} is not a statement of the loop's own body"
            if not any(block and block[-1] is statement for block in blocks):
                return f"more work follows the commit on line {commit.lineno} in its `try`"
        return None

    def _obstacle(self, ctx, loop, commits) -> str | None:
        """Why the batching cannot be written safely here, or None."""
        handler = _enclosing_rollback(ctx.info, loop)
        if handler is not None:
            return (
                f"the `except` on line {handler.lineno} rolls back the whole transaction, which would then undo "
                "the records before the failure that each used to be committed"
            )
        loops = [loop, *(loop_of(ctx.info, c) for c in commits)]
        if not all(ctx.on_own_lines(stmt) for stmt in (loop, *(inner.body[0] for inner in loops))):
            return "the loop shares a line with other code: put its body on lines of its own"
        for commit in commits:
            statement = ctx.info.parents.get(commit)
            if not isinstance(statement, ast.Expr) or not ctx.on_own_lines(statement):
                return f"the commit on line {commit.lineno} is not a statement on a line of its own"
        early = leaves_early(walk(loop.body))
        if early is not None:
            what = "returns" if isinstance(early, ast.Return) else "yields"
            return f"the loop {what} from inside (line {early.lineno}), so a commit after it would not always run"
        return None

    def _batched_fix(self, ctx, loop, commits):
        size = BATCH_SIZE.of(ctx.config)
        obstacle = self._obstacle(ctx, loop, commits)
        if obstacle:
            return self.advice(f"Commit every {size} records and once after the loop; not rewritten: {obstacle}")
        return self.fix(f"Commit every {size} records and once after the loop", *self._batch_edits(ctx, loop, commits))

    def _isolated_fix(self, ctx, loop, commits, tries, rollbacks):
        size = BATCH_SIZE.of(ctx.config)
        what = (
            f"Set a savepoint per record and roll back to it on failure, then commit every {size} records "
            "and once after the loop"
        )
        if not ctx.frappe.has("savepoints"):
            return self.advice(f"{what}; not offered: {ctx.frappe.lacks('savepoints')}")
        obstacle = self._obstacle(ctx, loop, commits) or self._idiom_obstacle(ctx, commits, tries)
        narrow = next((t for t in tries if not any(_catches_everything(h) for h in t.handlers)), None)
        if obstacle is None and narrow is not None:
            obstacle = (
                f"the `try` on line {narrow.lineno} catches only some errors: any other one would then roll back "
                "every record since the last batch commit, where each used to be committed"
            )
        if obstacle:
            return self.advice(f"{what}; not rewritten: {obstacle}")
        frappe, imports = frappe_module(ctx)
        edits = self._batch_edits(ctx, loop, commits)
        for found in {id(t): t for t in tries}.values():
            savepoint = savepoint_name(ctx.info, loop_of(ctx.info, found))
            edits.append(Edit(ctx.path, SavepointBefore(frappe, savepoint), ctx.target(found, "Try"), imports))
            for rollback in rollbacks:
                if any(rollback is n for h in found.handlers for n in walk(h.body)):
                    edits.append(Edit(ctx.path, SetKeyword("save_point", f'"{savepoint}"'), ctx.target(rollback, "Call")))
        return self.fix(what, *edits)

    def _batch_edits(self, ctx, loop, commits) -> list[Edit]:
        """Each commit counts its record and commits every N; the counter starts at 0 before the
        loop, and one more commit follows it."""
        size = BATCH_SIZE.of(ctx.config)
        counter = fresh_name(ctx.info, scope_of(ctx.info, loop), "records_done")
        edits = [
            Edit(ctx.path, CountAndCommit(counter, size), ctx.target(ctx.info.parents[c], "SimpleStatementLine"))
            for c in commits
        ]
        node_type = "While" if isinstance(loop, ast.While) else "For"
        prelude = progress_prelude(ctx.info, loop)
        batching = Batching(counter, ctx.segment(commits[0]), start_here=prelude is None)
        edits.append(Edit(ctx.path, RecordLoop(batching=batching), ctx.target(loop, node_type)))
        if prelude is not None:
            edits.append(Edit(ctx.path, InsertBefore((f"{counter} = 0",)), ctx.target(prelude, "SimpleStatementLine")))
        return edits


def _not_job_code(module: str | None, path) -> bool:
    return bool(NOT_JOB_CODE.intersection(module.split(".") if module else path.parts))


def _enclosing_rollback(info, loop) -> ast.ExceptHandler | None:
    """An ``except`` around the loop (in its function) that rolls back the whole transaction."""
    child = loop
    for parent in info.ancestors(loop):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return None
        if isinstance(parent, TRY_NODES) and any(child is s for s in parent.body):
            for handler in parent.handlers:
                if any(is_full_rollback(info, n) for n in walk(handler.body)):
                    return handler
        child = parent
    return None


def _catches_everything(handler: ast.ExceptHandler) -> bool:
    """``except:``, ``except Exception`` or ``except BaseException`` (alone or in a tuple)."""
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return handler.type is None or any(
        isinstance(k, ast.Name) and k.id in ("Exception", "BaseException") for k in kinds
    )


def _irreversible(index, info, call: ast.Call, depth: int = 0) -> bool:
    name = info.call_name(call) or ""
    if name in IRREVERSIBLE_CALLS or name.startswith(NETWORK_MODULES):
        return True
    target = index.function(name) if depth < 2 and index.is_app else None
    if target is None:
        return False
    callee_info, callee = target
    return any(isinstance(n, ast.Call) and _irreversible(index, callee_info, n, depth + 1) for n in walk(callee.body))


def _between(info, node: ast.AST, loop: ast.AST) -> list[ast.AST]:
    """The ancestors of ``node`` inside ``loop``."""
    found = []
    for ancestor in info.ancestors(node):
        if ancestor is loop:
            break
        found.append(ancestor)
    return found


def _followed_by_break(info, commit: ast.Call) -> bool:
    """``commit(); ...; break``, in its block or one around it: it runs once, on the way out."""
    statement = info.parents.get(commit)
    while statement is not None and not isinstance(statement, LOOPS):
        parent = info.parents.get(statement)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and statement in block:
                if any(isinstance(s, (ast.Break, ast.Return)) for s in block[block.index(statement) + 1:]):
                    return True
        statement = parent
    return False
