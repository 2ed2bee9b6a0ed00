"""Where the time of a run goes, phase by phase, on real code (in one process, no cache).

    python benchmarks/phases.py check /work/realapps/apps/erpnext /work/realapps/apps/frappe
    python benchmarks/phases.py fix /work/realapps/apps/erpnext /work/realapps/apps/frappe

Runs the pipeline in this process (``fix`` is a ``--dry-run --unsafe-fixes``: the changes are
planned and written to a scratch folder, never to the apps) with a timer around each phase.
Time is exclusive: when the rules ask the index, or the index parses a module, that time counts
for the index or for parsing, not for the rules. Phases:

  discovery    finding the apps and their files
  prefilter    reading every file and the rules' trigger words (``Transform.wants``)
  parse        ``ast.parse`` (the engine's and the app index's)
  walk         the one walk of each tree (``NodeIndex``)
  index        hooks.py, dotted paths, job targets, roles, app-wide facts
  rules        the rules' ``check`` (what the index and parsing do not take)
  fix planning the fixes' edits applied with LibCST, checked to compile (``build_changes``)
  writing      the diffs made and written (to a scratch folder; ``--dry-run`` shows them)
  other        the rest (sorting, suppressions, settings)
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PHASES = ("discovery", "prefilter", "parse", "walk", "index", "rules", "fix planning", "writing", "other")


class Clock:
    """Exclusive time per phase: entering a phase pauses the one it interrupts. ``now`` is the
    wall clock, or this process's CPU time (``--cpu``: steadier on a machine others share)."""

    def __init__(self, now=time.perf_counter) -> None:
        self.now = now
        self.spent = dict.fromkeys(PHASES, 0.0)
        self.stack = ["other"]
        self.since = now()

    def _switch(self, to: str | None) -> None:
        now = self.now()
        self.spent[self.stack[-1]] += now - self.since
        self.since = now
        if to is None:
            self.stack.pop()
        else:
            self.stack.append(to)

    def timed(self, phase: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            self._switch(phase)
            try:
                result = function(*args, **kwargs)
                return list(result) if phase == "rules" else result  # a rule's check is a generator
            finally:
                self._switch(None)
        return wrapper

    def stop(self) -> None:
        self._switch(None)


def instrument(clock: Clock) -> None:
    from jobfix.codemods.engine import analysis, changes, runner
    from jobfix.codemods.index import app as app_module, pymodule
    from jobfix.codemods.transforms import all_transforms
    from jobfix.codemods.transforms.base import Prefilter, Transform

    analysis.discover = clock.timed("discovery", analysis.discover)
    runner.discover = analysis.discover
    app_module.read_source = clock.timed("prefilter", app_module.read_source)  # every file, read once for the app
    Transform.wants = clock.timed("prefilter", Transform.wants)
    Prefilter.wanting = clock.timed("prefilter", Prefilter.wanting)
    analysis.parse = clock.timed("parse", analysis.parse)  # the engine's and the index's parses;
    app_module.parse = clock.timed("parse", app_module.parse)  # LibCST's own count for fix planning
    pymodule.NodeIndex.__init__ = clock.timed("walk", pymodule.NodeIndex.__init__)
    index = app_module.AppIndex
    for name, value in list(vars(index).items()):
        if name.startswith("__"):
            continue
        if callable(value):
            setattr(index, name, clock.timed("index", value))
        elif hasattr(value, "func"):  # cached_property
            value.func = clock.timed("index", value.func)
    app_module.read_hooks = clock.timed("index", app_module.read_hooks)
    for transform in all_transforms():
        type(transform).check = clock.timed("rules", type(transform).check)
    changes.build_changes = clock.timed("fix planning", changes.build_changes)  # runner imports it when it plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "fix"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--cpu", action="store_true", help="CPU time of this process instead of wall time")
    args = parser.parse_args()
    instrument(clock := Clock(time.process_time if args.cpu else time.perf_counter))
    from jobfix.codemods.engine.runner import Mode, RunOptions, run, scope
    from jobfix.codemods.engine.selection import AppSelection

    clock.spent["other"], clock.since = 0.0, clock.now()  # importing jobfix and the rules is start-up
    started = clock.since
    overrides = {"unsafe_fixes": True} if args.command == "fix" else {}
    found = scope(args.paths, overrides, AppSelection(include_upstream=True))
    mode = Mode.CHECK if args.command == "check" else Mode.PREVIEW
    results = run(found.units, found.config, RunOptions(mode=mode, jobs=1))
    if args.command == "fix":
        with tempfile.TemporaryDirectory() as scratch:
            write = clock.timed("writing", lambda change, n: Path(scratch, f"{n}.diff").write_text(change.diff()))
            for n, change in enumerate(c for r in results for c in r.changes):
                write(change, n)
    clock.stop()
    total = clock.now() - started
    files = sum(r.files_scanned for r in results)
    changed = sum(len(r.changes) for r in results)
    print(f"jobfix {args.command} on {', '.join(p.name for p in args.paths)}: {files} files, "
          f"{changed} changed, {total:.2f} s {'of CPU ' if args.cpu else ''}in one process (start-up not included)")
    print("| phase | seconds | share |")
    print("|---|---:|---:|")
    for phase in PHASES:
        print(f"| {phase} | {clock.spent[phase]:.2f} | {100 * clock.spent[phase] / total:.0f} % |")


if __name__ == "__main__":
    main()
