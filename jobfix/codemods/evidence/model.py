"""What a site measured about its scheduled tasks: runs in, figures per task out.

Frappe logs every run of a scheduled task whose frequency is not ``All`` or ``Cron`` as a
Scheduled Job Log row (``ScheduledJobType.validate`` forces ``create_log`` on for them): the row is
inserted when the run begins (``creation``) and set to ``Start``, then to ``Complete`` or
``Failed`` when it ends (``modified``; the traceback goes to ``details``). So a finished run took
``modified - creation``, and a row still at ``Start`` is a run that never said how it ended: killed
by its queue's timeout, or by a worker that died.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from jobfix.codemods.index.frappe_api import QUEUE_TIMEOUTS

# A run left at `Start` counts as killed once the log goes on this long past its queue's timeout
# (RQ stops the work horse at the timeout; the margin covers clocks and the last commit).
KILL_MARGIN_SECONDS = 60
DEFAULT_WINDOW = "30d"
UNFINISHED = frozenset({"Start", "Scheduled"})  # "Scheduled" is the doctype's first option, before db_set("Start")
FINISHED = frozenset({"Complete", "Failed"})
STATUSES = UNFINISHED | FINISHED


class EvidenceError(Exception):
    """Evidence that cannot be read (a missing site, a refused login, a malformed export): one
    line for the user, never a password."""


@dataclass(frozen=True)
class Run:
    """One Scheduled Job Log row."""

    method: str  # the task's dotted path, or the Scheduled Job Type's name when only that is known
    status: str
    started: datetime  # creation
    updated: datetime  # modified
    error: str = ""  # last line of `details`, for a failed run


@dataclass(frozen=True)
class MethodEvidence:
    """Figures of one scheduled task over the window. Durations are seconds of finished runs."""

    method: str
    runs: int  # finished: Complete or Failed
    failures: int
    killed: int  # left at Start past the timeout (plus KILL_MARGIN_SECONDS), or followed by a later run
    running: int  # at Start, still within its timeout
    p50: float | None
    p95: float | None
    max: float | None
    last_run: datetime | None
    last_error: str = ""
    last_failure: datetime | None = None
    frequency: str | None = None  # Scheduled Job Type's frequency, when the database said
    queue: str | None = None  # the queue the site runs it on, when the frequency is known
    timeout: int | None = None  # that queue's timeout in seconds

    def as_json(self) -> dict:
        return {
            "method": self.method, "runs": self.runs, "failures": self.failures, "killed": self.killed,
            "running": self.running, "p50": self.p50, "p95": self.p95, "max": self.max,
            "last_run": _iso(self.last_run), "last_failure": _iso(self.last_failure),
            "last_error": self.last_error or None, "frequency": self.frequency, "queue": self.queue,
            "timeout": self.timeout,
        }


@dataclass(frozen=True)
class SiteEvidence:
    """Every task's figures, and where they came from (``source``: "site erp.example.com" or the
    export's file name), over ``days`` days up to ``until``."""

    source: str
    days: float
    until: datetime | None
    methods: tuple[MethodEvidence, ...]
    earliest: datetime | None = None  # the first run in the window

    def for_method(self, dotted: str) -> MethodEvidence | None:
        """The figures of the task ``dotted``: by its dotted path, else by the ``module.function``
        name Frappe v13-v15 gave its Scheduled Job Type (an export lists that name), when exactly
        one task has it."""
        exact = [m for m in self.methods if m.method == dotted]
        if exact:
            return exact[0]
        short = ".".join(dotted.split(".")[-2:])
        named = [m for m in self.methods if m.method == short]
        return named[0] if len(named) == 1 else None

    def cite(self, figures: MethodEvidence) -> str:
        """The figures as a rule quotes them: "p95 412 s over 23 runs in 30 days on site x; 3 runs killed"."""
        text = f"p95 {seconds(figures.p95)} over {_count(figures.runs, 'run')}" if figures.runs else "no finished run"
        text += f" in {self.window} {self.where}"
        extra = []
        if figures.runs:
            extra.append(f"slowest {seconds(figures.max)}")
        if figures.killed:
            extra.append(f"{_count(figures.killed, 'run')} killed")
        if figures.failures:
            extra.append(f"{_count(figures.failures, 'run')} failed")
        return "; ".join([text, *extra])

    @property
    def where(self) -> str:
        return f"on {self.source}" if self.source.startswith("site ") else f"in {self.source}"

    @property
    def window(self) -> str:
        days = round(self.days, 1)
        return f"{days:g} day" if days == 1 else f"{days:g} days"

    def as_json(self) -> dict:
        return {
            "source": self.source, "days": self.days, "earliest": _iso(self.earliest), "until": _iso(self.until),
            "methods": [m.as_json() for m in self.methods],
        }


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} s" if value < 10 else f"{round(value)} s"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value is not None else None


def parse_window(text: str) -> timedelta:
    """``30d``, ``12h``, ``2w`` or a number of days; raises EvidenceError."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([dhw]?)\s*", text or "")
    if not match or float(match.group(1)) <= 0:
        raise EvidenceError(f"--since {text!r}: give a length such as 30d, 12h or 2w")
    unit = {"": "days", "d": "days", "h": "hours", "w": "weeks"}[match.group(2)]
    return timedelta(**{unit: float(match.group(1))})


def nearest_rank(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile: a duration one of the runs really took."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def queue_of_frequency(frequency: str | None) -> str | None:
    """``ScheduledJobType.get_queue_name``: long for *Long and *Maintenance frequencies."""
    if not frequency:
        return None
    return "long" if ("Long" in frequency or "Maintenance" in frequency) else "default"


def summarise(
    runs: list[Run],
    *,
    source: str,
    window: timedelta,
    frequencies: dict[str, str] | None = None,
    timeouts: dict[str, int] | None = None,
) -> SiteEvidence:
    """Per-task figures of ``runs``.

    A run at ``Start`` is killed when a later run of the same task began (Frappe does not queue a
    task again while its job is queued or running), or when the log's latest entry is more than the
    task's timeout plus KILL_MARGIN_SECONDS after it began; otherwise it is still running. The
    timeout is that of the task's queue when its frequency is known, else the long queue's (the
    largest: no run is called killed too early). Times are compared only with the log's own times,
    so the site's time zone does not matter; the window ends at the log's latest entry.
    """
    frequencies = frequencies or {}
    limits = {**QUEUE_TIMEOUTS, **(timeouts or {})}
    until = max((max(r.started, r.updated) for r in runs), default=None)
    if until is not None:
        runs = [r for r in runs if r.started >= until - window]
    by_method: dict[str, list[Run]] = {}
    for run in sorted(runs, key=lambda r: (r.method, r.started)):
        by_method.setdefault(run.method, []).append(run)
    methods = []
    for method, own in sorted(by_method.items()):
        frequency = frequencies.get(method)
        queue = queue_of_frequency(frequency)
        timeout = limits.get(queue) if queue else None
        allowed = timedelta(seconds=(timeout or limits["long"]) + KILL_MARGIN_SECONDS)
        durations, failures, killed, running = [], [], 0, 0
        for i, run in enumerate(own):
            if run.status in FINISHED:
                durations.append(max(0.0, (run.updated - run.started).total_seconds()))
                if run.status == "Failed":
                    failures.append(run)
            elif i + 1 < len(own) or until - run.started > allowed:
                killed += 1
            else:
                running += 1
        ordered = sorted(durations)
        last_failure = failures[-1] if failures else None
        methods.append(
            MethodEvidence(
                method=method, runs=len(ordered), failures=len(failures), killed=killed, running=running,
                p50=nearest_rank(ordered, 0.5) if ordered else None,
                p95=nearest_rank(ordered, 0.95) if ordered else None,
                max=ordered[-1] if ordered else None,
                last_run=own[-1].started,
                last_error=last_failure.error if last_failure else "",
                last_failure=last_failure.started if last_failure else None,
                frequency=frequency, queue=queue, timeout=timeout,
            )
        )
    earliest = min((r.started for r in runs), default=None)
    return SiteEvidence(source, window.total_seconds() / 86400, until, tuple(methods), earliest)
