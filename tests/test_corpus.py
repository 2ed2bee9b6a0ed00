"""Every registered rule, fixes included (unsafe ones too), over a generated bench holding every
anti-pattern in many syntactic forms (tests/corpus.py): nothing crashes, every output compiles, a
second run changes nothing, and nothing outside the bench is touched."""

from __future__ import annotations


import pytest

from corpus import STYLES, write_bench
from helpers import tree_digest
from jobfix.codemods.engine.runner import Mode, RunOptions, run
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.analysis import discover
from jobfix.codemods.engine.model import PARSE_ERROR
from jobfix.codemods.transforms import all_transforms

ALL_FIXES = Config(unsafe_fixes=True, select=frozenset({"ALL"}))  # the opt-in rules too


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> dict:
    """The bench fixed once with every fix; what the first and a second run reported."""
    root = tmp_path_factory.mktemp("corpus")
    outside = root / "outside"
    (outside / "pkg").mkdir(parents=True)
    (outside / "pkg" / "tasks.py").write_text(
        "import frappe\n\n\ndef run():\n    for n in frappe.get_all('ToDo', pluck='name'):\n"
        "        frappe.get_doc('ToDo', n).save()\n        frappe.db.commit()\n"
    )
    (outside / "stray.py").write_text("import frappe\nfrappe.db.commit()\n")
    apps = write_bench(root)
    package = apps / "corpus_app_0" / "corpus_app_0"
    (package / "linked_pkg").symlink_to(outside / "pkg", target_is_directory=True)
    (package / "linked_module.py").symlink_to(outside / "stray.py")
    before = {p: p.read_bytes() for p in apps.rglob("*.py") if not p.is_symlink()}
    outside_before = tree_digest(outside)
    first = run(discover([apps], ALL_FIXES), ALL_FIXES, RunOptions(Mode.WRITE))
    second = run(discover([apps], ALL_FIXES), ALL_FIXES, RunOptions(Mode.WRITE))
    return dict(apps=apps, outside=outside, before=before, outside_before=outside_before, first=first, second=second)


def test_every_app_of_every_style_was_checked(bench):
    assert [r.name for r in bench["first"]] == [f"corpus_app_{n}" for n in range(len(STYLES))]
    assert all(r.files_scanned >= 15 for r in bench["first"])


def test_no_crash_no_unreadable_file_no_app_error(bench):
    for result in bench["first"] + bench["second"]:
        assert result.error is None, (result.name, result.error)
        assert [(f.path.name, f.message) for f in result.findings if f.code == PARSE_ERROR[0]] == []


def test_every_fix_applies_and_is_written(bench):
    failed = [(r.name, f.finding.code, f.finding.path.name, f.finding.span.row, f.reason)
              for r in bench["first"] for f in r.failed]
    assert failed == []
    assert [(r.name, c.path.name, e) for r in bench["first"] for c, e in r.write_errors] == []


def test_every_rule_finds_something_in_the_corpus(bench):
    """The corpus holds every anti-pattern: a rule it does not trigger is a gap in the corpus
    (or a rule that stopped finding what it should)."""
    found = {f.code for r in bench["first"] for f in r.findings}
    # JF900: unused suppressions; JF015/JF016 report a site's measured runs, and the corpus has no site
    expected = {t.code for t in all_transforms()} - {PARSE_ERROR[0], "JF900", "JF015", "JF016"}
    assert expected - found == set()


def test_every_file_compiles_after_the_fixes(bench):
    for path in sorted(bench["apps"].rglob("*.py")):
        if not path.is_symlink():
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)


def test_the_fixes_changed_files_of_every_style(bench):
    changed = {p.relative_to(bench["apps"]).parts[0] for p, raw in bench["before"].items() if p.read_bytes() != raw}
    assert changed == {f"corpus_app_{n}" for n in range(len(STYLES))}


def test_a_second_run_changes_nothing(bench):
    again = [(r.name, c.path.name, [f.code for f in c.findings]) for r in bench["second"] for c in r.changes]
    assert again == []
    assert [(r.name, f.finding.code, f.reason) for r in bench["second"] for f in r.failed] == []


def test_styles_survive_the_fixes(bench):
    """Tabs stay tabs, CRLF stays CRLF: no fix mixes in the other style."""
    for number, style in enumerate(STYLES):
        app = bench["apps"] / f"corpus_app_{number}" / f"corpus_app_{number}"
        for path in app.rglob("*.py"):
            if path not in bench["before"]:
                continue  # a file a fix created (JF013's health check) is written with "\n"
            raw = path.read_bytes()
            if style.newline == "\r\n":
                assert b"\n" not in raw.replace(b"\r\n", b""), path
            else:
                assert b"\r" not in raw, path
            if style.indent == "\t":
                assert not [n for n, line in enumerate(raw.splitlines(), 1) if line.startswith(b"    ")], path


def test_nothing_outside_the_bench_is_touched(bench):
    assert tree_digest(bench["outside"]) == bench["outside_before"]
    package = bench["apps"] / "corpus_app_0" / "corpus_app_0"
    assert (package / "linked_pkg").is_symlink() and (package / "linked_module.py").is_symlink()
    reported = {f.path for r in bench["first"] for f in r.findings}
    assert [p for p in reported if bench["apps"] not in p.parents] == []
    assert [p for p in reported if "linked" in p.name or "linked_pkg" in p.parts] == []


def test_a_split_entry_does_not_shift_the_entry_another_fix_moves(tmp_path):
    """Found by the corpus: JF002 splitting `"a" "b"` in two shifted the list, so JF008 moved
    the entry after the one it meant (hooks_edit now finds every op's entry before any op runs)."""
    from helpers import make_app
    from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes

    heavy = "    for n in frappe.get_all('ToDo', pluck='name'):\n        frappe.get_doc('ToDo', n).save()\n"
    tasks = "import frappe\n\n\n" + "".join(f"def {name}():\n{heavy if name == 'heavy' else '    pass'}\n\n\n"
                                           for name in ("a", "b", "light", "heavy"))
    hooks = ("scheduler_events = {\n    'daily': [\n        'myapp.tasks.a'\n        'myapp.tasks.b',\n"
             "        'myapp.tasks.light',\n        'myapp.tasks.heavy',\n    ],\n}\n")
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": tasks})
    config = Config(select=frozenset({"JF002", "JF008"}))
    plan = plan_fixes(all_findings(analyse_paths([package.parent], config)), unsafe_fixes=False)
    assert plan.failed == []
    assert [c.new_text for c in plan.changes] == [
        "scheduler_events = {\n    'daily': [\n        'myapp.tasks.a',\n        'myapp.tasks.b',\n"
        "        'myapp.tasks.light',\n    ],\n    'daily_long': [\n        'myapp.tasks.heavy',\n    ],\n}\n"
    ]
