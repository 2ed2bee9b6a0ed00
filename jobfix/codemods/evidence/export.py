"""Runs from an export of Scheduled Job Log, for users without access to the site's database.

The desk's report view exports CSV (Menu > Export, `frappe.desk.reportview.export_query`): a
header row of column labels ("Sr", "ID", "Status", "Scheduled Job", "Created On", "Last Updated
On", "Details", ...) and one row per log entry, dates as the database gives them
("2025-05-01 02:00:04.512000"). JSON is read too: a list of rows, or the ``{"data": [...]}`` of
``/api/resource/Scheduled Job Log``, keyed by labels or by field names (``scheduled_job_type``,
``status``, ``creation``, ``modified``, ``details``; a ``method`` column wins over the Scheduled
Job Type's name).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from jobfix.codemods.evidence.model import STATUSES, EvidenceError, Run

MAX_EXPORT_BYTES = 200 * 1024 * 1024

# what each column may be called: desk labels, field names, and the REST API's aliases
COLUMNS = {
    "method": ("method", "scheduled job type method", "scheduled_job_type.method"),
    "job": ("scheduled job", "scheduled job type", "scheduled_job_type"),
    "status": ("status",),
    "started": ("created on", "creation"),
    "updated": ("last updated on", "modified"),
    "details": ("details",),
}
REQUIRED = ("status", "started", "updated")


def read_export(path: Path) -> list[Run]:
    """The runs of a CSV or JSON export; raises EvidenceError naming the file (and the line)."""
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise EvidenceError(f"{path}: larger than {MAX_EXPORT_BYTES // 1024 // 1024} MB; export a shorter window")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise EvidenceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EvidenceError(f"{path}: a folder, not an export file") from None
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise EvidenceError(f"{path}: not UTF-8 text (export CSV, not Excel)") from None
    if not text.strip():
        raise EvidenceError(f"{path}: empty")
    if text.lstrip()[:1] in "[{":
        return _from_json(path, text)
    return _from_csv(path, text)


def _from_json(path: Path, text: str) -> list[Run]:
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise EvidenceError(f"{path}: not valid JSON: {exc}") from None
    if isinstance(document, dict):
        document = document.get("data", document.get("message"))
    if not isinstance(document, list) or not all(isinstance(row, dict) for row in document):
        raise EvidenceError(f"{path}: expected a list of Scheduled Job Log rows (or {{\"data\": [...]}})")
    header = sorted({key for row in document for key in row})
    columns = _columns(path, header)
    return [
        _run(path, f"row {i + 1}", {name: row.get(key) for name, key in columns.items()})
        for i, row in enumerate(document)
    ]


def _from_csv(path: Path, text: str) -> list[Run]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count)  # the desk lets the user choose it
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
        columns = _columns(path, header)
        positions = {name: header.index(key) for name, key in columns.items()}
        runs = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            values = {name: row[i] if i < len(row) else None for name, i in positions.items()}
            runs.append(_run(path, f"line {reader.line_num}", values))
    except csv.Error as exc:
        raise EvidenceError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None
    return runs


def _columns(path: Path, header: list[str]) -> dict[str, str]:
    """Which header names hold which value; raises EvidenceError when one is missing."""
    normal = {str(h).strip().lower(): h for h in header}
    found = {}
    for name, aliases in COLUMNS.items():
        key = next((normal[a] for a in aliases if a in normal), None)
        if key is not None:
            found[name] = key
    missing = [COLUMNS[n][0] for n in REQUIRED if n not in found]
    if "method" not in found and "job" not in found:
        missing.insert(0, "Scheduled Job")
    if missing:
        shown = ", ".join(repr(str(h)) for h in header[:8]) or "none"
        raise EvidenceError(
            f"{path}: not an export of Scheduled Job Log: no {' / '.join(repr(m.title()) for m in missing)} "
            f"column (columns: {shown})"
        )
    return found


def _run(path: Path, where: str, values: dict) -> Run:
    method = str(values.get("method") or values.get("job") or "").strip()
    if not method:
        raise EvidenceError(f"{path}: {where}: no Scheduled Job")
    status = str(values.get("status") or "").strip()
    if status not in STATUSES:
        raise EvidenceError(f"{path}: {where}: unknown status {status!r} (expected {', '.join(sorted(STATUSES))})")
    details = str(values.get("details") or "")
    lines = [line.strip() for line in details.splitlines() if line.strip()]
    return Run(
        method=method,
        status=status,
        started=_moment(path, where, "Created On", values.get("started")),
        updated=_moment(path, where, "Last Updated On", values.get("updated")),
        error=lines[-1] if lines and status == "Failed" else "",
    )


def _moment(path: Path, where: str, column: str, value) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        raise EvidenceError(f"{path}: {where}: {column} {value!r} is not a date and time like 2025-05-01 02:00:04") from None
    return moment.replace(tzinfo=None)
