"""Snapshot cases: ``snapshots/<rule name>/<case>.py`` in, ``<case>.expected.py`` out.

A case is one file. It may start with ``# jobfix-snapshot: key=value ...`` (settings: any
[tool.jobfix] key, e.g. ``frappe-version=14 select=JF005,JF006``) and hold several files of a
small app, each after a ``# --- <path>`` line (paths inside the app package ``myapp/``); without
markers the whole case is ``myapp/module.py``. A ``# --- job-log.csv`` section is an export of the
site's Scheduled Job Log: the case runs with it as ``--job-log``. The expected file is the same app after
``jobfix fix --unsafe-fixes``, followed by the findings as comments, so it says both what is
reported and what is rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jobfix.codemods.engine.changes import write_changes
from jobfix.codemods.engine.config import _convert, convert_option, rule_options
from jobfix.codemods.engine.config import Config
from jobfix.codemods.engine.model import Finding
from jobfix.codemods.engine.runner import all_findings, analyse_paths, plan_fixes
from jobfix.codemods.transforms import all_transforms

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "snapshots"
APP = "myapp"
HEADER = "# jobfix-snapshot:"
MARKER = re.compile(r"^# --- (\S+)[ \t]*\n", re.M)
FINDINGS_MARKER = "# --- findings"


@dataclass
class Case:
    rule_dir: str
    name: str
    path: Path
    header: str
    sections: dict[str, str]

    @property
    def id(self) -> str:
        return f"{self.rule_dir}/{self.name}"


def all_cases() -> list[Case]:
    cases = []
    for path in sorted(SNAPSHOTS.glob("*/*.py")):
        if path.name.endswith(".expected.py"):
            continue
        cases.append(read_case(path))
    return cases


def read_case(path: Path) -> Case:
    text = path.read_text("utf-8")
    header = ""
    if text.startswith(HEADER):
        header, _, text = text.partition("\n")
    parts = MARKER.split(text)
    if len(parts) == 1:
        sections = {"module.py": text}
    else:
        sections = dict(zip(parts[1::2], parts[2::2]))
    return Case(path.parent.name, path.stem, path, header, sections)


def case_config(case: Case) -> Config:
    code = next(t.code for t in all_transforms() if t.name == case.rule_dir)
    values: dict = {"select": frozenset({code}), "unsafe_fixes": True}
    options, given = rule_options(), {}
    for pair in case.header[len(HEADER):].split():
        key, _, raw = pair.partition("=")
        value = raw.split(",") if key in ("select", "ignore", "heavy", "light") else _parse_scalar(raw)
        if key in options:
            given[key] = convert_option(options[key], value, f"snapshot {key}")
        else:
            values[key.replace("-", "_")] = _convert(Path("snapshot"), key, value)
    return Config(options=tuple(sorted(given.items())), **values)


JOB_LOG = "job-log.csv"


def with_job_log(config: Config, package: Path) -> Config:
    """The case's settings with the evidence of its ``job-log.csv`` section, if it has one."""
    from jobfix.codemods.evidence import load_evidence

    export = package / JOB_LOG
    return config.merged(evidence=load_evidence(job_log=export)) if export.is_file() else config


def _parse_scalar(raw: str):
    if raw in ("true", "false"):
        return raw == "true"
    return int(raw) if raw.isdigit() else raw.replace("_", " ")


def write_app(case: Case, root: Path) -> Path:
    package = root / "apps" / APP / APP
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "modules.txt").write_text("My App\n")
    (package / "hooks.py").write_text(f'app_name = "{APP}"\n')
    for rel, content in case.sections.items():
        target = package / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        for folder in target.relative_to(package).parents:
            init = package / folder / "__init__.py"
            if not init.exists():
                init.write_text("")
        target.write_text(content)
    return package


def run_fix(package: Path, config: Config) -> list[Finding]:
    findings = all_findings(analyse_paths([package.parent], config))
    plan = plan_fixes(findings, config.unsafe_fixes)
    written, errors = write_changes(plan.changes)
    assert not errors, errors
    assert not plan.failed, [(f.finding.code, f.reason) for f in plan.failed]
    return findings


def read_app(case: Case, package: Path) -> dict[str, str]:
    out = {rel: (package / rel).read_text("utf-8") for rel in case.sections}
    for created in sorted(package.rglob("*.py")):
        rel = created.relative_to(package).as_posix()
        if rel not in out and rel != "hooks.py" and created.name != "__init__.py":
            out[rel] = created.read_text("utf-8")
    return out


def render(case: Case, sections: dict[str, str], findings: list[Finding], package: Path) -> str:
    lines = [case.header + "\n"] if case.header else []
    if list(case.sections) == ["module.py"] and list(sections) == ["module.py"]:
        lines.append(sections["module.py"])
    else:
        for rel, content in sections.items():
            lines.append(f"# --- {rel}\n{content}")
    lines.append(f"{FINDINGS_MARKER}\n")
    for f in findings:
        rel = f.path.relative_to(package).as_posix()
        mark = f" [{f.fix.applicability.value}]" if f.fix is not None else ""
        lines.append(f"# {rel}:{f.span.row}:{f.span.column}: {f.code}{mark} {f.explained}\n")
    return "".join(lines)
