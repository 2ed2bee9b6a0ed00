"""What the loop rules' rewrites do when they run: each snapshot's original and rewritten function
executed against the harness's fake Frappe (tests/harness: a transaction with commits, full and
savepoint rollbacks; one record made to fail), and the promise of each rewrite checked in detail
(test_contracts.py checks every fix against its rule's contract).

Only jobfix's own output (and its input) is executed here, never code jobfix reads in a real run.
"""

from __future__ import annotations

import importlib
import inspect
import math
import sys
import types

import pytest

from harness.fake_frappe import TRACEBACK, FakeFrappe, RecordFailed, Row
from harness.modules import APP, installed
from harness.snapshots import sections
from snapshot_cases import SNAPSHOTS

FAILING = "REC-0007"


def names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{i:04d}" for i in range(1, count + 1)]


# -- loading a snapshot's code ------------------------------------------------------------------


def load(rule: str, case: str, rewritten: bool, frappe: FakeFrappe, file: str = "module.py", **modules) -> dict:
    """The namespace of one file of a snapshot, imported as part of its app with ``frappe`` (and
    ``modules``) as its imports."""
    path = SNAPSHOTS / rule / (f"{case}.expected.py" if rewritten else f"{case}.py")
    saved = {name: sys.modules.get(name) for name in modules}
    with installed(sections(path), frappe, f"{rule}/{case}"):
        sys.modules.update(modules)
        try:
            return vars(importlib.import_module(f"{APP}.{file[:-3].replace('/', '.')}"))
        finally:
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = module


def run(rule, case, function, rewritten, records, failing=frozenset(), file="module.py", args=(), **modules):
    """Run one function of the snapshot; returns the fake frappe and the exception it raised, if any."""
    frappe = FakeFrappe(records, failing)
    namespace = load(rule, case, rewritten, frappe, file, **modules)
    try:
        namespace[function](*args)
    except RecordFailed as exc:
        return frappe, exc
    return frappe, None


def batches(total: int, every: int = 100) -> list[int]:
    """Commit sizes of a loop that commits every ``every`` records and once after the loop."""
    return [every] * (total // every) + [total % every]


# -- JF005: batched commits -----------------------------------------------------------------------


@pytest.mark.parametrize("total", [0, 1, 99, 100, 250])
def test_batched_commits_every_n_and_once_after_the_loop(total):
    records = {"Customer": names("CUST", total)}
    before, _ = run("commit-in-loop", "batched", "rebuild_stats", False, records)
    after, _ = run("commit-in-loop", "batched", "rebuild_stats", True, records)

    assert before.db.commit_sizes == [1] * total  # one commit per record...
    assert after.db.commit_sizes == batches(total)  # ...becomes one per 100, none after the first record
    assert after.db.committed == before.db.committed  # the same writes, each committed once
    assert len(set(after.db.committed)) == total and after.db.pending == []  # none lost at the end


def test_batched_while_loop():
    frappe = FakeFrappe({})
    frappe.db.queue = names("Q", 150)
    load("commit-in-loop", "batched", True, frappe)["drain_queue"]()
    assert frappe.db.commit_sizes == [100, 50]
    assert [w[2] for w in frappe.db.committed] == names("Q", 150)


def test_batched_loop_that_skips_records_counts_only_the_committed_ones():
    tasks = [Row(name=f"T-{i}", open=i % 3 != 0) for i in range(1, 301)]
    open_tasks = sum(t.open for t in tasks)
    before = FakeFrappe({})
    load("commit-in-loop", "batched", False, before)["close_tasks"](tasks)
    after = FakeFrappe({})
    load("commit-in-loop", "batched", True, after)["close_tasks"](tasks)
    assert before.db.commit_sizes == [1] * open_tasks
    assert after.db.commit_sizes == batches(open_tasks)
    assert after.db.committed == before.db.committed


def test_batched_for_else_commits_after_the_else():
    rows = [(f"N-{i}", f"n{i}@example.com") for i in range(120)]
    frappe = FakeFrappe({})
    load("commit-in-loop", "batched", True, frappe)["send_reminders"](rows)  # commits through `from frappe import db`
    assert frappe.db.commit_sizes == [100, 20] and frappe.db.pending == []


def test_batched_nested_loops_count_across_the_outer_loop():
    companies = ["A", "B", "C"]
    invoices = [f"{c}-INV-{i}" for c in companies for i in range(70)]
    records = {"Company": companies, "Sales Invoice": invoices}
    before, _ = run("commit-in-loop", "batched", "submit_invoices", False, records)
    after, _ = run("commit-in-loop", "batched", "submit_invoices", True, records)
    assert len(before.db.commit_sizes) == 210
    assert len(after.db.commit_sizes) == 3  # after invoice 100 and 200 (whatever the company), and at the end
    # every write committed once, the outer loop's too (the original left the last one uncommitted)
    assert sorted(after.db.committed) == sorted(before.db.committed + before.db.pending)
    assert [w[:4] for w in before.db.pending] == [("set_value", "Company", "C", "last_submit")] and after.db.pending == []


def test_batched_tab_indented_file():
    records = {"Customer": names("CUST", 205)}
    after, _ = run("commit-in-loop", "tabs", "rebuild_stats", True, records)
    assert after.db.commit_sizes == [100, 100, 5]


# -- JF005 with JF006: one coherent loop ----------------------------------------------------------


def test_batched_and_isolated_loop_keeps_going_and_commits_every_record_but_the_failing_one():
    records = {"Customer": names("REC", 250)}
    before, error = run("commit-in-loop", "with_isolation", "rebuild_stats", False, records, {FAILING}, file="tasks.py")
    assert error is not None and before.db.commit_sizes == [1] * 6  # stopped at the 7th record

    after, error = run("commit-in-loop", "with_isolation", "rebuild_stats", True, records, {FAILING}, file="tasks.py")
    assert error is None
    saved = [w[2] for w in after.db.committed if w[0] == "save"]
    assert saved == [n for n in records["Customer"] if n != FAILING]  # the failure isolated, no record twice
    assert ("save", "Customer Stats", FAILING) not in after.db.committed  # its partial work rolled back
    assert after.db.savepoint_rollbacks == ["sp_customer"] and after.db.full_rollbacks == 0
    assert [e["title"] for e in after.errors] == [f"rebuild_stats failed for {FAILING}"]
    assert ("Error Log", f"rebuild_stats failed for {FAILING}") in after.db.committed
    assert len(after.db.commit_sizes) == 3 and after.db.pending == []  # after 100, 200 records, and at the end


# -- JF005 on the isolation idiom (batch-isolated-commits) ---------------------------------------


@pytest.mark.parametrize("function", ["sync_orders", "sync_items", "log_committed"])
def test_isolation_idiom_keeps_the_same_records_with_fewer_commits(function):
    records = names("REC", 230)
    before = FakeFrappe({}, frozenset({FAILING}))
    load("commit-in-loop", "isolated_commits", False, before)[function](records)
    after = FakeFrappe({}, frozenset({FAILING}))
    load("commit-in-loop", "isolated_commits", True, after)[function](records)

    assert after.db.committed == before.db.committed  # the very same writes persist, error logs included...
    assert ("insert", "Sync Log", FAILING) not in after.db.committed
    assert len(before.db.commit_sizes) >= 229 and len(after.db.commit_sizes) == 3  # ...with 3 commits, not 229
    assert after.db.full_rollbacks == 0 and len(after.db.savepoint_rollbacks) == 1
    assert after.db.pending == []


# -- JF006: a savepoint per record ------------------------------------------------------------------


def test_isolated_records_fail_alone():
    records = {"Customer": names("REC", 12), "Supplier": names("SUP", 3)}
    before, error = run("unguarded-record-loop", "scheduled_task", "rebuild_stats", False, records, {FAILING}, file="tasks.py")
    assert error is not None and len(before.db.committed) == 6

    after, error = run("unguarded-record-loop", "scheduled_task", "rebuild_stats", True, records, {FAILING}, file="tasks.py")
    assert error is None
    saved = [w[2] for w in after.db.committed + after.db.pending if w[0] == "save"]
    assert saved == [n for n in records["Customer"] if n != FAILING]
    assert len(after.db.commit_sizes) == 11  # its own commit per record stays: each record once
    assert after.errors == [{"title": f"rebuild_stats failed for {FAILING}", "message": TRACEBACK}]
    assert [w[2] for w in after.db.pending if w[0] == "set_value"] == records["Supplier"]  # the second loop ran too


def test_isolated_rows_are_named_in_the_log():
    records = {"Sales Order": names("REC", 10)}
    after, error = run("unguarded-record-loop", "what_is_a_record_loop", "commits_each", True, records, {FAILING}, file="tasks.py")
    assert error is None
    assert [e["title"] for e in after.errors] == [f"commits_each failed for {FAILING}"]
    saved = [w[2] for w in after.db.committed + after.db.pending if w[0] == "save"]
    assert saved == [n for n in records["Sales Order"] if n != FAILING]


def test_isolated_inner_loop_keeps_the_outer_loop_going():
    records = {"Company": ["REC", "X"], "Sales Invoice": names("REC", 9) + names("X", 4)}
    after, error = run("unguarded-record-loop", "scheduled_task", "submit_invoices", True, records, {FAILING}, file="tasks.py")
    assert error is None
    submitted = [w[2] for w in after.db.pending if w[0] == "submit"]
    assert submitted == [n for n in records["Sales Invoice"] if n != FAILING]


def test_isolated_job_target_with_an_aliased_frappe():
    records = {"Customer": names("REC", 9)}
    after, error = run(
        "unguarded-record-loop", "aliased_frappe", "export_customers", True, records, {FAILING}, file="api.py"
    )
    assert error is None and [e["title"] for e in after.errors] == [f"export_customers failed for {FAILING}"]


# -- JF009: progress ----------------------------------------------------------------------------------


@pytest.mark.parametrize("total", [1, 100, 250])
def test_progress_every_n_records_from_zero(total):
    records = {"Customer": names("CUST", total)}
    before, _ = run("no-progress-feedback", "export", "export_customers", False, records, file="exports.py", args=("All",))
    after, _ = run("no-progress-feedback", "export", "export_customers", True, records, file="exports.py", args=("All",))
    expected = [{"percent": done * 100 / total, "title": "Export Customers"} for done in range(0, total, 100)]
    assert after.progress == expected and len(expected) == math.ceil(total / 100)
    assert before.progress == [] and after.db.pending == before.db.pending  # the work itself is unchanged


def test_progress_through_an_existing_enumerate():
    records = {"Sales Order": names("SO", 230)}
    after, _ = run("no-progress-feedback", "export", "close_orders", True, records, file="exports.py")
    assert [p["percent"] for p in after.progress] == [0.0, 100 * 100 / 230, 200 * 100 / 230]
    assert len(after.db.pending) == 230


# -- JF014: one job per record ------------------------------------------------------------------------


def test_fan_out_enqueues_each_record_with_the_arguments_the_callee_takes():
    records = {"Scheduled Report": names("REP", 3), "Customer": names("CUST", 2), "Company": ["A", "B"], "Item": ["I1", "I2"]}
    sync = types.ModuleType("myapp.sync")
    sync.push_customer = lambda customer, group=None, force=False: None
    stubs = {"myapp.sync": sync}
    frappe = FakeFrappe(records)
    namespace = load("heavy-scheduler-handler", "fan_out", True, frappe, "tasks.py", **stubs)
    callees = {"myapp.tasks.generate_report": namespace["generate_report"], "myapp.sync.push_customer": sync.push_customer,
               "myapp.tasks.recalculate_item": namespace["recalculate_item"]}
    for handler in ("generate_all_reports", "sync_all", "recalculate"):
        namespace[handler]()
    assert frappe.db.pending == []  # nothing done inline
    assert [e["method"] for e in frappe.enqueued] == ["myapp.tasks.generate_report"] * 3 + [
        "myapp.sync.push_customer"] * 2 + ["myapp.tasks.recalculate_item"] * 4
    for job in frappe.enqueued:
        inspect.signature(callees[job["method"]]).bind(**job["kwargs"])  # the job can be called with them
        assert job["queue"] == "long" and job["deduplicate"] is True
    job_ids = [job["job_id"] for job in frappe.enqueued]
    assert len(set(job_ids)) == len(job_ids)  # one id per record: none deduplicated away
    assert frappe.enqueued[0]["kwargs"] == {"report": "REP-0001"}
    assert {tuple(j["kwargs"].items()) for j in frappe.enqueued[5:]} == {
        (("company", c), ("item", i)) for c in "AB" for i in ("I1", "I2")
    }


def test_fan_out_passes_what_the_inline_call_passed():
    records = {"Scheduled Report": names("REP", 4)}
    namespace = load("heavy-scheduler-handler", "v14_target", False, FakeFrappe(records), "tasks.py")
    original, calls = namespace["generate_report"], []
    namespace["generate_report"] = lambda *a, **k: calls.append(dict(inspect.signature(original).bind(*a, **k).arguments))
    namespace["generate_all_reports"]()

    after = FakeFrappe(records)
    load("heavy-scheduler-handler", "v14_target", True, after, "tasks.py")["generate_all_reports"]()
    assert [job["kwargs"] for job in after.enqueued] == calls and len(calls) == 4
    assert all(job["job_id"] is None and job["deduplicate"] is False for job in after.enqueued)  # v14: no dedup
