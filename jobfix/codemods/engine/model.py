"""The values that flow through a run: findings, their fixes, and the edits a fix is made of.

A finding is found cheaply (stdlib ``ast``); its fix carries edits that locate their node in the
LibCST tree by position (``Target``) and rewrite only that node, so a fix is applied only on the
few files that change. A fix is one site: it can be accepted or rejected on its own.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jobfix.codemods.engine.source import SourceFile, create_file, write_atomic

if TYPE_CHECKING:
    import libcst as cst


PARSE_ERROR = ("JF000", "parse-error")  # what jobfix reports for a file it cannot read or parse
UNUSED_SUPPRESSION = ("JF900", "unused-suppression")  # a suppression comment that suppresses nothing


class EditError(Exception):
    """A fix that could not be applied to the current text."""


class RunRefused(Exception):
    """The run cannot start as asked (a dirty git work tree, git unable to commit); nothing was written."""


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class OptionType(str, enum.Enum):
    """What the value of a rule's option must be, worded for an error message."""

    BOOL = "true or false"
    POSITIVE_INT = "a positive integer"
    CRON = "a five-field cron expression"
    DOTTED_PATHS = "a list of dotted paths"
    QUEUE_SECONDS = "a table of queue = seconds"


@dataclass(frozen=True)
class Option:
    """A ``[tool.jobfix]`` key a rule reads, declared on the rule (``Transform.options``):
    configuration checks values and documents the key from this declaration alone."""

    key: str
    type: OptionType
    default: Any
    help: str  # one line, for `jobfix explain` and the README
    unset: str = ""  # what a default of None means, for the docs

    def of(self, config) -> Any:
        """Its value in ``config``: what [tool.jobfix] gave, else the default."""
        return dict(config.options).get(self.key, self.default)


@dataclass(frozen=True, order=True)
class Span:
    """1-based rows and columns (characters), as ruff reports them."""

    row: int
    column: int
    end_row: int
    end_column: int


@dataclass(frozen=True)
class Target:
    """Where an edit applies: the LibCST node of this type that starts at (line, column).

    ``node`` names the node's LibCST class (``"Call"``): a name, not the class, so that finding a
    fix, or reading it from the cache, does not load LibCST. ``column`` counts characters from 0,
    like LibCST's PositionProvider; parentheses around an expression and decorators above a
    definition are not part of it (as in ``ast``).
    """

    node: str
    line: int
    column: int
    end: tuple[int, int] | None = None  # tells apart nested expressions that start together

    @property
    def node_type(self) -> type[cst.CSTNode]:
        import libcst

        return getattr(libcst, self.node)


@dataclass(frozen=True)
class RewriteContext:
    """What a rewrite sees besides its node. ``module`` is the module, or the snippet of it that
    holds the node (engine/regions.py): its settings (indentation, line ends) are the module's,
    not its other statements. ``positions`` map the tree before the edits: a snippet's columns
    are the module's, its lines are not."""

    module: cst.Module
    original: cst.CSTNode
    positions: object  # PositionProvider mapping of the tree before the edits

    def position(self, node: cst.CSTNode):
        return self.positions[node]  # type: ignore[index]


class Rewrite(Protocol):
    """Rewrites one node. May define ``merge(other)`` to combine edits of the same node."""

    def __call__(
        self, node: cst.CSTNode, ctx: RewriteContext
    ) -> cst.CSTNode | cst.FlattenSentinel | cst.RemovalSentinel: ...


@dataclass(frozen=True)
class ImportSpec:
    """An import a fix needs: ``from module import obj`` (or ``import module`` when obj is None)."""

    module: str
    obj: str | None = None
    asname: str | None = None


@dataclass(frozen=True)
class Edit:
    path: Path
    rewrite: Rewrite
    target: Target | None = None  # None: the rewrite receives the whole Module
    imports: tuple[ImportSpec, ...] = ()


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...] = ()
    new_files: tuple[NewFile, ...] = ()
    edits_stripped: bool = False  # set when a copy crossed a process boundary
    # (path, digest) of each file the edits were made for, set by the engine: a fix is applied
    # only to the bytes it was computed from, however long a review or a bench run takes
    pins: tuple[tuple[Path, str], ...] = ()

    @property
    def has_edits(self) -> bool:
        return bool(self.edits or self.new_files or self.edits_stripped)

    def without_edits(self) -> Fix:
        """A copy that can cross a process boundary (rewrites may be closures)."""
        return replace(self, edits=(), new_files=(), edits_stripped=self.has_edits)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    message: str
    path: Path
    span: Span
    fix: Fix | None = None
    url: str | None = None
    suppressed: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    why: str = ""  # what follows ``message``: the consequence here (--show-fixes, `fix -i`)

    @property
    def explained(self) -> str:
        """The message and why, as one sentence."""
        return f"{self.message}: {self.why}" if self.why else self.message

    @property
    def sort_key(self):
        return (str(self.path), self.span, self.code)

    @property
    def has_edits(self) -> bool:
        return self.fix is not None and self.fix.has_edits

    @property
    def is_parse_error(self) -> bool:
        return self.code == PARSE_ERROR[0]

    def fixable(self, unsafe_fixes: bool) -> bool:
        if not self.has_edits:
            return False
        if self.fix.applicability is Applicability.SAFE:
            return True
        return unsafe_fixes and self.fix.applicability is Applicability.UNSAFE

    def portable(self) -> Finding:
        return replace(self, fix=self.fix.without_edits() if self.fix else None)


# -- what a run makes of the findings: changes of files, and one result per app -----------------


@dataclass
class FileChange:
    path: Path
    source: SourceFile | None  # None for a file the fixes create
    new_text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.source is None

    @property
    def old_text(self) -> str:
        return self.source.text if self.source else ""

    def diff(self, relative_to: Path | None = None, context: int = 3) -> str:
        import difflib  # here: `rules`, `explain` and a check make no diff

        name = _display_path(self.path, relative_to).lstrip("/")  # as git diff: a/abs/path, not a//abs/path
        old = self.old_text.splitlines(keepends=True)
        new = self.new_text.splitlines(keepends=True)
        lines = difflib.unified_diff(
            old, new, "/dev/null" if self.source is None else _quoted_path(f"a/{name}"), _quoted_path(f"b/{name}"), n=context
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

    def write(self) -> None:
        if self.source is None:
            create_file(self.path, self.new_text)
        else:
            write_atomic(self.path, self.source.raw, self.source.encode(self.new_text))


@dataclass
class FailedFix:
    finding: Finding
    reason: str


_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r",
              '"': '\\"', "\\": "\\\\"}


def _is_control(char: str) -> bool:
    return ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F


def _quoted_path(name: str) -> str:
    """A path as git writes it in a diff header: C-quoted when it holds control characters, so a
    file name cannot smuggle escape sequences into a terminal (``git apply`` reads it back)."""
    if not any(_is_control(c) or c in _C_ESCAPES for c in name):
        return name
    parts = []
    for char in name:
        if char in _C_ESCAPES:
            parts.append(_C_ESCAPES[char])
        elif _is_control(char):
            parts.append("".join(f"\\{byte:03o}" for byte in char.encode("utf-8")))
        else:
            parts.append(char)
    return '"' + "".join(parts) + '"'


def _display_path(path: Path, relative_to: Path | None) -> str:
    if relative_to is not None:
        try:
            return path.resolve().relative_to(relative_to.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


@dataclass
class Unit:
    """One app (or a folder of loose files) and the files of it to check."""

    root: Path  # the app's package folder (holds hooks.py), or the loose folder
    files: list[Path]
    is_app: bool = True
    app_files: list[Path] | None = None  # every Python file under root, when discovery walked them
    config: Any = None  # the app's own settings (its nearest [tool.jobfix]); None: the run's

    @property
    def name(self) -> str:
        return self.root.name


@dataclass
class AppResult:
    """What a run did with one unit, from analysis to writing: the one result type of a run.

    ``findings`` is every finding of the run, each once: ``fixed`` (by any pass) plus
    ``remaining``. A result that crossed a process boundary holds portable findings (no edits).
    """

    unit: Unit
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)  # hidden by a suppression comment
    files_scanned: int = 0
    files_parsed: int = 0
    files_cached: int = 0  # findings taken from an earlier run (see cache.py); not analysed again
    frappe: Any = None  # the FrappeTarget the fixes were written for
    from_version: int | None = None  # the Frappe major the code was read as (None: unknown)
    index: Any = None  # the AppIndex, while the result stays in the process that analysed it
    digests: dict[Path, str] = field(default_factory=dict, repr=False)  # of the files fixes were made for
    # the ast trees the rules read in those files, by digest: planning the fixes does not parse them again
    trees: dict[str, Any] = field(default_factory=dict, repr=False)
    fixed: list[Finding] = field(default_factory=list)  # each fixed finding once, however many files its fix changed
    changes: list[FileChange] = field(default_factory=list)  # written, or to be written (preview), in pass order
    remaining: list[Finding] = field(default_factory=list)
    failed: list[FailedFix] = field(default_factory=list)
    write_errors: list[tuple[FileChange, str]] = field(default_factory=list)
    proposals: dict[int, list[FileChange]] = field(default_factory=dict)  # findings' index -> its fix alone, when asked
    passes: int = 0  # how many times fixes were planned (more than one when fixes made new ones possible)
    settled: bool = True  # False when the last pass still left fixes to apply
    error: str | None = None  # the app as a whole could not be processed
    commit: str | None = None  # --commit: the id of the commit of what jobfix wrote
    commit_error: str | None = None  # --commit: why no commit was made
    not_committed: list[Path] = field(default_factory=list)  # written, but dirty before the run: left to the user

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def changed_paths(self) -> list[Path]:
        return sorted({c.path for c in self.changes})

    @property
    def created_paths(self) -> list[Path]:
        return sorted({c.path for c in self.changes if c.source is None})

    @property
    def hooks_changed(self) -> list[Path]:
        return [p for p in self.changed_paths if p.name == "hooks.py"]

    @property
    def needs_person(self) -> list[Finding]:
        """Findings no fix of jobfix can resolve (not even an unsafe one)."""
        return [f for f in self.remaining if not f.fixable(True) and not f.is_parse_error]

    @property
    def error_count(self) -> int:
        unreadable = sum(1 for f in self.findings if f.is_parse_error)
        return unreadable + len(self.failed) + len(self.write_errors) + (self.error is not None)

    def rule_counts(self) -> Counter:
        return Counter(f.code for f in self.findings if not f.is_parse_error)
