"""JF003, JF004, JF007 and JF010 beyond their snapshots: the rewritten code run against a small
model of Frappe's enqueue (frappe-api.md §1-§2), queue limits from a bench's config, every
supported version on the example app."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from jobfix.codemods.engine.config import Config
from jobfix.codemods.index.frappe_api import FrappeTarget
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from helpers import copy_example, make_app, run_cli

# -- a model of Frappe, enough to run rewritten endpoints and jobs ---------------------------------


class FakeFrappe:
    """enqueue as v15 documents it: ``deduplicate`` needs ``job_id`` and skips a queued job."""

    def __init__(self, user="a@example.com"):
        self.jobs: list[dict] = []
        self.errors: list[dict] = []
        self.session = types.SimpleNamespace(user=user)

    def enqueue(self, method, queue="default", timeout=None, *, job_id=None, deduplicate=False, **kwargs):
        if deduplicate and not job_id:
            raise ValueError("`job_id` paramater is required for deduplication.")
        if deduplicate and self.is_job_enqueued(job_id):
            return None
        self.jobs.append({"method": method, "queue": queue, "job_id": job_id, "kwargs": kwargs})
        return types.SimpleNamespace(id=job_id)

    def is_job_enqueued(self, job_id):
        return any(job["job_id"] == job_id for job in self.jobs)

    def log_error(self, title=None, message=None):
        self.errors.append({"title": title, "message": message})

    def install(self, monkeypatch):
        frappe = types.ModuleType("frappe")
        frappe.enqueue, frappe.log_error, frappe.session = self.enqueue, self.log_error, self.session
        frappe.whitelist = lambda *args, **kwargs: (lambda fn: fn)
        frappe.get_traceback = lambda: "Traceback (most recent call last): ..."
        utils = types.ModuleType("frappe.utils")
        background_jobs = types.ModuleType("frappe.utils.background_jobs")
        background_jobs.enqueue, background_jobs.is_job_enqueued = self.enqueue, self.is_job_enqueued
        frappe.utils, utils.background_jobs = utils, background_jobs
        for name, module in (("frappe", frappe), ("frappe.utils", utils), ("frappe.utils.background_jobs", background_jobs)):
            monkeypatch.setitem(sys.modules, name, module)


def run_module(text: str) -> dict:
    namespace: dict = {"__name__": "myapp.api"}
    exec(compile(text, "api.py", "exec"), namespace)
    return namespace


def fix(package: Path, select: str, version: str) -> str:
    result = run_cli("fix", package, "--select", select, "--unsafe-fixes", "--frappe-version", version)
    assert result.exit_code in (0, 1), result.output
    return result.output


ENDPOINT = """\
import frappe


@frappe.whitelist()
def start_export(customer_group, fmt="csv"):
    frappe.enqueue("myapp.api.export", customer_group=customer_group, fmt=fmt)
    return {"message": "Export started"}


def export(customer_group, fmt):
    pass
"""


@pytest.mark.parametrize("version", ["14", "15", "16"])
def test_guarded_endpoint_queues_once_per_user_and_arguments(tmp_path, monkeypatch, version):
    package = make_app(tmp_path, {"api.py": ENDPOINT})
    fix(package, "JF004", version)
    text = (package / "api.py").read_text()
    assert ("if not is_job_enqueued(job_id):" in text) == (version == "14")
    assert ("deduplicate=True" in text) == (version != "14")

    frappe = FakeFrappe()
    frappe.install(monkeypatch)
    start_export = run_module(text)["start_export"]
    assert start_export("Retail") == {"message": "Export started"}  # the return value is unchanged
    assert start_export("Retail") == {"message": "Export started"}  # the double click
    assert len(frappe.jobs) == 1
    start_export("Retail", fmt="xlsx")  # another export by the same user
    start_export("Wholesale")
    frappe.session.user = "b@example.com"
    start_export("Retail")  # the same export by someone else
    assert len(frappe.jobs) == 4
    assert len({job["job_id"] for job in frappe.jobs}) == 4
    assert all(job["kwargs"].keys() == {"customer_group", "fmt"} for job in frappe.jobs)  # nothing leaks into the job


@pytest.mark.parametrize("version", ["13", "14.36.0"])
def test_versions_without_job_id_get_advice_not_code(tmp_path, version):
    package = make_app(tmp_path, {"api.py": ENDPOINT})
    fix(package, "JF004", version)
    assert (package / "api.py").read_text() == ENDPOINT
    why = run_cli("check", package, "--select", "JF004", "--frappe-version", version, "--show-fixes").output
    assert "needs Frappe 14.36.1 or later" in why


def test_never_deduplicate_without_job_id(tmp_path):
    """Every call the fix touches on v15 gets both keywords, in every shape of the example app."""
    app = copy_example(tmp_path)
    fix(app, "JF004", "15")
    api = (app / "legacy_app" / "api.py").read_text()
    assert api.count("deduplicate=True") == api.count("job_id=") == 3


RETRYING_JOB = """\
import frappe
import requests


def sync_record(record, endpoint="https://erp.example.com"):
    try:
        requests.post(endpoint, json={"name": record}, timeout=30)
    except Exception:
        frappe.enqueue("myapp.api.sync_record", record=record, endpoint=endpoint)
"""


def test_bounded_retry_stops_after_three_attempts_and_logs(tmp_path, monkeypatch):
    package = make_app(tmp_path, {"api.py": RETRYING_JOB})
    fix(package, "JF010", "15")
    text = (package / "api.py").read_text()

    frappe = FakeFrappe()
    frappe.install(monkeypatch)
    requests = types.ModuleType("requests")

    def post(*args, **kwargs):
        raise ConnectionError("the ERP is down")

    requests.post = post
    monkeypatch.setitem(sys.modules, "requests", requests)
    sync_record = run_module(text)["sync_record"]

    sync_record("R-1")  # an existing caller, unchanged
    sync_record("R-1", "https://other.example.com")  # positional callers stay valid too
    assert [job["kwargs"]["attempt"] for job in frappe.jobs] == [2, 2]
    for _ in range(10):  # run each queued retry the way the worker does: method(**kwargs)
        if not frappe.jobs:
            break
        sync_record(**frappe.jobs.pop(0)["kwargs"])
    assert not frappe.jobs
    assert len(frappe.errors) == 2
    assert frappe.errors[0]["title"] == "myapp.api.sync_record failed 3 times"
    assert frappe.errors[0]["message"].startswith("Traceback")


# -- JF003 with a bench's queues -------------------------------------------------------------------

QUEUES = """\
import frappe


def run():
    frappe.enqueue("myapp.jobs.work", queue="reports", timeout=3000)
    frappe.enqueue("myapp.jobs.work", queue="reports", timeout=5000)
    frappe.enqueue("myapp.jobs.work", timeout=600)
    frappe.enqueue("myapp.jobs.work", queue="unknown", timeout=1000)
    frappe.enqueue("myapp.jobs.work", queue="unknown", timeout=2000)


def work():
    pass
"""


def jf003(package: Path, config: Config) -> list[tuple[int, str, str]]:
    findings = all_findings(analyse_paths([package.parent], config))
    return [(f.span.row, f.fix.applicability.value, f.explained) for f in findings if f.code == "JF003"]


def test_an_explicit_timeout_is_honoured_on_every_queue(tmp_path):
    """Frappe applies a queue's timeout only when none is given (background_jobs.py:167-168): only a
    timeout over the short/default limit is reported, for the quick workers it holds, never for its length."""
    package = make_app(tmp_path / "apps", {"jobs.py": QUEUES})
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "common_site_config.json").write_text(
        json.dumps({"workers": {"reports": {"timeout": 3600}, "default": {"timeout": 900}}})
    )
    assert jf003(package, Config(select=frozenset({"JF003"}))) == []  # 600 s fits this bench's default


def test_config_queue_timeouts_override_the_bench(tmp_path):
    package = make_app(tmp_path / "apps", {"jobs.py": QUEUES})
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "common_site_config.json").write_text(json.dumps({"workers": {"default": {"timeout": 900}}}))
    config = Config(select=frozenset({"JF003"}), options=(("queue-timeouts", (("default", 300), ("reports", 2000))),))
    found = jf003(package, config)
    assert [(row, kind) for row, kind, _ in found] == [(7, "unsafe")]
    assert "holds one of the `default` workers that serve quick jobs for up to 600 s" in found[0][2]


def test_queue_fix_is_unsafe_so_a_plain_fix_leaves_it(tmp_path):
    app = copy_example(tmp_path)
    before = (app / "legacy_app" / "api.py").read_text()
    run_cli("fix", app, "--select", "JF003")
    assert (app / "legacy_app" / "api.py").read_text() == before


# -- the example app, every version ---------------------------------------------------------------


@pytest.mark.parametrize("version", ["13", "14", "15", "16"])
def test_example_app_every_version_compiles_and_is_stable(tmp_path, version):
    app = copy_example(tmp_path)
    config = Config(
        select=frozenset({"JF003", "JF004", "JF007", "JF010"}), unsafe_fixes=True, frappe_version=FrappeTarget.parse(version)
    )
    findings = all_findings(analyse_paths([app], config))
    found = sorted({(f.path.name, f.span.row, f.code) for f in findings})
    assert found == [
        ("api.py", 9, "JF003"), ("api.py", 9, "JF004"),  # heavy export on default; double click
        ("api.py", 23, "JF004"),  # a light job on long is not reported by JF003
        ("api.py", 36, "JF003"), ("api.py", 36, "JF004"),  # timeout=4000 on default
        ("sync.py", 14, "JF010"),
        ("tasks.py", 41, "JF007"), ("tasks.py", 43, "JF007"),  # get_list; ToDo owned by Administrator
    ]
    fix(app, "JF003,JF004,JF007,JF010", version)
    for path in (app / "legacy_app").glob("*.py"):
        compile(path.read_text(), str(path), "exec")
    again = all_findings(analyse_paths([app], config))
    assert plan_fixes(again, unsafe_fixes=True).changes == []
    api = (app / "legacy_app" / "api.py").read_text()
    assert ("job_id" in api) == (version != "13")
    assert 'queue="long", customer_group=customer_group' in api  # JF003 and JF004 both edited that call
