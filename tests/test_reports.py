"""Every output format of `jobfix check`, and the rule documentation (`rules`, `explain`, README).

The formats run on the shipped example app, limited to JF008 and JF012 so that rules added later
do not change what is asserted; each structure is asserted whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import tempfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import copy_example, make_app, run_cli
from jobfix.codemods.engine.model import Finding, Span
from jobfix.codemods.reports.text import github_annotations
from jobfix.codemods.reports.rule_docs import all_rule_docs, explanation, options_table, rule_doc
from jobfix.codemods.reports.sarif import FINGERPRINT, replacements

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
README = Path(__file__).resolve().parent.parent / "README.md"
SELECTED = ("--select", "JF008,JF012")

EVENTS = "legacy_app/legacy_app/events.py"
HOOKS = "legacy_app/legacy_app/hooks.py"
SYNC_LOG = "legacy_app/legacy_app/legacy_module/doctype/sales_sync_log/sales_sync_log.py"
MSG_EVENTS = "`enqueue` in doc_events handler `queue_invoice_sync` without `enqueue_after_commit=True`"
MSG_STATS = "heavy `legacy_app.tasks.rebuild_customer_stats` under daily, on the default queue (300 s)"
MSG_REPORTS = "heavy `legacy_app.tasks.generate_all_reports` under daily, on the default queue (300 s)"
MSG_SYNC_LOG = "`enqueue` in document event `on_submit` without `enqueue_after_commit=True`"


@pytest.fixture
def example(tmp_path, monkeypatch):
    """A copy of the example app, run from its parent folder (no git work tree around it)."""
    app = copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    return app


def test_text_format(example):
    result = run_cli("check", "legacy_app", *SELECTED)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{EVENTS}:7:2: JF012 [*] {MSG_EVENTS}",
        f"{HOOKS}:27:3: JF008 [*] {MSG_STATS}",
        f"{HOOKS}:28:3: JF008 [*] {MSG_REPORTS}",
        f"{SYNC_LOG}:10:3: JF012 [*] {MSG_SYNC_LOG}",
        "Found 4 findings.",
        "[*] 4 fixable with `jobfix fix`.",
    ]


def _json_row(example, code, name, message, rel, start, end, fix_message):
    return {
        "code": code,
        "name": name,
        "message": message,
        "filename": str(example.parent / rel),
        "location": {"row": start[0], "column": start[1]},
        "end_location": {"row": end[0], "column": end[1]},
        "fix": {"applicability": "safe", "message": fix_message},
        "url": None,
    }


def test_json_format(example):
    result = run_cli("check", "legacy_app", *SELECTED, "--format", "json")
    assert result.exit_code == 1
    jf012, jf008 = ("JF012", "enqueue-after-commit"), ("JF008", "long-task-in-short-event")
    add, move = "Add `enqueue_after_commit=True`", "Move the entry to `daily_long`"
    assert json.loads(result.output) == [
        _json_row(example, *jf012, MSG_EVENTS, EVENTS, (7, 2), (7, 66), add),
        _json_row(example, *jf008, MSG_STATS, HOOKS, (27, 3), (27, 44), move),
        _json_row(example, *jf008, MSG_REPORTS, HOOKS, (28, 3), (28, 42), move),
        _json_row(example, *jf012, MSG_SYNC_LOG, SYNC_LOG, (10, 3), (15, 4), add),
    ]


def test_github_format(example):
    result = run_cli("check", "legacy_app", *SELECTED, "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"::warning file={EVENTS},line=7,col=2,endLine=7,endColumn=66,title=JF012::{MSG_EVENTS}",
        f"::warning file={HOOKS},line=27,col=3,endLine=27,endColumn=44,title=JF008::{MSG_STATS}",
        f"::warning file={HOOKS},line=28,col=3,endLine=28,endColumn=42,title=JF008::{MSG_REPORTS}",
        f"::warning file={SYNC_LOG},line=10,col=3,endLine=15,endColumn=4,title=JF012::{MSG_SYNC_LOG}",
    ]


def test_github_escaping_keeps_paths_and_messages_from_injecting_commands(tmp_path):
    """@actions/core's escaping: % CR LF everywhere, and ':' ',' in properties."""
    finding = Finding(
        "JF012", "enqueue-after-commit", "100% sure\r\n::error file=x.py::injected",
        tmp_path / "odd,name:50%.py", Span(3, 5, 4, 1),
    )
    parse_error = Finding("JF000", "parse-error", "cannot parse: invalid syntax", tmp_path / "b.py", Span(1, 1, 1, 1))
    assert github_annotations([finding, parse_error], cwd=tmp_path).splitlines() == [
        "::warning file=odd%2Cname%3A50%25.py,line=3,col=5,endLine=4,endColumn=1,title=JF012::"
        "100%25 sure%0D%0A::error file=x.py::injected",
        "::error file=b.py,line=1,col=1,endLine=1,endColumn=1,title=JF000::cannot parse: invalid syntax",
    ]


def test_statistics_text_and_json(example):
    text = run_cli("check", "legacy_app", *SELECTED, "--statistics")
    assert text.exit_code == 1
    assert text.output == "2\tJF008\t[*] long-task-in-short-event\n2\tJF012\t[*] enqueue-after-commit\n"
    as_json = run_cli("check", "legacy_app", *SELECTED, "--statistics", "--format", "json")
    assert json.loads(as_json.output) == [
        {"code": "JF008", "name": "long-task-in-short-event", "count": 2, "fixable": 2},
        {"code": "JF012", "name": "enqueue-after-commit", "count": 2, "fixable": 2},
    ]


def test_statistics_marks_partly_fixable_rules(tmp_path):
    make_app(tmp_path, {"order.py": """\
        import frappe
        from frappe.model.document import Document


        class Order(Document):
            def on_submit(self):
                frappe.enqueue("myapp.tasks.a")

            def on_cancel(self):
                return frappe.enqueue("myapp.tasks.b")  # the result is used: display-only
        """})
    result = run_cli("check", tmp_path, "--select", "JF012", "--statistics")
    assert result.output == "2\tJF012\t[-] enqueue-after-commit (1 fixable)\n"
    unsafe = run_cli("check", tmp_path, "--select", "JF012", "--statistics", "--unsafe-fixes")
    assert unsafe.output == result.output


def test_statistics_only_in_text_or_json(example):
    result = run_cli("check", "legacy_app", "--statistics", "--format", "sarif")
    assert result.exit_code == 2
    assert "--statistics prints text or json, not sarif" in result.output


# -- SARIF -----------------------------------------------------------------------------------


def _sarif(*args: str) -> dict:
    result = run_cli("check", *args, "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    log = json.loads(result.output)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)
    return log


def _location(rel, start, end):
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": rel, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]},
        }
    }


def _replacement(start, end, text):
    region = {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}
    return {"deletedRegion": region, "insertedContent": {"text": text}}


def _fix(message, rel, *replaced):
    return [
        {
            "description": {"text": message},
            "artifactChanges": [{"artifactLocation": {"uri": rel, "uriBaseId": "%SRCROOT%"}, "replacements": list(replaced)}],
            "properties": {"applicability": "safe"},
        }
    ]


def test_sarif_is_valid_and_complete(example, tmp_path):
    log = _sarif("legacy_app", *SELECTED)
    assert log["$schema"].endswith("sarif-schema-2.1.0.json") and log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "jobfix"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [d.code for d in all_rule_docs()]
    jf012 = rules[[r["id"] for r in rules].index("JF012")]
    doc = rule_doc("JF012")
    assert jf012 == {
        "id": "JF012",
        "name": "enqueue-after-commit",
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.rationale},
        "help": {"text": explanation(doc), "markdown": explanation(doc)},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"fixApplicability": "safe"},
    }

    results = run["results"]
    for result in results:
        assert rules[result.pop("ruleIndex")]["id"] == result["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{32}", result.pop("partialFingerprints")[FINGERPRINT])
    add, move = "Add `enqueue_after_commit=True`", "Move the entry to `daily_long`"
    assert results == [
        {
            "ruleId": "JF012", "level": "warning", "message": {"text": MSG_EVENTS},
            "locations": [_location(EVENTS, (7, 2), (7, 66))],
            "fixes": _fix(add, EVENTS, _replacement((7, 65), (7, 65), ", enqueue_after_commit=True")),
        },
        {
            "ruleId": "JF008", "level": "warning", "message": {"text": MSG_STATS},
            "locations": [_location(HOOKS, (27, 3), (27, 44))],
            "fixes": _fix(
                move, HOOKS,
                _replacement((27, 1), (28, 1), ""),
                _replacement((32, 1), (32, 1), '\t],\n\t"daily_long": [\n\t\t"legacy_app.tasks.rebuild_customer_stats",  # nightly rebuild\n'),
            ),
        },
        {
            "ruleId": "JF008", "level": "warning", "message": {"text": MSG_REPORTS},
            "locations": [_location(HOOKS, (28, 3), (28, 42))],
            "fixes": _fix(
                move, HOOKS,
                _replacement((28, 1), (29, 1), ""),
                _replacement((32, 1), (32, 1), '\t],\n\t"daily_long": [\n\t\t"legacy_app.tasks.generate_all_reports",\n'),
            ),
        },
        {
            "ruleId": "JF012", "level": "warning", "message": {"text": MSG_SYNC_LOG},
            "locations": [_location(SYNC_LOG, (10, 3), (15, 4))],
            "fixes": _fix(add, SYNC_LOG, _replacement((15, 1), (15, 1), "\t\t\tenqueue_after_commit=True,\n")),
        },
    ]


def _apply(text: str, replaced: list[dict]) -> str:
    """Apply SARIF replacements (regions of the original text, lines and columns from 1)."""
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def offset(line, column):
        return starts[line - 1] + column - 1

    edits = []
    for r in replaced:
        region = r["deletedRegion"]
        edits.append((offset(region["startLine"], region["startColumn"]), offset(region["endLine"], region["endColumn"]), r["insertedContent"]["text"]))
    for start, end, inserted in sorted(edits, reverse=True):
        text = text[:start] + inserted + text[end:]
    return text


def test_sarif_fixes_are_what_jobfix_fix_writes(example):
    """A file with a single finding: its SARIF fix turns the file into what `jobfix fix` writes."""
    log = _sarif("legacy_app", *SELECTED)
    before = {rel: (example.parent / rel).read_text() for rel in (EVENTS, SYNC_LOG, HOOKS)}
    fixes = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["fixes"] for r in log["runs"][0]["results"]}
    assert run_cli("fix", "legacy_app", *SELECTED).exit_code == 0
    for rel in (EVENTS, SYNC_LOG):
        (change,) = fixes[rel][0]["artifactChanges"]
        assert _apply(before[rel], change["replacements"]) == (example.parent / rel).read_text()
    hooks_results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "JF008"]
    for result in hooks_results:  # each alone: valid Python with its entry under daily_long
        (change,) = result["fixes"][0]["artifactChanges"]
        fixed = _apply(before[HOOKS], change["replacements"])
        compile(fixed, "hooks.py", "exec")
        assert fixed != before[HOOKS]


@given(
    st.lists(st.sampled_from(["a = 1\n", "b = 2\n", "\n", "c(\n", ")\n", "x = 'é'\r\n", "tail"]), max_size=8),
    st.lists(st.sampled_from(["a = 1\n", "b = 22\n", "\n", "c(d=1\n", ")\n", "x = 'é'\r\n", "end"]), max_size=8),
)
def test_replacements_turn_old_into_new(old_lines, new_lines):
    old, new = "".join(old_lines), "".join(new_lines)
    assert _apply(old, replacements(old, new)) == new


def test_sarif_fingerprints_survive_code_moving_down(example):
    first = _sarif("legacy_app", *SELECTED)
    events = example / "legacy_app" / "events.py"
    events.write_text("# a new comment line\n\n" + events.read_text())
    second = _sarif("legacy_app", *SELECTED)

    def prints(log):
        return [(r["ruleId"], r["partialFingerprints"][FINGERPRINT]) for r in log["runs"][0]["results"]]

    assert prints(first) == prints(second)
    assert len({fp for _, fp in prints(first)}) == 4


def test_sarif_uri_outside_the_source_root_is_absolute(tmp_path, monkeypatch):
    app = copy_example(tmp_path / "elsewhere")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    log = _sarif(app, "--select", "JF012")
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert locations[0] == {"uri": (app / "legacy_app" / "events.py").resolve().as_uri()}


def test_sarif_root_is_the_git_work_tree(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    copy_example(tmp_path / "apps")
    monkeypatch.chdir(tmp_path / "apps")
    log = _sarif("legacy_app", "--select", "JF012")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["apps/" + EVENTS, "apps/" + SYNC_LOG]


def test_sarif_without_findings_is_valid(tmp_path, monkeypatch):
    make_app(tmp_path, {"clean.py": "x = 1\n"})
    monkeypatch.chdir(tmp_path)
    log = _sarif(".")
    assert log["runs"][0]["results"] == []


def test_sarif_percent_encodes_paths(tmp_path, monkeypatch):
    make_app(tmp_path, {"my order#1.py": "import frappe\n\ndef push(doc):\n    frappe.enqueue(\n"}, name="app")
    monkeypatch.chdir(tmp_path)
    log = _sarif(".")
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "JF000" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/app/my%20order%231.py"


# -- rules and explain ---------------------------------------------------------------------------


def test_rules_table_lists_every_rule():
    result = run_cli("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Code", "Name", "Fix", "Summary"]
    listed = [line.split()[0] for line in lines[2:] if re.match(r"JF\d{3} ", line)]
    assert listed == [d.code for d in all_rule_docs()]
    assert re.search(r"^JF012\s+enqueue-after-commit\s+safe\s+`enqueue` in a document", result.output, re.M)


def test_rules_json_and_markdown():
    docs = all_rule_docs()
    rows = json.loads(run_cli("rules", "--format", "json").output)
    assert [r["code"] for r in rows] == [d.code for d in docs]
    jf008 = next(r for r in rows if r["code"] == "JF008")
    assert set(jf008) == {
        "code", "name", "summary", "fix", "rationale", "example", "use_instead", "fix_safety", "options",
        "version_notes", "explanation",
    }
    assert (jf008["name"], jf008["fix"], jf008["options"]) == ("long-task-in-short-event", "safe", ["heavy", "light", "queue-timeouts"])
    markdown = run_cli("rules", "--format", "markdown").output.splitlines()
    assert markdown[:2] == ["| Code | Name | Fix | Summary |", "| --- | --- | --- | --- |"]
    assert "| JF012 | `enqueue-after-commit` | safe | `enqueue` in a document event without `enqueue_after_commit=True` |" in markdown
    assert len(markdown) == 2 + len(docs)


def test_explain_prints_ruffs_sections_from_the_rule_itself():
    result = run_cli("explain", "JF008")
    assert result.exit_code == 0
    outside_code = result.output.split("```")[::2]  # comments in the examples are no headings
    headings = [line for part in outside_code for line in part.splitlines() if line.startswith("#")]
    assert headings == [
        "# JF008 long-task-in-short-event", "## What it does", "## Why is this bad?", "## Example",
        "## Use instead", "## Fix safety", "## Options", "## Version notes",
    ]
    doc = rule_doc("JF008")
    assert "Reports heavy scheduled task on the default queue (300 s) instead of a `*_long` event." in result.output
    assert doc.rationale in result.output and doc.fix_safety in result.output and doc.version_notes in result.output
    assert f"```python\n{doc.bad.rstrip()}\n```" in result.output
    assert f"```python\n{doc.good.rstrip()}\n```" in result.output
    assert "- `heavy` (default `[]`): dotted paths of functions always treated as heavy" in result.output


def test_explain_by_name_lower_case_and_json():
    assert run_cli("explain", "jf012").output == run_cli("explain", "enqueue-after-commit").output
    data = json.loads(run_cli("explain", "JF012", "--format", "json").output)
    assert (data["code"], data["name"], data["fix"]) == ("JF012", "enqueue-after-commit", "safe")
    assert data["explanation"] == explanation(rule_doc("JF012"))
    assert "This rule has no options." in data["explanation"]


def test_explain_builtin_codes():
    assert run_cli("explain", "JF000").output.startswith("# JF000 parse-error\n")
    assert "`warn-unused-ignores` (default `false`)" in run_cli("explain", "JF900").output


def test_explain_unknown_rule_exits_2():
    result = run_cli("explain", "JF999")
    assert result.exit_code == 2
    assert result.output.strip() == "error: unknown rule 'JF999' (see `jobfix rules` for the codes)"


# -- the README ---------------------------------------------------------------------------------
# The README's rule table is `jobfix rules --format markdown`, and every block marked
# <!-- output: jobfix ... --> holds that command's output, run from the repository root (the
# root's absolute path shown as /home/me/jobfix). `pytest tests/test_reports.py --snapshot-update`
# rewrites them all.

ROOT = README.parent
TABLE_START, TABLE_END = "<!-- rules-table:start (jobfix rules --format markdown) -->\n", "<!-- rules-table:end -->"
OPTIONS_START = "<!-- options-table:start (rule_docs.options_table: rules declare their options) -->\n"
OPTIONS_END = "<!-- options-table:end -->"
OUTPUT_BLOCK = re.compile(
    r"(<!-- output: (?P<command>.+?) -->\n(?P<fence>`{3,})\w+\n)(?P<body>.*?)((?P=fence)\n<!-- /output -->)", re.S
)
EXAMPLE_REPORT_EPOCH = "1767225600"  # 2026-01-01: the committed example report's date
JQ = re.compile(r"\s*\|\s*jq '(?P<path>[^']*)'$")


def _run_documented(command: str) -> str:
    """The output of a README command line: `jobfix ARGS [| jq '.a[0].b']`; a `fix` that writes
    runs on a copy of the example laid out the same (the README says so)."""
    jq = JQ.search(command)
    args = shlex.split(command[: jq.start()] if jq else command)
    assert args[0] == "jobfix", command
    if args[1] == "fix" and not {"--diff", "--dry-run"} & set(args):
        with tempfile.TemporaryDirectory() as copy, _working_directory(copy):
            copy_example(Path(copy) / "examples")
            output = run_cli(*args[1:]).output
    else:
        output = run_cli(*args[1:]).output
    if jq:
        value = json.loads(output)
        for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", jq.group("path")):
            value = value[key] if key else value[int(index)]
        output = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    output = output.replace(str(ROOT), "/home/me/jobfix")
    if args[1:] == ["rules"]:  # rich pads a table's last column with spaces an editor would strip
        output = "".join(line.rstrip() + "\n" for line in output.splitlines())
    return output


@contextlib.contextmanager
def _working_directory(path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _rendered_readme(text: str) -> str:
    head, rest = text.split(TABLE_START)
    _, tail = rest.split(TABLE_END)
    text = head + TABLE_START + run_cli("rules", "--format", "markdown").output + TABLE_END + tail
    head, rest = text.split(OPTIONS_START)
    _, tail = rest.split(OPTIONS_END)
    text = head + OPTIONS_START + options_table() + OPTIONS_END + tail
    return OUTPUT_BLOCK.sub(lambda m: m.group(1) + _run_documented(m.group("command")) + m.group(5), text)


@pytest.fixture
def from_repository_root(monkeypatch):
    import jobfix.cli

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(jobfix.cli.out(), "width", 100)


def test_readme_rule_table_is_jobfix_rules_output(request, from_repository_root):
    """The rule table cannot drift from the rules (--snapshot-update rewrites it and the outputs)."""
    text = README.read_text()
    assert TABLE_START in text and TABLE_END in text
    if request.config.getoption("--snapshot-update"):
        README.write_text(_rendered_readme(text))
        return
    table = text.split(TABLE_START)[1].split(TABLE_END)[0]
    assert table == run_cli("rules", "--format", "markdown").output, (
        "README rule table is stale: run pytest tests/test_reports.py --snapshot-update"
    )


def test_readme_option_list_is_what_the_rules_declare(request, from_repository_root):
    """Like the rule table: the README's [tool.jobfix] keys are the declared options, as generated."""
    text = README.read_text()
    if request.config.getoption("--snapshot-update"):
        README.write_text(_rendered_readme(text))
        return
    assert text.split(OPTIONS_START)[1].split(OPTIONS_END)[0] == options_table(), (
        "README option list is stale: run pytest tests/test_reports.py --snapshot-update"
    )


def test_readme_outputs_are_real(from_repository_root):
    """Each pasted output is what the command prints today."""
    text = README.read_text()
    blocks = list(OUTPUT_BLOCK.finditer(text))
    assert len(blocks) >= 6
    for block in blocks:
        assert block.group("body") == _run_documented(block.group("command")), (
            f"README output of `{block.group('command')}` is stale: run pytest tests/test_reports.py --snapshot-update"
        )


def test_example_report_is_current(tmp_path, monkeypatch, snapshot):
    """examples/legacy_app-report.html is the README's `jobfix report examples/legacy_app --job-log
    examples/legacy_app/job-log.csv -o examples/legacy_app-report.html`, run from the repository root
    (on a copy laid out the same, dated by SOURCE_DATE_EPOCH)."""
    copy_example(tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EXAMPLE_REPORT_EPOCH)
    result = run_cli("report", "examples/legacy_app", "--job-log", "examples/legacy_app/job-log.csv",
                     "-o", "examples/legacy_app-report.html")
    assert result.exit_code == 0, result.output
    snapshot.snapshot_dir = ROOT / "examples"
    snapshot.assert_match((tmp_path / "examples" / "legacy_app-report.html").read_text(), "legacy_app-report.html")


def test_github_paths_are_relative_to_the_git_work_tree(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    copy_example(tmp_path / "apps")
    monkeypatch.chdir(tmp_path / "apps" / "legacy_app")
    result = run_cli("check", ".", "--select", "JF012", "--format", "github")
    assert [line.split(",")[0] for line in result.output.splitlines()] == [
        "::warning file=apps/" + EVENTS, "::warning file=apps/" + SYNC_LOG,
    ]


def test_statistics_of_a_clean_run_print_nothing(tmp_path):
    make_app(tmp_path, {"clean.py": "x = 1\n"})
    assert run_cli("check", tmp_path, "--statistics").output == ""
    assert run_cli("check", tmp_path, "--statistics", "--format", "json").output == "[]\n"


def test_every_rule_documents_itself_completely():
    """What `explain`, SARIF and the README read: no empty section, options that exist."""
    from jobfix.codemods.engine.config import known_keys

    for doc in all_rule_docs():
        assert re.fullmatch(r"JF\d{3}", doc.code) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", doc.name), doc.code
        assert all([doc.summary, doc.rationale, doc.bad, doc.good, doc.fix_safety]), doc.code
        assert set(doc.options) <= set(known_keys()), (doc.code, doc.options)
        compile(doc.good, f"{doc.code} good example", "exec")


def test_sarif_of_every_rule_on_the_example_is_valid_and_its_fixes_compile(example):
    log = _sarif("legacy_app", "--unsafe-fixes")
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"JF008", "JF012"}
    originals: dict[str, str] = {}
    for result in results:
        for fix in result.get("fixes", ()):
            for change in fix["artifactChanges"]:
                uri = change["artifactLocation"]["uri"]
                path = example.parent / uri
                original = originals.setdefault(uri, path.read_text() if path.exists() else "")
                compile(_apply(original, change["replacements"]), uri, "exec")
