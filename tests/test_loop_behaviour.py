"""What the loop rules' rewrites do when they run: each snapshot's original and rewritten function
executed against a small recording stand-in for ``frappe`` (a transaction with commits, full and
savepoint rollbacks; one record made to fail), and the promise of the rewrite checked.

Only jobfix's own output (and its input) is executed here, never code jobfix reads in a real run.
"""

from __future__ import annotations

import inspect
import math
import re
import sys
import types
from pathlib import Path

import pytest

from snapshot_cases import FINDINGS_MARKER, HEADER, MARKER, SNAPSHOTS, read_case

FAILING = "REC-0007"


# -- the stand-in --------------------------------------------------------------------------------


class Row(dict):
    """frappe._dict: a dict whose keys read as attributes."""

    __getattr__ = dict.__getitem__


class RecordFailed(Exception):
    pass


class FakeDB:
    """One connection's transaction: writes stay pending until a commit, a full rollback drops them
    all, a rollback to a savepoint drops those made after it. Like MariaDB, a commit ends every
    savepoint, and rolling back to one that does not exist is an error."""

    def __init__(self, frappe: FakeFrappe):
        self.frappe = frappe
        self.pending: list[tuple] = []
        self.committed: list[tuple] = []
        self.commit_sizes: list[int] = []
        self.savepoints: dict[str, int] = {}
        self.full_rollbacks = 0
        self.savepoint_rollbacks: list[str] = []
        self.queue: list[str] = []

    def write(self, *what) -> None:
        self.pending.append(what)

    def commit(self) -> None:
        self.commit_sizes.append(len(self.pending))
        self.committed += self.pending
        self.pending = []
        self.savepoints.clear()

    def rollback(self, *, save_point=None) -> None:  # keyword-only, as in every Frappe (frappe-api.md §8)
        if save_point is None:
            self.full_rollbacks += 1
            self.pending = []
            self.savepoints.clear()
            return
        if save_point not in self.savepoints:
            raise RuntimeError(f"SAVEPOINT {save_point} does not exist")
        self.savepoint_rollbacks.append(save_point)
        del self.pending[self.savepoints[save_point]:]

    def savepoint(self, save_point) -> None:
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", save_point), save_point
        self.savepoints[save_point] = len(self.pending)

    def set_value(self, doctype, name, field, value=None):
        self.write("set_value", doctype, name, field)
        self.frappe.maybe_fail(name)

    def count(self, doctype, filters=None):
        return 3

    def exists(self, doctype, filters=None):
        return bool(self.queue)

    def get_value(self, doctype, filters=None, fieldname="name"):
        return self.queue.pop(0)


class FakeDoc:
    def __init__(self, frappe: FakeFrappe, doctype: str, name: str):
        self.frappe, self.doctype, self.name = frappe, doctype, name

    def _write(self, action: str):
        self.frappe.db.write(action, self.doctype, self.name)
        self.frappe.maybe_fail(self.name)  # the failing record fails after writing part of its work

    def save(self):
        self._write("save")

    def insert(self):
        self._write("insert")

    def submit(self):
        self._write("submit")

    def run(self):
        pass

    def as_dict(self):
        self.frappe.maybe_fail(self.name)
        return {"name": self.name}


class FakeFrappe(types.ModuleType):
    """What of ``frappe`` the snapshot functions use, recording every call."""

    def __init__(self, records: dict[str, list[str]], failing: frozenset[str] = frozenset()):
        super().__init__("frappe")
        self.records = records
        self.failing = failing
        self.db = FakeDB(self)
        self.errors: list[dict] = []
        self.progress: list[dict] = []
        self.enqueued: list[dict] = []
        self.session = Row(user="someone@example.com")
        self.utils = types.SimpleNamespace(now=lambda: "2025-01-01 00:00:00")

    def maybe_fail(self, name):
        if name in self.failing:
            raise RecordFailed(name)

    def get_all(self, doctype, filters=None, fields=None, pluck=None, **kwargs):
        names = self.records[doctype]
        if filters and "company" in filters:
            names = [n for n in names if n.startswith(filters["company"])]
        if pluck:
            return list(names)
        if kwargs.get("as_list"):
            return [(n, "owner@example.com") for n in names]
        return [Row(name=n, owner="owner@example.com", customer_group="All") for n in names]

    def get_doc(self, doctype, name=None):
        if isinstance(doctype, dict):
            return FakeDoc(self, doctype["doctype"], doctype.get("file_name", "new"))
        return FakeDoc(self, doctype, name)

    def log_error(self, *, title=None, message=None):  # keyword form only: the rewrite must use it
        self.errors.append({"title": title, "message": message})
        self.db.write("Error Log", title)

    def get_traceback(self):
        return "Traceback (most recent call last): ..."

    def publish_progress(self, percent, title=None, doctype=None, docname=None, description=None):
        self.progress.append({"percent": percent, "title": title})

    def enqueue(self, method, queue="default", timeout=None, *, job_id=None, deduplicate=False, **kwargs):
        assert not deduplicate or job_id, "deduplicate=True without job_id throws"
        self.enqueued.append({"method": method, "queue": queue, "job_id": job_id, "deduplicate": deduplicate, "kwargs": kwargs})

    def sendmail(self, recipients=None, subject=None, **kwargs):
        self.db.write("Email Queue", subject)

    def whitelist(self, **kwargs):
        return lambda function: function

    def as_json(self, value):
        return repr(value)

    @staticmethod
    def _(text):
        return text


def names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{i:04d}" for i in range(1, count + 1)]


# -- loading a snapshot's code ------------------------------------------------------------------


def sections(path: Path) -> dict[str, str]:
    """The files of a snapshot: its input (``<case>.py``) or its output (``<case>.expected.py``)."""
    if not path.name.endswith(".expected.py"):
        return read_case(path).sections
    text = path.read_text("utf-8")
    if text.startswith(HEADER):
        text = text.partition("\n")[2]
    text = text.partition(f"{FINDINGS_MARKER}\n")[0]
    parts = MARKER.split(text)
    return {"module.py": text} if len(parts) == 1 else dict(zip(parts[1::2], parts[2::2]))


def load(rule: str, case: str, rewritten: bool, frappe: FakeFrappe, file: str = "module.py", **modules) -> dict:
    """The namespace of one file of a snapshot, executed with ``frappe`` (and ``modules``) as its imports."""
    path = SNAPSHOTS / rule / (f"{case}.expected.py" if rewritten else f"{case}.py")
    code = sections(path)[file]
    fake_modules = {"frappe": frappe, "requests": types.ModuleType("requests"), **modules}
    saved = {name: sys.modules.get(name) for name in fake_modules}
    sys.modules.update(fake_modules)
    try:
        namespace: dict = {"__name__": f"snapshot_{rule}_{case}".replace("-", "_")}
        exec(compile(code, str(path), "exec"), namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    return namespace


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
    assert before.db.pending == [("set_value", "Company", "C", "last_submit")] and after.db.pending == []


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
    assert after.errors == [{"title": f"rebuild_stats failed for {FAILING}", "message": "Traceback (most recent call last): ..."}]
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
    stubs = {"myapp": types.ModuleType("myapp"), "myapp.sync": sync}
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
