"""The migration report: one self-contained HTML page for the people who plan a migration.

It shows what the check and a fix run found (``AppResult`` of a preview run), never runs
anything itself. The page opens offline: styles are inline, charts are inline SVG drawn here (a
few rectangles each; a chart library would stamp random ids and the date into every chart and
want its JavaScript for tooltips, where SVG's own ``<title>`` does the job), and nothing links
outside the page except the places in the code, relative to the report.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from itertools import cycle
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from jobfix.codemods.engine.model import AppResult, Finding
from jobfix.codemods.evidence import SiteEvidence
from jobfix.codemods.evidence.model import seconds
from jobfix.codemods.index.app import read_hooks
from jobfix.codemods.index.bench import bench_root, migrate_lines
from jobfix.codemods.index.frappe_api import FrappeTarget, queue_of_scheduler_key, queue_timeouts
from jobfix.codemods.reports.rule_docs import RuleDoc, rule_doc
from jobfix.codemods.reports.text import diff_line_kind, display_path

# How a finding can be resolved, in the order charts stack them.
KINDS = ("safe", "unsafe", "person", "unreadable")
KIND_LABELS = {
    "safe": "Fixable safely",
    "unsafe": "Fixable with unsafe fixes",
    "person": "Needs a person",
    "unreadable": "Could not be read",
}


class ReportError(Exception):
    """The report cannot be written where asked."""


def kind_of(finding: Finding) -> str:
    if finding.is_parse_error:
        return "unreadable"
    if finding.fixable(False):
        return "safe"
    return "unsafe" if finding.fixable(True) else "person"


@dataclass(frozen=True)
class RunInfo:
    """What the page says about the run itself."""

    generated: date
    version: str
    unsafe_fixes: bool
    target: FrappeTarget | None  # --frappe-version (None: each app's own)
    from_version: int | None  # --from-version (None: each app's own)
    report_folder: Path  # links to the code are relative to it
    queue_timeouts: Mapping[str, int] = field(default_factory=dict)  # seconds per queue (queue-timeouts)


def report_date(environ: Mapping[str, str] = os.environ) -> date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), so a
    committed report can be made again byte for byte."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


# -- charts: horizontal bars, stacked by kind ---------------------------------------------------


@dataclass(frozen=True)
class Segment:
    kind: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    hint: str  # the full label and counts, shown on hover
    y: float
    total: int
    segments: tuple[Segment, ...]

    @property
    def end(self) -> float:
        """Where the bar ends, for its total."""
        last = self.segments[-1]
        return round(last.x + last.width, 2)


@dataclass(frozen=True)
class Tick:
    x: float
    value: int


@dataclass(frozen=True)
class BarChart:
    name: str
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    left: int  # where the bars start; labels end just before
    kinds: tuple[str, ...]  # the kinds present, for the legend
    bar_height: int = 18


CHART_WIDTH, LABEL_WIDTH, ROW, TOP, AXIS = 1080, 300, 26, 8, 22
LABEL_CHARS = 40


def _nice_step(largest: int) -> int:
    """The grid's step, 1, 2, 5, 10, 20, 50...: at most 5 lines across."""
    step, factors = 1, cycle((2, 2.5, 2))
    while largest / step > 5:
        step = int(step * next(factors))
    return step


def stacked_chart(name: str, rows: list[tuple[str, str, Counter]]) -> BarChart:
    """One bar per row (label, hover text, counts by kind), longest first as given."""
    largest = max((sum(c.values()) for _, _, c in rows), default=0) or 1
    step = _nice_step(largest)
    top = -(-largest // step) * step
    span = CHART_WIDTH - LABEL_WIDTH - 50  # room on the right for the total
    scale = span / top
    bars = []
    for i, (label, hint, counts) in enumerate(rows):
        y = TOP + i * ROW
        x = float(LABEL_WIDTH)
        segments = []
        for kind in KINDS:
            if counts[kind]:
                width = counts[kind] * scale
                segments.append(Segment(kind, round(x, 2), round(width, 2), counts[kind]))
                x += width
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        bars.append(Bar(short, hint, y, sum(counts.values()), tuple(segments)))
    ticks = tuple(Tick(round(LABEL_WIDTH + v * scale, 2), v) for v in range(0, top + 1, step))
    present = tuple(k for k in KINDS if any(c[k] for _, _, c in rows))
    return BarChart(name, tuple(bars), ticks, CHART_WIDTH, TOP + len(rows) * ROW + AXIS, LABEL_WIDTH, present)


def _hint(label: str, counts: Counter) -> str:
    parts = [f"{counts[k]} {KIND_LABELS[k].lower()}" for k in KINDS if counts[k]]
    return f"{label}: {sum(counts.values())} ({', '.join(parts)})"


# -- a site's evidence: the slowest scheduled tasks against their queue's timeout ------------------

TIMING_ROWS = 12  # the slowest tasks shown; the rest are in no danger the chart could show
TIMING_TEXT = 170  # room right of the bars for "p95 412 s / 300 s"


@dataclass(frozen=True)
class TimingRow:
    label: str
    hint: str
    y: float
    width: float  # of the p95 bar
    timeout_x: float | None  # where the queue's timeout is, when known
    level: str  # under half its timeout (safe), over half (unsafe), over it (person), timeout unknown
    text: str


@dataclass(frozen=True)
class TimingChart:
    name: str
    rows: tuple[TimingRow, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    left: int
    bar_height: int = 18


@dataclass(frozen=True)
class TroubleRow:
    task: str
    runs: int
    failures: int
    killed: int
    last_failure: str
    last_error: str


@dataclass(frozen=True)
class EvidenceView:
    source: str  # "site x" or an export's file name
    window: str  # "30 days"
    span: str  # "2025-05-10 to 2025-06-08", when runs were read
    tasks: int
    runs: int
    chart: TimingChart | None
    trouble: tuple[TroubleRow, ...]


def _scheduled_queues(results: list[AppResult]) -> dict[str, str]:
    """The queue each scheduled task of the apps runs on, from hooks.py: an export of the job log
    does not say."""
    queues = {}
    for result in results:
        if result.unit.is_app:
            for entry in read_hooks(result.unit.root / "hooks.py").scheduler_entries:
                if entry.dotted:
                    queues[entry.dotted] = queue_of_scheduler_key(entry.frequency)
    return queues


def _timeouts(evidence: SiteEvidence, results: list[AppResult], limits: Mapping[str, int]) -> dict[int, tuple[str, str, int]]:
    """id(figures) -> (the task's dotted path, its queue, that queue's timeout), for the tasks whose
    queue the site or the apps' hooks.py say."""
    known = {}
    for dotted, queue in _scheduled_queues(results).items():
        figures = evidence.for_method(dotted)
        if figures is not None:
            known[id(figures)] = (dotted, queue, limits[queue])
    for figures in evidence.methods:
        if figures.queue and figures.timeout:
            task = known.get(id(figures), (figures.method,))[0]
            known[id(figures)] = (task, figures.queue, figures.timeout)
    return known


def timing_chart(evidence: SiteEvidence, results: list[AppResult], limits: Mapping[str, int]) -> TimingChart | None:
    """The slowest tasks by p95, each against its own queue's timeout."""
    known = _timeouts(evidence, results, limits)
    measured = sorted((m for m in evidence.methods if m.p95 is not None), key=lambda m: (-m.p95, m.method))[:TIMING_ROWS]
    if not measured:
        return None
    largest = max(max(m.p95, known.get(id(m), ("", "", 0))[2]) for m in measured) or 1
    step = _nice_step(int(largest) or 1)
    top = -(-int(largest) // step) * step or step
    scale = (CHART_WIDTH - LABEL_WIDTH - TIMING_TEXT) / top
    rows = []
    for i, figures in enumerate(measured):
        task, queue, timeout = known.get(id(figures), (figures.method, None, None))
        share = figures.p95 / timeout if timeout else None
        level = "unreadable" if share is None else "person" if share >= 1 else "unsafe" if share > 0.5 else "safe"
        text = f"p95 {seconds(figures.p95)}" + (f" / {seconds(timeout)}" if timeout else "")
        hint = (f"{task}: p50 {seconds(figures.p50)}, p95 {seconds(figures.p95)}, slowest {seconds(figures.max)} "
                f"over {figures.runs} runs; " + (f"the {queue} queue allows {seconds(timeout)}" if timeout else "queue not known"))
        short = task if len(task) <= LABEL_CHARS else "…" + task[-(LABEL_CHARS - 1):]
        rows.append(TimingRow(short, hint, TOP + i * ROW, round(max(figures.p95 * scale, 1), 2),
                              round(LABEL_WIDTH + timeout * scale, 2) if timeout else None, level, text))
    ticks = tuple(Tick(round(LABEL_WIDTH + v * scale, 2), v) for v in range(0, top + 1, step))
    return TimingChart("p95 against the queue's timeout", tuple(rows), ticks, CHART_WIDTH, TOP + len(rows) * ROW + AXIS, LABEL_WIDTH)


def evidence_view(evidence: SiteEvidence, results: list[AppResult], limits: Mapping[str, int]) -> EvidenceView:
    known = _timeouts(evidence, results, limits)
    trouble = tuple(
        TroubleRow(known.get(id(m), (m.method,))[0], m.runs, m.failures, m.killed,
                   f"{m.last_failure:%Y-%m-%d %H:%M}" if m.last_failure else "", m.last_error)
        for m in sorted(evidence.methods, key=lambda m: (-m.killed, -m.failures, m.method)) if m.killed or m.failures
    )
    span = f"{evidence.earliest:%Y-%m-%d} to {evidence.until:%Y-%m-%d}" if evidence.earliest and evidence.until else ""
    return EvidenceView(evidence.source, evidence.window, span, len(evidence.methods),
                        sum(m.runs + m.killed + m.running for m in evidence.methods),
                        timing_chart(evidence, results, limits), trouble)


# -- what the page shows -------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Place:
    text: str  # path:line
    href: str  # relative to the report
    message: str
    why: str  # the consequence, after the message
    app: str


@dataclass(frozen=True)
class ChangedFileView:
    path: str
    in_app: str  # the path inside its app's folder
    anchor: str
    rules: str  # "JF008 ×2, JF012 ×1"
    fixes: int
    created: bool
    diff: tuple[tuple[str, str], ...] = ()  # (css class, line)


@dataclass(frozen=True)
class AppView:
    name: str
    path: str
    is_app: bool
    target: str
    from_version: str
    files_scanned: int
    rules: tuple[RuleRow, ...]
    counts: Counter
    changed: tuple[ChangedFileView, ...]
    migrate: tuple[str, ...]  # what to run, after why (the first line)
    not_applied: tuple[str, ...]  # fixes that could not be applied, with the reason
    error: str | None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def anchor(self) -> str:
        return "app-" + _slug(self.path)


@dataclass(frozen=True)
class PersonGroup:
    doc: RuleDoc
    places: tuple[Place, ...]


@dataclass
class Report:
    title: str
    scope: str  # "Bench", "App" or "Apps"
    where: str
    info: RunInfo
    target: str
    from_version: str
    totals: Counter
    apps: list[AppView]
    rule_chart: BarChart
    app_chart: BarChart
    person: list[PersonGroup]
    changed: list[ChangedFileView]
    unreadable: list[Place]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # apps left out: (name, why)
    evidence: EvidenceView | None = None
    kind_labels: dict = field(default_factory=lambda: dict(KIND_LABELS))

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def fix_command(self) -> str:
        return "jobfix fix --unsafe-fixes" if self.info.unsafe_fixes else "jobfix fix"


def _counts(findings: Iterable[Finding]) -> Counter:
    counts = Counter({k: 0 for k in KINDS})
    counts.update(kind_of(f) for f in findings)
    return counts


def _rule_rows(findings: list[Finding]) -> list[RuleRow]:
    by_rule: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_rule.setdefault((f.code, f.name), []).append(f)
    rows = [RuleRow(code, name, _counts(found)) for (code, name), found in by_rule.items()]
    return sorted(rows, key=lambda r: (-r.total, r.code))


def _diff_lines(diff: str) -> tuple[tuple[str, str], ...]:
    return tuple((diff_line_kind(line), line) for line in diff.splitlines())


def _rules_text(findings: Iterable[Finding]) -> str:
    counts = Counter(f.code for f in findings)
    return ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def _anchor(text: str) -> str:
    return "diff-" + _slug(text)


def _place(finding: Finding, app: str, report_folder: Path) -> Place:
    link = Path(os.path.relpath(os.path.abspath(finding.path), os.path.abspath(report_folder))).as_posix()
    return Place(f"{display_path(finding.path)}:{finding.span.row}", quote(link), finding.message, finding.why, app)


def _scope(results: list[AppResult]) -> tuple[str, str, str]:
    """(what, its name, where): a bench when every app is in one bench's apps/ folder."""
    apps = [r.unit for r in results if r.unit.is_app]
    benches = {bench_root(u.root) for u in apps}
    if len(apps) > 1 and len(benches) == 1 and None not in benches:
        (root,) = benches
        return "Bench", root.name, display_path(root / "apps")
    if len(apps) == 1:
        return "App", apps[0].name, display_path(apps[0].root.parent)
    return "Apps", f"{len(apps)} apps", ", ".join(display_path(u.root) for u in apps)


def _versions(values: set[str], given: str | None) -> str:
    if given is not None:
        return given
    if len(values) == 1:
        return next(iter(values))
    return "per app: " + ", ".join(sorted(values))


def build_report(results: list[AppResult], info: RunInfo, skipped: Iterable = (), evidence: SiteEvidence | None = None) -> Report:
    """What the page shows; ``skipped``: the apps the run left out (``selection.Skipped``);
    ``evidence``: a site's measured runs (``evidence.SiteEvidence``), if any."""
    apps: list[AppView] = []
    changed: list[ChangedFileView] = []
    person: dict[str, list[Place]] = {}
    unreadable: list[Place] = []
    for result in results:
        views = []
        for change in result.changes:
            path = display_path(change.path)
            in_app = Path(os.path.relpath(change.path, result.unit.root.parent)).as_posix()
            views.append(ChangedFileView(path, in_app, _anchor(path), _rules_text(change.findings), len(change.findings),
                                         change.created, _diff_lines(change.diff(Path.cwd()))))
        changed += views
        for finding in result.findings:
            kind = kind_of(finding)
            if kind == "person":
                person.setdefault(finding.code, []).append(_place(finding, result.name, info.report_folder))
            elif kind == "unreadable":
                unreadable.append(_place(finding, result.name, info.report_folder))
        apps.append(AppView(
            name=result.name if result.unit.is_app else f"{display_path(result.unit.root)} (not an app)",
            path=display_path(result.unit.root.parent if result.unit.is_app else result.unit.root),
            is_app=result.unit.is_app,
            target=str(result.frappe) if result.frappe else "",
            from_version=f"v{result.from_version}" if result.from_version else "unknown" if result.unit.is_app else "",
            files_scanned=result.files_scanned,
            rules=tuple(_rule_rows(result.findings)),
            counts=_counts(result.findings),
            changed=tuple(views),
            migrate=tuple(line.removeprefix("Next step: ") for line in migrate_lines(result.hooks_changed, display=display_path)),
            not_applied=tuple(f"{display_path(f.finding.path)}:{f.finding.span.row}: {f.finding.code}: {f.reason}"
                              for f in result.failed),
            error=result.error,
        ))
    findings = [f for r in results for f in r.findings]
    scope, title, where = _scope(results)
    rules = _rule_rows(findings)
    rule_chart = stacked_chart("findings by rule", [
        (f"{r.code} {r.name}", _hint(f"{r.code} {r.name}", r.counts), r.counts) for r in rules
    ])
    by_app = sorted(apps, key=lambda a: (-a.total, a.name))
    app_chart = stacked_chart("findings by app", [(a.name, _hint(a.name, a.counts), a.counts) for a in by_app if a.total])
    groups = [PersonGroup(rule_doc(code), tuple(places)) for code, places in person.items()]
    groups.sort(key=lambda g: (-len(g.places), g.doc.code))
    return Report(
        title=title, scope=scope, where=where, info=info,
        target=_versions({a.target for a in apps if a.target}, str(info.target) if info.target else None),
        from_version=_versions({a.from_version for a in apps if a.from_version},
                               f"v{info.from_version}" if info.from_version else None),
        totals=_counts(findings), apps=apps, rule_chart=rule_chart, app_chart=app_chart,
        person=groups, changed=changed, unreadable=unreadable,
        skipped=[(s.name, s.reason) for s in skipped],
        evidence=evidence_view(evidence, results, queue_timeouts(info.queue_timeouts)) if evidence is not None else None,
    )


# -- the page ----------------------------------------------------------------------------------

_CODE = re.compile(r"`([^`]+)`")


def inline_code(text: str) -> Markup:
    """Escaped text whose `backticked` parts are shown as code (rule docs and messages use them)."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


def share(count: int, total: int) -> str:
    """``count`` as a percentage of ``total``: "27%", and "<1%" rather than a "0%" that is not nothing."""
    if not total:
        return "0%"
    percent = round(100 * count / total)
    return "<1%" if count and not percent else ">99%" if count < total and percent == 100 else f"{percent}%"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("jobfix.codemods.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["code"] = inline_code
    env.filters["share"] = share
    return env


def render(results: list[AppResult], info: RunInfo, *, skipped: Iterable = (), evidence: SiteEvidence | None = None) -> str:
    """The whole page (with a section on ``evidence``, a site's measured runs, when given)."""
    report = build_report(results, info, skipped, evidence)
    return _environment().get_template("report.html.j2").render(report=report, kinds=KINDS)


def check_writable(output: Path) -> None:
    """Raises ReportError when ``output`` cannot be written: checked before the run takes time."""
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise ReportError(f"{output}: is a folder; give the name of the HTML file to write")
    if not folder.is_dir():
        raise ReportError(f"{output}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise ReportError(f"{output}: permission denied: cannot write there")


def write(output: Path, page: str) -> None:
    """Written whole or not at all (a temporary file renamed over it); raises ReportError."""
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(page)
            os.chmod(temporary, 0o666 & ~_umask())  # as a plain open() would (mkstemp makes it private)
            os.replace(temporary, output)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise ReportError(f"{output}: cannot write: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
