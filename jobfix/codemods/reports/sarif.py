"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

Every rule is described in ``tool.driver.rules`` from its own documentation; each result points
at a repository-relative URI (``%SRCROOT%`` is the git work tree around the current folder, else
the current folder), carries a ``partialFingerprints`` entry that survives code moving up or
down, and, where jobfix offers a fix, the fix's exact replacements: the run plans them, one
finding at a time, with the change builder ``jobfix fix`` uses, and hands them over here.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from jobfix import __version__
from jobfix.codemods.engine.model import PARSE_ERROR, Applicability, FileChange, Finding
from jobfix.codemods.reports.rule_docs import RuleDoc, all_rule_docs, explanation
from jobfix.codemods.engine.source import SourceError, read_source

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "jobfixLineHash/v1"


def source_root(cwd: Path | None = None) -> Path:
    """The git work tree that holds ``cwd`` (GitHub resolves SARIF paths from there), else ``cwd``."""
    here = Path(os.path.abspath(cwd or Path.cwd()))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _level(code: str) -> str:
    return "error" if code == PARSE_ERROR[0] else "warning"


def _rule(doc: RuleDoc) -> dict:
    text = explanation(doc)
    return {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.rationale},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": _level(doc.code)},
        "properties": {"fixApplicability": doc.applicability.value},
    }


class _Locator:
    """URIs relative to the source root; lines of the files findings point at, read once."""

    def __init__(self, root: Path):
        self.root = root
        self.lines: dict[Path, list[str]] = {}

    def artifact(self, path: Path) -> dict:
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:  # outside the repository: an absolute URI, which takes no base id
            return {"uri": absolute.as_uri()}
        return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}

    def line(self, path: Path, row: int) -> str:
        """The text of a 1-based row ('' when the file cannot be read, or has no such row)."""
        if path not in self.lines:
            try:
                self.lines[path] = read_source(path).text.split("\n")
            except SourceError:
                self.lines[path] = []
        lines = self.lines[path]
        return lines[row - 1] if 0 < row <= len(lines) else ""


def _region(row: int, column: int, end_row: int, end_column: int) -> dict:
    return {"startLine": row, "startColumn": column, "endLine": end_row, "endColumn": end_column}


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset; columns count characters, as findings do."""
    low, high = 0, len(line_starts) - 1
    while low < high:  # the last line that starts at or before offset
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1, offset - line_starts[low] + 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def replacements(old: str, new: str) -> list[dict]:
    """SARIF replacements that turn ``old`` into ``new``: changed line blocks, trimmed to the
    characters that differ, so adding a keyword is one insertion before the ``)``."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    old_offsets = [0]
    for line in old_lines:
        old_offsets.append(old_offsets[-1] + len(line))
    new_offsets = [0]
    for line in new_lines:
        new_offsets.append(new_offsets[-1] + len(line))
    starts = _line_starts(old)
    found = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = old_offsets[i1], old_offsets[i2]
        inserted = new[new_offsets[j1]:new_offsets[j2]]
        deleted = old[start:end]
        prefix = len(os.path.commonprefix([deleted, inserted]))
        suffix = len(os.path.commonprefix([deleted[prefix:][::-1], inserted[prefix:][::-1]]))
        start, end = start + prefix, end - suffix
        inserted = inserted[prefix:len(inserted) - suffix]
        found.append(
            {
                "deletedRegion": _region(*_position(starts, start), *_position(starts, end)),
                "insertedContent": {"text": inserted},
            }
        )
    return found


def _artifact_change(change: FileChange, locator: _Locator) -> dict:
    return {"artifactLocation": locator.artifact(change.path), "replacements": replacements(change.old_text, change.new_text)}


def _fixes(finding: Finding, changes: list[FileChange], locator: _Locator) -> list[dict]:
    unsafe = finding.fix.applicability is Applicability.UNSAFE
    return [
        {
            "description": {"text": finding.fix.message + (" (unsafe fix: needs --unsafe-fixes)" if unsafe else "")},
            "artifactChanges": [_artifact_change(change, locator) for change in changes],
            "properties": {"applicability": finding.fix.applicability.value},
        }
    ]


def _fingerprint(finding: Finding, uri: str, line_text: str, occurrence: int) -> str:
    """Code, file and the reported line's text (not its number): moving code keeps the alert."""
    key = "\0".join((finding.code, uri, " ".join(line_text.split()), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def sarif_log(
    findings: list[Finding], suppressed: list[Finding] = (), proposals: dict[int, list[FileChange]] | None = None,
    root: Path | None = None,
) -> dict:
    """The SARIF log of one run; ``suppressed`` findings are listed with an in-source suppression.

    ``proposals`` maps ``id(finding)`` to the changes its fix alone makes, as the run planned them
    (``RunOptions.propose_fixes``): what SARIF proposes is what ``jobfix fix`` would write.
    """
    proposals = proposals or {}
    docs = all_rule_docs()
    index = {doc.code: i for i, doc in enumerate(docs)}
    locator = _Locator(root or source_root())
    seen: Counter = Counter()
    results = []
    for finding in sorted([*findings, *suppressed], key=lambda f: f.sort_key):
        artifact = locator.artifact(finding.path)
        line_text = locator.line(finding.path, finding.span.row)
        occurrence_key = (finding.code, artifact["uri"], " ".join(line_text.split()))
        seen[occurrence_key] += 1
        result: dict = {"ruleId": finding.code}
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        result |= {
            "level": _level(finding.code),
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": _region(finding.span.row, finding.span.column, finding.span.end_row, finding.span.end_column),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT: _fingerprint(finding, artifact["uri"], line_text, seen[occurrence_key])},
        }
        if not finding.suppressed and id(finding) in proposals:
            result["fixes"] = _fixes(finding, proposals[id(finding)], locator)
        if finding.suppressed:
            result["suppressions"] = [{"kind": "inSource", "justification": finding.extra.get("suppressed_by", "")}]
        results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jobfix",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(doc) for doc in docs],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": locator.root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
