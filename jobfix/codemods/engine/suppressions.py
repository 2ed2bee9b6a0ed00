"""Suppression comments and per-file-ignores: the one filter between the rules and every report.

The engine applies it once to a unit's findings after the rules ran; no rule knows about it, and a
suppressed finding never reaches the fixer. Comments understood:

    frappe.enqueue("myapp.tasks.push")  # jobfix: ignore[JF012]     one or more codes
    frappe.enqueue("myapp.tasks.push")  # noqa: JF012                flake8/ruff style
    frappe.enqueue("myapp.tasks.push")  # jobfix: ignore             every rule on this line

A comment counts on the row where the finding starts, or on the row where it ends when that row
belongs to the same statement, so a multi-line call can carry it after its closing parenthesis:

    frappe.enqueue(
        "myapp.tasks.push",
    )  # jobfix: ignore[JF012]

A comment on a line of its own, or inside the body of a reported function or loop, does not
count. A bare ``# noqa`` (no codes) is left to the linters it was written for: a blanket marker
for style checks must not hide a job that runs before its document is committed. Codes in a
``# noqa:`` list that are not jobfix's (E501, F401...) are ignored.

Per-file-ignores drop findings for good (like a rule that is not selected); a comment only hides
them, and ``--show-suppressed`` shows them again. With ``warn_unused_ignores``, a comment that
suppresses nothing is reported as JF900.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from jobfix.codemods.engine.config import Config, known_codes
from jobfix.codemods.engine.model import UNUSED_SUPPRESSION, Finding, Span
from jobfix.codemods.engine.source import SourceError, read_source


_JOBFIX = re.compile(r"#\s*jobfix\s*:\s*ignore\b(?:\[(?P<codes>[^\]\n]*)\])?", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.IGNORECASE)
_CODE = re.compile(r"JF\d+")
_MAY_HOLD = re.compile(r"jobfix\s*:|noqa\s*:[^\n]*jf\d", re.IGNORECASE)


@dataclass
class Directive:
    """One suppression comment; ``codes`` None means every rule."""

    row: int
    column: int  # 1-based, of the '#'
    text: str
    codes: frozenset[str] | None
    used: set[str] = field(default_factory=set)
    used_by_any: bool = False

    def covers(self, code: str) -> bool:
        return self.codes is None or code in self.codes

    def mark(self, code: str) -> None:
        self.used_by_any = True
        self.used.add(code)


@dataclass
class FileComments:
    """The suppression comments of one file, and which rows make up each statement."""

    directives: dict[int, list[Directive]]
    statement_of_row: dict[int, int]  # row -> first row of the statement it belongs to

    def for_finding(self, finding: Finding) -> list[Directive]:
        rows = [finding.span.row]
        end = finding.span.end_row
        if end != finding.span.row and self.statement_of_row.get(end) == self.statement_of_row.get(finding.span.row, -1):
            rows.append(end)
        return [d for row in rows for d in self.directives.get(row, ())]


def read_comments(text: str) -> FileComments:
    """Suppression comments found by the tokenizer, so a '# noqa' inside a string never counts."""
    directives: dict[int, list[Directive]] = defaultdict(list)
    statement_of_row: dict[int, int] = {}
    start: int | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, string, (row, column), (end_row, _), _ = token
            if kind == tokenize.COMMENT:
                found = _parse(string, row, column)
                if found:
                    directives[row].extend(found)
            elif kind == tokenize.NEWLINE:
                if start is not None:
                    for r in range(start, end_row + 1):
                        statement_of_row[r] = start
                start = None
            elif kind not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER) and start is None:
                start = row
    except (tokenize.TokenError, SyntaxError):
        pass  # what was read so far still counts; the rules report the broken file as JF000
    return FileComments(dict(directives), statement_of_row)


def _parse(comment: str, row: int, column: int) -> list[Directive]:
    found = []
    for match in _JOBFIX.finditer(comment):
        codes = match.group("codes")
        found.append(
            Directive(row, column + match.start() + 1, match.group(), None if codes is None else _codes(codes))
        )
    for match in _NOQA.finditer(comment):
        codes = _codes(match.group("codes"))
        if codes:
            found.append(Directive(row, column + match.start() + 1, match.group(), codes))
    return found


def _codes(text: str) -> frozenset[str]:
    return frozenset(_CODE.findall(text.upper()))


@dataclass
class Filtered:
    findings: list[Finding]  # to report (and fix)
    suppressed: list[Finding]  # hidden by a comment, marked ``suppressed``


def filter_findings(findings: list[Finding], files: list[Path], config: Config) -> Filtered:
    """Apply per-file-ignores and suppression comments to one unit's findings.

    ``files`` are the unit's checked files: with ``config.warn_unused_ignores`` their comments are
    read too (only then: a file without findings is otherwise never read again).
    """
    kept: list[Finding] = []
    by_path: dict[Path, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not config.ignored_in_file(finding.code, finding.path):
            by_path[finding.path].append(finding)
    result = Filtered([], [])
    paths = list(by_path)
    if config.warn_unused_ignores:  # the option is the choice: --select does not turn JF900 off
        paths += [p for p in files if p not in by_path]
    for path in paths:
        comments = _comments_of(path)
        for finding in by_path.get(path, ()):
            directives = [d for d in comments.for_finding(finding) if d.covers(finding.code)] if comments else []
            for directive in directives:
                directive.mark(finding.code)
            if directives:
                by = {**finding.extra, "suppressed_by": directives[0].text}
                result.suppressed.append(replace(finding, suppressed=True, extra=by))
            else:
                kept.append(finding)
        if comments and config.warn_unused_ignores:
            if not any(f.is_parse_error for f in by_path.get(path, ())):  # the rules did not run
                kept.extend(_unused(path, comments, config))
    result.findings = kept
    return result


def _comments_of(path: Path) -> FileComments | None:
    try:
        text = read_source(path).text
    except SourceError:
        return None
    if not _may_hold(text):  # no directive can be there: skip the (slow) tokenizer
        return None
    return read_comments(text)


def _may_hold(text: str) -> bool:
    """Whether a directive can be in ``text``. A case-insensitive pattern has no literal to look
    for first, so it is tried at every position: a file without "jobf" or "noqa" in any case (no
    other letter lower-cases to those) is turned away by a substring test, ten times faster on
    the files of erpnext + frappe that hold findings."""
    lowered = text.lower()
    return ("jobf" in lowered or "noqa" in lowered) and _MAY_HOLD.search(text) is not None


def _unused(path: Path, comments: FileComments, config: Config) -> list[Finding]:
    from jobfix.codemods.transforms import all_transforms  # the rules import this module

    known = known_codes()
    opt_in = {t.code for t in all_transforms() if not t.default}
    code, name = UNUSED_SUPPRESSION
    if config.ignored_in_file(code, path):
        return []
    found = []
    for directive in (d for row in sorted(comments.directives) for d in comments.directives[row]):
        if directive.codes is None:
            if directive.used_by_any:
                continue
            message = f"unused suppression `{directive.text}`: no finding on this line"
        else:
            unknown = sorted(c for c in directive.codes if c not in known)
            unused = sorted(
                c for c in directive.codes - directive.used
                if c in known and config.enabled(c, c not in opt_in) and not config.ignored_in_file(c, path)
            )
            if not unknown and not unused:
                continue
            parts = []
            if unused:
                parts.append(f"no {', '.join(unused)} finding on this line")
            if unknown:
                parts.append(f"unknown rule code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
            message = f"unused suppression `{directive.text}`: {'; '.join(parts)}"
        span = Span(directive.row, directive.column, directive.row, directive.column + len(directive.text))
        found.append(Finding(code, name, message, path, span))
    return found
