"""Every rule's documented examples, run (Fixit's VALID/INVALID): `bad` gives the rule's finding,
`good` gives none, and where the rule fixes, fixing `bad` gives exactly `good`.

An example is a small app: ``# myapp/<path>`` lines start its files (see ``Transform.bad``;
``# myapp/job-log.csv`` is the site's Scheduled Job Log export, for the rules that read one);
the rule's ``example_app`` adds the files it needs around them (a hooks.py with the roles, a
pyproject.toml naming the Frappe version). A file the fix creates must exist after the fix; the
good example may show it shorter than it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobfix.codemods.engine.config import load_config
from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.transforms import all_transforms
from snapshot_cases import run_fix, with_job_log

RULES = all_transforms()
FILE_LINE = re.compile(r"^# (myapp/[\w/]+\.py|myapp/job-log\.csv|pyproject\.toml)\n", re.M)


def example_files(text: str) -> dict[str, str]:
    """The files of an example, by path in the app folder (unmarked text is one module)."""
    parts = FILE_LINE.split(text)
    files = {"myapp/module.py": parts[0]} if parts[0].strip() else {}
    files.update((path, body.rstrip("\n") + "\n") for path, body in zip(parts[1::2], parts[2::2]))
    return files


def write_example(root: Path, rule, example: str) -> Path:
    """``root/myapp/``: the example's files over the rule's ``example_app`` over a bare app."""
    files = {"myapp/__init__.py": "", "myapp/modules.txt": "My App\n", "myapp/hooks.py": 'app_name = "myapp"\n'}
    around, shown = example_files(rule.example_app), example_files(example)
    assert not set(around) & set(shown), f"{rule.code}: example_app and the example both write {set(around) & set(shown)}"
    files.update(around)
    files.update(shown)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(root).parents:
            if folder.parts and not (root / folder / "__init__.py").exists():
                (root / folder / "__init__.py").write_text("")
        path.write_text(text)
    return root / "myapp"


def example_config(package: Path, rule):
    """The example app's own [tool.jobfix], with only this rule, its unsafe fixes included, and the
    evidence of its ``myapp/job-log.csv`` when it shows one (as ``--job-log`` would give it)."""
    return with_job_log(load_config(package).merged(select=frozenset({rule.code}), unsafe_fixes=True), package)


@pytest.mark.parametrize("rule", RULES, ids=[t.code for t in RULES])
def test_rule_examples(rule, tmp_path):
    package = write_example(tmp_path / "good", rule, rule.good)
    found = [f for f in run_fix(package, example_config(package, rule)) if f.code == rule.code]
    assert not found, f"{rule.code}: the good example has findings: {[f.message for f in found]}"

    package = write_example(tmp_path / "bad", rule, rule.bad)
    found = [f for f in run_fix(package, example_config(package, rule)) if f.code == rule.code]
    assert found, f"{rule.code}: the bad example has no finding"
    if rule.applicability is Applicability.DISPLAY_ONLY:
        return
    good, bad = example_files(rule.good), example_files(rule.bad)
    assert set(bad) <= set(good), f"{rule.code}: the good example leaves out a file of the bad one"
    for rel, expected in good.items():
        fixed = tmp_path / "bad" / rel
        assert fixed.exists(), f"{rule.code}: fixing the bad example creates no {rel}"
        if rel in bad:  # a file the fix creates may be shown shorter than it is
            assert fixed.read_text() == expected, f"{rule.code}: fixing the bad example does not give the good one ({rel})"
