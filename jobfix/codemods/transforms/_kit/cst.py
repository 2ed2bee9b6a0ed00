"""Small LibCST edits that keep a call's layout: one-argument-per-line calls stay that way, trailing
commas stay trailing, comments stay with the argument they were written after."""

from __future__ import annotations

from dataclasses import dataclass

from jobfix.codemods.engine.model import RewriteContext
from jobfix.codemods.transforms._kit.lazy_cst import cst


@dataclass(frozen=True)
class SetKeyword:
    """A rewrite of a call: give keyword ``name`` the expression ``value`` (added if absent)."""

    name: str
    value: str

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        return set_keyword(node, self.name, self.value)


def _closing_part(ws: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The same line break and indentation without the comment (for a new neighbour)."""
    if isinstance(ws, cst.ParenthesizedWhitespace):
        return ws.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=())
    return ws


def _joined(previous: cst.BaseParenthesizableWhitespace, separator: cst.BaseParenthesizableWhitespace):
    """Whitespace after ``previous``'s comma: its own comment, then the layout of ``separator``."""
    if isinstance(previous, cst.ParenthesizedWhitespace) and isinstance(separator, cst.ParenthesizedWhitespace):
        return separator.with_changes(first_line=previous.first_line, empty_lines=previous.empty_lines)
    if isinstance(previous, cst.ParenthesizedWhitespace):
        return previous  # a comment forces the line break; keep it
    return separator


def _separator(call: cst.Call, index: int) -> cst.BaseParenthesizableWhitespace:
    """How arguments of this call are separated: copied from an existing comma, or the opening."""
    for arg in reversed(call.args[:index]):
        if isinstance(arg.comma, cst.Comma) and arg is not call.args[-1]:
            return _closing_part(arg.comma.whitespace_after)
    if isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        return _closing_part(call.whitespace_before_args)
    return cst.SimpleWhitespace(" ")


def keyword_arg(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def set_keyword(call: cst.Call, name: str, value: str) -> cst.Call:
    """Give keyword ``name`` the expression ``value``: replaced in place if present, else added."""
    existing = keyword_arg(call, name)
    if existing is None:
        return add_keyword(call, name, value)
    new_value = cst.parse_expression(value)
    return call.with_changes(
        args=[a.with_changes(value=new_value) if a is existing else a for a in call.args]
    )


def add_keyword(call: cst.Call, name: str, value: str) -> cst.Call:
    """``call`` with ``name=value`` added after the last keyword (before any ``**kwargs``)."""
    args = list(call.args)
    new = cst.Arg(
        value=cst.parse_expression(value),
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    index = next((i for i, a in enumerate(args) if a.star == "**"), len(args))
    if not args:
        return call.with_changes(args=[new])
    separator = _separator(call, index)
    if index < len(args):  # before **kwargs: reuse the comma that precedes it
        before = args[index - 1] if index else None
        comma = before.comma if before is not None and isinstance(before.comma, cst.Comma) else cst.Comma(
            whitespace_after=separator
        )
        new = new.with_changes(comma=cst.Comma(whitespace_after=_closing_part(comma.whitespace_after)))
        return call.with_changes(args=[*args[:index], new, *args[index:]])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):  # trailing comma: it moves to the new last argument
        closing = last.comma.whitespace_after
        last = last.with_changes(comma=last.comma.with_changes(whitespace_after=_joined(closing, separator)))
        new = new.with_changes(comma=cst.Comma(whitespace_after=_closing_part(closing)))
    else:
        closing = last.whitespace_after_arg
        last = last.with_changes(
            comma=cst.Comma(whitespace_after=_joined(closing, separator)),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        new = new.with_changes(whitespace_after_arg=_closing_part(closing))
    return call.with_changes(args=[*args[:-1], last, new])


def remove_keyword(call: cst.Call, name: str) -> cst.Call:
    """``call`` without keyword ``name``; a removed last argument hands its comma to the one before."""
    args = list(call.args)
    index = next((i for i, a in enumerate(args) if a.keyword is not None and a.keyword.value == name), None)
    if index is None:
        return call
    removed = args.pop(index)
    if index == len(args) and args:
        args[-1] = args[-1].with_changes(comma=removed.comma, whitespace_after_arg=removed.whitespace_after_arg)
    return call.with_changes(args=args)


@dataclass(frozen=True)
class RemoveStatement:
    """A rewrite of a small statement (``cst.Expr``, ``cst.Assign``): remove it.

    A block left empty gets ``pass`` (LibCST's code generation adds it).
    """

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.RemovalSentinel:
        return cst.RemovalSentinel.REMOVE


@dataclass(frozen=True)
class RemoveUnusedImports:
    """A module rewrite (``Edit.target=None``): drop the ``from module import obj`` imports that the
    fixes left unused (LibCST's RemoveImportsVisitor keeps any that are still used)."""

    names: tuple[tuple[str, str], ...]

    def __call__(self, module: cst.CSTNode, ctx: RewriteContext) -> cst.Module:
        from libcst.codemod import CodemodContext
        from libcst.codemod.visitors import RemoveImportsVisitor

        context = CodemodContext()
        for module_name, obj in self.names:
            RemoveImportsVisitor.remove_unused_import(context, module_name, obj)
        new = RemoveImportsVisitor(context).transform_module(module)
        first = new.body[0] if new.body else None
        if first is not None and module.body and first is not module.body[0]:  # the file's first import went
            lines = list(first.leading_lines)
            while lines and lines[0].comment is None:
                lines.pop(0)  # no blank line at the top of the file
            new = new.with_changes(body=[first.with_changes(leading_lines=lines), *new.body[1:]])
        return new


@dataclass(frozen=True)
class GuardCallStatement:
    """A rewrite of a statement line that is one call (``frappe.enqueue(...)``): give the call
    ``keywords`` (as SetKeyword does), then run it only when ``test`` holds.

    ``before`` statements go ahead of the ``if`` (they take over the line's leading comments);
    ``orelse`` statements, when given, form its ``else``. Code is written as source text and
    parsed with the module's settings, so tabs and line endings follow the file.
    """

    test: str
    keywords: tuple[tuple[str, str], ...] = ()
    before: tuple[str, ...] = ()
    orelse: tuple[str, ...] = ()

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.FlattenSentinel:
        if not is_call_statement(node):
            raise ValueError("the statement is no longer a single call")
        expr = node.body[0]
        call = expr.value
        for name, value in self.keywords:
            call = set_keyword(call, name, value)
        config = ctx.module.config_for_parsing
        inner = node.with_changes(body=[expr.with_changes(value=call)], leading_lines=())
        orelse = None
        if self.orelse:
            orelse = cst.Else(body=cst.IndentedBlock(body=[cst.parse_statement(s, config) for s in self.orelse]))
        guard = cst.If(test=cst.parse_expression(self.test, config), body=cst.IndentedBlock(body=[inner]), orelse=orelse)
        statements = [cst.parse_statement(s, config) for s in self.before] + [guard]
        statements[0] = statements[0].with_changes(leading_lines=node.leading_lines)
        return cst.FlattenSentinel(statements)


def is_call_statement(node: cst.CSTNode) -> bool:
    """A statement line holding exactly one expression statement that is a call."""
    return (
        isinstance(node, cst.SimpleStatementLine)
        and len(node.body) == 1
        and isinstance(node.body[0], cst.Expr)
        and isinstance(node.body[0].value, cst.Call)
    )


@dataclass(frozen=True)
class AddKeywordOnlyParams:
    """A rewrite of a function: add keyword-only parameters ``name=default`` (see add_keyword_only_params)."""

    params: tuple[tuple[str, str], ...]

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        return add_keyword_only_params(node, self.params)


def add_keyword_only_params(func: cst.FunctionDef, params: tuple[tuple[str, str], ...]) -> cst.FunctionDef:
    """``func`` with keyword-only ``name=default`` parameters after the existing ones (before
    ``**kwargs``), adding the bare ``*`` when there is no ``*args``. Existing callers stay valid;
    a one-parameter-per-line signature stays that way, its trailing comma and comments in place.
    Parameters the function already has are not added again."""
    p = func.params
    present = {param.name.value for param in (*p.posonly_params, *p.params, *p.kwonly_params)}
    params = tuple((name, value) for name, value in params if name not in present)
    if not params:
        return func
    no_space = cst.SimpleWhitespace("")
    new: list = [
        cst.Param(cst.Name(name), default=cst.parse_expression(value), equal=cst.AssignEqual(no_space, no_space))
        for name, value in params
    ]
    star_arg = p.star_arg
    if not isinstance(star_arg, (cst.Param, cst.ParamStar)):
        star_arg = cst.ParamStar()
        new.insert(0, star_arg)
    existing = [
        *p.posonly_params,
        *([p.posonly_ind] if isinstance(p.posonly_ind, cst.ParamSlash) else []),
        *p.params,
        *([p.star_arg] if isinstance(p.star_arg, (cst.Param, cst.ParamStar)) else []),
        *p.kwonly_params,
    ]
    separator = next(
        (_closing_part(e.comma.whitespace_after) for e in existing[:-1] if isinstance(e.comma, cst.Comma)),
        _closing_part(func.whitespace_before_params) if existing else cst.SimpleWhitespace(" "),
    )
    if not isinstance(separator, cst.ParenthesizedWhitespace):
        separator = cst.SimpleWhitespace(" ")
    replaced: dict[int, cst.CSTNode] = {}
    last = existing[-1] if existing else None
    if p.star_kwarg is not None or last is None:
        new = [n.with_changes(comma=cst.Comma(whitespace_after=separator)) for n in new]
        if p.star_kwarg is None:  # nothing follows: no trailing comma
            new[-1] = new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    else:
        closing = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else None
        new = [n.with_changes(comma=cst.Comma(whitespace_after=separator)) for n in new]
        if closing is not None:  # a trailing comma: it moves to the new last parameter
            replaced[id(last)] = last.with_changes(comma=last.comma.with_changes(whitespace_after=_joined(closing, separator)))
            new[-1] = new[-1].with_changes(comma=cst.Comma(whitespace_after=_closing_part(closing)))
        else:
            changes = {"comma": cst.Comma(whitespace_after=separator)}
            if isinstance(last, cst.Param):
                changes["whitespace_after_param"] = no_space
                new[-1] = new[-1].with_changes(whitespace_after_param=last.whitespace_after_param)
            replaced[id(last)] = last.with_changes(**changes)
            new[-1] = new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)

    def kept(nodes):
        return [replaced.get(id(n), n) for n in nodes]

    added_star = new[0] if isinstance(new[0], cst.ParamStar) else None
    params_node = p.with_changes(
        posonly_params=kept(p.posonly_params),
        posonly_ind=replaced.get(id(p.posonly_ind), p.posonly_ind),
        params=kept(p.params),
        star_arg=added_star or replaced.get(id(p.star_arg), p.star_arg),
        kwonly_params=[*kept(p.kwonly_params), *(n for n in new if n is not added_star)],
    )
    return func.with_changes(params=params_node)
