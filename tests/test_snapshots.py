"""Every transform's before/after cases (see snapshot_cases.py), and the invariants every
rewrite must keep: the output compiles, and a second run over it changes nothing."""

from __future__ import annotations

import pytest

from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from snapshot_cases import SNAPSHOTS, all_cases, case_config, read_app, render, run_fix, with_job_log, write_app

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_snapshot(case, tmp_path, snapshot):
    package = write_app(case, tmp_path)
    config = with_job_log(case_config(case), package)
    findings = run_fix(package, config)
    output = read_app(case, package)

    for rel, text in output.items():
        if rel.endswith(".py"):
            compile(text, rel, "exec", dont_inherit=True)  # every output compiles

    again = all_findings(analyse_paths([package.parent], config))
    assert plan_fixes(again, config.unsafe_fixes).changes == [], "a second run changed the output again"

    snapshot.snapshot_dir = SNAPSHOTS / case.rule_dir
    snapshot.assert_match(render(case, output, findings, package), f"{case.name}.expected.py")


def test_every_transform_has_snapshots():
    from jobfix.codemods.transforms import all_transforms

    with_cases = {c.rule_dir for c in CASES}
    missing = [t.name for t in all_transforms() if t.name not in with_cases]
    assert not missing, f"transforms without snapshot cases: {missing}"
