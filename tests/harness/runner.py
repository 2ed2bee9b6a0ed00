"""Run a snapshot's code before and after its fix against the fake Frappe, and compare what is
observable, aspect by aspect (jobfix.codemods.transforms.base.ASPECTS).

Each entry point (a module function, a controller method, a scheduled task) runs the way Frappe
runs it: through the job runner (commit when it returns; rollback, an Error Log and a commit when
it raises), as Administrator, or as a user when it is whitelisted or a document event. Then the
worker runs the jobs it queued. Scenarios: nothing fails; the second record of every list fails
(a plain exception); it times out (RQ's JobTimeoutException); and for whitelisted functions, a
double click (called with arguments A, B, then A again while the jobs are still queued).
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable

from jobfix.codemods.transforms.base import Contract

from harness.fake_frappe import (
    ADMIN, USER, FakeDoc, FakeFrappe, JobTimeoutException, RecordFailed, Runaway, _frozen,
)
from harness.modules import installed

WORKER_JOBS = 40  # jobs the worker runs after an entry point (a retry loop would never end)
LINE_BUDGET = 200_000  # lines of snapshot code one run may execute
DOC_PARAMETERS = frozenset({"doc", "document", "self"})


@dataclass(frozen=True)
class Scenario:
    name: str
    failure: type[BaseException] | None = None  # raised by the failing record's writes
    calls: tuple[str, ...] = ("A",)  # argument variants, one call each, in one queue
    doctype: str = ""  # whose second record fails (each doctype the entry reads, in turn)

    @property
    def fails(self) -> bool:
        return self.failure is not None

    def failing(self, name) -> bool:
        return name == f"{self.doctype}-2"

    def of(self, doctype: str) -> Scenario:
        return replace(self, name=f"{self.name} ({doctype}-2)", doctype=doctype)


OK = Scenario("ok")
FAILS = Scenario("record fails", RecordFailed)
TIMES_OUT = Scenario("times out", JobTimeoutException)
DOUBLE_CLICK = Scenario("double click", calls=("A", "B", "A"))


@dataclass(frozen=True)
class Entry:
    """Something Frappe calls: ``kind`` is "function", "method" or "scheduled"."""

    kind: str
    module: str
    qualname: str
    key: str = ""  # the scheduler_events key of a scheduled task

    def __str__(self):
        where = f"{self.module}.{self.qualname}"
        return f"{where} ({self.key})" if self.kind == "scheduled" else where


# -- loading ---------------------------------------------------------------------------------------


class App:
    """A snapshot's files loaded as the app ``myapp`` against one fake."""

    def __init__(self, sections: dict[str, str], frappe: FakeFrappe, label: str):
        self.sections, self.frappe, self.label = sections, frappe, label

    def __enter__(self):
        self._installed = installed(self.sections, self.frappe, self.label)
        self.finder = self._installed.__enter__()
        self.modules = {}
        for name in self.finder.module_names():
            self.modules[name] = __import__(name, fromlist=["_"])
        self.frappe.resolve = self.resolve
        return self

    def __exit__(self, *exc):
        return self._installed.__exit__(*exc)

    def resolve(self, path):
        if isinstance(path, tuple):  # ("controller", doctype)
            return self.controllers().get(path[1])
        if path == "frappe.utils.background_jobs.run_doc_method":
            return sys.modules["frappe.utils.background_jobs"].run_doc_method
        module, _, attr = str(path).rpartition(".")
        target = self.modules.get(module)
        return getattr(target, attr, None) if target is not None else None

    def controllers(self) -> dict[str, type]:
        found = {}
        for module in self.modules.values():
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, FakeDoc) and value is not FakeDoc:
                    found[_doctype(value)] = value
        return found

    def hooks(self) -> dict:
        code = self.sections.get("hooks.py")
        if code is None:
            return {}
        namespace: dict = {}
        exec(compile(code, f"<snapshot {self.label}/hooks.py>", "exec"), namespace)
        return namespace

    def entries(self) -> list[Entry]:
        found = []
        for name, module in self.modules.items():
            for value in vars(module).values():
                if inspect.isfunction(value) and value.__module__ == name:
                    found.append(Entry("function", name, value.__qualname__))
                elif isinstance(value, type) and value.__module__ == name and issubclass(value, FakeDoc):
                    for attr, method in vars(value).items():
                        if inspect.isfunction(method) and not attr.startswith("__"):
                            found.append(Entry("method", name, method.__qualname__))
        for key, path in self.schedule():
            module, _, attr = path.rpartition(".")
            found.append(Entry("scheduled", module, attr, key))
        return found

    def schedule(self) -> list[tuple[str, str]]:
        """(key, dotted path) of every string entry of scheduler_events."""
        events = self.hooks().get("scheduler_events") or {}
        found = []
        for key, entries in events.items() if isinstance(events, dict) else ():
            if key == "cron" and isinstance(entries, dict):
                found += [(f"cron {expr}", e) for expr, items in entries.items() for e in _listed(items) if isinstance(e, str)]
            else:
                found += [(key, e) for e in _listed(entries) if isinstance(e, str)]
        return found

    def doc_event_handlers(self) -> set[str]:
        events = self.hooks().get("doc_events") or {}
        paths = set()
        for handlers in events.values() if isinstance(events, dict) else ():
            for value in handlers.values() if isinstance(handlers, dict) else ():
                paths.update([value] if isinstance(value, str) else value)
        return paths

    def function(self, entry: Entry) -> Callable | None:
        module = self.modules.get(entry.module)
        target = module
        for part in entry.qualname.split("."):
            target = getattr(target, part, None)
        return target if callable(target) else None


def _listed(value) -> list:
    """A hooks value as frappe.append_hook reads it: a list, or one value made a list."""
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _doctype(cls: type) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__)


# -- one run ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """What one scenario of one entry point did, by aspect."""

    aspects: dict[str, object] = field(default_factory=dict)
    doctypes: list[str] = field(default_factory=list)  # whose records it read

    def diff(self, other: Run) -> set[str]:
        found = {a for a in self.aspects if a != "timing" and self.aspects[a] != other.aspects.get(a)}
        timing, other_timing = self.aspects.get("timing", {}), other.aspects.get("timing", {})
        if any(timing[m] != other_timing[m] for m in timing.keys() & other_timing.keys()):
            found.add("timing")  # compared for the jobs both sides queue
        return found


def run_entry(sections, label, entry: Entry, scenario: Scenario, version: int, *, absent: bool = False) -> Run | None:
    """Run ``entry`` in ``scenario``; ``absent``: the failing record is not there at all. None when
    the entry point does not exist on this side."""
    frappe = FakeFrappe(
        version=version,
        failing=scenario.failing if scenario.fails and not absent else frozenset(),
        failure=scenario.failure or RecordFailed,
        absent=scenario.failing if absent else frozenset(),
    )
    with App(sections, frappe, label) as app:
        signature = None
        outcomes = []
        if entry.kind == "scheduled":
            function = app.resolve(f"{entry.module}.{entry.qualname}")
            if not inspect.isfunction(function):
                return None
            outcomes.append(_scheduled(frappe, function))
        else:
            function = app.function(entry)
            if function is None:
                return None
            signature = _parameters(function)
            user = USER if _user_facing(app, entry, function) else ADMIN
            for variant in scenario.calls:
                frappe.session.user = user
                args = _arguments(frappe, app, entry, function, variant)
                outcomes.append(_job(frappe, lambda: function(*args), entry.qualname))
        jobs = _worker(frappe, app)
        return Run(_aspects(frappe, outcomes, jobs, signature, app), sorted(frappe.records))


def _traced(call: Callable):
    """``call()``, stopped with Runaway when the snapshot code runs too many lines."""
    budget = [LINE_BUDGET]

    def local(frame, event, arg):
        if event == "line":
            budget[0] -= 1
            if budget[0] < 0:
                raise Runaway()
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith("<snapshot") else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        return call()
    finally:
        sys.settrace(previous)


def _job(frappe: FakeFrappe, call: Callable, title: str) -> tuple:
    """Frappe's execute_job: commit on return; on an exception, rollback, an Error Log, a commit."""
    try:
        result = _traced(call)
        frappe.db.commit()
        return ("returned", _frozen(result))
    except Runaway:
        return ("runaway",)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt end the job too
        frappe.db.rollback()
        frappe.steps = 0
        frappe.log_error(title=title)
        frappe.db.commit()
        return ("raised", type(exc).__name__)


def _scheduled(frappe: FakeFrappe, function: Callable) -> tuple:
    """ScheduledJobType.execute: commit on return; rollback on an exception, which it swallows."""
    frappe.session.user = ADMIN
    try:
        result = _traced(function)
        frappe.db.commit()
        return ("returned", _frozen(result))
    except Runaway:
        return ("runaway",)
    except Exception as exc:
        frappe.db.rollback()
        return ("failed", type(exc).__name__)


def _worker(frappe: FakeFrappe, app: App) -> list[tuple]:
    """Run the queued jobs as RQ's worker would, each in its own transaction."""
    done = []
    for job in frappe.jobs[:WORKER_JOBS]:
        if job.status != "queued":
            continue
        job.status = "started"
        spec = job.job
        target = spec["callable"] if callable(spec["callable"]) else app.resolve(spec["method"])
        if target is None:
            job.status = "not found"
        else:
            frappe.session.user = spec["user"]
            frappe.steps = 0
            outcome = _job(frappe, lambda: target(**spec["kwargs"]), spec["method"])
            job.status = "finished" if outcome[0] == "returned" else "failed"
        done.append((spec["method"], job.status))
    return done


def _parameters(function: Callable) -> tuple:
    return tuple((p.name, p.kind.name, p.default is not p.empty) for p in inspect.signature(function).parameters.values())


def _user_facing(app: App, entry: Entry, function: Callable) -> bool:
    """Whitelisted, a controller method, or a doc_events handler: runs as the user who clicked."""
    return (
        getattr(function, "whitelisted", False) or entry.kind == "method"
        or f"{entry.module}.{entry.qualname}" in app.doc_event_handlers()
    )


def _arguments(frappe: FakeFrappe, app: App, entry: Entry, function: Callable, variant: str) -> list:
    args = []
    parameters = list(inspect.signature(function).parameters.values())
    if entry.kind == "method":
        owner = app.resolve(f"{entry.module}.{entry.qualname.rsplit('.', 1)[0]}")
        args.append(owner(frappe, _doctype(owner), f"{_doctype(owner)}-{variant}"))
        parameters = parameters[1:]
    for p in parameters:
        if p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.KEYWORD_ONLY):
            continue
        if p.name in DOC_PARAMETERS:
            args.append(FakeDoc(frappe, "Sales Order", f"Sales Order-{variant}"))
        else:
            args.append(f"{p.name}-{variant}")
    return args


def _aspects(frappe: FakeFrappe, outcomes, jobs, signature, app: App) -> dict:
    committed = frappe.db.committed
    queued = frappe.enqueued
    return {
        "outcome": tuple(outcomes),
        "persisted": sorted(Counter(repr(w) for w in committed if w[0] != "Error Log").items()),
        "commits": len(frappe.db.commit_sizes),
        "errors": sorted(w[1] for w in committed if w[0] == "Error Log"),
        "jobs": (sorted(repr((j["method"], _frozen(j["kwargs"]))) for j in queued), sorted(map(repr, jobs))),
        "queues": sorted(repr((j["method"], j["queue"], j["timeout"])) for j in queued),
        "job_identity": sorted(repr((j["method"], j["job_id"], j["deduplicate"])) for j in queued),
        "duplicates": sorted(repr((d["method"], d["kwargs"])) for d in frappe.dropped),
        "timing": {j["method"]: j["after_commit"] for j in queued},
        "progress": [repr(p) for p in frappe.progress],
        "permissions": list(frappe.permission_checks),
        "external": [(event, pending <= frappe.db.committed_seq) for event, pending in frappe.external],
        "signature": signature,
    }


# ScheduledJobType.frequency's options (frappe develop 2025-05); the maintenance ones from v15.72.4
FREQUENCIES = frozenset({
    "All", "Hourly", "Hourly Long", "Daily", "Daily Long", "Weekly", "Weekly Long", "Monthly", "Monthly Long",
    "Cron", "Yearly", "Annual",
})
MAINTENANCE = frozenset({"Hourly Maintenance", "Daily Maintenance"})


def _schedule(app: App, version: int) -> set[tuple[str, str, str]]:
    """(how often, path, queue) of every entry Frappe will run: sync_jobs makes a key a frequency
    with ``key.replace("_", " ").title()`` (an unknown one is not inserted), reads a dict as a cron
    table (from v16 only the one under ``cron`` is kept), and skips a path get_attr cannot find."""
    found = set()
    events = app.hooks().get("scheduler_events") or {}
    for key, entries in events.items() if isinstance(events, dict) else ():
        if isinstance(entries, dict):
            if version >= 16 and key != "cron":
                continue
            pairs = [(f"cron {expr}", "default", e) for expr, items in entries.items() for e in _listed(items)]
        else:
            frequency = str(key).replace("_", " ").title()
            if frequency not in FREQUENCIES | (MAINTENANCE if version >= 16 else frozenset()):
                continue
            queue = "long" if "Long" in frequency or "Maintenance" in frequency else "default"
            how_often = frequency.replace(" Long", "").replace(" Maintenance", "")
            pairs = [(how_often, queue, e) for e in _listed(entries)]
        for how_often, queue, path in pairs:
            if isinstance(path, str) and inspect.isfunction(app.resolve(path)):
                found.add((how_often, path, queue))
    return found


# -- comparing -------------------------------------------------------------------------------------


@dataclass
class Difference:
    entry: Entry
    scenario: str
    aspect: str
    before: object
    after: object

    def __str__(self):
        return f"{self.entry} [{self.scenario}] {self.aspect}:\n    before: {self.before!r}\n    after:  {self.after!r}"


def compare(
    before: dict[str, str], after: dict[str, str], contract: Contract, version: int, label: str, written_for: int | None = None,
) -> list[Difference]:
    """Every difference between ``before`` and ``after`` that ``contract`` does not declare.
    ``written_for``: the Frappe version ``before`` was written for, when it is not ``version``
    (a migration fix: the original runs as that version, the fix as the target)."""
    old_version = written_for if contract.across_versions and written_for else version
    with App(before, FakeFrappe(version=old_version), label) as app:
        entries = app.entries()
        whitelisted = {e for e in entries if getattr(app.function(e), "whitelisted", False)}
    found = _schedule_differences(before, after, contract, version, label)
    for entry in entries:
        if entry.kind == "scheduled":
            continue  # run as functions; the schedule is compared once
        read = run_entry(before, label, entry, OK, old_version)
        if read is None:
            continue
        failing = [s.of(doctype) for s in (FAILS, TIMES_OUT) for doctype in read.doctypes]
        for scenario in (OK, *failing, *((DOUBLE_CLICK,) if entry in whitelisted else ())):
            old = run_entry(before, label, entry, scenario, old_version)
            new = run_entry(after, label + ".fixed", entry, scenario, version)
            if old is None or new is None:
                continue
            allowed = set(contract.changes)
            if scenario.fails and (_stopped(old) or _stopped(new)):
                allowed |= contract.on_failure  # the failure reached the job runner on one side
            if scenario.failure is RecordFailed and contract.isolates_failures and old.diff(new) - allowed:
                old = run_entry(before, label, entry, scenario, old_version, absent=True)  # as if it were not there
                if _logs_the_record(old, new, scenario):
                    allowed.add("errors")
                if _only_added(old, new):
                    allowed.add("external")
            if "signature" in allowed and _required(new) != _required(old):
                continue  # called differently now: its callers show what changed
            if "duplicates" in allowed and scenario is DOUBLE_CLICK:
                old, new = _repeats_merged(old), _repeats_merged(new)
            for aspect in sorted(old.diff(new) - allowed):
                found.append(Difference(entry, scenario.name, aspect, old.aspects[aspect], new.aspects[aspect]))
    return found


def _required(run: Run) -> tuple:
    return tuple(p for p in run.aspects["signature"] or () if not p[2])


def _schedule_differences(before, after, contract: Contract, version: int, label: str) -> list[Difference]:
    """What scheduler_events runs (how often, which function) and on which queue."""
    runs = []
    for sections, side in ((before, label), (after, label + ".fixed")):
        with App(sections, FakeFrappe(version=version), side) as app:
            scheduled = _schedule(app, version)
        runs.append({
            "schedule": sorted({(frequency, path) for frequency, path, _ in scheduled}),
            "queues": {path: sorted({q for _, p, q in scheduled if p == path}) for _, path, _ in scheduled},
        })
    old, new = runs
    common = old["queues"].keys() & new["queues"].keys()  # a queue is compared where both sides run the task
    old["queues"] = {p: q for p, q in old["queues"].items() if p in common}
    new["queues"] = {p: q for p, q in new["queues"].items() if p in common}
    entry = Entry("hooks", "myapp.hooks", "scheduler_events")
    return [
        Difference(entry, "hooks", aspect, old[aspect], new[aspect])
        for aspect in ("schedule", "queues") if old[aspect] != new[aspect] and aspect not in contract.changes
    ]


def _stopped(run: Run) -> bool:
    """The entry point, or a job it queued, ended with an exception."""
    queued, worked = run.aspects["jobs"]
    return any(o[0] in ("raised", "failed") for o in run.aspects["outcome"]) or any("'failed'" in w for w in worked)


def _only_added(reference: Run, isolated: Run) -> bool:
    """The isolated run's external events are the reference's plus the failed record's (made before
    it failed, as the original made them before it stopped)."""
    return not Counter(reference.aspects["external"]) - Counter(isolated.aspects["external"])


def _logs_the_record(reference: Run, isolated: Run, scenario: Scenario) -> bool:
    """The isolated run's extra Error Logs each name the failing record."""
    extra = Counter(isolated.aspects["errors"]) - Counter(reference.aspects["errors"])
    return bool(extra) and all(title.endswith(f"{scenario.doctype}-2") for title in extra.elements())


def _repeats_merged(run: Run) -> Run:
    """A run with repeated identical jobs (and what they did) counted once: what de-duplication
    may drop. Two calls that differ in any argument still count twice."""
    aspects = dict(run.aspects)
    queued, worked = aspects["jobs"]
    aspects["jobs"] = (sorted(set(queued)), sorted(set(worked)))
    aspects["persisted"] = sorted({key for key, _ in aspects["persisted"]})
    aspects["errors"] = sorted(set(aspects["errors"]))
    aspects["commits"] = None
    for key in ("queues", "job_identity"):
        aspects[key] = sorted(set(aspects[key]))
    return Run(aspects)
