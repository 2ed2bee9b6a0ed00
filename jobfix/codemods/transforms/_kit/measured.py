"""What a site measured about a scheduled task, weighed the way the queue rules (JF003, JF008,
JF014) and the evidence rules (JF015, JF016) weigh it. The figures come from ``ctx.evidence``
(``--site`` or ``--job-log``); a rule never fetches them itself.

- slow: the p95 of its finished runs is above half its queue's timeout. Runs vary; a task whose
  usual slow run already takes half the time allowed is one busy day from being killed, whatever
  its code looks like.
- fast: at least MIN_RUNS finished runs, none killed, and the slowest took at most FAST_SECONDS.
  The code may still look heavy (a loop over a table that will grow); such a finding is kept, with
  the figures, at lower confidence: its fix is no longer applied by a plain `jobfix fix`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobfix.codemods.evidence.model import MethodEvidence

SLOW_SHARE = 0.5
FAST_SECONDS = 10.0
MIN_RUNS = 3


@dataclass(frozen=True)
class Measured:
    figures: MethodEvidence
    citation: str  # "p95 412 s over 23 runs in 30 days on site x; slowest 480 s; 3 runs killed"

    def slow(self, timeout: int) -> bool:
        return self.figures.p95 is not None and self.figures.p95 > timeout * SLOW_SHARE

    @property
    def fast(self) -> bool:
        f = self.figures
        return f.runs >= MIN_RUNS and not f.killed and f.max is not None and f.max <= FAST_SECONDS


def measured(ctx, dotted: str | None) -> Measured | None:
    """The site's figures for the task ``dotted``, or None (no evidence given, or no run of it)."""
    evidence = ctx.evidence
    if evidence is None or not dotted:
        return None
    figures = evidence.for_method(dotted)
    return Measured(figures, evidence.cite(figures)) if figures is not None else None
