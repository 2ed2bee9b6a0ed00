"""``jobfix fix --interactive``: every answer key, driven through a real pipe and once in a real
terminal; only accepted changes are written, and exactly them."""

from __future__ import annotations

import os
import subprocess
import sys

import pexpect
import pytest

from helpers import make_app, run_cli, tree_digest

HOOKS = """\
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.rebuild"],
}
"""
TASKS = """\
import frappe


def rebuild():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
"""
ORDER = """\
import frappe
from frappe.model.document import Document


class Order(Document):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.push", name=self.name)

    def on_cancel(self):
        frappe.enqueue("myapp.tasks.pull", name=self.name)
"""
INVOICE = """\
import frappe
from frappe.model.document import Document


class Invoice(Document):
    def on_submit(self):
        frappe.enqueue("myapp.tasks.push", name=self.name)
"""
SELECT = ("--select", "JF008,JF012")
# The changes in the order they are offered: by file, then position.
#   1 hooks.py   JF008 daily -> daily_long
#   2 invoice.py JF012 on_submit
#   3 order.py   JF012 on_submit
#   4 order.py   JF012 on_cancel
FIXED_PUSH = 'frappe.enqueue("myapp.tasks.push", name=self.name, enqueue_after_commit=True)'
FIXED_PULL = 'frappe.enqueue("myapp.tasks.pull", name=self.name, enqueue_after_commit=True)'


@pytest.fixture
def package(tmp_path):
    return make_app(tmp_path, {"hooks.py": HOOKS, "tasks.py": TASKS, "order.py": ORDER, "invoice.py": INVOICE})


def answer(package, *answers: str, cwd=None) -> subprocess.CompletedProcess:
    """Run ``jobfix fix -i`` with the answers piped in on stdin, one a line."""
    return subprocess.run(
        [sys.executable, "-m", "jobfix", "fix", "-i", str(package.parent), *SELECT],
        input="".join(a + "\n" for a in answers), capture_output=True, text=True, cwd=cwd or package.parent.parent,
    )


def changed(package) -> dict[str, bool]:
    """Which of the four changes are in the files now."""
    hooks, order, invoice = ((package / n).read_text() for n in ("hooks.py", "order.py", "invoice.py"))
    return {
        "hooks": '"daily_long"' in hooks,
        "invoice": FIXED_PUSH in invoice,
        "order_submit": FIXED_PUSH in order,
        "order_cancel": FIXED_PULL in order,
    }


def prompts(output: str) -> list[str]:
    return [line.split(" Apply", 1)[0] for line in output.splitlines() if "Apply this change?" in line]


def test_changes_are_offered_in_a_stable_order_with_rule_why_and_a_diff_of_that_change_only(package):
    done = answer(package, "n", "n", "n", "n")
    out = done.stdout
    assert prompts(out) == ["(1/4)", "(2/4)", "(3/4)", "(4/4)"]
    headers = [line for line in out.splitlines() if line.startswith("(") and "Apply" not in line]
    assert headers == [
        "(1/4) JF008 long-task-in-short-event  myapp/myapp/hooks.py:4:15",
        "(2/4) JF012 enqueue-after-commit  myapp/myapp/invoice.py:7:9",
        "(3/4) JF012 enqueue-after-commit  myapp/myapp/order.py:7:9",
        "(4/4) JF012 enqueue-after-commit  myapp/myapp/order.py:10:9",
    ]
    assert "why: `enqueue` in document event `on_cancel` without `enqueue_after_commit=True`" in out
    assert "fix: Add `enqueue_after_commit=True`" in out
    fourth = out[out.index("(4/4) JF012"):]
    assert "+        " + FIXED_PULL in fourth
    assert "-        frappe.enqueue(\"myapp.tasks.pull\", name=self.name)" in fourth
    assert FIXED_PUSH not in fourth  # the preview holds this change only, not the ones before it
    assert "@@ -7,4 +7,4 @@" in fourth  # a few lines of context around the change
    assert done.returncode == 1  # all four findings left
    assert not any(changed(package).values())


def test_y_and_n_accepting_the_second_change_of_a_file_gives_exactly_that_change(package):
    before = (package / "order.py").read_text()
    done = answer(package, "n", "n", "n", "y")
    assert changed(package) == {"hooks": False, "invoice": False, "order_submit": False, "order_cancel": True}
    assert (package / "order.py").read_text() == before.replace(
        'frappe.enqueue("myapp.tasks.pull", name=self.name)', FIXED_PULL
    )
    assert "Fixed 1 finding in 1 file (JF012 ×1)." in done.stdout
    assert done.returncode == 1


def test_a_accepts_the_rest_of_this_file_only(package):
    done = answer(package, "n", "n", "a")
    assert prompts(done.stdout) == ["(1/4)", "(2/4)", "(3/4)"]
    assert changed(package) == {"hooks": False, "invoice": False, "order_submit": True, "order_cancel": True}


def test_d_rejects_the_rest_of_this_file_and_goes_on_with_the_next_file(package):
    done = answer(package, "d", "y", "d")
    assert prompts(done.stdout) == ["(1/4)", "(2/4)", "(3/4)"]
    assert changed(package) == {"hooks": False, "invoice": True, "order_submit": False, "order_cancel": False}


def test_capital_a_accepts_every_remaining_change_of_this_rule(package):
    done = answer(package, "n", "A")
    assert prompts(done.stdout) == ["(1/4)", "(2/4)"]
    assert changed(package) == {"hooks": False, "invoice": True, "order_submit": True, "order_cancel": True}
    assert "Fixed 3 findings in 2 files (JF012 ×3)." in done.stdout


def test_capital_d_rejects_every_remaining_change_of_this_rule(package):
    done = answer(package, "y", "D")
    assert prompts(done.stdout) == ["(1/4)", "(2/4)"]
    assert changed(package) == {"hooks": True, "invoice": False, "order_submit": False, "order_cancel": False}
    assert "hooks.py of myapp changed" in done.stdout  # the migrate step follows a hooks.py change


def test_q_writes_what_was_accepted_so_far_and_nothing_else(package):
    done = answer(package, "y", "y", "q", "y")
    assert prompts(done.stdout) == ["(1/4)", "(2/4)", "(3/4)"]
    assert changed(package) == {"hooks": True, "invoice": True, "order_submit": False, "order_cancel": False}


def test_end_of_piped_answers_is_q(package):
    done = answer(package, "n", "y")
    assert prompts(done.stdout) == ["(1/4)", "(2/4)", "(3/4)"]
    assert changed(package) == {"hooks": False, "invoice": True, "order_submit": False, "order_cancel": False}


def test_question_mark_prints_help_and_asks_again_and_unknown_answers_too(package):
    done = answer(package, "?", "maybe", "y", "q")
    assert prompts(done.stdout) == ["(1/4)", "(1/4)", "(1/4)", "(2/4)"]
    assert done.stdout.count("A - apply this change and every remaining change of this rule") == 2
    assert "unknown answer 'maybe'" in done.stdout
    assert changed(package) == {"hooks": True, "invoice": False, "order_submit": False, "order_cancel": False}


def test_like_git_add_p_an_empty_line_asks_again_and_a_word_is_read_by_its_first_letter(package):
    done = answer(package, "", "yes", "No", "  all", "q")
    assert prompts(done.stdout) == ["(1/4)", "(1/4)", "(2/4)", "(3/4)"]
    assert "unknown answer" not in done.stdout
    assert changed(package) == {"hooks": True, "invoice": False, "order_submit": True, "order_cancel": True}


def test_question_mark_shows_the_change_again_and_the_prompt_names_the_rule(package):
    done = answer(package, "?", "n", "q")
    first = [line for line in done.stdout.splitlines() if line.startswith("(1/4) JF008 long-task-in-short-event")]
    assert len(first) == 2  # shown, then shown again after the help
    assert "(1/4) Apply this change? (JF008 long-task-in-short-event) [y,n,a,d,A,D,q,?]" in done.stdout


def test_the_summary_says_how_many_changes_were_rejected_or_not_reviewed(package):
    done = answer(package, "n", "y")
    assert "end of the answers: 2 changes not reviewed" in done.stdout
    assert "3 fixable, not applied: 1 rejected, 2 not reviewed" in done.stdout
    assert "Fixed 1 finding in 1 file (JF012 ×1)." in done.stdout


def test_refuses_without_a_terminal_or_a_pipe(package):
    before = tree_digest(package)
    done = subprocess.run(
        [sys.executable, "-m", "jobfix", "fix", "--interactive", str(package.parent), *SELECT],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --interactive needs a terminal on stdin, or answers piped into it one a line"
    assert "Traceback" not in done.stderr
    in_process = run_cli("fix", "-i", package.parent, *SELECT)  # CliRunner's stdin is no file at all
    assert in_process.exit_code == 2 and "needs a terminal" in in_process.output
    assert tree_digest(package) == before


def test_interactive_cannot_be_combined_with_a_preview(package):
    result = run_cli("fix", "-i", "--dry-run", package.parent)
    assert result.exit_code == 2 and "--interactive cannot be combined with --dry-run or --diff" in result.output


def test_nothing_to_review(tmp_path):
    package = make_app(tmp_path, {"clean.py": "x = 1\n"})
    done = answer(package)
    assert (done.returncode, done.stdout.splitlines()[0]) == (0, "No fixes to review.")


def _spawn(package):
    env = dict(os.environ, COLUMNS="120", LINES="50", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable, ["-m", "jobfix", "fix", "-i", str(package.parent), *SELECT],
        cwd=str(package.parent.parent), env=env, encoding="utf-8", timeout=30, dimensions=(50, 120),
    )


def test_in_a_real_terminal(package):
    child = _spawn(package)
    child.expect_exact("Apply this change?")
    assert "\x1b[" in child.before  # a terminal gets colour
    child.sendline("n")
    child.expect_exact("Apply this change?")
    child.sendline("?")
    child.expect_exact("q - quit")
    child.expect_exact("Apply this change?")
    child.sendline("A")
    child.expect(pexpect.EOF)
    child.close()
    assert "Fixed 3 findings in 2 files" in child.before
    assert child.exitstatus == 1
    assert changed(package) == {"hooks": False, "invoice": True, "order_submit": True, "order_cancel": True}


def test_ctrl_c_writes_nothing_at_all_even_what_was_accepted(package):
    before = tree_digest(package)
    child = _spawn(package)
    child.expect_exact("Apply this change?")
    child.sendline("y")
    child.expect_exact("Apply this change?")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert "interrupted: no file was changed" in child.before
    assert "Traceback" not in child.before
    assert child.exitstatus == 130
    assert tree_digest(package) == before


def test_refuses_a_dirty_git_work_tree_before_asking_anything(package):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "initial"]):
        subprocess.run(["git", "-C", str(package.parent), *args], check=True, env=env)
    (package / "notes.py").write_text("x = 1\n")
    before = tree_digest(package)
    done = answer(package, "y", "y", "y", "y")
    assert done.returncode == 2 and "Apply this change?" not in done.stdout
    assert "uncommitted changes in 1 app" in done.stderr and "?? myapp/notes.py" in done.stderr
    assert tree_digest(package) == before


@pytest.mark.slow
def test_a_review_offers_next_what_the_accepted_changes_made_fixable(tmp_path):
    """Accepting JF002's missing comma schedules two tasks: their JF006 comes in a second round,
    never a change already answered, and the files then settle."""
    hooks = 'app_name = "myapp"\n\nscheduler_events = {\n    "daily": [\n        "myapp.tasks.archive"\n        "myapp.tasks.purge",\n    ],\n}\n'
    tasks = ("import frappe\n\n\ndef archive():\n    for name in frappe.get_all(\"Sales Order\", pluck=\"name\"):\n"
             "        frappe.get_doc(\"Sales Order\", name).save()\n\n\ndef purge():\n    pass\n")
    package = make_app(tmp_path, {"hooks.py": hooks, "tasks.py": tasks})
    done = subprocess.run(
        [sys.executable, "-m", "jobfix", "fix", "-i", str(package.parent), "--select", "JF002,JF006", "--unsafe-fixes"],
        input="y\ny\ny\ny\n", capture_output=True, text=True, cwd=tmp_path,
    )
    rounds = [line for line in done.stdout.splitlines() if "Apply this change?" in line]
    assert [line.split(" Apply")[0] for line in rounds] == ["(1/1)", "(1/1)"]
    assert "(JF002 " in rounds[0] and "(JF006 " in rounds[1]
    assert "except Exception:" in (package / "tasks.py").read_text()
    again = run_cli("fix", package.parent, "--select", "JF002,JF006", "--unsafe-fixes")
    assert "No fixes to apply." in again.output
