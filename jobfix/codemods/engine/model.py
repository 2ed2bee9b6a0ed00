"""The values that flow through a run: findings, their fixes, and the edits a fix is made of.

A finding is found cheaply (stdlib ``ast``); its fix carries edits that locate their node in the
LibCST tree by position (``Target``) and rewrite only that node, so a fix is applied only on the
few files that change. A fix is one site: it can be accepted or rejected on its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import libcst as cst


PARSE_ERROR = ("JF000", "parse-error")  # what jobfix reports for a file it cannot read or parse


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


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

    ``column`` counts characters from 0, like LibCST's PositionProvider; parentheses around an
    expression and decorators above a definition are not part of it (as in ``ast``).
    """

    node_type: type[cst.CSTNode]
    line: int
    column: int
    end: tuple[int, int] | None = None  # tells apart nested expressions that start together


@dataclass(frozen=True)
class RewriteContext:
    module: cst.Module
    original: cst.CSTNode
    positions: object  # PositionProvider mapping of the original tree

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
