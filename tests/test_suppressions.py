"""Suppression comments: where they count, what they hide, that hidden findings are never fixed,
and the report of comments that suppress nothing."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

from helpers import make_app, run_cli
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.model import Finding, Span
from jobfix.codemods.engine.suppressions import _MAY_HOLD, _may_hold, read_comments

HEADER = """\
import frappe
from frappe.model.document import Document


class Order(Document):
"""


def controller(body: str) -> str:
    return HEADER + textwrap.indent(textwrap.dedent(body), "    ")


def check_json(path: Path, *args: str) -> list[dict]:
    return json.loads(run_cli("check", path, "--format", "json", *args).output)


def finding(row: int, end_row: int | None = None, code: str = "JF012") -> Finding:
    return Finding(code, "x", "m", Path("f.py"), Span(row, 1, end_row or row, 2))


# -- reading comments ---------------------------------------------------------------------------


def test_comment_forms():
    comments = read_comments(textwrap.dedent("""\
        a()  # jobfix: ignore[JF012]
        b()  # jobfix: ignore[jf012, JF008]
        c()  # noqa: E501, JF012
        d()  # jobfix: ignore
        e()  # noqa
        f()  # noqa: E501
        g()  # type: ignore  # noqa:JF008
        h()  # JOBFIX:IGNORE[JF012]
    """))
    found = {row: [(d.text, d.codes) for d in ds] for row, ds in comments.directives.items()}
    assert found == {
        1: [("# jobfix: ignore[JF012]", frozenset({"JF012"}))],
        2: [("# jobfix: ignore[jf012, JF008]", frozenset({"JF012", "JF008"}))],
        3: [("# noqa: E501, JF012", frozenset({"JF012"}))],
        4: [("# jobfix: ignore", None)],
        7: [("# noqa:JF008", frozenset({"JF008"}))],
        8: [("# JOBFIX:IGNORE[JF012]", frozenset({"JF012"}))],
    }


def test_the_quick_test_for_directives_turns_away_only_what_the_pattern_would():
    """``_may_hold`` looks for "jobf" or "noqa" in the lower-cased text before trying the pattern:
    no character but those letters matches them when case is ignored, so it hides no directive."""
    samples = ["x = 1  # JOBFIX: ignore", "x  # NoQa: jf012", "x  # noqa: E501", "x  # jobfix : ignore[JF001]",
               "# jobfİx: ignore", "# ıgnore noqa: JF1", "jobfix", "noqa:", "# JOBF\u0131X: IGNORE", ""]
    for text in samples:
        assert _may_hold(text) == bool(_MAY_HOLD.search(text)), text
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))  # the claim itself
    matching = set(re.findall("[jobfnqa]", every_character, re.IGNORECASE))
    assert {char.lower() for char in matching} == set("jobfnqa")


def test_text_in_strings_is_not_a_comment():
    comments = read_comments('x = "# jobfix: ignore[JF012]"\ny = """\n# noqa: JF012\n"""\n')
    assert comments.directives == {}


def test_where_a_comment_counts():
    comments = read_comments(textwrap.dedent("""\
        # jobfix: ignore[JF012]
        frappe.enqueue(
            "a",  # jobfix: ignore[JF012]
        )  # jobfix: ignore[JF012]
        def on_submit(self):  # jobfix: ignore[JF012]
            x = 1  # jobfix: ignore[JF012]
    """))

    def rows(f: Finding) -> list[int]:
        return sorted(d.row for d in comments.for_finding(f))

    assert rows(finding(2, 4)) == [4]  # a call: its first row (none here) or its closing row; not row 1 or 3
    assert rows(finding(3)) == [3]
    assert rows(finding(5, 6)) == [5]  # a finding on a whole function: not a comment in its body


def test_broken_code_keeps_comments_read_before_the_error():
    comments = read_comments("a()  # jobfix: ignore[JF012]\nb = (\n")
    assert list(comments.directives) == [1]


# -- in a run -----------------------------------------------------------------------------------


def test_codes_noqa_and_blanket_suppress(tmp_path):
    make_app(tmp_path, {"order.py": controller("""\
        def on_submit(self):
            frappe.enqueue("myapp.tasks.a")  # jobfix: ignore[JF012]

        def on_cancel(self):
            frappe.enqueue("myapp.tasks.b")  # noqa: JF012

        def on_trash(self):
            frappe.enqueue("myapp.tasks.c")  # jobfix: ignore

        def on_update(self):
            frappe.enqueue("myapp.tasks.d")  # jobfix: ignore[JF008]

        def after_insert(self):
            frappe.enqueue("myapp.tasks.e")  # noqa
    """)})
    rows = check_json(tmp_path, "--select", "JF012")
    assert [r["location"]["row"] for r in rows] == [16, 19]


def test_multiline_call_takes_the_comment_after_its_closing_parenthesis(tmp_path):
    make_app(tmp_path, {"order.py": controller("""\
        def on_submit(self):
            frappe.enqueue(
                "myapp.tasks.a",
                name=self.name,
            )  # jobfix: ignore[JF012]

        def on_cancel(self):
            frappe.enqueue(  # jobfix: ignore[JF012]
                "myapp.tasks.b",
            )

        def on_trash(self):
            # jobfix: ignore[JF012]
            frappe.enqueue(
                "myapp.tasks.c",  # jobfix: ignore[JF012]
            )
    """)})
    rows = check_json(tmp_path, "--select", "JF012")
    assert [r["location"]["row"] for r in rows] == [19]


def test_suppressed_findings_are_not_fixed(tmp_path):
    source = controller("""\
        def on_submit(self):
            frappe.enqueue("myapp.tasks.a")  # jobfix: ignore[JF012]

        def on_cancel(self):
            frappe.enqueue("myapp.tasks.b")
    """)
    package = make_app(tmp_path, {"order.py": source})
    result = run_cli("fix", tmp_path, "--select", "JF012")
    assert result.exit_code == 0
    assert (package / "order.py").read_text() == source.replace(
        'frappe.enqueue("myapp.tasks.b")', 'frappe.enqueue("myapp.tasks.b", enqueue_after_commit=True)'
    )


def test_show_suppressed(tmp_path, monkeypatch):
    make_app(tmp_path, {"order.py": controller("""\
        def on_submit(self):
            frappe.enqueue("myapp.tasks.a")  # noqa: JF012
    """)})
    monkeypatch.chdir(tmp_path)
    hidden = run_cli("check", ".", "--select", "JF012")
    assert (hidden.exit_code, hidden.output) == (0, "All checks passed!\n")
    shown = run_cli("check", ".", "--select", "JF012", "--show-suppressed")
    assert shown.exit_code == 0
    assert shown.output.splitlines() == [
        "myapp/myapp/order.py:7:9: JF012 [suppressed by # noqa: JF012] `enqueue` in document event `on_submit` "
        "without `enqueue_after_commit=True`",
        "All checks passed!",
        "1 suppressed finding shown (not counted, never fixed).",
    ]
    rows = check_json(Path("."), "--select", "JF012", "--show-suppressed")
    assert [(r["code"], r["suppressed"]) for r in rows] == [("JF012", True)]
    sarif = json.loads(run_cli("check", ".", "--select", "JF012", "--show-suppressed", "--format", "sarif").output)
    (result,) = sarif["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "# noqa: JF012"}]
    assert "fixes" not in result
    github = run_cli("check", ".", "--select", "JF012", "--show-suppressed", "--format", "github")
    assert github.output == ""


# -- unused suppressions ----------------------------------------------------------------------


UNUSED = controller("""\
    def on_submit(self):
        frappe.enqueue("myapp.tasks.a")  # jobfix: ignore[JF012, JF008]

    def resend(self):
        frappe.enqueue("myapp.tasks.b")  # jobfix: ignore[JF012]

    def other(self):
        frappe.enqueue("myapp.tasks.c")  # noqa: JF012, JF555

    def last(self):
        frappe.enqueue("myapp.tasks.d")  # jobfix: ignore
""")


def test_warn_unused_ignores(tmp_path, monkeypatch):
    make_app(tmp_path, {"order.py": UNUSED})
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", ".", "--select", "JF012,JF008").exit_code == 0
    result = run_cli("check", ".", "--select", "JF012,JF008", "--warn-unused-ignores")
    assert result.exit_code == 1
    assert result.output.splitlines()[:4] == [
        "myapp/myapp/order.py:7:42: JF900 unused suppression `# jobfix: ignore[JF012, JF008]`: no JF008 finding on this line",
        "myapp/myapp/order.py:10:42: JF900 unused suppression `# jobfix: ignore[JF012]`: no JF012 finding on this line",
        "myapp/myapp/order.py:13:42: JF900 unused suppression `# noqa: JF012, JF555`: no JF012 finding on this line; "
        "unknown rule code JF555",
        "myapp/myapp/order.py:16:42: JF900 unused suppression `# jobfix: ignore`: no finding on this line",
    ]


def test_unused_only_for_rules_that_ran(tmp_path):
    make_app(tmp_path, {"order.py": UNUSED})
    rows = check_json(tmp_path, "--select", "JF008", "--warn-unused-ignores")
    assert [(r["code"], r["location"]["row"]) for r in rows] == [("JF900", 7), ("JF900", 13), ("JF900", 16)]
    assert rows[0]["message"].endswith("no JF008 finding on this line")
    assert rows[1]["message"].endswith("unknown rule code JF555")


def test_unused_ignores_from_config_and_in_files_without_findings(tmp_path):
    make_app(tmp_path, {"plain.py": "x = 1  # jobfix: ignore[JF012]\n"})
    (tmp_path / "pyproject.toml").write_text("[tool.jobfix]\nwarn-unused-ignores = true\n")
    rows = check_json(tmp_path, "--select", "JF012")
    assert [(r["code"], r["location"], r["end_location"]) for r in rows] == [
        ("JF900", {"row": 1, "column": 8}, {"row": 1, "column": 31})
    ]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jobfix]\nwarn-unused-ignores = true\nper-file-ignores = { "plain.py" = ["JF900"] }\n'
    )
    assert check_json(tmp_path, "--select", "JF012") == []


def test_no_unused_report_for_a_file_that_did_not_parse(tmp_path):
    make_app(tmp_path, {"broken.py": "import frappe\nfrappe.enqueue()  # jobfix: ignore[JF012]\nx = (\n"})
    rows = check_json(tmp_path, "--warn-unused-ignores")
    assert [r["code"] for r in rows] == ["JF000"]


def test_filter_keeps_findings_of_unreadable_files(tmp_path):
    from jobfix.codemods.engine.suppressions import filter_findings

    gone = Finding("JF012", "x", "m", tmp_path / "missing.py", Span(1, 1, 1, 2))
    result = filter_findings([gone], [], Config(warn_unused_ignores=True))
    assert (result.findings, result.suppressed) == ([gone], [])
