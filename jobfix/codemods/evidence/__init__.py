"""Evidence from a running site: how long each scheduled task really takes, which runs failed and
which were killed, read from the site's Scheduled Job Log (``--site``, MariaDB, read-only) or
from an export of it (``--job-log``).

The API, for the command line, the rules and the reports:

- ``load_evidence(site=..., bench=..., since="30d", job_log=..., start=...)`` -> ``SiteEvidence``
  or None when neither ``site`` nor ``job_log`` is given; raises ``EvidenceError`` (one line).
- ``SiteEvidence.methods``: one ``MethodEvidence`` per task (runs, p50/p95/max seconds, failures,
  killed, last run, queue and timeout when known); ``for_method(dotted)`` finds a task's figures
  and ``cite(figures)`` words them as the rules quote them.
- ``method_evidence(evidence)``: the same as plain dicts (``MethodEvidence.as_json``), e.g. to plot
  each task's p95 against its queue's timeout.

Rules never connect to anything: they read ``FileContext.evidence``, which the run fills from
``Config.evidence``.
"""

from __future__ import annotations

from pathlib import Path

from jobfix.codemods.evidence.model import (
    DEFAULT_WINDOW, EvidenceError, MethodEvidence, Run, SiteEvidence, parse_window, summarise,
)

__all__ = [
    "DEFAULT_WINDOW", "EvidenceError", "MethodEvidence", "Run", "SiteEvidence", "load_evidence", "method_evidence",
]


def load_evidence(
    *,
    site: str | None = None,
    bench: Path | None = None,
    since: str = DEFAULT_WINDOW,
    job_log: Path | None = None,
    start: Path | None = None,
) -> SiteEvidence | None:
    """The evidence of ``site`` (its bench: ``bench``, else the one around ``start``) or of the
    export ``job_log``, over the last ``since`` (``30d``, ``12h``, ``2w``)."""
    if site is None and job_log is None:
        if bench is not None:
            raise EvidenceError("--bench needs --site")
        return None
    if site is not None and job_log is not None:
        raise EvidenceError("--site and --job-log are two sources of the same evidence: give one")
    window = parse_window(since)
    if job_log is not None:
        from jobfix.codemods.evidence.export import read_export

        return summarise(read_export(job_log), source=job_log.name, window=window)
    from jobfix.codemods.evidence.database import read_runs
    from jobfix.codemods.evidence.site import site_settings

    settings = site_settings(site, bench, start or Path.cwd())
    runs, frequencies = read_runs(settings, window)
    return summarise(
        runs, source=f"site {site}", window=window, frequencies=frequencies, timeouts=dict(settings.worker_timeouts),
    )


def method_evidence(evidence: SiteEvidence) -> list[dict]:
    """One dict per task: method, runs, failures, killed, running, p50, p95, max (seconds or None),
    last_run, last_failure, last_error, frequency, queue and timeout (None when unknown)."""
    return [m.as_json() for m in evidence.methods]
