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

With ``--real`` (a bench's ``apps/`` folder, as benchmarks/realapps.py extracts it) it measures
real code instead: erpnext + frappe, and the whole corpus. Each repetition runs ast.parse of the
same files (one process) right before each jobfix command, so every figure is a ratio paired
within one repetition (other work on the machine slows both alike); the table shows the median
ratio over the repetitions, the CPU time (user + system, workers included) and the largest
process. It also stores a digest of the findings (JSON) and of the fixes (diff) of each set, and
``--expect OLD.json`` fails when they differ from an earlier run's: an optimisation must not
change what jobfix finds or fixes.

    python benchmarks/bench.py --real /work/realapps/apps --repeat 5 --out benchmarks/out/real.json

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


def inner(kind: str, folders: list[Path]) -> None:
    """Do one measure in this (child) process and print its elapsed seconds."""
    import ast

    files = [f for folder in folders for f in python_files(folder)]
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
    cpu = usage.ru_utime + usage.ru_stime  # the child and the workers it waited for
    return {"seconds": seconds, "cpu_s": cpu, "exit": child.returncode, "peak_mb": round(largest, 1),
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


# -- real code ----------------------------------------------------------------------------------

REAL_SETS = (("erpnext+frappe", ("erpnext", "frappe")), ("corpus", None))  # None: every app of the folder
REAL_TARGETS = (  # (label, set, measure, limit): from issue 16
    ("check --no-cache <= 0.4 x ast.parse", "erpnext+frappe", "check", 0.4),
    ("check, warm cache <= 0.1 x ast.parse", "erpnext+frappe", "check_warm", 0.1),
    ("fix --dry-run --unsafe-fixes --no-cache <= 1.0 x", "erpnext+frappe", "fix", 1.0),
    ("largest process < 150 MB", "erpnext+frappe", "*", 150),
)
SMALL_COMMANDS = (("--help",), ("--version",), ("rules",), ("explain", "JF001"))


def run_real(args: argparse.Namespace) -> dict:
    apps = args.real.resolve()
    cache_dir = Path(tempfile.mkdtemp(prefix="jobfix-bench-cache-"))
    env = dict(os.environ, JOBFIX_CACHE_DIR=str(cache_dir), NO_COLOR="1", COLUMNS="200")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: pip compiles jobfix once, not every run
    py = sys.executable
    jobfix = [py, "-m", "jobfix"]
    me = [py, str(Path(__file__).resolve()), "--inner"]
    every = [*_upstream_flag(py, env)]
    sets = {}
    for name, members in REAL_SETS:
        if args.sets and name not in args.sets:
            continue
        folders = [apps / m for m in members] if members else sorted(p for p in apps.iterdir() if p.is_dir())
        paths = [str(f) for f in folders]
        commands = {
            "check": [*jobfix, "check", "--no-cache", *every, *paths],
            "check_warm": [*jobfix, "check", *every, *paths],
            "fix": [*jobfix, "fix", "--dry-run", "--unsafe-fixes", "--no-cache", *every, *paths],
        }
        print(f"{name}: {len(folders)} apps, {sum(len(python_files(f)) for f in folders)} files, {args.repeat} runs each")
        measure(commands["check_warm"], env)  # fills the cache (and the OS file cache)
        runs: dict[str, list] = {key: [] for key in ("parse", *commands)}
        for _ in range(args.repeat):
            for key, command in commands.items():  # ast.parse right before each: a paired ratio
                parse = measure([*me, "ast", *paths], env, inner_result=True)
                runs["parse"].append(parse)
                result = measure(command, env)
                result["ratio"] = result["seconds"] / parse["seconds"]
                result["cpu_ratio"] = result["cpu_s"] / parse["cpu_s"]  # CPU against CPU: steadier under load
                runs[key].append(result)
        entry = {"apps": [f.name for f in folders], "files": sum(len(python_files(f)) for f in folders), "measures": {}}
        for key, found in runs.items():
            entry["measures"][key] = {
                "command": " ".join(commands.get(key, ["ast.parse", "(one process)"])),
                "median_s": statistics.median(r["seconds"] for r in found),
                "median_ratio": statistics.median(r["ratio"] for r in found) if key != "parse" else 1.0,
                "median_cpu_ratio": statistics.median(r["cpu_ratio"] for r in found) if key != "parse" else 1.0,
                "ratios": [round(r["ratio"], 3) for r in found] if key != "parse" else None,
                "peak_mb": max(r["peak_mb"] for r in found),
                "peak_tree_mb": max((r["peak_tree_mb"] or 0) for r in found) or None,
            }
        entry["outputs"] = _output_digests(jobfix, every, paths, env)
        sets[name] = entry
        _print_set(name, entry)
    small = {}
    for argv in SMALL_COMMANDS:
        seconds = [measure([*jobfix, *argv], env)["seconds"] for _ in range(args.repeat)]
        small[" ".join(argv)] = statistics.median(seconds)
    return {
        "real": str(apps), "repeat": args.repeat, "sets": sets, "small_commands_s": small,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "jobfix": _jobfix_version(py),
        "targets": _real_targets(sets, small),
    }


def _upstream_flag(py: str, env: dict) -> list[str]:
    """Frappe and erpnext are measured too, where jobfix would skip them in a bench by default."""
    usage = subprocess.run([py, "-m", "jobfix", "check", "--help"], env=env, capture_output=True, text=True).stdout
    return ["--include-upstream"] if "--include-upstream" in usage else []


def _output_digests(jobfix: list[str], every: list[str], paths: list[str], env: dict) -> dict:
    """Digests of what jobfix finds and fixes, to compare runs of different versions."""
    import hashlib

    outputs = {}
    for key, argv in (("findings_json", ["check", "--no-cache", "--format", "json"]),
                      ("fixes_diff", ["fix", "--diff", "--unsafe-fixes", "--no-cache"])):
        done = subprocess.run([*jobfix, *argv, *every, *paths], env=env, capture_output=True)
        outputs[key] = hashlib.sha256(done.stdout).hexdigest()[:16]
    return outputs


def _compare_outputs(report: dict, expected_file: Path) -> list[str]:
    expected = json.loads(expected_file.read_text())["sets"]
    return [
        f"{name} {key}" for name, entry in report["sets"].items() if name in expected
        for key, digest in entry["outputs"].items() if expected[name]["outputs"].get(key) != digest
    ]


def _real_targets(sets: dict, small: dict) -> list[dict]:
    rows = []
    for label, name, key, limit in REAL_TARGETS:
        if name not in sets:
            continue
        measures = sets[name]["measures"]
        if key == "*":
            value = max(m["peak_mb"] for k, m in measures.items() if k != "parse")
            met = value < limit
        else:
            value = measures[key]["median_ratio"]
            met = value <= limit
        rows.append({"target": label, "value": round(value, 3), "met": met})
    slowest = max(small.values())
    rows.append({"target": "--help, --version, rules, explain < 0.1 s", "value": round(slowest, 3), "met": slowest < 0.1})
    return rows


def _print_set(name: str, entry: dict) -> None:
    print(f"  {'measure':<14} {'median s':>9} {'x parse':>8} {'cpu x':>7} {'largest MB':>11}")
    for key, m in entry["measures"].items():
        print(f"  {key:<14} {m['median_s']:9.2f} {m['median_ratio']:8.2f} {m['median_cpu_ratio']:7.2f} {m['peak_mb']:11.0f}")


def print_real_table(report: dict) -> None:
    print()
    print("| set | files | measure | median s | x ast.parse (paired median) | cpu x | largest process MB |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, entry in report["sets"].items():
        for key, m in entry["measures"].items():
            print(f"| {name} | {entry['files']} | {key} | {m['median_s']:.2f} | {m['median_ratio']:.2f} "
                  f"| {m['median_cpu_ratio']:.2f} | {m['peak_mb']:.0f} |")
    print()
    for argv, seconds in report["small_commands_s"].items():
        print(f"jobfix {argv}: {seconds:.3f} s")
    print()
    for row in report["targets"]:
        print(f"{'met ' if row['met'] else 'MISSED'}  {row['target']:<48} {row['value']}")


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
    parser.add_argument("--real", type=Path, metavar="APPS", help="measure the real apps of this apps/ folder instead")
    parser.add_argument("--sets", nargs="+", choices=[name for name, _ in REAL_SETS], help="with --real: only these sets")
    parser.add_argument("--expect", type=Path, help="a JSON of an earlier --real run: fail if findings or fixes differ")
    parser.add_argument("--inner", nargs="+", metavar="KIND FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner[0], [Path(f) for f in args.inner[1:]])
        return
    if args.real:
        report = run_real(args)
        print_real_table(report)
        differ = _compare_outputs(report, args.expect) if args.expect else []
    else:
        report = run(args)
        print_table(report)
        differ = []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.out}")
    if differ:
        sys.exit("findings or fixes differ from " + str(args.expect) + ": " + ", ".join(differ))


if __name__ == "__main__":
    main()
