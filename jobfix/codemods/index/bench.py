"""A Frappe bench seen from outside, for the next steps after a fix: which sites must migrate.

Frappe syncs ``scheduler_events`` into Scheduled Job Types only during ``bench migrate``
(frappe-api.md §4), so a changed hooks.py does nothing until each site that has the app
installed migrates. A bench is a folder with ``apps/`` and ``sites/``; a site is a folder of
``sites/`` holding ``site_config.json``. Which apps a site has installed lives in its database,
not on disk; what the disk does say is ``sites/apps.txt``, the apps installed in the bench: an app
missing from it cannot be installed on any site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class Bench:
    root: Path
    sites: list[str]
    apps: set[str] | None  # sites/apps.txt; None when there is none


@dataclass
class MigrateStep:
    """Apps whose hooks.py changed, grouped by the bench they are in (None: no bench found)."""

    bench: Bench | None
    apps: list[str] = field(default_factory=list)
    not_installed: list[str] = field(default_factory=list)  # not in the bench's sites/apps.txt


def bench_root(package: Path) -> Path | None:
    """The bench folder around an app package laid out as ``<bench>/apps/<app>/<app>``."""
    apps = package.parent.parent
    return apps.parent if apps.name == "apps" else None


def find_bench(package: Path) -> Bench | None:
    """The bench (with its sites) whose ``apps/`` folder holds the app package ``package``."""
    root = bench_root(package)
    if root is None or not (root / "sites").is_dir():
        return None
    return Bench(root, _sites(root / "sites"), _bench_apps(root / "sites" / "apps.txt"))


def _sites(sites: Path) -> list[str]:
    try:
        return sorted(d.name for d in sites.iterdir() if (d / "site_config.json").is_file())
    except OSError:
        return []


def _bench_apps(path: Path) -> set[str] | None:
    try:
        return {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()}
    except (OSError, UnicodeDecodeError):
        return None


def migrate_steps(hooks_changed: list[Path]) -> list[MigrateStep]:
    steps: dict[Path | None, MigrateStep] = {}
    for hooks in sorted({Path(os.path.abspath(p)) for p in hooks_changed}):
        package = hooks.parent
        bench = find_bench(package)
        step = steps.setdefault(bench.root if bench else None, MigrateStep(bench))
        names = {package.name, package.parent.name}
        if bench is not None and bench.apps is not None and not names & bench.apps:
            step.not_installed.append(package.name)
        else:
            step.apps.append(package.name)
    return list(steps.values())


def migrate_lines(hooks_changed: list[Path], display: Callable[[Path], str] = str, changed: str = "changed") -> list[str]:
    """What to run, one instruction a line: per site where the bench's sites are known
    (``changed``: "would change" for a preview)."""
    if not hooks_changed:
        return []
    lines = ["Next step: scheduler_events reach the sites only through a migrate:"]
    for step in migrate_steps(hooks_changed):
        apps = ", ".join(step.apps)
        if step.bench is None:
            lines.append(f"  hooks.py of {apps} {changed}: in each bench that has it, run `bench --site all migrate`")
            continue
        where = display(step.bench.root)
        bench, apps_txt = ("this bench", "sites/apps.txt") if where == "." else (f"the bench {where}", f"{where}/sites/apps.txt")
        if step.apps and step.bench.sites:
            lines.append(f"  hooks.py of {apps} {changed}: in {bench}, run for each of its sites that has it installed:")
            lines += [f"    bench --site {site} migrate" for site in step.bench.sites]
        elif step.apps:
            lines.append(f"  hooks.py of {apps} {changed}: {bench} has no sites yet; nothing to migrate")
        for name in step.not_installed:
            lines.append(f"  hooks.py of {name} {changed}: not in {apps_txt}, so no site has it; nothing to migrate")
    return lines
