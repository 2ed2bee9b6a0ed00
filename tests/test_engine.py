"""The engine on awkward files: each gives the right result and the rest of the run completes."""

from __future__ import annotations

import os

import pytest

from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from jobfix.codemods.engine.source import WriteError, write_atomic
from helpers import make_app

CONTROLLER = (
    "import frappe\nfrom frappe.model.document import Document\n\n\n"
    "class Order(Document):\n    def on_submit(self):\n        frappe.enqueue('myapp.tasks.push', name=self.name)\n"
)
FIXED_CALL = "frappe.enqueue('myapp.tasks.push', name=self.name, enqueue_after_commit=True)"
CONFIG = Config(select=frozenset({"JF012"}))


def fix(package):
    findings = all_findings(analyse_paths([package.parent], CONFIG))
    plan = plan_fixes(findings, unsafe_fixes=False)
    written, errors = write_changes(plan.changes)
    return findings, written, errors


def test_python2_file_is_jf000_and_the_run_goes_on(tmp_path):
    package = make_app(tmp_path, {"legacy.py": "import frappe\nprint 'old'\nfrappe.enqueue('x.y')\n", "order.py": CONTROLLER})
    findings, written, _ = fix(package)
    assert [(f.code, f.path.name, f.span.row) for f in findings] == [("JF000", "legacy.py", 2), ("JF012", "order.py", 7)]
    assert "cannot parse" in findings[0].message
    assert [c.path.name for c in written] == ["order.py"]


def test_latin1_file_keeps_its_encoding_and_bytes(tmp_path):
    text = "# -*- coding: latin-1 -*-\n# Société Générale\n" + CONTROLLER
    package = make_app(tmp_path, {"order.py": text.encode("latin-1")})
    fix(package)
    raw = (package / "order.py").read_bytes()
    assert raw == (text.replace("frappe.enqueue('myapp.tasks.push', name=self.name)", FIXED_CALL)).encode("latin-1")


def test_utf8_bom_and_crlf_are_kept(tmp_path):
    text = ("# café\n" + CONTROLLER).replace("\n", "\r\n")
    package = make_app(tmp_path, {"order.py": b"\xef\xbb\xbf" + text.encode("utf-8")})
    fix(package)
    raw = (package / "order.py").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == text.count("\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert FIXED_CALL.encode() in raw


def test_file_mode_is_kept(tmp_path):
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    os.chmod(package / "order.py", 0o640)
    fix(package)
    assert (package / "order.py").stat().st_mode & 0o777 == 0o640
    assert FIXED_CALL in (package / "order.py").read_text()


def test_undecodable_file_is_jf000(tmp_path):
    package = make_app(tmp_path, {"bad.py": b"import frappe\nx = '\xff\xfe'\nfrappe.enqueue('a.b')\n", "order.py": CONTROLLER})
    findings, written, _ = fix(package)
    assert [(f.code, f.path.name) for f in findings] == [("JF000", "bad.py"), ("JF012", "order.py")]
    assert "cannot decode" in findings[0].message
    assert len(written) == 1


def test_read_only_file_gives_a_clear_error_for_that_file_only(tmp_path):
    package = make_app(tmp_path, {"locked.py": CONTROLLER, "order.py": CONTROLLER})
    os.chmod(package / "locked.py", 0o444)
    findings, written, errors = fix(package)
    assert [c.path.name for c in written] == ["order.py"]
    assert [(c.path.name, e) for c, e in errors] == [("locked.py", "the file is read-only; not changed")]
    assert (package / "locked.py").read_text() == CONTROLLER
    assert (package / "locked.py").stat().st_mode & 0o777 == 0o444


def test_read_only_folder_gives_a_clear_error_for_that_file_only(tmp_path):
    package = make_app(tmp_path, {"locked/order.py": CONTROLLER, "order.py": CONTROLLER})
    locked = package / "locked"
    before = (locked / "order.py").read_bytes()
    os.chmod(locked, 0o555)
    try:
        if os.access(locked, os.W_OK):  # root ignores folder permissions: fail the write instead
            pytest.skip("running as a user that can write into read-only folders")
        findings, written, errors = fix(package)
    finally:
        os.chmod(locked, 0o755)
    assert [c.path for c in written] == [package / "order.py"]
    assert [(c.path, "cannot write" in e) for c, e in errors] == [(locked / "order.py", True)]
    assert (locked / "order.py").read_bytes() == before


def test_write_error_leaves_original_untouched(tmp_path, monkeypatch):
    package = make_app(tmp_path, {"a.py": CONTROLLER, "b.py": CONTROLLER})
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith("a.py"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    _, written, errors = fix(package)
    assert [c.path.name for c in written] == ["b.py"]
    assert [(c.path.name, e) for c, e in errors] == [("a.py", "cannot write: No space left on device")]
    assert (package / "a.py").read_text() == CONTROLLER
    assert not [p for p in package.iterdir() if p.name.endswith(".jobfix-tmp")]


def test_file_changed_since_read_is_not_overwritten(tmp_path):
    path = tmp_path / "x.py"
    path.write_text("old\n")
    original = path.read_bytes()
    path.write_text("someone else's edit\n")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(path, original, b"new\n")
    assert path.read_text() == "someone else's edit\n"


def test_prefilter_skips_files_without_trigger_words(tmp_path):
    package = make_app(tmp_path, {"plain.py": "def f(:\n", "order.py": CONTROLLER})
    results = analyse_paths([package.parent], CONFIG)
    assert results[0].files_scanned == 4  # __init__, hooks, plain, order
    assert results[0].files_parsed == 1
    assert [f.code for f in all_findings(results)] == ["JF012"]


def test_rule_crash_is_reported_not_raised(tmp_path, monkeypatch):
    from jobfix.codemods.transforms.enqueue_after_commit import EnqueueAfterCommit

    def boom(self, ctx):
        raise KeyError("surprise")

    monkeypatch.setattr(EnqueueAfterCommit, "check", boom)
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    findings = all_findings(analyse_paths([package.parent], CONFIG))
    assert [(f.code, f.message) for f in findings] == [("JF000", "internal error in JF012: KeyError: 'surprise'")]


def test_scheduler_keys_are_read_as_frappe_reads_them(tmp_path):
    """Frappe title-cases hooks keys (`"Daily"` is `daily`), so every rule sees the same frequency."""
    hooks = 'scheduler_events = {"Daily": ["myapp.tasks.heavy"], "All": ["myapp.tasks.heavy"]}\n'
    tasks = "import frappe\n\n\ndef heavy():\n    for name in frappe.get_all('ToDo', pluck='name'):\n        frappe.get_doc('ToDo', name).save()\n"
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": tasks})
    config = Config(select=frozenset({"JF002", "JF008", "JF011"}))
    findings = all_findings(analyse_paths([package.parent], config))
    assert [(f.code, f.span.row) for f in findings] == [("JF008", 1), ("JF011", 1)]
    assert [f.fix.message for f in findings][0] == "Move the entry to `daily_long`"
    assert findings[1].fix.applicability.value == "display-only"  # moving it would change how often it runs


def test_the_cycle_collector_is_paused_while_an_app_is_analysed_and_resumed_after(tmp_path, monkeypatch):
    """Syntax trees hold no cycles: collecting while the index keeps an app's trees costs more than the rules."""
    import gc

    from jobfix.codemods.transforms.enqueue_after_commit import EnqueueAfterCommit

    seen = []
    check = EnqueueAfterCommit.check
    monkeypatch.setattr(EnqueueAfterCommit, "check", lambda self, ctx: seen.append(gc.isenabled()) or check(self, ctx))
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    assert gc.isenabled()
    findings, _, _ = fix(package)
    assert seen == [False] and gc.isenabled() and [f.code for f in findings] == ["JF012"]
