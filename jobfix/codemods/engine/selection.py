"""Which apps of a bench a run touches: the user's own, never frappe, and upstream apps only when asked.

A bench's ``apps/`` folder holds frappe, often erpnext or hrms checked out from frappe's
organisation, and the user's apps. jobfix changes the user's apps: frappe itself is never
changed, and an app whose git remote is frappe's organisation (or a remote listed in
``upstream-remotes``) is skipped, and listed with the reason, unless ``--include-upstream``.
An app named on the command line by its own path is the user's choice and is taken as given.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from jobfix.codemods.engine import vcs
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.model import Unit

FRAPPE = "frappe"
# github.com/frappe/<repo>, over https or ssh: the organisation that publishes frappe, erpnext, hrms...
FRAPPE_ORGANISATION = re.compile(r"^(?:https?://|ssh://)?(?:[^@/]+@)?github\.com[:/]frappe/[^/]+?(?:\.git)?/?$")


@dataclass(frozen=True)
class AppSelection:
    apps: frozenset[str] = frozenset()  # --app: only these (by app name)
    exclude: frozenset[str] = frozenset()  # --exclude-app
    include_upstream: bool = False
    writing: bool = False  # fix: frappe is never changed, even when asked


@dataclass(frozen=True)
class Skipped:
    name: str
    folder: Path
    reason: str


def select(units: list[Unit], given: list[Path], config_of, selection: AppSelection) -> tuple[list[Unit], list[Skipped]]:
    """The units to run, and the apps left out with the reason (``config_of(unit)`` -> its Config)."""
    named = {Path(os.path.abspath(p)) for p in given}
    kept, skipped = [], []
    for unit in units:
        reason = _reason(unit, named, config_of(unit), selection) if unit.is_app else None
        if reason is None:
            kept.append(unit)
        else:
            skipped.append(Skipped(unit.name, vcs.app_folder(unit), reason))
    unknown = sorted((selection.apps | selection.exclude) - {u.name for u in units if u.is_app})
    if unknown:
        raise ValueError(f"no app named {', '.join(unknown)} under the given paths (apps found: "
                         f"{', '.join(sorted(u.name for u in units if u.is_app)) or 'none'})")
    return kept, skipped


def _reason(unit: Unit, named: set[Path], config: Config, selection: AppSelection) -> str | None:
    if selection.apps and unit.name not in selection.apps:
        return "not chosen with --app"
    if unit.name in selection.exclude:
        return "left out with --exclude-app"
    if unit.name == FRAPPE and selection.writing:
        return "frappe itself is never changed"
    asked = unit.name in selection.apps or any(p == unit.root or p == vcs.app_folder(unit) or unit.root in p.parents for p in named)
    if selection.include_upstream or asked:
        return None
    if unit.name == FRAPPE:
        return "frappe itself (--include-upstream to check it)"
    remote = upstream_remote(unit, config)
    if remote is not None:
        return f"an upstream app, checked out from {remote} (--include-upstream to include it)"
    return None


def upstream_remote(unit: Unit, config: Config) -> str | None:
    """The remote URL that makes this app an upstream checkout, if any."""
    for url in vcs.remote_urls(vcs.app_folder(unit)):
        if FRAPPE_ORGANISATION.match(url) or any(fnmatch(url, pattern) for pattern in config.upstream_remotes):
            return url
    return None
