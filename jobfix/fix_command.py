"""What ``jobfix fix`` shows once its options are parsed: one app or a whole bench, written,
previewed (``--dry-run``, ``--diff``), reviewed change by change (``--interactive``) or read
from standard input.

The run itself is ``runner.run``, the same for every command (git guards and commits included);
this module picks its options, draws the progress and prints the results. cli.py parses the
options and turns ``Refused`` into a one-line error with exit code 2.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from jobfix.codemods.engine.cache import FindingsCache
from jobfix.codemods.engine.model import AppResult, Finding, RunRefused, Unit
from jobfix.codemods.engine.runner import Decision, Mode, RunOptions, Scope, run
from jobfix.codemods.engine.source import standard_input_bytes
from jobfix.codemods.reports import text as report
from jobfix.review import NoTerminal, Review, answers_from

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
    exit_non_zero_on_fix: bool = False
    quiet: bool = False  # the findings (and diffs), nothing else
    stdin: Path | None = None  # the path whose code came from standard input: its fixed code goes to standard output
    debug: bool = False
    cache: FindingsCache | None = None  # skip files an earlier run found clean


def run_fix(scope: Scope, options: FixOptions, out: Console, err: Console) -> int:
    """Returns the exit code."""
    units, config = scope.units, scope.config
    preview = options.dry_run or options.diff
    if preview and (options.interactive or options.commit):
        flag = "--interactive" if options.interactive else "--commit"
        raise Refused(f"{flag} cannot be combined with --dry-run or --diff")
    if options.stdin and (options.interactive or options.commit or preview):
        raise Refused("standard input (`-`) is fixed to standard output: no --interactive, --commit, --dry-run or --diff")
    reviewer = None
    if options.stdin:
        reviewer = _only_in(options.stdin)
        out = err  # standard output carries the fixed code
    elif options.interactive:
        try:
            reviewer = Review(out, answers_from(sys.stdin))
        except NoTerminal as exc:
            raise Refused(str(exc)) from None
    run_options = RunOptions(
        Mode.PREVIEW if preview else Mode.WRITE, jobs=1 if reviewer else options.jobs, debug=options.debug,
        cache=options.cache, allow_dirty=options.allow_dirty or options.stdin is not None, commit=options.commit,
    )
    try:
        if reviewer is not None:
            results = run(units, config, run_options, review=reviewer)
        else:
            with _progress(units, err) as on_result:
                results = run(units, config, run_options, on_result=on_result)
    except RunRefused as exc:
        raise Refused(str(exc)) from None
    except KeyboardInterrupt:
        if reviewer is None:
            err.print("interrupted: the apps in progress were finished, no other app was started", highlight=False)
        elif not isinstance(reviewer, Review) or reviewer.calls <= 1:
            err.print("interrupted: no file was changed", highlight=False)
        else:
            err.print("interrupted: the changes accepted before this review were written, no other", highlight=False)
        return EXIT_INTERRUPTED
    if options.stdin:
        sys.stdout.buffer.write(standard_input_bytes(options.stdin))
        sys.stdout.flush()
    for result in results:
        if result.error is not None:
            err.print(Text(f"error: {report.printable(result.name)}: {report.printable(result.error)}", style="red"), soft_wrap=True)
    changes = [c for r in results for c in r.changes]
    failed = [f for r in results for f in r.failed]
    if options.diff:
        sys.stdout.write("".join(c.diff(Path.cwd()) for c in changes))
        for failure in failed:
            err.print(f"error: {report.printable(str(failure.finding.path))}: {failure.finding.code} fix not applied: "
                      f"{report.printable(failure.reason)}", soft_wrap=True, highlight=False, markup=False)
        return EXIT_FINDINGS if changes else EXIT_CLEAN
    remaining = [f for r in results for f in r.remaining]
    if options.dry_run:
        for change in changes:
            report.print_diff(out, change)
    else:
        if reviewer is not None:
            out.print()
        report.print_findings(out, remaining, config.unsafe_fixes)
    if len(results) > 1 and not options.quiet:
        out.print(report.apps_table(results, dry_run=options.dry_run))
    committed = _print_commits(results, out, err)
    if not options.quiet:
        report.fix_summary(
            out, changes, remaining, failed, [e for r in results for e in r.write_errors], dry_run=options.dry_run,
            unsafe_fixes=config.unsafe_fixes, hooks_changed=[p for r in results for p in r.hooks_changed],
            not_applied=_not_applied(reviewer, options),
        )
    for result in results:
        if not result.settled:
            out.print(f"{report.printable(result.name)}: the fixes did not settle after {_count(result.passes, 'pass')} "
                      "(each pass made new fixes possible): run `jobfix fix` again", highlight=False, markup=False)
    if not committed or any(r.error for r in results):
        return EXIT_ERROR
    if options.dry_run:
        return EXIT_FINDINGS if changes else EXIT_CLEAN
    if options.exit_non_zero_on_fix and changes:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if remaining and not options.exit_zero else EXIT_CLEAN


def _only_in(path: Path):
    """For standard input: every fix that changes only that code (never another file of the app)."""
    target = Path(os.path.abspath(path))

    def accept(offered: list[Finding]) -> Decision:
        return Decision([f for f in offered if not f.fix.new_files and all(Path(os.path.abspath(e.path)) == target for e in f.fix.edits)])

    return accept


def _not_applied(reviewer, options: FixOptions) -> str | None:
    if isinstance(reviewer, Review):
        return f"fixable, not applied: {reviewer.rejected} rejected, {reviewer.unreviewed} not reviewed"
    if options.stdin:
        return "fixable, not applied: their fixes change other files than the standard input's"
    return None


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


def _print_commits(results: list[AppResult], out: Console, err: Console) -> bool:
    """What --commit did for each app; False when a commit failed or a file had to be left out."""
    ok = True
    for result in results:
        for held in result.not_committed:
            err.print(f"error: {report.printable(result.name)}: {report.printable(report.display_path(held))} not committed: "
                      "it had uncommitted changes before the run; review it and commit it yourself",
                      soft_wrap=True, highlight=False, markup=False)
            ok = False
        if result.commit_error is not None:
            err.print(Text(f"error: {report.printable(result.name)}: {report.printable(result.commit_error)}", style="red"),
                      soft_wrap=True)
            ok = False
        elif result.commit is not None:
            fixed = len([f for f in result.fixed if any(c.path not in result.not_committed and f in c.findings for c in result.changes)])
            out.print(f"Committed {report.printable(result.name)} as {result.commit}: {fixed} fix{'es' if fixed != 1 else ''}.",
                      highlight=False, markup=False)
    return ok
