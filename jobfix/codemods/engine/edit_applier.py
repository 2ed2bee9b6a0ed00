"""The LibCST pass that applies the edits of one file (changes.apply_edits); a module of its own
so that importing the engine does not load LibCST, which only a fix needs."""

from __future__ import annotations

from collections import defaultdict

import libcst as cst

from jobfix.codemods.engine.model import Edit, EditError, RewriteContext


class EditApplier(cst.CSTTransformer):
    """Applies each edit to the node its target names (type and the position ``ast`` gave it)."""

    def __init__(self, module: cst.Module, positions, edits: list[Edit]):
        super().__init__()
        self.module = module
        self.positions = positions
        self.pending: dict[tuple, list[Edit]] = defaultdict(list)
        for edit in edits:
            t = edit.target
            self.pending[(t.node_type, t.line, t.column)].append(edit)

    def _start(self, node: cst.CSTNode) -> tuple[int, int] | None:
        """Where ``ast`` says the node starts: after its parentheses, at `def`/`class` past decorators."""
        position = self.positions.get(node)
        if position is None:
            return None
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)) and node.decorators:
            return self.positions[node.name].start.line, position.start.column
        if getattr(node, "lpar", None) and not isinstance(node, (cst.Tuple, cst.GeneratorExp)):
            inner = next((c for c in node.children if not isinstance(c, (cst.LeftParen, cst.RightParen))), None)
            if inner is not None:
                return self._start(inner)
        return position.start.line, position.start.column

    def _end(self, node: cst.CSTNode) -> tuple[int, int]:
        rpar = getattr(node, "rpar", None)
        if rpar and not isinstance(node, (cst.Tuple, cst.GeneratorExp)):
            position = self.positions[rpar[0]].start
        else:
            position = self.positions[node].end
        return position.line, position.column

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Into a node only when a pending target lies within its lines: LibCST rebuilds every node
        it visits, and most of a module holds no target (a fix went four times faster)."""
        if not self.pending:
            return False
        position = self.positions.get(node)
        if position is None:
            return True
        first, last = position.start.line, position.end.line
        return any(first <= line <= last for _, line, _ in self.pending)

    def on_leave(self, original_node, updated_node):
        if not self.pending:
            return updated_node
        start = self._start(original_node)
        if start is None:
            return updated_node
        key = (type(original_node), *start)
        candidates = self.pending.get(key)
        if not candidates:
            return updated_node
        end = self._end(original_node)
        edits = [e for e in candidates if e.target.end is None or e.target.end == end]
        if not edits:
            return updated_node  # an expression nested in this one starts at the same place
        self.pending[key] = [e for e in candidates if e not in edits]
        if not self.pending[key]:
            del self.pending[key]
        ctx = RewriteContext(self.module, original_node, self.positions)
        for rewrite in _merged(edits):
            if not isinstance(updated_node, cst.CSTNode):
                raise EditError("two fixes removed or replaced the same code")
            updated_node = rewrite(updated_node, ctx)
        return updated_node


def _merged(edits: list[Edit]):
    """Rewrites of one node; those that know how to combine (``merge``) become one."""
    rewrites: list = []
    for edit in edits:
        last = rewrites[-1] if rewrites else None
        if last is not None and type(last) is type(edit.rewrite) and hasattr(last, "merge"):
            rewrites[-1] = last.merge(edit.rewrite)
        else:
            rewrites.append(edit.rewrite)
    return rewrites
