"""`jobfix evidence`: a site's figures per scheduled task, as a plain table (stable width, so the
README can show it) or JSON."""

from __future__ import annotations

import json

from jobfix.codemods.evidence import SiteEvidence, method_evidence
from jobfix.codemods.evidence.model import seconds
from jobfix.codemods.reports.text import printable

HEADINGS = ("Scheduled task", "Queue", "Runs", "p50", "p95", "Max", "Failed", "Killed", "Last run")


def evidence_text(evidence: SiteEvidence) -> str:
    when = f": {evidence.earliest:%Y-%m-%d %H:%M} to {evidence.until:%Y-%m-%d %H:%M}" if evidence.until else ""
    lines = [f"Scheduled Job Log of {evidence.source}, last {evidence.window}{when}"]
    if not evidence.methods:
        return "\n".join([*lines, "No scheduled task ran in the window."]) + "\n"
    rows = [
        (
            printable(m.method),
            f"{m.queue} ({m.timeout} s)" if m.queue else "?",
            str(m.runs) + (f" +{m.running} running" if m.running else ""),
            seconds(m.p50), seconds(m.p95), seconds(m.max),
            str(m.failures), str(m.killed),
            f"{m.last_run:%Y-%m-%d %H:%M}" if m.last_run else "-",
        )
        for m in evidence.methods
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADINGS)]
    numeric = {2, 3, 4, 5, 6, 7}

    def line(cells) -> str:
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    lines += [line(HEADINGS), line("-" * w for w in widths), *map(line, rows)]
    failing = [m for m in evidence.methods if m.last_error]
    if failing:
        lines.append("Last errors:")
        lines += [f"  {printable(m.method)} ({m.last_failure:%Y-%m-%d %H:%M}): {printable(m.last_error)}" for m in failing]
    if any(m.queue is None for m in evidence.methods):
        lines.append("Queue `?`: the export does not say; a run left at Start counts as killed after the long queue's timeout or when a later run began.")
    return "\n".join(lines) + "\n"


def evidence_json(evidence: SiteEvidence) -> str:
    document = evidence.as_json()
    document["methods"] = method_evidence(evidence)
    return json.dumps(document, indent=2)
