"""One run, start to end: analyse the units, pick the fixes, build the new file contents.

The CLI calls these and hands what they return to the reporters; nothing here prints.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from jobfix.codemods.engine.changes import FailedFix, FileChange, build_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.cache import FindingsCache
from jobfix.codemods.engine.analysis import Unit, UnitResult, _one_line, analyse, discover, parse_error
from jobfix.codemods.engine.model import Finding
from jobfix.codemods.engine.source import SourceFile

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class FixPlan:
    changes: list[FileChange] = field(default_factory=list)
    failed: list[FailedFix] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)


def analyse_paths(
    paths: list[Path], config: Config, debug: bool = False, *, cache: FindingsCache | None = None, jobs: int | None = 1
) -> list[UnitResult]:
    """Every unit under ``paths`` analysed (``cache``: reuse the findings of unchanged apps).

    ``jobs=1`` runs here and keeps everything, fixes included. Any other value (None: the CPU
    count, one process for a small run or for apps the cache knows) spreads units over processes
    with ``map_units`` and returns results for reporting: no index, and findings whose fixes do
    not pickle lose their edits (``Finding.portable``).
    """
    units = discover(paths, config)
    if jobs == 1:
        return [analyse(unit, config, debug, cache) for unit in units]
    # apps with a cache entry are answered here: reading the cache is faster than starting workers
    stored = cache.apps_with_entries() if cache is not None and jobs is None else set()
    here = {i for i, unit in enumerate(units) if FindingsCache.app_id(unit.root) in stored}
    spread = [i for i in range(len(units)) if i not in here]
    work = partial(_analyse_for_report, config=config, debug=debug, cache=cache)
    results: list[UnitResult] = [None] * len(units)  # type: ignore[list-item]
    for i in here:
        results[i] = work(units[i])
    away = map_units(work, [units[i] for i in spread], jobs=jobs, sizes=[len(units[i].files) for i in spread], on_crash=_crashed)
    for i, result in zip(spread, away):
        results[i] = result
    return results


def _analyse_for_report(unit: Unit, config: Config, debug: bool, cache: FindingsCache | None) -> UnitResult:
    result = analyse(unit, config, debug, cache)
    result.findings = _sendable(result.findings)
    result.suppressed = _sendable(result.suppressed)
    result.index, result.digests = None, {}
    result.unit = replace(unit, app_files=None)  # 10,000 paths are not worth sending back
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


def _crashed(unit: Unit, exc: BaseException) -> UnitResult:
    return UnitResult(unit, findings=[parse_error(unit.root, f"the worker process died: {_one_line(exc)}")])


def all_findings(results: list[UnitResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def plan_fixes(
    findings: list[Finding],
    unsafe_fixes: bool,
    accept: Callable[[Finding], bool] | None = None,
    sources: dict[Path, SourceFile] | None = None,
) -> FixPlan:
    """The new contents for the fixes allowed by ``unsafe_fixes`` (and ``accept``, when given),
    made from ``sources`` where given (the texts a person reviewed), else from the disk."""
    chosen = [f for f in findings if f.fixable(unsafe_fixes) and (accept is None or accept(f))]
    changes, failed = build_changes(chosen, sources)
    fixed_ids = {id(f) for change in changes for f in change.findings}
    remaining = [f for f in findings if id(f) not in fixed_ids]
    return FixPlan(changes, failed, remaining)


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
    weights = sizes if sizes is not None else [1] * len(items)
    largest_first = sorted(range(len(items)), key=lambda i: -weights[i])
    broken = []
    context = _process_context()
    stop = context.Event()
    executor = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_start_worker, initargs=(stop,))
    try:
        futures = {executor.submit(_unless_stopped, work, items[i]): i for i in largest_first}
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
                results[index] = alone.submit(work, items[index]).result()
            except Exception as exc:  # noqa: BLE001 - this item kills its process: report, go on
                results[index] = on_crash(items[index], exc)
        if on_result:
            on_result(index, results[index])
    return results


_stop_event = None  # in a worker: set by the parent when the run is interrupted


def _start_worker(stop) -> None:
    """Ctrl-C reaches the whole process group: the parent decides, workers finish their item."""
    global _stop_event
    _stop_event = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class RunInterrupted(Exception):
    """An item not started because the run was interrupted."""


def _unless_stopped(work, item):
    if _stop_event is not None and _stop_event.is_set():
        raise RunInterrupted
    return work(item)


def _process_context():
    """fork on Linux: workers start in milliseconds instead of re-importing jobfix (about a second).

    The pool forks every worker on the first submit, before the caller draws any progress, and
    progress displays are drawn without a refresh thread, so no thread is alive at fork time.
    """
    return multiprocessing.get_context("fork" if sys.platform == "linux" else None)
