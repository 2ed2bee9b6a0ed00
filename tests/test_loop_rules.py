"""The loop rules (JF005, JF006, JF009, JF014) beyond their snapshots: fixes of one loop compose
into the same loop whichever are accepted, in whatever order; display-only findings say why;
savepoint names; options."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from helpers import make_app
from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import Config, known_keys
from jobfix.codemods.index.frappe_api import FrappeTarget
from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from jobfix.codemods.transforms import transform_for
from snapshot_cases import SNAPSHOTS, case_config, read_case, write_app

LOOP_RULES = ("JF005", "JF006", "JF009", "JF014")

HOOKS = '''\
app_name = "myapp"

scheduler_events = {
\t"daily_long": ["myapp.tasks.rebuild_stats"],
}
'''
API = '''\
import frappe


@frappe.whitelist()
def rebuild_now():
\tfrappe.enqueue("myapp.tasks.rebuild_stats", queue="long")
'''
TASKS = '''\
import frappe


def rebuild_stats():
\tfor customer in frappe.get_all("Customer", pluck="name"):
\t\tstats = frappe.get_doc("Customer Stats", customer)
\t\tstats.save()
\t\tfrappe.db.commit()  # one commit per customer
'''
COMPOSED = '''\
import frappe
from frappe import _
from rq.timeouts import JobTimeoutException


def rebuild_stats():
\trecords_done = 0
\trecords = frappe.get_all("Customer", pluck="name")
\trecords_seen = 0
\tfor customer in records:
\t\tif records_seen % 100 == 0:
\t\t\tfrappe.publish_progress(percent=records_seen * 100 / len(records), title=_("Rebuild Stats"))
\t\trecords_seen += 1
\t\tfrappe.db.savepoint("sp_customer")
\t\ttry:
\t\t\tstats = frappe.get_doc("Customer Stats", customer)
\t\t\tstats.save()
\t\t\trecords_done += 1
\t\t\tif records_done % 100 == 0:
\t\t\t\tfrappe.db.commit()  # one commit per customer
\t\texcept JobTimeoutException:
\t\t\traise
\t\texcept Exception:
\t\t\tfrappe.db.rollback(save_point="sp_customer")
\t\t\tfrappe.log_error(title=f"rebuild_stats failed for {customer}"[:140], message=frappe.get_traceback())
\tfrappe.db.commit()
'''


def same_module(text: str, expected: str) -> bool:
    """Equal, but for the order of the imports the fixes added (each adds its own after the others)."""
    def split(code: str):
        lines = code.splitlines()
        imports = sorted(line for line in lines if line.startswith(("import ", "from ")))
        return imports, [line for line in lines if not line.startswith(("import ", "from "))]

    assert split(text)[1] == split(expected)[1]
    return split(text) == split(expected)


def config(*codes: str, **values) -> Config:
    return Config(select=frozenset(codes or LOOP_RULES), unsafe_fixes=True, **values)


def findings_of(package: Path, cfg: Config):
    return all_findings(analyse_paths([package.parent], cfg))


def loop_app(root: Path) -> Path:
    return make_app(root, {"hooks.py": HOOKS, "api.py": API, "tasks.py": TASKS})


def fix_once(package: Path, codes: set[str]) -> None:
    """One run of `jobfix fix --unsafe-fixes`, a person accepting only the fixes of ``codes``."""
    plan = plan_fixes(findings_of(package, config()), True, accept=lambda f: f.code in codes)
    assert not plan.failed, [(f.finding.code, f.reason) for f in plan.failed]
    written, errors = write_changes(plan.changes)
    assert not errors


def test_one_loop_gets_a_fix_from_each_rule(tmp_path):
    package = loop_app(tmp_path)
    found = findings_of(package, config())
    assert sorted(f.code for f in found) == ["JF005", "JF006", "JF009"]
    assert all(f.fix.has_edits for f in found)


@pytest.mark.parametrize("order", list(itertools.permutations(["JF005", "JF006", "JF009"])), ids="-".join)
def test_accepting_the_loop_fixes_one_run_at_a_time_in_any_order_gives_one_coherent_loop(tmp_path, order):
    package = loop_app(tmp_path)
    for code in order:
        fix_once(package, {code})
    assert same_module((package / "tasks.py").read_text(), COMPOSED)
    assert findings_of(package, config()) == []  # nothing left to report, and a further run changes nothing


@pytest.mark.parametrize("codes", [set(c) for n in (1, 2, 3) for c in itertools.combinations(["JF005", "JF006", "JF009"], n)],
                         ids=lambda c: "+".join(sorted(c)))
def test_accepting_some_loop_fixes_now_and_the_rest_later_gives_the_same_loop(tmp_path, codes):
    package = loop_app(tmp_path)
    fix_once(package, codes)  # accepted together: their edits of the loop merge into one rewrite
    text = (package / "tasks.py").read_text()
    compile(text, "tasks.py", "exec")
    assert ("records_done % 100" in text) == ("JF005" in codes)
    assert ('savepoint("sp_customer")' in text) == ("JF006" in codes)
    assert ("publish_progress" in text) == ("JF009" in codes)
    fix_once(package, {"JF005", "JF006", "JF009"} - codes)
    assert same_module((package / "tasks.py").read_text(), COMPOSED)


def test_savepoint_names_are_sql_identifiers_unique_per_function(tmp_path):
    tasks = '''\
    import frappe


    def sync():
        for order in frappe.get_all("Sales Order", pluck="name"):
            frappe.get_doc("Sales Order", order).save()
        for order in frappe.get_all("Purchase Order", pluck="name"):
            frappe.get_doc("Purchase Order", order).save()
        for Órden in frappe.get_all("Sales Order", pluck="name"):
            frappe.get_doc("Sales Order", Órden).save()
        for row in frappe.get_all("Item", fields=["name"]):
            frappe.get_doc("Item", row.name).save()
            for row.name in frappe.get_all("Item", pluck="name"):
                frappe.get_doc("Item", row.name).save()


    def other():
        for order in frappe.get_all("Sales Order", pluck="name"):
            frappe.get_doc("Sales Order", order).save()
    '''
    hooks = 'app_name = "myapp"\nscheduler_events = {"daily": ["myapp.tasks.sync", "myapp.tasks.other"]}\n'
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": tasks})
    fix_once(package, {"JF006"})
    text = (package / "tasks.py").read_text()
    sync, other = text.split("def other")
    names = re.findall(r'savepoint\("([^"]*)"\)', sync)
    assert names == ["sp_order", "sp_order_2", "sp_rden", "sp_row", "sp_name"]
    assert all(re.fullmatch(r"sp_[a-z0-9_]+", n) for n in names)
    assert re.findall(r'savepoint\("([^"]*)"\)', other) == ["sp_order"]
    for name in names:  # each rollback goes back to its own loop's savepoint
        assert sync.count(f'rollback(save_point="{name}")') == 1


def test_batch_size_comes_from_the_config(tmp_path):
    package = loop_app(tmp_path)
    cfg = config(options=(("batch-size", 250),))
    plan = plan_fixes(findings_of(package, cfg), True)
    text = plan.changes[0].new_text
    assert "records_done % 250 == 0" in text and "records_seen % 250 == 0" in text


def test_isolation_idiom_is_reported_only_when_asked(tmp_path):
    tasks = '''\
    import frappe


    def sync(orders):
        for order in orders:
            try:
                frappe.get_doc("Sales Order", order).submit()
                frappe.db.commit()
            except Exception:
                frappe.db.rollback()
    '''
    package = make_app(tmp_path, {"tasks.py": tasks})
    assert findings_of(package, config("JF005")) == []
    [finding] = findings_of(package, config("JF005", options=(("batch-isolated-commits", True),)))
    assert finding.fix.applicability is Applicability.UNSAFE and "savepoint per record" in finding.fix.message


def advice(rule_dir: str, case: str, tmp_path: Path) -> dict[int, str]:
    """Line -> the display-only fix message of each such finding of a snapshot case."""
    snapshot = read_case(SNAPSHOTS / rule_dir / f"{case}.py")
    found = findings_of(write_app(snapshot, tmp_path), case_config(snapshot))
    return {f.span.row: f.fix.message for f in found if f.fix.applicability is Applicability.DISPLAY_ONLY}


@pytest.mark.parametrize(
    ("rule_dir", "case", "reasons"),
    [
        ("commit-in-loop", "not_rewritten", {
            11: "the loop rolls back the whole transaction (line 8)",
            20: "the loop returns from inside (line 18), so a commit after it would not always run",
            24: "the loop shares a line with other code",
        }),
        ("commit-in-loop", "isolated_commits", {40: "more work follows the commit on line 40 in its `try`"}),
        ("commit-in-loop", "isolated_commits_v13", {8: "needs Frappe 13.18.0 or later; the target is v13.10.999"}),
        ("unguarded-record-loop", "not_rewritten", {
            5: "the commit on line 7 is followed by more of the record's work",
            12: "the loop rolls back the whole transaction (line 15)",
            21: "the loop shares a line with other code",
        }),
        ("unguarded-record-loop", "v13_target", {5: "needs Frappe 13.18.0 or later"}),
        ("no-progress-feedback", "not_rewritten", {6: "the number of records is not known before the loop"}),
        ("heavy-scheduler-handler", "not_rewritten", {
            6: "the parameter `queue` would be taken by `enqueue` itself",
            15: "an argument is an expression; give it a name first",
            24: "the callee takes positional-only or `*args` parameters",
            34: "the call does not pass `new`",
            43: "no argument depends on the record",
        }),
    ],
)
def test_display_only_findings_say_why_there_is_no_rewrite(rule_dir, case, reasons, tmp_path):
    messages = advice(rule_dir, case, tmp_path)
    assert set(messages) == set(reasons)
    for row, reason in reasons.items():
        assert reason in messages[row], messages[row]


def test_fan_out_job_id_needs_deduplicate(tmp_path):
    tasks = '''\
    import frappe


    def run_all():
        for name in frappe.get_all("Customer", pluck="name"):
            touch(name)


    def touch(name):
        frappe.get_doc("Customer", name).save()
    '''
    hooks = 'app_name = "myapp"\nscheduler_events = {"daily": ["myapp.tasks.run_all"]}\n'
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": tasks})
    for version, expected in (("14.40.0", 'queue="long", name=name)'), ("15", 'job_id=f"myapp.tasks.touch::name={name}",\n')):
        plan = plan_fixes(findings_of(package, config("JF014", frappe_version=FrappeTarget.parse(version))), True)
        text = plan.changes[0].new_text
        assert expected in text and ("deduplicate=True" in text) == (version == "15")


def test_loop_rules_document_their_options():
    for code in LOOP_RULES:
        transform = transform_for(code)
        assert transform is not None and all(option.key in known_keys() for option in transform.options)
        assert transform.bad and transform.good and transform.fix_safety
        compile(transform.bad, code, "exec")
        compile(transform.good, code, "exec")
