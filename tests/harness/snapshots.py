"""The two sides of a snapshot case: its input files and the files ``jobfix fix`` wrote."""

from __future__ import annotations

from pathlib import Path

from jobfix.codemods.index.frappe_api import DEFAULT_MAJOR
from snapshot_cases import FINDINGS_MARKER, HEADER, MARKER, Case, case_config, read_case


def sections(path: Path) -> dict[str, str]:
    """The files of a snapshot: its input (``<case>.py``) or its output (``<case>.expected.py``)."""
    if not path.name.endswith(".expected.py"):
        return read_case(path).sections
    text = path.read_text("utf-8")
    if text.startswith(HEADER):
        text = text.partition("\n")[2]
    text = text.partition(f"{FINDINGS_MARKER}\n")[0]
    parts = MARKER.split(text)
    return {"module.py": text} if len(parts) == 1 else dict(zip(parts[1::2], parts[2::2]))


def sides(case: Case) -> tuple[dict[str, str], dict[str, str]]:
    return sections(case.path), sections(case.path.with_name(f"{case.name}.expected.py"))


def version_of(case: Case) -> int:
    target = case_config(case).frappe_version
    return target.version[0] if target is not None else DEFAULT_MAJOR


def written_for(case: Case) -> int | None:
    """The Frappe version the case's code was written for (``from-version``), None when unknown."""
    return case_config(case).from_version
