"""jobfix at bench scale: times and peak memory, each against the cost of parsing every file.

    python benchmarks/bench.py                    # generated bench: 30 apps, 10,000 files, 3 repetitions
    python benchmarks/bench.py --files 2000 --repeat 5 --out benchmarks/out/small.json
    python benchmarks/bench.py --real /work/realapps/apps --repeat 5 --out benchmarks/out/real.json

Every figure is paired: each repetition runs ``ast.parse`` of the same files (one process) right
before each measured command, so every figure is a ratio within one repetition (other work on
the machine slows both alike); the table shows the median ratio over the repetitions, the same
ratio of CPU time (user + system, worker processes included) and the largest process.

The generated bench (generate_bench.py, a fixed seed, in a temporary folder or ``--keep``):
reading every file, ``libcst.parse_module`` of every file (``--cst-repeat`` runs: the slowest),
``jobfix check --no-cache``, ``check`` with a warm cache, ``fix --dry-run --unsafe-fixes
--no-cache``; then the largest app alone, warm (a pre-commit check) and ``--no-cache``.

``--real`` (a bench's ``apps/`` folder, as benchmarks/realapps.py extracts it) measures real code
instead: erpnext + frappe, and the whole corpus, with the same commands, and the start-up of
``--help``, ``--version``, ``rules`` and ``explain``. It also stores a digest of the findings
(JSON) and of the fixes (diff) of each set, and ``--expect OLD.json`` fails when they differ from
an earlier run's: an optimisation must not change what jobfix finds or fixes.

Peak memory is the largest process (``wait4`` rusage, workers included) and, on Linux, the sum
over the process tree sampled every 20 ms (workers run at the same time). Prints a table and
writes JSON (default ``benchmarks/out/bench.json``; benchmarks/out/ is git-ignored).
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

GENERATED_TARGETS = (  # (label, set, measure, limit, unit): from issue 9
    ("check --no-cache <= 1.0 x ast.parse", "generated", "check", 1.0, "ratio"),
    ("check, warm cache < 0.2 x ast.parse", "generated", "check_warm", 0.2, "ratio"),
    ("peak memory, all processes < 500 MB", "generated", "*", 500, "tree_mb"),
    ("one-app pre-commit check (warm) < 1 s", "largest app", "check_warm", 1.0, "seconds"),
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


def run(args: argparse.Namespace) -> dict:
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jobfix-bench-"))
    apps = workdir / "apps"
    if not apps.is_dir():
        started = time.perf_counter()
        generate(workdir, args.apps, args.files, args.seed)
        print(f"generated {args.files} files in {args.apps} apps under {workdir} ({time.perf_counter() - started:.1f} s)")
    sizes = {app: len(python_files(app)) for app in sorted(apps.iterdir())}
    largest = max(sizes, key=sizes.get)
    env, jobfix, me = _setting()
    every = [str(apps)]
    sets = {
        "generated": paired("generated", [apps], {
            "read": ([*me, "read", *every], True),
            "libcst": ([*me, "cst", *every], True),
            **_jobfix_commands(jobfix, [], every),
        }, env, args.repeat, limited={"libcst": args.cst_repeat or args.repeat}),
        "largest app": paired("largest app", [largest / largest.name], {
            "check_warm": ([*jobfix, "check", str(largest / largest.name)], False),
            "check": ([*jobfix, "check", "--no-cache", str(largest / largest.name)], False),
        }, env, args.repeat),
    }
    return {
        "bench": {"apps": args.apps, "files": args.files, "seed": args.seed, "folder": str(workdir),
                  "bytes": sum(os.path.getsize(p) for p in python_files(apps)), "largest_app": largest.name},
        "repeat": args.repeat, "sets": sets, "machine": _machine(), "jobfix": _jobfix_version(sys.executable),
        "targets": _targets(sets, GENERATED_TARGETS),
    }


def _setting() -> tuple[dict, list[str], list[str]]:
    """The environment of every run (its own cache folder, no colour, jobfix as installed: pip
    compiles it once, not every run), the jobfix command, and this script's inner measures."""
    cache_dir = Path(tempfile.mkdtemp(prefix="jobfix-bench-cache-"))
    env = dict(os.environ, JOBFIX_CACHE_DIR=str(cache_dir), NO_COLOR="1", COLUMNS="200")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env, [sys.executable, "-m", "jobfix"], [sys.executable, str(Path(__file__).resolve()), "--inner"]


def _jobfix_commands(jobfix: list[str], every: list[str], paths: list[str]) -> dict:
    return {
        "check": ([*jobfix, "check", "--no-cache", *every, *paths], False),
        "check_warm": ([*jobfix, "check", *every, *paths], False),
        "fix": ([*jobfix, "fix", "--dry-run", "--unsafe-fixes", "--no-cache", *every, *paths], False),
    }


def paired(name: str, folders: list[Path], commands: dict, env: dict, repeat: int, limited: dict | None = None) -> dict:
    """Each command ``repeat`` times (``limited``: fewer for some), each run right after an
    ``ast.parse`` of the same files in one process; the medians of the paired ratios.
    ``commands``: key -> (argv, whether the child reports its own time)."""
    paths = [str(f) for f in folders]
    files = sum(len(python_files(f)) for f in folders)
    print(f"{name}: {len(folders)} folders, {files} files, {repeat} runs each")
    if "check_warm" in commands:
        measure(commands["check_warm"][0], env)  # fills the cache (and the OS file cache)
    _, _, me = _setting()
    runs: dict[str, list] = {key: [] for key in ("parse", *commands)}
    for repetition in range(repeat):
        for key, (command, inner_result) in commands.items():
            if repetition >= (limited or {}).get(key, repeat):
                continue
            parse = measure([*me, "ast", *paths], env, inner_result=True)
            runs["parse"].append(parse)
            result = measure(command, env, inner_result=inner_result)
            result["ratio"] = result["seconds"] / parse["seconds"]
            result["cpu_ratio"] = result["cpu_s"] / parse["cpu_s"]  # CPU against CPU: steadier under load
            runs[key].append(result)
    entry = {"folders": paths, "files": files, "measures": {}}
    for key, found in runs.items():
        entry["measures"][key] = {
            "command": " ".join(commands[key][0]) if key in commands else "ast.parse (one process)",
            "median_s": statistics.median(r["seconds"] for r in found),
            "median_ratio": statistics.median(r["ratio"] for r in found) if key != "parse" else 1.0,
            "median_cpu_ratio": statistics.median(r["cpu_ratio"] for r in found) if key != "parse" else 1.0,
            "ratios": [round(r["ratio"], 3) for r in found] if key != "parse" else None,
            "peak_mb": max(r["peak_mb"] for r in found),
            "peak_tree_mb": max((r["peak_tree_mb"] or 0) for r in found) or None,
        }
    _print_set(entry)
    return entry


def _machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None}


# -- real code ----------------------------------------------------------------------------------

REAL_SETS = (("erpnext+frappe", ("erpnext", "frappe")), ("corpus", None))  # None: every app of the folder
REAL_TARGETS = (  # (label, set, measure, limit, unit): from issue 16
    ("check --no-cache <= 0.4 x ast.parse", "erpnext+frappe", "check", 0.4, "ratio"),
    ("check, warm cache <= 0.1 x ast.parse", "erpnext+frappe", "check_warm", 0.1, "ratio"),
    ("fix --dry-run --unsafe-fixes --no-cache <= 1.0 x", "erpnext+frappe", "fix", 1.0, "ratio"),
    ("largest process < 150 MB", "erpnext+frappe", "*", 150, "mb"),
)
SMALL_COMMANDS = (("--help",), ("--version",), ("rules",), ("explain", "JF001"))


def run_real(args: argparse.Namespace) -> dict:
    apps = args.real.resolve()
    env, jobfix, _ = _setting()
    every = _upstream_flag(jobfix, env)
    sets = {}
    for name, members in REAL_SETS:
        if args.sets and name not in args.sets:
            continue
        folders = [apps / m for m in members] if members else sorted(p for p in apps.iterdir() if p.is_dir())
        paths = [str(f) for f in folders]
        sets[name] = paired(name, folders, _jobfix_commands(jobfix, every, paths), env, args.repeat)
        sets[name]["outputs"] = _output_digests(jobfix, every, paths, env)
    small = {}
    for argv in SMALL_COMMANDS:
        seconds = [measure([*jobfix, *argv], env)["seconds"] for _ in range(args.repeat)]
        small[" ".join(argv)] = statistics.median(seconds)
    targets = _targets(sets, REAL_TARGETS)
    slowest = max(small.values())
    targets.append({"target": "--help, --version, rules, explain < 0.1 s", "value": round(slowest, 3), "met": slowest < 0.1})
    return {
        "real": str(apps), "repeat": args.repeat, "sets": sets, "small_commands_s": small,
        "machine": _machine(), "jobfix": _jobfix_version(sys.executable), "targets": targets,
    }


def _upstream_flag(jobfix: list[str], env: dict) -> list[str]:
    """Frappe and erpnext are measured too, where jobfix would skip them in a bench by default."""
    usage = subprocess.run([*jobfix, "check", "--help"], env=env, capture_output=True, text=True).stdout
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


def _targets(sets: dict, targets) -> list[dict]:
    rows = []
    for label, name, key, limit, unit in targets:
        if name not in sets:
            continue
        measures = sets[name]["measures"]
        if key == "*":
            field = "peak_tree_mb" if unit == "tree_mb" else "peak_mb"
            value = max(m[field] or m["peak_mb"] for k, m in measures.items() if k not in ("parse", "read", "libcst"))
            met = value < limit
        elif unit == "seconds":
            value = measures[key]["median_s"]
            met = value < limit
        else:
            value = measures[key]["median_ratio"]
            met = value <= limit if "<=" in label else value < limit
        rows.append({"target": label, "value": round(value, 3), "met": met})
    return rows


def _print_set(entry: dict) -> None:
    print(f"  {'measure':<14} {'median s':>9} {'x parse':>8} {'cpu x':>7} {'largest MB':>11} {'all MB':>7}")
    for key, m in entry["measures"].items():
        print(f"  {key:<14} {m['median_s']:9.2f} {m['median_ratio']:8.2f} {m['median_cpu_ratio']:7.2f} "
              f"{m['peak_mb']:11.0f} {m['peak_tree_mb'] or 0:7.0f}")


def print_report(report: dict) -> None:
    print()
    print("| set | files | measure | median s | x ast.parse (paired median) | cpu x | largest process MB | all processes MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for name, entry in report["sets"].items():
        for key, m in entry["measures"].items():
            print(f"| {name} | {entry['files']} | {key} | {m['median_s']:.2f} | {m['median_ratio']:.2f} "
                  f"| {m['median_cpu_ratio']:.2f} | {m['peak_mb']:.0f} | {m['peak_tree_mb'] or 0:.0f} |")
    print()
    for argv, seconds in report.get("small_commands_s", {}).items():
        print(f"jobfix {argv}: {seconds:.3f} s")
    print()
    for row in report["targets"]:
        print(f"{'met ' if row['met'] else 'MISSED'}  {row['target']:<48} {row['value']}")


def _jobfix_version(py: str) -> dict:
    version = subprocess.run([py, "-m", "jobfix", "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True).stdout.strip()
    return {"version": version, "commit": commit or None}


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
    report = run_real(args) if args.real else run(args)
    print_report(report)
    differ = _compare_outputs(report, args.expect) if args.real and args.expect else []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.out}")
    if differ:
        sys.exit("findings or fixes differ from " + str(args.expect) + ": " + ", ".join(differ))


if __name__ == "__main__":
    main()
