"""The command line as a user runs it: ruff-like lines, exit codes, dry runs that write nothing."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import copy_example, make_app, run_cli, tree_digest

CONTROLLER = (
    "import frappe\nfrom frappe.model.document import Document\n\n\n"
    "class Order(Document):\n    def on_submit(self):\n        frappe.enqueue('myapp.tasks.push', name=self.name)\n"
)


def test_check_text_lines_and_exit_code(tmp_path, monkeypatch):
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "myapp", "--select", "JF012")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "myapp/myapp/order.py:7:9: JF012 [*] `enqueue` in document event `on_submit` without "
        "`enqueue_after_commit=True`"
    )
    assert lines[1:] == ["Found 1 finding.", "[*] 1 fixable with `jobfix fix`."]
    assert (package / "order.py").read_text() == CONTROLLER


def test_check_clean_exits_zero(tmp_path):
    make_app(tmp_path, {"order.py": "x = 1\n"})
    result = run_cli("check", tmp_path, "--select", "JF012")
    assert (result.exit_code, result.output.strip()) == (0, "All checks passed!")


def test_check_json_has_ruffs_shape(tmp_path):
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    result = run_cli("check", tmp_path, "--format", "json", "--select", "JF012")
    assert result.exit_code == 1
    assert json.loads(result.output) == [
        {
            "code": "JF012",
            "name": "enqueue-after-commit",
            "message": "`enqueue` in document event `on_submit` without `enqueue_after_commit=True`",
            "filename": str(package / "order.py"),
            "location": {"row": 7, "column": 9},
            "end_location": {"row": 7, "column": 59},
            "fix": {"applicability": "safe", "message": "Add `enqueue_after_commit=True`"},
            "url": None,
        }
    ]


def test_check_and_dry_run_never_change_a_file(tmp_path):
    app = copy_example(tmp_path)
    before = tree_digest(app)
    assert run_cli("check", app).exit_code == 1
    assert run_cli("fix", "--dry-run", "--unsafe-fixes", app).exit_code == 1
    assert run_cli("fix", "--diff", "--unsafe-fixes", app).exit_code == 1
    assert run_cli("--dry-run", app).exit_code == 1
    assert tree_digest(app) == before


def test_dry_run_shortcut_defaults_to_current_folder(tmp_path, monkeypatch):
    make_app(tmp_path, {"order.py": CONTROLLER})
    monkeypatch.chdir(tmp_path)
    shortcut = run_cli("--dry-run")
    explicit = run_cli("fix", "--dry-run", ".")
    assert shortcut.exit_code == explicit.exit_code == 1
    assert shortcut.output == explicit.output
    assert "+        frappe.enqueue('myapp.tasks.push', name=self.name, enqueue_after_commit=True)" in shortcut.output
    assert "Would fix 1 finding in 1 file (JF012 ×1)." in shortcut.output


def test_diff_applies_with_git_apply(tmp_path, monkeypatch):
    package = make_app(tmp_path, {"order.py": CONTROLLER})
    monkeypatch.chdir(tmp_path)
    result = run_cli("fix", "--diff", "myapp")
    assert result.exit_code == 1
    assert result.output.startswith("--- a/myapp/myapp/order.py\n+++ b/myapp/myapp/order.py\n")
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "apply"], input=result.output.encode(), check=True)
    assert "enqueue_after_commit=True" in (package / "order.py").read_text()
    assert run_cli("fix", "--diff", "myapp").output == ""


def test_fix_applies_and_summarises_with_migrate_step(tmp_path):
    app = copy_example(tmp_path)
    result = run_cli("fix", app, "--select", "JF008,JF012")
    assert "Fixed 4 findings in 3 files (JF008 ×2, JF012 ×2)." in result.output
    assert "hooks.py of legacy_app changed: in each bench that has it, run `bench --site all migrate`" in result.output
    assert result.exit_code == 0
    hooks = (app / "legacy_app" / "hooks.py").read_text()
    assert '"daily_long": [\n\t\t"legacy_app.tasks.rebuild_customer_stats",  # nightly rebuild' in hooks
    again = run_cli("fix", app, "--select", "JF008,JF012")
    assert (again.exit_code, "No fixes to apply." in again.output) == (0, True)


def test_usage_errors_exit_2_without_traceback(tmp_path):
    missing = run_cli("check", tmp_path / "nope")
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    bad_version = run_cli("check", tmp_path, "--frappe-version", "12")
    assert bad_version.exit_code == 2 and "unsupported Frappe version '12'" in bad_version.output
    (tmp_path / "pyproject.toml").write_text("[tool.jobfix]\nbatch-size = 0\n")
    bad_config = run_cli("check", tmp_path)
    assert bad_config.exit_code == 2 and "batch-size must be a positive integer" in bad_config.output
    assert "Traceback" not in missing.output + bad_version.output + bad_config.output


def test_console_script_runs(tmp_path):
    make_app(tmp_path, {"order.py": CONTROLLER})
    done = subprocess.run([sys.executable, "-m", "jobfix", "check", str(tmp_path), "--select", "JF012"], capture_output=True, text=True)
    assert done.returncode == 1 and "JF012 [*]" in done.stdout
