"""Settings of a run: ``[tool.jobfix]`` in the nearest pyproject.toml, merged with the command
line (the command line wins)."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, fields, replace
from fnmatch import fnmatch
from pathlib import Path

from jobfix.codemods.engine.model import PARSE_ERROR, UNUSED_SUPPRESSION, Option, OptionType
from jobfix.codemods.index.frappe_api import SUPPORTED_MAJORS, FrappeTarget
from jobfix.codemods.transforms import all_transforms

def _tomllib():
    """The TOML parser, imported when a pyproject.toml is read (`rules` and `explain` read none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


class ConfigError(Exception):
    """A setting jobfix cannot use; the message names the key."""


@dataclass(frozen=True)
class RuleSelection:
    """One layer of rule choices, as ruff layers them: the pyproject's, then the command line's.

    A layer's ``select`` starts the choice over (None keeps what the layers before chose), then
    ``extend_select`` adds and ``ignore`` removes; so ``--extend-select JF008`` on the command
    line turns on a rule the pyproject ignores, and ``--ignore`` adds to the pyproject's ignores.
    """

    select: frozenset[str] | None = None
    extend_select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def apply(self, code: str, enabled: bool) -> bool:
        if self.select is not None:
            enabled = _matches(code, self.select)
        if _matches(code, self.extend_select):
            enabled = True
        return enabled and not _matches(code, self.ignore)


_SELECTION_KEYS = ("select", "extend_select", "ignore")


# Tests are not job code: their commits, loops and enqueues exercise the app, they do not run in
# its workers. Not reported unless `per-file-ignores` (which replaces this default, as in ruff) says.
TEST_FILE_IGNORES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (glob, frozenset({"ALL"})) for glob in ("*/tests/*", "tests/*", "test_*.py", "conftest.py")
)


@dataclass(frozen=True)
class Config:
    select: frozenset[str] = frozenset()  # empty: every rule
    ignore: frozenset[str] = frozenset()
    extend_select: frozenset[str] = frozenset()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = TEST_FILE_IGNORES
    unsafe_fixes: bool = False
    frappe_version: FrappeTarget | None = None  # None: read from the app, else the default
    from_version: int | None = None  # None: the Frappe the app runs with (engine); still None: unknown
    options: tuple[tuple[str, object], ...] = ()  # the rules' options given, by key (Option.of reads them)
    exclude: tuple[str, ...] = ()
    upstream_remotes: tuple[str, ...] = ()  # globs of git remote URLs whose apps a bench run leaves alone
    warn_unused_ignores: bool = False  # report suppression comments that suppress nothing (JF900)
    source: Path | None = field(default=None, compare=False)
    command_line: RuleSelection | None = None  # the command line's layer of rule choices
    evidence: object | None = None  # a site's measured runs (evidence.SiteEvidence; --site, --job-log), not a key

    def enabled(self, code: str, default: bool = True) -> bool:
        """Whether rule ``code`` runs; ``default`` is whether it is in the default rule set (an
        opt-in rule runs only when a `select` or `extend-select` names it, as in ruff)."""
        enabled = default
        for layer in self.selections:
            enabled = layer.apply(code, enabled)
        return enabled

    @property
    def selections(self) -> tuple[RuleSelection, ...]:
        from_file = RuleSelection(self.select or None, self.extend_select, self.ignore)
        return (from_file,) if self.command_line is None else (from_file, self.command_line)

    def ignored_in_file(self, code: str, path: Path) -> bool:
        return _matches(code, self.ignored_in(path))

    def ignored_in(self, path: Path) -> frozenset[str]:
        """Codes and prefixes that per-file-ignores turn off for ``path``.

        A glob matches the path relative to the folder of the pyproject.toml it came from (the
        current folder when there is none), or the file's name: ``"*/patches/*.py"``,
        ``"legacy_app/tasks.py"`` and ``"test_*.py"`` all work.
        """
        if not self.per_file_ignores:
            return frozenset()
        base = self.source.parent if self.source is not None else Path.cwd()
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base)).replace(os.sep, "/")
        codes: set[str] = set()
        for glob, ignored in self.per_file_ignores:
            if fnmatch(relative, glob) or fnmatch(path.name, glob):
                codes |= ignored
        return frozenset(codes)

    def merged(self, **overrides) -> Config:
        """A copy with the command line's values (None means 'not given').

        ``select``, ``extend_select`` and ``ignore`` become the command line's layer of rule
        choices (see RuleSelection) instead of replacing the pyproject's.
        """
        given = {k: v for k, v in overrides.items() if v is not None}
        layer = {k: given.pop(k) for k in _SELECTION_KEYS if k in given}
        if layer:
            given["command_line"] = RuleSelection(
                layer.get("select") or None, layer.get("extend_select", frozenset()), layer.get("ignore", frozenset())
            )
        return replace(self, **given)


def _matches(code: str, patterns: frozenset[str]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def parse_codes(text: str | None, option: str = "--select") -> frozenset[str] | None:
    """Comma-separated rule codes or prefixes of a command-line option; raises ConfigError."""
    if text is None:
        return None
    codes = frozenset(c.strip().upper() for c in text.split(",") if c.strip())
    check_codes(codes, option)
    return codes


def known_codes() -> frozenset[str]:
    """Every code jobfix reports: the rules', and the engine's own (JF000, JF900)."""
    return frozenset({PARSE_ERROR[0], UNUSED_SUPPRESSION[0], *(t.code for t in all_transforms())})


def check_codes(codes, where: str) -> None:
    """Each selector must be ALL or a prefix of a known rule code (a typo must not pass silently)."""
    known = known_codes()
    for code in sorted(codes):
        if code != "ALL" and not any(k.startswith(code) for k in known):
            raise ConfigError(f"{where}: unknown rule code or prefix {code!r} (see `jobfix rules`)")


def _nearest_table(start: Path) -> tuple[Path, object] | None:
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        tomllib = _tomllib()
        try:
            text = candidate.read_text("utf-8")
            if "jobfix" not in text and "\\u" not in text and "\\U" not in text:
                continue  # no key can be "jobfix" (unless spelled with \u escapes): not worth parsing
            document = tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            if _mentions_jobfix(candidate):  # our table, unreadable: never run with settings ignored
                raise ConfigError(f"{candidate}: cannot read [tool.jobfix]: {exc}") from None
            continue  # someone else's broken file
        tool = document.get("tool")
        if isinstance(tool, dict) and "jobfix" in tool:
            return candidate, tool["jobfix"]
    return None


def _mentions_jobfix(path: Path) -> bool:
    try:
        return "tool.jobfix" in path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return True


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name not in ("source", "command_line", "evidence", "options")}


def rule_options() -> dict[str, Option]:
    """Every option the rules declare, by key; rules that share one declare the same Option."""
    declared: dict[str, Option] = {}
    for transform in all_transforms():
        for option in transform.options:
            if declared.setdefault(option.key, option) != option:
                raise RuntimeError(f"option {option.key!r} declared two ways (by {transform.code} and another rule)")
    if set(declared) & set(_KEYS):
        raise RuntimeError(f"rule options named like run settings: {sorted(set(declared) & set(_KEYS))}")
    return declared


def known_keys() -> list[str]:
    """Every [tool.jobfix] key: the run's settings, then the rules' options."""
    return [*SETTING_HELP, *sorted(rule_options())]


def load_config(start: Path) -> Config:
    """The ``[tool.jobfix]`` table of the nearest pyproject.toml that has one, checked."""
    found = _nearest_table(start)
    if found is None:
        return Config()
    path, table = found
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.jobfix] must be a table, not {table!r}")
    values: dict = {}
    options = rule_options()
    given: dict[str, object] = {}
    for key, value in table.items():
        if key in options:
            given[key] = convert_option(options[key], value, f"{path}: [tool.jobfix] {key}")
        elif key in _KEYS:
            values[_KEYS[key]] = _convert(path, key, value)
        else:
            raise ConfigError(f"{path}: unknown key [tool.jobfix] {key!r}{_did_you_mean(key)}")
    return Config(source=path, options=tuple(sorted(given.items())), **values)


def config_for(start: Path, **overrides) -> Config:
    """The settings for the files under ``start``: its nearest ``[tool.jobfix]``, then the command
    line's ``overrides`` (see ``Config.merged``). A bench run resolves them once per app, as ruff
    resolves configuration per file, so the order of the paths never changes a result."""
    return load_config(start).merged(**overrides)


def _did_you_mean(key: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(key.replace("_", "-").lower(), known_keys(), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known_keys())})"


# What each setting of the run means; the rules' options carry their own help (Option.help).
SETTING_HELP = {
    "select": "rule codes or prefixes to check, e.g. `[\"JF0\", \"JF1\"]`; `\"ALL\"` works too (default: every rule)",
    "ignore": "rule codes or prefixes not to check",
    "extend-select": "codes to check on top of `select`",
    "per-file-ignores": (
        "a table of glob = [codes] not reported in matching files, e.g. `{ \"*/patches/*.py\" = [\"JF005\"] }` "
        "(globs relative to the pyproject.toml, or a file name); it replaces the default, which leaves test "
        "files out, so `{}` reports tests too"
    ),
    "unsafe-fixes": "also apply fixes that change control flow, timing or signatures",
    "frappe-version": "the Frappe version fixes are written for: 13, 14, 15, 16 or exact, like \"14.36.1\" (default: read from the app, else 15)",
    "from-version": (
        "the Frappe major version the code was written for (migration rules); unknown, version-dependent "
        "rewrites are display-only"
    ),
    "exclude": "globs of files and folders not to check",
    "upstream-remotes": "globs of git remote URLs of upstream apps, skipped in a bench run like frappe's own (github.com/frappe/*) unless --include-upstream",
    "warn-unused-ignores": "report suppression comments that suppress nothing (JF900)",
}


def option_help(key: str) -> str:
    """What a [tool.jobfix] key means: a run setting's, or the help its rule declares."""
    return SETTING_HELP[key] if key in SETTING_HELP else rule_options()[key].help


def option_default(key: str) -> str:
    """The default of a [tool.jobfix] key, written as TOML."""
    if key in rule_options():
        option = rule_options()[key]
        return f"(unset: {option.unset})" if option.default is None else _toml(option.default)
    if key == "per-file-ignores":
        return "{ " + ", ".join(f'"{glob}" = ["ALL"]' for glob, _ in TEST_FILE_IGNORES) + " }"
    value = getattr(Config(), _KEYS[key])
    if value is None:  # read from the app: frappe-version and from-version
        return "(read from the app, else 15)" if key == "frappe-version" else "(the bench's frappe, else the app's declared one)"
    return _toml(value)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (frozenset, tuple)):
        return "[" + ", ".join(f'"{v}"' for v in sorted(value)) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")


def _convert(path: Path, key: str, value):
    def fail(expected: str):
        raise ConfigError(f"{path}: [tool.jobfix] {key} must be {expected}, not {value!r}")

    where = f"{path}: [tool.jobfix] {key}"
    if key in ("select", "ignore", "extend-select"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail("a list of rule codes")
        codes = frozenset(v.strip().upper() for v in value)
        check_codes(codes, where)
        return codes
    if key in ("exclude", "upstream-remotes"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail("a list of strings")
        return tuple(value)
    if key == "per-file-ignores":
        if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
        ):
            fail("a table of glob = [codes]")
        for glob, codes in value.items():
            if not glob.strip():
                raise ConfigError(f"{where}: an empty glob matches nothing")
            check_codes(frozenset(c.strip().upper() for c in codes), f"{where} {glob!r}")
        return tuple((glob, frozenset(c.strip().upper() for c in codes)) for glob, codes in value.items())
    if key in ("unsafe-fixes", "warn-unused-ignores"):
        if not isinstance(value, bool):
            fail("true or false")
        return value
    if key == "from-version":
        if not isinstance(value, int) or isinstance(value, bool) or value not in SUPPORTED_MAJORS:
            fail(f"a Frappe major version ({', '.join(map(str, SUPPORTED_MAJORS))})")
        return value
    if key == "frappe-version":
        try:
            return FrappeTarget.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{path}: [tool.jobfix] frappe-version: {exc}") from None
    raise AssertionError(key)  # pragma: no cover - every key of Config is handled above


def convert_option(option: Option, value, where: str):
    """A rule option's value from TOML, checked against its declared type; raises ConfigError."""
    kind = option.type
    if kind is OptionType.BOOL and isinstance(value, bool):
        return value
    if kind is OptionType.POSITIVE_INT and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if kind is OptionType.CRON and isinstance(value, str) and len(value.split()) == 5:
        return value
    if kind is OptionType.DOTTED_PATHS and isinstance(value, list) and all(isinstance(v, str) for v in value):
        for dotted in value:
            if not _DOTTED.fullmatch(dotted):
                raise ConfigError(f"{where}: {dotted!r} is not a dotted path like 'myapp.tasks.rebuild'")
        return frozenset(value)
    if kind is OptionType.QUEUE_SECONDS and isinstance(value, dict) and all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value.values()
    ):
        return tuple(sorted(value.items()))
    raise ConfigError(f"{where} must be {kind.value}, not {value!r}")
