"""Many apps in one run (a bench's ``apps/`` folder): each app analysed, fixed and reported on its
own, in worker processes when that pays.

A worker returns plain data only: findings without their edits (``Finding.portable``; rewrites
need not pickle), the files it changed or would change with their diffs, and what went wrong.
So the worker itself builds and writes (or diffs) its app's changes. One app failing never stops
the others: its error is reported in its row.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable

from jobfix.codemods.engine.cache import FindingsCache
from jobfix.codemods.engine.changes import FailedFix, FileChange, write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.analysis import Unit, analyse, with_source_version
from jobfix.codemods.engine.analysis import _one_line as one_line
from jobfix.codemods.engine.model import Finding
from jobfix.codemods.index.frappe_api import FrappeTarget
from jobfix.codemods.engine.runner import map_units, plan_fixes


class Mode(enum.Enum):
    CHECK = "check"  # findings only
    PREVIEW = "preview"  # findings and the diffs of the fixes; nothing written
    WRITE = "write"  # findings, and the fixes written


@dataclass(frozen=True)
class ChangedFile:
    """A file the fixes changed (or would change), as a worker reports it."""

    path: Path
    findings: tuple[Finding, ...]
    diff: str = ""  # filled in PREVIEW mode
    created: bool = False


@dataclass
class AppResult:
    unit: Unit
    files_scanned: int = 0
    findings: list[Finding] = field(default_factory=list)  # everything found, fixed or not
    suppressed: list[Finding] = field(default_factory=list)  # hidden by suppression comments
    changes: list[ChangedFile] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    failed: list[FailedFix] = field(default_factory=list)
    write_errors: list[tuple[ChangedFile, str]] = field(default_factory=list)
    error: str | None = None  # the app as a whole could not be processed
    frappe: FrappeTarget | None = None  # the version the fixes were written for
    from_version: int | None = None  # the version the code was read as

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def fixed(self) -> list[Finding]:
        return [f for change in self.changes for f in change.findings]

    @property
    def hooks_changed(self) -> list[Path]:
        return [c.path for c in self.changes if c.path.name == "hooks.py"]

    @property
    def needs_person(self) -> list[Finding]:
        """Findings no fix of jobfix can resolve (not even an unsafe one)."""
        return [f for f in self.remaining if not f.fixable(True) and not f.is_parse_error]

    @property
    def error_count(self) -> int:
        unreadable = sum(1 for f in self.findings if f.is_parse_error)
        return unreadable + len(self.failed) + len(self.write_errors) + (self.error is not None)

    def rule_counts(self) -> Counter:
        return Counter(f.code for f in self.findings if not f.is_parse_error)


def run_app(unit: Unit, config: Config, mode: Mode, debug: bool, cwd: Path, cache: FindingsCache | None = None) -> AppResult:
    """Everything one app needs, done where it runs (a worker process or this one)."""
    try:
        return _run_app(unit, config, mode, debug, cwd, cache)
    except Exception as exc:  # noqa: BLE001 - one app's failure must not end the run
        return AppResult(unit, error=one_line(exc))


def _run_app(unit: Unit, config: Config, mode: Mode, debug: bool, cwd: Path, cache: FindingsCache | None) -> AppResult:
    analysed = analyse(unit, config, debug, cache)
    result = AppResult(unit, analysed.files_scanned, [f.portable() for f in analysed.findings],
                       [f.portable() for f in analysed.suppressed], frappe=analysed.frappe,
                       from_version=with_source_version(config, unit).from_version)
    if mode is Mode.CHECK:
        result.remaining = list(result.findings)
        return result
    plan = plan_fixes(analysed.findings, config.unsafe_fixes)
    changes, remaining = plan.changes, plan.remaining
    if mode is Mode.WRITE:
        changes, errors = write_changes(plan.changes)
        result.write_errors = [(_portable_change(change), reason) for change, reason in errors]
        remaining = remaining + [f for change, _ in errors for f in change.findings]
        remaining.sort(key=lambda f: f.sort_key)
    result.changes = [_portable_change(c, cwd if mode is Mode.PREVIEW else None) for c in changes]
    result.remaining = [f.portable() for f in remaining]
    result.failed = [FailedFix(failure.finding.portable(), failure.reason) for failure in plan.failed]
    return result


def _portable_change(change: FileChange, diff_from: Path | None = None) -> ChangedFile:
    diff = change.diff(diff_from) if diff_from is not None else ""
    return ChangedFile(change.path, tuple(f.portable() for f in change.findings), diff, change.source is None)


def run_apps(
    units: list[Unit],
    config: Config,
    mode: Mode,
    *,
    jobs: int | None = None,
    debug: bool = False,
    cwd: Path | None = None,
    cache: FindingsCache | None = None,
    on_result: Callable[[int, AppResult], None] | None = None,
) -> list[AppResult]:
    """Every unit through ``run_app``, in parallel when that pays; results in unit order."""
    work = partial(run_app, config=config, mode=mode, debug=debug, cwd=cwd or Path.cwd(), cache=cache)
    return map_units(
        work, units, jobs=jobs, sizes=[len(u.files) for u in units], on_result=on_result,
        on_crash=lambda unit, exc: AppResult(unit, error=f"failed in its worker process: {one_line(exc)}"),
    )

