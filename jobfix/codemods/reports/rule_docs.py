"""What each rule code means, for people, taken from the code that implements it.

The transforms carry their own documentation (summary, rationale, bad and good examples, fix
safety, options, version notes); the two codes jobfix reports itself (JF000, JF900) are described
here. `jobfix rules`, `jobfix explain`, SARIF's rule descriptors and the README's rule table all
read this module, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jobfix.codemods.engine.model import PARSE_ERROR, UNUSED_SUPPRESSION, Applicability
from jobfix.codemods.transforms import all_transforms


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    summary: str
    rationale: str
    bad: str
    good: str
    applicability: Applicability
    fix_safety: str
    version_notes: str = ""
    options: tuple[str, ...] = ()

    @classmethod
    def of(cls, transform) -> RuleDoc:
        return cls(
            transform.code, transform.name, transform.summary, transform.rationale, transform.bad, transform.good,
            transform.applicability, transform.fix_safety, transform.version_notes,
            (*(o.key for o in transform.options), *transform.settings),
        )

    @property
    def fix_availability(self) -> str:
        """ruff's phrasing: whether a plain `jobfix fix` can fix findings of this rule."""
        return {
            Applicability.SAFE: "Fix is available (safe).",
            Applicability.UNSAFE: "Fix is available with `--unsafe-fixes`.",
            Applicability.DISPLAY_ONLY: "No automatic fix: the finding says what to do.",
        }[self.applicability]


PARSE_ERROR_DOC = RuleDoc(
    code=PARSE_ERROR[0],
    name=PARSE_ERROR[1],
    summary="A file jobfix cannot read, decode or parse, or that a rule failed on",
    rationale=(
        "jobfix never skips a file silently: a clean run must mean that every file was checked. "
        "A file it cannot read, decode or parse is reported with the reason, and the run goes on "
        "with the other files. The same code reports a rule that failed on a file, so that "
        "failure cannot pass for a clean result."
    ),
    bad="def on_submit(self:\n    frappe.enqueue(\"myapp.tasks.push\")\n",
    good="def on_submit(self):\n    frappe.enqueue(\"myapp.tasks.push\")\n",
    applicability=Applicability.DISPLAY_ONLY,
    fix_safety="No automatic fix: correct the file, or leave it out with `exclude` or `per-file-ignores`.",
)

UNUSED_SUPPRESSION_DOC = RuleDoc(
    code=UNUSED_SUPPRESSION[0],
    name=UNUSED_SUPPRESSION[1],
    summary="A suppression comment that suppresses nothing",
    rationale=(
        "A `# jobfix: ignore[JF012]` left behind after the code was fixed or moved hides the next "
        "real finding on that line. Reported only with `--warn-unused-ignores` (or "
        "`warn-unused-ignores = true`), for the codes of rules that ran on the file."
    ),
    bad=(
        "def push(name):  # not a document event: JF012 cannot apply here\n"
        "    frappe.enqueue(\"myapp.tasks.push\", name=name)  # jobfix: ignore[JF012]\n"
    ),
    good="def push(name):\n    frappe.enqueue(\"myapp.tasks.push\", name=name)\n",
    applicability=Applicability.DISPLAY_ONLY,
    fix_safety="No automatic fix: delete the comment, or the codes in it that the message names.",
    options=("warn-unused-ignores",),
)


@cache
def all_rule_docs() -> tuple[RuleDoc, ...]:
    docs = [PARSE_ERROR_DOC, *(RuleDoc.of(t) for t in all_transforms()), UNUSED_SUPPRESSION_DOC]
    return tuple(sorted(docs, key=lambda d: d.code))


def rule_doc(code_or_name: str) -> RuleDoc | None:
    """The rule with this code (any case) or name."""
    wanted = code_or_name.strip()
    return next((d for d in all_rule_docs() if d.code == wanted.upper() or d.name == wanted.lower()), None)


def options_table() -> str:
    """Every [tool.jobfix] key as a Markdown table: its default, the rules that read it, its help."""
    from jobfix.codemods.engine.config import known_keys, option_default, option_help

    rows = ["| Key | Default | Read by | Meaning |", "| --- | --- | --- | --- |"]
    for key in known_keys():
        readers = ", ".join(d.code for d in all_rule_docs() if key in d.options) or "the run"
        default = option_default(key).replace("|", "\\|")
        rows.append(f"| `{key}` | `{default}` | {readers} | {option_help(key)} |")
    return "\n".join(rows) + "\n"


def explanation(doc: RuleDoc) -> str:
    """The rule's documentation as Markdown, in ruff's sections."""
    from jobfix.codemods.engine.config import option_default, option_help  # `rules` needs neither

    options = (
        "\n".join(f"- `{key}` (default `{option_default(key)}`): {option_help(key)}" for key in doc.options)
        if doc.options
        else "This rule has no options."
    )
    sections = [
        f"# {doc.code} {doc.name}",
        doc.fix_availability,
        f"## What it does\nReports {_sentence(_lower_first(doc.summary))}",
        f"## Why is this bad?\n{doc.rationale}",
        f"## Example\n```python\n{doc.bad.rstrip()}\n```",
        f"## Use instead\n```python\n{doc.good.rstrip()}\n```",
        f"## Fix safety\n{doc.fix_safety}",
        f"## Options\n{options}",
        f"## Version notes\n{doc.version_notes or 'The same on every supported Frappe version (v13-v16).'}",
    ]
    return "\n\n".join(sections) + "\n"


def rules_markdown(docs) -> str:
    """The catalogue as a Markdown table (the README's rule table is this, verbatim)."""
    lines = ["| Code | Name | Fix | Summary |", "| --- | --- | --- | --- |"]
    for doc in docs:
        cells = [doc.code, f"`{doc.name}`", doc.applicability.value, doc.summary]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def rule_json(doc) -> dict:
    return {
        "code": doc.code,
        "name": doc.name,
        "summary": doc.summary,
        "fix": doc.applicability.value,
        "rationale": doc.rationale,
        "example": doc.bad,
        "use_instead": doc.good,
        "fix_safety": doc.fix_safety,
        "options": list(doc.options),
        "version_notes": doc.version_notes,
        "explanation": explanation(doc),
    }


def _lower_first(text: str) -> str:
    """'Heavy task' -> 'heavy task'; '`enqueue`' and 'JF000' stay as they are."""
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.isalpha() and first[0].isupper() and (len(first) == 1 or first[1:].islower()) else text


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."
