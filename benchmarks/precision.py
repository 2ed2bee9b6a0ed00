"""Precision of jobfix on the real apps of benchmarks/realapps.toml, from hand-judged labels.

    python benchmarks/precision.py                      # extract (once), run jobfix, print the table
    python benchmarks/precision.py --apps /work/realapps/apps   # apps already extracted there
    python benchmarks/precision.py --unlabelled         # findings without a label, with their code
    python benchmarks/precision.py --write-readme       # paste the table into README.md

benchmarks/labels.jsonl judges every finding jobfix reports on these apps at their pinned commits:
``{"app", "path", "rule", "function", "n", "verdict", "reason"}``, one JSON object a line. A
finding is matched by stable keys (app, path inside the app, rule, the function around it, and
``n``, its order among the findings with the same keys), never by its line number, so labels
survive edits elsewhere in a file. ``verdict`` is ``true``, ``false`` or ``debatable``; strict
precision counts debatable as false. Lines with ``"verdict": "miss"`` are real problems jobfix
does not report (``rule`` is the rule that should): recall is measured against them. Not run in
CI: the apps are brought in with the search tool's ``fetch`` (benchmarks/realapps.py).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.jsonl"
README = HERE.parent / "README.md"
TABLE_START, TABLE_END = "<!-- precision-table:start -->", "<!-- precision-table:end -->"
VERDICTS = ("true", "false", "debatable")
GOAL = 0.90
MIN_FINDINGS = 5  # rules with fewer labelled findings are shown but not held to the goal


@dataclass(frozen=True)
class Key:
    app: str
    path: str
    rule: str
    function: str
    n: int

    @classmethod
    def of(cls, label: dict) -> Key:
        return cls(label["app"], label["path"], label["rule"], label["function"], label.get("n", 0))


@dataclass
class Found:
    key: Key
    row: int
    message: str
    file: Path


def run_jobfix(apps: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "jobfix", "check", str(apps), "--format", "json", "--no-cache", "--include-upstream"],
        capture_output=True, text=True,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"error: jobfix failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def function_at(file: Path, row: int, cache: dict) -> str:
    """The qualified name of the innermost def around ``row`` (``Class.method``), else ``<module>``."""
    if file not in cache:
        spans = []
        try:
            tree = ast.parse(file.read_text("utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
            tree = None

        def visit(node, prefix):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = f"{prefix}{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        spans.append((child.lineno, child.end_lineno or child.lineno, name))
                    visit(child, name + ".")
                else:
                    visit(child, prefix)

        if tree is not None:
            visit(tree, "")
        cache[file] = spans
    inside = [(end - start, name) for start, end, name in cache[file] if start <= row <= end]
    return min(inside)[1] if inside else "<module>"


def hooks_entry(message: str) -> str:
    """A hooks.py finding is keyed by the scheduler entry it names (its first `dotted.path`)."""
    found = re.search(r"`([\w.]+\.[\w]+)`", message)
    return found.group(1) if found else "<module>"


def keyed(findings: list[dict], apps: Path) -> list[Found]:
    cache: dict = {}
    rows = []
    for f in findings:
        file = Path(f["filename"]).resolve()
        rel = file.relative_to(apps.resolve())
        app, path = rel.parts[0], "/".join(rel.parts[1:])
        row = f["location"]["row"]
        function = hooks_entry(f["message"]) if file.name == "hooks.py" else function_at(file, row, cache)
        rows.append((app, path, f["code"], function, row, f["message"], file))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3], r[4]))
    seen: Counter = Counter()
    out = []
    for app, path, rule, function, row, message, file in rows:
        base = (app, path, rule, function)
        out.append(Found(Key(app, path, rule, function, seen[base]), row, message, file))
        seen[base] += 1
    return out


def load_labels(path: Path) -> tuple[dict[Key, dict], list[dict]]:
    judged, misses = {}, []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        label = json.loads(line)
        if label["verdict"] == "miss":
            misses.append(label)
        elif label["verdict"] in VERDICTS:
            judged[Key.of(label)] = label
        else:
            sys.exit(f"error: {path}:{number}: unknown verdict {label['verdict']!r}")
    return judged, misses


def table(found: list[Found], judged: dict[Key, dict], misses: list[dict]) -> tuple[list[str], bool]:
    """Markdown rows per rule and overall; whether every rule (>= MIN_FINDINGS) and the total meet the goal."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for f in found:
        counts[f.key.rule][judged[f.key]["verdict"] if f.key in judged else "unlabelled"] += 1
    missed = Counter(m["rule"] for m in misses)
    lines = [
        "| Rule | Findings | True | False | Debatable | Precision | Known misses | Recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ok = True
    total: Counter = Counter()
    for rule in sorted(set(counts) | set(missed)):
        c = counts[rule]
        total.update(c)
        n = sum(c.values())
        precision = c["true"] / n if n else None
        if n >= MIN_FINDINGS and (precision is None or precision < GOAL):
            ok = False
        lines.append(_row(rule, c, n, precision, missed[rule]))
    n = sum(total.values())
    precision = total["true"] / n if n else None
    ok = ok and precision is not None and precision >= GOAL
    lines.append(_row("**All**", total, n, precision, sum(missed.values())))
    return lines, ok


def _row(rule: str, c: Counter, n: int, precision: float | None, missed: int) -> str:
    """Recall is measured against the known misses only: true / (true + known misses)."""
    shown = f"{precision:.0%}" if precision is not None else "-"
    found = c["true"] + missed
    recall = f"{c['true'] / found:.0%}" if found else "-"
    extra = f" ({c['unlabelled']} unlabelled)" if c["unlabelled"] else ""
    return f"| {rule} | {n}{extra} | {c['true']} | {c['false']} | {c['debatable']} | {shown} | {missed} | {recall} |"


def table_of_labels(path: Path = LABELS) -> tuple[list[str], bool]:
    """The table the labels give when every label matches a finding (the state the README shows);
    the offline test compares it with the README."""
    judged, misses = load_labels(path)
    found = [Found(key, 0, "", Path()) for key in judged]
    return table(found, judged, misses)


def readme_table() -> list[str]:
    text = README.read_text("utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    return text[start:end].strip().splitlines()


def show_unlabelled(found: list[Found], judged: dict[Key, dict]) -> None:
    for f in found:
        if f.key in judged:
            continue
        print(json.dumps({**f.key.__dict__, "verdict": "", "reason": ""}))
        print(f"#   {f.file}:{f.row}: {f.message}")


def stale(found: list[Found], judged: dict[Key, dict]) -> list[Key]:
    """Labels no finding matches any more (the rule stopped reporting it)."""
    present = {f.key for f in found}
    return [k for k in judged if k not in present]


def write_readme(lines: list[str]) -> None:
    text = README.read_text("utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    README.write_text(text[:start] + "\n" + "\n".join(lines) + "\n" + text[end:], "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=Path, help="the extracted apps/ folder (default: extract with realapps.py)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--unlabelled", action="store_true", help="print findings without a label, as label lines to fill in")
    parser.add_argument("--write-readme", action="store_true", help="paste the table between the README's precision-table markers")
    args = parser.parse_args()
    apps = args.apps
    if apps is None:
        sys.path.insert(0, str(HERE))
        from realapps import DEFAULT_MIRRORS, extract, manifest

        apps = extract(manifest(), HERE / "out" / "realapps", DEFAULT_MIRRORS)
    found = keyed(run_jobfix(apps), apps)
    judged, misses = load_labels(args.labels) if args.labels.exists() else ({}, [])
    if args.unlabelled:
        show_unlabelled(found, judged)
        return
    lines, ok = table(found, judged, misses)
    print("\n".join(lines))
    for key in stale(found, judged):
        print(f"stale label (no such finding now): {key}")
    print(f"goal (strict precision >= {GOAL:.0%} per rule with >= {MIN_FINDINGS} findings, and overall): {'met' if ok else 'NOT met'}")
    if args.write_readme:
        write_readme(lines)


if __name__ == "__main__":
    main()
