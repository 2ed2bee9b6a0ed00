"""One run, start to end, for every command: discovery, analysis, planning, review, writing.

``check``, ``fix``, ``fix --dry-run``/``--diff`` and ``fix --interactive``, on one app or a
bench, in one process or many, all go through ``run``: each unit is analysed, its fixes are
planned (after a person's review, when one is asked), written, and analysed again while the fixes
written make new ones possible. Every step fills the same ``AppResult``. The command line chooses
the options and how to show the results; nothing here prints.
"""

from __future__ import annotations

import enum
import os
import pickle
import signal
import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from functools import partial
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from jobfix.codemods.engine.analysis import _one_line, analyse, cache_settings, discover
from jobfix.codemods.engine.cache import FindingsCache
from jobfix.codemods.engine.config import Config, config_for, load_config
from jobfix.codemods.engine import vcs
from jobfix.codemods.engine.noqa import noqa_changes
from jobfix.codemods.engine.model import AppResult, Applicability, FailedFix, FileChange, Finding, RunRefused, Unit
from jobfix.codemods.engine.selection import AppSelection, Skipped, select
from jobfix.codemods.engine.source import SourceFile

T = TypeVar("T")
R = TypeVar("R")

MAX_PASSES = 100  # as ruff: fixes that keep making new fixes possible are cut off here, and said so


class Mode(enum.Enum):
    CHECK = "check"  # findings only
    PREVIEW = "preview"  # findings and the changes their fixes would make; nothing written
    WRITE = "write"  # findings, and the fixes written, pass after pass until nothing more is fixable
    ADD_NOQA = "add-noqa"  # findings, and a suppression comment written on each (noqa.py)


@dataclass(frozen=True)
class RunOptions:
    mode: Mode = Mode.CHECK
    jobs: int | None = 1  # 1: this process, results keep their edits; None: the CPU count
    debug: bool = False
    cache: FindingsCache | None = None  # skip files an earlier run found clean
    propose_fixes: bool = False  # CHECK: each fixable finding's own changes (SARIF shows them)
    # CHECK: findings keep their fixes' edits; False for a report that applies none, which then
    # reads cached findings without importing the rules that define the edits
    edits: bool = True
    allow_dirty: bool = False  # WRITE: also into git work trees with uncommitted changes
    commit: bool = False  # WRITE: one git commit per app of the files jobfix wrote
    max_passes: int | None = None  # None: MAX_PASSES


@dataclass
class Decision:
    """What a review accepted, and the texts it showed (the changes are made from exactly these)."""

    accepted: list[Finding]
    sources: dict[Path, SourceFile] = field(default_factory=dict)


Review = Callable[[list[Finding]], Decision]


@dataclass
class FixPlan:
    changes: list[FileChange] = field(default_factory=list)
    failed: list[FailedFix] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)


def run(
    units: list[Unit],
    config: Config,
    options: RunOptions,
    *,
    review: Review | None = None,
    on_result: Callable[[int, AppResult], None] | None = None,
) -> list[AppResult]:
    """Every unit through the pipeline; results in unit order.

    With ``review`` the run stays in this process (a finding's edits do not cross processes) and
    one review covers the fixes of every unit, pass by pass. Without, each unit goes through the
    pipeline on its own, in worker processes when that pays; apps the cache knows are answered
    here (reading the cache is faster than starting workers).

    Writing is guarded as ``cargo fix`` guards it: RunRefused, before anything is written, for a
    git work tree with uncommitted changes (unless ``allow_dirty``) or, with ``commit``, where git
    cannot commit; after writing, ``commit`` makes one commit per app of what jobfix wrote.
    """
    dirty_before = _guard_writing(units, options) if options.mode is Mode.WRITE else set()
    results = _run(units, config, options, review, on_result)
    if options.commit and options.mode is Mode.WRITE:
        for result in results:
            _commit(result, dirty_before)
    return results


def _run(units, config, options, review, on_result) -> list[AppResult]:
    if review is not None:
        results = _pipeline(units, config, options, review)
        for index, result in enumerate(results):
            if on_result:
                on_result(index, result)
        return results
    work = partial(_pipeline_one, config=config, options=options)
    if options.jobs == 1:
        return map_units(work, units, jobs=1, on_result=on_result, on_crash=_crashed)
    cache = options.cache if options.jobs is None and not options.debug else None
    here = [i for i, unit in enumerate(units) if cache is not None and _answered_here(unit, unit.config or config, cache)]
    away = [i for i in range(len(units)) if i not in here]
    results: list[AppResult] = [None] * len(units)  # type: ignore[list-item]
    for i in here:
        results[i] = work(units[i])
        if on_result:
            on_result(i, results[i])

    def arrived(k: int, result: AppResult) -> None:
        if result.unit is None:  # a worker does not send back the unit it was given (see _for_parent)
            result.unit = units[away[k]]
        if on_result:
            on_result(away[k], result)

    done = map_units(
        work, [units[i] for i in away], jobs=options.jobs, sizes=[len(units[i].files) for i in away],
        on_result=arrived, on_crash=_crashed,
    )
    for i, result in zip(away, done):
        results[i] = result
    return results


def _answered_here(unit: Unit, config: Config, cache: FindingsCache) -> bool:
    """Whether the cache holds the unit under its settings: reading its entry is faster than
    starting a worker. Under other settings (another jobfix, another --select) it is analysed
    again, in a worker, as on a first run."""
    try:
        return cache.has_entry(unit.root, cache_settings(unit, config))
    except Exception:  # noqa: BLE001 - the unit's own analysis reports what went wrong
        return False


@dataclass
class Scope:
    """What a run covers: its units, each with its own settings, and the apps it leaves out."""

    units: list[Unit]
    skipped: list[Skipped]
    config: Config  # for what all units share: the common [tool.jobfix], else the command line's alone


def scope(paths: list[Path], overrides: dict, selection: AppSelection | None = None) -> Scope:
    """Discovery: the units under ``paths``, each with the settings of its nearest ``[tool.jobfix]``
    and the command line's ``overrides``, chosen by ``selection``. Raises ConfigError, ValueError."""
    paths = [Path(os.path.abspath(p)) for p in paths]
    sources = {_source(p) for p in paths}
    shared = config_for(paths[0], **overrides) if len(sources) == 1 else Config().merged(**overrides)
    units = discover(paths, shared)
    for unit in units:
        own = config_for(unit.root, **overrides)
        if own.source != shared.source:
            unit.files = [f for f in unit.files if not _excluded(f, own)]
            unit.app_files = None  # the index is walked again with the app's own exclusions
        unit.config = own
    skipped: list[Skipped] = []
    if selection is not None:
        units, skipped = select(units, paths, lambda u: u.config, selection)
    return Scope(units, skipped, shared)


def _source(path: Path) -> Path | None:
    return load_config(path).source


def _excluded(path: Path, config: Config) -> bool:
    """Whether ``exclude`` of the app's own table (globs relative to its pyproject.toml) drops ``path``."""
    if not config.exclude or config.source is None:
        return False
    relative = Path(os.path.relpath(path, config.source.parent))
    names = [relative.as_posix(), *(p.as_posix() for p in relative.parents if p.parts), path.name, *relative.parts]
    return any(fnmatch(name, pattern) for name in names for pattern in config.exclude)


def _guard_writing(units: list[Unit], options: RunOptions) -> set[Path]:
    """Refuses a write jobfix's changes could not be told apart from, or committed; returns the
    files that already had uncommitted changes (never committed by jobfix: they hold the user's lines)."""
    if not options.allow_dirty:
        dirty = vcs.dirty_apps(units)
        if dirty:
            listed = "; ".join(
                f"{vcs.app_folder(unit)} ({', '.join(lines[:3])}{', ...' if len(lines) > 3 else ''})" for unit, lines in dirty
            )
            raise RunRefused(
                f"uncommitted changes in {len(dirty)} app{'s' if len(dirty) != 1 else ''}: {listed}. "
                "Commit or stash them first (so jobfix's changes can be reviewed and undone with git), "
                "or pass --allow-dirty"
            )
    dirty_files: set[Path] = set()
    if options.commit:
        for unit in units:
            try:
                vcs.ready_to_commit(vcs.app_folder(unit))
                dirty_files |= vcs.dirty_files(vcs.app_folder(unit))
            except vcs.VcsError as exc:
                raise RunRefused(str(exc)) from None
    return dirty_files


def _commit(result: AppResult, dirty_before: set[Path]) -> None:
    """One commit of the files jobfix wrote into this app, and of nothing else."""
    if not result.changes:
        return
    paths = [p for p in result.changed_paths if p.resolve() not in dirty_before]
    result.not_committed = sorted(set(result.changed_paths) - set(paths))
    if not paths:
        return
    committed = set(paths)
    fixed = [f for f in result.fixed if any(c.path in committed and f in c.findings for c in result.changes)]
    try:
        result.commit = vcs.commit(vcs.app_folder(result.unit), paths, vcs.commit_message(result.name, fixed))
    except vcs.VcsError as exc:
        result.commit_error = str(exc)


def analyse_paths(
    paths: list[Path], config: Config, debug: bool = False, *, cache: FindingsCache | None = None, jobs: int | None = 1
) -> list[AppResult]:
    """``run`` in CHECK mode over the units under ``paths``.

    ``jobs=1`` runs here and keeps everything, fixes included. Any other value spreads units
    over processes and returns results for reporting: findings whose fixes do not pickle lose
    their edits (``Finding.portable``).
    """
    return run(discover(paths, config), config, RunOptions(Mode.CHECK, jobs=jobs, debug=debug, cache=cache))


def all_findings(results: list[AppResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def plan_fixes(
    findings: list[Finding],
    unsafe_fixes: bool,
    accept: Callable[[Finding], bool] | None = None,
    sources: dict[Path, SourceFile] | None = None,
    trees: dict | None = None,
) -> FixPlan:
    """The new contents for the fixes allowed by ``unsafe_fixes`` (and ``accept``, when given),
    made from ``sources`` where given (the texts a person reviewed), else from the disk;
    ``trees``: the analysis's ast trees by digest of the text, which need not be parsed again."""
    from jobfix.codemods.engine.changes import build_changes  # here: it loads LibCST, which a check never needs

    chosen = [f for f in findings if f.fixable(unsafe_fixes) and (accept is None or accept(f))]
    changes, failed = build_changes(chosen, sources, trees)
    fixed_ids = {id(f) for change in changes for f in change.findings}
    remaining = [f for f in findings if id(f) not in fixed_ids]
    return FixPlan(changes, failed, remaining)


# -- the pipeline ---------------------------------------------------------------------------------


def _pipeline_one(unit: Unit, config: Config, options: RunOptions) -> AppResult:
    """One unit, where it runs (a worker process or this one), ready to be sent back."""
    try:
        result = _pipeline([unit], config, options)[0]
    except Exception as exc:  # noqa: BLE001 - one app's failure must not end the run
        return AppResult(unit, error=_one_line(exc))
    return result if options.jobs == 1 else _for_parent(result, unit)


def _pipeline(units: list[Unit], config: Config, options: RunOptions, review: Review | None = None) -> list[AppResult]:
    edits = options.edits or options.propose_fixes or options.mode is not Mode.CHECK
    results = [analyse(unit, unit.config or config, options.debug, options.cache, edits) for unit in units]
    for result in results:
        result.remaining = list(result.findings)
    if options.mode is Mode.CHECK:
        if options.propose_fixes:
            for result in results:
                result.proposals = _proposals(result.findings)
        return results
    if options.mode is Mode.ADD_NOQA:
        for result in results:
            _noqa_pass(result)
        return results
    live = list(range(len(results)))  # the units whose next pass may fix more
    for number in range(1, (options.max_passes or MAX_PASSES) + 1):
        decision = _decide(results, live, config, review)
        wrote = []
        for i in live:
            try:
                if _fix_pass(results[i], units[i].config or config, options.mode, decision) and options.mode is Mode.WRITE:
                    wrote.append(i)
            except Exception as exc:  # noqa: BLE001 - one app's failure must not end the run
                results[i].error = _one_line(exc)
            results[i].passes = number
        if options.mode is not Mode.WRITE or not wrote:
            break
        for i in wrote:  # what the fixes wrote, and what they made scheduled or enqueued, is read again
            results[i] = _reanalysed(results[i], units[i].config or config, options)
        live = wrote
    else:
        for i in live:
            results[i].settled = not any(f.fixable((units[i].config or config).unsafe_fixes) for f in results[i].remaining)
    for result in results:
        result.findings = sorted(result.fixed + result.remaining, key=lambda f: f.sort_key)
    return results


def _decide(results: list[AppResult], live: list[int], config: Config, review: Review | None) -> Decision | None:
    if review is None:
        return None
    return review([f for i in live for f in results[i].remaining if f.fixable((results[i].unit.config or config).unsafe_fixes)])


def _fix_pass(result: AppResult, config: Config, mode: Mode, decision: Decision | None) -> bool:
    """Plan (and in WRITE mode write) the fixes of ``result.remaining``; True when a file changed."""
    from jobfix.codemods.engine.changes import write_changes

    accepted = None if decision is None else {id(f) for f in decision.accepted}
    plan = plan_fixes(
        result.remaining, config.unsafe_fixes, accept=None if accepted is None else (lambda f: id(f) in accepted),
        sources=None if decision is None else decision.sources, trees=result.trees,
    )
    changes, write_errors = plan.changes, []
    if mode is Mode.WRITE:
        changes, write_errors = write_changes(plan.changes)
    fixed = _unique(f for change in changes for f in change.findings)
    fixed_ids = {id(f) for f in fixed}
    result.changes += changes
    result.fixed += fixed
    result.failed = plan.failed  # a fix that failed is offered again in the next pass: its last word counts
    result.write_errors = write_errors
    result.remaining = sorted((f for f in result.remaining if id(f) not in fixed_ids), key=lambda f: f.sort_key)
    return bool(changes)


def _noqa_pass(result: AppResult) -> None:
    """A suppression comment on each finding left, written; ``fixed`` holds the findings silenced."""
    from jobfix.codemods.engine.changes import write_changes

    changes, uncommented = noqa_changes(result.remaining)
    written, errors = write_changes(changes)
    result.changes, result.write_errors = written, errors
    result.fixed = _unique(f for change in written for f in change.findings)
    silenced = {id(f) for f in result.fixed}
    result.remaining = [f for f in result.remaining if id(f) not in silenced]
    result.passes = 1


def _reanalysed(previous: AppResult, config: Config, options: RunOptions) -> AppResult:
    """The unit analysed again after a pass wrote into it: its new findings become the remaining
    ones; what earlier passes fixed and changed is kept."""
    created = {c.path for c in previous.changes if c.source is None}
    unit = replace(previous.unit, files=sorted(set(previous.unit.files) | created), app_files=None)  # walked again
    fresh = analyse(unit, config, options.debug, options.cache)
    fresh.files_scanned = previous.files_scanned
    fresh.fixed, fresh.changes, fresh.passes = previous.fixed, previous.changes, previous.passes
    fresh.remaining = list(fresh.findings)
    return fresh


def _proposals(findings: list[Finding]) -> dict[int, list[FileChange]]:
    """Each fixable finding's changes on their own (what SARIF offers), from one read of each file."""
    from jobfix.codemods.engine.changes import build_changes

    sources: dict[Path, SourceFile] = {}
    proposals = {}
    for index, finding in enumerate(findings):
        if finding.fix is None or finding.fix.applicability is Applicability.DISPLAY_ONLY or not finding.fix.edits and not finding.fix.new_files:
            continue
        changes, failed = build_changes([finding], sources)
        if changes and not failed:
            proposals[index] = changes
    return proposals


def _unique(findings) -> list[Finding]:
    seen: dict[int, Finding] = {}
    for finding in findings:
        seen.setdefault(id(finding), finding)
    return list(seen.values())


# -- crossing a process boundary -------------------------------------------------------------------


def _for_parent(result: AppResult, given: Unit) -> AppResult:
    """The result as plain data: no index, and findings without edits where those do not pickle.
    A worker sends no unit whose files are those it was ``given``: the parent has it, and its
    2,400 paths made erpnext's result arrive 0.015 s later."""
    original = result.findings
    result.findings = _sendable(original)
    result.suppressed = _sendable(result.suppressed)
    portable = {id(f): sent for f, sent in zip(original, result.findings)}
    result.fixed = [portable.get(id(f), f.portable()) for f in result.fixed]
    result.remaining = [portable.get(id(f), f.portable()) for f in result.remaining]
    result.changes = [replace(c, findings=[portable.get(id(f), f.portable()) for f in c.findings]) for c in result.changes]
    result.failed = [FailedFix(portable.get(id(x.finding), x.finding.portable()), x.reason) for x in result.failed]
    result.write_errors = [(replace(c, findings=[f.portable() for f in c.findings]), reason) for c, reason in result.write_errors]
    result.proposals = {i: [replace(c, findings=[]) for c in changes] for i, changes in result.proposals.items()}
    in_worker = _stop_event is not None
    if in_worker:  # the result leaves before the app's trees are freed
        _sent_last.append((result.index, result.trees))
    result.index, result.digests, result.trees = None, {}, {}
    if in_worker and result.unit.files is given.files:
        result.unit = None  # type: ignore[assignment]  # the parent puts back its own (``_run``)
    else:
        result.unit = replace(result.unit, app_files=None)  # 10,000 paths are not worth sending back
    return result


def _sendable(findings: list[Finding]) -> list[Finding]:
    """The findings themselves when they pickle (SARIF shows the edits of their fixes), else the
    portable copy of each one that does not."""
    try:
        pickle.dumps(findings)
        return findings
    except Exception:  # noqa: BLE001 - a rewrite that does not pickle
        pass
    sendable = []
    for finding in findings:
        try:
            pickle.dumps(finding)
            sendable.append(finding)
        except Exception:  # noqa: BLE001
            sendable.append(finding.portable())
    return sendable


def _crashed(unit: Unit, exc: BaseException) -> AppResult:
    return AppResult(unit, error=f"failed in its worker process: {_one_line(exc)}")


# -- spreading units over processes -------------------------------------------------------------
# The one place that decides how work is spread: bulk fixes use it, and so can ``check``.

SMALL_RUN_FILES = 200  # below this many files, starting processes costs more than it saves


def default_jobs() -> int:
    """The CPUs this process may run on (the CPU count where affinity is unknown)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def map_units(
    work: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    sizes: Sequence[int] | None = None,
    on_result: Callable[[int, R], None] | None = None,
    on_crash: Callable[[T, BaseException], R],
) -> list[R]:
    """``work(item)`` for every item, returned in item order whatever the number of processes.

    ``work`` must be picklable (a module-level function or a ``functools.partial`` of one) and
    return picklable data. ``jobs=None`` means the CPU count, but one process for a run smaller
    than SMALL_RUN_FILES (``sizes`` are the files of each item); an explicit ``jobs`` is obeyed.
    A single item never starts a pool. ``on_result(index, result)`` is called in the parent as
    results arrive. A worker that dies (a crash in a C extension, the OOM killer) breaks the whole
    pool; the items it took down with it are run again one by one, each in a process of its own,
    so only the culprit fails: ``on_crash`` turns that into its result.
    """
    processes = min(jobs or default_jobs(), len(items))
    if jobs is None and sizes is not None and sum(sizes) < SMALL_RUN_FILES:
        processes = 1
    results: list = [None] * len(items)
    if processes <= 1:
        for index, item in enumerate(items):
            results[index] = work(item)
            if on_result:
                on_result(index, results[index])
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed  # here: a run answered in-process needs no pool

    weights = sizes if sizes is not None else [1] * len(items)
    largest_first = sorted(range(len(items)), key=lambda i: -weights[i])
    broken = []
    context = _process_context()
    global _inherited
    # A forked worker has the items already: it is sent their place, not 1,400 paths to unpickle
    # (0.01 s at the start of frappe's worker).
    _inherited = items if context.get_start_method() == "fork" else None

    def send(i: int) -> tuple[int, T | None]:
        return i, None if _inherited is not None else items[i]

    stop = context.Event()
    executor = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_start_worker, initargs=(stop,))
    try:
        futures = {executor.submit(_unless_stopped, work, *send(i)): i for i in largest_first}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception:  # noqa: BLE001 - the pool broke (work itself returns its errors)
                broken.append(index)
                continue
            if on_result:
                on_result(index, results[index])
    except BaseException:  # Ctrl-C: items being worked on finish (no app is left half written), no other starts
        stop.set()
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    for index in sorted(broken):
        with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_worker, initargs=(stop,)) as alone:
            try:
                results[index] = alone.submit(_unless_stopped, work, *send(index)).result()
            except Exception as exc:  # noqa: BLE001 - this item kills its process: report, go on
                results[index] = on_crash(items[index], exc)
        if on_result:
            on_result(index, results[index])
    return results


_stop_event = None  # in a worker: set by the parent when the run is interrupted
# In a worker: the index and trees of the unit it sent back last, freed when it starts the next
# one (or never: a worker ends with os._exit). Freeing an app's trees takes 0.04 s for frappe,
# which the parent would otherwise wait for.
_sent_last: list = []
_inherited: Sequence | None = None  # the items of the last map_units, which the workers it forks inherit


def _start_worker(stop) -> None:
    """Ctrl-C reaches the whole process group: the parent decides, workers finish their item."""
    global _stop_event
    _stop_event = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class RunInterrupted(Exception):
    """An item not started because the run was interrupted."""


def _unless_stopped(work, index: int, item):
    if _stop_event is not None and _stop_event.is_set():
        raise RunInterrupted
    _sent_last.clear()
    return work(_inherited[index] if item is None else item)


def _process_context():
    """fork on Linux: workers start in milliseconds instead of re-importing jobfix (about a second).

    The pool forks every worker on the first submit, before the caller draws any progress, and
    progress displays are drawn without a refresh thread, so no thread is alive at fork time.
    """
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform == "linux" else None)
