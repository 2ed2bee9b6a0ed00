"""The LibCST passes that apply the edits of one file (changes.apply_edits); a module of its own
so that importing the engine does not load LibCST, which only a fix needs.

Edits are applied to snippets (engine/regions.py) where they can be: LibCST parses, walks and
prints the statements a fix changes, not the module around them, and the new lines are put back
into the text. Where a snippet cannot show that it gives what the whole module would, the caller
applies the edits to the whole module instead.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import replace

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from jobfix.codemods.engine.model import Edit, EditError, ImportSpec, RewriteContext
from jobfix.codemods.index.syntax import parse
from jobfix.codemods.engine.regions import (
    Region, default_indent, insert_imports, line_end, missing_imports, module_top, refuse_deep_code, regions,
    split_lines, start_line,
)


def apply_to_module(module: cst.Module, edits: list[Edit]) -> cst.Module:
    """``module`` with the edits that name a target applied, in one pass."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    applier = EditApplier(module, wrapper.resolve(PositionProvider), edits)
    module = wrapper.module.visit(applier)
    if applier.pending:
        raise EditError("the code a fix was made for is no longer where it was")
    return module


def apply_to_statements(text: str, tree: ast.Module, edits: list[Edit], imports: list[ImportSpec]) -> str | None:
    """``text`` with ``edits`` (all naming a target) applied statement by statement, and the
    ``imports`` they need; None where the snippets cannot stand for the module (the caller then
    applies them to the whole module)."""
    lines = split_lines(text)
    found = regions(tree, lines, [edit.target.line for edit in edits])
    if found is None:
        return None
    indent = default_indent(tree, lines)
    for region in found:
        refuse_deep_code(region.statements)
    for region in reversed(found):  # from the bottom, so the line numbers above stay right
        own = [e for e in edits if region.first <= e.target.line <= region.last]
        new = _apply_to_region(lines, region, own, indent)
        if new is None:
            return None
        lines[region.first - 1:region.last] = new
    text = "".join(lines)
    if not imports:
        return text
    if any(not region.headers for region in found):  # a statement of the module's own changed
        try:
            tree = parse(text)
        except SyntaxError:
            return text  # refused by changes.check_valid, as any code that does not compile
    # else the top of the module, and its tree, are as they were: every change is in a definition below
    return add_imports(text, tree, imports) if missing_imports(tree, imports) else text


def _apply_to_region(lines: list[str], region: Region, edits: list[Edit], indent: str) -> list[str] | None:
    """The region's new lines, when the lines around it in the snippet come out unchanged."""
    snippet = region.snippet(lines, indent)
    try:
        module = cst.parse_module("".join(snippet.lines))
    except cst.ParserSyntaxError:
        return None  # a construct the snippet cuts wrongly: the whole module is parsed instead
    if module.default_indent != indent:
        return None
    shift = snippet.before + 1 - region.first
    try:
        new = apply_to_module(module, [_shifted(edit, shift) for edit in edits]).code
    except EditError:
        return None  # the whole module says why, in its own words
    return snippet.region_of(split_lines(new))


def _shifted(edit: Edit, lines: int) -> Edit:
    """``edit`` with its target ``lines`` further down (columns stay)."""
    target = edit.target
    end = None if target.end is None else (target.end[0] + lines, target.end[1])
    return replace(edit, target=replace(target, line=target.line + lines, end=end))


def add_imports(text: str, tree: ast.Module, imports: list[ImportSpec]) -> str:
    """``text`` with ``imports`` added as LibCST's AddImportsVisitor adds them, from a snippet of
    the top of the module: its docstring and imports, where the visitor looks, and a ``pass``
    standing for the statement after them (which may get a blank line above it)."""
    lines = split_lines(text)
    plain = insert_imports(lines, tree, imports)
    if plain is not None:
        return plain
    # imported here: libcst.codemod loads libcst.matchers, 0.3 s that most fixes never need
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor

    module = module_top(tree)
    refuse_deep_code(module.statements)
    after = start_line(module.after) if module.after else None
    top = lines if after is None else [*lines[:after - 1], "pass" + (line_end(lines[0]) or "\n")]
    context = CodemodContext()
    for spec in imports:
        AddImportsVisitor.add_needed_import(context, spec.module, spec.obj, spec.asname)
    new = AddImportsVisitor(context).transform_module(cst.parse_module("".join(top))).code
    if after is None:
        return new
    if not new.endswith(top[-1]):
        raise EditError("the imports a fix needs could not be added")
    return new[: len(new) - len(top[-1])] + "".join(lines[after - 1:])



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
