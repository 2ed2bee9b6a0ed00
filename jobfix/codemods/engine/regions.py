"""Where in a module the edits of a fix fall, read with ``ast``, so that LibCST parses only those
statements instead of the whole module (a fix spent 85 % of its time in LibCST on whole modules).

A *region* is a run of whole lines: the statements an edit's target lies in, chosen as deep as a
snippet can hold them. A snippet is the region with the headers of the definitions around it
(``class ...:``, ``def ...:``) above it: valid Python whose statements keep their columns, and
whose lines are the module's shifted by a known number.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from jobfix.codemods.engine.model import EditError

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Region:
    """Lines ``first``..``last`` (1-based, inclusive), the header lines of the definitions around
    them (outermost first), and a line of the same block outside the region (None when the region
    is the whole block) where the snippet writes ``pass``: a fix that removes the region must
    not find its block empty in the snippet when it is not in the module (LibCST would add a
    ``pass`` there)."""

    first: int
    last: int
    headers: tuple[tuple[int, int], ...] = ()
    sibling: int | None = None
    statements: tuple[ast.stmt, ...] = field(default=(), compare=False, repr=False)

    def snippet(self, lines: list[str], indent: str) -> Snippet:
        """The region of the module's ``lines`` (with their line ends), under its headers.

        Above them, ``if 1:`` and ``pass`` indented by ``indent``: LibCST gives the blocks indented
        as the module's first block no indentation of their own, so the snippet's first block
        must be indented as the module's is."""
        newline = line_end(lines[0]) or "\n"
        out = ["if 1:" + newline, indent + "pass" + newline]
        for first, last in self.headers:
            out += lines[first - 1:last]
        before = len(out)
        out += lines[self.first - 1:self.last]
        if self.sibling is None:
            return Snippet(out, before, 0, "")
        missing_end = "" if line_end(out[-1]) else newline  # the region ends the file
        out[-1] += missing_end
        line = lines[self.sibling - 1]
        out.append(line[: len(line) - len(line.lstrip(" \t\f"))] + "pass" + newline)
        return Snippet(out, before, 1, missing_end)


@dataclass(frozen=True)
class Snippet:
    """A region's snippet: its lines, how many come before and after the region's own, and the line
    end added to the region's last line (none in the module)."""

    lines: list[str]
    before: int
    after: int
    added_end: str

    def region_of(self, new_lines: list[str]) -> list[str] | None:
        """The region's lines in ``new_lines`` (the snippet as a fix printed it), when the lines
        around them came out as they went in; else None."""
        before, after = self.before, self.after
        if new_lines[:before] != self.lines[:before] or new_lines[len(new_lines) - after:] != self.lines[len(self.lines) - after:]:
            return None
        region = new_lines[before:len(new_lines) - after]
        if self.added_end:
            if not region or not region[-1].endswith(self.added_end):
                return None
            region[-1] = region[-1][: -len(self.added_end)]
        return region


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends, as Python counts lines (only CR, LF and CRLF end one)."""
    return LINE.findall(text)


LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def line_end(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    return line[-1:] if line[-1:] in ("\n", "\r") else ""


def start_line(stmt: ast.stmt) -> int:
    """The first line of a statement: its first decorator's, for a decorated definition."""
    decorators = getattr(stmt, "decorator_list", None)
    return min([stmt.lineno, *(d.lineno for d in decorators)]) if decorators else stmt.lineno


def regions(tree: ast.Module, lines: list[str], target_lines: list[int]) -> list[Region] | None:
    """The regions holding ``target_lines``, merged where they overlap, in line order; None when a
    target lies outside every statement (the whole module is then the only safe snippet)."""
    found: list[Region] = []
    for line in target_lines:
        region = _region(tree.body, lines, line, ())
        if region is None:
            return None
        found.append(region)
    found.sort(key=lambda r: (r.first, -r.last))
    merged: list[Region] = []
    for region in found:
        last = merged[-1] if merged else None
        if last is not None and region.first <= last.last:
            if region.last > last.last:
                return None  # regions are nested or apart; never seen otherwise, but not assumed
            continue  # inside the last one
        merged.append(region)
    return merged


def _region(block: list[ast.stmt], lines: list[str], line: int, headers: tuple) -> Region | None:
    """The region of ``line`` among the statements of ``block``: the statements whose lines hold
    it (and those sharing their lines), or deeper, inside a definition whose body starts on a line
    of its own."""
    hit = [i for i, stmt in enumerate(block) if start_line(stmt) <= line <= stmt.end_lineno]
    if not hit:
        return None
    low, high = hit[0], hit[-1]
    first, last = start_line(block[low]), block[high].end_lineno
    while low > 0 and block[low - 1].end_lineno >= first:  # `a = 1; b = f(` ... on shared lines
        low -= 1
        first = min(first, start_line(block[low]))
    while high + 1 < len(block) and start_line(block[high + 1]) <= last:
        high += 1
        last = max(last, block[high].end_lineno)
    stmt = block[low]
    if low == high and isinstance(stmt, DEFINITIONS):
        body_start = start_line(stmt.body[0])
        if line >= body_start and _on_own_line(stmt.body[0], lines) and body_start > stmt.lineno:
            inner = _region(stmt.body, lines, line, (*headers, (first, body_start - 1)))
            if inner is not None:
                return inner
    statements = tuple(block[low:high + 1])
    if not headers:
        return Region(first, last, statements=statements)  # an empty module is valid: nothing to keep
    others = [start_line(s) for s in (*reversed(block[:low]), *block[high + 1:]) if _on_own_line(s, lines)]
    return Region(first, last, headers, others[0] if others else None, statements)


# LibCST's parser is native code: on code nested several thousand levels deep it overflows its
# stack and kills the process (a long `a and b and ...` chain does it while ast copes), so the
# depth of what it will parse is measured with ast first. Real code stays far below this.
MAX_REWRITE_NESTING = 1000


def refuse_deep_code(statements) -> None:
    """EditError when LibCST's tree of ``statements`` would be nested too deeply to parse safely:
    as deep as ast's, except that LibCST nests ``a and b and c`` one level per operator where
    ast keeps one flat node."""
    deepest = 0
    stack = [(node, 1) for node in statements]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        step = len(node.values) - 1 if isinstance(node, ast.BoolOp) else 1
        stack.extend((child, depth + step) for child in ast.iter_child_nodes(node))
    if deepest > MAX_REWRITE_NESTING:
        raise EditError(f"the code is nested more than {MAX_REWRITE_NESTING} levels deep: too deep to rewrite safely")


def _on_own_line(stmt: ast.stmt, lines: list[str]) -> bool:
    """Whether nothing but indentation comes before ``stmt`` on its first line (not `def f(): x`;
    a decorator always starts a line). ``col_offset`` counts bytes: where it is all indentation,
    bytes and characters agree."""
    if getattr(stmt, "decorator_list", None):
        return True
    return lines[stmt.lineno - 1][: stmt.col_offset].strip() == ""


def default_indent(tree: ast.Module, lines: list[str]) -> str:
    """The indentation LibCST gives the module (``Module.default_indent``): that of the first line
    that starts an indented statement (the first INDENT token comes from it); four spaces when
    there is none."""
    for stmt in tree.body:
        if start_line(stmt) == stmt.end_lineno:
            continue  # on one line: no indented block
        starts = [
            start_line(node) for node in ast.walk(stmt)
            if node is not stmt and isinstance(node, ast.stmt) and _on_own_line(node, lines)
        ]
        starts += [  # `case` lines of a match statement (match_case has no position of its own)
            case.pattern.lineno for node in ast.walk(stmt) if isinstance(node, ast.Match) for case in node.cases
            if lines[case.pattern.lineno - 1].lstrip().startswith("case")
        ]
        if starts:
            line = lines[min(starts) - 1]
            return line[: len(line) - len(line.lstrip(" \t\f"))]
    return "    "


@dataclass(frozen=True)
class ModuleTop:
    """What LibCST's AddImportsVisitor reads at the top of a module: a first statement it keeps
    above the imports (a docstring, or ``__strict__ = ...``), the imports after it, and the
    statement after those (None at the end of the module)."""

    kept: ast.stmt | None
    imports: list[ast.stmt]
    after: ast.stmt | None

    @property
    def statements(self) -> list[ast.stmt]:
        return [*([self.kept] if self.kept else []), *self.imports]

    @property
    def last_line(self) -> int:
        return self.statements[-1].end_lineno if self.statements else 0


def module_top(tree: ast.Module) -> ModuleTop:
    body = tree.body
    first = body[0] if body else None
    kept = first if (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
        or isinstance(first, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__strict__" for t in first.targets)
    ) else None
    index = 1 if kept else 0
    imports = []
    while index < len(body) and isinstance(body[index], (ast.Import, ast.ImportFrom)):
        imports.append(body[index])
        index += 1
    return ModuleTop(kept, imports, body[index] if index < len(body) else None)


def missing_imports(tree: ast.Module, imports) -> list:
    """The imports (ImportSpec) not written, exactly so, at the top level of the module (read with
    ``ast``: a fraction of the LibCST pass that would otherwise find them there)."""
    present: set[tuple[str, str | None, str | None]] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            present.update((alias.name, None, alias.asname) for alias in stmt.names)
        elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
            present.update((stmt.module, alias.name, alias.asname) for alias in stmt.names)
    return [spec for spec in imports if (spec.module, spec.obj, spec.asname) not in present]


def insert_imports(lines: list[str], tree: ast.Module, imports) -> str | None:
    """The module (``lines``, read as ``tree``) with ``imports`` (ImportSpec) added as LibCST's
    AddImportsVisitor adds them, where that is plain: new ``import m`` and ``from m import a, b``
    lines, sorted, after the imports at the top, and a blank line between them and the next
    statement when none was there. None where the visitor would do more (extend an import from
    the same module, an alias, ``__future__``, no imports at the top, statements sharing a line):
    the caller asks LibCST then."""
    top = module_top(tree)
    if top.kept is not None and not _plain_docstring(top.kept, lines):
        return None  # a docstring LibCST reads otherwise, or `__strict__`
    block, after = top.imports, top.after
    read = [*top.statements, *([after] if after else [])]
    if not block or any(b.lineno <= a.end_lineno for a, b in zip(read, read[1:])):
        return None
    last = block[-1].end_lineno
    if not line_end(lines[last - 1]) or any(s.asname or s.module == "__future__" for s in imports):
        return None
    present = {alias.name for stmt in block if isinstance(stmt, ast.Import) for alias in stmt.names if not alias.asname}
    from_modules = {stmt.module for stmt in block if isinstance(stmt, ast.ImportFrom) and stmt.level == 0}
    wanted: dict[str, set[str]] = {}
    for spec in imports:
        if spec.obj is not None:
            if spec.module in from_modules:
                return None
            wanted.setdefault(spec.module, set()).add(spec.obj)
    modules = sorted({s.module for s in imports if s.obj is None} - present)
    if not modules and not wanted:
        return "".join(lines)
    newline = line_end(lines[0])
    new = [f"import {module}{newline}" for module in modules]
    new += [f"from {module} import {', '.join(sorted(wanted[module]))}{newline}" for module in sorted(wanted)]
    if after is not None:
        between = lines[last:start_line(after) - 1]
        if not between or between[0].strip().startswith("#"):
            new.append(newline)
    return "".join([*lines[:last], *new, *lines[last:]])


def _plain_docstring(stmt: ast.stmt, lines: list[str]) -> bool:
    """A first statement that is one string literal, triple-quoted (LibCST's SimpleString, which
    AddImportsVisitor keeps above the imports); not one made of several literals side by side."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
        return False
    text = "".join(lines[stmt.lineno - 1:stmt.end_lineno]).strip()
    body = text.lstrip("rRuU")
    quote = body[:3]
    return quote in ('"""', "'''") and body.count(quote) == 2 and body.endswith(quote) and stmt.col_offset == 0
