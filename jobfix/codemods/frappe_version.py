"""Which Frappe version an app is written for, read from its files (never imported)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from jobfix.codemods.frappe_api import SUPPORTED_MAJORS, FrappeTarget

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def detect(package_dir: Path) -> FrappeTarget | None:
    """From ``[tool.bench.frappe-dependencies]`` of the app, else the bench's frappe ``__version__``."""
    repo = package_dir.parent
    return _from_pyproject(repo / "pyproject.toml") or _from_bench(repo.parent / "frappe" / "frappe" / "__init__.py")


def _from_pyproject(path: Path) -> FrappeTarget | None:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    spec = data.get("tool", {}).get("bench", {}).get("frappe-dependencies", {}).get("frappe")
    if not isinstance(spec, str):
        return None
    # ">=15.0.0,<16.0.0" -> 15; "~=14.0" -> 14: the lowest version the app accepts
    lower = re.search(r"(?:>=|~=|==|\^)\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", spec)
    if not lower or int(lower.group(1)) not in SUPPORTED_MAJORS:
        return None
    return FrappeTarget.parse(lower.group(1))


def _from_bench(path: Path) -> FrappeTarget | None:
    try:
        tree = ast.parse(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in stmt.targets)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            match = re.match(r"(\d+)\.(\d+)\.(\d+)", stmt.value.value)
            if match and int(match.group(1)) in SUPPORTED_MAJORS:
                return FrappeTarget.parse(match.group(0))
            if match is None:
                major = re.match(r"(\d+)", stmt.value.value)
                if major and int(major.group(1)) in SUPPORTED_MAJORS:
                    return FrappeTarget.parse(major.group(1))
    return None
