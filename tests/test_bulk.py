"""Bulk runs over a bench: apps in parallel with the same result as one by one, a failing app
reported while the others finish, git safety, one commit per app, and the sites to migrate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobfix.codemods.engine import runner
from jobfix.codemods.index.bench import migrate_lines
from jobfix.codemods.engine.runner import map_units
from helpers import CONTROLLER, GIT_ENV, HEAVY_HOOKS, TASKS, make_app, run_cli, tree_digest

SELECT = ("--select", "JF008,JF012")


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def make_bench(root: Path, apps: int = 20) -> Path:
    """A bench of small apps: every third app has a heavy daily task (JF008, a hooks.py change),
    every app one or two JF012; app07's hooks.py is broken and app13 has a file that is not UTF-8."""
    bench = root / "frappe-bench"
    names = [f"app{i:02d}" for i in range(apps)]
    for i, name in enumerate(names):
        files = {"tasks.py": TASKS, "order.py": CONTROLLER.format(cls="Order", app=name)}
        if i % 2:
            files["invoice.py"] = CONTROLLER.format(cls="Invoice", app=name)
        if i % 3 == 0:
            files["hooks.py"] = HEAVY_HOOKS.format(app=name)
        if name == "app07":
            files["hooks.py"] = "app_name = 'app07'\nscheduler_events = {\n"
        if name == "app13":
            files["legacy.py"] = b"# coding: ascii\nname = '\xe9'\n"
        make_app(bench / "apps", files, name=name)
    for site in ("one.localhost", "two.localhost"):
        (bench / "sites" / site).mkdir(parents=True)
        (bench / "sites" / site / "site_config.json").write_text("{}")
    (bench / "sites" / "assets").mkdir()  # not a site: no site_config.json
    (bench / "sites" / "apps.txt").write_text("frappe\n" + "\n".join(n for n in names if n != "app18") + "\n")
    return bench


@pytest.fixture
def bench(tmp_path):
    return make_bench(tmp_path)


def test_jobs_1_and_jobs_2_give_the_same_result(tmp_path, monkeypatch):
    first = make_bench(tmp_path / "a")
    second = make_bench(tmp_path / "b")
    monkeypatch.chdir(first)
    one = run_cli("fix", "apps", "--jobs", "1", *SELECT)
    monkeypatch.chdir(second)
    two = run_cli("fix", "apps", "--jobs", "2", *SELECT)
    assert tree_digest(first) == tree_digest(second)
    assert one.stdout == two.stdout
    assert one.exit_code == two.exit_code == 1  # app07 and app13 keep their JF000 findings
    assert "Fixed 37 findings in 37 files (JF008 ×7, JF012 ×30)." in one.stdout
    assert 'frappe.enqueue("app05.tasks.push", name=self.name, enqueue_after_commit=True)' in (
        second / "apps/app05/app05/invoice.py").read_text()


def test_the_pool_really_runs_apps_in_other_processes(bench, tmp_path, monkeypatch):
    seen = tmp_path / "pids"
    real = runner.analyse

    def recording(unit, *args, **kwargs):
        with open(seen, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(unit, *args, **kwargs)

    monkeypatch.setattr(runner, "analyse", recording)  # workers are forked: they inherit the patch
    run_cli("fix", bench / "apps", "--dry-run", "--jobs", "2", *SELECT)
    pids = set(seen.read_text().split())
    assert len(pids) == 2 and str(os.getpid()) not in pids
    seen.unlink()
    run_cli("fix", bench / "apps", "--dry-run", "--jobs", "1", *SELECT)
    assert set(seen.read_text().split()) == {str(os.getpid())}
    seen.unlink()
    make_app(tmp_path / "small", {"order.py": CONTROLLER.format(cls="Order", app="myapp")})
    make_app(tmp_path / "small", {"order.py": CONTROLLER.format(cls="Order", app="other")}, name="other")
    run_cli("fix", tmp_path / "small", "--dry-run", *SELECT)  # two tiny apps, no --jobs: no pool
    assert set(seen.read_text().split()) == {str(os.getpid())}


def test_table_and_plain_progress_lines(bench, monkeypatch):
    monkeypatch.chdir(bench)
    result = run_cli("fix", "apps", "--dry-run", "--jobs", "2", *SELECT)
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 20 and {line.split("] ")[0] for line in progress} == {f"[{i}/20" for i in range(1, 21)}
    assert "] app07: 3 findings, 1 error\n" in result.stderr and "] app16: 1 finding\n" in result.stderr
    table = result.stdout[result.stdout.index("App "):]
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.strip().startswith("app")}
    assert rows["app00"] == ["app00", "4", "JF008", "×1,", "JF012", "×1", "2", "0", "0"]
    assert rows["app07"] == ["app07", "5", "JF012", "×2", "2", "0", "1"]  # broken hooks.py: one error
    assert rows["app13"] == ["app13", "6", "JF012", "×2", "2", "0", "1"]  # a file it cannot read
    total = next(line.split() for line in table.splitlines() if line.strip().startswith("Total"))
    assert total[:2] == ["Total", str(sum(int(r[1]) for r in rows.values()))] and total[-3:] == ["37", "0", "2"]
    assert "Would fix 37 findings in 37 files (JF008 ×7, JF012 ×30)." in result.stdout
    assert result.exit_code == 1


def test_next_steps_name_the_sites_to_migrate(bench, monkeypatch):
    monkeypatch.chdir(bench)
    result = run_cli("fix", "apps", *SELECT)
    steps = result.stdout[result.stdout.index("Next step"):].splitlines()
    assert steps == [
        "Next step: scheduler_events reach the sites only through a migrate:",
        "  hooks.py of app00, app03, app06, app09, app12, app15 changed: in this bench, run for each of its sites that has it installed:",
        "    bench --site one.localhost migrate",
        "    bench --site two.localhost migrate",
        "  hooks.py of app18 changed: not in sites/apps.txt, so no site has it; nothing to migrate",
    ]


def test_migrate_lines_without_a_bench_or_without_sites(tmp_path):
    loose = make_app(tmp_path / "loose", {})
    assert migrate_lines([loose / "hooks.py"]) == [
        "Next step: scheduler_events reach the sites only through a migrate:",
        "  hooks.py of myapp changed: in each bench that has it, run `bench --site all migrate`",
    ]
    empty = tmp_path / "bench"
    package = make_app(empty / "apps", {})
    (empty / "sites").mkdir()
    assert migrate_lines([package / "hooks.py"])[1] == f"  hooks.py of myapp changed: the bench {empty} has no sites yet; nothing to migrate"


def test_one_failing_app_is_reported_and_the_others_finish(bench, monkeypatch):
    real = runner.analyse

    def explode_on_app04(unit, *args, **kwargs):
        if unit.name == "app04":
            raise RuntimeError("simulated crash")
        return real(unit, *args, **kwargs)

    monkeypatch.setattr(runner, "analyse", explode_on_app04)
    monkeypatch.chdir(bench)
    result = run_cli("fix", "apps", "--jobs", "2", *SELECT)
    assert "error: app04: RuntimeError: simulated crash" in result.stderr
    assert result.exit_code == 2
    assert "enqueue_after_commit=True" not in (bench / "apps/app04/app04/order.py").read_text()
    for other in ("app03", "app05", "app19"):
        assert "enqueue_after_commit=True" in (bench / f"apps/{other}/app{other[3:]}/order.py").read_text()


def _die_on_three(item: int) -> int:
    if item == 3:
        os._exit(1)  # a worker killed outright (a crash in C code, the OOM killer)
    return item * 10


def test_a_dead_worker_fails_only_its_own_item():
    results = map_units(_die_on_three, list(range(8)), jobs=2, on_crash=lambda item, exc: -1)
    assert results == [0, 10, 20, -1, 40, 50, 60, 70]


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def init_repo(folder: Path) -> None:
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "initial")


def test_refuses_to_write_into_dirty_git_apps_unless_allowed(bench, monkeypatch):
    for name in ("app01", "app02", "app03"):
        init_repo(bench / "apps" / name)
    (bench / "apps/app02/app02/order.py").write_text((bench / "apps/app02/app02/order.py").read_text() + "# wip\n")
    (bench / "apps/app03/notes.txt").write_text("untracked\n")
    before = tree_digest(bench)
    monkeypatch.chdir(bench)
    refused = run_cli("fix", "apps", *SELECT)
    assert refused.exit_code == 2
    message = refused.output.replace("\n", " ")
    assert "uncommitted changes in 2 apps" in message
    assert f"{bench}/apps/app02 ( M app02/order.py)" in message and f"{bench}/apps/app03 (?? notes.txt)" in message
    assert "app01" not in message and "--allow-dirty" in message
    assert tree_digest(bench) == before
    assert run_cli("fix", "apps", "--dry-run", *SELECT).exit_code == 1  # previews write nothing: allowed
    allowed = run_cli("fix", "apps", "--allow-dirty", *SELECT)
    assert allowed.exit_code == 1 and "enqueue_after_commit=True" in (bench / "apps/app02/app02/order.py").read_text()


def test_commit_makes_one_commit_per_changed_app(tmp_path, monkeypatch):
    bench = make_bench(tmp_path, apps=4)
    for name in ("app00", "app01", "app02", "app03"):
        init_repo(bench / "apps" / name)
    monkeypatch.chdir(bench)
    result = run_cli("fix", "apps", "--commit", *SELECT)
    assert result.exit_code == 0, result.output
    assert git(bench / "apps/app00", "log", "-1", "--format=%B").strip() == (
        "jobfix: fix 2 findings in app00\n\nJF008 long-task-in-short-event: 1\nJF012 enqueue-after-commit: 1"
    )
    assert git(bench / "apps/app01", "log", "-1", "--format=%B").strip() == (
        "jobfix: fix 2 findings in app01\n\nJF012 enqueue-after-commit: 2"
    )
    for name in ("app00", "app01", "app02", "app03"):
        assert git(bench / "apps" / name, "status", "--porcelain") == ""
        assert git(bench / "apps" / name, "rev-list", "--count", "HEAD").strip() == "2"
        assert f"Committed {name} as " in result.stdout
    again = run_cli("fix", "apps", "--commit", *SELECT)  # nothing to fix: no empty commits
    assert git(bench / "apps/app00", "rev-list", "--count", "HEAD").strip() == "2" and again.exit_code == 0


def test_diff_and_check_on_a_bench(bench, tmp_path, monkeypatch):
    monkeypatch.chdir(bench)
    before = tree_digest(bench)
    one = run_cli("fix", "apps", "--diff", "--jobs", "1", *SELECT)
    two = run_cli("fix", "apps", "--diff", "--jobs", "2", *SELECT)
    assert one.stdout == two.stdout and one.stdout.startswith("--- a/apps/app00/app00/hooks.py\n")
    assert one.stdout.count("+++ b/") == 37
    checked = run_cli("check", "apps", *SELECT)
    assert checked.exit_code == 1 and "Found 39 findings." in checked.stdout
    assert tree_digest(bench) == before
    subprocess.run(["git", "apply"], input=one.stdout.encode(), check=True)
    fixed = make_bench(tmp_path / "fixed")
    run_cli("fix", fixed / "apps", *SELECT)
    assert tree_digest(bench) == tree_digest(fixed)


def test_progress_bar_on_a_terminal(bench):
    import pexpect

    child = pexpect.spawn(
        sys.executable, ["-m", "jobfix", "fix", "apps", "--dry-run", "--jobs", "2", *SELECT],
        cwd=str(bench), encoding="utf-8", timeout=60, dimensions=(40, 140), env=dict(os.environ, TERM="xterm"),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert "━" in child.before and "20/20" in child.before  # rich's bar, drawn to the end
    assert "Would fix 37 findings in 37 files" in child.before and child.exitstatus == 1


INTERRUPTED_RUN = """
import sys, time
from pathlib import Path
from jobfix.codemods.engine.runner import map_units

log = Path(sys.argv[1])

def work(item):
    with log.open("a") as handle:
        handle.write(f"start {item}\\n")
    time.sleep(1.5)
    with log.open("a") as handle:
        handle.write(f"end {item}\\n")
    return item

if __name__ == "__main__":
    print("running", flush=True)
    try:
        map_units(work, list(range(8)), jobs=2, on_crash=lambda item, exc: None)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""


def test_ctrl_c_lets_running_items_finish_and_starts_no_other(tmp_path):
    import pexpect

    script = tmp_path / "run.py"
    script.write_text(INTERRUPTED_RUN)
    log = tmp_path / "log"
    child = pexpect.spawn(sys.executable, [str(script), str(log)], encoding="utf-8", timeout=60)
    child.expect_exact("running")
    deadline = time.monotonic() + 30
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    child.sendintr()  # Ctrl-C: SIGINT to the whole foreground process group, workers included
    child.expect_exact("interrupted")
    child.expect(pexpect.EOF)
    lines = log.read_text().splitlines()
    started = {line.split()[1] for line in lines if line.startswith("start")}
    ended = {line.split()[1] for line in lines if line.startswith("end")}
    assert started == ended  # nothing was cut off half way
    assert 1 <= len(started) <= 2  # and nothing new started after the interrupt


@pytest.mark.slow
def test_sarif_proposes_the_same_fixes_in_one_process_or_many(bench, monkeypatch):
    """The run plans each finding's fix where it analysed it, so what SARIF proposes does not
    depend on whether the edits could cross a process boundary."""
    monkeypatch.chdir(bench)
    one = run_cli("check", "apps", "--format", "sarif", "--jobs", "1", *SELECT)
    two = run_cli("check", "apps", "--format", "sarif", "--jobs", "2", *SELECT)
    assert one.stdout == two.stdout
    results = json.loads(one.stdout)["runs"][0]["results"]
    fixable = [r for r in results if r["ruleId"] in ("JF008", "JF012")]
    assert fixable and all(r.get("fixes") for r in fixable)
