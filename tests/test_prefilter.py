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

NARROWED = sorted({type(t) for t in all_transforms() if type(t).wants is not Transform.wants}, key=lambda t: t.code)


def _findings(folder, config):
    return sorted((f.code, str(f.path), f.span.row, f.span.column, f.message) for f in all_findings(analyse_paths([folder], config)))


def test_some_rules_look_closer_than_their_trigger_words():
    assert {t.code for t in NARROWED} >= {"JF005", "JF103", "JF105"}


@pytest.mark.parametrize("rule", NARROWED, ids=lambda t: t.code)
def test_a_narrower_prefilter_loses_no_finding(rule, tmp_path, monkeypatch):
    """Every snapshot case and the example app: the same findings with the rule's ``wants`` as
    with the trigger words alone."""
    apps = [(write_app(case, tmp_path / case.id.replace("/", "_")).parent, case_config(case)) for case in all_cases()]
    example = copy_example(tmp_path)
    apps.append((example, config_for(example)))
    narrowed = [_findings(folder, config) for folder, config in apps]
    assert any(narrowed)
    monkeypatch.setattr(rule, "wants", Transform.wants)
    assert [_findings(folder, config) for folder, config in apps] == narrowed


def test_a_rule_looks_closer_never_wider(tmp_path):
    """``Prefilter`` asks a rule only of the files its base test lets through: every rule's
    ``wants`` implies that test, on every file of every snapshot case."""
    from jobfix.codemods.engine.analysis import discover
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.index.app import AppIndex

    asked = 0
    for case in all_cases():
        package = write_app(case, tmp_path / case.id.replace("/", "_"))
        for unit in discover([package.parent], Config()):
            index = AppIndex(unit.root, unit.files, is_app=unit.is_app)
            for path in unit.files:
                text = path.read_text()
                for rule in NARROWED:
                    transform = rule()
                    if transform.wants(path, text, index):
                        asked += 1
                        assert Transform.wants(transform, path, text, index), (rule.code, case.id, path.name)
    assert asked


@pytest.mark.parametrize("source", [
    "import frappe\nfrom frappe.db import commit as save\n\n\ndef rebuild():\n"
    "    for name in frappe.get_all('Customer', pluck='name'):\n        frappe.get_doc('Customer', name).save()\n        save()\n",
    "import frappe\r\rdef rebuild():\r    for name in frappe.get_all('Customer', pluck='name'):\r"
    "        frappe.get_doc('Customer', name).save()\r        frappe.db.commit()\r",
    "import frappe\n\nasync def rebuild(names):\n    async \\\n  for name in names:\n        frappe.get_doc('Customer', name).save()\n"
    "        frappe.db.commit()\n",
], ids=["renamed-by-import", "cr-line-endings", "async-for-continued"])
def test_the_commit_in_loop_prefilter_sees_unusual_loops(source, tmp_path, monkeypatch):
    from helpers import make_app
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.transforms.commit_in_loop import CommitInLoop

    package = make_app(tmp_path, {"jobs.py": source.encode()})
    config = Config(select=frozenset({"JF005"}))
    narrowed = _findings(package.parent, config)
    monkeypatch.setattr(CommitInLoop, "wants", Transform.wants)
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
    monkeypatch.setattr(HandBuiltJobId, "wants", Transform.wants)
    assert narrowed and _findings(package.parent, config) == narrowed
