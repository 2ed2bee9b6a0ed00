"""Small builders of Frappe apps on disk for tests."""

from __future__ import annotations

import os

import hashlib
import shutil
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from jobfix.cli import app as cli_app

EXAMPLE_APP = Path(__file__).resolve().parent.parent / "examples" / "legacy_app"


def make_app(root: Path, files: dict[str, str | bytes], name: str = "myapp") -> Path:
    """An app ``root/<name>/<name>/`` with the given files (paths inside the package)."""
    package = root / name / name
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "modules.txt").write_text("My App\n")
    if "hooks.py" not in files:
        (package / "hooks.py").write_text(f'app_name = "{name}"\n')
    for rel, content in files.items():
        path = package / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content))
    return package


def copy_example(tmp_path: Path) -> Path:
    target = tmp_path / "legacy_app"
    shutil.copytree(EXAMPLE_APP, target)
    return target


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run_cli(*args: str):
    return CliRunner().invoke(cli_app, [str(a) for a in args], catch_exceptions=False)


# A small app with a document event that enqueues (JF012) and a heavy daily task (JF008), and a
# git identity that no user setting changes: shared by the bench tests.
CONTROLLER = """\
import frappe
from frappe.model.document import Document


class {cls}(Document):
    def on_submit(self):
        frappe.enqueue("{app}.tasks.push", name=self.name)
"""
HEAVY_HOOKS = """\
app_name = "{app}"

scheduler_events = {{
    "daily": ["{app}.tasks.rebuild"],
}}
"""
TASKS = """\
import frappe


def push(name):
    pass


def rebuild():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
"""
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
