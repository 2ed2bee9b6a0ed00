"""One run, start to end: analyse the units, pick the fixes, build the new file contents.

The CLI calls these and hands what they return to the reporters; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jobfix.codemods.changes import FailedFix, FileChange, build_changes
from jobfix.codemods.config import Config
from jobfix.codemods.engine import UnitResult, analyse, discover
from jobfix.codemods.model import Finding


@dataclass
class FixPlan:
    changes: list[FileChange] = field(default_factory=list)
    failed: list[FailedFix] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def fixed(self) -> list[Finding]:
        return [f for change in self.changes for f in change.findings]

    @property
    def hooks_changed(self) -> list[Path]:
        return [c.path for c in self.changes if c.path.name == "hooks.py"]


def analyse_paths(paths: list[Path], config: Config, debug: bool = False) -> list[UnitResult]:
    return [analyse(unit, config, debug) for unit in discover(paths, config)]


def all_findings(results: list[UnitResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def plan_fixes(
    findings: list[Finding],
    unsafe_fixes: bool,
    accept: Callable[[Finding], bool] | None = None,
) -> FixPlan:
    """The new contents for the fixes allowed by ``unsafe_fixes`` (and ``accept``, when given)."""
    chosen = [f for f in findings if f.fixable(unsafe_fixes) and (accept is None or accept(f))]
    changes, failed = build_changes(chosen)
    fixed_ids = {id(f) for change in changes for f in change.findings}
    remaining = [f for f in findings if id(f) not in fixed_ids]
    return FixPlan(changes, failed, remaining)
