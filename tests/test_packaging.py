"""An install that works today: what pip needs to build jobfix and run it on every Python that
``requires-python`` allows, and a README that installs from the repository."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _requirement(requirements: list[str], name: str) -> str:
    (found,) = [r for r in requirements if re.match(rf"{name}\b", r)]
    return found


def test_the_build_system_reads_the_license_field():
    """`license = "MIT"` (an SPDX expression, PEP 639) needs setuptools 77 or later."""
    assert isinstance(PROJECT["project"]["license"], str)
    setuptools = _requirement(PROJECT["build-system"]["requires"], "setuptools")
    assert int(re.search(r">=\s*(\d+)", setuptools).group(1)) >= 77


def test_tomli_is_declared_where_tomllib_is_missing():
    assert PROJECT["project"]["requires-python"] == ">=3.10"
    tomli = _requirement(PROJECT["project"]["dependencies"], "tomli")
    assert re.search(r"""python_version\s*<\s*['"]3\.11['"]""", tomli)


def test_the_readme_installs_from_the_repository_not_from_pypi():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert not re.search(r"pip install jobfix\b", readme)
    assert "pip install ." in readme and "pipx install" in readme
    hooks = readme[readme.index("### pre-commit"):]
    assert re.search(r"- repo: https://\S+", hooks) and "rev:" in hooks
