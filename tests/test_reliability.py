"""Nothing lost, nothing broken, on any input: awkward files give a JF000 finding (or a clear
message) for that file and the run goes on; failures at write time leave every file whole.

Files that must reach the parser hold a trigger word (``frappe.enqueue``): the engine's prefilter
never parses a file without one, so a syntax error there is not reported (README, How it works).
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from jobfix.codemods.engine.changes import CHANGED_ON_DISK, write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from jobfix.codemods.engine.source import MAX_SOURCE_BYTES
from helpers import make_app, run_cli, tree_digest

pytestmark = pytest.mark.slow  # real processes, terminals or generated code: `pytest -m "not slow"` skips them

CONTROLLER = (
    "import frappe\nfrom frappe.model.document import Document\n\n\n"
    "class Order(Document):\n    def on_submit(self):\n        frappe.enqueue('myapp.tasks.push', name=self.name)\n"
)
FIXED_CONTROLLER = CONTROLLER.replace("name=self.name)", "name=self.name, enqueue_after_commit=True)")
JF012 = Config(select=frozenset({"JF012"}))


def findings_of(package: Path, config: Config = JF012):
    return all_findings(analyse_paths([package.parent], config))


def fix(package: Path, config: Config = JF012):
    findings = findings_of(package, config)
    plan = plan_fixes(findings, unsafe_fixes=False)
    written, errors = write_changes(plan.changes)
    return findings, plan, written, errors


def codes(findings) -> list[tuple[str, str]]:
    return [(f.code, f.path.name) for f in findings]


def run_jobfix(*args, timeout: float = 120, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real command in a process of its own: a crash in native code or a hang shows as such."""
    return subprocess.run(
        [sys.executable, "-m", "jobfix", *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )


# -- bad input ---------------------------------------------------------------------------------


def test_empty_comment_only_and_bom_only_files_are_quietly_fine(tmp_path):
    package = make_app(tmp_path, {
        "empty.py": "",
        "comments.py": "# frappe.enqueue(...) used to be here\n# frappe.db.commit()\n",
        "bom.py": b"\xef\xbb\xbf",
        "blank.py": "\n\n   \n",
        "order.py": CONTROLLER,
    })
    before = tree_digest(package)
    findings, _, written, _ = fix(package, Config())
    assert {f.path.name for f in findings} == {"order.py"}
    assert [c.path.name for c in written] == ["order.py"]
    after = tree_digest(package)
    assert {k for k in before if before[k] != after[k]} == {"order.py"}


@pytest.mark.parametrize("legacy", [
    "print 'old'\n",
    "try:\n    pass\nexcept Exception, e:\n    pass\n",
    "x = `1`\n",
    "mode = 0777\n",
    "exec 'x = 1'\n",
    "raise ValueError, 'no'\n",
])
def test_python2_files_are_jf000_with_the_line(tmp_path, legacy):
    package = make_app(tmp_path, {"legacy.py": "import frappe\n" + legacy + "frappe.enqueue('x.y')\n", "order.py": CONTROLLER})
    findings, _, written, _ = fix(package)
    assert codes(findings) == [("JF000", "legacy.py"), ("JF012", "order.py")]
    assert findings[0].message.startswith("cannot parse: ")
    assert findings[0].span.row >= 2
    assert [c.path.name for c in written] == ["order.py"]


def test_null_bytes_are_jf000(tmp_path):
    package = make_app(tmp_path, {"nul.py": b"import frappe\x00\nfrappe.enqueue('a.b')\n", "order.py": CONTROLLER})
    findings, _, written, _ = fix(package)
    assert codes(findings) == [("JF000", "nul.py"), ("JF012", "order.py")]
    assert "null bytes" in findings[0].message
    assert len(written) == 1


def test_invalid_utf8_is_jf000_on_its_line(tmp_path):
    package = make_app(tmp_path, {"bad.py": b"import frappe\n\nx = '\xff\xfe'\nfrappe.enqueue('a.b')\n", "order.py": CONTROLLER})
    findings = findings_of(package)
    assert codes(findings) == [("JF000", "bad.py"), ("JF012", "order.py")]
    assert findings[0].message == (
        "cannot decode as utf-8 (no coding declaration: Python reads UTF-8): byte 0xff on line 3 is not valid"
    )
    assert findings[0].span.row == 3


@pytest.mark.parametrize("raw, message", [
    ("# -*- coding: ascii -*-\n# café\nimport frappe\nfrappe.enqueue('a')\n".encode("utf-8"),
     "cannot decode as ascii (the encoding its coding declaration names): byte 0xc3 on line 2 is not valid"),
    ("# coding: utf-8\n# Société\nimport frappe\nfrappe.enqueue('a')\n".encode("latin-1"),
     "cannot decode as utf-8 (the encoding its coding declaration names): byte 0xe9 on line 2 is not valid"),
    (b"# vim: set fileencoding=klingon :\nimport frappe\nfrappe.enqueue('a')\n",
     "bad encoding declaration: unknown encoding: klingon"),
    ("\ufeff# coding: latin-1\nimport frappe\n".encode("utf-8"),
     "bad encoding declaration: the file starts with a UTF-8 byte order mark but declares another encoding"),
])
def test_a_lying_coding_declaration_is_jf000(tmp_path, raw, message):
    package = make_app(tmp_path, {"liar.py": raw, "order.py": CONTROLLER})
    findings, _, written, _ = fix(package)
    assert codes(findings) == [("JF000", "liar.py"), ("JF012", "order.py")]
    assert findings[0].message == message
    assert (package / "liar.py").read_bytes() == raw
    assert len(written) == 1


def test_an_undetectable_lie_round_trips_every_byte(tmp_path):
    """UTF-8 bytes under a latin-1 declaration decode (as mojibake); the fix must give them back."""
    text = "# -*- coding: latin-1 -*-\n# Société Générale ✓\n" + CONTROLLER
    package = make_app(tmp_path, {"order.py": text.encode("utf-8")})
    fix(package)
    assert (package / "order.py").read_bytes() == ("# -*- coding: latin-1 -*-\n# Société Générale ✓\n" + FIXED_CONTROLLER).encode("utf-8")


def test_a_declaration_below_line_two_is_not_one(tmp_path):
    text = "#!/usr/bin/env python\n\n# -*- coding: latin-1 -*-\n# café\n" + CONTROLLER
    package = make_app(tmp_path, {"order.py": text.encode("utf-8")})
    fix(package)
    assert (package / "order.py").read_text("utf-8") == text.replace(CONTROLLER, FIXED_CONTROLLER)


def test_a_huge_file_is_jf000_and_skipped_quickly(tmp_path):
    block = "def f{i}(doc):\n    frappe.enqueue('myapp.tasks.push', name=doc.name)  # padding padding padding\n\n"
    text = "import frappe\n\n" + "".join(block.format(i=i) for i in range(110_000))
    assert len(text) > 10_000_000
    package = make_app(tmp_path, {"generated.py": text, "order.py": CONTROLLER})
    started = time.monotonic()
    findings, _, written, _ = fix(package)
    assert time.monotonic() - started < 10  # parsing it would take ast ~15 s and LibCST minutes and GBs
    assert codes(findings) == [("JF000", "generated.py"), ("JF012", "order.py")]
    assert findings[0].message.startswith("file too large to check (10.")
    assert f"the limit is {MAX_SOURCE_BYTES / 1e6:.1f} MB" in findings[0].message
    assert [c.path.name for c in written] == ["order.py"]


DEEP = {
    # ast gives up (RecursionError, MemoryError or "too many nested parentheses")
    "parens": "x = " + "(" * 300 + "1" + ")" * 300 + "\n",
    "calls": "x = " + "f(" * 300 + "1" + ")" * 300 + "\n",
    "sums": "x = " + "+".join(["1"] * 100_000) + "\n",
    "attributes": "x = a" + ".b" * 100_000 + "\n",
    "nots": "x = " + "not " * 100_000 + "y\n",
    "lambdas": "x = " + "lambda: " * 5_000 + "1\n",
    "elifs": "if a:\n    pass\n" + "elif a:\n    pass\n" * 5_000,
    "indents": "".join(" " * i + "if x:\n" for i in range(120)) + " " * 120 + "pass\n",
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_code_nested_too_deeply_for_ast_is_jf000(tmp_path, shape):
    package = make_app(tmp_path, {"deep.py": "import frappe\nfrappe.enqueue('a.b')\n" + DEEP[shape], "order.py": CONTROLLER})
    findings, _, written, _ = fix(package)
    assert codes(findings) == [("JF000", "deep.py"), ("JF012", "order.py")]
    assert findings[0].message.startswith("cannot parse: ")
    assert [c.path.name for c in written] == ["order.py"]


def test_deep_code_ast_reads_is_checked_and_breaks_no_other_file(tmp_path):
    """Chains of a few thousand links parse; rules and the app index must not recurse on them
    (a RecursionError in the app-wide index would have cost every other file its findings)."""
    chain = "a" + ".b" * 2_000
    deep = (
        "import frappe\n\n\ndef run():\n    frappe.enqueue('myapp.tasks.push')\n"
        f"    x = {chain}()\n    frappe.enqueue({chain})\n    frappe.enqueue(method={chain})\n"
    )
    package = make_app(tmp_path, {"deep.py": deep, "order.py": CONTROLLER})
    findings, _, written, _ = fix(package, Config())
    assert [f for f in findings if f.code == "JF000"] == []
    assert ("JF012", "order.py") in codes(findings)
    assert [c.path.name for c in written] == ["order.py"]


def test_a_boolean_chain_ast_reads_but_libcst_would_crash_on_is_refused_with_a_reason(tmp_path):
    """LibCST's native parser overflows its stack on ~10,000 `and`s (ast keeps them flat): the
    process would die. A fix of the statement that holds them is refused with a reason, in a real
    process, and nothing is lost."""
    chain = " and ".join(["a"] * 12_000)
    text = CONTROLLER.replace("name=self.name)", f"name=self.name, flag={chain})")
    package = make_app(tmp_path, {"order.py": text})
    result = run_jobfix("fix", package.parent, "--select", "JF012", "--allow-dirty")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "JF012 fix not applied: the code is nested more than 1000 levels deep: too deep to rewrite safely" in result.stdout
    assert (package / "order.py").read_text() == text


def test_a_boolean_chain_outside_the_fixed_statement_does_not_stop_the_fix(tmp_path):
    """LibCST parses only the statements a fix changes: a deep chain elsewhere in the module never
    reaches it."""
    chain = "\n\nSAFE = " + " and ".join(["a"] * 12_000) + "\n"
    package = make_app(tmp_path, {"order.py": CONTROLLER + chain})
    result = run_jobfix("fix", package.parent, "--select", "JF012", "--allow-dirty")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (package / "order.py").read_text() == FIXED_CONTROLLER + chain


def test_a_named_pipe_is_not_a_hang(tmp_path):
    """A pipe named like a module blocks whoever reads it: discovery skips it, and one named on
    the command line is a JF000 finding."""
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    os.mkfifo(package / "pipe.py")
    walked = run_jobfix("check", package.parent, "--select", "JF012", timeout=60)
    assert walked.returncode == 1
    assert "pipe.py" not in walked.stdout and "order.py:7:9: JF012" in walked.stdout
    named = run_jobfix("check", package / "pipe.py", package / "order.py", "--select", "JF012", timeout=60)
    assert "pipe.py:1:1: JF000 not a regular file; skipped" in named.stdout
    assert "order.py:7:9: JF012" in named.stdout
    os.mkfifo(tmp_path / "loose.py")  # outside any app: the findings cache reads it too
    loose = run_jobfix("check", tmp_path / "loose.py", timeout=60)
    assert "loose.py:1:1: JF000 not a regular file; skipped" in loose.stdout


def test_unreadable_file_is_jf000_and_the_run_goes_on(tmp_path, monkeypatch):
    package = make_app(tmp_path, {"secret.py": CONTROLLER, "order.py": CONTROLLER})
    os.chmod(package / "secret.py", 0)
    if os.geteuid() == 0:
        # root reads any file whatever its mode: make opening honour the mode, as for anyone else
        real_open = os.open

        def open_as_a_user(path, flags, *args, **kwargs):
            if os.path.isfile(path) and os.stat(path).st_mode & 0o444 == 0:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", open_as_a_user)
    try:
        findings, _, written, errors = fix(package)
    finally:
        os.chmod(package / "secret.py", 0o644)
    assert codes(findings) == [("JF012", "order.py"), ("JF000", "secret.py")]
    assert findings[1].message == "cannot read file: Permission denied"
    assert [c.path.name for c in written] == ["order.py"] and errors == []
    assert (package / "secret.py").read_text() == CONTROLLER


def test_a_file_that_vanishes_after_discovery_is_jf000(tmp_path, monkeypatch):
    from jobfix.codemods.engine import analysis as engine

    package = make_app(tmp_path, {"gone.py": CONTROLLER, "order.py": CONTROLLER})
    real_walk = engine._walk_py

    def walk_then_delete(top, exclude):
        found = real_walk(top, exclude)
        (package / "gone.py").unlink(missing_ok=True)
        return found

    monkeypatch.setattr(engine, "_walk_py", walk_then_delete)
    findings = findings_of(package)
    assert codes(findings) == [("JF000", "gone.py"), ("JF012", "order.py")]
    assert findings[0].message == "cannot read file: No such file or directory"


# -- hooks.py that cannot be read as data ------------------------------------------------------


@pytest.mark.parametrize("hooks, message", [
    ("app_name = 'myapp'\nscheduler_events = {\n    'daily': [\n", "hooks.py is not valid Python: "),
    ("app_name = 'myapp'\nprint 'hello'\n", "hooks.py is not valid Python: "),
    (b"app_name = '\xff'\n", "cannot decode as utf-8"),
    ("x = " + "(" * 300 + ")" * 300 + "\n", "hooks.py is not valid Python: too many nested parentheses"),
    ("x = " + "+".join(["1"] * 100_000) + "\n", "hooks.py is nested too deeply to read"),
])
def test_unreadable_hooks_is_one_jf000_and_the_app_is_still_checked(tmp_path, hooks, message):
    package = make_app(tmp_path, {"hooks.py": hooks, "order.py": CONTROLLER})
    findings, _, written, _ = fix(package, Config())
    assert codes(findings) == [("JF000", "hooks.py"), ("JF012", "order.py")]
    assert findings[0].message.startswith(message)
    assert [c.path.name for c in written] == ["order.py"]


@pytest.mark.parametrize("hooks", [
    "scheduler_events = get_events()\n",
    "scheduler_events = {}\nscheduler_events['daily'] = ['myapp.tasks.push']\n",
    "scheduler_events = dict(daily=['myapp.tasks.push'])\n",
    "scheduler_events = {**BASE, 'daily': ['myapp.tasks.push']}\n",
    "scheduler_events = {'daily': [f'myapp.tasks.{name}' for name in NAMES]}\n",
    "scheduler_events: dict = {'daily': ['myapp.tasks.push']}\nscheduler_events.update(EXTRA)\n",
])
def test_dynamic_scheduler_events_are_reported_never_rewritten(tmp_path, hooks):
    hooks = "app_name = 'myapp'\n" + hooks
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": "import frappe\n\n\ndef push():\n    for d in frappe.get_all('ToDo'):\n        frappe.get_doc('ToDo', d.name).save()\n"})
    findings, plan, written, _ = fix(package, Config(unsafe_fixes=True))
    assert all(f.code != "JF000" for f in findings), findings
    assert [c.path.name for c in written if c.path.name == "hooks.py"] == []
    assert (package / "hooks.py").read_text() == hooks
    said = [f.explained for f in findings if f.path.name == "hooks.py"]
    assert any("jobfix reads scheduler_events only as one dict literal" in m for m in said), said


@pytest.mark.parametrize("dotted", [
    "myapp./etc/passwd.run",
    "myapp.x/../../../../outside.run",
    "myapp..tasks.push",
    "myapp.tasks.push.",
    "myapp.outside_link.tasks.heavy",
    "frappe.utils.now",
    "os.system",
    "myapp",
    "",
    "   ",
    "myapp.tasks.push(days=3, x=open('/etc/passwd'))",
])
def test_dotted_paths_never_lead_outside_the_app(tmp_path, dotted):
    outside = tmp_path / "outside"
    outside.mkdir()
    heavy = "import frappe\n\n\ndef heavy():\n    for d in frappe.get_all('ToDo'):\n        frappe.get_doc('ToDo', d.name).save()\n"
    (outside / "tasks.py").write_text(heavy)
    (tmp_path / "outside.py").write_text(heavy.replace("heavy", "run"))
    (tmp_path / "etc").mkdir()
    hooks = f"app_name = 'myapp'\nscheduler_events = {{'daily': [{dotted!r}]}}\n"
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": "def push():\n    pass\n"})
    (package / "outside_link").symlink_to(outside, target_is_directory=True)
    with recording_opens() as opened:
        findings, _, written, _ = fix(package, Config(unsafe_fixes=True))
    assert [p for p in opened if tmp_path / "outside" in p.parents or p.name == "outside.py"] == []
    assert all(f.code != "JF000" and package in f.path.parents for f in findings), findings
    assert (outside / "tasks.py").read_text() == heavy


# -- symbolic links ------------------------------------------------------------------------------


_recording: list[list[Path]] = []


def _audit(event: str, args) -> None:
    if _recording and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _recording[-1].append(Path(os.path.abspath(os.fsdecode(args[0]))))


sys.addaudithook(_audit)  # sees every open (builtin open, os.open, io); hooks cannot be removed


@contextmanager
def recording_opens():
    """Every file opened inside the block, whatever opens it."""
    paths: list[Path] = []
    _recording.append(paths)
    try:
        yield paths
    finally:
        _recording.remove(paths)


def test_links_are_never_followed_out_of_the_tree(tmp_path):
    outside = tmp_path / "outside"
    (outside / "pkg").mkdir(parents=True)
    (outside / "order.py").write_text(CONTROLLER)
    (outside / "pkg" / "order.py").write_text(CONTROLLER)
    (outside / "hooks.py").write_text("scheduler_events = {'daily': ['myapp.tasks.push']}\n")
    bench = tmp_path / "bench"
    package = make_app(bench, {"order.py": CONTROLLER})
    (package / "linked_file.py").symlink_to(outside / "order.py")
    (package / "linked_inside.py").symlink_to(package / "order.py")
    (package / "linked_folder").symlink_to(outside / "pkg", target_is_directory=True)
    (package / "loop").symlink_to(package, target_is_directory=True)
    (package / "self_loop.py").symlink_to(package / "self_loop.py")
    (package / "dangling.py").symlink_to(tmp_path / "nowhere.py")
    (package / "sub").mkdir()
    (package / "sub" / "up").symlink_to(bench, target_is_directory=True)
    outside_before = tree_digest(outside)

    with recording_opens() as opened:
        findings, _, written, errors = fix(package, Config())
    assert [p for p in opened if outside in p.parents] == []
    assert codes(findings) == [("JF012", "order.py")]
    assert [c.path for c in written] == [package / "order.py"] and errors == []
    assert tree_digest(outside) == outside_before
    assert (package / "linked_file.py").is_symlink() and (package / "linked_inside.py").is_symlink()


def test_a_linked_hooks_py_is_not_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hooks.py").write_text("scheduler_events = {'hourly': ['myapp.tasks.push']}\n")
    package = make_app(tmp_path, {"tasks.py": "import frappe\n\n\ndef push():\n    for d in frappe.get_all('ToDo'):\n        frappe.get_doc('ToDo', d.name).save()\n"})
    (package / "hooks.py").unlink()
    (package / "hooks.py").symlink_to(outside / "hooks.py")
    with recording_opens() as opened:
        walked = findings_of(package, Config())  # the folder is not an app: its files are loose ones
        named = all_findings(analyse_paths([package / "tasks.py"], Config()))  # inside an app with hooks.py
    assert outside / "hooks.py" not in opened
    assert [f for f in walked if f.path.name == "hooks.py"] == []
    assert [(f.code, f.path.name, f.message) for f in named] == [("JF000", "hooks.py", "hooks.py is a symbolic link; not followed")]
    assert (outside / "hooks.py").read_text() == "scheduler_events = {'hourly': ['myapp.tasks.push']}\n"


def test_a_link_named_on_the_command_line_is_read_but_never_replaced(tmp_path):
    real = tmp_path / "real.py"
    real.write_text(CONTROLLER)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    result = run_cli("fix", link, "--select", "JF012", "--allow-dirty")
    assert "link.py:7:9: JF012" in result.output
    assert "link.py: not written: the file is a symbolic link; not changed" in result.output
    assert link.is_symlink() and real.read_text() == CONTROLLER


# -- faults at write time ------------------------------------------------------------------------


def test_a_file_edited_after_analysis_is_not_fixed_nor_overwritten(tmp_path):
    package = make_app(tmp_path, {"order.py": CONTROLLER, "other.py": CONTROLLER})
    findings = findings_of(package)
    edited = "# a colleague's edit: every line moved down\n" + CONTROLLER
    (package / "order.py").write_text(edited)
    plan = plan_fixes(findings, unsafe_fixes=False)
    assert [(f.finding.path.name, f.reason) for f in plan.failed] == [("order.py", CHANGED_ON_DISK)]
    written, errors = write_changes(plan.changes)
    assert [c.path.name for c in written] == ["other.py"] and errors == []
    assert (package / "order.py").read_text() == edited


def test_a_file_edited_after_analysis_with_the_same_layout_is_not_fixed(tmp_path):
    """The positions still match a call, but not the code the finding was about."""
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    findings = findings_of(package)
    edited = CONTROLLER.replace("'myapp.tasks.push'", "'myapp.tasks.pull'")
    (package / "order.py").write_text(edited)
    plan = plan_fixes(findings, unsafe_fixes=False)
    assert plan.changes == [] and [f.reason for f in plan.failed] == [CHANGED_ON_DISK]


def test_a_file_edited_between_planning_and_writing_is_not_overwritten(tmp_path):
    package = make_app(tmp_path, {"order.py": CONTROLLER, "other.py": CONTROLLER})
    plan = plan_fixes(findings_of(package), unsafe_fixes=False)
    (package / "order.py").write_text(CONTROLLER + "# edited\n")
    written, errors = write_changes(plan.changes)
    assert [c.path.name for c in written] == ["other.py"]
    assert [(c.path.name, e) for c, e in errors] == [("order.py", "the file changed on disk since jobfix read it; not overwritten")]
    assert (package / "order.py").read_text() == CONTROLLER + "# edited\n"


def test_the_cli_reports_a_file_edited_during_the_run(tmp_path, monkeypatch):
    from jobfix.codemods.engine import runner

    package = make_app(tmp_path, {"order.py": CONTROLLER})
    real_plan = runner.plan_fixes

    def edit_then_plan(findings, unsafe_fixes, *args, **kwargs):
        (package / "order.py").write_text(CONTROLLER + "# edited\n")
        return real_plan(findings, unsafe_fixes, *args, **kwargs)

    monkeypatch.setattr(runner, "plan_fixes", edit_then_plan)
    result = run_cli("fix", package.parent, "--select", "JF012", "--allow-dirty")
    assert result.exit_code == 1
    assert f"JF012 fix not applied: {CHANGED_ON_DISK}" in result.output
    assert (package / "order.py").read_text() == CONTROLLER + "# edited\n"


class FailingHandle:
    """A file handle whose write stops half-way with an OSError (a disk that fills up)."""

    def __init__(self, handle, error: int):
        self.handle, self.error = handle, error

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        raise OSError(self.error, os.strerror(self.error))

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_a_write_failing_half_way_leaves_the_original_and_no_debris(tmp_path, monkeypatch, error):
    package = make_app(tmp_path, {"a.py": CONTROLLER, "b.py": CONTROLLER})
    plan = plan_fixes(findings_of(package), unsafe_fixes=False)
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        return FailingHandle(handle, error) if "w" in (args[0] if args else kwargs.get("mode", "r")) else handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    before = tree_digest(package)
    written, errors = write_changes(plan.changes)
    assert written == []
    assert [(c.path.name, e) for c, e in errors] == [(n, f"cannot write: {os.strerror(error)}") for n in ("a.py", "b.py")]
    assert tree_digest(package) == before  # no temporary file left, nothing changed


@pytest.mark.parametrize("fails", ["mkstemp", "fsync", "replace", "chmod"])
def test_a_read_only_or_failing_file_system_leaves_the_original(tmp_path, monkeypatch, fails):
    """Root writes into read-only folders, so the file system's refusal is simulated where it
    would come: creating the temporary file, flushing it, setting its mode, or the rename."""
    package = make_app(tmp_path, {"a.py": CONTROLLER})
    plan = plan_fixes(findings_of(package), unsafe_fixes=False)

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile if fails == "mkstemp" else os, fails, refuse)
    before = tree_digest(package)
    written, errors = write_changes(plan.changes)
    assert written == []
    assert len(errors) == 1 and errors[0][1].endswith("Read-only file system")
    assert tree_digest(package) == before


def test_a_really_read_only_folder_as_a_user(tmp_path):
    package = make_app(tmp_path, {"locked/order.py": CONTROLLER})
    locked = package / "locked"
    os.chmod(locked, 0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("root writes into read-only folders (simulated in the test above)")
        _, _, written, errors = fix(package)
    finally:
        os.chmod(locked, 0o755)
    assert written == [] and "Permission denied" in errors[0][1]
    assert (locked / "order.py").read_text() == CONTROLLER


def test_hooks_py_is_written_after_the_code_it_names(tmp_path, monkeypatch):
    """Killed mid-run, a hooks.py never points at a wrapper or module not written yet."""
    from jobfix.codemods.engine.model import FileChange

    order = []
    monkeypatch.setattr(FileChange, "write", lambda self: order.append(self.path.name))
    made = [FileChange(tmp_path / name, None, "") for name in ("a.py", "hooks.py", "z.py", "health.py")]
    written, _ = write_changes(made)
    assert order == ["a.py", "z.py", "health.py", "hooks.py"]
    assert written == made  # reported in the order given


BULK_FILES = 300


def test_killed_during_a_bulk_write_every_file_is_old_or_new(tmp_path):
    """SIGKILL at random moments of `jobfix fix` over many files: never a half-written file."""
    old = CONTROLLER
    new = FIXED_CONTROLLER
    package = make_app(tmp_path, {f"m{i:03}.py": old for i in range(BULK_FILES)})
    files = sorted(package.glob("m*.py"))
    rng = random.Random(8)
    partial_runs = 0
    for attempt in range(12):
        for path in files:
            path.write_text(old)
        child = subprocess.Popen(
            [sys.executable, "-m", "jobfix", "fix", str(package.parent), "--select", "JF012", "--allow-dirty"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while files[0].read_text() == old and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)  # wait for the writes to start...
        time.sleep(rng.uniform(0, 0.05))  # ...then kill somewhere among them
        child.send_signal(signal.SIGKILL)
        child.wait()
        contents = [p.read_text() for p in files]
        assert all(c in (old, new) for c in contents), [p.name for p, c in zip(files, contents) if c not in (old, new)]
        done = contents.count(new)
        partial_runs += 0 < done < BULK_FILES
        leftovers = [p for p in package.iterdir() if p.name.endswith(".jobfix-tmp")]
        for p in leftovers:  # a kill can leave a temporary file: never a .py, never read
            assert not p.name.endswith(".py")
            p.unlink()
        if partial_runs >= 3:
            break
    assert partial_runs >= 1, "no kill landed in the middle of the writes: the test proved nothing"


# -- the user never sees a traceback ----------------------------------------------------------


def bench_of_bad_inputs(root: Path) -> Path:
    package = make_app(root / "apps", {
        "order.py": CONTROLLER,
        "py2.py": "import frappe\nprint 'x'\nfrappe.enqueue('a')\n",
        "nul.py": b"import frappe\x00\nfrappe.enqueue('a')\n",
        "bad_utf8.py": b"import frappe\nx = '\xff'\nfrappe.enqueue('a')\n",
        "liar.py": "# coding: ascii\n# café\nimport frappe\nfrappe.enqueue('a')\n".encode(),
        "deep.py": "import frappe\nfrappe.enqueue('a')\nx = " + "+".join(["1"] * 100_000) + "\n",
        "empty.py": "",
    }, name="myapp")
    make_app(root / "apps", {"hooks.py": "scheduler_events = {\n"}, name="broken")
    os.mkfifo(package / "pipe.py")  # skipped by discovery
    return root / "apps"


@pytest.mark.parametrize("command", [
    ["check"], ["check", "--format", "json"], ["check", "--format", "github"], ["check", "--format", "sarif"],
    ["fix", "--dry-run"], ["fix", "--diff"], ["fix", "--allow-dirty", "--unsafe-fixes"],
])
def test_a_bench_of_bad_inputs_never_shows_a_traceback(tmp_path, command):
    apps = bench_of_bad_inputs(tmp_path)
    result = run_jobfix(*command, apps, timeout=180)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode in (0, 1), output
    if command[-1] in ("check", "json", "github", "sarif"):
        for name in ("py2.py", "nul.py", "bad_utf8.py", "liar.py", "deep.py", "hooks.py"):
            assert name in output, name


def test_debug_shows_the_traceback_of_an_internal_error(tmp_path, monkeypatch):
    from jobfix.codemods.transforms.enqueue_after_commit import EnqueueAfterCommit

    def boom(self, ctx):
        raise KeyError("surprise")

    monkeypatch.setattr(EnqueueAfterCommit, "check", boom)
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    quiet = run_cli("check", package.parent, "--select", "JF012")
    assert "JF000 internal error in JF012: KeyError: 'surprise'" in quiet.output
    assert "Traceback" not in quiet.output
    loud = run_cli("check", package.parent, "--select", "JF012", "--debug")
    assert "Traceback (most recent call last)" in loud.output and "KeyError: 'surprise'" in loud.output


def test_a_bench_frappe_too_deep_to_parse_is_ignored_for_the_version(tmp_path):
    package = make_app(tmp_path / "apps", {"order.py": CONTROLLER})
    frappe_init = tmp_path / "apps" / "frappe" / "frappe" / "__init__.py"
    frappe_init.parent.mkdir(parents=True)
    frappe_init.write_text("x = " + "+".join(["1"] * 100_000) + "\n__version__ = '15.0.0'\n")
    result = run_cli("check", tmp_path / "apps", "--select", "JF012")
    assert "Traceback" not in result.output
    assert codes(findings_of(package)) == [("JF012", "order.py")]


def test_a_failure_outside_any_file_costs_one_app_not_the_run(tmp_path, monkeypatch):
    from jobfix.codemods.engine import analysis as engine

    make_app(tmp_path / "apps", {"order.py": CONTROLLER}, name="broken")
    make_app(tmp_path / "apps", {"order.py": CONTROLLER}, name="fine")
    real_index = engine.AppIndex

    def index(root, *args, **kwargs):
        if root.name == "broken":
            raise RuntimeError("boom")
        return real_index(root, *args, **kwargs)

    monkeypatch.setattr(engine, "AppIndex", index)
    result = run_cli("check", tmp_path / "apps", "--select", "JF012", "--no-cache", "--jobs", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "JF000 internal error while analysing broken: RuntimeError: boom" in result.output
    assert "fine/fine/order.py:7:9: JF012" in result.output
    loud = run_cli("check", tmp_path / "apps", "--select", "JF012", "--no-cache", "--jobs", "1", "--debug")
    assert "    | RuntimeError: boom" in loud.output
