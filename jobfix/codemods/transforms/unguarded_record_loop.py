from __future__ import annotations

import ast

from jobfix.codemods.transforms._kit.loops import (
    COMMIT, FOR_LOOPS, Isolation, RecordLoop, accumulations, batching_test, bound_query, calls_to, ends_iteration,
    frappe_module, is_full_rollback, loop_source, progress_report, raises, record_label, record_work, savepoint_name,
    walk,
)
from jobfix.codemods.engine.model import Applicability, Edit, ImportSpec
from jobfix.codemods.index.pymodule import TRY_NODES
from jobfix.codemods.transforms.base import Contract, Transform

TIMEOUT = "rq.timeouts.JobTimeoutException"  # RQ's job timeout: an Exception the rewrite lets through
ERROR_LOG_TITLE = 140


class UnguardedRecordLoop(Transform):
    code = "JF006"
    name = "unguarded-record-loop"
    summary = "A scheduled task that loops over records with no error handling: one bad record stops the rest"
    rationale = (
        "A scheduled task that loops over the records of a query and saves, sends or calls out once "
        "per record stops at the first record that fails; every record after it waits for the next "
        "run, and fails behind the same one again. Isolating each record keeps the others going: a "
        "savepoint before the record's work, a rollback to that savepoint when it fails (the records "
        "before it stay in the transaction), an Error Log naming the record, and on to the next. The "
        "seed's version commits every record to make its rollback safe; a savepoint isolates a "
        "failure without that. Not reported: a job a person started (it fails in front of them and "
        "rolls back as one), a loop over something other than a query's records, single-row writes "
        "(`frappe.db.set_value`), and a per-record function that already catches its own errors. A "
        "body that commits each record is still reported: the record that fails stops the ones after "
        "it at every run, committed or not."
    )
    bad = '''\
# myapp/tasks.py
import frappe

def rebuild_customer_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", customer).run_method("update_stats")
'''
    good = '''\
# myapp/tasks.py
import frappe
from rq.timeouts import JobTimeoutException

def rebuild_customer_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        frappe.db.savepoint("sp_customer")
        try:
            frappe.get_doc("Customer", customer).run_method("update_stats")
        except JobTimeoutException:
            raise
        except Exception:
            frappe.db.rollback(save_point="sp_customer")
            frappe.log_error(title=f"rebuild_customer_stats failed for {customer}"[:140], message=frappe.get_traceback())
'''
    example_app = '''\
# myapp/hooks.py
scheduler_events = {"daily_long": ["myapp.tasks.rebuild_customer_stats"]}
'''
    applicability = Applicability.UNSAFE
    contract = Contract("a record that fails is rolled back and logged; the others go on", isolates_failures=True)
    fix_safety = (
        "Unsafe: the loop no longer stops at a failing record, and the job ends as a success with the "
        "failures in the Error Log instead of failing. Offered only for `for` loops (a `while` loop that "
        "keeps failing on the same record would never end) whose commits, if any, end the iteration: "
        "a commit drops the savepoint, so work after it could not be rolled back to it. RQ's job "
        "timeout (`JobTimeoutException`, an Exception) is raised again, and `SystemExit`/"
        "`KeyboardInterrupt` are not caught, so the job still stops when it must. Not rewritten: a loop "
        "that raises or calls `frappe.throw` (it means to stop), and one that adds to a total or list "
        "before the record's work is done (the failed record would still count). The log title is cut "
        "to Error Log's 140 characters. Loops that only compute (append, sum) are not reported."
    )
    version_notes = (
        "Needs `frappe.db.savepoint` and `rollback(save_point=...)` (keyword-only), from v13.18.0; "
        "`log_error(title=..., message=...)` keywords work in every version."
    )
    reads_background_functions = True

    def check(self, ctx):
        for function, roles in ctx.functions_with_roles():
            if not roles.is_scheduled:
                continue  # a job a person started fails in front of them, and rolls back as one
            for loop in walk(function.node.body):
                if not isinstance(loop, FOR_LOOPS) or bound_query(ctx.info, function.node, loop_source(loop)) is None:
                    continue  # records come from a query; a list of settings or apps is not a record loop
                own = list(walk(loop.body, into_loops=False))
                if any(isinstance(n, TRY_NODES) and n.handlers for n in own):
                    continue
                if any(isinstance(s, (ast.Return, ast.Raise)) for s in loop.body):
                    continue  # it leaves at the first record: not a loop over records
                work = record_work(ctx, own, writes=False, skip=guards_itself)
                if work is None:
                    continue
                message = (
                    f"`{function.qualname}` calls {work} once per record with no error handling: in a "
                    "scheduled task, one failing record stops every record after it, at every run"
                )
                yield self.finding(ctx, loop, message, self._fix(ctx, function, loop))

    def _fix(self, ctx, function, loop):
        what = "Isolate each record: a savepoint, and on failure a rollback to it and an Error Log naming the record"
        if not ctx.frappe.has("savepoints"):
            return self.advice(f"{what}; not offered: {ctx.frappe.lacks('savepoints')}")
        obstacle = self._obstacle(ctx, loop)
        label = record_label(ctx.info, loop)
        if obstacle is None and label is None:
            obstacle = "the loop variable is not a plain name"
        if obstacle:
            return self.advice(f"{what}; not rewritten: {obstacle}")
        frappe, imports = frappe_module(ctx)
        timeout = ctx.info.bound_name(TIMEOUT) or "JobTimeoutException"
        if not ctx.info.bound_name(TIMEOUT):
            imports += (ImportSpec(*TIMEOUT.rsplit(".", 1)),)
        # Error Log's title holds 140 characters: v16 truncates a longer one, v13-v15 fail to log it
        title = f'f"{function.qualname} failed for {{{label}}}"[:{ERROR_LOG_TITLE}]'
        keep = len(progress_report(ctx.info, loop))  # progress goes on for failing records too
        isolation = Isolation(frappe, savepoint_name(ctx.info, loop), title, timeout, keep)
        return self.fix(what, Edit(ctx.path, RecordLoop(isolation=isolation), ctx.target(loop, "For"), imports))

    def _obstacle(self, ctx, loop) -> str | None:
        if not ctx.on_own_lines(loop) or not ctx.on_own_lines(loop.body[0]):
            return "the loop shares a line with other code: put its body on lines of its own"
        body = list(walk(loop.body))
        for commit in calls_to(ctx.info, body, COMMIT):
            statement = ctx.info.parents.get(commit)
            if not isinstance(statement, ast.Expr) or not ends_iteration(ctx.info, statement, loop):
                return f"the commit on line {commit.lineno} is followed by more of the record's work (it would drop the savepoint)"
        rollback = next((n for n in body if is_full_rollback(ctx.info, n)), None)
        if rollback is not None:
            return f"the loop rolls back the whole transaction (line {rollback.lineno})"
        stop = raises(ctx.info, body)
        if stop is not None:
            return (
                f"the loop stops the job on purpose (line {stop.lineno}, `raise`/`frappe.throw`), and "
                "catching every exception would swallow that"
            )
        early = _early_accumulation(ctx, loop)
        if early is not None:
            return (
                f"the loop adds to `{ctx.segment(early).split()[0]}` (line {early.lineno}) before the record's work is "
                "done, so a record that fails after it would still be counted"
            )
        return None


BROAD_EXCEPTIONS = frozenset({"Exception", "BaseException"})


def guards_itself(info, func) -> bool:
    """A per-record function whose own body catches every error (``try: ... except Exception:``
    around its work): one record's failure does not reach the loop."""
    for stmt in func.body:
        if isinstance(stmt, TRY_NODES) and any(
            (handler.type is None or (isinstance(handler.type, ast.Name) and handler.type.id in BROAD_EXCEPTIONS))
            and not any(isinstance(n, ast.Raise) for n in handler.body)
            for handler in stmt.handlers
        ):
            return True
    return False


def _early_accumulation(ctx, loop) -> ast.stmt | None:
    """The first statement that adds to a value kept across records before the record's work is
    over. Accepted: the statements that end the iteration (a failure before them skips them),
    progress reporting (JF009), and a batch counter right before its commit (JF005)."""
    found = accumulations(loop)
    progress = progress_report(ctx.info, loop)
    tail: set[int] = set()
    for statement in reversed(loop.body):
        if not any(statement is a for a in found) or (tail and any(isinstance(n, ast.Call) for n in ast.walk(statement))):
            break
        tail.add(id(statement))
    for statement in found:
        if id(statement) in tail or any(statement is p for p in progress) or _batch_counter(loop, statement):
            continue
        return statement
    return None


def _batch_counter(loop, statement) -> bool:
    """``n += 1`` followed by ``if n % N == 0:`` (a batched commit): it only decides when to commit."""
    if not (isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name)):
        return False
    block = next((b for b in (loop.body,) if any(s is statement for s in b)), [])
    index = next((i for i, s in enumerate(block) if s is statement), None)
    following = block[index + 1] if index is not None and index + 1 < len(block) else None
    return isinstance(following, ast.If) and batching_test(following.test) and any(
        isinstance(n, ast.Name) and n.id == statement.target.id for n in ast.walk(following.test)
    )
