"""The Transform contract: one rule, its own documentation, the code that finds its sites and the
edits that fix one site. The engine runs every enabled transform without knowing any by name."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterable

from jobfix.codemods.engine.model import Applicability, Edit, Finding, Fix, NewFile, Option

if TYPE_CHECKING:  # types only: listing the rules (`jobfix rules`) does not load the app index
    from jobfix.codemods.engine.config import Config
    from jobfix.codemods.index.app import AppIndex
    from jobfix.codemods.transforms._kit.context import FileContext


# What a run of a job shows from outside, as the behaviour harness (tests/harness) observes it.
ASPECTS = frozenset(
    {
        "outcome",  # how the function ends: its return value or the exception it raises
        "persisted",  # the records committed by the end (the job's own and its jobs')
        "commits",  # how many commits
        "errors",  # the Error Logs committed
        "jobs",  # the jobs queued: target and arguments
        "queues",  # each job's queue and timeout
        "job_identity",  # each job's job_id and deduplicate
        "duplicates",  # a second identical job while the first is queued: dropped
        "timing",  # whether a job waits for the commit (enqueue_after_commit)
        "progress",  # publish_progress events
        "permissions",  # permission checks (get_list, has_permission)
        "external",  # HTTP calls and mail sent, and whether the writes before each were kept
        "schedule",  # which functions scheduler_events runs, and how often
        "signature",  # the parameters of a function (its callers change with it)
    }
)


@dataclass(frozen=True)
class Contract:
    """What a rule's fix intends to change in what the code observably does; the harness checks
    that nothing else changes. ``on_failure`` may differ too when a record fails or the job times
    out; ``isolates_failures``: a record that fails leaves things as if it were not there, plus
    its Error Log; ``across_versions``: the original is compared as run by the Frappe it was
    written for (``--from-version``), the fix as run by the target."""

    intent: str
    changes: frozenset[str] = frozenset()
    on_failure: frozenset[str] = frozenset()
    isolates_failures: bool = False
    across_versions: bool = False

    def __post_init__(self):
        unknown = (self.changes | self.on_failure) - ASPECTS
        if unknown:  # pragma: no cover - a mistake in a rule, caught when it is imported
            raise ValueError(f"unknown aspects {sorted(unknown)}")


class Transform:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    rationale: ClassVar[str]
    # The examples are small apps, run by tests/test_rule_examples.py: `bad` gives this rule's
    # finding, `good` none, and fixing `bad` gives `good`. A line `# myapp/<path>` starts a file
    # of the app; text before any such line is one module whose place does not matter.
    bad: ClassVar[str]
    good: ClassVar[str]
    # Files the examples need around them and do not show (same form), e.g. the hooks.py that
    # makes a function a scheduled task.
    example_app: ClassVar[str] = ""
    applicability: ClassVar[Applicability]
    fix_safety: ClassVar[str]
    contract: ClassVar[Contract | None] = None  # what its fixes may change; None for a rule without fixes
    version_notes: ClassVar[str] = ""
    # The [tool.jobfix] keys this rule reads: its options (declared here, checked and documented
    # from here), and the run's settings it depends on (`from-version`), for its documentation.
    options: ClassVar[tuple[Option, ...]] = ()
    settings: ClassVar[tuple[str, ...]] = ()

    # Prefilter: a file is parsed for this rule only when its text holds one of these words...
    triggers: ClassVar[tuple[str, ...]] = ()
    # In the default rule set; False: opt-in (`--extend-select`), for findings that are right but
    # seldom worth acting on (issue 14: they must not crowd out the ones that are)
    default: ClassVar[bool] = True
    # ...or it is the app's hooks.py (for rules about scheduler_events and doc_events)...
    reads_hooks: ClassVar[bool] = False
    # ...or it defines a function the app schedules or enqueues.
    reads_background_functions: ClassVar[bool] = False

    def wants(self, path: Path, text: str, app: AppIndex, config: Config) -> bool:
        """Whether to parse the file for this rule, under the run's settings (``from-version`` made
        concrete). A rule may look closer (``super().wants(...) and ...``), never wider:
        ``Prefilter`` asks no rule of a file this test turns away."""
        return _may_hold(path, text, app, self.triggers, self.reads_hooks, self.reads_background_functions)

    def worth_parsing(self, path: Path, text: str, app: AppIndex, config: Config) -> bool:
        """A costlier look than ``wants`` (a scan of the text), asked only of a file no rule without
        one wants: when every rule that wants the file says no, it is not parsed. Saying no means
        the rule finds nothing there; a file parsed anyway is checked by the rule all the same."""
        return True

    def check(self, ctx: FileContext) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for subclasses ------------------------------------------------------------
    def finding(self, ctx: FileContext, node: ast.AST, message: str, fix: Fix | None = None) -> Finding:
        """``message`` is what is wrong in a few words, then ": " and why it matters here: a
        check prints the first clause; --show-fixes and `fix -i` add the rest."""
        what, why = split_message(message)
        return Finding(self.code, self.name, what, ctx.path, ctx.span(node), fix, why=why)

    def option(self, ctx: FileContext, key: str):
        """The value of one of this rule's own options."""
        return next(o for o in self.options if o.key == key).of(ctx.config)

    def fix(
        self,
        message: str,
        *edits: Edit,
        applicability: Applicability | None = None,
        new_files: tuple[NewFile, ...] = (),
    ) -> Fix:
        return Fix(applicability or self.applicability, message, tuple(edits), new_files)

    def advice(self, message: str) -> Fix:
        """A display-only fix: what a person should do."""
        return Fix(Applicability.DISPLAY_ONLY, message)


class Prefilter:
    """Which rules want a file, each rule's ``wants`` asked only of the files that the union of
    their base tests lets through (their trigger words, hooks.py, the app's background modules):
    nine files in ten hold none of the words, and are turned away by one test instead of one per rule."""

    def __init__(self, transforms: list[Transform], config: Config):
        self.transforms = transforms
        self.config = config
        self.words = tuple(sorted({word for t in transforms for word in t.triggers}))
        self.reads_hooks = any(t.reads_hooks for t in transforms)
        self.reads_background_functions = any(t.reads_background_functions for t in transforms)

    def wanting(self, path: Path, text: str, app: AppIndex) -> list[Transform]:
        if not _may_hold(path, text, app, self.words, self.reads_hooks, self.reads_background_functions):
            return []
        wanting = [t for t in self.transforms if t.wants(path, text, app, self.config)]
        looking_closer = [t for t in wanting if type(t).worth_parsing is not Transform.worth_parsing]
        if len(looking_closer) == len(wanting) and not any(t.worth_parsing(path, text, app, self.config) for t in wanting):
            return []
        return wanting


def _may_hold(path: Path, text: str, app: AppIndex, words, reads_hooks: bool, reads_background_functions: bool) -> bool:
    """The base test of a rule (or of several, their words and flags joined): a trigger word in
    the text, or the app's hooks.py, or a module defining a function the app schedules or enqueues."""
    return (
        any(word in text for word in words)
        or (reads_hooks and app.is_app and path == app.hooks.path)
        or (reads_background_functions and app.is_app and app.module_name(path) in app.background_modules)
    )


def split_message(message: str) -> tuple[str, str]:
    """(what, why): ``message`` cut at its first ": " outside backticks and brackets."""
    depth, quoted = 0, False
    for i, char in enumerate(message):
        if char == "`":
            quoted = not quoted
        elif not quoted and char in "([{":
            depth += 1
        elif not quoted and char in ")]}":
            depth -= 1
        elif not quoted and depth == 0 and message.startswith(": ", i):
            return message[:i], message[i + 2:]
    return message, ""
