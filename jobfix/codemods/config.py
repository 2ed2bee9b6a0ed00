"""Settings of a run: ``[tool.jobfix]`` in the nearest pyproject.toml, merged with the command
line (the command line wins)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from jobfix.codemods.frappe_api import FrappeTarget

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class ConfigError(Exception):
    """A setting jobfix cannot use; the message names the key."""


@dataclass(frozen=True)
class Config:
    select: frozenset[str] = frozenset()  # empty: every rule
    ignore: frozenset[str] = frozenset()
    extend_select: frozenset[str] = frozenset()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    unsafe_fixes: bool = False
    frappe_version: FrappeTarget | None = None  # None: read from the app, else the default
    from_version: int = 13
    batch_size: int = 100
    all_event_cron: str = "*/15 * * * *"
    heavy: frozenset[str] = frozenset()  # dotted paths always treated as heavy
    light: frozenset[str] = frozenset()  # dotted paths never treated as heavy
    queue_timeouts: tuple[tuple[str, int], ...] = ()  # overrides of frappe_api.QUEUE_TIMEOUTS
    batch_isolated_commits: bool = False
    exclude: tuple[str, ...] = ()
    source: Path | None = field(default=None, compare=False)

    def enabled(self, code: str) -> bool:
        chosen = self.select or None
        selected = chosen is None or _matches(code, chosen) or _matches(code, self.extend_select)
        return selected and not _matches(code, self.ignore)

    def merged(self, **overrides) -> Config:
        """A copy with the command line's values (None means 'not given')."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _matches(code: str, patterns: frozenset[str]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def parse_codes(text: str | None) -> frozenset[str] | None:
    if text is None:
        return None
    return frozenset(c.strip().upper() for c in text.split(",") if c.strip())


def find_pyproject(start: Path) -> Path | None:
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                if "tool" in tomllib.loads(candidate.read_text("utf-8")) and _has_jobfix_table(candidate):
                    return candidate
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
    return None


def _has_jobfix_table(path: Path) -> bool:
    return "jobfix" in tomllib.loads(path.read_text("utf-8")).get("tool", {})


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "source"}


def load_config(start: Path) -> Config:
    """The ``[tool.jobfix]`` table of the nearest pyproject.toml that has one, checked."""
    path = find_pyproject(start)
    if path is None:
        return Config()
    table = tomllib.loads(path.read_text("utf-8"))["tool"]["jobfix"]
    values: dict = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key [tool.jobfix] {key!r}")
        values[_KEYS[key]] = _convert(path, key, value)
    return Config(source=path, **values)


def _convert(path: Path, key: str, value):
    def fail(expected: str):
        raise ConfigError(f"{path}: [tool.jobfix] {key} must be {expected}, not {value!r}")

    if key in ("select", "ignore", "extend-select", "heavy", "light"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail("a list of strings")
        return frozenset(v.upper() for v in value) if key not in ("heavy", "light") else frozenset(value)
    if key == "exclude":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail("a list of strings")
        return tuple(value)
    if key == "per-file-ignores":
        if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
        ):
            fail("a table of glob = [codes]")
        return tuple((glob, frozenset(c.upper() for c in codes)) for glob, codes in value.items())
    if key in ("unsafe-fixes", "batch-isolated-commits"):
        if not isinstance(value, bool):
            fail("true or false")
        return value
    if key in ("batch-size", "from-version"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            fail("a positive integer")
        return value
    if key == "frappe-version":
        try:
            return FrappeTarget.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{path}: [tool.jobfix] frappe-version: {exc}") from None
    if key == "all-event-cron":
        if not isinstance(value, str) or len(value.split()) != 5:
            fail("a five-field cron expression")
        return value
    if key == "queue-timeouts":
        if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value.values()
        ):
            fail("a table of queue = seconds")
        return tuple(sorted(value.items()))
    raise AssertionError(key)  # pragma: no cover - every key of Config is handled above
