"""What an app's own files say about the Frappe it runs on: the version, and the bench's worker
queues. Files are read as text, TOML, JSON or syntax trees; nothing is imported or executed."""

from __future__ import annotations

import ast
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from jobfix.codemods.index.syntax import parse
from jobfix.codemods.index.bench import bench_root
from jobfix.codemods.index.frappe_api import QUEUE_TIMEOUTS, SUPPORTED_MAJORS, FrappeTarget

def _tomllib():
    """The TOML parser, imported when a pyproject.toml is read (`rules` and `explain` read none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib

_VERSION = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def detect(package_dir: Path) -> FrappeTarget | None:
    """From ``[tool.bench.frappe-dependencies]`` of the app, else the bench's frappe ``__version__``.

    The app's declaration comes first: it says which Frappe the app supports wherever it is
    installed, while the bench next to it is only one installation.
    """
    root = bench_root(package_dir)
    return declared(package_dir) or (_from_bench(root / "apps" / "frappe" / "frappe" / "__init__.py") if root else None)


def written_for(package_dir: Path) -> FrappeTarget | None:
    """The Frappe the code is written for: the one it runs with now, as far as its files say.

    Frappe's own package is its own ``__version__``; an app in a bench reads as the bench's frappe
    ``__version__``, else as the frappe its pyproject.toml declares; None when nothing says
    (never v13 by assumption: a rewrite whose meaning depends on it is then display-only).
    """
    if package_dir.name == "frappe":
        own = _from_bench(package_dir / "__init__.py")
        if own is not None:
            return own
    root = bench_root(package_dir)
    running = _from_bench(root / "apps" / "frappe" / "frappe" / "__init__.py") if root else None
    return running or declared(package_dir)


def declared(package_dir: Path) -> FrappeTarget | None:
    """The version the app itself says it is written for (its pyproject.toml), if it says."""
    return _from_pyproject(package_dir.parent / "pyproject.toml")


def _target(major: int, minor: str | None = None, patch: str | None = None) -> FrappeTarget | None:
    """A supported target; a newer major (a develop bench) reads as the newest one jobfix knows."""
    if major < SUPPORTED_MAJORS[0]:
        return None
    if major > SUPPORTED_MAJORS[-1]:
        return FrappeTarget.parse(SUPPORTED_MAJORS[-1])
    return FrappeTarget.parse(".".join(p for p in (str(major), minor, patch) if p is not None))


def _from_pyproject(path: Path) -> FrappeTarget | None:
    """The major version of the lowest Frappe the app accepts: ``">=15.0.0,<16.0.0"`` -> v15.

    Only the major is kept (like ``--frappe-version 15``, the latest release of that line): a
    bench-generated bound names the release line, not a minimum patch level. An exact minimum
    belongs in ``[tool.jobfix] frappe-version = "14.20.0"``.
    """
    tomllib = _tomllib()
    try:
        text = path.read_text("utf-8")
        if "frappe-dependencies" not in text and "\\u" not in text and "\\U" not in text:
            return None  # no such key (unless spelled with \u escapes): frappe's own is not worth parsing
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    bench = data.get("tool", {}).get("bench", {})
    dependencies = bench.get("frappe-dependencies", {}) if isinstance(bench, dict) else {}
    spec = dependencies.get("frappe") if isinstance(dependencies, dict) else None
    if not isinstance(spec, str):
        return None
    lower = re.search(r"(?:>=|~=|==|\^)\s*" + _VERSION.pattern, spec)
    return _target(int(lower.group(1))) if lower else None


def _from_bench(path: Path) -> FrappeTarget | None:
    """The exact ``__version__`` of the bench's frappe (``"14.36.1"``, ``"16.0.0-dev"``)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return _version_of(path, info.st_mtime_ns, info.st_size)


_VERSION_LINE = re.compile(r"^__version__\s*=.*$", re.MULTILINE)


@lru_cache(maxsize=32)
def _version_of(path: Path, _mtime_ns: int, _size: int) -> FrappeTarget | None:
    """Read once per file version: each app of a bench asks for the same frappe."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _version_in(_head(text)) or _version_in(text)


def _head(text: str) -> str:
    """The file up to its first line that starts ``__version__ =`` (frappe's line 60 of 1,900):
    parsing the whole file took a tenth of a warm check of a bench. Statements before a line that
    parses are those of the whole file, so the first ``__version__`` found there is the file's."""
    line = _VERSION_LINE.search(text)
    return text[: line.end()] if line else ""


def _version_in(text: str) -> FrappeTarget | None:
    try:
        tree = parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in stmt.targets)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            match = _VERSION.match(stmt.value.value.strip())
            return _target(int(match.group(1)), match.group(2), match.group(3)) if match else None
    return None


def bench_worker_timeouts(package_dir: Path) -> dict[str, int]:
    """``"workers": {"<queue>": {"timeout": N}}`` of the bench's ``sites/common_site_config.json``.

    Frappe's ``get_queues_timeout()`` reads the same keys (frappe-api.md §1). An app outside a
    bench (``apps/<app>/<app>``), or a file that is not valid JSON, gives nothing.
    """
    root = bench_root(package_dir)
    if root is None:
        return {}
    path = root / "sites" / "common_site_config.json"
    try:
        stat = path.stat()
    except OSError:
        return {}
    return dict(_read_worker_timeouts(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _read_worker_timeouts(path: Path, _mtime_ns: int, _size: int) -> tuple[tuple[str, int], ...]:
    """Cached per file version: every file of an app asks for the same bench."""
    try:
        config = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return ()
    workers = config.get("workers") if isinstance(config, dict) else None
    if not isinstance(workers, dict):
        return ()
    found = []
    for queue, settings in workers.items():
        # Frappe: config.get("timeout", default_timeout): a worker without a timeout gets 300 s
        timeout = settings.get("timeout", QUEUE_TIMEOUTS["default"]) if isinstance(settings, dict) else None
        if isinstance(timeout, int) and not isinstance(timeout, bool) and timeout > 0:
            found.append((queue, timeout))
    return tuple(found)
