"""Every fix keeps its contract: each snapshot case's code, run before and after its fix against
the fake Frappe (tests/harness), differs only in what the rule declares it changes."""

from __future__ import annotations

import pytest

from harness.runner import compare
from harness.snapshots import sides, version_of, written_for
from jobfix.codemods.transforms import all_transforms
from snapshot_cases import all_cases, case_config

RULES = {t.name: t for t in all_transforms()}


def _contract_cases():
    cases = []
    for case in all_cases():
        before, after = sides(case)
        if before != after:
            cases.append(case)
    return cases


CASES = _contract_cases()


def contract_of(case):
    """The contract of every rule the case selects (a case may select several: their union)."""
    from jobfix.codemods.transforms.base import Contract

    codes = case_config(case).select
    contracts = [t.contract for t in all_transforms() if t.code in codes and t.contract is not None]
    return Contract(
        "; ".join(c.intent for c in contracts),
        frozenset().union(*(c.changes for c in contracts)),
        frozenset().union(*(c.on_failure for c in contracts)),
        any(c.isolates_failures for c in contracts),
        any(c.across_versions for c in contracts),
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fix_changes_only_what_its_rule_declares(case):
    before, after = sides(case)
    differences = compare(before, after, contract_of(case), version_of(case), case.id, written_for(case))
    assert not differences, "\n".join(map(str, differences))


def test_every_rule_with_a_fix_declares_a_contract_and_has_harness_cases():
    fixed_rules = {c.rule_dir for c in CASES}
    without_contract = sorted(name for name in fixed_rules if RULES[name].contract is None)
    assert not without_contract, f"rules whose fixes change code but declare no contract: {without_contract}"
    fixable = {t.name for t in all_transforms() if t.applicability.value != "display-only"}
    assert fixable <= fixed_rules, f"fixable rules without a snapshot case their fix changes: {sorted(fixable - fixed_rules)}"
