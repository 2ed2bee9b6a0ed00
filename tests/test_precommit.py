"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a temporary git repository.

``pre-commit try-repo`` installs jobfix from this checkout (its committed state plus tracked
changes) into a fresh virtualenv with pip, so this test needs PyPI and takes about 40 seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import make_app, run_cli

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
pytestmark = pytest.mark.slow  # real processes, terminals or generated code: `pytest -m "not slow"` skips them

ORDER = """\
import frappe
from frappe.model.document import Document


class Order(Document):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.push", name=self.name)
"""


def test_manifest_declares_both_hooks():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"jobfix-check", "jobfix-fix"}
    assert hooks["jobfix-check"]["entry"] == "jobfix check"
    assert hooks["jobfix-fix"]["entry"] == "jobfix fix --allow-dirty"  # pre-commit runs with staged changes
    assert all(h["language"] == "python" and h["types"] == ["python"] and h["require_serial"] for h in hooks.values())


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e .[test])")
def test_pre_commit_runs_check_and_fix_on_a_git_repo(tmp_path):
    package = make_app(tmp_path, {"order.py": ORDER})
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=env)
    done = subprocess.run(
        [PRE_COMMIT, "try-repo", str(REPO), "--all-files", "--color", "never"],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600,
    )
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    check = out[out.index("jobfix check."):out.index("jobfix fix.")]
    fix = out[out.index("jobfix fix."):]
    assert check.splitlines()[0].endswith("Failed")
    assert "myapp/myapp/order.py:7:9: JF012 [*] `enqueue` in document event `on_submit`" in check
    assert fix.splitlines()[0].endswith("Failed") and "- files were modified by this hook" in fix
    assert "Fixed " in fix and "JF012 ×1" in fix
    assert 'frappe.enqueue("myapp.tasks.push", name=self.name, enqueue_after_commit=True)' in (package / "order.py").read_text()
    assert run_cli("check", tmp_path, "--select", "JF012").exit_code == 0
