"""jobfix at bench scale: times and peak memory against the cost of parsing every file.

    python benchmarks/bench.py                    # 30 apps, 10,000 files, 3 repetitions
    python benchmarks/bench.py --files 2000 --repeat 5 --out benchmarks/out/small.json

Generates a bench with a fixed seed (generate_bench.py) in a temporary folder, then measures,
each several times (the median is reported, the first run warms the OS file cache):

  a  read every file                       (in a child process, interpreter start excluded)
  b  ast.parse every file, one process     (the baseline every figure is divided by)
  c  libcst.parse_module every file
  d  jobfix check --no-cache on the bench  (whole command, start-up included)
  d' jobfix check on the bench, warm cache
  e  jobfix fix --dry-run --no-cache on the bench
  f  jobfix check on the largest app, warm cache (pre-commit), and f' with --no-cache

Peak memory is the largest process (``wait4`` rusage, workers included) and, on Linux, the
sum over the process tree sampled every 20 ms (workers run at the same time). Prints a table
and writes JSON (default ``benchmarks/out/bench.json``; benchmarks/out/ is git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_bench import DEFAULT_SEED, generate  # noqa: E402

TARGETS = (  # (label, measure, limit, unit): from issue 9
    ("check, no cache <= 1.0 x (b)", "d", 1.0, "ratio"),
    ("check, warm cache < 0.2 x (b)", "d_warm", 0.2, "ratio"),
    ("peak memory < 500 MB", "*", 500, "mb"),
    ("one-app pre-commit check < 1 s", "f", 1.0, "seconds"),
)


# -- the in-process measures, run in a child ------------------------------------------------------


def python_files(folder: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".py"))
    return found


def inner(kind: str, folder: Path) -> None:
    """Do one measure in this (child) process and print its elapsed seconds."""
    import ast

    files = python_files(folder)
    parse = None
    if kind == "ast":
        parse = ast.parse
    elif kind == "cst":
        import libcst

        parse = libcst.parse_module
    start = time.perf_counter()
    failed = 0
    for path in files:
        with open(path, "rb") as handle:
            raw = handle.read()
        if parse is not None:
            try:
                parse(raw)
            except Exception:  # noqa: BLE001 - the bench has one Python 2 file, as real ones do
                failed += 1
    print(json.dumps({"seconds": time.perf_counter() - start, "files": len(files), "unparsable": failed}))


# -- running and measuring a child ----------------------------------------------------------------


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in kB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict, *, inner_result: bool = False) -> dict:
    """Run ``command``; its wall time (or the time it reports), and its peak memory."""
    peak_tree = 0
    done = threading.Event()
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_kb(child.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if sys.platform == "linux":
        sampler.start()
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = json.loads(output)["seconds"] if inner_result else elapsed
    # ru_maxrss is in kB on Linux, bytes on macOS
    largest = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {"seconds": seconds, "exit": child.returncode, "peak_mb": round(largest, 1),
            "peak_tree_mb": round(peak_tree / 1024, 1) if peak_tree else None}


def repeated(label: str, command: list[str], env: dict, repeat: int, *, inner_result: bool = False, before=None) -> dict:
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(measure(command, env, inner_result=inner_result))
    seconds = [r["seconds"] for r in runs]
    result = {
        "label": label,
        "command": " ".join(command),
        "median_s": statistics.median(seconds),
        "runs_s": seconds,
        "exit": runs[-1]["exit"],
        "peak_mb": max(r["peak_mb"] for r in runs),
        "peak_tree_mb": max((r["peak_tree_mb"] or 0) for r in runs) or None,
    }
    print(f"  {label:<48} {result['median_s']:8.2f} s", flush=True)
    return result


def run(args: argparse.Namespace) -> dict:
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jobfix-bench-"))
    apps = workdir / "apps"
    if not apps.is_dir():
        started = time.perf_counter()
        generate(workdir, args.apps, args.files, args.seed)
        print(f"generated {args.files} files in {args.apps} apps under {workdir} ({time.perf_counter() - started:.1f} s)")
    sizes = {app: len(python_files(app)) for app in sorted(apps.iterdir())}
    largest = max(sizes, key=sizes.get)
    package = largest / largest.name
    cache_dir = Path(tempfile.mkdtemp(prefix="jobfix-bench-cache-"))
    env = dict(os.environ, JOBFIX_CACHE_DIR=str(cache_dir), NO_COLOR="1", COLUMNS="200")
    py = sys.executable
    jobfix = [py, "-m", "jobfix"]
    me = [py, str(Path(__file__).resolve()), "--inner"]
    r = args.repeat
    results = {}
    print(f"measuring, {r} runs each (median):")
    results["a"] = repeated("(a) read every file", [*me, "read", str(apps)], env, r, inner_result=True)
    results["b"] = repeated("(b) ast.parse every file", [*me, "ast", str(apps)], env, r, inner_result=True)
    results["c"] = repeated("(c) libcst.parse_module every file", [*me, "cst", str(apps)], env, args.cst_repeat or r, inner_result=True)
    results["d"] = repeated("(d) jobfix check --no-cache, bench", [*jobfix, "check", "--no-cache", str(apps)], env, r)
    measure([*jobfix, "check", str(apps)], env)  # fills the cache
    results["d_warm"] = repeated("(d') jobfix check, bench, warm cache", [*jobfix, "check", str(apps)], env, r)
    results["e"] = repeated("(e) jobfix fix --dry-run --no-cache, bench", [*jobfix, "fix", "--dry-run", "--no-cache", str(apps)], env, r)
    measure([*jobfix, "check", str(package)], env)
    results["f"] = repeated(f"(f) jobfix check, one app ({sizes[largest]} files), warm", [*jobfix, "check", str(package)], env, r)
    results["f_cold"] = repeated("(f') the same app, --no-cache", [*jobfix, "check", "--no-cache", str(package)], env, r)
    baseline = results["b"]["median_s"]
    for entry in results.values():
        entry["ratio_to_b"] = entry["median_s"] / baseline
    report = {
        "bench": {"apps": args.apps, "files": args.files, "seed": args.seed, "folder": str(workdir),
                  "bytes": sum(os.path.getsize(p) for p in python_files(apps)), "largest_app": largest.name},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "jobfix": _jobfix_version(py),
        "repeat": r,
        "results": results,
        "targets": _targets(results),
    }
    return report


def _jobfix_version(py: str) -> dict:
    version = subprocess.run([py, "-m", "jobfix", "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True).stdout.strip()
    return {"version": version, "commit": commit or None}


def _targets(results: dict) -> list[dict]:
    rows = []
    for label, key, limit, unit in TARGETS:
        if key == "*":
            value = max((e["peak_tree_mb"] or e["peak_mb"]) for k, e in results.items() if k not in ("a", "b", "c"))
        elif unit == "ratio":
            value = results[key]["ratio_to_b"]
        else:
            value = results[key]["median_s"]
        met = value <= limit if "<=" in label else value < limit
        rows.append({"target": label, "value": round(value, 3), "met": met})
    return rows


def print_table(report: dict) -> None:
    results = report["results"]
    print()
    print(f"{'measure':<52} {'median s':>9} {'x (b)':>7} {'peak MB':>8} {'tree MB':>8}")
    for entry in results.values():
        tree = f"{entry['peak_tree_mb']:8.0f}" if entry["peak_tree_mb"] else f"{'-':>8}"
        print(f"{entry['label']:<52} {entry['median_s']:9.2f} {entry['ratio_to_b']:7.2f} {entry['peak_mb']:8.0f} {tree}")
    print()
    for row in report["targets"]:
        print(f"{'met ' if row['met'] else 'MISSED'}  {row['target']:<36} {row['value']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=30)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (default 3)")
    parser.add_argument("--cst-repeat", type=int, default=None, help="runs of (c), the slowest (default: --repeat)")
    parser.add_argument("--keep", help="generate into (or reuse) this folder instead of a temporary one")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "bench.json")
    parser.add_argument("--inner", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner[0], Path(args.inner[1]))
        return
    report = run(args)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
