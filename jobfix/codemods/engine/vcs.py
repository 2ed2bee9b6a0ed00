"""Git, through the ``git`` command: is an app's work tree clean before jobfix writes into it, and
one commit per app afterwards (``--commit``).

Like ``cargo fix``: with uncommitted changes, a person could not tell jobfix's edits from their
own, nor undo them with git; so jobfix refuses unless told ``--allow-dirty``.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from jobfix.codemods.engine.model import Finding, Unit


class VcsError(Exception):
    """git failed; the message is one line for the user."""


def app_folder(unit: Unit) -> Path:
    """The folder an app lives in (``apps/myapp``, holding the package ``myapp/myapp``)."""
    return unit.root.parent if unit.is_app else unit.root


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except OSError as exc:
        raise VcsError(f"cannot run git: {exc.strerror or exc}") from None


def uncommitted(folder: Path) -> list[str] | None:
    """``git status --porcelain`` lines for ``folder`` (untracked files included); None outside git."""
    if not _in_work_tree(folder):
        return None
    done = _git(folder, "status", "--porcelain", "--", ".")
    if done.returncode != 0:
        raise VcsError(f"git status failed in {folder}: {_first_line(done.stderr)}")
    return [line for line in done.stdout.splitlines() if line.strip()]


def _in_work_tree(folder: Path) -> bool:
    try:
        done = _git(folder, "rev-parse", "--is-inside-work-tree")
    except VcsError:
        return False  # no git on this machine: nothing can be a git work tree for us
    if done.returncode != 0 and "not a git repository" not in done.stderr:
        raise VcsError(f"git cannot read {folder}: {_first_line(done.stderr)}")
    return done.returncode == 0 and done.stdout.strip() == "true"


def ready_to_commit(folder: Path) -> None:
    """Raises VcsError unless git can commit in ``folder``: checked before jobfix writes anything."""
    if not _in_work_tree(folder):
        raise VcsError(f"{folder} is not in a git work tree; --commit needs one")
    for variable in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        done = _git(folder, "var", variable)
        if done.returncode != 0:
            raise VcsError(f"git cannot commit in {folder}: {_first_line(done.stderr)}")


def dirty_files(folder: Path) -> set[Path]:
    """The files under ``folder`` with uncommitted changes (untracked included), resolved."""
    if not _in_work_tree(folder):
        return set()
    top = _git(folder, "rev-parse", "--show-toplevel").stdout.strip()
    done = _git(folder, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    if done.returncode != 0:
        raise VcsError(f"git status failed in {folder}: {_first_line(done.stderr)}")
    found, entries = set(), iter(done.stdout.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        found.add((Path(top) / entry[3:]).resolve())
        if entry[0] in "RC":  # a rename or copy: its source path follows
            found.add((Path(top) / next(entries, "")).resolve())
    return found


def dirty_apps(units: list[Unit]) -> list[tuple[Unit, list[str]]]:
    """The apps in git work trees with uncommitted changes, and those changes."""
    dirty = []
    for unit in units:
        try:
            changes = uncommitted(app_folder(unit))
        except VcsError as exc:
            changes = [str(exc)]
        if changes:
            dirty.append((unit, changes))
    return dirty


def commit_message(app: str, fixed: list[Finding]) -> str:
    counts = Counter((f.code, f.name) for f in fixed)
    total = sum(counts.values())
    lines = [f"jobfix: fix {total} finding{'s' if total != 1 else ''} in {app}", ""]
    lines += [f"{code} {name}: {n}" for (code, name), n in sorted(counts.items())]
    return "\n".join(lines) + "\n"


def commit(folder: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (new files included); returns the short commit id."""
    if not _in_work_tree(folder):
        raise VcsError(f"{folder} is not in a git work tree; not committed")
    names = [str(p) for p in paths]
    for args in (("add", "--", *names), ("commit", "-q", "-m", message, "--", *names), ("rev-parse", "--short", "HEAD")):
        done = _git(folder, *args)
        if done.returncode != 0:
            raise VcsError(f"git {args[0]} failed: {_first_line(done.stderr or done.stdout)}")
    return done.stdout.strip()


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0].removeprefix("fatal: ") if lines else "no message"


def remote_urls(folder: Path) -> list[str]:
    """The fetch URLs of the remotes of the git work tree holding ``folder`` ([] outside git)."""
    try:
        done = _git(folder, "remote", "-v")
    except VcsError:
        return []
    if done.returncode != 0:
        return []
    return sorted({line.split()[1] for line in done.stdout.splitlines() if line.endswith("(fetch)") and len(line.split()) >= 3})
