"""The Transform contract: one rule, its own documentation, the code that finds its sites and the
edits that fix one site. The engine runs every enabled transform without knowing any by name."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import ClassVar, Iterable

from jobfix.codemods.index.app import AppIndex
from jobfix.codemods.transforms._kit.context import FileContext
from jobfix.codemods.engine.model import Applicability, Edit, Finding, Fix, NewFile


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
    version_notes: ClassVar[str] = ""
    options: ClassVar[tuple[str, ...]] = ()  # [tool.jobfix] keys this rule reads

    # Prefilter: a file is parsed for this rule only when its text holds one of these words...
    triggers: ClassVar[tuple[str, ...]] = ()
    # ...or it is the app's hooks.py (for rules about scheduler_events and doc_events)...
    reads_hooks: ClassVar[bool] = False
    # ...or it defines a function the app schedules or enqueues.
    reads_background_functions: ClassVar[bool] = False

    def wants(self, path: Path, text: str, app: AppIndex) -> bool:
        if self.reads_hooks and app.is_app and path == app.hooks.path:
            return True
        if self.reads_background_functions and app.is_app and app.module_name(path) in app.background_modules:
            return True
        return any(word in text for word in self.triggers)

    def check(self, ctx: FileContext) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for subclasses ------------------------------------------------------------
    def finding(self, ctx: FileContext, node: ast.AST, message: str, fix: Fix | None = None) -> Finding:
        return Finding(self.code, self.name, message, ctx.path, ctx.span(node), fix)

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
