"""The command line: parses options, calls the runner, hands results to the reporters."""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer
from typer.core import TyperGroup
try:
    from typer._click.exceptions import UsageError  # typer 0.2x carries its own click
except ImportError:  # pragma: no cover - older typer on click
    from click.exceptions import UsageError

from jobfix import __version__
from jobfix.check_command import (
    Format, check as run_check, evidence_of, fail, output_to, refuse_statistics, scope_of, stdin_paths,
)
from jobfix.consoles import err, out
from jobfix.codemods.evidence.model import DEFAULT_WINDOW

if TYPE_CHECKING:
    from jobfix.fix_command import FixOptions

# Each command imports what it needs when it runs (the engine, the reports, rich): `jobfix --help`,
# `--version`, `rules` and `explain` then start in a fraction of the time a check needs to load.


class _UsageError(UsageError):
    """A usage error said as jobfix says every error: ``error: ...`` on one line, exit code 2."""

    def show(self, file=None) -> None:
        from jobfix.codemods.reports import text as report

        lines = [line.strip() for line in self.format_message().splitlines() if line.strip()]
        message = " ".join(lines)
        err().print(f"error: {report.printable(message[:1].lower() + message[1:])}", soft_wrap=True, markup=False,
                  highlight=False)


class _DefaultToFix(TyperGroup):
    """``jobfix --dry-run PATH`` (and ``--diff``) mean ``jobfix fix --dry-run PATH``; usage errors
    of the parser read like jobfix's own."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise _one_line(exc) from None

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        if (first is None or first not in self.commands) and ({"--dry-run", "--diff"} & set(args)):
            args = ["fix", *args]
        return super().parse_args(ctx, args)


def _one_line(exc: UsageError) -> UsageError:
    return exc if isinstance(exc, _UsageError) else _UsageError(exc.format_message(), exc.ctx)


app = typer.Typer(
    cls=_DefaultToFix,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Find and fix background-job and scheduler anti-patterns in Frappe apps.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class DocFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        print(f"jobfix {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Find and fix background-job and scheduler anti-patterns in Frappe apps."""


PATHS = typer.Argument(None, help="Apps, a bench's apps/ folder, folders or files (default: the current folder).")
SELECT = typer.Option(None, "--select", help="Rule codes or prefixes to enable, comma separated.")
IGNORE = typer.Option(None, "--ignore", help="Rule codes or prefixes to disable.")
EXTEND = typer.Option(None, "--extend-select", help="Codes to enable on top of the selection.")
FRAPPE = typer.Option(None, "--frappe-version", help="Target Frappe version: 13, 14, 15 or 16 (default: read from the app, else 15).")
FROM = typer.Option(None, "--from-version", help="Frappe major version the code was written for (13-16; default: the bench's frappe, else what the app declares; unknown: version-dependent rewrites are display-only): how the migration rules read it.")
UNSAFE = typer.Option(None, "--unsafe-fixes/--no-unsafe-fixes", help="Also apply fixes that change control flow, timing or signatures.")
JOBS = typer.Option(None, "--jobs", "-j", min=1, help="Apps processed in parallel (default: the CPU count).")
NO_CACHE = typer.Option(False, "--no-cache", help="Analyse every file, ignoring and not updating the cache of clean files.")
DEBUG = typer.Option(False, "--debug", help="Show tracebacks of internal errors.")
SITE = typer.Option(None, "--site", help="Read each scheduled task's measured runs from this site's database (MariaDB, read-only).")
BENCH = typer.Option(None, "--bench", help="The bench holding --site (default: the one around the paths or the current folder).")
SINCE = typer.Option(DEFAULT_WINDOW, "--since", help="How far back evidence goes: 30d, 12h, 2w.")
JOB_LOG = typer.Option(None, "--job-log", help="Read the measured runs from a CSV or JSON export of Scheduled Job Log instead.")


OUTPUT_FILE = typer.Option(None, "--output-file", "-o", help="Write the report to this file instead of the standard output.")
QUIET = typer.Option(False, "--quiet", "-q", help="Print the findings (and diffs), nothing else.")
EXIT_ON_FIX = typer.Option(False, "--exit-non-zero-on-fix", help="Exit 1 when a fix was applied, even if no finding is left.")
STDIN_FILENAME = typer.Option(None, "--stdin-filename", help="With `-` as the path: where the code read from standard input lives (its app is found from there).")
APPS = typer.Option(None, "--app", help="Only this app of a bench (repeat for more).")
EXCLUDE_APPS = typer.Option(None, "--exclude-app", help="Leave this app of a bench out (repeat for more).")
UPSTREAM = typer.Option(False, "--include-upstream", help="Also apps checked out from an upstream remote (frappe's organisation, or upstream-remotes); frappe itself is never changed.")


@app.command()
def check(
    paths: Optional[List[Path]] = PATHS,
    output_format: Format = typer.Option(Format.text, "--output-format", "--format", help="text, json (ruff's shape), sarif (GitHub code scanning) or github (Actions annotations)."),
    select: Optional[str] = SELECT,
    ignore: Optional[str] = IGNORE,
    extend_select: Optional[str] = EXTEND,
    frappe_version: Optional[str] = FRAPPE,
    from_version: Optional[int] = FROM,
    unsafe_fixes: Optional[bool] = UNSAFE,
    show_fixes: bool = typer.Option(False, "--show-fixes", help="Show why each finding matters and what its fix would do."),
    statistics: bool = typer.Option(False, "--statistics", help="Count the findings per rule (text or json)."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="Also list the findings suppression comments hide."),
    warn_unused_ignores: bool = typer.Option(False, "--warn-unused-ignores", help="Report suppression comments that suppress nothing (JF900)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when findings remain."),
    fix_them: bool = typer.Option(False, "--fix", help="Apply the fixes, as `jobfix fix` does."),
    exit_non_zero_on_fix: bool = EXIT_ON_FIX,
    add_noqa: bool = typer.Option(False, "--add-noqa", help="Write `# jobfix: ignore[JFxxx]` on every finding left, so CI starts at zero findings."),
    output_file: Optional[Path] = OUTPUT_FILE,
    quiet: bool = QUIET,
    stdin_filename: Optional[Path] = STDIN_FILENAME,
    apps: Optional[List[str]] = APPS,
    exclude_apps: Optional[List[str]] = EXCLUDE_APPS,
    include_upstream: bool = UPSTREAM,
    jobs: Optional[int] = JOBS,
    no_cache: bool = NO_CACHE,
    debug: bool = DEBUG,
    site: Optional[str] = SITE,
    bench: Optional[Path] = BENCH,
    since: str = SINCE,
    job_log: Optional[Path] = JOB_LOG,
) -> None:
    """Report findings; changes a file only with --fix or --add-noqa."""
    refuse_statistics(output_format, statistics)
    if fix_them and add_noqa:
        raise fail("--fix and --add-noqa cannot be combined")
    if fix_them:
        if output_format is not Format.text:
            raise fail(f"--fix prints text, not {output_format.value}")
        from jobfix.codemods.engine.cache import FindingsCache
        from jobfix.fix_command import FixOptions

        _fix(paths, select, ignore, extend_select, frappe_version, from_version, unsafe_fixes, apps, exclude_apps,
             include_upstream, FixOptions(
                 jobs=jobs, exit_zero=exit_zero, exit_non_zero_on_fix=exit_non_zero_on_fix, quiet=quiet, debug=debug,
                 cache=None if no_cache or stdin_filename else FindingsCache(),
             ), output_file, stdin_filename, evidence_of(paths, site, bench, since, job_log))
    run_check(paths, output_format, select, ignore, extend_select, frappe_version, from_version, unsafe_fixes, show_fixes,
              statistics, show_suppressed, warn_unused_ignores, exit_zero, add_noqa, output_file, quiet, stdin_filename, apps,
              exclude_apps, include_upstream, jobs, no_cache, debug, site, bench, since, job_log)


@app.command()
def rules(
    output_format: DocFormat = typer.Option(DocFormat.text, "--format", help="text (a table), json or markdown."),
) -> None:
    """List every rule: code, name, fix applicability and summary."""
    from jobfix.rule_commands import print_rules

    print_rules(output_format.value)


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule code (JF012) or name (enqueue-after-commit)."),
    output_format: DocFormat = typer.Option(DocFormat.text, "--format", help="text (Markdown) or json."),
) -> None:
    """Explain one rule: what it finds, why it matters, an example, the fix and its safety."""
    from jobfix.codemods.reports.rule_docs import rule_doc
    from jobfix.rule_commands import print_explanation

    doc = rule_doc(rule)
    if doc is None:
        raise fail(f"unknown rule {rule!r} (see `jobfix rules` for the codes)")
    print_explanation(doc, output_format.value)


@app.command()
def fix(
    paths: Optional[List[Path]] = PATHS,
    dry_run: bool = typer.Option(False, "--dry-run", help="Show coloured diffs of the fixes; write nothing."),
    diff: bool = typer.Option(False, "--diff", help="Print a plain unified diff (for git apply); write nothing."),
    interactive: bool = typer.Option(
        False, "--interactive", "-i",
        help="Review each change: accept or reject it (answers from a terminal, or piped in one a line).",
    ),
    jobs: Optional[int] = JOBS,
    allow_dirty: bool = typer.Option(False, "--allow-dirty", help="Write into git work trees that have uncommitted changes."),
    commit: bool = typer.Option(False, "--commit", help="Make one git commit per changed app, listing the rules applied."),
    select: Optional[str] = SELECT,
    ignore: Optional[str] = IGNORE,
    extend_select: Optional[str] = EXTEND,
    frappe_version: Optional[str] = FRAPPE,
    from_version: Optional[int] = FROM,
    unsafe_fixes: Optional[bool] = UNSAFE,
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when findings remain."),
    exit_non_zero_on_fix: bool = EXIT_ON_FIX,
    output_file: Optional[Path] = OUTPUT_FILE,
    quiet: bool = QUIET,
    stdin_filename: Optional[Path] = STDIN_FILENAME,
    apps: Optional[List[str]] = APPS,
    exclude_apps: Optional[List[str]] = EXCLUDE_APPS,
    include_upstream: bool = UPSTREAM,
    no_cache: bool = NO_CACHE,
    debug: bool = DEBUG,
    site: Optional[str] = SITE,
    bench: Optional[Path] = BENCH,
    since: str = SINCE,
    job_log: Optional[Path] = JOB_LOG,
) -> None:
    """Apply the safe fixes (and the unsafe ones with --unsafe-fixes).

    On a bench's apps/ folder (or several apps), every app is fixed on its own, in parallel;
    frappe and apps checked out from an upstream remote are left alone. Refuses to write into
    git work trees with uncommitted changes unless --allow-dirty. With `-` as the path, fixes
    the code read from standard input and writes it to standard output.
    """
    from jobfix.codemods.engine.cache import FindingsCache
    from jobfix.fix_command import FixOptions

    _fix(paths, select, ignore, extend_select, frappe_version, from_version, unsafe_fixes, apps, exclude_apps,
         include_upstream, FixOptions(
             dry_run=dry_run, diff=diff, interactive=interactive, jobs=jobs, allow_dirty=allow_dirty, commit=commit,
             exit_zero=exit_zero, exit_non_zero_on_fix=exit_non_zero_on_fix, quiet=quiet, debug=debug,
             cache=None if no_cache or stdin_filename else FindingsCache(),
         ), output_file, stdin_filename, evidence_of(paths, site, bench, since, job_log))


def _fix(paths, select, ignore, extend_select, frappe_version, from_version, unsafe_fixes, apps, exclude_apps,
         include_upstream, options: FixOptions, output_file: Path | None, stdin_filename: Path | None,
         evidence=None) -> None:
    from jobfix.fix_command import Refused, run_fix

    paths = stdin_paths(paths, stdin_filename)
    if stdin_filename is not None:
        options = replace(options, stdin=paths[0], jobs=1)
    found = scope_of(paths, select, ignore, extend_select, frappe_version, unsafe_fixes, from_version, apps, exclude_apps,
                     include_upstream, writing=not (options.dry_run or options.diff or options.stdin), evidence=evidence)
    try:
        with output_to(output_file):
            code = run_fix(found, options, out(), err())
    except Refused as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(code)


@app.command("report")
def report_command(
    paths: Optional[List[Path]] = PATHS,
    output: Path = typer.Option(..., "--output-file", "--output", "-o", help="The HTML file to write."),
    select: Optional[str] = SELECT,
    ignore: Optional[str] = IGNORE,
    extend_select: Optional[str] = EXTEND,
    frappe_version: Optional[str] = FRAPPE,
    from_version: Optional[int] = FROM,
    unsafe_fixes: Optional[bool] = UNSAFE,
    apps: Optional[List[str]] = APPS,
    exclude_apps: Optional[List[str]] = EXCLUDE_APPS,
    include_upstream: bool = UPSTREAM,
    jobs: Optional[int] = JOBS,
    no_cache: bool = NO_CACHE,
    debug: bool = DEBUG,
    site: Optional[str] = SITE,
    bench: Optional[Path] = BENCH,
    since: str = SINCE,
    job_log: Optional[Path] = JOB_LOG,
) -> None:
    """Write a migration report: one HTML page, with charts, that opens offline in any browser.

    What check finds and what fix would change, per rule and per app, for the people who plan
    the migration. Changes no file of the apps.
    """
    from jobfix.codemods.engine.cache import FindingsCache
    from jobfix.codemods.engine.config import rule_options
    from jobfix.codemods.engine.runner import Mode, RunOptions, run
    from jobfix.codemods.reports import html
    from jobfix.codemods.reports import text as report

    found = scope_of(paths, select, ignore, extend_select, frappe_version, unsafe_fixes, from_version, apps, exclude_apps,
                     include_upstream, writing=False, warn_empty=False,  # it says itself what it needs
                     evidence=evidence_of(paths, site, bench, since, job_log))
    paths, units, config = paths or [Path.cwd()], found.units, found.config
    try:
        html.check_writable(output)
        for path in paths:
            folders = [u.root for u in units if u.is_app] + [s.folder for s in found.skipped]
            if not any(_holds(path, folder) for folder in folders):
                raise html.ReportError(f"{path}: no Frappe app here (an app is a folder with hooks.py and __init__.py); "
                                       "give an app or a bench's apps/ folder")
        if not any(unit.is_app for unit in units):
            raise html.ReportError("nothing to report: every app was left out (the skipped lines say why)")
        results = run(units, config, RunOptions(Mode.PREVIEW, jobs=jobs, debug=debug, cache=None if no_cache else FindingsCache()))
        info = html.RunInfo(html.report_date(), __version__, config.unsafe_fixes, config.frappe_version,
                            config.from_version, output.parent, dict(rule_options()["queue-timeouts"].of(config)))
        html.write(output, html.render(results, info, skipped=found.skipped, evidence=config.evidence))
    except html.ReportError as exc:
        raise fail(str(exc)) from None
    found, apps = sum(len(r.findings) for r in results), sum(r.unit.is_app for r in results)
    out().print(f"Wrote {report.printable(str(output))}: {found} finding{'s' if found != 1 else ''} in "
              f"{apps} app{'s' if apps != 1 else ''}.", highlight=False, markup=False)


def _holds(path: Path, app_folder: Path) -> bool:
    """Whether the app (its package or its folder) is at, under or around ``path``."""
    given, root = Path(os.path.abspath(path)), Path(os.path.abspath(app_folder))
    return given == root or given in root.parents or root in given.parents


class EvidenceFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def evidence(
    site: Optional[str] = SITE,
    bench: Optional[Path] = BENCH,
    since: str = SINCE,
    job_log: Optional[Path] = JOB_LOG,
    output_format: EvidenceFormat = typer.Option(EvidenceFormat.text, "--output-format", "--format", help="text (a table) or json."),
) -> None:
    """Show what a site measured per scheduled task: runs, p50/p95/max seconds, failures, killed runs."""
    from jobfix.codemods.evidence import EvidenceError, load_evidence
    from jobfix.codemods.reports.evidence_table import evidence_json, evidence_text

    if site is None and job_log is None:
        raise fail("evidence needs --site SITE (inside a bench, or with --bench PATH) or --job-log FILE")
    try:
        found = load_evidence(site=site, bench=bench, since=since, job_log=job_log, start=Path.cwd())
    except EvidenceError as exc:
        raise fail(str(exc)) from None
    sys.stdout.write(evidence_json(found) + "\n" if output_format is EvidenceFormat.json else evidence_text(found))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err().print("interrupted")
        sys.exit(130)
