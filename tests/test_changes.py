"""Applying edits: nodes found by the positions ``ast`` reports, fixes dropped whole on failure."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from jobfix.codemods.engine.changes import apply_edits, build_changes
from jobfix.codemods.transforms._kit.cst import SetKeyword
from jobfix.codemods.engine.model import Applicability, Edit, FileChange, Finding, Fix, Span, Target
from jobfix.codemods.engine.source import read_source

SOURCE = '''import frappe

x = (frappe.enqueue("a"))
y = ((frappe.enqueue("b")))


@frappe.whitelist()
@other(arg=1)
def endpoint():
    pass
'''


@dataclass(frozen=True)
class Rename:
    name: str

    def __call__(self, node, ctx):
        return node.with_changes(name=cst.Name(self.name))


@dataclass(frozen=True)
class Explode:
    def __call__(self, node, ctx):
        raise ValueError("cannot")


def _targets(source):
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "enqueue"]
    func = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))
    return [Target("Call", c.lineno, c.col_offset) for c in calls], Target("FunctionDef", func.lineno, func.col_offset)


def test_targets_found_inside_parentheses_and_past_decorators():
    calls, func = _targets(SOURCE)
    path = Path("m.py")
    edits = [Edit(path, SetKeyword("queue", '"long"'), t) for t in calls] + [Edit(path, Rename("renamed"), func)]
    assert apply_edits(SOURCE, edits) == SOURCE.replace('("a")', '("a", queue="long")').replace(
        '("b")', '("b", queue="long")'
    ).replace("def endpoint", "def renamed")


def _finding(path, code, *edits):
    return Finding(code, "x", "m", path, Span(1, 1, 1, 1), Fix(Applicability.SAFE, "fix", tuple(edits)))


def test_a_failing_fix_is_dropped_whole_and_the_others_apply(tmp_path):
    first, second = tmp_path / "first.py", tmp_path / "second.py"
    first.write_text(SOURCE)
    second.write_text(SOURCE)
    calls, func = _targets(SOURCE)
    good = _finding(first, "JF001", Edit(first, SetKeyword("queue", '"long"'), calls[0]))
    # one edit in each file; the one in second.py fails, so its edit in first.py must not land
    bad = _finding(first, "JF002", Edit(first, Rename("renamed"), func), Edit(second, Explode(), func))
    changes, failed = build_changes([good, bad])
    assert [(c.path.name, [f.code for f in c.findings]) for c in changes] == [("first.py", ["JF001"])]
    assert "def endpoint" in changes[0].new_text and 'queue="long"' in changes[0].new_text
    assert [(f.finding.code, f.reason.startswith("could not apply the fix (ValueError")) for f in failed] == [("JF002", True)]


def test_a_target_that_moved_is_reported(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(SOURCE)
    stale = _finding(path, "JF001", Edit(path, SetKeyword("q", "1"), Target("Call", 40, 0)))
    changes, failed = build_changes([stale])
    assert changes == []
    assert [f.reason for f in failed] == ["the code a fix was made for is no longer where it was"]


def test_edits_are_applied_in_code_order_whatever_the_acceptance_order(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(SOURCE)
    calls, _ = _targets(SOURCE)
    a = _finding(path, "JF003", Edit(path, SetKeyword("queue", '"long"'), calls[0]))
    b = _finding(path, "JF004", Edit(path, SetKeyword("queue", '"short"'), calls[0]))
    forward, _ = build_changes([a, b])
    backward, _ = build_changes([b, a])
    assert forward[0].new_text == backward[0].new_text
    assert 'enqueue("a", queue="short")' in forward[0].new_text  # JF004 runs after JF003


def test_nested_calls_that_start_together_are_told_apart(tmp_path):
    source = "import x\n\nstatus = (Job.fetch(job_id)).get_status()\nother = Job.fetch(a).get_status()\n"
    tree = ast.parse(source)
    path = tmp_path / "m.py"
    path.write_text(source)
    outer = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.func.attr == "get_status"]
    inner = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.func.attr == "fetch"]

    def target(node):
        return Target("Call", node.lineno, node.col_offset, (node.end_lineno, node.end_col_offset))

    edits = [Edit(path, SetKeyword("outer", "1"), target(n)) for n in outer]
    edits += [Edit(path, SetKeyword("inner", "1"), target(n)) for n in inner]
    assert apply_edits(source, edits) == (
        "import x\n\nstatus = (Job.fetch(job_id, inner=1)).get_status(outer=1)\n"
        "other = Job.fetch(a, inner=1).get_status(outer=1)\n"
    )


def test_a_file_outside_the_current_folder_is_named_in_the_diff_as_git_names_it(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    change = FileChange(path, read_source(path), "x = 2\n")
    headers = change.diff(Path("/nonexistent-folder")).splitlines()[:2]
    assert headers == [f"--- a{path.as_posix()}", f"+++ b{path.as_posix()}"]
