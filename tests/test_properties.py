"""Properties of the engine over generated code (hypothesis): arbitrary Python never crashes it,
Frappe-like code without the patterns is never changed, and where there are patterns every fix
gives code that parses, compiles and that a second run leaves alone.

Each example is a small app written to a fresh temporary folder and run through the same path
as ``jobfix fix --unsafe-fixes`` (analyse, plan, write).
"""

from __future__ import annotations

import ast
import tempfile
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import make_app
from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.model import PARSE_ERROR
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes

pytestmark = pytest.mark.slow  # real processes, terminals or generated code: `pytest -m "not slow"` skips them

EXAMPLES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALL = Config(unsafe_fixes=True)
TRIGGERS = "\n# frappe.enqueue frappe.db.commit frappe.log_error frappe.get_list job_name whitelist\n"


def run(files: dict[str, str], config: Config = ALL):
    """Fix a fresh app holding ``files``; returns (findings, plan, texts before, texts after)."""
    with tempfile.TemporaryDirectory() as folder:
        package = make_app(Path(folder), {k: v.encode("utf-8") for k, v in files.items()})
        before = {p: p.read_bytes() for p in package.rglob("*.py")}
        findings = all_findings(analyse_paths([package.parent], config))
        plan = plan_fixes(findings, config.unsafe_fixes)
        written, errors = write_changes(plan.changes)
        assert errors == []
        after = {p: p.read_bytes() for p in package.rglob("*.py")}
        again = plan_fixes(all_findings(analyse_paths([package.parent], config)), config.unsafe_fixes)
        second = [(c.path.name, [f.code for f in c.findings], c.diff()) for c in again.changes]
        return findings, plan, before, after, second


def crashes(findings) -> list[str]:
    return [f.message for f in findings if f.code == PARSE_ERROR[0] and not f.message.startswith(("cannot parse", "cannot decode", "bad encoding"))]


# -- arbitrary Python ------------------------------------------------------------------------------


@EXAMPLES
@given(code=hypothesmith.from_grammar())
def test_arbitrary_python_never_crashes_the_engine_and_is_left_alone(code):
    files = {"generated.py": code + TRIGGERS}  # the trigger words get it past the prefilter
    findings, plan, before, after, _ = run(files)
    assert crashes(findings) == []
    assert [f.finding.code for f in plan.failed if "internal" in f.reason] == []
    assert before == after  # it holds none of the patterns (their names never come up by chance)


# -- Frappe-like code ------------------------------------------------------------------------------

names = st.sampled_from(["run", "sync", "rebuild", "push", "export", "cleanup", "notify"]).flatmap(
    lambda stem: st.integers(0, 3).map(lambda n: f"{stem}_{n}")
)
doctypes = st.sampled_from(["ToDo", "Sales Order", "Item", "Customer"])
literal = st.one_of(st.integers(-5, 5000).map(str), doctypes.map(repr), st.just("None"), st.just("self.name"))


@st.composite
def enqueue_call(draw, frappe: str, targets: list[str]) -> str:
    method = draw(st.sampled_from([f'"myapp.tasks.{t}"' for t in targets] + targets))
    keywords = draw(st.lists(st.sampled_from([
        'queue="long"', 'queue="short"', 'queue="default"', "timeout=4000", "timeout=60", "now=True",
        "enqueue_after_commit=True", 'job_name="x"', "user=frappe.session.user", "doc=self", "name=self.name",
        "record=n", 'job_id="fixed"', "deduplicate=True", "is_async=False",
    ]), max_size=3, unique_by=lambda k: k.split("=")[0]))
    as_keyword = draw(st.booleans())
    args = [f"method={method}" if as_keyword else method, *keywords]
    if draw(st.booleans()):  # one argument per line, with a trailing comma and a comment
        inner = "".join(f"\n        {a},  # note" for a in args)
        return f"{frappe}.enqueue({inner}\n    )"
    return f"{frappe}.enqueue({', '.join(args)})"


@st.composite
def statement(draw, frappe: str, targets: list[str], depth: int = 0) -> list[str]:
    """Lines of one statement, indented four spaces per level below the function."""
    simple = draw(st.sampled_from([
        "enqueue", "commit", "rollback", "save", "get_doc", "log_error_positional", "log_error_keywords",
        "get_list", "insert", "request", "assign", "publish",
    ] + (["for", "while", "try", "if"] if depth < 2 else [])))
    pad = "    "
    if simple == "enqueue":
        return draw(enqueue_call(frappe, targets)).split("\n")
    if simple in ("for", "while", "if", "try"):
        body = [line for _ in range(draw(st.integers(1, 3))) for line in draw(statement(frappe, targets, depth + 1))]
        head = {
            "for": f"for n in {frappe}.get_all({draw(doctypes)!r}, pluck=\"name\"):",
            "while": "while pending:",
            "if": f"if {draw(literal)}:",
            "try": "try:",
        }[simple]
        lines = [head, *(pad + line for line in body)]
        if simple == "try":
            lines += ["except Exception:", f"    {frappe}.db.rollback()" if draw(st.booleans()) else "    pass"]
        return lines
    return [{
        "commit": f"{frappe}.db.commit()",
        "rollback": f"{frappe}.db.rollback()",
        "save": f"{frappe}.get_doc({draw(doctypes)!r}, n).save()",
        "get_doc": f"doc = {frappe}.get_doc({draw(doctypes)!r}, {draw(literal)})",
        "log_error_positional": f"{frappe}.log_error({frappe}.get_traceback(), \"failed\")",
        "log_error_keywords": f"{frappe}.log_error(title=\"failed\", message={frappe}.get_traceback())",
        "get_list": f"rows = {frappe}.get_list({draw(doctypes)!r})",
        "insert": f"{frappe}.get_doc({{\"doctype\": {draw(doctypes)!r}}}).insert()",
        "request": "requests.post(\"https://example.com\", json={}, timeout=30)",
        "assign": f"total = {draw(literal)}",
        "publish": f"{frappe}.publish_progress(50, title=\"x\")",
    }[simple]]


@st.composite
def frappe_app(draw) -> dict[str, str]:
    """An app: tasks.py (functions, a controller), hooks.py naming some of them."""
    frappe = draw(st.sampled_from(["frappe", "fr"]))
    header = "import frappe\n" if frappe == "frappe" else "import frappe as fr\n"
    header += "import requests\nfrom frappe.model.document import Document\n"
    functions = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    blocks = []
    for name in functions:
        decorator = draw(st.sampled_from(["", f"@{frappe}.whitelist()\n", f"@{frappe}.whitelist(allow_guest=True)\n"]))
        params = draw(st.sampled_from(["", "record=None", "record", "days=7", "attempt=1"]))
        body = [line for _ in range(draw(st.integers(1, 4))) for line in draw(statement(frappe, functions))]
        blocks.append(f"{decorator}def {name}({params}):\n" + "".join(f"    {line}\n" for line in body))
    hooks_names = draw(st.sampled_from(["validate", "on_submit", "after_insert", "on_cancel"]))
    method_body = [line for line in draw(statement(frappe, functions))]
    blocks.append(
        f"class Thing(Document):\n    def {hooks_names}(self):\n" + "".join(f"        {line}\n" for line in method_body)
    )
    tasks = header + "\n\n" + "\n\n".join(blocks)
    indent = draw(st.sampled_from(["    ", "\t", "  "]))
    if indent != "    ":
        tasks = "\n".join(_reindent(line, indent) for line in tasks.split("\n"))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    keys = ["all", "hourly", "daily", "weekly", "monthly", "daily_long", "cron"]
    schedule = {}
    for name in draw(st.lists(st.sampled_from(functions), max_size=4)):
        key = draw(st.sampled_from(keys))
        suffix = draw(st.sampled_from(["", "", "(days=3)", "(record=1)"]))
        schedule.setdefault(key, []).append(f"myapp.tasks.{name}{suffix}")
    entries = []
    for key, paths in schedule.items():
        listed = ", ".join(repr(p) for p in paths)
        entries.append(f"    {key!r}: {{'0 1 * * *': [{listed}]}}," if key == "cron" else f"    {key!r}: [{listed}],")
    hooks = "app_name = 'myapp'\n"
    if entries:
        hooks += "scheduler_events = {\n" + "\n".join(entries) + "\n}\n"
    if draw(st.booleans()):
        hooks += f"doc_events = {{'ToDo': {{'on_update': 'myapp.tasks.{functions[0]}'}}}}\n"
    return {"tasks.py": tasks.replace("\n", newline), "hooks.py": hooks}


def _reindent(line: str, unit: str) -> str:
    stripped = line.lstrip(" ")
    depth, rest = divmod(len(line) - len(stripped), 4)
    return unit * depth + " " * rest + stripped


@EXAMPLES
@given(files=frappe_app())
def test_fixes_of_frappe_like_code_compile_and_are_stable(files):
    findings, plan, before, after, second = run(files)
    assert crashes(findings) == []
    assert [(f.finding.code, f.reason) for f in plan.failed if "could not apply" in f.reason or "compile" in f.reason] == []
    for path, raw in after.items():
        compile(raw, str(path), "exec", dont_inherit=True)
        ast.parse(raw)
    assert second == []


# -- Frappe-like code without the patterns --------------------------------------------------------

@st.composite
def clean_module(draw) -> str:
    """Trigger words everywhere, patterns nowhere: plain helpers, harmless enqueues of trivial
    functions, commits outside loops and events, keyword log_error, look-alike methods."""
    lines = ["import frappe", "", "", "def trivial(value=None):", "    return value", ""]
    for number in range(draw(st.integers(1, 5))):
        body = draw(st.lists(st.sampled_from([
            'frappe.enqueue("myapp.tasks.trivial", value=1)',
            'frappe.enqueue(method="myapp.tasks.trivial", queue="default")',
            "frappe.enqueue(trivial)",
            "frappe.db.commit()",
            'frappe.log_error(title="failed", message=frappe.get_traceback())',
            'text = "frappe.enqueue(x) and frappe.db.commit() in a string"',
            "queue.enqueue(1)  # frappe.enqueue in a comment",
            "queue.commit()",
            "for i in range(3):\n        total = i",
            'rows = frappe.get_all("ToDo", limit=10)',
            "if value:\n        frappe.db.commit()",
        ]), min_size=1, max_size=5))
        lines += ["", f"def helper_{number}(queue, value=None):", *(f"    {b}" for b in body), ""]
    return "\n".join(lines) + "\n"


@EXAMPLES
@given(module=clean_module())
def test_frappe_like_code_without_the_patterns_is_never_changed(module):
    findings, plan, before, after, _ = run({"tasks.py": module})
    assert [(f.code, f.span.row, f.message) for f in findings] == []
    assert before == after
