"""The target Frappe version (--frappe-version > [tool.jobfix] > the app's files > 15), what each
version offers, and the bench's worker timeouts: read from files, never by running them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jobfix.codemods.engine.config import Config, load_config
from jobfix.codemods.engine.analysis import target_version
from jobfix.codemods.engine.model import Unit
from jobfix.codemods.index.frappe_api import FrappeTarget, queue_timeouts
from jobfix.codemods.index.frappe_version import bench_worker_timeouts, detect
from helpers import make_app, run_cli

ENDPOINT = """\
import frappe


@frappe.whitelist()
def start(group):
    frappe.enqueue("myapp.api.export", group=group)


def export(group):
    pass
"""


def bench_app(tmp_path: Path, pyproject: str | None = None, bench_version: str | None = None) -> Path:
    """``tmp_path/apps/myapp/myapp``, optionally with the app's pyproject.toml and a frappe app beside it."""
    package = make_app(tmp_path / "apps", {"api.py": ENDPOINT})
    if pyproject is not None:
        (package.parent / "pyproject.toml").write_text(pyproject)
    if bench_version is not None:
        frappe_init = tmp_path / "apps" / "frappe" / "frappe" / "__init__.py"
        frappe_init.parent.mkdir(parents=True)
        frappe_init.write_text(f'import os\n\n__version__ = "{bench_version}"\n__title__ = "Frappe Framework"\n')
    return package


def frappe_dependency(spec: str) -> str:
    return f'[project]\nname = "myapp"\n\n[tool.bench.frappe-dependencies]\nfrappe = "{spec}"\n'


# -- FrappeTarget --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "version", "shown"),
    [("15", (15, 999, 999), "v15"), ("v13", (13, 999, 999), "v13"), ("14.36.1", (14, 36, 1), "v14.36.1"), (16, (16, 999, 999), "v16")],
)
def test_parse(text, version, shown):
    target = FrappeTarget.parse(text)
    assert target.version == version and str(target) == shown


@pytest.mark.parametrize("text", ["12", "17", "fifteen", "", "15.x"])
def test_parse_refuses_what_it_does_not_know(text):
    with pytest.raises(ValueError, match="unsupported Frappe version"):
        FrappeTarget.parse(text)


def test_a_major_means_its_latest_release_an_exact_version_means_itself():
    assert FrappeTarget.parse("14").has("job_id")  # 14.36.1 and later have it (frappe-api.md §2)
    assert not FrappeTarget.parse("14.36.0").has("job_id")
    assert FrappeTarget.parse("14.36.1").has("is_job_enqueued")
    assert not FrappeTarget.parse("14").has("deduplicate")  # v15.0.0
    assert FrappeTarget.parse("15.0.0").has("deduplicate")
    assert not FrappeTarget.parse("13.17.0").has("savepoints") and FrappeTarget.parse("13").has("savepoints")


def test_lacks_says_what_is_missing_since_when_and_the_target():
    why = FrappeTarget.parse("13").lacks("job_id")
    assert why == "enqueue(job_id=...) needs Frappe 14.36.1 or later; the target is v13"


def test_maintenance_keys_follow_the_v15_backport():
    """frappe-api.md §4: absent in 15.54.1, present in 15.72.4 and in v16."""
    assert "hourly_maintenance" not in FrappeTarget.parse("15.54.1").scheduler_keys
    assert "daily_maintenance" in FrappeTarget.parse("15").scheduler_keys
    assert "hourly_maintenance" in FrappeTarget.parse("16").scheduler_keys
    assert "hourly_maintenance" not in FrappeTarget.parse("14").scheduler_keys


def test_queue_timeouts_later_overrides_win():
    assert queue_timeouts() == {"short": 300, "default": 300, "long": 1500}
    merged = queue_timeouts({"default": 600, "reports": 3600}, {"default": 900})
    assert merged == {"short": 300, "default": 900, "long": 1500, "reports": 3600}


# -- reading the version from the app --------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (">=15.0.0,<16.0.0", "v15"),
        ("~=14.0", "v14"),
        (">=16.0.0-dev,<17.0.0", "v16"),
        ("^13.40.0", "v13"),
        (">=17.0.0-dev", "v16"),  # a newer develop reads as the newest version jobfix knows
    ],
)
def test_detect_from_frappe_dependencies(tmp_path, spec, expected):
    package = bench_app(tmp_path, frappe_dependency(spec))
    assert str(detect(package)) == expected


@pytest.mark.parametrize("header", ['[tool.bench."frappe-dependencies"]', '[tool.bench."\\u0066rappe-dependencies"]'])
def test_detect_however_the_key_is_written(tmp_path, header):
    """A pyproject.toml without the key's name is not parsed, unless an escape can spell it."""
    assert str(detect(bench_app(tmp_path, f'{header}\nfrappe = ">=14.0.0"\n'))) == "v14"


@pytest.mark.parametrize(
    "pyproject",
    [
        frappe_dependency("<16.0.0"),  # no lower bound
        frappe_dependency(">=12.0.0"),  # older than any supported version
        '[project]\nname = "myapp"\n',
        "[tool.bench.frappe-dependencies\nfrappe = ",  # not TOML
        '[tool.bench]\nfrappe-dependencies = "frappe>=15"\n',  # not a table
    ],
)
def test_detect_without_a_usable_dependency_gives_nothing(tmp_path, pyproject):
    assert detect(bench_app(tmp_path, pyproject)) is None


@pytest.mark.parametrize(
    ("version", "expected"),
    [("14.36.1", "v14.36.1"), ("16.0.0-dev", "v16.0.0"), ("17.0.0-dev", "v16"), ("13", "v13"), ("11.1.0", None), ("unknown", None)],
)
def test_detect_from_the_bench_frappe_version(tmp_path, version, expected):
    package = bench_app(tmp_path, bench_version=version)
    found = detect(package)
    assert (str(found) if found else None) == expected


def test_the_apps_declaration_comes_before_the_bench(tmp_path):
    package = bench_app(tmp_path, frappe_dependency(">=13.0.0,<14.0.0"), bench_version="15.44.2")
    assert str(detect(package)) == "v13"


def test_the_bench_frappe_is_read_not_run(tmp_path):
    package = bench_app(tmp_path, bench_version="15.1.0")
    init = tmp_path / "apps" / "frappe" / "frappe" / "__init__.py"
    marker = tmp_path / "ran"
    init.write_text(f'open({str(marker)!r}, "w").close()\n__version__ = "15.1.0"\n')
    assert str(detect(package)) == "v15.1.0" and not marker.exists()


@pytest.mark.parametrize(
    ("init", "expected"),
    [
        ('"""How to pin:\n__version__ = "13.0.0"\n"""\n__version__ = "15.2.0"\n', "v15.2.0"),  # a line inside a string
        ('__version__ = get_version()\n__version__ = "14.3.0"\n', "v14.3.0"),  # not a constant: the next one
        ('__version__ = ("15.1.0"\n    )\n', "v15.1.0"),  # the statement goes on past its first line
        ('import os\n\n__version__ = "16.0.0-dev"\n' + "def f():\n    pass\n" * 2000, "v16.0.0"),
    ],
)
def test_the_bench_frappe_version_is_the_first_version_statement_of_the_file(tmp_path, init, expected):
    """Only the head of the file is parsed when it holds the statement; the answer is the whole file's."""
    package = bench_app(tmp_path, bench_version="13.0.0")
    (tmp_path / "apps" / "frappe" / "frappe" / "__init__.py").write_text(init)
    assert str(detect(package)) == expected


def test_a_changed_bench_frappe_version_is_read_again(tmp_path):
    package = bench_app(tmp_path, bench_version="14.0.0")
    assert str(detect(package)) == "v14.0.0"
    init = tmp_path / "apps" / "frappe" / "frappe" / "__init__.py"
    init.write_text(init.read_text().replace('"14.0.0"', '"15.10.0"'))
    assert str(detect(package)) == "v15.10.0"


# -- precedence: --frappe-version > [tool.jobfix] > the app > 15 ------------------------------------


def test_each_step_of_the_precedence(tmp_path):
    package = bench_app(tmp_path, frappe_dependency(">=13.0.0,<14.0.0"), bench_version="14.40.0")
    unit = Unit(package, [package / "api.py"])
    assert str(target_version(Config(), unit)) == "v13"  # the app's pyproject
    (package.parent / "pyproject.toml").unlink()
    assert str(target_version(Config(), unit)) == "v14.40.0"  # the bench's frappe
    (tmp_path / "apps" / "frappe" / "frappe" / "__init__.py").unlink()
    assert str(target_version(Config(), unit)) == "v15"  # the default
    assert str(target_version(Config(frappe_version=FrappeTarget.parse("16")), unit)) == "v16"  # configured
    loose = Unit(tmp_path, [package / "api.py"], is_app=False)
    assert str(target_version(Config(), loose)) == "v15"


def test_config_key_is_read_and_checked(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.jobfix]\nfrappe-version = "14.36.1"\n')
    assert load_config(tmp_path).frappe_version == FrappeTarget.parse("14.36.1")
    (tmp_path / "pyproject.toml").write_text("[tool.jobfix]\nfrappe-version = 12\n")
    result = run_cli("check", tmp_path)
    assert result.exit_code == 2 and "frappe-version" in result.output and "Traceback" not in result.output


def fixed_text(package: Path, *options: str) -> str:
    result = run_cli("fix", package, "--select", "JF004", "--unsafe-fixes", *options)
    assert result.exit_code in (0, 1), result.output
    return (package / "api.py").read_text()


def test_command_line_beats_config_beats_app(tmp_path):
    """The same endpoint fixed three ways: v13 display-only, v14 guard, v15 deduplicate."""
    package = bench_app(tmp_path, frappe_dependency(">=13.0.0,<14.0.0"))
    original = (package / "api.py").read_text()
    assert fixed_text(package) == original  # v13 from the app: no job_id, nothing to write

    (package.parent / "pyproject.toml").write_text(
        frappe_dependency(">=13.0.0,<14.0.0") + '\n[tool.jobfix]\nfrappe-version = "14"\n'
    )
    assert "if not is_job_enqueued(job_id):" in fixed_text(package)  # the config says v14

    (package / "api.py").write_text(original)
    text = fixed_text(package, "--frappe-version", "15")
    assert "deduplicate=True" in text and "is_job_enqueued" not in text  # the command line says v15


def test_unsupported_command_line_version_is_a_usage_error(tmp_path):
    result = run_cli("check", bench_app(tmp_path), "--frappe-version", "12")
    assert result.exit_code == 2 and "unsupported Frappe version" in result.output


# -- the bench's worker timeouts ------------------------------------------------------------------


def write_common_site_config(tmp_path: Path, content) -> Path:
    sites = tmp_path / "sites"
    sites.mkdir(exist_ok=True)
    path = sites / "common_site_config.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_worker_timeouts_from_common_site_config(tmp_path):
    package = bench_app(tmp_path)
    write_common_site_config(tmp_path, {
        "workers": {
            "reports": {"timeout": 3600},
            "default": {"timeout": 900},
            "quick": {},  # Frappe: config.get("timeout", default_timeout)
            "odd": {"timeout": "600"},
            "flag": {"timeout": True},
        },
        "redis_queue": "redis://localhost:11000",
    })
    assert bench_worker_timeouts(package) == {"reports": 3600, "default": 900, "quick": 300}


@pytest.mark.parametrize("content", ["{not json", "[]", '{"workers": ["long"]}', "", '{"workers": {"q": 5}}'])
def test_unusable_common_site_config_gives_nothing(tmp_path, content):
    package = bench_app(tmp_path)
    write_common_site_config(tmp_path, content)
    assert bench_worker_timeouts(package) == {}


def test_an_app_outside_a_bench_has_no_worker_timeouts(tmp_path):
    package = make_app(tmp_path, {})  # tmp_path/myapp/myapp: no apps/ folder
    write_common_site_config(tmp_path, {"workers": {"reports": {"timeout": 3600}}})
    assert bench_worker_timeouts(package) == {}


def test_a_changed_common_site_config_is_read_again(tmp_path):
    package = bench_app(tmp_path)
    path = write_common_site_config(tmp_path, {"workers": {"reports": {"timeout": 3600}}})
    assert bench_worker_timeouts(package) == {"reports": 3600}
    path.write_text(json.dumps({"workers": {"reports": {"timeout": 7200, "extra": 1}}}))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert bench_worker_timeouts(package) == {"reports": 7200}
