"""The layering of jobfix, checked on its import graph (imports inside functions included).

The command line (cli.py, fix_command.py, review.py) sits on top; reports present what the
engine returns; the engine runs the rules; the rules read the index. The arrows that must never
exist, and no import cycle anywhere. Imports under ``if TYPE_CHECKING:`` never run (a rule's
context names the Config type it is handed) and are left out of the graph.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "jobfix"

COMMAND_LINE = ("jobfix.cli", "jobfix.check_command", "jobfix.fix_command", "jobfix.review", "jobfix.__main__", "jobfix.rule_commands",
                "jobfix.consoles")
ENGINE = "jobfix.codemods.engine"
REPORTS = "jobfix.codemods.reports"
RULES = "jobfix.codemods.transforms"
INDEX = "jobfix.codemods.index"
# what a rule may use of the engine: the data model, reading sources, and the Config type it is handed
RULES_MAY_USE = ("jobfix.codemods.engine.model", "jobfix.codemods.engine.source")
# what the index may use of the engine: reading sources
INDEX_MAY_USE = ("jobfix.codemods.engine.source",)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, modules: set[str], package: str):
    """Every jobfix module imported anywhere in ``tree`` (module level or inside functions)."""
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
        pending.extend(ast.iter_child_nodes(node))


def import_graph() -> dict[str, set[str]]:
    """Each jobfix module and the jobfix modules it imports."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for target in _imports(ast.parse(path.read_text("utf-8")), set(files), package):
            if target in files and target != name:
                graph[name].add(target)
    return graph


GRAPH = import_graph()


def _in(module: str, *layers: str) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def arrows(source_layers, forbidden) -> list[tuple[str, str]]:
    return sorted((a, b) for a, targets in GRAPH.items() for b in targets if _in(a, *source_layers) and forbidden(b))


def test_the_graph_sees_imports_inside_functions():
    """The graph is not only the module-level imports (the analysis imports frappe_version lazily)."""
    assert "jobfix.codemods.index.frappe_version" in GRAPH["jobfix.codemods.engine.analysis"]
    assert "jobfix.codemods.engine.runner" in GRAPH["jobfix.cli"]


def test_no_import_cycle_anywhere():
    try:
        tuple(TopologicalSorter(GRAPH).static_order())
    except CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")


def test_engine_rules_index_and_reports_know_no_command_line():
    assert arrows((ENGINE, RULES, INDEX, REPORTS), lambda b: _in(b, *COMMAND_LINE)) == []


def test_the_engine_does_not_import_reports():
    assert arrows((ENGINE,), lambda b: _in(b, REPORTS)) == []


def test_rules_do_not_drive_the_run():
    """A rule reads facts and returns findings: it never runs, plans or writes (nor reports)."""
    assert arrows((RULES,), lambda b: _in(b, ENGINE, REPORTS) and not _in(b, *RULES_MAY_USE)) == []


def test_the_index_holds_facts_not_rules():
    assert arrows((INDEX,), lambda b: _in(b, RULES, REPORTS) or (_in(b, ENGINE) and not _in(b, *INDEX_MAY_USE))) == []


@pytest.mark.parametrize("path", sorted(p for p in (PACKAGE / "codemods").rglob("*.py") if _in(_module_name(p), RULES, INDEX, ENGINE)),
                         ids=lambda p: _module_name(p))
def test_rules_index_and_engine_do_not_print(path):
    """Only the command line and the reports write to the terminal."""
    tree = ast.parse(path.read_text("utf-8"))
    printing = [
        node.lineno for node in ast.walk(tree)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print")
        or (isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and isinstance(node.value, ast.Name) and node.value.id == "sys")
        or (isinstance(node, (ast.Import, ast.ImportFrom)) and any(
            (getattr(node, "module", None) or alias.name).split(".")[0] == "rich" for alias in node.names))
    ]
    assert printing == []
