"""``jobfix check`` once its options are parsed, and ``answer``: the check command lines that
``jobfix`` runs before it loads typer.

A pre-commit hook or a CI job runs a check on every commit, mostly answered from the cache; typer
and its click were a sixth of such a run. ``answer`` takes the plain command lines (paths and the
options without a value, ``--format``, ``--select``, ``--ignore``, ``--extend-select``) and leaves
every other one, ``--help`` and mistakes included, to typer, which calls ``check`` here too. The
helpers other commands share (settings, standard input, ``-o``) live here for the same reason.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING

from jobfix.consoles import err, out

if TYPE_CHECKING:
    from jobfix.codemods.engine.runner import Scope

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def fail(message: str) -> SystemExit:
    """The error said on one line, and the exit (code 2) to raise."""
    from jobfix.codemods.reports import text as report

    err().print(f"error: {report.printable(message)}", soft_wrap=True, markup=False)  # "[tool.jobfix]" is not markup
    return SystemExit(EXIT_ERROR)


def evidence_of(paths: list[Path] | None, site, bench, since, job_log):
    """The evidence of --site or --job-log (None without either), for the rules to read."""
    if site is None and job_log is None and bench is None:
        return None  # without loading the evidence package (a check of every commit has none)
    from jobfix.codemods.evidence import EvidenceError, load_evidence

    try:
        return load_evidence(site=site, bench=bench, since=since, job_log=job_log, start=(paths or [Path.cwd()])[0])
    except EvidenceError as exc:
        raise fail(str(exc)) from None


def scope_of(
    paths: list[Path] | None, select, ignore, extend_select, frappe_version, unsafe_fixes, from_version,
    apps: list[str] | None, exclude_apps: list[str] | None, include_upstream: bool, *, writing: bool,
    warn_empty: bool = True, **more,
) -> Scope:
    """The units a command runs on, each with its settings: the command line over its nearest
    ``[tool.jobfix]`` (``more``: further overrides of Config, None when not given)."""
    from jobfix.codemods.engine.config import ConfigError, parse_codes
    from jobfix.codemods.engine.runner import scope
    from jobfix.codemods.engine.selection import AppSelection
    from jobfix.codemods.engine.source import is_standard_input
    from jobfix.codemods.index.frappe_api import SUPPORTED_MAJORS, FrappeTarget
    from jobfix.codemods.reports import text as report

    paths = paths or [Path.cwd()]
    for path in paths:
        if not path.exists() and not is_standard_input(path):
            raise fail(f"{path}: no such file or folder")
    try:
        if from_version is not None and from_version not in SUPPORTED_MAJORS:
            raise ValueError(f"unsupported --from-version {from_version} (use one of {', '.join(map(str, SUPPORTED_MAJORS))})")
        overrides = {
            "select": parse_codes(select, "--select"),
            "ignore": parse_codes(ignore, "--ignore"),
            "extend_select": parse_codes(extend_select, "--extend-select"),
            "frappe_version": FrappeTarget.parse(frappe_version) if frappe_version is not None else None,
            "from_version": from_version,
            "unsafe_fixes": unsafe_fixes,
            **more,
        }
        selection = AppSelection(frozenset(apps or ()), frozenset(exclude_apps or ()), include_upstream, writing)
        found = scope(paths, overrides, selection)
    except (ConfigError, ValueError) as exc:
        raise fail(str(exc)) from None
    for skipped in found.skipped:
        err().print(f"skipped {report.printable(skipped.name)}: {report.printable(skipped.reason)}",
                  highlight=False, soft_wrap=True, markup=False)
    for line in report.nothing_checked(paths, found.units, found.skipped) if warn_empty else ():
        err().print(f"warning: {report.printable(line)}", highlight=False, soft_wrap=True, markup=False)
    return found


def refuse_statistics(output_format: Format, statistics: bool) -> None:
    if statistics and output_format not in (Format.text, Format.json):
        raise fail(f"--statistics prints text or json, not {output_format.value}")


def check(
    paths: list[Path] | None = None, output_format: Format = Format.text, select=None, ignore=None, extend_select=None,
    frappe_version=None, from_version=None, unsafe_fixes=None, show_fixes: bool = False, statistics: bool = False,
    show_suppressed: bool = False, warn_unused_ignores: bool = False, exit_zero: bool = False, add_noqa: bool = False,
    output_file: Path | None = None, quiet: bool = False, stdin_filename: Path | None = None, apps=None,
    exclude_apps=None, include_upstream: bool = False, jobs: int | None = None, no_cache: bool = False,
    debug: bool = False, site=None, bench=None, since: str | None = None, job_log=None,
) -> None:
    """Report findings (``--add-noqa``: comment them); exits with the check's exit code. The
    defaults are the command line's (``since`` is read only with ``site`` or ``job_log``)."""
    from jobfix.codemods.engine.cache import FindingsCache
    from jobfix.codemods.engine.runner import Mode, RunOptions, all_findings, run

    refuse_statistics(output_format, statistics)
    paths = stdin_paths(paths, stdin_filename)
    found = scope_of(paths, select, ignore, extend_select, frappe_version, unsafe_fixes, from_version, apps, exclude_apps,
                     include_upstream, writing=add_noqa, warn_unused_ignores=True if warn_unused_ignores else None,
                     evidence=evidence_of(paths, site, bench, since, job_log))
    config = found.config
    if add_noqa:
        _add_noqa(found, jobs, debug, quiet)
    options = RunOptions(Mode.CHECK, jobs=jobs, debug=debug, cache=None if no_cache else FindingsCache(),
                         propose_fixes=output_format is Format.sarif, edits=False)
    results = run(found.units, config, options)
    findings = all_findings(results)
    suppressed = [f for r in results for f in r.suppressed] if show_suppressed else []
    with output_to(output_file):
        _present_check(found, config, results, findings, suppressed, output_format, statistics, show_fixes, show_suppressed, quiet)
    raise SystemExit(EXIT_FINDINGS if findings and not exit_zero else EXIT_CLEAN)


def _add_noqa(found: Scope, jobs: int | None, debug: bool, quiet: bool) -> None:
    """Comment every finding left, write, say how many; exits (0, or 1 when some could not be)."""
    from jobfix.codemods.engine.runner import Mode, RunOptions, run
    from jobfix.codemods.reports import text as report

    results = run(found.units, found.config, RunOptions(Mode.ADD_NOQA, jobs=jobs, debug=debug))
    written = [c for r in results for c in r.changes]
    errors = [e for r in results for e in r.write_errors]
    not_written = [f for change, _ in errors for f in change.findings]
    left = [f for r in results for f in r.remaining if not f.is_parse_error and f not in not_written]
    for change, error in errors:
        err().print(f"error: {report.printable(report.display_path(change.path))}: not written: {report.printable(error)}",
                  highlight=False, soft_wrap=True, markup=False)
    for finding in left:
        err().print(f"warning: {report.printable(report.display_path(finding.path))}:{finding.span.row}: {finding.code} "
                  "left without a comment: its line ends inside a string or after a backslash", highlight=False,
                  soft_wrap=True, markup=False)
    added = sum(len({(f.span.row, f.code) for f in c.findings}) for c in written)
    if not quiet:
        files = len(written)
        out().print(f"Added {added} suppression{'s' if added != 1 else ''} in {files} file{'s' if files != 1 else ''}.",
                  highlight=False)
    raise SystemExit(EXIT_FINDINGS if left or errors else EXIT_CLEAN)


def _present_check(found, config, results, findings, suppressed, output_format, statistics, show_fixes, show_suppressed, quiet):
    from jobfix.codemods.reports import text as report

    if statistics:
        rows = report.statistics(findings, config.unsafe_fixes)
        if output_format is Format.json:
            print(json.dumps(rows, indent=2))
        elif rows:
            print(report.statistics_text(rows))
    elif output_format is Format.json:
        print(report.findings_json(sorted(findings + suppressed, key=lambda f: f.sort_key), config.unsafe_fixes, show_suppressed))
    elif output_format is Format.sarif:
        proposals = {id(r.findings[i]): changes for r in results for i, changes in r.proposals.items()}
        from jobfix.codemods.reports.sarif import sarif_log

        print(json.dumps(sarif_log(findings, suppressed, proposals), indent=2))
    elif output_format is Format.github:
        from jobfix.codemods.reports.sarif import source_root

        sys.stdout.write(report.github_annotations(findings, source_root()))
    else:
        report.print_findings(out(), findings, config.unsafe_fixes, show_fixes)
        report.print_findings(out(), suppressed, config.unsafe_fixes)
        if quiet:
            return
        if found.units:  # with nothing checked, the warning above is all there is to say
            out().print(report.check_summary(findings, config.unsafe_fixes))
        if suppressed:
            noun = "finding" if len(suppressed) == 1 else "findings"
            out().print(f"{len(suppressed)} suppressed {noun} shown (not counted, never fixed).")


def stdin_paths(paths: list[Path] | None, stdin_filename: Path | None) -> list[Path] | None:
    """``-`` reads the code of ``--stdin-filename`` from standard input (its app is found from there)."""
    if not paths or [str(p) for p in paths] != ["-"]:
        if stdin_filename is not None:
            raise fail("--stdin-filename goes with `-` as the only path")
        if paths and "-" in [str(p) for p in paths]:
            raise fail("`-` (standard input) must be the only path")
        return paths
    if stdin_filename is None:
        raise fail("`-` reads standard input: give --stdin-filename PATH, the file it is (its app is found from there)")
    from jobfix.codemods.engine.source import read_from_standard_input

    read_from_standard_input(stdin_filename, sys.stdin.buffer.read())
    return [stdin_filename]


@contextmanager
def output_to(output_file: Path | None):
    """The standard output, or ``-o FILE`` in its place (a report for CI to keep)."""
    if output_file is None:
        yield
        return
    try:
        handle = open(output_file, "w", encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output_file}: cannot write: {exc.strerror or exc}") from None
    with handle, redirect_stdout(handle):
        yield




# -- the check command lines answered before typer loads -----------------------------------------

FLAGS = {  # option -> parameter of ``check``
    "--no-cache": "no_cache", "--include-upstream": "include_upstream", "--exit-zero": "exit_zero",
    "--quiet": "quiet", "-q": "quiet", "--show-fixes": "show_fixes", "--statistics": "statistics",
    "--show-suppressed": "show_suppressed", "--warn-unused-ignores": "warn_unused_ignores",
}
VALUED = {
    "--output-format": "output_format", "--format": "output_format", "--select": "select", "--ignore": "ignore",
    "--extend-select": "extend_select",
}


def _parsed(args: list[str]) -> dict | None:
    """The parameters of ``check`` for ``jobfix ARGS``, or None when typer must read them: another
    command or option, an option given twice, a value that looks like an option, ``-`` or ``--``."""
    if not args or args[0] != "check":
        return None
    given: dict = {}
    paths: list[Path] = []
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in FLAGS and not equals:
            key, value = FLAGS[name], True
        elif name in VALUED:
            key, value = VALUED[name], value if equals else next(rest, None)
            if not value or value.startswith("-"):
                return None
        elif not arg.startswith("-"):
            paths.append(Path(arg))
            continue
        else:
            return None
        if key in given:
            return None
        given[key] = value
    if given.get("output_format", "text") not in {f.value for f in Format}:
        return None
    given["output_format"] = Format(given.get("output_format", "text"))
    return {"paths": paths or None, **given}


def answer(args: list[str]) -> bool:
    """Run ``jobfix ARGS`` when it is a check ``_parsed`` reads (exiting with its code, as typer
    would); False, having done nothing, for every other command line."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return False  # a shell completion request: typer's
    given = _parsed(args)
    if given is None:
        return False
    from jobfix.rule_commands import as_typer_exits

    with as_typer_exits():
        check(**given)
    return True  # not reached: check exits
