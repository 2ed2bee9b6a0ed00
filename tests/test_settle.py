"""Fixes settle in one run: after writing, ``jobfix fix`` analyses the app again and applies what
its own changes made fixable (a task newly scheduled, a loop newly enqueuing), pass after pass,
until nothing more is fixable; a second run over the output changes nothing."""

from __future__ import annotations

import pytest

from jobfix.codemods.engine import runner
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.runner import Mode, RunOptions, run, scope
from helpers import make_app, run_cli, tree_digest

pytestmark = pytest.mark.slow  # several passes over real files

HOOKS = """\
app_name = "myapp"

scheduler_events = {
    "all": ["myapp.tasks.sync_orders"],
    "daily": [
        "myapp.tasks.rebuild_stats",
        "myapp.tasks.archive_orders"
        "myapp.tasks.purge_archives",
    ],
}
"""
TASKS = """\
import frappe


def sync_orders():
    for name in frappe.get_all("Sales Order", pluck="name"):
        frappe.get_doc("Sales Order", name).save()


def rebuild_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        rebuild_one(customer)


def rebuild_one(customer):
    stats = frappe.get_doc("Customer Stats", customer)
    stats.save()


def archive_orders():
    for name in frappe.get_all("Sales Order", pluck="name"):
        frappe.get_doc("Sales Order", name).save()


def purge_archives():
    for name in frappe.get_all("Archive", pluck="name"):
        frappe.delete_doc("Archive", name)
"""
PYPROJECT = '[tool.jobfix]\nall-event-cron = "*/15 * * * *"\nunsafe-fixes = true\nextend-select = ["JF008", "JF011", "JF013"]  # opt-in rules\n'


@pytest.fixture
def app(tmp_path):
    package = make_app(tmp_path, {"hooks.py": HOOKS, "tasks.py": TASKS})
    (package.parent / "pyproject.toml").write_text(PYPROJECT)
    return package


def function(package, name: str) -> str:
    text = (package / "tasks.py").read_text()
    start = text.index(f"def {name}(")
    end = text.find("\ndef ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def test_one_run_applies_what_its_own_fixes_made_fixable_and_a_second_run_changes_nothing(app):
    found = run_cli("check", app.parent).output
    assert "JF011 [*] heavy `myapp.tasks.sync_orders`" in found and "JF008 [*] heavy `myapp.tasks.sync_orders`" not in found
    first = run_cli("fix", app.parent)
    hooks = (app / "hooks.py").read_text()
    # JF002's missing comma: archive_orders and purge_archives become scheduled, so JF006 guards
    # their loops and JF008 moves the heavy tasks to daily_long in the same run
    assert '"myapp.tasks.archive_orders",' in hooks
    assert "except Exception:" in function(app, "archive_orders") and "except Exception:" in function(app, "purge_archives")
    # JF014 then JF006: the loop that now enqueues one job per record is guarded too
    rebuild = function(app, "rebuild_stats")
    assert "frappe.enqueue(" in rebuild and "except Exception:" in rebuild
    # JF011 then JF008: the heavy `all` task, moved to its cron entry, is now seen on the default
    # queue there; moving a cron task to a long queue needs a person, so it is reported in this run
    assert '"*/15 * * * *": [' in hooks and '"all"' not in hooks
    left = [line for line in first.output.splitlines() if ": JF" in line]
    assert len(left) == 1 and "JF008 heavy `myapp.tasks.sync_orders` under cron" in left[0]
    assert first.exit_code == 1
    before = tree_digest(app.parent)
    second = run_cli("fix", app.parent)
    assert tree_digest(app.parent) == before
    assert "No fixes to apply." in second.output or "No fixes applied." in second.output


def test_the_summary_counts_every_pass_once_and_files_once(app):
    found = run_cli("check", app.parent)
    first_pass = int(found.output.split("Found ")[1].split(" ")[0])
    fixed = run_cli("fix", app.parent)
    line = next(line for line in fixed.output.splitlines() if line.startswith("Fixed "))
    count, files = int(line.split()[1]), int(line.split(" in ")[1].split()[0])
    assert count > first_pass  # later passes fixed what the first made fixable, each counted once
    assert files == 3  # hooks.py, tasks.py and the health check JF013 created: each file once


def test_a_run_that_does_not_settle_says_so(app, monkeypatch):
    monkeypatch.setattr(runner, "MAX_PASSES", 1)
    result = run_cli("fix", app.parent)
    assert "did not settle after 1 pass" in result.output
    assert "run `jobfix fix` again" in result.output


def test_passes_are_counted_and_settled_is_reported(app):
    found = scope([app.parent], {})
    one = run(found.units, Config(), RunOptions(Mode.WRITE, max_passes=1))[0]
    assert (one.passes, one.settled) == (1, False)
    found = scope([app.parent], {})
    rest = run(found.units, Config(), RunOptions(Mode.WRITE))[0]
    assert rest.passes >= 2 and rest.settled
    assert len({id(f) for f in rest.fixed}) == len(rest.fixed)


def test_previews_make_one_pass_and_write_nothing(app):
    before = tree_digest(app.parent)
    result = run_cli("fix", app.parent, "--diff")
    assert result.exit_code == 1 and tree_digest(app.parent) == before
