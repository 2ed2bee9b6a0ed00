"""Everything a person or a CI system reads: finding lines, diffs, summaries and JSON."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from jobfix.codemods.index.bench import migrate_lines
from jobfix.codemods.engine.model import Applicability, FailedFix, FileChange, Finding

if TYPE_CHECKING:
    from rich.table import Table

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # a tab is harmless


def printable(text: str) -> str:
    """Text safe for a terminal, on one line: control characters (escape sequences) and line
    breaks shown as escapes, so a file name or a string of the code can neither drive the terminal
    nor forge a line of output (a finding, or a CI command such as ``::error``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def display_path(path: Path, cwd: Path | None = None) -> str:
    cwd = cwd or Path.cwd()
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive
        return str(path)
    return rel if not rel.startswith(".." + os.sep + "..") else str(path)


def _message_line(finding: Finding, unsafe_fixes: bool) -> Text:
    line = Text()
    line.append(printable(display_path(finding.path)), style="bold")
    line.append(f":{finding.span.row}:{finding.span.column}: ", style="cyan")
    line.append(finding.code, style="dim" if finding.suppressed else "bold red")
    line.append(" ")
    if finding.suppressed:
        line.append(f"[suppressed by {printable(finding.extra.get('suppressed_by', 'a comment'))}] ", style="dim")
    elif finding.fixable(unsafe_fixes):
        line.append("[*] ", style="cyan")
    line.append(printable(finding.message))
    return line


APP_SHAPE = "a Frappe app is a folder with a package holding hooks.py and __init__.py (apps/<app>/<app>/hooks.py)"


def nothing_checked(paths: list[Path], units, skipped=()) -> list[str]:
    """A warning for each given path under which nothing was checked, or no app was found."""
    lines = []
    for path in paths:
        absolute = Path(os.path.abspath(path))
        within = [u for u in units if any(_at_or_under(f, absolute) for f in u.files)]
        if any(_at_or_under(s.folder, absolute) for s in skipped):
            continue
        if not within:
            lines.append(f"{display_path(path)}: no Frappe app and no Python file found, nothing checked; {APP_SHAPE}")
        elif absolute.is_dir() and not any(u.is_app for u in within):
            lines.append(f"{display_path(path)}: no Frappe app found, its Python files were checked on their own; {APP_SHAPE}")
    return lines


def _at_or_under(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or inside it (both absolute): string operations, as this runs for
    every file of a bench (``folder in path.parents`` took 0.15 s on 3,800 files)."""
    text, top = str(path), str(folder)
    return text == top or text.startswith(top.rstrip(os.sep) + os.sep)


def print_findings(console: Console, findings: list[Finding], unsafe_fixes: bool, show_fixes: bool = False) -> None:
    for finding in findings:
        console.print(_message_line(finding, unsafe_fixes), soft_wrap=True, highlight=False)
        for line in finding.extra.get("traceback", "").splitlines():  # --debug
            console.print(Text(f"    | {printable(line)}", style="dim"), soft_wrap=True, highlight=False)
        if show_fixes and finding.why:
            console.print(Text(f"    why: {printable(finding.why)}", style="dim"), soft_wrap=True)
        if show_fixes and finding.fix is not None:
            console.print(Text(f"    help: {printable(finding.fix.message)}", style="dim"), soft_wrap=True)


def check_summary(findings: list[Finding], unsafe_fixes: bool) -> str:
    if not findings:
        return "All checks passed!"
    fixable = sum(f.fixable(unsafe_fixes) for f in findings)
    hidden = sum(
        1 for f in findings if not f.fixable(unsafe_fixes) and f.fixable(True)
    )
    noun = "finding" if len(findings) == 1 else "findings"
    text = f"Found {len(findings)} {noun}."
    if fixable:
        text += f"\n[*] {fixable} fixable with `jobfix fix`."
    if hidden:
        text += f"\n{hidden} more fixable with `jobfix fix --unsafe-fixes`."
    return text


def findings_json(findings: list[Finding], unsafe_fixes: bool = False, show_suppressed: bool = False) -> str:
    """ruff's JSON shape, plus ``name`` (and ``suppressed`` on every row when asked to show them)."""
    rows = []
    for f in findings:
        fix = None
        if f.fix is not None:
            fix = {"applicability": f.fix.applicability.value, "message": f.fix.message}
            if f.fix.applicability is not Applicability.DISPLAY_ONLY and not f.has_edits:
                fix["applicability"] = Applicability.DISPLAY_ONLY.value
        rows.append(
            {
                "code": f.code,
                "name": f.name,
                "message": f.message,
                "filename": str(f.path),
                "location": {"row": f.span.row, "column": f.span.column},
                "end_location": {"row": f.span.end_row, "column": f.span.end_column},
                "fix": fix,
                "url": f.url,
            }
        )
        if show_suppressed:
            rows[-1]["suppressed"] = f.suppressed
    return json.dumps(rows, indent=2)


def print_diff(console: Console, change: FileChange, cwd: Path | None = None) -> None:
    """A coloured unified diff of one file."""
    print_diff_text(console, change.diff(cwd or Path.cwd()))


def diff_line_kind(line: str) -> str:
    """What a line of a unified diff is: ``meta`` (file header), ``add``, ``del``, ``hunk`` or ``ctx``;
    the terminal and the HTML report colour the kinds each their own way."""
    if line.startswith(("+++", "---")):
        return "meta"
    if line.startswith("+"):
        return "add"
    if line.startswith("-"):
        return "del"
    if line.startswith("@@"):
        return "hunk"
    return "ctx"


DIFF_STYLES = {"meta": "bold", "add": "green", "del": "red", "hunk": "cyan", "ctx": ""}


def print_diff_text(console: Console, diff: str) -> None:
    """A unified diff, coloured (diffs made in worker processes arrive as text), in one print: a
    print a line took a tenth of a second for a fix of erpnext."""
    text = Text()
    for line in diff.splitlines():
        text.append(printable(line), style=DIFF_STYLES[diff_line_kind(line)])
        text.append("\n")
    console.print(text, soft_wrap=True, highlight=False, end="")


def fix_summary(
    console: Console,
    changed: list[FileChange],
    remaining: list[Finding],
    failed: list[FailedFix],
    write_errors: list[tuple[FileChange, str]],
    *,
    dry_run: bool,
    unsafe_fixes: bool,
    hooks_changed: list[Path],
    not_applied: str | None = None,
) -> None:
    """What a fix run did, in numbers that add up: every finding is fixed, or left for one reason.

    ``not_applied`` says why findings a fix could resolve are left (a review's answers); by
    default a preview shows one pass, and a written run left them after an error above."""
    # a fix may change several files (and copies of findings may come back from worker processes)
    fixed = {(f.code, str(f.path), f.span, f.message): f for change in changed for f in change.findings}
    by_rule = Counter(f.code for f in fixed.values())
    applied = sum(by_rule.values())
    verb = "Would fix" if dry_run else "Fixed"
    if applied:
        rules = ", ".join(f"{code} ×{n}" for code, n in sorted(by_rule.items()))
        files = len({c.path for c in changed})  # a file later passes changed again counts once
        console.print(f"{verb} {applied} finding{'s' if applied != 1 else ''} in {files} file{'s' if files != 1 else ''} ({rules}).", highlight=False, soft_wrap=True)
    else:
        console.print("No fixes to apply." if not remaining else "No fixes applied.", highlight=False)
    for path in sorted({c.path for c in changed if c.created}):
        codes = ", ".join(sorted({f.code for c in changed if c.path == path for f in c.findings}))
        console.print(Text(f"{'Would create' if dry_run else 'Created'} {printable(display_path(path))} ({codes})."), soft_wrap=True)
    for failure in failed:
        console.print(
            Text(f"error: {printable(display_path(failure.finding.path))}:{failure.finding.span.row}: "
                 f"{failure.finding.code} fix not applied: {printable(failure.reason)}", style="red"),
            soft_wrap=True,
        )
    for change, error in write_errors:
        console.print(Text(f"error: {printable(display_path(change.path))}: not written: {printable(error)}", style="red"), soft_wrap=True)
    if remaining:
        needs_person = [f for f in remaining if not f.fixable(True)]
        unsafe = [f for f in remaining if f.fixable(True) and not f.fixable(unsafe_fixes)]
        pending = [f for f in remaining if f.fixable(unsafe_fixes)]
        console.print(f"{len(remaining)} finding{'s' if len(remaining) != 1 else ''} left:", highlight=False)
        if pending:
            why = not_applied or ("fixable after the changes above (a preview shows one pass; `jobfix fix` applies them all)"
                                  if dry_run else "fixable, but their fixes failed (see above)")
            console.print(f"  {len(pending)} {why}", highlight=False, soft_wrap=True)
        if unsafe:
            console.print(f"  {len(unsafe)} fixable with --unsafe-fixes", highlight=False)
        if needs_person:
            counts = Counter(f.code for f in needs_person)
            listed = ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))
            console.print(f"  {len(needs_person)} need a person ({listed})", highlight=False, soft_wrap=True)
    for line in migrate_lines(hooks_changed, display=display_path, changed="would change" if dry_run else "changed"):
        console.print(Text(printable(line)), soft_wrap=True)


def apps_table(results, *, dry_run: bool) -> Table:
    """One row per app of a bulk run (``bulk.AppResult``), and a total row."""
    from rich import box
    from rich.table import Table  # here: a check prints no table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_footer=len(results) > 1)
    fixed_title = "Would fix" if dry_run else "Fixed"
    totals = Counter()
    rows = []
    for result in results:
        counts = result.rule_counts()
        row = {"files": result.files_scanned, "fixed": len(result.fixed), "person": len(result.needs_person),
               "errors": result.error_count}
        totals.update(row)
        totals.update({f"rule:{code}": n for code, n in counts.items()})
        rows.append((printable(result.name), ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items())) or "-", row))
    rule_totals = ", ".join(f"{k[5:]} ×{n}" for k, n in sorted(totals.items()) if k.startswith("rule:")) or "-"
    table.add_column("App", "Total", no_wrap=True, style="bold")
    table.add_column("Files", str(totals["files"]), justify="right")
    table.add_column("Findings by rule", rule_totals)
    table.add_column(fixed_title, str(totals["fixed"]), justify="right")
    table.add_column("Needs a person", str(totals["person"]), justify="right")
    table.add_column("Errors", str(totals["errors"]), justify="right")
    for name, rules, row in rows:
        errors = Text(str(row["errors"]), style="red" if row["errors"] else "")
        table.add_row(name, str(row["files"]), rules, str(row["fixed"]), str(row["person"]), errors)
    return table


# -- statistics ----------------------------------------------------------------------------------


def statistics(findings: list[Finding], unsafe_fixes: bool) -> list[dict]:
    """Findings counted per rule, most frequent first: code, name, count, fixable (a count)."""
    counts = Counter((f.code, f.name) for f in findings)
    fixable = Counter(f.code for f in findings if f.fixable(unsafe_fixes))
    return [
        {"code": code, "name": name, "count": n, "fixable": fixable[code]}
        for (code, name), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def statistics_text(rows: list[dict]) -> str:
    """ruff's statistics lines: count, code, [*] when every finding of the rule is fixable, name."""
    if not rows:
        return ""
    width = len(str(max(r["count"] for r in rows)))
    lines = []
    for row in rows:
        marker = "[*]" if row["fixable"] == row["count"] else "[-]" if row["fixable"] else "[ ]"
        line = f"{row['count']:>{width}}\t{row['code']}\t{marker} {row['name']}"
        if 0 < row["fixable"] < row["count"]:
            line += f" ({row['fixable']} fixable)"
        lines.append(line)
    return "\n".join(lines)


# -- GitHub Actions workflow commands ------------------------------------------------------------


def _escape_data(text: str) -> str:
    """As @actions/core escapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """As @actions/core escapes a command's property: ':' and ',' would end it early."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(findings: list[Finding], cwd: Path | None = None) -> str:
    """One ``::warning`` line per finding (``::error`` for JF000), paths relative to ``cwd``
    (the CLI passes the git work tree: GitHub reads annotation paths from the repository root)."""
    cwd = cwd or Path.cwd()
    lines = []
    for f in findings:
        level = "error" if f.is_parse_error else "warning"
        try:
            path = Path(os.path.abspath(f.path)).relative_to(os.path.abspath(cwd)).as_posix()
        except ValueError:
            path = Path(os.path.abspath(f.path)).as_posix()
        properties = {
            "file": path,
            "line": f.span.row,
            "col": f.span.column,
            "endLine": f.span.end_row,
            "endColumn": f.span.end_column,
            "title": f.code,
        }
        listed = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        lines.append(f"::{level} {listed}::{_escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


# -- the rule catalogue ------------------------------------------------------------------------------


def rules_table(docs) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Code", no_wrap=True, style="bold")
    table.add_column("Name", no_wrap=True)
    table.add_column("Fix", no_wrap=True)
    table.add_column("Summary")
    for doc in docs:
        table.add_row(doc.code, doc.name, doc.applicability.value, Text(doc.summary))
    return table
