"""Messages that fit a line: a finding's first clause says what is wrong in a few words (the rest,
why, is for --show-fixes and `fix -i`), and nothing a user reads cites a file they do not have."""

from __future__ import annotations

import re

from jobfix.codemods.engine.runner import all_findings, analyse_paths
from jobfix.codemods.engine.config import Config
from jobfix.codemods.reports.rule_docs import all_rule_docs
from jobfix.codemods.transforms.base import split_message
from helpers import copy_example, run_cli
from snapshot_cases import FINDINGS_MARKER, SNAPSHOTS

FEW_WORDS = 13  # outside `code`: identifiers may be long, the sentence around them may not
FINDING_LINE = re.compile(r"^# \S+:\d+:\d+: (JF\d+)(?: \[[\w-]+\])? (.*)$", re.M)


def prose_words(text: str) -> int:
    return len(re.sub(r"`[^`]*`", "x", text).split())


def snapshot_messages() -> list[tuple[str, str]]:
    found = []
    for path in sorted(SNAPSHOTS.glob("*/*.expected.py")):
        findings = path.read_text("utf-8").partition(FINDINGS_MARKER)[2]
        found += FINDING_LINE.findall(findings)
    return found


def test_split_message_cuts_at_the_first_colon_outside_code_and_brackets():
    assert split_message("`a: b` in `f` (x: y): why: more") == ("`a: b` in `f` (x: y)", "why: more")
    assert split_message("nothing to explain") == ("nothing to explain", "")


def test_every_finding_says_what_is_wrong_in_a_few_words_then_why():
    messages = snapshot_messages()
    assert len({code for code, _ in messages}) >= 20  # every rule's snapshots were read
    for code, text in messages:
        what, why = split_message(text)
        assert prose_words(what) <= FEW_WORDS, (code, what)
        assert why, (code, text)


def test_check_prints_what_and_show_fixes_adds_why(tmp_path):
    app = copy_example(tmp_path)
    [finding] = [f for f in all_findings(analyse_paths([app], Config(select=frozenset({"JF012"})))) if "events.py" in str(f.path)]
    plain = run_cli("check", app, "--select", "JF012").output
    shown = run_cli("check", app, "--select", "JF012", "--show-fixes").output
    assert finding.message in plain and finding.why not in plain
    assert f"    why: {finding.why}" in shown and f"    help: {finding.fix.message}" in shown


def test_no_message_or_rule_doc_cites_a_file_users_do_not_have(tmp_path):
    findings = all_findings(analyse_paths([copy_example(tmp_path)], Config(unsafe_fixes=True)))
    texts = [t for f in findings for t in (f.message, f.why, f.fix.message if f.fix else "")]
    texts += [t for d in all_rule_docs() for t in (d.summary, d.rationale, d.fix_safety, d.version_notes)]
    texts += [m for _, m in snapshot_messages()]
    assert not [t for t in texts if ".md" in t]
