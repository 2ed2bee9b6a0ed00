"""What each command loads: the small commands start without the engine, a check never loads
LibCST (only a fix needs it), neither when it finds fixable findings nor when it reads them back
from the cache. Read from ``python -X importtime``, which lists every module a process imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import EXAMPLE_APP

HEAVY = ("libcst", "jinja2", "jobfix.codemods.engine.runner", "jobfix.codemods.engine.analysis")


def imported(*args: str, cache=None) -> tuple[set[str], str]:
    """The modules ``jobfix ARGS`` imported, and what it printed."""
    env = dict(os.environ, NO_COLOR="1", JOBFIX_CACHE_DIR=str(cache or "/nonexistent"))
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "jobfix", *args], capture_output=True, text=True, env=env)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return modules - {"package"}, done.stdout  # "package": the header line of -X importtime


def loaded(modules: set[str], *names: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in names or any(m == n or m.startswith(n + ".") for n in names)}


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("rules",), ("explain", "JF012"), ("check", "--help")])
def test_the_small_commands_load_neither_the_engine_nor_libcst(args):
    modules, output = imported(*args)
    assert output.strip()
    assert {"jobfix.cli", "jobfix.rule_commands"} & modules  # the probe sees jobfix's own imports
    assert loaded(modules, *HEAVY) == set()


@pytest.mark.parametrize("args", [("rules",), ("rules", "--format", "json"), ("explain", "JF012"), ("explain", "JF012", "--format", "json")])
def test_rules_and_explain_start_without_typer(args):
    """``jobfix`` answers them before it loads typer (jobfix/rule_commands.py)."""
    modules, output = imported(*args)
    assert output.strip()
    assert "jobfix.rule_commands" in modules
    assert loaded(modules, "typer", "click", "jobfix.cli") == set()
    assert ("rich" in {m.split(".")[0] for m in modules}) == (args == ("rules",))  # only the table needs it
    # the rules import their fix helpers where they build a fix, and the app index where they read it
    assert loaded(modules, "jobfix.codemods.transforms._kit.hooks_edit", "jobfix.codemods.index.app") == set()


COMMAND_LINES = [
    ("rules",), ("rules", "--format", "json"), ("rules", "--format", "markdown"), ("rules", "--format", "JSON"),
    ("rules", "-h"), ("rules", "extra"), ("explain", "JF012"), ("explain", "enqueue-after-commit"),
    ("explain", "JF012", "--format", "json"), ("explain", "jf012", "--format", "markdown"), ("explain", "nope"),
    ("explain",), ("explain", "--format", "json", "JF012"), ("explain", "JF012", "JF013"),
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_what_is_answered_without_typer_is_what_typer_answers(args):
    """Same output, errors and exit code with and without the typer-free start (jobfix.cli.main is
    typer's); the command lines it does not answer go to typer."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    quick = subprocess.run([sys.executable, "-m", "jobfix", *args], capture_output=True, text=True, env=env)
    typer = subprocess.run([sys.executable, "-c", "from jobfix.cli import main; main()", *args], capture_output=True,
                           text=True, env=env)
    said = (quick.stdout + quick.stderr).replace("Usage: python -m jobfix ", "Usage: PROG ")
    assert (said, quick.returncode) == ((typer.stdout + typer.stderr).replace("Usage: -c ", "Usage: PROG "), typer.returncode)
    assert quick.returncode in (0, 2)


def test_the_formats_answered_without_typer_are_the_commands_formats():
    from jobfix.cli import DocFormat
    from jobfix.rule_commands import FORMATS

    assert FORMATS == tuple(f.value for f in DocFormat)


def test_help_and_version_load_no_rule(tmp_path):
    for args in (("--help",), ("--version",)):
        modules, _ = imported(*args)
        assert loaded(modules, "jobfix.codemods.transforms", "rich") == set()


def test_a_check_never_loads_libcst_even_with_fixable_findings_read_back_from_the_cache(tmp_path):
    cold, cold_output = imported("check", "--format", "json", str(EXAMPLE_APP), cache=tmp_path)
    warm, warm_output = imported("check", "--format", "json", str(EXAMPLE_APP), cache=tmp_path)
    findings = json.loads(cold_output)
    assert any(f["fix"] for f in findings)  # fixes were found (and cached), with the node each edits
    assert json.loads(warm_output) == findings
    assert list(tmp_path.rglob("*")), "the first run filled the cache"
    assert loaded(cold, "libcst") == set()
    assert loaded(warm, "libcst") == set()


def test_a_fix_does_load_libcst(tmp_path):
    """The probe would see LibCST if it were loaded: a fix needs it."""
    modules, diff = imported("fix", "--diff", str(EXAMPLE_APP), cache=tmp_path)
    assert diff.startswith("---")
    assert "libcst" in modules


def _modules_at_exit(*args: str, cache) -> set[str]:
    """Every module ``jobfix ARGS`` had loaded when it exited (``-X importtime`` misses the rules:
    ``importlib.import_module`` is not timed)."""
    probe = ("import atexit, json, sys\n"
             "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
             "from jobfix.__main__ import main\nsys.argv[0] = 'jobfix'\nmain()\n")
    env = dict(os.environ, NO_COLOR="1", JOBFIX_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return set(json.loads(done.stderr.splitlines()[-1]))


def test_a_warm_check_starts_without_typer_and_imports_no_rule(tmp_path):
    """The plain check command lines are answered before typer loads (jobfix/check_command.py), and
    a check answered from the cache reads findings without importing the rules behind their fixes."""
    from helpers import copy_example
    from jobfix.codemods.transforms import all_transforms

    app = copy_example(tmp_path)
    (app / "pyproject.toml").unlink()  # its [tool.jobfix] options are checked against the rules' own
    rules = {type(t).__module__ for t in all_transforms()} | {"jobfix.codemods.transforms._kit.cst"}
    cold = _modules_at_exit("check", str(app), cache=tmp_path / "cache")
    warm = _modules_at_exit("check", str(app), cache=tmp_path / "cache")
    assert "jobfix.check_command" in cold and loaded(cold | warm, "typer", "click", "jobfix.cli") == set()
    assert rules <= cold  # the probe sees the rules where they run
    assert not rules & warm


CHECK_LINES = [
    ("check", "{app}"), ("check", "{app}", "--format", "json"), ("check", "{app}", "--output-format=github"),
    ("check", "{app}", "--select", "JF012,JF005", "--statistics"), ("check", "{app}", "--statistics", "--format", "sarif"),
    ("check", "{app}", "--select", "JF999"), ("check", "{app}/nothing-here"), ("check", "{app}", "-q", "--exit-zero", "--no-cache"),
    ("check", "{app}", "--show-fixes", "--ignore=JF012"), ("check", "{app}", "--show-suppressed", "--warn-unused-ignores"),
    ("check", "{app}", "--include-upstream", "--extend-select", "JF1"), ("check", "{app}", "--format", "xml"),
    ("check", "{app}", "--select"), ("check", "{app}", "--no-cache", "--no-cache"), ("check", "{app}", "--select", "--no-cache"),
    ("check", "--statistics", "--format", "json", "{app}/legacy_app/tasks.py"), ("check",), ("check", "{app}", "--no-cache=1"),
]


@pytest.mark.parametrize("args", CHECK_LINES, ids=" ".join)
def test_a_check_answered_without_typer_is_what_typer_answers(args, tmp_path):
    """Same output, errors and exit code with and without the typer-free start, run in the example
    app's folder (``check`` alone checks it); the command lines it does not answer go to typer."""
    from helpers import copy_example

    app = copy_example(tmp_path)
    args = [a.replace("{app}", str(app)) for a in args]
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", JOBFIX_CACHE_DIR=str(tmp_path / "cache"))
    quick = subprocess.run([sys.executable, "-m", "jobfix", *args], capture_output=True, text=True, env=env, cwd=app)
    typer = subprocess.run([sys.executable, "-c", "from jobfix.cli import main; main()", *args], capture_output=True,
                           text=True, env=env, cwd=app)
    said = (quick.stdout + quick.stderr).replace("Usage: python -m jobfix ", "Usage: PROG ")
    assert (said, quick.returncode) == ((typer.stdout + typer.stderr).replace("Usage: -c ", "Usage: PROG "), typer.returncode)
    assert quick.returncode in (0, 1, 2)
