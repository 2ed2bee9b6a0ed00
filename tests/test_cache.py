"""The findings cache: a warm run gives exactly the findings (and fixes) of a cold one, and any
change that can change a finding, in this file or another, makes the app be analysed again."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from jobfix.codemods.engine import cache as cache_module
from jobfix.codemods.engine.cache import FindingsCache, default_folder, settings_key
from jobfix.codemods.engine.config import Config
from jobfix.codemods.index.frappe_api import FrappeTarget
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from helpers import make_app, run_cli

TASKS = """\
import frappe


def process_invoices():
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        frappe.get_doc("Sales Invoice", name).run_method("sync")
"""
BASE = """\
class BaseOrder:
    pass
"""
BASE_DOCUMENT = """\
from frappe.model.document import Document


class BaseOrder(Document):
    pass
"""
ORDER = """\
import frappe
from myapp.base import BaseOrder


class Order(BaseOrder):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.process_invoices", name=self.name)
"""


def run(package: Path, folder: Path, config: Config = Config()):
    results = analyse_paths([package.parent], config, cache=FindingsCache(folder))
    return results, sorted((f.code, f.path.name, f.span.row) for f in all_findings(results))


def cached_files(results) -> int:
    return sum(r.files_cached for r in results)


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "cache"


def test_a_warm_run_reads_every_finding_from_the_cache_and_finds_the_same(tmp_path, folder):
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    cold, found = run(package, folder)
    assert ("JF012", "order.py", 7) in found and cached_files(cold) == 0
    warm, found_again = run(package, folder)
    assert found_again == found
    assert cached_files(warm) == warm[0].files_scanned == len(warm[0].unit.files) and warm[0].files_parsed == 0
    uncached = analyse_paths([package.parent], Config())
    assert [f.message for f in all_findings(warm)] == [f.message for f in all_findings(uncached)]


def test_cached_findings_keep_their_fixes(tmp_path, folder):
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    run(package, folder)
    warm, _ = run(package, folder)
    assert cached_files(warm) > 0
    fresh = analyse_paths([package.parent], Config())
    from_cache = plan_fixes(all_findings(warm), unsafe_fixes=True)
    from_scratch = plan_fixes(all_findings(fresh), unsafe_fixes=True)
    assert from_cache.changes and [(c.path, c.new_text) for c in from_cache.changes] == [
        (c.path, c.new_text) for c in from_scratch.changes
    ]


def test_a_change_in_another_file_reanalyses_the_app(tmp_path, folder):
    """order.py is unchanged, but its base class becomes a Document: on_submit is now an event."""
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE, "order.py": ORDER})
    _, found = run(package, folder)
    assert not any(code == "JF012" for code, _, _ in found)
    (package / "base.py").write_text(BASE_DOCUMENT)
    results, found = run(package, folder)
    assert ("JF012", "order.py", 7) in found
    assert cached_files(results) == 0


def test_a_change_in_hooks_reanalyses_the_app(tmp_path, folder):
    events = 'import frappe\n\n\ndef queue_sync(doc, method=None):\n    frappe.enqueue("myapp.tasks.process_invoices", name=doc.name)\n'
    package = make_app(tmp_path, {"tasks.py": TASKS, "events.py": events})
    _, found = run(package, folder, Config(select=frozenset({"JF012"})))
    assert found == []
    (package / "hooks.py").write_text('app_name = "myapp"\ndoc_events = {"Sales Invoice": {"on_submit": "myapp.events.queue_sync"}}\n')
    _, found = run(package, folder, Config(select=frozenset({"JF012"})))
    assert found == [("JF012", "events.py", 5)]


def test_a_new_file_that_enqueues_a_function_changes_the_job_targets(tmp_path, folder):
    """tasks.py is unchanged; a new module makes process_invoices a job a user starts (JF009 applies)."""
    package = make_app(tmp_path, {"tasks.py": TASKS})
    config = Config(select=frozenset({"JF009"}))
    _, found = run(package, folder, config)
    assert found == []
    (package / "api.py").write_text('import frappe\n\n\n@frappe.whitelist()\ndef start():\n    frappe.enqueue("myapp.tasks.process_invoices")\n')
    results, found = run(package, folder, config)
    assert ("JF009", "tasks.py", 5) in found and cached_files(results) == 0


def test_a_deleted_file_changes_the_fingerprint(tmp_path, folder):
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    _, found = run(package, folder)
    assert ("JF012", "order.py", 7) in found
    (package / "base.py").unlink()  # Order no longer derives from a Document jobfix can see
    results, found = run(package, folder)
    assert ("JF012", "order.py", 7) not in found and cached_files(results) == 0


def test_settings_rules_and_frappe_version_are_part_of_the_key(tmp_path, folder, monkeypatch):
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    _, everything = run(package, folder)
    _, only_jf012 = run(package, folder, Config(select=frozenset({"JF012"})))
    assert only_jf012 and all(code == "JF012" for code, _, _ in only_jf012)
    results, again = run(package, folder)
    assert again == everything and cached_files(results) > 0  # both entries live side by side

    v14, v15 = FrappeTarget.parse("14"), FrappeTarget.parse("15")
    assert settings_key(Config(), v14) != settings_key(Config(), v15)
    assert settings_key(Config(select=frozenset({"JF012"})), v15) != settings_key(Config(select=frozenset({"JF012", "JF005"})), v15)
    assert settings_key(Config(options=(("batch-size", 100),)), v15) != settings_key(Config(options=(("batch-size", 50),)), v15)
    assert settings_key(Config(options=(("heavy", frozenset({"a.b", "c.d"})),)), v15) == settings_key(Config(options=(("heavy", frozenset({"c.d", "a.b"})),)), v15)
    before = settings_key(Config(), v15)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "an edited jobfix")  # new or changed rules
    assert settings_key(Config(), v15) != before


def test_an_entry_others_could_have_written_or_a_broken_one_is_ignored(tmp_path, folder):
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    _, found = run(package, folder)
    (entry,) = (folder / f"v{cache_module.FORMAT}").iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0
    os.chmod(entry, 0o666)
    results, again = run(package, folder)
    assert again == found and cached_files(results) == 0
    for entry in (folder / f"v{cache_module.FORMAT}").iterdir():
        entry.write_bytes(b"not a pickle")
        os.chmod(entry, 0o600)
    results, again = run(package, folder)
    assert again == found and cached_files(results) == 0


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    package = make_app(tmp_path, {"base.py": BASE_DOCUMENT, "order.py": ORDER})
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    _, found = run(package, blocker / "cache")
    assert ("JF012", "order.py", 7) in found


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBFIX_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_folder() == tmp_path / "explicit"
    monkeypatch.delenv("JOBFIX_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "jobfix"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/paths/are/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_folder() == tmp_path / "home" / ".cache" / "jobfix"


def test_check_and_fix_use_the_cache_unless_told_not_to(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBFIX_CACHE_DIR", str(tmp_path / "cache"))
    package = make_app(tmp_path, {"base.py": BASE_DOCUMENT, "order.py": ORDER})
    assert run_cli("check", "--no-cache", package).exit_code == 1
    assert run_cli("fix", "--dry-run", "--no-cache", package).exit_code == 1
    assert not (tmp_path / "cache").exists()
    first = run_cli("check", package)
    assert (tmp_path / "cache").is_dir()
    second = run_cli("check", package)
    assert first.exit_code == second.exit_code == 1 and first.output == second.output
    assert run_cli("fix", package).exit_code == 0
    assert "enqueue_after_commit=True" in (package / "order.py").read_text()
    assert run_cli("check", package).exit_code == 0


# -- stat data: a warm run does not read the files that did not change --------------------------

SAME_SIZE_ORDER = ORDER.replace("frappe.enqueue(", "frappe.get_doc(")  # no JF012, the same length


@pytest.fixture
def later(monkeypatch):
    """Runs made ten seconds after the files were written: their stat data are old enough to keep."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 10_000_000_000)


@pytest.fixture
def reads(monkeypatch):
    """The files the cache reads to learn their bytes."""
    seen = []
    real = cache_module.read_bytes

    def recording(path):
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(cache_module, "read_bytes", recording)
    return seen


def test_a_warm_run_reads_no_file_whose_stat_data_did_not_change(tmp_path, folder, later, reads):
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    _, found = run(package, folder)
    assert "order.py" in reads
    reads.clear()
    results, again = run(package, folder)
    assert again == found and cached_files(results) == len(results[0].unit.files)
    assert reads == []


def test_an_edit_of_the_same_size_with_the_modification_time_set_back_is_seen(tmp_path, folder, later, reads):
    """As `cp -p` or a careful tool would leave it: the change time and the inode still tell."""
    package = make_app(tmp_path, {"tasks.py": TASKS, "base.py": BASE_DOCUMENT, "order.py": ORDER})
    _, found = run(package, folder)
    assert ("JF012", "order.py", 7) in found
    order = package / "order.py"
    before = order.stat()
    order.write_text(SAME_SIZE_ORDER)
    os.utime(order, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert order.stat().st_size == before.st_size and order.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    results, found = run(package, folder)
    assert ("JF012", "order.py", 7) not in found and cached_files(results) == 0
    assert reads == ["order.py"]  # the only file whose stat data changed


def test_a_file_changed_in_the_clock_tick_of_the_run_is_read_again(tmp_path, folder, monkeypatch):
    """On a file system that keeps whole seconds and no change time, an edit in the second the
    cache was written leaves the same stat data: such recent files are read again next run."""
    monkeypatch.setattr(cache_module, "stat_key", lambda info: (info.st_size, info.st_mtime_ns // 10**9))

    def edit_and_rerun(package):
        order = package / "order.py"
        before = order.stat()
        order.write_text(SAME_SIZE_ORDER)
        os.utime(order, ns=(before.st_atime_ns, before.st_mtime_ns))  # within the same second
        return run(package, folder)[1]

    guarded = make_app(tmp_path / "guarded", {"base.py": BASE_DOCUMENT, "order.py": ORDER})
    assert ("JF012", "order.py", 7) in run(guarded, folder)[1]
    assert ("JF012", "order.py", 7) not in edit_and_rerun(guarded)

    # the same story with every file trusted at once shows what the guard prevents
    monkeypatch.setattr(cache_module, "RECENT_NS", -3600 * 10**9)
    unguarded = make_app(tmp_path / "unguarded", {"base.py": BASE_DOCUMENT, "order.py": ORDER})
    assert ("JF012", "order.py", 7) in run(unguarded, folder)[1]
    assert ("JF012", "order.py", 7) in edit_and_rerun(unguarded)  # stale: what must never happen


def test_only_an_app_stored_under_the_same_settings_is_answered_in_this_process(tmp_path, folder):
    """Reading an entry beats starting a worker; an entry of other settings (another --select,
    another jobfix) answers nothing, so that app goes to a worker as on a first run."""
    from jobfix.codemods.engine.analysis import discover
    from jobfix.codemods.engine.runner import _answered_here

    package = make_app(tmp_path, {"tasks.py": TASKS, "order.py": ORDER})
    only_jf012 = Config(select=frozenset({"JF012"}))
    (unit,) = discover([package.parent], Config())
    cache = FindingsCache(folder)
    assert not _answered_here(unit, Config(), cache)
    run(package, folder)
    assert _answered_here(unit, Config(), cache) and not _answered_here(unit, only_jf012, cache)
    run(package, folder, only_jf012)
    assert _answered_here(unit, only_jf012, cache)
