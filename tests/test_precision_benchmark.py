"""The labelled real-app evaluation (benchmarks/precision.py, issue 14), checked offline: the
README's precision table is the one the labels give, the labels are well formed, and the goal
holds. Running jobfix on the apps themselves needs them fetched: `python benchmarks/precision.py`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import precision  # noqa: E402


def test_readme_table_is_generated_from_the_labels():
    lines, goal_met = precision.table_of_labels()
    assert precision.readme_table() == lines
    assert goal_met  # strict precision >= 90 % per rule with >= 5 findings, and overall


def test_every_label_is_judged_with_a_reason_and_keys_are_unique():
    rows = [json.loads(line) for line in precision.LABELS.read_text("utf-8").splitlines() if line.strip()]
    assert rows
    for row in rows:
        assert row["verdict"] in (*precision.VERDICTS, "miss") and row["reason"].strip(), row
        assert {"app", "path", "rule", "function"} <= set(row), row
    keys = Counter((r["app"], r["path"], r["rule"], r["function"], r.get("n", 0)) for r in rows if r["verdict"] != "miss")
    assert max(keys.values()) == 1


def test_findings_are_matched_by_function_not_by_line(tmp_path):
    """Two findings of one rule in one function are told apart by their order, not their line."""
    app = tmp_path / "apps" / "demo" / "demo"
    app.mkdir(parents=True)
    (app / "tasks.py").write_text("def a():\n    pass\n\n\ndef b():\n    x = 1\n    y = 2\n")
    found = [{"filename": str(app / "tasks.py"), "location": {"row": row}, "code": "JF006", "message": "m"} for row in (7, 2, 6)]
    keys = [f.key for f in precision.keyed(found, tmp_path / "apps")]
    assert [(k.function, k.n) for k in keys] == [("a", 0), ("b", 0), ("b", 1)]
