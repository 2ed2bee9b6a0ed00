"""One traversal per file: the engine walks each tree once (``ModuleInfo.syntax``) and rules ask it
for their nodes (``ctx.nodes(ast.Call)``); no rule walks a whole module again."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from jobfix.codemods.index.pymodule import FUNCTION_NODES, ModuleInfo
from jobfix.codemods.transforms import all_transforms
from snapshot_cases import all_cases, case_config, run_fix, write_app

RULES = Path(__file__).resolve().parents[1] / "jobfix" / "codemods" / "transforms"

SAMPLE = '''\
import frappe
from frappe import _

@frappe.whitelist()
def run(names, limit=3):
    total = sum(len(n) for n in names if n)
    for name in names:
        doc = frappe.get_doc("ToDo", name)
        doc.save()
        if total % 100 == 0:
            frappe.db.commit()
    return {"total": total, "first": names[0] if names else None}

class Job(frappe.model.document.Document):
    def on_update(self):
        lambda x: x + 1
        frappe.enqueue("app.jobs.run", names=[self.name], queue="long")
'''


def _walked(node: ast.AST) -> list[ast.AST]:
    return list(ast.walk(node))


def test_nodes_are_the_walk_in_source_order():
    tree = ast.parse(SAMPLE)
    info = ModuleInfo(tree, "app.jobs")
    calls = info.nodes(ast.Call)
    assert {id(n) for n in calls} == {id(n) for n in _walked(tree) if isinstance(n, ast.Call)}
    assert [(c.lineno, c.col_offset) for c in calls] == sorted((c.lineno, c.col_offset) for c in calls)
    assert [f.name for f in info.nodes(FUNCTION_NODES)] == ["run", "on_update"]
    assert len(info.nodes(ast.stmt)) == sum(isinstance(n, ast.stmt) for n in _walked(tree))  # abstract kinds too


def test_nodes_within_a_node_are_exactly_its_subtree():
    tree = ast.parse(SAMPLE)
    info = ModuleInfo(tree, "app.jobs")
    for scope in _walked(tree):
        if isinstance(scope, (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)):
            continue  # shared singletons: no place of their own
        expected = [n for n in _walked(scope) if isinstance(n, (ast.Name, ast.Call, ast.arg))]
        found = info.nodes((ast.Name, ast.Call, ast.arg), within=scope)
        assert {id(n) for n in found} == {id(n) for n in expected}, ast.dump(scope)[:80]


def test_parents_and_enclosing_function_come_from_the_same_walk():
    tree = ast.parse(SAMPLE)
    info = ModuleInfo(tree, "app.jobs")
    enqueue = info.enqueue_calls[0].node
    assert info.enclosing_function(enqueue).name == "on_update"
    assert isinstance(info.parents[enqueue], ast.Expr)
    assert all(info.parents[child] is parent for parent in _walked(tree) for child in ast.iter_child_nodes(parent)
               if not isinstance(child, (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)))


EVERY_SYNTAX = """\
import a.b as c
from . import d
@decorate(x, *args, key=1, **kw)
async def f(p, /, q: int = 1, *r, s=None, t, **u) -> "T":
    global g
    async with a as b, c:
        async for i, *j in k:
            await z
    x = {1: 2, **m}
    y = {e for e in l if e}, [e async for e in l], {e: e for e in l}, (e for e in l)
    x[1:2, ::3] += -y if not y else lambda v=1, *, w: v @ w
    del x.attr, (a, b)
    assert a < b <= c is not d in e, f"{x!r:>{w}} {y=}"
    try:
        raise E from F
    except (E, F) as e:
        pass
    else:
        yield
    finally:
        yield from g
    while (n := n - 1) and b or c:
        break
    match command:
        case [Point(x=0), *rest] | {"k": 1, **kw} if rest:
            nonlocal_ = ...
        case (str() as s) | None:
            continue
"""


def test_the_walk_reaches_every_node_of_every_syntax():
    """Every node ``ast.walk`` finds, whatever the syntax, with its parent and in source order (the
    walk reads only the fields the grammar says can hold nodes)."""
    tree = ast.parse(EVERY_SYNTAX)
    info = ModuleInfo(tree, "app.every")
    own = [n for n in _walked(tree) if not isinstance(n, (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop))]
    assert {id(n) for n in info.nodes(ast.AST)} == {id(n) for n in own}
    assert all(info.parents[child] is parent for parent in own for child in ast.iter_child_nodes(parent) if child in own)
    statements = [(n.lineno, n.col_offset) for n in info.nodes(ast.stmt)]
    assert statements == sorted(statements) and len(statements) == sum(isinstance(n, ast.stmt) for n in own)


@pytest.fixture
def whole_module_walks(monkeypatch):
    """Calls from rule code (transforms/ and its _kit) that walk a whole module."""
    seen: list[str] = []

    def watch(name, original):
        def watched(node, *args, **kwargs):
            caller = sys._getframe(1).f_code.co_filename
            if isinstance(node, ast.Module) and Path(caller).is_relative_to(RULES):
                seen.append(f"{name} from {Path(caller).name}:{sys._getframe(1).f_lineno}")
            return original(node, *args, **kwargs)
        return watched

    monkeypatch.setattr(ast, "walk", watch("ast.walk", ast.walk))
    monkeypatch.setattr(ast, "iter_child_nodes", watch("ast.iter_child_nodes", ast.iter_child_nodes))
    all_transforms()  # every rule's module loaded, so each one's child_nodes is watched
    for name, module in list(sys.modules.items()):  # pymodule.child_nodes, as the rules' helpers import it
        if name.startswith("jobfix.codemods.transforms") and hasattr(module, "child_nodes"):
            monkeypatch.setattr(module, "child_nodes", watch("child_nodes", module.child_nodes))
    visit = ast.NodeVisitor.visit
    monkeypatch.setattr(ast.NodeVisitor, "visit", lambda self, node: (watch("NodeVisitor.visit", lambda n: visit(self, n)))(node))
    return seen


def test_no_rule_walks_a_whole_module(whole_module_walks, tmp_path):
    """Every snapshot case (every rule, positives and look-alikes, checked and fixed)."""
    for case in all_cases():
        package = write_app(case, tmp_path / case.id.replace("/", "_"))
        run_fix(package, case_config(case))
    assert whole_module_walks == []


def test_the_watch_sees_a_rule_that_walks(whole_module_walks):
    """The check above can fail: a walk of a module from a rule's file is caught."""
    code = compile("import ast\nlist(ast.walk(ast.parse('x = 1')))", str(RULES / "some_rule.py"), "exec")
    exec(code, {})
    from jobfix.codemods.transforms._kit.heavy import own_nodes

    list(own_nodes(ast.parse("x = 1")))
    assert whole_module_walks == ["ast.walk from some_rule.py:2", "child_nodes from heavy.py:97"]


def test_no_rule_reads_the_apps_files_itself():
    """App-wide facts (who calls a function, who enqueues it, who reads job labels) come from the
    app index: a rule that loops over ``app.files`` scans the app again."""
    offenders = []
    for path in sorted(RULES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in ("files", "_modules", "_sources"):
                offenders.append(f"{path.relative_to(RULES)}:{node.lineno} .{node.attr}")
    assert offenders == []
