"""``--add-noqa``: a suppression comment on every finding left, so a legacy app adopts jobfix in
CI at zero findings and only new code is held to the rules (ruff's ``--add-noqa``).

Each comment goes where the suppression filter reads it: at the end of the row where the finding
starts, or of the row where its statement ends when the start row cannot carry a comment (it
ends inside a multi-line string, or with a backslash). An existing ``# jobfix: ignore[...]`` on
that row gets the new codes added; running it twice adds nothing.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import defaultdict
from pathlib import Path

from jobfix.codemods.engine.model import FileChange, Finding
from jobfix.codemods.engine.source import SourceError, read_source
from jobfix.codemods.engine.suppressions import read_comments

_DIRECTIVE = re.compile(r"#\s*jobfix\s*:\s*ignore\[(?P<codes>[^\]\n]*)\]", re.IGNORECASE)


def noqa_changes(findings: list[Finding]) -> tuple[list[FileChange], list[Finding]]:
    """The files with a comment added for each finding, and the findings no comment can carry."""
    by_path: dict[Path, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not finding.is_parse_error:
            by_path[finding.path].append(finding)
    changes, left = [], []
    for path, found in sorted(by_path.items()):
        try:
            source = read_source(path)
        except SourceError:
            left += found
            continue
        lines = source.text.splitlines(keepends=True)
        closed = _rows_that_take_a_comment(source.text)
        statement_of_row = read_comments(source.text).statement_of_row
        codes_by_row: dict[int, set[str]] = defaultdict(set)
        carried = []
        for finding in found:
            row = _row_for(finding, closed, statement_of_row)
            if row is None or row > len(lines):
                left.append(finding)
                continue
            codes_by_row[row].add(finding.code)
            carried.append(finding)
        for row, codes in codes_by_row.items():
            lines[row - 1] = _with_codes(lines[row - 1], codes)
        text = "".join(lines)
        if text != source.text:
            changes.append(FileChange(path, source, text, carried))
    return changes, left


def _row_for(finding: Finding, closed: set[int], statement_of_row: dict[int, int]) -> int | None:
    start, end = finding.span.row, finding.span.end_row
    if start in closed:
        return start
    if end != start and end in closed and statement_of_row.get(end) == statement_of_row.get(start, -1):
        return end
    return None


def _rows_that_take_a_comment(text: str) -> set[int]:
    """Rows whose end is code: not inside a string spanning lines, not after a backslash."""
    rows = set(range(1, text.count("\n") + 2))
    try:
        for kind, string, (row, _), (end_row, _), line in tokenize.generate_tokens(io.StringIO(text).readline):
            if end_row > row and kind != tokenize.NL:  # a string (or f-string part) over several lines
                rows -= set(range(row, end_row))
    except (tokenize.TokenError, SyntaxError):
        return set()
    for number, line in enumerate(text.splitlines(), 1):
        if line.rstrip().endswith("\\"):
            rows.discard(number)
    return rows


def _with_codes(line: str, codes: set[str]) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    found = _DIRECTIVE.search(body)
    if found:
        have = {c.strip().upper() for c in found.group("codes").split(",") if c.strip()}
        merged = ", ".join(sorted(have | codes))
        return body[:found.start()] + f"# jobfix: ignore[{merged}]" + body[found.end():] + ending
    return body.rstrip() + f"  # jobfix: ignore[{', '.join(sorted(codes))}]" + ending
