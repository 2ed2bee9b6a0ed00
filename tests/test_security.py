"""jobfix reads code as data: it never imports, executes or evaluates it, and nothing it reads
(file names, strings in the code) can drive the terminal or a CI system that shows its output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import make_app, run_cli

pytestmark = pytest.mark.slow  # real processes, terminals or generated code: `pytest -m "not slow"` skips them

# Every file below would write MARKER if Python ever ran it; each holds trigger words, so the
# engine parses it, and the app has findings with fixes, so the fix path runs too.
PAYLOAD = (
    "import os, pathlib\n"
    "pathlib.Path({marker!r}).write_text('ran: ' + __name__)\n"
    "os.system('touch ' + {marker!r} + '.shell')\n"
)


def hostile_bench(root: Path, marker: Path) -> Path:
    payload = PAYLOAD.format(marker=str(marker))
    hooks = payload + (
        "app_name = 'myapp'\n"
        "scheduler_events = {'all': ['myapp.tasks.sync'], 'daily': ['myapp.tasks.sync(days=3)']}\n"
        "doc_events = {'Sales Order': {'on_submit': 'myapp.events.on_submit'}}\n"
        "__import__('myapp.tasks')\n"
    )
    tasks = payload + (
        "import frappe\n\n\n"
        "def sync(days=7):\n"
        "    for name in frappe.get_all('Sales Order', pluck='name'):\n"
        "        frappe.get_doc('Sales Order', name).save()\n"
        "        frappe.db.commit()\n"
    )
    events = payload + (
        "import frappe\n\n\n"
        "def on_submit(doc, method=None):\n"
        "    frappe.enqueue('myapp.tasks.sync', doc=doc)\n"
    )
    make_app(root / "apps", {
        "hooks.py": hooks,
        "__init__.py": payload + "__version__ = '0.0.1'\n",
        "tasks.py": tasks,
        "events.py": events,
        "patches.py": payload + "import frappe\nfrappe.db.commit()\n",
        "setup.py": payload,
        "conftest.py": payload,
    })
    frappe_init = root / "apps" / "frappe" / "frappe" / "__init__.py"  # read for the bench's version
    frappe_init.parent.mkdir(parents=True)
    frappe_init.write_text(payload + "__version__ = '15.2.0'\n")
    (root / "apps" / "myapp" / "pyproject.toml").write_text(
        "[tool.bench.frappe-dependencies]\nfrappe = '>=15.0.0'\n[tool.jobfix]\nunsafe-fixes = true\n"
    )
    return root / "apps"


def jobfix(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jobfix", *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd,
    )


@pytest.mark.parametrize("command", [
    ["check"], ["check", "--format", "json"], ["check", "--format", "sarif"], ["check", "--format", "github"],
    ["check", "--statistics"], ["fix", "--dry-run"], ["fix", "--diff"],
    ["fix", "--allow-dirty", "--unsafe-fixes"], ["fix", "--allow-dirty", "--unsafe-fixes", "--jobs", "2"],
])
def test_no_code_of_the_checked_apps_ever_runs(tmp_path, command):
    marker = tmp_path / "MARKER"
    apps = hostile_bench(tmp_path, marker)
    result = jobfix(*command, apps, cwd=apps / "myapp" / "myapp")  # run from inside the app: no sys.path trick either
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert not marker.exists() and not Path(f"{marker}.shell").exists()
    if command == ["check"]:
        assert "JF0" in result.stdout  # the files were really read and checked


def test_nothing_is_imported_in_process(tmp_path):
    marker = tmp_path / "MARKER"
    apps = hostile_bench(tmp_path, marker)
    before = set(sys.modules)
    run_cli("fix", apps, "--allow-dirty", "--unsafe-fixes", "--jobs", "1")
    assert not marker.exists()
    assert {m for m in set(sys.modules) - before if m.split(".")[0] in ("myapp", "frappe", "hooks", "conftest", "setup")} == set()


# -- output that cannot be hijacked --------------------------------------------------------------

ESC = "\x1b"
# A file name that clears the screen, retitles the terminal, hides text and starts a CI command.
EVIL_NAME = "order\x1b[2J\x1b]0;pwned\x07\x1b[8m\x9b31m\u202e\nn::error file=x::pwned%0A.py"
CONTROLLER = (
    "import frappe\nfrom frappe.model.document import Document\n\n\n"
    "class Order(Document):\n    def on_submit(self):\n        frappe.enqueue('myapp.tasks.push', name=self.name)\n"
)


@pytest.fixture
def evil_app(tmp_path) -> Path:
    hooks = (  # strings of the code end up in messages: they carry escapes too
        "app_name = 'myapp'\n"
        "scheduler_events = {'daily': ['myapp.tasks.\\x1b[31mgone\\x07', 'myapp.\\u202egone']}\n"
    )
    package = make_app(tmp_path, {EVIL_NAME: CONTROLLER, "hooks.py": hooks})
    return package


def assert_clean(text: str) -> None:
    assert ESC not in text and "\x07" not in text and "\x9b" not in text and "\u202e" not in text


@pytest.mark.parametrize("command", [
    ["check"], ["check", "--show-fixes"], ["check", "--statistics"], ["fix", "--dry-run"], ["fix", "--allow-dirty"],
])
def test_names_and_code_cannot_drive_the_terminal(evil_app, command):
    result = jobfix(*command, evil_app.parent, "--no-cache", cwd=evil_app.parent)
    assert result.returncode in (0, 1), result.stderr
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    if command[0] == "check" and len(command) == 1:
        assert "order\\x1b[2J\\x1b]0;pwned\\x07" in result.stdout  # shown, escaped
        assert "JF001 `myapp.tasks.\\x1b[31mgone\\x07`" in result.stdout


def test_diff_headers_are_quoted_as_git_quotes_them(evil_app, tmp_path):
    result = jobfix("fix", "--diff", evil_app.parent, "--no-cache", cwd=evil_app.parent)
    assert result.returncode == 1
    headers = [line for line in result.stdout.splitlines() if line.startswith(("--- ", "+++ "))]
    quoted = '"a/myapp/order\\033[2J\\033]0;pwned\\a\\033[8m\\302\\23331m\u202e\\nn::error file=x::pwned%0A.py"'
    assert f"--- {quoted}" in headers
    assert_clean(result.stdout.replace("\u202e", ""))  # git itself leaves printable Unicode as it is
    # and git reads the quoted names back: the diff applies
    subprocess.run(["git", "init", "-q"], cwd=evil_app.parent, check=True)
    applied = subprocess.run(["git", "apply", "--check", "-v", "-"], input=result.stdout, text=True,
                             capture_output=True, cwd=evil_app.parent)
    assert applied.returncode == 0, applied.stderr


def test_machine_formats_escape_what_they_must(evil_app):
    result = jobfix("check", "--format", "json", evil_app.parent, "--no-cache", cwd=evil_app.parent)
    assert_clean(result.stdout)
    rows = json.loads(result.stdout)
    assert any(row["filename"].endswith(EVIL_NAME) for row in rows)  # the real name, JSON-escaped
    sarif = jobfix("check", "--format", "sarif", evil_app.parent, "--no-cache", cwd=evil_app.parent)
    assert_clean(sarif.stdout)
    json.loads(sarif.stdout)


def test_github_annotations_cannot_start_a_command_of_their_own(evil_app):
    result = jobfix("check", "--format", "github", evil_app.parent, "--no-cache", cwd=evil_app.parent)
    rows = json.loads(jobfix("check", "--format", "json", evil_app.parent, "--no-cache", cwd=evil_app.parent).stdout)
    lines = result.stdout.splitlines()
    assert len(lines) == len(rows)  # one line per finding: no newline got through
    assert all(line.startswith(("::warning file=", "::error file=")) for line in lines)
    evil = next(line for line in lines if "order" in line)
    assert "%0An%3A%3Aerror file=x%3A%3Apwned%250A.py" in evil  # %, newline, ':' and ',' escaped


def test_paths_are_never_read_as_rich_markup(tmp_path):
    """A folder `x[` holding `]y.py` displays as `x[/]y.py`: a closing tag with nothing to close,
    which rich would raise on (a traceback) if a path reached it as markup."""
    chain = " and ".join(["a"] * 1_200)
    unfixable = CONTROLLER.replace("name=self.name)", f"name=self.name, flag={chain})")  # too deep to rewrite
    package = make_app(tmp_path / "apps", {"x[/]y.py": unfixable, "[b]z.py": CONTROLLER})
    make_app(tmp_path / "apps", {"w.py": CONTROLLER}, name="other")
    assert "myapp/[b]z.py:7:9: JF012" in jobfix("check", package, "--no-cache", cwd=tmp_path).stdout  # not bold
    for command in (["check"], ["fix", "--diff"], ["fix", "--dry-run"], ["fix", "--allow-dirty"]):
        result = jobfix(*command, tmp_path / "apps", "--no-cache", "--jobs", "1", cwd=tmp_path)
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "MarkupError" not in output, output
        assert "x[/]y.py" in output, output
