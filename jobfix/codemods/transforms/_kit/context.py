"""What a transform sees of one file: its text and syntax tree, the app around it, the settings."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jobfix.codemods.index.app import AppIndex, Roles
from jobfix.codemods.index.frappe_api import FrappeTarget
from jobfix.codemods.engine.model import Span, Target
from jobfix.codemods.index.pymodule import ModuleInfo
from jobfix.codemods.engine.source import SourceFile

if TYPE_CHECKING:  # the engine hands a Config in; the rules read it and never load one
    from jobfix.codemods.engine.config import Config


@dataclass
class FileContext:
    path: Path
    source: SourceFile
    info: ModuleInfo
    app: AppIndex
    config: Config
    frappe: FrappeTarget
    _roles: dict = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def tree(self) -> ast.Module:
        return self.info.tree

    def nodes(self, kinds: type[ast.AST] | tuple[type[ast.AST], ...], within: ast.AST | None = None) -> list:
        """The file's nodes of ``kinds`` in source order, from the engine's one walk of the tree
        (``within``: only those under that node). Rules ask this; none walks the module itself."""
        return self.info.nodes(kinds, within)

    @property
    def evidence(self):
        """What the site measured (``evidence.SiteEvidence``), or None: rules read it, never fetch it."""
        return self.config.evidence

    @property
    def is_hooks(self) -> bool:
        return self.app.is_app and self.path == self.app.hooks.path

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)

    def roles(self, func: ast.AST | None) -> Roles:
        if func is None:
            return Roles()
        if func not in self._roles:
            self._roles[func] = self.app.roles(self.info, func)
        return self._roles[func]

    def functions_with_roles(self):
        """Every function of the module that has a dotted path, with its roles in the app."""
        for function in self.info.functions:
            yield function, self.roles(function.node)

    def enclosing_roles(self, node: ast.AST) -> tuple[ast.AST | None, Roles]:
        func = self.info.enclosing_function(node)
        return func, self.roles(func)

    def column(self, line: int, byte_offset: int) -> int:
        """ast counts columns in UTF-8 bytes; LibCST and users count characters."""
        if line - 1 >= len(self.lines):
            return byte_offset
        return len(self.lines[line - 1].encode("utf-8")[:byte_offset].decode("utf-8", "replace"))

    def span(self, node: ast.AST) -> Span:
        start = self.column(node.lineno, node.col_offset)
        end_row = getattr(node, "end_lineno", None) or node.lineno
        end_col = getattr(node, "end_col_offset", None)
        end = self.column(end_row, end_col) if end_col is not None else start
        return Span(node.lineno, start + 1, end_row, end + 1)

    def target(self, node: ast.AST, node_type: str) -> Target:
        end = None
        if isinstance(node, ast.expr) and node.end_lineno is not None:
            end = (node.end_lineno, self.column(node.end_lineno, node.end_col_offset))
        return Target(node_type, node.lineno, self.column(node.lineno, node.col_offset), end)

    def on_own_lines(self, stmt: ast.stmt) -> bool:
        """Whether ``stmt`` starts its line and shares no line with another statement, so a
        rewrite may replace it with an indented block (not ``a(); b()``, not ``if x: b()``)."""
        if stmt.lineno - 1 >= len(self.lines) or self.lines[stmt.lineno - 1].encode("utf-8")[: stmt.col_offset].strip():
            return False
        end = stmt.end_lineno or stmt.lineno
        parent = self.info.parents.get(stmt)
        return not any(
            isinstance(other, ast.stmt) and other is not stmt
            and other.lineno <= end and (other.end_lineno or other.lineno) >= stmt.lineno
            for other in (ast.iter_child_nodes(parent) if parent is not None else ())
        )

    def segment(self, node: ast.AST) -> str:
        """``ast.get_source_segment``, on lines split once per file rather than once per call."""
        end_row, end_col = getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None)
        if end_row is None or end_col is None:
            return ""
        lines = self._ast_lines
        first, last = node.lineno - 1, end_row - 1
        if last >= len(lines):
            return ""
        if first == last:
            return lines[first].encode()[node.col_offset:end_col].decode()
        head = lines[first].encode()[node.col_offset:].decode()
        tail = lines[last].encode()[:end_col].decode()
        return "".join([head, *lines[first + 1:last], tail])

    @cached_property
    def _ast_lines(self) -> list[str]:
        """The lines as ``ast`` counts them: only \\r\\n, \\r and \\n end one (not \\f or \\v)."""
        return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", self.text)
