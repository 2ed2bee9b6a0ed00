"""The app index: hooks read as syntax trees, dotted paths resolved, roles given."""

from __future__ import annotations

import ast

from jobfix.codemods.index.app import AppIndex
from jobfix.codemods.engine.analysis import discover
from jobfix.codemods.engine.config import Config
from jobfix.codemods.index.pymodule import ModuleInfo
from helpers import make_app

HOOKS = '''
app_name = "myapp"

doc_events = {
    "*": {"on_update": "myapp.events.everything"},
    "Sales Order": {
        "validate": ["myapp.events.check_order", "erpnext.controllers.x"],
        "on_submit": "myapp.events.submitted",
    },
}

scheduler_events = {
    "all": ["myapp.tasks.tick"],
    "cron": {
        "*/5 * * * *": ["myapp.tasks.five"],
        "0 2 * * *": "myapp.tasks.two",
    },
    "daily_long": ["myapp.tasks.reexported", "myapp.tasks.missing"],
}
'''


def index_for(tmp_path, files):
    package = make_app(tmp_path, files)
    unit = discover([package.parent], Config())[0]
    return AppIndex(unit.root, unit.files)


def test_scheduler_events_every_key_and_cron_table_with_lines(tmp_path):
    index = index_for(tmp_path, {"hooks.py": HOOKS})
    entries = [(e.key, e.cron, e.path, e.node.lineno) for e in index.hooks.scheduler_entries]
    assert entries == [
        ("all", None, "myapp.tasks.tick", 13),
        ("cron", "*/5 * * * *", "myapp.tasks.five", 15),
        ("cron", "0 2 * * *", "myapp.tasks.two", 16),
        ("daily_long", None, "myapp.tasks.reexported", 18),
        ("daily_long", None, "myapp.tasks.missing", 18),
    ]
    assert index.hooks.scheduler_unreadable is None


def test_doc_events_strings_lists_and_star(tmp_path):
    index = index_for(tmp_path, {"hooks.py": HOOKS})
    assert [(e.doctype, e.event, e.path) for e in index.hooks.doc_events] == [
        ("*", "on_update", "myapp.events.everything"),
        ("Sales Order", "validate", "myapp.events.check_order"),
        ("Sales Order", "validate", "erpnext.controllers.x"),
        ("Sales Order", "on_submit", "myapp.events.submitted"),
    ]


def test_scheduler_events_built_in_several_statements_is_unreadable(tmp_path):
    hooks = 'scheduler_events = {"daily": ["myapp.tasks.a"]}\nscheduler_events["hourly"] = ["myapp.tasks.b"]\n'
    index = index_for(tmp_path, {"hooks.py": hooks})
    assert index.hooks.scheduler_unreadable == "scheduler_events is built in more than one statement"
    assert index.hooks.scheduler_entries == []


def test_hooks_py_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    hooks = f'open({str(marker)!r}, "w").write("x")\nscheduler_events = {{"daily": ["myapp.tasks.a"]}}\n'
    index = index_for(tmp_path, {"hooks.py": hooks})
    assert [e.path for e in index.hooks.scheduler_entries] == ["myapp.tasks.a"]
    assert not marker.exists()


def test_resolve_follows_reexports_and_aliases(tmp_path):
    index = index_for(
        tmp_path,
        {
            "hooks.py": HOOKS,
            "tasks/__init__.py": "from .jobs import run as reexported\nfrom myapp.tasks.jobs import tick\nfive = tick\n",
            "tasks/jobs.py": "def run():\n    pass\n\ndef tick():\n    pass\n",
        },
    )
    assert index.resolve("myapp.tasks.reexported").dotted == "myapp.tasks.jobs.run"
    assert index.resolve("myapp.tasks.tick").dotted == "myapp.tasks.jobs.tick"
    assert index.resolve("myapp.tasks.five").dotted == "myapp.tasks.jobs.tick"
    assert index.resolve("myapp.tasks.missing") is None
    assert index.resolve("frappe.utils.now") is None  # not the app's to know


def test_roles(tmp_path):
    files = {
        "hooks.py": HOOKS,
        "tasks.py": "def tick():\n    pass\n",
        "events.py": "def check_order(doc, method=None):\n    pass\n",
        "api.py": (
            "import frappe\nfrom frappe import enqueue as q\nfrom frappe.utils.background_jobs import enqueue\n"
            "from myapp.work import by_object\n\n"
            "@frappe.whitelist()\ndef button():\n    q('myapp.work.positional')\n"
            "    enqueue(method='myapp.work.keyword')\n    frappe.enqueue(by_object)\n"
            "    frappe.utils.background_jobs.enqueue('myapp.work.dotted_module')\n\n"
            "@frappe.whitelist(allow_guest=True)\ndef hook():\n    pass\n"
        ),
        "work.py": "".join(f"def {n}():\n    pass\n" for n in ("positional", "keyword", "by_object", "dotted_module")),
        "doctype/order/order.py": (
            "from frappe.model.document import Document\n\nclass Order(Document):\n"
            "    def on_submit(self):\n        pass\n\n    def helper(self):\n        pass\n"
        ),
    }
    index = index_for(tmp_path, files)

    def roles(module, name):
        info = index.module_info(module)
        func = next(f.node for f in info.functions if f.qualname == name)
        return index.roles(info, func)

    assert [e.key for e in roles("myapp.tasks", "tick").scheduled] == ["all"]
    assert roles("myapp.events", "check_order").doc_events == ("validate",)
    assert roles("myapp.api", "button").whitelisted and not roles("myapp.api", "button").allow_guest
    assert roles("myapp.api", "hook").allow_guest
    for name in ("positional", "keyword", "by_object", "dotted_module"):
        assert roles("myapp.work", name).job_target, name
    assert roles("myapp.doctype.order.order", "Order.on_submit").doc_events == ("on_submit",)
    assert not roles("myapp.doctype.order.order", "Order.helper").is_doc_event


def test_the_text_says_which_modules_can_define_a_document_event(tmp_path):
    """``may_define_doc_events`` (a prefilter) is true of every module with a document event
    handler, hooks.py's or a controller's, however written; of few others (a package whose
    ``Class.method`` a handler's path could be, a hook's name outside a class)."""
    files = {
        "hooks.py": HOOKS,
        "events.py": "from myapp.handlers import submitted\n\ndef check_order(doc, method=None):\n    pass\n",
        "handlers.py": "def submitted(doc, method=None):\n    pass\n",
        "doctype/order/order.py": (
            "from frappe.model.document import Document\n\nclass Order(Document):\n"
            "    async def \\\n  on_submit(self):\n        pass\n"
        ),
        "jobs.py": "def validate_all():\n    pass\n\ndef on_update():\n    pass\n",  # a hook's name outside a class
        "reports.py": "def validated_rows():\n    pass\n",
    }
    index = index_for(tmp_path, files)
    answers = {}
    for path in index.files:
        info = index.module_info(index.module_name(path))
        has_event = any(index.roles(info, f.node).is_doc_event for f in info.functions)
        answers[path.name] = (index.may_define_doc_events(path, path.read_text()), has_event)
    assert answers == {
        "__init__.py": (True, False), "hooks.py": (False, False), "events.py": (True, True),
        "handlers.py": (True, True), "order.py": (True, True), "jobs.py": (True, False), "reports.py": (False, False),
    }


def test_enqueue_recognised_however_imported():
    source = (
        "import frappe\nimport frappe.utils.background_jobs as bj\nfrom frappe import enqueue as q, enqueue_doc\n"
        "q('a.b.c')\nbj.enqueue(method='a.b.d')\nfrappe.enqueue_doc('DT', 'n', 'meth')\nenqueue_doc('DT', 'n', method='m')\n"
        "other.enqueue('x.y.z')\n"
    )
    info = ModuleInfo(ast.parse(source), "myapp.mod")
    assert [(c.kind, c.method_path) for c in info.enqueue_calls] == [
        ("enqueue", "a.b.c"),
        ("enqueue", "a.b.d"),
        ("enqueue_doc", None),
        ("enqueue_doc", None),
    ]


def test_discover_bench_apps_folder_finds_every_app(tmp_path):
    apps = tmp_path / "apps"
    make_app(apps, {}, name="one")
    make_app(apps, {"tasks.py": "x = 1\n"}, name="two")
    (apps / "two" / "setup.py").write_text("from setuptools import setup\n")
    units = discover([apps], Config())
    assert [(u.name, u.is_app, len(u.files)) for u in units] == [("one", True, 2), ("two", True, 3), ("apps", False, 1)]


def test_discover_lists_a_file_given_twice_once(tmp_path):
    package = make_app(tmp_path, {"tasks.py": "x = 1\n", "a/b.py": "y = 2\n"})
    once = discover([package.parent], Config())
    twice = discover([package.parent, package / "tasks.py", package, package / "a" / "b.py"], Config())
    assert [(u.root, u.files) for u in twice] == [(u.root, u.files) for u in once]
    assert [f.relative_to(package).as_posix() for f in once[0].files] == ["__init__.py", "a/b.py", "hooks.py", "tasks.py"]
