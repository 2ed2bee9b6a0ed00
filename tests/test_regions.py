"""Edits applied to the statements they change (engine/regions.py, edit_applier.py) give exactly
what the same edits give applied to the whole module, which LibCST parses and prints whole."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
import pytest

from jobfix.codemods.engine import edit_applier
from jobfix.codemods.engine.changes import _apply_to_module, apply_edits
from jobfix.codemods.engine.model import Edit, ImportSpec, Target
from jobfix.codemods.engine.regions import Region, default_indent, insert_imports, regions, split_lines
from jobfix.codemods.engine.runner import all_findings, analyse_paths
from snapshot_cases import all_cases, case_config, with_job_log, write_app

CASES = all_cases()


def _outcome(function, *args):
    try:
        return function(*args)
    except Exception as exc:  # noqa: BLE001 - a failure must be the same failure both ways
        return type(exc).__name__


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_snapshot_fix_gives_the_same_text_from_its_statements(case, tmp_path):
    package = write_app(case, tmp_path)
    config = with_job_log(case_config(case), package)
    edits = defaultdict(list)
    for finding in all_findings(analyse_paths([package.parent], config)):
        if finding.fixable(True):
            for edit in finding.fix.edits:
                edits[edit.path].append(edit)
    for path, file_edits in edits.items():
        text = path.read_text("utf-8")
        imports = [spec for edit in file_edits for spec in edit.imports]
        assert _outcome(apply_edits, text, file_edits) == _outcome(_apply_to_module, text, file_edits, imports)
        if all(edit.target for edit in file_edits):
            assert edit_applier.apply_to_statements(text, ast.parse(text), file_edits, imports) is not None, path.name


# -- edits that test the snippets' edges -----------------------------------------------------------


@dataclass(frozen=True)
class Remove:
    def __call__(self, node, ctx):
        return cst.RemoveFromParent()


@dataclass(frozen=True)
class PrependCall:
    """A statement before the target, taking over its leading lines (as the loop rewrites do)."""

    code: str

    def __call__(self, node, ctx):
        new = cst.parse_statement(self.code + ctx.module.default_newline, ctx.module.config_for_parsing)
        return cst.FlattenSentinel([new.with_changes(leading_lines=node.leading_lines), node.with_changes(leading_lines=())])


@dataclass(frozen=True)
class WrapInIf:
    """The target statement under a new ``if``, indented with the module's indentation."""

    def __call__(self, node, ctx):
        return cst.If(test=cst.Name("ready"), body=cst.IndentedBlock(body=[node]))


def _statement_target(text: str, needle: str) -> Target:
    """The statement line of the first line that holds ``needle``."""
    number, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if needle in line)
    return Target("SimpleStatementLine", number, len(line) - len(line.lstrip()))


def _both_ways(text: str, edits: list[Edit]) -> str:
    imports = [spec for edit in edits for spec in edit.imports]
    from_statements = edit_applier.apply_to_statements(text, ast.parse(text), edits, imports)
    assert from_statements is not None, "the snippet path was not taken"
    assert apply_edits(text, edits) == _apply_to_module(text, edits, imports)
    return apply_edits(text, edits)


CLASS_MODULE = '''"""Jobs."""
import frappe

# the queue
QUEUE = "long"


class Sync(Document):
    # first method
    def first(self):
        frappe.db.commit()  # keep
        self.reload()

    @frappe.whitelist()
    def second(self):
        # about the commit
        frappe.db.commit()


def alone():
    frappe.db.commit()
'''


def test_a_removed_statement_leaves_its_siblings_and_no_pass():
    path = Path("m.py")
    edits = [Edit(path, Remove(), _statement_target(CLASS_MODULE, "frappe.db.commit()"))]
    out = _both_ways(CLASS_MODULE, edits)
    assert "frappe.db.commit()  # keep" not in out and "        self.reload()\n" in out and "pass" not in out


def test_removing_a_whole_body_gives_pass_both_ways():
    path = Path("m.py")
    alone = CLASS_MODULE.splitlines().index("def alone():") + 2
    edits = [Edit(path, Remove(), Target("SimpleStatementLine", alone, 4)), Edit(path, Remove(), _statement_target(CLASS_MODULE, "commit()  # keep"))]
    out = _both_ways(CLASS_MODULE, edits)
    assert out.endswith("def alone():\n    pass\n")


def test_statements_added_before_keep_the_comments_above_them_and_imports_go_on_top():
    path = Path("m.py")
    second = CLASS_MODULE.splitlines().index("        # about the commit") + 2
    edits = [
        Edit(path, PrependCall("frappe.db.savepoint('row')"), Target("SimpleStatementLine", second, 8)),
        Edit(path, PrependCall("log(QUEUE)"), _statement_target(CLASS_MODULE, "QUEUE ="), (ImportSpec("frappe.utils", "log"),)),
    ]
    out = _both_ways(CLASS_MODULE, edits)
    assert "import frappe\nfrom frappe.utils import log\n\n# the queue\nlog(QUEUE)\nQUEUE" in out
    assert "        # about the commit\n        frappe.db.savepoint('row')\n        frappe.db.commit()" in out


def test_new_blocks_take_the_indentation_of_the_module_not_of_the_snippet():
    text = 'if frappe:\n  import x\n\n\ndef job():\n    for row in rows:\n        frappe.db.commit()\n'
    edits = [Edit(Path("m.py"), WrapInIf(), _statement_target(text, "frappe.db.commit()"))]
    out = _both_ways(text, edits)
    assert "        if ready:\n          frappe.db.commit()\n" in out  # the module's two spaces


def test_statements_that_share_lines_are_one_region():
    text = "def job():\n    a = 1; b = call(\n        2)\n    c = 3\n"
    tree = ast.parse(text)
    assert regions(tree, split_lines(text), [2]) == [Region(2, 3, ((1, 1),), 4)]


def test_a_body_on_the_definitions_line_makes_the_definition_the_region():
    text = "class A:\n    def f(self): return frappe.enqueue('x')\n    def g(self):\n        pass\n"
    tree = ast.parse(text)
    assert regions(tree, split_lines(text), [2]) == [Region(2, 2, ((1, 1),), 3)]


def test_nested_targets_become_the_outer_region():
    text = "@job\ndef f():\n    x = 1\n    y = 2\n\n\ndef g():\n    z = 3\n"
    tree = ast.parse(text)
    assert regions(tree, split_lines(text), [3, 2, 8]) == [Region(1, 4), Region(8, 8, ((7, 7),))]


@pytest.mark.parametrize(
    "text",
    [
        "x = 1\n",
        "def f():\n\treturn 1\n",
        "if x: y = 1\nelse:\n   z = 2\n",
        "class A:\n  @dec\n  def f(self):\n        pass\n",
        "x = (1,\n     2)\ndef f():\n    pass\n",
        "match x:\n  case 1:\n      pass\n",
        'def f(): return 1\ndef g():\n\t  """doc"""\n',
        "s = '''\n    not code\n'''\nfor a in b:\n     c()\n",
    ],
)
def test_default_indent_is_libcsts(text):
    assert default_indent(ast.parse(text), split_lines(text)) == cst.parse_module(text).default_indent


# -- imports added without LibCST where that is plain ------------------------------------------------

TOPS = [
    '"""Jobs."""\nimport frappe\n\n\ndef job():\n    pass\n',
    "import frappe\nfrom frappe.model.document import Document\nclass A(Document):\n    pass\n",
    "import frappe\n# about the job\ndef job():\n    pass\n",
    "import frappe\n\n# about the job\ndef job():\n    pass\n",
    "import frappe\r\nimport json\r\n\r\nx = 1\r\n",
    "'''Doc.'''\n\nimport os\nimport frappe as f\n",
    "import frappe\nfrom frappe.utils import now\n\nx = 1\n",  # extends `from frappe.utils`: LibCST's
    '"a" "b"\nimport frappe\nx = 1\n',  # two literals: LibCST puts imports above them
    "x = 1\nimport frappe\n",
    "import a; import b\nx = 1\n",
    "from __future__ import annotations\nimport frappe\n\nx = 1\n",
    "import frappe",
]
REQUESTS = [
    (ImportSpec("frappe"),),
    (ImportSpec("frappe.utils", "flt"), ImportSpec("frappe.utils", "cint"), ImportSpec("json")),
    (ImportSpec("rq", "Job"), ImportSpec("frappe"), ImportSpec("os")),
    (ImportSpec("frappe.utils", "flt", "to_float"),),
]


@pytest.mark.parametrize("requests", REQUESTS, ids=range(len(REQUESTS)))
@pytest.mark.parametrize("text", TOPS, ids=range(len(TOPS)))
def test_plain_imports_are_added_as_libcsts_visitor_adds_them(text, requests):
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor

    context = CodemodContext()
    for spec in requests:
        AddImportsVisitor.add_needed_import(context, spec.module, spec.obj, spec.asname)
    expected = AddImportsVisitor(context).transform_module(cst.parse_module(text)).code
    tree = ast.parse(text)
    plain = insert_imports(split_lines(text), tree, list(requests))
    assert plain in (None, expected)
    assert edit_applier.add_imports(text, tree, list(requests)) == expected


def test_the_common_cases_need_no_libcst_visitor():
    plain = [insert_imports(split_lines(text), ast.parse(text), list(REQUESTS[1])) for text in TOPS[:6]]
    assert None not in plain
