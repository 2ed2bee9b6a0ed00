"""A bench run touches only the user's apps, commits only what jobfix wrote, reads each app's own
configuration whatever the order of the paths, and says when a path holds nothing to check.
Real git repositories in temporary folders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import CONTROLLER, GIT_ENV, HEAVY_HOOKS, TASKS, make_app, run_cli, tree_digest

pytestmark = pytest.mark.slow  # real git repositories


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def app(apps: Path, name: str, remote: str | None = None) -> Path:
    """An app with a JF012 and a JF008 (opt-in: see ``select_jf008``), in its own git repository
    (with ``remote`` as origin)."""
    package = make_app(apps, {"hooks.py": HEAVY_HOOKS.format(app=name), "tasks.py": TASKS, "order.py": CONTROLLER.format(cls="Order", app=name)}, name=name)
    git(package.parent, "init", "-q")
    git(package.parent, "add", "-A")
    git(package.parent, "commit", "-q", "-m", "initial")
    if remote:
        git(package.parent, "remote", "add", "origin", remote)
    return package


@pytest.fixture
def bench(tmp_path):
    apps = tmp_path / "frappe-bench" / "apps"
    app(apps, "frappe", "https://github.com/frappe/frappe.git")
    app(apps, "erpnext", "git@github.com:frappe/erpnext.git")
    app(apps, "beta", "https://github.com/someone/beta")
    app(apps, "gamma")
    return apps


def fixed(apps: Path, name: str) -> bool:
    return "enqueue_after_commit=True" in (apps / name / name / "order.py").read_text()


# -- only the user's apps change ------------------------------------------------------------------


def test_frappe_and_upstream_apps_stay_byte_identical_and_are_listed_as_skipped(bench):
    upstream = {name: tree_digest(bench / name) for name in ("frappe", "erpnext")}
    result = run_cli("fix", bench)
    assert {name: tree_digest(bench / name) for name in ("frappe", "erpnext")} == upstream
    assert fixed(bench, "beta") and fixed(bench, "gamma")
    assert "skipped erpnext: an upstream app, checked out from git@github.com:frappe/erpnext.git" in result.output
    assert "skipped frappe: frappe itself" in result.output
    assert git(bench / "frappe", "status", "--porcelain") == git(bench / "erpnext", "status", "--porcelain") == ""


def test_check_follows_the_same_selection(bench):
    checked = run_cli("check", bench)
    assert "apps/beta/" in checked.output and "apps/gamma/" in checked.output
    assert "apps/erpnext/erpnext/" not in checked.output and "apps/frappe/frappe/" not in checked.output
    everything = run_cli("check", bench, "--include-upstream")
    assert "apps/erpnext/erpnext/" in everything.output and "apps/frappe/frappe/" in everything.output


def test_include_upstream_brings_upstream_apps_back_but_never_frappe(bench):
    before = tree_digest(bench / "frappe")
    result = run_cli("fix", bench, "--include-upstream")
    assert fixed(bench, "erpnext") and tree_digest(bench / "frappe") == before
    assert "skipped frappe: frappe itself is never changed" in result.output


def test_app_and_exclude_app_choose_apps(bench):
    run_cli("fix", bench, "--app", "beta")
    assert fixed(bench, "beta") and not fixed(bench, "gamma")
    run_cli("fix", bench, "--exclude-app", "gamma", "--allow-dirty")
    assert not fixed(bench, "gamma")
    unknown = run_cli("fix", bench, "--app", "nosuch")
    assert unknown.exit_code == 2 and unknown.output.startswith("error: no app named nosuch")


def test_upstream_remotes_from_configuration(bench):
    (bench.parent / "pyproject.toml").write_text('[tool.jobfix]\nupstream-remotes = ["https://github.com/someone/*"]\n')
    before = tree_digest(bench / "beta")
    result = run_cli("fix", bench)
    assert tree_digest(bench / "beta") == before and fixed(bench, "gamma")
    assert "skipped beta: an upstream app, checked out from https://github.com/someone/beta" in result.output


def test_an_upstream_app_named_by_its_own_path_is_taken(bench):
    run_cli("fix", bench / "erpnext")
    assert fixed(bench, "erpnext")


# -- --commit commits only what jobfix wrote ---------------------------------------------------


def select_jf008(app_root: Path) -> None:
    """JF008 is opt-in (issue 14): the app's own pyproject selects it, committed."""
    (app_root / "pyproject.toml").write_text('[tool.jobfix]\nextend-select = ["JF008"]\n')
    git(app_root, "add", "-A")
    git(app_root, "commit", "-q", "-m", "select JF008")


def test_a_dirty_line_never_reaches_a_commit(bench):
    select_jf008(bench / "beta")
    order = bench / "beta" / "beta" / "order.py"
    order.write_text(order.read_text() + "# my own work in progress\n")
    result = run_cli("fix", bench / "beta", "--commit", "--allow-dirty")
    assert result.exit_code == 2
    assert "order.py not committed: it had uncommitted changes before the run" in result.output
    committed = git(bench / "beta", "show", "HEAD", "--format=%B")
    assert "my own work in progress" not in committed
    assert "beta/hooks.py" in committed and "beta/order.py" not in committed  # JF008's change is committed
    assert "# my own work in progress" in order.read_text()  # and the user's line is still there, uncommitted
    assert git(bench / "beta", "status", "--porcelain").split() == ["M", "beta/order.py"]


def test_commit_checks_git_before_writing_anything(tmp_path):
    package = make_app(tmp_path, {"order.py": CONTROLLER.format(cls="Order", app="myapp")})
    before = tree_digest(tmp_path)
    result = run_cli("fix", package.parent, "--commit")
    assert result.exit_code == 2 and "is not in a git work tree; --commit needs one" in result.output
    assert tree_digest(tmp_path) == before


def test_commit_message_counts_a_fix_once(bench):
    select_jf008(bench / "gamma")
    run_cli("fix", bench / "gamma", "--commit")
    message = git(bench / "gamma", "log", "-1", "--format=%B").strip()
    assert message.splitlines()[0] == "jobfix: fix 2 findings in gamma"


# -- each app reads its own configuration -------------------------------------------------------


def test_two_apps_with_different_configuration_give_the_same_results_in_either_order(tmp_path):
    apps = tmp_path / "apps"
    for name, select in (("one", "JF012"), ("two", "JF008")):
        package = make_app(apps, {"hooks.py": HEAVY_HOOKS.format(app=name), "tasks.py": TASKS, "order.py": CONTROLLER.format(cls="Order", app=name)}, name=name)
        (package.parent / "pyproject.toml").write_text(f'[tool.jobfix]\nselect = ["{select}"]\n')
    forward = run_cli("check", apps / "one", apps / "two")
    backward = run_cli("check", apps / "two", apps / "one")
    assert forward.output == backward.output
    codes = [(line.split("/")[-3], line.split(": ")[1].split()[0]) for line in forward.output.splitlines() if ": JF" in line]
    assert codes == [("one", "JF012"), ("two", "JF008")]


# -- nothing checked is said -------------------------------------------------------------------


def test_an_empty_folder_says_nothing_was_checked(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("check", tmp_path / "empty")
    assert result.exit_code == 0
    assert "no Frappe app and no Python file found, nothing checked" in result.output
    assert "All checks passed!" not in result.output


def test_a_folder_without_an_app_says_so(tmp_path):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "tool.py").write_text("print('hi')\n")
    result = run_cli("check", tmp_path / "scripts")
    assert "no Frappe app found, its Python files were checked on their own" in result.output
