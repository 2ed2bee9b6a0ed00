"""Files -> prefilter -> parse -> transforms -> findings; the engine knows no rule by name.

Discovery finds the Frappe apps under the given paths (a folder with hooks.py; a bench's
``apps/`` folder holds many); each app is indexed once and its files are checked against the
enabled transforms. A file that cannot be read or parsed is a JF000 finding, and the run goes on.
"""

from __future__ import annotations

import gc
import os
import traceback
from contextlib import contextmanager
from dataclasses import replace
from fnmatch import fnmatch
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from jobfix.codemods.index.syntax import NewerSyntax, parse
from jobfix.codemods.index.app import AppIndex
from jobfix.codemods.engine.cache import FindingsCache, settings_key
from jobfix.codemods.engine.config import Config
from jobfix.codemods.transforms._kit.context import FileContext
from jobfix.codemods.index.frappe_api import DEFAULT_MAJOR, FrappeTarget
from jobfix.codemods.engine.model import PARSE_ERROR, AppResult, Finding, Span, Unit
from jobfix.codemods.index.pymodule import ModuleInfo
from jobfix.codemods.engine.source import SourceError, digest, read_bytes
from jobfix.codemods.engine.suppressions import filter_findings
from jobfix.codemods.transforms import all_transforms
from jobfix.codemods.transforms.base import Prefilter, Transform

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".eggs", ".mypy_cache",
     ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages"}
)


def enabled_transforms(config: Config) -> list[Transform]:
    return [t for t in all_transforms() if config.enabled(t.code, t.default)]


# -- discovery ---------------------------------------------------------------------------------


def _is_app_package(folder: Path) -> bool:
    return (folder / "hooks.py").is_file() and (
        (folder / "__init__.py").is_file() or (folder / "modules.txt").is_file()
    )


def _walk_py(top: Path, exclude: tuple[str, ...]) -> list[Path]:
    """Python files under ``top``, each folder's files before its subfolders, by name; links are
    never followed (neither to folders nor to files), and pipes or devices never listed. Directory
    entries say what they are, so no file is stat'ed: a bench of 10,000 files is walked in a
    fraction of a second."""
    found = []
    pending = [str(top)]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=attrgetter("name"))
        except OSError:
            continue  # unreadable folders are skipped, as os.walk does
        subfolders = []
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_DIRS and not entry.name.endswith(".egg-info") and not (
                    exclude and _excluded(Path(entry.path), top, exclude)
                ):
                    subfolders.append(entry.path)
            elif (  # a regular file: a named pipe would block the read forever
                entry.name.endswith(".py") and entry.is_file(follow_symlinks=False)
                and not (exclude and _excluded(Path(entry.path), top, exclude))
            ):
                found.append(Path(entry.path))
        pending.extend(reversed(subfolders))
    return found


def _excluded(path: Path, top: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    rel = path.relative_to(top).as_posix()
    return any(fnmatch(rel, p) or fnmatch(path.name, p) for p in patterns)


def _enclosing_app(path: Path) -> Path | None:
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        if _is_app_package(folder):
            return folder
    return None


def _owners(folder: str, apps: dict[str, Path], shortest: int, known: dict[str, list[Path]]) -> list[Path]:
    """The apps (by folder name) ``folder`` is in, the innermost first; string operations, and
    each folder's answer kept in ``known`` for its files and subfolders, as this runs for every file."""
    found = known.get(folder)
    if found is None:
        parent = os.path.dirname(folder)
        # no app folder (``shortest``: the shortest name) is higher up
        above = [] if len(folder) < shortest or parent == folder else _owners(parent, apps, shortest, known)
        found = known[folder] = [apps[folder], *above] if folder in apps else above
    return found


def discover(paths: list[Path], config: Config) -> list[Unit]:
    """Apps (and loose files) under ``paths``, each file in exactly one unit, in a stable order."""
    apps: dict[Path, list[Path]] = {}
    loose: dict[Path, list[Path]] = {}
    walked: dict[Path, list[Path]] = {}  # apps whose every file this walk saw, so analyse need not walk again
    for given in paths:
        given = Path(os.path.abspath(given))
        top = given if given.is_dir() else given.parent
        files = _walk_py(given, config.exclude) if given.is_dir() else [given]
        app_dirs = {f.parent for f in files if f.name == "hooks.py" and _is_app_package(f.parent)}
        outer = _enclosing_app(given)
        if outer is not None:
            app_dirs.add(outer)
        whole = set() if config.exclude or not given.is_dir() else {a for a in app_dirs if a == given or given in a.parents}
        by_name = {str(a): a for a in app_dirs}
        shortest = min(map(len, by_name), default=0)
        known: dict[str, list[Path]] = {}
        for folder, together in groupby(files, key=os.path.dirname):  # a folder's files come together
            together = list(together)
            owners = _owners(folder, by_name, shortest, known)
            if owners:
                apps.setdefault(owners[0], []).extend(together)
            else:
                loose.setdefault(top, []).extend(together)
            for app in whole.intersection(owners):
                walked.setdefault(app, []).extend(together)
        for app in app_dirs:
            apps.setdefault(app, [])
    units = [Unit(root, _sorted(files), app_files=walked.get(root)) for root, files in sorted(apps.items())]
    units += [Unit(root, _sorted(files), is_app=False) for root, files in sorted(loose.items())]
    return units


def _sorted(files: list[Path]) -> list[Path]:
    """Each file once, in Path order (by parts, as PurePosixPath compares: comparing the Paths
    themselves took 0.03 s on erpnext + frappe). Equal paths are neighbours once sorted, and are
    dropped there: a set hashed every Path (4 ms)."""
    ordered = sorted(files, key=attrgetter("parts"))
    return [path for i, path in enumerate(ordered) if not i or path.parts != ordered[i - 1].parts]


# -- the Frappe version the fixes are written for ----------------------------------------------


def with_source_version(config: Config, unit: Unit) -> Config:
    """``from_version`` made concrete: as given, else the Frappe the app runs with now (the bench's
    frappe, else the one the app declares); ``None`` when nothing says.

    An app on a v15 bench is written for 15: reading its code as v13 code would turn the meaning
    of calls whose meaning changed (``log_error("x")``) upside down.
    """
    if config.from_version is not None:
        return config
    from jobfix.codemods.index.frappe_version import written_for

    found = written_for(unit.root) if unit.is_app else None
    return replace(config, from_version=found.major if found is not None else None)


def target_version(config: Config, unit: Unit) -> FrappeTarget:
    if config.frappe_version is not None:
        return config.frappe_version
    if unit.is_app:
        from jobfix.codemods.index.frappe_version import detect

        found = detect(unit.root)
        if found is not None:
            return found
    return FrappeTarget.parse(DEFAULT_MAJOR)


# -- analysis ----------------------------------------------------------------------------------


def parse_error(path: Path, message: str, row: int = 1, column: int = 1) -> Finding:
    code, name = PARSE_ERROR
    return Finding(code, name, message, path, Span(row, column, row, column))


@contextmanager
def cyclic_gc_paused():
    """No cycle collection while an app is analysed. Syntax trees hold no reference cycles, yet
    each collection visits every node still alive (the index keeps an app's trees): on frappe the
    collector took more time than all the rules. Memory is freed by reference counting as before.

    Re-enabled as it was, the collector would start by visiting every object made meanwhile that
    is still alive (0.27 s for erpnext's trees): ``freeze`` + ``unfreeze`` first moves them, with
    everything older, to the oldest generation, where only a full collection looks, as it would
    after they survived two younger ones."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def analyse(
    unit: Unit, config: Config, debug: bool = False, cache: FindingsCache | None = None, edits: bool = True,
) -> AppResult:
    """Findings of the unit's files; with ``cache``, a file is not analysed again when an earlier
    run saw the same bytes in every file of the app, with the same settings. A failure outside
    any one file (indexing the app, say) is one JF000 finding for the app, and the run goes on.
    ``edits=False``: the findings' fixes come without their edits (``Finding.portable``), for a
    run that shows them and applies none."""
    try:
        with cyclic_gc_paused():
            return _analyse_unit(unit, config, debug, cache, edits)
    except Exception as exc:  # noqa: BLE001 - a bug here must cost one app, not the run
        error = parse_error(unit.root, f"internal error while analysing {unit.name}: {_one_line(exc)}")
        if debug:
            error.extra["traceback"] = traceback.format_exc()
        return AppResult(unit, findings=[error])


def cache_settings(unit: Unit, config: Config) -> str:
    """Everything but the unit's files that its findings depend on: its cache entry's settings."""
    return settings_key(with_source_version(config, unit), target_version(config, unit))


def _analyse_unit(unit: Unit, config: Config, debug: bool, cache: FindingsCache | None, edits: bool) -> AppResult:
    settings = cache_settings(unit, config) if cache is not None and not debug else None
    app_files = unit.app_files if unit.app_files is not None else _walk_py(unit.root, config.exclude) if unit.is_app else unit.files
    index = AppIndex(unit.root, app_files, is_app=unit.is_app)
    frappe = target_version(config, unit)
    config = with_source_version(config, unit)
    prefilter = None  # the rules, imported for the first file the cache does not answer
    result = AppResult(unit, frappe=frappe, index=index, from_version=config.from_version)
    # with --debug, no cache: it is for seeing what happens now (a cached internal error has no traceback)
    entry = cache.open(unit.root, app_files, settings) if settings is not None else None
    if unit.is_app and index.hooks.error and (index.hooks.path in unit.files or index.hooks.path.is_symlink()):
        result.findings.append(parse_error(index.hooks.path, index.hooks.error))
    for path in unit.files:
        result.files_scanned += 1
        found = entry.findings(path, edits) if entry is not None else None
        if found is not None:
            result.files_cached += 1
        else:
            prefilter = prefilter or Prefilter(enabled_transforms(config), config)
            found = _analyse_file(path, index, config, frappe, prefilter, result, debug)
            if entry is not None:
                entry.store(path, found)
            if not edits:
                found = [f.portable() for f in found]
        result.findings.extend(found)
    if entry is not None:
        entry.save()
    filtered = filter_findings(result.findings, unit.files, config)  # the one place suppressions apply
    result.findings = sorted(filtered.findings, key=lambda f: f.sort_key)
    result.suppressed = sorted(filtered.suppressed, key=lambda f: f.sort_key)
    return result


def _analyse_file(path, index, config, frappe, prefilter: Prefilter, result, debug) -> list[Finding]:
    if index.is_app and path == index.hooks.path and index.hooks.error:
        return []  # already reported once
    try:
        source = index.source(path)
    except SourceError as exc:
        return [parse_error(path, str(exc), exc.line)]
    wanted = prefilter.wanting(path, source.text, index)
    if not wanted:
        return []
    result.files_parsed += 1
    info = index.parsed(path, source.text)
    if info is None:
        try:
            tree = parse(source.text, filename=str(path))
        except NewerSyntax as exc:
            return [parse_error(path, f"cannot parse: {exc.msg}", exc.lineno or 1, exc.offset or 1)]
        except SyntaxError as exc:
            return [parse_error(path, f"cannot parse: {exc.msg}", exc.lineno or 1, exc.offset or 1)]
        except (ValueError, RecursionError, MemoryError) as exc:
            return [parse_error(path, f"cannot parse: {_one_line(exc)}")]
        info = ModuleInfo(tree, index.module_name(path), is_package=path.name == "__init__.py")
        lent = index.remember(path, info)
    else:
        lent = False
    info.syntax  # the one walk of the tree: every rule reads its nodes and parents from it
    ctx = FileContext(path, source, info, index, config, frappe)
    findings = []
    for transform in wanted:
        try:
            findings.extend(transform.check(ctx))
        except RecursionError:
            findings.append(parse_error(path, f"{transform.code} skipped: the code is nested too deeply"))
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not end the run
            error = parse_error(path, f"internal error in {transform.code}: {_one_line(exc)}")
            if debug:  # shown under the finding by the text report
                error.extra["traceback"] = traceback.format_exc()
            findings.append(error)
    if lent:
        index.forget(info)  # the index keeps the trees it needs for the app, not every file's
    if any(f.fix is not None and f.fix.edits for f in findings):
        result.digests.setdefault(path, source.digest)  # the text the rules read, not a later one
        result.trees[source.digest] = info.tree
    return [_pinned(f, result.digests) for f in findings]


def _pinned(finding: Finding, digests: dict[Path, str]) -> Finding:
    """The finding with its fix pinned to the bytes of every file it edits, as they are now."""
    if finding.fix is None or not finding.fix.edits:
        return finding
    pins = []
    for path in sorted({e.path for e in finding.fix.edits}):
        if path not in digests:
            try:
                digests[path] = digest(read_bytes(path))
            except SourceError:
                continue  # applying the fix will say why the file cannot be read
        pins.append((path, digests[path]))
    return replace(finding, fix=replace(finding.fix, pins=tuple(pins)))


def _one_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__
