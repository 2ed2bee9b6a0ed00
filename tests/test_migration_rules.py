"""The migration rules JF101-JF106 beyond their snapshots: what a rewrite means at run time, how
the rules compose with others, and the example app migrated in one run."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from helpers import copy_example, make_app, run_cli
from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes

TRACEBACK = "Traceback (most recent call last):\n  File ...\nValueError: boom"


# -- JF102: the rewrite keeps what the author's Frappe wrote to the Error Log -------------------
# Models of frappe.log_error, line for line from frappe-api.md §6 (v13 and v14+ bodies): each
# returns the (title, error) of the Error Log it would insert.
def log_error_v13(message=None, title="Error"):
    if message:
        if "\n" in title:
            error, title = title, message
        else:
            error = message
    else:
        error = TRACEBACK
    return title, error


def log_error_v14(title=None, message=None, reference_doctype=None, reference_name=None):
    traceback = None
    if message:
        if "\n" in title:  # raises TypeError when title is None
            traceback, title = title, message
        else:
            traceback = message
    title = title or "Error"
    return title, traceback or TRACEBACK


VALUES = {"tb": TRACEBACK, "heading": "Invoice push failed", "body": "Payment webhook without id", "empty": ""}
V13_CALLS = [f"frappe.log_error({a})" for a in VALUES] + [
    f"frappe.log_error({a}, {b})" for a, b in itertools.permutations(VALUES, 2)
] + ["frappe.log_error(frappe.get_traceback(), heading)", "frappe.log_error(heading, frappe.get_traceback())",
     "frappe.log_error(body, title=heading)", "frappe.log_error(message=body)"]
V14_CALLS = [f"frappe.log_error({a})" for a in VALUES] + [
    f"frappe.log_error({a}, {b})" for a, b in itertools.permutations(VALUES, 2)
] + ["frappe.log_error(frappe.get_traceback(), heading)", "frappe.log_error(heading, frappe.get_traceback(), body)"]


class FakeFrappe:
    def __init__(self, log_error):
        self.log_error = log_error

    @staticmethod
    def get_traceback():
        return TRACEBACK


def fixed_lines(tmp_path, lines: list[str], **settings) -> list[str]:
    body = "".join(f"def case_{i}(tb, heading, body, empty):\n    return {line}\n\n\n" for i, line in enumerate(lines))
    package = make_app(tmp_path, {"errors.py": "import frappe\n\n\n" + body})
    config = Config(select=frozenset({"JF102"}), unsafe_fixes=False, **settings)
    plan = plan_fixes(all_findings(analyse_paths([package], config)), unsafe_fixes=False)
    write_changes(plan.changes)
    text = (package / "errors.py").read_text()
    return re.findall(r"^    return (.*)$", text, re.M)


def run(call: str, log_error) -> tuple[str, str]:
    return eval(call, {"frappe": FakeFrappe(log_error), **VALUES})  # noqa: S307 - our own test expressions


@pytest.mark.parametrize("target", [log_error_v13, log_error_v14], ids=["on v13", "on v14+"])
def test_v13_calls_keep_their_error_log_on_every_version(tmp_path, target):
    rewritten = fixed_lines(tmp_path, V13_CALLS, from_version=13)
    assert len(rewritten) == len(V13_CALLS)
    for before, after in zip(V13_CALLS, rewritten):
        assert "log_error(" in after and not re.search(r"log_error\((tb|heading|body|empty|frappe)", after), after
        if "get_traceback" in before and before.index("heading") < before.index("get_traceback"):
            # title first: read by the swap heuristic; the rewrite names the intent
            assert run(after, target) == ("Invoice push failed", TRACEBACK)
        else:
            title, error = run(before, log_error_v13)
            if target is log_error_v14:
                title = title or "Error"  # v14+ never stores an empty title, whatever the arguments
            assert run(after, target) == (title, error), (before, after)


def test_v14_calls_mean_what_they_say(tmp_path):
    """Code written for v14+ (a v14+ bench or declaration) calls log_error as its author's Frappe reads it."""
    assert fixed_lines(tmp_path, V14_CALLS, from_version=14) == V14_CALLS


def test_unknown_version_rewrites_only_what_every_version_reads_alike(tmp_path):
    """No bench and no declaration: only a traceback beside a title means the same on v13 and v14+."""
    rewritten = fixed_lines(tmp_path, V14_CALLS)
    changed = {before: after for before, after in zip(V14_CALLS, rewritten) if before != after}
    assert changed == {"frappe.log_error(frappe.get_traceback(), heading)": "frappe.log_error(message=frappe.get_traceback(), title=heading)"}
    for after in changed.values():
        assert run(after, log_error_v13) == run(after, log_error_v14) == ("Invoice push failed", TRACEBACK)


def test_the_v13_message_keyword_alone_would_raise_on_v14():
    with pytest.raises(TypeError):
        log_error_v14(message="x")  # the model is faithful: this is why the fix adds title="Error"


# -- JF104 with JF004: both set job_id, the call gets one -------------------------------------
def test_job_name_and_dedup_rule_give_one_job_id(tmp_path):
    package = make_app(tmp_path, {"api.py": """\
        import frappe


        @frappe.whitelist()
        def start_export(group):
            frappe.enqueue("myapp.api.export", job_name="export_" + group, group=group)


        def export(group):
            pass
        """})
    result = run_cli("fix", package, "--select", "JF004,JF104", "--unsafe-fixes", "--frappe-version", "15")
    text = (package / "api.py").read_text()
    assert text.count("job_id=") == 1 and "job_name" not in text and text.count("deduplicate=True") == 1, result.stdout
    assert 'job_id="export_" + group' in text  # the author's name wins
    compile(text, "api.py", "exec")


# -- JF101: one accepted finding converts every enqueue of the function -----------------------
def test_accepting_one_document_finding_changes_every_caller(tmp_path):
    package = make_app(tmp_path, {
        "sync.py": """\
            import frappe


            def queue_push(name):
                order = frappe.get_doc("Sales Order", name)
                frappe.enqueue("myapp.sync.push_order", order=order)


            def push_order(order):
                order.run_method("push")
            """,
        "order_log.py": """\
            import frappe
            from frappe.model.document import Document


            class OrderLog(Document):
                def resend(self):
                    frappe.enqueue("myapp.sync.push_order", order=self)
            """,
    })
    config = Config(select=frozenset({"JF101"}), unsafe_fixes=True)
    findings = all_findings(analyse_paths([package], config))
    assert len(findings) == 2
    first = findings[0]
    plan = plan_fixes(findings, True, accept=lambda f: f is first)
    write_changes(plan.changes)
    sync, log = (package / "sync.py").read_text(), (package / "order_log.py").read_text()
    assert "def push_order(order_doctype, order_name):\n    order = frappe.get_doc(order_doctype, order_name)\n" in sync
    assert "order=" not in sync.replace("order_", "") and "order=self" not in log
    assert 'order_doctype=self.doctype, order_name=self.name' in log


def test_both_accepted_rewrite_the_job_function_once(tmp_path):
    package = make_app(tmp_path, {"sync.py": """\
        import frappe


        def queue_push(name):
            order = frappe.get_doc("Sales Order", name)
            frappe.enqueue("myapp.sync.push_order", order=order)
            frappe.enqueue("myapp.sync.push_order", order=order, queue="long")


        def push_order(order):
            pass
        """})
    run_cli("fix", package, "--select", "JF101", "--unsafe-fixes")
    text = (package / "sync.py").read_text()
    assert text.count("frappe.get_doc(order_doctype, order_name)") == 1
    assert text.count("order_doctype=order.doctype, order_name=order.name") == 2


# -- the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize("version, expected", [
    ("13", 'frappe.log_error(message="Sync failed", title="Error")'),
    ("14", 'frappe.log_error("Sync failed")'),
    (None, 'frappe.log_error("Sync failed")'),
])
def test_from_version_changes_what_a_single_argument_means(tmp_path, version, expected):
    package = make_app(tmp_path, {"errors.py": 'import frappe\n\n\ndef f():\n    frappe.log_error("Sync failed")\n'})
    versions = ("--from-version", version) if version else ()
    run_cli("fix", package, "--select", "JF102", *versions)
    assert expected in (package / "errors.py").read_text()
    result = run_cli("check", package, "--select", "JF102", "--show-fixes", *versions)
    assert ("unknown" in result.stdout) == (version is None), result.stdout


def test_bench_frappe_is_the_version_code_is_written_for(tmp_path):
    """In a bench, an app reads as the bench's frappe, even when its pyproject declares an older one."""
    bench = tmp_path / "bench"
    (bench / "apps" / "frappe" / "frappe").mkdir(parents=True)
    (bench / "apps" / "frappe" / "frappe" / "__init__.py").write_text('__version__ = "15.40.0"\n')
    (bench / "sites").mkdir()
    (bench / "sites" / "apps.txt").write_text("frappe\nmyapp\n")
    package = make_app(bench / "apps", {"errors.py": 'import frappe\n\n\ndef f():\n    frappe.log_error("Sync failed")\n'})
    (package.parent / "pyproject.toml").write_text('[tool.bench.frappe-dependencies]\nfrappe = ">=13.0.0"\n')
    assert _codes(run_cli("check", package, "--select", "JF102", "--format", "json")) == []  # as v15 code
    (bench / "apps" / "frappe" / "frappe" / "__init__.py").unlink()  # no bench frappe: the declaration
    assert _codes(run_cli("check", package, "--select", "JF102", "--format", "json")) == ["JF102"]


def test_frappe_reads_as_its_own_version(tmp_path):
    package = make_app(tmp_path, {"errors.py": 'import frappe\n\n\ndef f():\n    frappe.log_error("Sync failed")\n'}, name="frappe")
    assert _codes(run_cli("check", package, "--select", "JF102", "--format", "json")) == ["JF102"]
    (package / "__init__.py").write_text('__version__ = "16.0.0-dev"\n')
    assert _codes(run_cli("check", package, "--select", "JF102", "--format", "json", "--no-cache")) == []


def _codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)]


def test_from_version_out_of_range_is_a_usage_error(tmp_path):
    package = make_app(tmp_path, {})
    result = run_cli("check", package, "--from-version", "12")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: unsupported --from-version 12 (use one of 13, 14, 15, 16)"]


def test_example_app_migrates_in_one_run(tmp_path):
    app = copy_example(tmp_path)
    before = run_cli("check", app, "--select", "JF1", "--from-version", "13", "--frappe-version", "15", "--format", "json")
    codes = {f["code"] for f in json.loads(before.stdout)}
    assert codes == {"JF101", "JF102", "JF103", "JF104", "JF105", "JF106"}

    result = run_cli("fix", "--from-version", "13", "--frappe-version", "15", "--unsafe-fixes", app)
    assert result.exit_code == 1  # display-only findings are left for a person
    package = app / "legacy_app"
    sync = (package / "sync.py").read_text()
    assert "def push_order(order_doctype, order_name):" in sync
    assert 'frappe.log_error(message=frappe.get_traceback(), title="Invoice push failed")' in sync
    assert 'frappe.log_error(message="Payment webhook without id", title="Error")' in sync
    assert 'return is_job_enqueued("sync_orders")' in sync and "Job.fetch" not in sync and "rq.job" not in sync
    log = (package / "legacy_module/doctype/sales_sync_log/sales_sync_log.py").read_text()
    assert 'job_id="push_order_" + self.name' in log and "job_name" not in log and "deduplicate=True" in log
    assert "order=self" not in log
    for path in package.rglob("*.py"):
        compile(path.read_text(), str(path), "exec")

    again = run_cli("fix", "--from-version", "13", "--frappe-version", "15", "--unsafe-fixes", app)
    assert "No fixes applied." in again.stdout
    left = {line.split()[1] for line in again.stdout.splitlines() if re.match(r"\S+:\d+:\d+: JF1", line)}
    assert left == {"JF103", "JF106"}  # a controller commit and `user=`: display-only by design


def test_rules_say_which_frappe_versions_they_concern():
    from jobfix.codemods.transforms import all_transforms

    migration = [t for t in all_transforms() if t.code.startswith("JF1")]
    assert [t.code for t in migration] == ["JF101", "JF102", "JF103", "JF104", "JF105", "JF106"]
    for rule in migration:
        assert re.search(r"v1[3-6]", rule.rationale + rule.version_notes), rule.code


def test_code_is_read_as_the_version_the_app_declares(tmp_path):
    """An app that declares Frappe 15 wrote ``log_error("x")`` meaning the title, not the message."""
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.engine.runner import all_findings, analyse_paths

    package = make_app(tmp_path, {"api.py": 'import frappe\n\n\ndef f():\n    frappe.log_error("Sync failed")\n'})
    config = Config(select=frozenset({"JF102"}))

    def fix_message():
        return [f.fix.message for f in all_findings(analyse_paths([package.parent], config))]

    assert fix_message() and "set `from-version`" in fix_message()[0]  # no declaration: unknown, no rewrite
    (package.parent / "pyproject.toml").write_text(
        '[tool.bench.frappe-dependencies]\nfrappe = ">=15.0.0,<16.0.0"\n'
    )
    assert fix_message() == []  # v15 code: the one argument is the title, as its author meant
    (package.parent / "pyproject.toml").write_text(
        '[tool.bench.frappe-dependencies]\nfrappe = ">=13.0.0,<14.0.0"\n'
    )
    assert fix_message() and "message=" in fix_message()[0]
