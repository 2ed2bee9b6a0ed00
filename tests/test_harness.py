"""The fake Frappe behaves as Frappe does where the fixes depend on it (frappe develop 2025-05 and
frappe-api.md), and the runner tells a fix that keeps its contract from one that does not."""

from __future__ import annotations

import pytest

from harness.fake_frappe import (
    ADMIN, USER, CharacterLengthExceededError, FakeFrappe, JobTimeoutException, OperationalError, ValidationError,
)
from harness.runner import compare
from jobfix.codemods.transforms.base import Contract


def test_a_commit_releases_savepoints_so_rolling_back_to_one_fails_as_in_mariadb():
    frappe = FakeFrappe()
    frappe.db.savepoint("sp_one")
    frappe.db.set_value("Customer", "C-1", "x", 1)
    frappe.db.rollback(save_point="sp_one")
    assert frappe.db.pending == []
    frappe.db.savepoint("sp_one")
    frappe.db.commit()
    with pytest.raises(OperationalError):
        frappe.db.rollback(save_point="sp_one")
    with pytest.raises(TypeError):
        frappe.db.rollback("sp_one")  # keyword-only in every version


def test_a_savepoint_rollback_keeps_jobs_deferred_to_the_commit_and_a_full_rollback_drops_them():
    frappe = FakeFrappe()
    frappe.db.savepoint("sp")
    assert frappe.enqueue("myapp.tasks.a", enqueue_after_commit=True) is None
    frappe.db.rollback(save_point="sp")
    frappe.enqueue("myapp.tasks.b", enqueue_after_commit=True)
    frappe.db.commit()
    assert [j["method"] for j in frappe.enqueued] == ["myapp.tasks.a", "myapp.tasks.b"]
    frappe.enqueue("myapp.tasks.c", enqueue_after_commit=True)
    frappe.db.rollback()
    frappe.db.commit()
    assert len(frappe.enqueued) == 2


def test_deduplicate_drops_a_second_job_with_the_same_id_and_needs_one():
    frappe = FakeFrappe(version=15)
    assert frappe.enqueue("myapp.tasks.a", job_id="x", deduplicate=True) is not None
    assert frappe.enqueue("myapp.tasks.a", job_id="x", deduplicate=True) is None
    assert frappe.enqueue("myapp.tasks.a", job_id="y", deduplicate=True) is not None
    assert len(frappe.enqueued) == 2 and len(frappe.dropped) == 1
    with pytest.raises(ValidationError):
        frappe.enqueue("myapp.tasks.a", deduplicate=True)


def test_keywords_a_version_lacks_reach_the_job():
    frappe = FakeFrappe(version=14)
    frappe.enqueue("myapp.tasks.a", job_id="x", deduplicate=True)
    assert frappe.enqueued[0]["kwargs"] == {"deduplicate": True}  # v14 has job_id, not deduplicate
    frappe = FakeFrappe(version=13)
    frappe.enqueue("myapp.tasks.a", job_id="x")
    assert frappe.enqueued[0]["kwargs"] == {"job_id": "x"} and frappe.enqueued[0]["job_id"] is None


def test_get_list_checks_permissions_and_get_all_does_not():
    frappe = FakeFrappe()
    frappe.session.user = USER
    assert frappe.get_all("ToDo", pluck="name") and frappe.get_list("ToDo", pluck="name") == []
    frappe.session.user = ADMIN
    assert frappe.get_list("ToDo", pluck="name") == frappe.get_all("ToDo", pluck="name")
    assert frappe.permission_checks == [("ToDo", USER), ("ToDo", ADMIN)]


@pytest.mark.parametrize("version", [13, 14, 15, 16])
def test_log_error_reads_its_arguments_as_each_version(version):
    frappe = FakeFrappe(version=version)
    frappe.log_error("Sync failed")
    expected = {"title": "Error", "message": "Sync failed"} if version == 13 else {"title": "Sync failed"}
    assert expected.items() <= frappe.errors[0].items()
    if version >= 14:
        with pytest.raises(TypeError):
            frappe.log_error(message="body")  # `"\n" in title` with no title


@pytest.mark.parametrize("version", [15, 16])
def test_an_error_log_title_holds_140_characters(version):
    frappe = FakeFrappe(version=version)
    if version < 16:
        with pytest.raises(CharacterLengthExceededError):
            frappe.log_error(title="x" * 141)
    else:
        frappe.log_error(title="x" * 141, message="m")
        assert frappe.errors[0]["title"] == "x" * 140 and frappe.errors[0]["message"].startswith("x" * 141)


def test_rqs_job_timeout_is_an_exception_like_any_other():
    assert issubclass(JobTimeoutException, Exception)


LOOP = '''\
import frappe


def job():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
'''
SWALLOWS_TIMEOUT = LOOP.replace(
    '        frappe.get_doc("Customer", name).save()\n',
    '        try:\n            frappe.get_doc("Customer", name).save()\n        except Exception:\n            pass\n',
)
ISOLATED = LOOP.replace(
    '        frappe.get_doc("Customer", name).save()\n',
    '        frappe.db.savepoint("sp")\n        try:\n            frappe.get_doc("Customer", name).save()\n'
    "        except JobTimeoutException:\n            raise\n        except Exception:\n"
    '            frappe.db.rollback(save_point="sp")\n            frappe.log_error(title=f"job failed for {name}")\n',
).replace("import frappe\n", "import frappe\nfrom rq.timeouts import JobTimeoutException\n")
ISOLATION = Contract("isolate", isolates_failures=True)


def test_the_runner_accepts_an_isolation_that_keeps_its_contract():
    assert compare({"tasks.py": LOOP}, {"tasks.py": ISOLATED}, ISOLATION, 15, "isolated") == []


def test_the_runner_catches_a_swallowed_timeout_and_a_failure_left_half_done():
    found = {(d.scenario, d.aspect) for d in compare({"tasks.py": LOOP}, {"tasks.py": SWALLOWS_TIMEOUT}, ISOLATION, 15, "x")}
    assert ("times out (Customer-2)", "outcome") in found  # the job no longer stops at its timeout
    assert ("record fails (Customer-2)", "persisted") in found  # the failed record's half-done save is kept


def test_the_runner_catches_a_job_id_that_merges_distinct_calls():
    endpoint = '''\
import frappe


@frappe.whitelist()
def start(kind):
    frappe.enqueue("myapp.tasks.run", kind=kind, mode="{mode}"{extra})
    frappe.enqueue("myapp.tasks.run", kind=kind, mode="other"{extra2})
'''
    before = {"api.py": endpoint.format(mode="fast", extra="", extra2="")}
    coarse = {"api.py": endpoint.format(
        mode="fast", extra=', job_id=f"run::{kind}", deduplicate=True', extra2=', job_id=f"run::{kind}", deduplicate=True',
    )}
    specific = {"api.py": endpoint.format(
        mode="fast", extra=', job_id=f"run::{kind}::fast", deduplicate=True',
        extra2=', job_id=f"run::{kind}::other", deduplicate=True',
    )}
    contract = Contract("dedup", frozenset({"job_identity", "duplicates"}))
    assert compare(before, specific, contract, 15, "specific") == []
    assert {d.aspect for d in compare(before, coarse, contract, 15, "coarse")} >= {"jobs"}


def test_the_runner_catches_batched_commits_undone_by_a_rollback_around_the_loop():
    before = '''\
import frappe


def sync_all():
    try:
        for name in frappe.get_all("Customer", pluck="name"):
            frappe.get_doc("Customer", name).save()
            frappe.db.commit()
    except Exception:
        frappe.db.rollback()
'''
    batched = before.replace(
        "            frappe.db.commit()\n",
        "            done += 1\n            if done % 100 == 0:\n                frappe.db.commit()\n",
    ).replace("    try:\n        for", "    try:\n        done = 0\n        for")
    contract = Contract("batch", frozenset({"commits"}), on_failure=frozenset({"persisted"}))
    found = {(d.scenario, d.aspect) for d in compare({"tasks.py": before}, {"tasks.py": batched}, contract, 15, "batched")}
    assert ("record fails (Customer-2)", "persisted") in found  # Customer-1 used to stay committed
