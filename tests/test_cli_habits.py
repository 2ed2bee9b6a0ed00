"""ruff's command-line habits, with ruff's names and exit codes: check --fix, --output-format,
-o/--output-file, -q, --exit-non-zero-on-fix, standard input with ``-`` and --stdin-filename,
--add-noqa; and usage errors that read like jobfix's own."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import copy_example, make_app, run_cli, tree_digest

ORDER = """\
import frappe
from frappe.model.document import Document


class Order(Document):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.push", name=self.name)
"""
FIXED = 'frappe.enqueue("myapp.tasks.push", name=self.name, enqueue_after_commit=True)'


@pytest.fixture
def package(tmp_path):
    return make_app(tmp_path, {"order.py": ORDER})


def test_output_format_and_its_alias_format(package):
    one = run_cli("check", package.parent, "--output-format", "json")
    two = run_cli("check", package.parent, "--format", "json")
    assert one.stdout == two.stdout and json.loads(one.stdout)[0]["code"] == "JF012"


def test_output_file_takes_the_report_instead_of_standard_output(package, tmp_path):
    target = tmp_path / "report.json"
    result = run_cli("check", package.parent, "--output-format", "json", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text())[0]["code"] == "JF012"


def test_quiet_prints_the_findings_and_nothing_else(package):
    result = run_cli("check", package.parent, "-q")
    assert [line for line in result.stdout.splitlines() if line] == [
        line for line in run_cli("check", package.parent).stdout.splitlines() if ": JF" in line
    ]


def test_check_fix_is_fix_and_exit_non_zero_on_fix(package):
    fixed = run_cli("check", package.parent, "--fix", "--select", "JF012")
    assert fixed.exit_code == 0 and FIXED in (package / "order.py").read_text()
    (package / "order.py").write_text(ORDER)
    flagged = run_cli("fix", package.parent, "--select", "JF012", "--exit-non-zero-on-fix")
    assert flagged.exit_code == 1 and "Fixed 1 finding" in flagged.stdout
    clean = run_cli("fix", package.parent, "--select", "JF012", "--exit-non-zero-on-fix")
    assert clean.exit_code == 0


def stdin(*args: str, text: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jobfix", *args], input=text, capture_output=True, text=True, cwd=cwd)


@pytest.mark.slow
def test_standard_input_round_trips(package, tmp_path):
    before = tree_digest(tmp_path)
    edited = ORDER + "\n\ndef later(doc):\n    frappe.enqueue(\"myapp.tasks.push\", name=doc.name)\n"
    path = str(package / "order.py")
    checked = stdin("check", "-", "--stdin-filename", path, text=edited, cwd=tmp_path)
    assert checked.returncode == 1 and "order.py:7:9: JF012" in checked.stdout  # the app is found from the path
    fixed = stdin("fix", "-", "--stdin-filename", path, text=edited, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout == edited.replace('frappe.enqueue("myapp.tasks.push", name=self.name)', FIXED)
    assert "Fixed 1 finding" in fixed.stderr
    again = stdin("fix", "-", "--stdin-filename", path, text=fixed.stdout, cwd=tmp_path)
    assert again.stdout == fixed.stdout  # nothing more to fix
    assert tree_digest(tmp_path) == before  # nothing on disk was written


def test_standard_input_needs_a_filename(package):
    result = run_cli("check", "-")
    assert result.exit_code == 2 and result.output.startswith("error: `-` reads standard input: give --stdin-filename")


def test_add_noqa_brings_an_app_to_zero_findings_and_a_second_run_adds_nothing(tmp_path):
    app = copy_example(tmp_path)
    assert run_cli("check", app).exit_code == 1
    added = run_cli("check", app, "--add-noqa")
    assert added.exit_code == 0 and added.stdout.startswith("Added ")
    assert run_cli("check", app).stdout.strip() == "All checks passed!"
    after = tree_digest(app)
    again = run_cli("check", app, "--add-noqa")
    assert tree_digest(app) == after and again.stdout.strip() == "Added 0 suppressions in 0 files."
    for path in app.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec")


@pytest.mark.parametrize("args, message", [
    (("check", "--frob"), "error: no such option: --frob"),
    (("chek",), "error: no such command 'chek'. Did you mean 'check'?"),
    (("check", "--jobs", "0"), "error: invalid value for '--jobs' / '-j'"),
    (("check", "--output-format", "xml"), "error: invalid value for '--output-format' / '--format'"),
])
def test_usage_errors_are_one_line_with_exit_code_2(args, message):
    result = run_cli(*args)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith(message)
