"""The prefilter decides which files a rule reads; a rule's own ``wants`` may look closer than its
trigger words (a doc-event rule asks whether the file can define a document event), but must
never turn away a file the rule finds something in."""

from __future__ import annotations

import pytest

from jobfix.codemods.engine.config import config_for
from jobfix.codemods.engine.runner import all_findings, analyse_paths
from jobfix.codemods.transforms import all_transforms
from jobfix.codemods.transforms.base import Transform
from helpers import copy_example
from snapshot_cases import all_cases, case_config, write_app

NARROWED = sorted({type(t) for t in all_transforms() if type(t).wants is not Transform.wants
                   or type(t).worth_parsing is not Transform.worth_parsing}, key=lambda t: t.code)


def _unnarrowed(monkeypatch, rule) -> None:
    """The rule's trigger words alone decide which files it reads."""
    monkeypatch.setattr(rule, "wants", Transform.wants)
    monkeypatch.setattr(rule, "worth_parsing", Transform.worth_parsing)


def _findings(folder, config):
    return sorted((f.code, str(f.path), f.span.row, f.span.column, f.message) for f in all_findings(analyse_paths([folder], config)))


def test_some_rules_look_closer_than_their_trigger_words():
    assert {t.code for t in NARROWED} >= {"JF005", "JF102", "JF103", "JF105"}


@pytest.mark.parametrize("rule", NARROWED, ids=lambda t: t.code)
def test_a_narrower_prefilter_loses_no_finding(rule, tmp_path, monkeypatch):
    """Every snapshot case and the example app: the same findings with the rule's ``wants`` as
    with the trigger words alone."""
    apps = [(write_app(case, tmp_path / case.id.replace("/", "_")).parent, case_config(case)) for case in all_cases()]
    example = copy_example(tmp_path)
    apps.append((example, config_for(example)))
    narrowed = [_findings(folder, config) for folder, config in apps]
    assert any(narrowed)
    _unnarrowed(monkeypatch, rule)
    assert [_findings(folder, config) for folder, config in apps] == narrowed


def test_a_rule_looks_closer_never_wider(tmp_path):
    """``Prefilter`` asks a rule only of the files its base test lets through: every rule's
    ``wants`` implies that test, on every file of every snapshot case."""
    from jobfix.codemods.engine.analysis import discover, with_source_version
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.index.app import AppIndex

    asked = 0
    for case in all_cases():
        package = write_app(case, tmp_path / case.id.replace("/", "_"))
        for unit in discover([package.parent], Config()):
            index = AppIndex(unit.root, unit.files, is_app=unit.is_app)
            config = with_source_version(case_config(case), unit)
            for path in unit.files:
                text = path.read_text()
                for rule in NARROWED:
                    transform = rule()
                    if transform.wants(path, text, index, config):
                        asked += 1
                        assert Transform.wants(transform, path, text, index, config), (rule.code, case.id, path.name)
    assert asked


@pytest.mark.parametrize("source", [
    "import frappe\nfrom frappe.db import commit as save\n\n\ndef rebuild():\n"
    "    for name in frappe.get_all('Customer', pluck='name'):\n        frappe.get_doc('Customer', name).save()\n        save()\n",
    "import frappe\r\rdef rebuild():\r    for name in frappe.get_all('Customer', pluck='name'):\r"
    "        frappe.get_doc('Customer', name).save()\r        frappe.db.commit()\r",
    "import frappe\n\nasync def rebuild(names):\n    async \\\n  for name in names:\n        frappe.get_doc('Customer', name).save()\n"
    "        frappe.db.commit()\n",
    "import frappe\n\ndef rebuild(names):\n\tfor name in names:\n\t\tfrappe.get_doc('Customer', name).save()\n"
    "# a comment at the margin does not end the loop\n\t\tfrappe.db.commit()\n",
    "import frappe\n\ndef rebuild(names):\n    for name in names:\n        frappe.get_doc('Customer', name).db_set(\n"
    "'status',\n'Done')\n        frappe.db.commit()\n",
    "import frappe\n\ndef rebuild(names):\n    for name in names:\n        note = '''\nfinished\n'''\n"
    "        frappe.get_doc('Customer', name).add_comment(note); frappe.db.\\\ncommit()\n",
    "import frappe\n\ndef rebuild(names):\n    for name in names: frappe.get_doc('Customer', name).save(); frappe.db.commit()\n",
    "import frappe\n\ndef rebuild(names):\n    for name in names:\n        frappe.get_doc('Customer', name).save()\n"
    "        frappe.msgprint(f\"{frappe.db.commit()}\")\n",
], ids=["renamed-by-import", "cr-line-endings", "async-for-continued", "tabs-and-a-comment-at-the-margin",
        "arguments-at-the-margin", "a-string-at-the-margin-and-a-continued-call", "one-line-loop", "inside-an-f-string"])
def test_the_commit_in_loop_prefilter_sees_unusual_loops(source, tmp_path, monkeypatch):
    from helpers import make_app
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.transforms.commit_in_loop import CommitInLoop

    package = make_app(tmp_path, {"jobs.py": source.encode()})
    config = Config(select=frozenset({"JF005"}))
    narrowed = _findings(package.parent, config)
    _unnarrowed(monkeypatch, CommitInLoop)
    assert narrowed and _findings(package.parent, config) == narrowed


@pytest.mark.parametrize("separator", ['f"{frappe.local.site}::{name}"', 'frappe.local.site + ":" ":" + name',
                                       'f"{frappe.local.site}\\x3a:{name}"', '"::".join([frappe.local.site, name])'])
def test_the_hand_built_job_id_prefilter_sees_every_way_of_writing_the_separator(separator, tmp_path, monkeypatch):
    from helpers import make_app
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.transforms.hand_built_job_id import HandBuiltJobId

    source = f"import frappe\n\n\ndef job_key(name):\n    return {separator}  # ::\n"
    package = make_app(tmp_path, {"jobs.py": source})
    config = Config(select=frozenset({"JF105"}))
    narrowed = _findings(package.parent, config)
    _unnarrowed(monkeypatch, HandBuiltJobId)
    assert narrowed and _findings(package.parent, config) == narrowed


@pytest.mark.parametrize("source, wanted", [
    ("def rebuild(names):\n    for name in names:\n        save(name)\n    frappe.db.commit()\n", False),
    ("def rebuild(names):\n    for name in names:\n        save(name)\n    else:\n        frappe.db.commit()\n", False),
    ("def rebuild(names):\n    for name in names:\n        save(name)  # then frappe.db.commit()\n    frappe.db.commit()\n", False),
    ("def rebuild(names):\n    while names:\n        log('commit')\n    frappe.db.commit()\n", False),
    ("def rebuild(names):\n    for name in names:\n        save(name)\n\n\n        frappe.db.commit()\n", True),
    ("def rebuild(names):\n    for name in (\nnames):\n        frappe.db.commit()\n", True),
    ("def rebuild(names):\n    x = 'open\n    for name in names:\n        pass\n    frappe.db.commit()\n", True),  # unreadable: kept
])
def test_the_commit_in_loop_prefilter_reads_where_a_loop_ends(source, wanted):
    """A commit after the loop, in its ``else``, or only in a comment or a string of the loop, is not
    in it; a blank line does not end a loop, nor a line inside brackets; text it cannot read is kept."""
    from jobfix.codemods.index.syntax import written_in_blocks
    from jobfix.codemods.transforms.commit_in_loop import LOOP_HEADER

    assert written_in_blocks(source, ("commit",), LOOP_HEADER) is wanted


def test_code_only_removes_what_the_tokenizer_calls_strings_and_comments():
    """``syntax.code_only`` removes exactly the STRING and COMMENT tokens of ``tokenize`` (from the
    first quote: a prefix stays) from every module of jobfix, its tests, benchmarks and example app."""
    import io
    import tokenize
    from pathlib import Path

    from jobfix.codemods.index.syntax import HOST, code_only

    root = Path(__file__).resolve().parent.parent
    compared = 0
    for folder in ("jobfix", "tests", "examples", "benchmarks"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
            code = code_only(text)
            if code is None:
                assert HOST >= (3, 12), path  # only an f-string makes it decline here, and only from 3.12
                continue
            starts = [0]
            for line in text.splitlines(keepends=True):
                starts.append(starts[-1] + len(line))
            kept, at = [], 0
            for token in tokenize.generate_tokens(io.StringIO(text).readline):
                if token.type in (tokenize.STRING, tokenize.COMMENT):
                    begin = starts[token.start[0] - 1] + token.start[1]
                    if token.type == tokenize.STRING:
                        begin += min(i for i in (token.string.find("'"), token.string.find('"')) if i >= 0)
                    kept.append(text[at:begin])
                    at = starts[token.end[0] - 1] + token.end[1]
            kept.append(text[at:])
            assert code == "\n" + "".join(kept).expandtabs(8), path
            compared += 1
    assert compared > 100 or HOST >= (3, 12)


@pytest.mark.parametrize("events, wanted", [
    ("import frappe\nfrom frappe.model.document import Document\n\n\nclass Invoice(Document):\n"
     "    def on_submit(self):\n        self.notify()\n        frappe.db.commit()\n", True),
    ("import frappe\n\n\ndef mark_paid(doc, method=None):\n    doc.db_set('paid', 1)\n    frappe.db.rollback()\n", True),
    ("import frappe\n\n\nclass Ledger:\n    def Post(self):\n        pass\n\n\n"
     "def on_update(doc, method=None):\n    pass\n\n\ndef rebuild():\n    frappe.db.commit()\n", False),
    ("import frappe\nfrom frappe.db import commit as save\n\n\ndef mark_paid(doc, method=None):\n    save()\n", True),
])
def test_the_doc_event_prefilter_reads_which_function_commits(events, wanted, tmp_path, monkeypatch):
    """A commit or rollback in a controller hook or in a handler hooks.py names (``mark_paid``) keeps
    the file, and gives the same findings as the trigger words alone; one in another function does not."""
    from helpers import make_app
    from jobfix.codemods.engine.analysis import discover
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.index.app import AppIndex
    from jobfix.codemods.transforms.commit_in_doc_event import CommitInDocEvent

    hooks = 'app_name = "myapp"\ndoc_events = {"Sales Invoice": {"on_update": "myapp.events.mark_paid"}}\n'
    package = make_app(tmp_path, {"events.py": events, "hooks.py": hooks})
    config = Config(select=frozenset({"JF103"}))
    (unit,) = discover([package.parent], config)
    path = package / "events.py"
    rule, text, index = CommitInDocEvent(), path.read_text(), AppIndex(unit.root, unit.files)
    assert (rule.wants(path, text, index, config) and rule.worth_parsing(path, text, index, config)) is wanted
    narrowed = _findings(package.parent, config)
    _unnarrowed(monkeypatch, CommitInDocEvent)
    assert _findings(package.parent, config) == narrowed
    assert bool(narrowed) is wanted


def test_a_closer_look_is_asked_only_of_a_file_no_other_rule_parses(monkeypatch):
    """The commit-in-loop scan runs for a file only it wants, not for one the enqueue rules parse anyway."""
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.transforms.base import Prefilter
    from jobfix.codemods.transforms.commit_in_loop import CommitInLoop

    scanned = []
    monkeypatch.setattr(CommitInLoop, "worth_parsing", lambda self, *args: scanned.append(args[0]) or False)
    prefilter = Prefilter([t for t in all_transforms() if t.code in ("JF005", "JF012")], Config())
    loop = "def rebuild(names):\n    for name in names:\n        save(name)\n    frappe.db.commit()\n"

    class App:  # the little of the app index the two rules' prefilters read
        is_app = False
        hooks = None

        @staticmethod
        def module_name(path):
            return "myapp.jobs"

    assert prefilter.wanting("jobs.py", loop, App) == [] and scanned == ["jobs.py"]
    both = [t.code for t in prefilter.wanting("tasks.py", loop + "frappe.enqueue('myapp.jobs.rebuild')\n", App)]
    assert both == ["JF005", "JF012"] and scanned == ["jobs.py"]
