"""JF001, JF002, JF011 and JF013 beyond their snapshots: hooks.py read in every shape real apps
use, the behaviour each fix must keep, and the rules composed on one hooks.py."""

from __future__ import annotations

import ast
import textwrap

import pytest

from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import Config
from jobfix.codemods.index.frappe_api import FrappeTarget
from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from jobfix.codemods.transforms.scheduler_task_arguments import TaskCall, bind
from helpers import copy_example, make_app, run_cli

HEAVY = "import frappe\n\n\ndef heavy():\n    for name in frappe.get_all('ToDo', pluck='name'):\n        frappe.get_doc('ToDo', name).save()\n"


def config(select: str, **values) -> Config:
    return Config(select=frozenset(select.split(",")), unsafe_fixes=True, **values)


def findings_for(package, select: str, **values):
    return all_findings(analyse_paths([package.parent], config(select, **values)))


def fix(package, select: str, **values):
    """Apply every fix (unsafe included) and return the findings of the run."""
    found = findings_for(package, select, **values)
    plan = plan_fixes(found, unsafe_fixes=True)
    assert not plan.failed, [(f.finding.code, f.reason) for f in plan.failed]
    written, errors = write_changes(plan.changes)
    assert not errors
    return found


def hooks_with(scheduler: str, **files) -> dict[str, str]:
    return {"hooks.py": 'app_name = "myapp"\n\n' + textwrap.dedent(scheduler), **files}


# -- hooks.py read in every style -----------------------------------------------------------

UNREADABLE = {
    "two statements": 'scheduler_events = {"daily": ["myapp.tasks.a"]}\nscheduler_events["hourly"] = ["myapp.tasks.a"]\n',
    "update": 'scheduler_events = {"daily": ["myapp.tasks.a"]}\nscheduler_events.update({"hourly": []})\n',
    "augmented": 'scheduler_events = {"daily": ["myapp.tasks.a"]}\nscheduler_events |= {"hourly": []}\n',
    "append to a key": 'scheduler_events = {"daily": ["myapp.tasks.a"]}\nscheduler_events["daily"].append("myapp.tasks.a")\n',
    "inside if": 'scheduler_events = {"daily": []}\nif True:\n    scheduler_events["daily"] += ["myapp.tasks.a"]\n',
    "try/except": 'try:\n    scheduler_events = {"daily": ["myapp.tasks.a"]}\nexcept Exception:\n    scheduler_events = {}\n',
    "imported": "from myapp.more_hooks import scheduler_events\n",
    "dict call": 'scheduler_events = dict(daily=["myapp.tasks.a"])\n',
    "unpacking": 'base = {"daily": ["myapp.tasks.a"]}\nscheduler_events = {**base, "hourly": ["myapp.tasks.a"]}\n',
    "list in a name": 'DAILY = ["myapp.tasks.a"]\nscheduler_events = {"daily": DAILY}\n',
    "concatenated lists": 'DAILY = ["myapp.tasks.a"]\nscheduler_events = {"daily": DAILY + ["myapp.tasks.a"]}\n',
    "spread list": 'DAILY = ["myapp.tasks.a"]\nscheduler_events = {"daily": [*DAILY, "myapp.tasks.a"]}\n',
    "key from a name": 'DAILY = "daily"\nscheduler_events = {DAILY: ["myapp.tasks.a"]}\n',
}


@pytest.mark.parametrize("hooks", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_scheduler_events_not_statically_readable_is_one_display_only_finding(tmp_path, hooks):
    package = make_app(tmp_path, hooks_with(hooks, **{"tasks.py": "def a():\n    pass\n"}))
    found = findings_for(package, "JF001,JF002,JF008,JF011")
    unreadable = [f for f in found if "jobfix reads scheduler_events only as one dict literal" in f.why]
    assert len(unreadable) == 1, [f.message for f in found]
    assert unreadable[0].code == "JF002" and unreadable[0].fix.applicability is Applicability.DISPLAY_ONLY
    assert all(f.code != "JF000" for f in found)


def test_every_real_style_is_read_entry_by_entry(tmp_path):
    hooks = (
        "scheduler_events = {\n"
        "\t# comment before a key\n"
        "\t'weekly': 'myapp.tasks.a',  # a single string\n"
        '\t"cron": {\n\t\t"0 1 * * *": ("myapp.tasks.a",),\n\t},\n'
        '\t"all": [\n\t\t"myapp.tasks.a",\n\t\t# between entries\n\t\t"myapp.tasks.b",\n\t],\n'
        "}\n"
    )
    package = make_app(tmp_path, hooks_with(hooks, **{"tasks.py": "def a():\n    pass\n\n\ndef b():\n    pass\n"}))
    found = findings_for(package, "JF001,JF002,JF011")
    assert found == []
    from jobfix.codemods.index.app import read_hooks

    read = read_hooks(package / "hooks.py")
    assert read.scheduler_unreadable is None
    assert [(e.key, e.cron, e.path, e.in_list) for e in read.scheduler_entries] == [
        ("weekly", None, "myapp.tasks.a", False),
        ("cron", "0 1 * * *", "myapp.tasks.a", True),
        ("all", None, "myapp.tasks.a", True),
        ("all", None, "myapp.tasks.b", True),
    ]


def test_a_function_object_under_a_key_is_an_entry_not_unreadable(tmp_path):
    hooks = 'from myapp.tasks import a\n\nscheduler_events = {"daily": a}\n'
    package = make_app(tmp_path, hooks_with(hooks, **{"tasks.py": "def a():\n    pass\n"}))
    found = fix(package, "JF001,JF002")
    assert [(f.code, f.fix.applicability) for f in found] == [("JF001", Applicability.SAFE)]
    assert (package / "hooks.py").read_text() == 'app_name = "myapp"\n\nscheduler_events = {"daily": "myapp.tasks.a"}\n'


# -- JF001 ------------------------------------------------------------------------------------

CLEANUP = "import frappe\n\n\ndef cleanup(days=7):\n    frappe.db.delete('Error Log', {'modified': ('<', days)})\n"


def test_jf001_keeps_days_30_when_the_default_is_7(tmp_path):
    package = make_app(tmp_path, hooks_with('scheduler_events = {"daily": ["myapp.tasks.cleanup(days=30)"]}\n', **{"tasks.py": CLEANUP}))
    fix(package, "JF001")
    hooks = (package / "hooks.py").read_text()
    assert '"myapp.tasks.cleanup_days_30"' in hooks and "(days=30)" not in hooks
    tree = ast.parse((package / "tasks.py").read_text())
    wrapper = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "cleanup_days_30")
    assert not wrapper.args.args
    call = wrapper.body[-1].value
    assert (ast.unparse(call.func), [(k.arg, ast.literal_eval(k.value)) for k in call.keywords]) == ("cleanup", [("days", 30)])


def test_jf001_drops_only_arguments_equal_to_the_defaults(tmp_path):
    package = make_app(
        tmp_path,
        hooks_with('scheduler_events = {"daily": ["myapp.tasks.cleanup(days=7)", "myapp.tasks.cleanup(7)"]}\n', **{"tasks.py": CLEANUP}),
    )
    fix(package, "JF001")
    assert '["myapp.tasks.cleanup", "myapp.tasks.cleanup"]' in (package / "hooks.py").read_text()
    assert (package / "tasks.py").read_text() == CLEANUP


@pytest.mark.parametrize(
    "value, default, equal",
    [("30", "7", False), ("7", "7", True), ("7.0", "7", False), ("True", "1", False), ("'a'", "'a'", True), ("None", "None", True)],
)
def test_jf001_default_equality_is_strict(value, default, equal):
    func = ast.parse(f"def f(x={default}):\n    pass\n").body[0]
    call = ast.parse(f"f(x={value})", mode="eval").body
    binding = bind(func, TaskCall("m.f", tuple(call.args), tuple(call.keywords), f"f(x={value})"))
    assert binding.all_defaults() is equal


def test_jf001_binding_follows_python(tmp_path):
    func = ast.parse("def f(a, /, b=2, *args, c, d=4, **kw):\n    pass\n").body[0]

    def binding(text):
        call = ast.parse(text, mode="eval").body
        return bind(func, TaskCall("m.f", tuple(call.args), tuple(call.keywords), text))

    ok = binding("f(1, c=3)")
    assert (sorted(ok.bound), ok.missing, ok.to_varargs) == (["a", "c"], (), False)
    call = ast.parse("f(1, 2, c=3)", mode="eval").body
    task = TaskCall("m.f", tuple(call.args), tuple(call.keywords), "f(1, 2, c=3)")
    assert bind(func, task).call_text(task, "f") == "f(1, b=2, c=3)"  # `a` is positional-only
    assert binding("f(1, 2, 3, c=4)").to_varargs
    assert binding("f(c=1)").missing == ("a",)
    assert binding("f(1, a=1, c=2)").to_varargs  # `a` is positional-only: the keyword goes to **kw
    assert binding("f(1, 2, b=3, c=4)") == "passes `b` twice"
    assert "no parameter" in bind(ast.parse("def g(x=1):\n    pass\n").body[0], TaskCall("m.g", (), (ast.keyword("y", ast.Constant(1)),), ""))


def test_jf001_wrapper_name_never_shadows_a_name_of_the_module(tmp_path):
    tasks = CLEANUP + "\n\ncleanup_days_30 = None\n\n\ndef cleanup_days_30_2():\n    pass\n"
    package = make_app(tmp_path, hooks_with('scheduler_events = {"daily": ["myapp.tasks.cleanup(days=30)"]}\n', **{"tasks.py": tasks}))
    fix(package, "JF001")
    assert '"myapp.tasks.cleanup_days_30_3"' in (package / "hooks.py").read_text()
    assert "def cleanup_days_30_3():" in (package / "tasks.py").read_text()


def test_jf001_wrapper_goes_into_the_module_that_defines_the_function(tmp_path):
    files = {
        "tasks/__init__.py": "from .jobs import cleanup\n",
        "tasks/jobs.py": "def cleanup(days=7):\n\tpass\n",
    }
    package = make_app(tmp_path, hooks_with('scheduler_events = {"daily": ["myapp.tasks.cleanup(days=1)"]}\n', **files))
    fix(package, "JF001")
    assert '"myapp.tasks.jobs.cleanup_days_1"' in (package / "hooks.py").read_text()
    assert (package / "tasks" / "jobs.py").read_text().endswith("\n\ndef cleanup_days_1():\n\t\"\"\"`cleanup` with the "
        "arguments hooks.py gave it: Frappe runs scheduled tasks without arguments.\"\"\"\n\tcleanup(days=1)\n")
    assert (package / "tasks" / "__init__.py").read_text() == "from .jobs import cleanup\n"


def test_jf001_never_evaluates_the_entry(tmp_path):
    marker = tmp_path / "evaluated"
    entry = f"myapp.tasks.cleanup(days=__import__('pathlib').Path({str(marker)!r}).touch())"
    package = make_app(tmp_path, hooks_with(f"scheduler_events = {{'daily': [{entry!r}]}}\n", **{"tasks.py": CLEANUP}))
    found = fix(package, "JF001")
    assert not marker.exists()
    assert found[0].fix.applicability is Applicability.DISPLAY_ONLY and "not a literal" in found[0].message


def test_jf001_advice_says_what_to_do(tmp_path):
    tasks = "def sync(site):\n    pass\n\n\ndef cleanup(days=7):\n    pass\n"
    hooks = (
        'scheduler_events = {"daily": ["myapp.tasks.sync", "erpnext.x.y(1)", "myapp.tasks.cleanup(weeks=1)"]}\n'
    )
    package = make_app(tmp_path, hooks_with(hooks, **{"tasks.py": tasks}))
    advice = [f.fix.message for f in findings_for(package, "JF001")]
    assert advice == [
        "Give `site` a default, or schedule a zero-argument function that supplies them",
        "jobfix cannot see `erpnext.x.y` (not a function of this app): schedule a zero-argument function that makes this call",
        "The call does not fit `cleanup`: it passes `weeks`, which `cleanup` has no parameter for",
    ]


# -- JF002 ------------------------------------------------------------------------------------


def test_jf002_reexport_through_a_package_init_is_not_unresolved(tmp_path):
    files = {"tasks/__init__.py": "from .jobs import run\n", "tasks/jobs.py": "def run():\n    pass\n"}
    package = make_app(tmp_path, hooks_with('scheduler_events = {"daily": ["myapp.tasks.run"]}\n', **files))
    assert findings_for(package, "JF002") == []
    (package / "tasks" / "__init__.py").write_text("")
    found = findings_for(package, "JF002")
    assert [(f.message, f.why.split(",")[0]) for f in found] == [
        ("`myapp.tasks.run` under daily names no function", "`myapp.tasks` has no `run`")
    ]
    assert found[0].fix.applicability is Applicability.UNSAFE  # jobs.run is the only `run`: moved there


def test_jf002_module_that_does_not_parse_is_not_called_missing(tmp_path):
    package = make_app(tmp_path, hooks_with('scheduler_events = {"daily": ["myapp.broken.run"]}\n', **{"broken.py": "def run(:\n"}))
    assert findings_for(package, "JF002") == []


def test_jf002_missing_comma_is_fixed_only_when_both_halves_resolve(tmp_path):
    hooks = 'scheduler_events = {"daily": ["myapp.tasks.a" "myapp.tasks.b", "myapp.tasks.a" "myapp.tasks.gone"]}\n'
    package = make_app(tmp_path, hooks_with(hooks, **{"tasks.py": "def a():\n    pass\n\n\ndef b():\n    pass\n"}))
    found = fix(package, "JF002")
    assert [f.fix.applicability for f in found] == [Applicability.SAFE, Applicability.DISPLAY_ONLY]
    assert '["myapp.tasks.a", "myapp.tasks.b", "myapp.tasks.a" "myapp.tasks.gone"]' in (package / "hooks.py").read_text()


@pytest.mark.parametrize("version, flagged", [("14", True), ("15.54.1", True), ("15.72.4", False), ("16", False)])
def test_jf002_maintenance_keys_follow_the_target_version(tmp_path, version, flagged):
    package = make_app(tmp_path, hooks_with('scheduler_events = {"daily_maintenance": ["myapp.tasks.a"]}\n', **{"tasks.py": "def a():\n    pass\n"}))
    found = findings_for(package, "JF002", frappe_version=FrappeTarget.parse(version))
    assert bool(found) is flagged
    if flagged:
        assert found[0].fix.message == "Rename it to `daily_long`"


# -- JF011 ------------------------------------------------------------------------------------


def test_jf011_uses_the_configured_cron_expression(tmp_path):
    package = make_app(tmp_path, hooks_with('scheduler_events = {"all": ["myapp.tasks.heavy"]}\n', **{"tasks.py": HEAVY}))
    fix(package, "JF011", options=(("all-event-cron", "*/30 * * * *"),))
    assert (package / "hooks.py").read_text().endswith('scheduler_events = {"cron": {"*/30 * * * *": ["myapp.tasks.heavy"]}}\n')


# -- JF013 ------------------------------------------------------------------------------------


def test_jf013_needs_scheduler_events(tmp_path):
    package = make_app(tmp_path, {"tasks.py": "def a():\n    pass\n"})
    assert findings_for(package, "JF013") == []


def test_jf013_health_module_is_registered_and_clean_under_every_rule(tmp_path):
    package = make_app(tmp_path, hooks_with('scheduler_events = {"hourly": ["myapp.tasks.a"]}\n', **{"tasks.py": "def a():\n    pass\n"}))
    fix(package, "JF013")
    assert '"daily": ["myapp.scheduler_health.check_failed_scheduled_jobs"]' in (package / "hooks.py").read_text()
    text = (package / "scheduler_health.py").read_text()
    calls = {ast.unparse(n.func) for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call)}
    assert {"frappe.db.count", "frappe.get_all", "frappe.log_error"} <= calls
    log_error = next(n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call) and ast.unparse(n.func) == "frappe.log_error")
    assert not log_error.args and [k.arg for k in log_error.keywords] == ["title", "message"]  # portable v13-v16
    assert "frappe.qb" not in text
    everything = all_findings(analyse_paths([package.parent], Config(unsafe_fixes=True)))
    assert [f for f in everything if f.path.name == "scheduler_health.py"] == []
    assert [f.code for f in everything if f.code == "JF013"] == []  # the check now exists


# -- composition and the summary ---------------------------------------------------------------


def test_fixes_of_one_hooks_py_give_the_same_result_in_any_acceptance_order(tmp_path):
    hooks = 'scheduler_events = {\n    "daily": ["myapp.tasks.heavy(full=True)"],\n    "all": ["myapp.tasks.heavy"],\n}\n'
    tasks = HEAVY.replace("def heavy():", "def heavy(full=False):")
    results = []
    for order in (1, -1):
        package = make_app(tmp_path / str(order), hooks_with(hooks, **{"tasks.py": tasks}))
        found = findings_for(package, "JF001,JF008,JF011", options=(("all-event-cron", "*/15 * * * *"),))
        plan = plan_fixes(found[::order], unsafe_fixes=True)
        write_changes(plan.changes)
        results.append(((package / "hooks.py").read_text(), (package / "tasks.py").read_text()))
    assert results[0] == results[1]
    assert results[0][0].endswith(
        'scheduler_events = {\n    "daily_long": ["myapp.tasks.heavy_full_true"],\n'
        '    "cron": {\n        "*/15 * * * *": ["myapp.tasks.heavy"],\n    },\n}\n'
    )


def test_rejecting_one_fix_keeps_the_others_of_the_same_entry(tmp_path):
    hooks = 'scheduler_events = {"daily": ["myapp.tasks.heavy(full=True)"]}\n'
    package = make_app(tmp_path, hooks_with(hooks, **{"tasks.py": HEAVY.replace("def heavy():", "def heavy(full=False):")}))
    found = findings_for(package, "JF001,JF008")
    write_changes(plan_fixes(found, unsafe_fixes=True, accept=lambda f: f.code == "JF008").changes)
    assert '{"daily_long": ["myapp.tasks.heavy(full=True)"]}' in (package / "hooks.py").read_text()


def test_cli_summary_asks_for_a_migrate_after_scheduler_fixes(tmp_path):
    app = copy_example(tmp_path)
    result = run_cli("fix", app, "--select", "JF001,JF002,JF011,JF013", "--unsafe-fixes")
    assert "Fixed 3 findings in 3 files (JF001 ×1, JF002 ×1, JF013 ×1)." in result.output
    # old_report_cleanup: no function of that name; the heavy `all` task: moving it changes its frequency
    assert "2 need a person (JF002 ×1, JF011 ×1)" in result.output
    assert "hooks.py of legacy_app changed" in result.output and "migrate" in result.output
    hooks = (app / "legacy_app" / "hooks.py").read_text()
    assert '"legacy_app.tasks.cleanup_logs_days_30"' in hooks
    assert '"legacy_app.tasks.archive_orders",\n\t\t"legacy_app.tasks.purge_archives",' in hooks
    assert (app / "legacy_app" / "scheduler_health.py").is_file()
    again = run_cli("fix", app, "--select", "JF001,JF002,JF011,JF013", "--unsafe-fixes")
    assert "No fixes applied." in again.output and "hooks.py of legacy_app changed" not in again.output
