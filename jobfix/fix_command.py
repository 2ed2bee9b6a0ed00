"""What ``jobfix fix`` does once its options are parsed: one app or a whole bench, written,
previewed (``--dry-run``, ``--diff``) or reviewed change by change (``--interactive``).

cli.py parses the options and turns ``Refused`` into a one-line error with exit code 2.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from jobfix.codemods.reports import text as report
from jobfix.codemods.engine import vcs
from jobfix.codemods.engine.bulk import AppResult, Mode, run_apps
from jobfix.codemods.engine.cache import FindingsCache
from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.analysis import Unit, analyse, discover
from jobfix.review import NoTerminal, answers_from, review
from jobfix.codemods.engine.runner import all_findings, plan_fixes

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class Refused(Exception):
    """The run cannot start as asked; nothing was written."""


@dataclass(frozen=True)
class FixOptions:
    dry_run: bool = False
    diff: bool = False
    interactive: bool = False
    jobs: int | None = None  # None: the CPU count (one process for small runs)
    allow_dirty: bool = False
    commit: bool = False
    exit_zero: bool = False
    debug: bool = False
    cache: FindingsCache | None = None  # skip files an earlier run found clean


def run_fix(paths: list[Path], config: Config, options: FixOptions, out: Console, err: Console) -> int:
    """Returns the exit code."""
    preview = options.dry_run or options.diff
    if preview and (options.interactive or options.commit):
        flag = "--interactive" if options.interactive else "--commit"
        raise Refused(f"{flag} cannot be combined with --dry-run or --diff")
    answers = None
    if options.interactive:
        try:
            answers = answers_from(sys.stdin)
        except NoTerminal as exc:
            raise Refused(str(exc)) from None
    units = discover(paths, config)
    if not preview and not options.allow_dirty:
        _refuse_dirty(units)
    if options.interactive:
        return _interactive(units, config, options, answers, out, err)
    try:
        results = _run_with_progress(units, config, Mode.PREVIEW if preview else Mode.WRITE, options, err)
    except KeyboardInterrupt:
        err.print("interrupted: the apps in progress were finished, no other app was started", highlight=False)
        return EXIT_INTERRUPTED
    for result in results:
        if result.error is not None:
            err.print(Text(f"error: {report.printable(result.name)}: {report.printable(result.error)}", style="red"), soft_wrap=True)
    changes = [c for r in results for c in r.changes]
    failed = [f for r in results for f in r.failed]
    if options.diff:
        sys.stdout.write("".join(c.diff for c in changes))
        for failure in failed:
            err.print(f"error: {report.printable(str(failure.finding.path))}: {failure.finding.code} fix not applied: "
                      f"{report.printable(failure.reason)}", soft_wrap=True, highlight=False, markup=False)
        return EXIT_FINDINGS if changes else EXIT_CLEAN
    remaining = [f for r in results for f in r.remaining]
    if options.dry_run:
        for change in changes:
            report.print_diff_text(out, change.diff)
    else:
        report.print_findings(out, remaining, config.unsafe_fixes)
    if len(results) > 1:
        out.print(report.apps_table(results, dry_run=options.dry_run))
    committed = _commit([(r.unit, r.changes) for r in results], out, err) if options.commit else True
    report.fix_summary(
        out, changes, remaining, failed, [e for r in results for e in r.write_errors], dry_run=options.dry_run,
        unsafe_fixes=config.unsafe_fixes, hooks_changed=[p for r in results for p in r.hooks_changed],
    )
    if not committed or any(r.error for r in results):
        return EXIT_ERROR
    if options.dry_run:
        return EXIT_FINDINGS if changes else EXIT_CLEAN
    return EXIT_FINDINGS if remaining and not options.exit_zero else EXIT_CLEAN


def _refuse_dirty(units: list[Unit]) -> None:
    dirty = vcs.dirty_apps(units)
    if not dirty:
        return
    listed = "; ".join(
        f"{vcs.app_folder(unit)} ({', '.join(lines[:3])}{', ...' if len(lines) > 3 else ''})" for unit, lines in dirty
    )
    raise Refused(
        f"uncommitted changes in {len(dirty)} app{'s' if len(dirty) != 1 else ''}: {listed}. "
        "Commit or stash them first (so jobfix's changes can be reviewed and undone with git), "
        "or pass --allow-dirty"
    )


def _run_with_progress(units: list[Unit], config: Config, mode: Mode, options: FixOptions, err: Console) -> list[AppResult]:
    with _progress(units, err) as on_result:
        return run_apps(units, config, mode, jobs=options.jobs, debug=options.debug, cache=options.cache, on_result=on_result)


@contextmanager
def _progress(units: list[Unit], console: Console):
    """A progress bar on a terminal, a plain line per app otherwise; nothing for a single app.

    Drawn without a refresh thread (``auto_refresh=False``), so worker processes are forked from
    a process with no other thread running.
    """
    total = len(units)
    if total <= 1:
        yield None
        return
    if not console.is_terminal:
        done = 0

        def line(_index: int, result: AppResult) -> None:
            nonlocal done
            done += 1
            status = f"error: {result.error}" if result.error else _count(len(result.findings), "finding")
            if result.error_count and not result.error:
                status += f", {_count(result.error_count, 'error')}"
            console.print(f"[{done}/{total}] {report.printable(result.name)}: {report.printable(status)}",
                          highlight=False, soft_wrap=True, markup=False)

        yield line
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, auto_refresh=False, transient=True) as progress:
        task = progress.add_task("apps", total=total)

        def advance(_index: int, result: AppResult) -> None:
            progress.update(task, advance=1, description=report.printable(result.name))
            progress.refresh()

        progress.refresh()
        yield advance


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _interactive(units, config: Config, options: FixOptions, answers, out: Console, err: Console) -> int:
    """Review in this process (the edits of a finding do not cross processes), then write once."""
    findings = all_findings([analyse(unit, config, options.debug, options.cache) for unit in units])
    offered = [f for f in findings if f.fixable(config.unsafe_fixes)]
    if not offered:
        out.print("No fixes to review.", highlight=False)
    try:
        decision = review(offered, out, answers)
    except KeyboardInterrupt:
        err.print("interrupted: no file was changed", highlight=False)
        return EXIT_INTERRUPTED
    accepted = {id(f) for f in decision.accepted}
    plan = plan_fixes(findings, config.unsafe_fixes, accept=lambda f: id(f) in accepted, sources=decision.sources)
    written, errors = write_changes(plan.changes)
    remaining = sorted(plan.remaining + [f for change, _ in errors for f in change.findings], key=lambda f: f.sort_key)
    out.print()
    report.print_findings(out, remaining, config.unsafe_fixes)
    committed = _commit(_by_unit(units, written), out, err) if options.commit else True
    report.fix_summary(
        out, written, remaining, plan.failed, errors, dry_run=False,
        unsafe_fixes=config.unsafe_fixes, hooks_changed=[c.path for c in written if c.path.name == "hooks.py"],
    )
    if not committed:
        return EXIT_ERROR
    return EXIT_FINDINGS if remaining and not options.exit_zero else EXIT_CLEAN


def _by_unit(units: list[Unit], changes) -> list[tuple[Unit, list]]:
    """The changes of each unit (a change belongs to the innermost unit holding its file)."""
    grouped: dict[int, list] = {}
    for change in changes:
        owners = [i for i, u in enumerate(units) if u.root in change.path.parents]
        if owners:
            grouped.setdefault(max(owners, key=lambda i: len(units[i].root.parts)), []).append(change)
    return [(units[i], grouped[i]) for i in sorted(grouped)]


def _commit(per_unit: list[tuple[Unit, list]], out: Console, err: Console) -> bool:
    """One commit per app that changed; False when any commit failed."""
    ok = True
    for unit, changes in per_unit:
        if not changes:
            continue
        fixed = [f for change in changes for f in change.findings]
        try:
            commit_id = vcs.commit(vcs.app_folder(unit), [c.path for c in changes], vcs.commit_message(unit.name, fixed))
        except vcs.VcsError as exc:
            err.print(Text(f"error: {report.printable(unit.name)}: {report.printable(str(exc))}", style="red"), soft_wrap=True)
            ok = False
            continue
        out.print(f"Committed {report.printable(unit.name)} as {commit_id}: {len(fixed)} fix{'es' if len(fixed) != 1 else ''}.",
                  highlight=False, markup=False)
    return ok
