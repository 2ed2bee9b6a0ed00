"""Edits of the ``scheduler_events`` dict in hooks.py, written once for every rule that moves,
renames, adds or removes an entry.

Rules describe what they want as operations on entries addressed by their place in the original
dict (read with ``ast``); every accepted operation of one hooks.py is merged into one rewrite of
the dict, so rules compose (JF001 renames an entry that JF008 moves). Lists that an operation
does not touch are left byte for byte; a list that changes keeps its layout and every comment,
and a moved entry takes its comments along.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from jobfix.codemods.index.frappe_api import frequency_key
from jobfix.codemods.transforms._kit.lazy_cst import cst

from jobfix.codemods.engine.model import Edit, RewriteContext


@dataclass(frozen=True)
class EntryRef:
    """An entry's place in the original dict: key index, cron index (or None), list index."""

    key: int
    cron: int | None
    item: int


def entry_ref(scheduler_dict: ast.Dict, node: ast.expr) -> EntryRef:
    for ki, value in enumerate(scheduler_dict.values):
        if isinstance(value, ast.Dict):
            for ci, inner in enumerate(value.values):
                found = _item_index(inner, node)
                if found is not None:
                    return EntryRef(ki, ci, found)
        else:
            found = _item_index(value, node)
            if found is not None:
                return EntryRef(ki, None, found)
    raise ValueError("entry is not in scheduler_events")


def _item_index(container: ast.expr, node: ast.expr) -> int | None:
    if container is node:
        return 0
    if isinstance(container, (ast.List, ast.Tuple)):
        for i, elt in enumerate(container.elts):
            if elt is node:
                return i
    return None


@dataclass(frozen=True)
class Destination:
    key: str
    cron: str | None = None  # with key "cron": the expression


@dataclass(frozen=True)
class Replace:
    ref: EntryRef
    paths: tuple[str, ...]  # one path, or several (a missing comma split in two)


@dataclass(frozen=True)
class Move:
    ref: EntryRef
    to: Destination


@dataclass(frozen=True)
class Remove:
    ref: EntryRef


@dataclass(frozen=True)
class Add:
    path: str
    to: Destination


@dataclass(frozen=True)
class RenameKey:
    """The entries of the key at this index belong under ``name``: the key is renamed, or, when
    ``name`` already exists (or another rename took it), its entries join that key."""

    key: int
    name: str


@dataclass(frozen=True)
class ScheduleEdit:
    """A rewrite of the scheduler_events dict; edits of one dict merge into one."""

    ops: tuple = ()

    def merge(self, other: ScheduleEdit) -> ScheduleEdit:
        return ScheduleEdit(self.ops + other.ops)

    def __call__(self, node: cst.CSTNode, ctx: RewriteContext) -> cst.CSTNode:
        assert isinstance(node, cst.Dict)
        return _Schedule(node, ctx.module).apply(self.ops)


def schedule_edit(ctx, *ops) -> Edit:
    """An edit of the app's scheduler_events dict; it merges with other rules' edits of that dict."""
    return Edit(ctx.path, ScheduleEdit(tuple(ops)), ctx.target(ctx.app.hooks.scheduler_dict, "Dict"))


# -- a bracketed sequence (list, tuple or dict) taken apart into items that carry their comments --


@dataclass
class Item:
    node: cst.CSTNode  # an Element or a DictElement, comma stripped
    leading: tuple = ()  # EmptyLine comments above the item
    trailing: cst.TrailingWhitespace | None = None  # comment on the item's line
    removed: bool = False
    single: bool = False  # the key's whole value was this one string


@dataclass
class Seq:
    node: cst.CSTNode
    items: list[Item]
    multiline: bool
    opening: cst.BaseParenthesizableWhitespace
    closing: cst.BaseParenthesizableWhitespace
    trailing_comma: bool
    dirty: bool = False


_BRACKETS = {"List": ("lbracket", "rbracket"), "Dict": ("lbrace", "rbrace"), "Set": ("lbrace", "rbrace")}  # by name: LibCST loads on first use


def _open_close(node) -> tuple[cst.BaseParenthesizableWhitespace, cst.BaseParenthesizableWhitespace]:
    if isinstance(node, cst.Tuple):
        return node.lpar[0].whitespace_after, node.rpar[-1].whitespace_before
    left, right = _BRACKETS[type(node).__name__]
    return getattr(node, left).whitespace_after, getattr(node, right).whitespace_before


def take_apart(node) -> Seq:
    opening, closing = _open_close(node)
    items: list[Item] = []
    leading = tuple(opening.empty_lines) if isinstance(opening, cst.ParenthesizedWhitespace) else ()
    elements = list(node.elements)
    for i, element in enumerate(elements):
        after = element.comma.whitespace_after if isinstance(element.comma, cst.Comma) else None
        last = i == len(elements) - 1
        source = closing if last and not isinstance(after, cst.ParenthesizedWhitespace) else after
        trailing = source.first_line if isinstance(source, cst.ParenthesizedWhitespace) else None
        items.append(Item(element.with_changes(comma=cst.MaybeSentinel.DEFAULT), leading, trailing))
        leading = tuple(source.empty_lines) if isinstance(source, cst.ParenthesizedWhitespace) and not last else ()
    multiline = isinstance(opening, cst.ParenthesizedWhitespace) or any(
        isinstance(e.comma, cst.Comma) and isinstance(e.comma.whitespace_after, cst.ParenthesizedWhitespace)
        for e in elements
    )
    trailing_comma = bool(elements) and isinstance(elements[-1].comma, cst.Comma)
    return Seq(node, items, multiline, opening, closing, trailing_comma)


def _commented(items: list[Item]) -> bool:
    """Whether comments belong to these entries (above one, or after it on its line)."""
    return any(
        any(line.comment is not None for line in item.leading)
        or (item.trailing is not None and item.trailing.comment is not None)
        for item in items
    )


def _line(template: cst.BaseParenthesizableWhitespace, first_line=None, empty_lines=()) -> cst.ParenthesizedWhitespace:
    base = template if isinstance(template, cst.ParenthesizedWhitespace) else cst.ParenthesizedWhitespace()
    return base.with_changes(first_line=first_line or cst.TrailingWhitespace(), empty_lines=tuple(empty_lines))


def put_together(seq: Seq):
    """The sequence node rebuilt from its items, in its original layout."""
    items = [i for i in seq.items if not i.removed]
    elements = []
    if seq.multiline:
        separator = seq.opening
        opening_first = seq.opening.first_line if isinstance(seq.opening, cst.ParenthesizedWhitespace) else None
        opening = _line(separator, opening_first, items[0].leading if items else ())
        for i, item in enumerate(items):
            if i < len(items) - 1:
                comma = cst.Comma(whitespace_after=_line(separator, item.trailing, items[i + 1].leading))
            elif seq.trailing_comma:
                comma = cst.Comma()
            else:
                comma = cst.MaybeSentinel.DEFAULT
            elements.append(item.node.with_changes(comma=comma))
        closing_lines = seq.closing.empty_lines if isinstance(seq.closing, cst.ParenthesizedWhitespace) else ()
        closing = _line(seq.closing, items[-1].trailing if items else None, closing_lines)
    else:
        opening, closing = seq.opening, seq.closing
        for i, item in enumerate(items):
            last = i == len(items) - 1
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if not last else (
                cst.Comma() if seq.trailing_comma and len(items) > 1 else cst.MaybeSentinel.DEFAULT
            )
            elements.append(item.node.with_changes(comma=comma))
    node = seq.node
    if isinstance(node, cst.Tuple):
        return node.with_changes(
            elements=elements,
            lpar=[node.lpar[0].with_changes(whitespace_after=opening), *node.lpar[1:]],
            rpar=[*node.rpar[:-1], node.rpar[-1].with_changes(whitespace_before=closing)],
        )
    left, right = _BRACKETS[type(node).__name__]
    return node.with_changes(
        elements=elements,
        **{
            left: getattr(node, left).with_changes(whitespace_after=opening),
            right: getattr(node, right).with_changes(whitespace_before=closing),
        },
    )


# -- the scheduler_events dict ---------------------------------------------------------------


@dataclass
class _Slot:
    """The entries of one key, or of one cron expression."""

    seq: Seq | None  # None when the value is a single string
    single: Item | None = None
    added: list[Item] = field(default_factory=list)

    def items(self) -> list[Item]:
        return self.seq.items if self.seq is not None else [self.single]


class _Schedule:
    def __init__(self, node: cst.Dict, module: cst.Module):
        self.module = module
        self.outer = take_apart(node)
        self.slots: dict[tuple[int, int | None], _Slot] = {}
        self.cron_seqs: dict[int, Seq] = {}
        self.new_keys: dict[str, tuple[int | None, list[Item]]] = {}
        self.new_crons: dict[str, list[Item]] = {}
        self.new_cron_source: int | None = None  # where a new `cron` key goes: after its first entry's key

    # reading
    def key_name(self, ki: int) -> str | None:
        key = self.outer.items[ki].node.key
        return key.evaluated_value if isinstance(key, cst.SimpleString) else None

    def slot(self, ki: int, ci: int | None) -> _Slot:
        if (ki, ci) not in self.slots:
            value = self.outer.items[ki].node.value
            if ci is not None:
                if ki not in self.cron_seqs:
                    self.cron_seqs[ki] = take_apart(value)
                value = self.cron_seqs[ki].items[ci].node.value
            if isinstance(value, (cst.List, cst.Tuple)):
                self.slots[(ki, ci)] = _Slot(take_apart(value))
            else:
                self.slots[(ki, ci)] = _Slot(None, Item(cst.Element(value), single=True))
        return self.slots[(ki, ci)]

    def find_key(self, name: str) -> int | None:
        """The key Frappe reads as ``name``: ``"Daily"`` and ``"daily"`` are one frequency
        (``frequency_key``); a cron table only under ``cron`` itself."""
        wanted = name if name == "cron" else frequency_key(name)
        for ki in range(len(self.outer.items)):
            key = self.key_name(ki)
            if key is not None and (key if name == "cron" else frequency_key(key)) == wanted and not self.outer.items[ki].removed:
                return ki
        return None

    # operations
    def apply(self, ops) -> cst.Dict:
        # the entry each op names, found before any op runs: a split entry shifts those after it
        named = {id(op): self.slot(op.ref.key, op.ref.cron).items()[op.ref.item]
                 for op in ops if isinstance(op, (Replace, Move, Remove))}
        joins = []
        for op in ops:  # renames first, so moves and adds below find keys by their new names
            if isinstance(op, RenameKey) and self.find_key(op.name) not in (None, op.key):
                joins.append(op)
            elif isinstance(op, RenameKey):
                holder = self.outer.items[op.key]
                holder.node = holder.node.with_changes(key=self.string(op.name, holder.node.key))
        for op in ops:
            if isinstance(op, Replace):
                self.replace(op, named[id(op)])
        for op in joins:
            for index in range(len(self.slot(op.key, None).items())):
                self.put(self.take(EntryRef(op.key, None, index)), Destination(op.name), source_key=op.key)
        for op in ops:
            if isinstance(op, (Move, Remove)):
                item = self.take(op.ref, named[id(op)])
                if isinstance(op, Move):
                    self.put(item, op.to, source_key=op.ref.key)
            elif isinstance(op, Add):
                self.put(Item(cst.Element(self.string(op.path))), op.to, source_key=None)
        return self.rebuild()

    def string(self, path: str, like: cst.CSTNode | None = None) -> cst.SimpleString:
        while isinstance(like, cst.ConcatenatedString):  # "a" "b": quote like its first piece
            like = like.left
        quote = "'" if isinstance(like, cst.SimpleString) and like.value.startswith("'") else '"'
        return cst.SimpleString(f"{quote}{path}{quote}")

    def replace(self, op: Replace, item: Item) -> None:
        slot = self.slot(op.ref.key, op.ref.cron)
        first, *rest = [self.string(p, item.node.value) for p in op.paths]
        item.node = item.node.with_changes(value=first)
        if slot.seq is None and rest:
            slot.seq = Seq(cst.List([]), [item], False, cst.SimpleWhitespace(""), cst.SimpleWhitespace(""), False)
            slot.single = None
        if slot.seq is not None:
            at = slot.seq.items.index(item) + 1
            slot.seq.items[at:at] = [Item(cst.Element(v)) for v in rest]
            slot.seq.dirty = True

    def take(self, ref: EntryRef, item: Item | None = None) -> Item:
        slot = self.slot(ref.key, ref.cron)
        item = item or slot.items()[ref.item]
        moved = replace(item)
        item.removed = True
        if slot.seq is not None:
            slot.seq.dirty = True
        return moved

    def put(self, item: Item, to: Destination, source_key: int | None) -> None:
        item.removed = False
        if to.cron is not None:
            ki = self.find_key("cron")
            if ki is not None and isinstance(self.outer.items[ki].node.value, cst.Dict):
                seq = self.cron_seqs.setdefault(ki, take_apart(self.outer.items[ki].node.value))
                for ci, cron_item in enumerate(seq.items):
                    if isinstance(cron_item.node.key, cst.SimpleString) and cron_item.node.key.evaluated_value == to.cron:
                        self.slot(ki, ci).added.append(item)
                        return
            self.new_crons.setdefault(to.cron, []).append(item)
            self.new_cron_source = source_key if self.new_cron_source is None else self.new_cron_source
            return
        ki = self.find_key(to.key)
        if ki is not None:
            self.slot(ki, None).added.append(item)
        else:
            self.new_keys.setdefault(to.key, (source_key, []))[1].append(item)

    # writing
    def rebuild(self) -> cst.Dict:
        for (ki, ci), slot in sorted(self.slots.items(), key=lambda kv: (kv[0][0], kv[0][1] or -1)):
            value = self.slot_value(slot)
            if ci is None:
                self.set_value(self.outer.items[ki], value)
            else:
                self.set_value(self.cron_seqs[ki].items[ci], value)
        for ki, seq in self.cron_seqs.items():
            if self.new_crons and self.key_name(ki) == "cron":
                for cron, items in self.new_crons.items():
                    value = self.new_list(items, depth=3, multiline=self.lists_multiline(seq))
                    seq.items.append(Item(cst.DictElement(self.string(cron), value)))
                self.new_crons = {}
            if all(i.removed for i in seq.items):
                self.outer.items[ki].removed = True  # its value stays: a new key may follow its layout
            else:
                self.outer.items[ki].node = self.outer.items[ki].node.with_changes(value=put_together(seq))
        self.add_new_keys()
        return put_together(self.outer)

    def slot_value(self, slot: _Slot) -> cst.BaseExpression | None:
        if slot.seq is None:
            items = [i for i in [slot.single, *slot.added] if not i.removed]
            if not items:
                return None
            if len(items) == 1 and not slot.added:
                return items[0].node.value
            return self.new_list(items, depth=2, multiline=_commented(items))
        if slot.added:
            if not slot.seq.multiline and _commented(slot.added):  # one entry a line, so its comments stay with it
                depth = 2 if next(k for k, v in self.slots.items() if v is slot)[1] is None else 3
                slot.seq.opening = cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(self.indent(depth)))
                slot.seq.closing = cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(self.indent(depth - 1)))
                slot.seq.multiline = slot.seq.trailing_comma = True
            slot.seq.items.extend(slot.added)
            slot.seq.dirty = True
        if not any(not i.removed for i in slot.seq.items):
            return None
        return put_together(slot.seq) if slot.seq.dirty else slot.seq.node

    def set_value(self, holder: Item, value: cst.BaseExpression | None) -> None:
        if value is None:
            holder.removed = True
        else:
            holder.node = holder.node.with_changes(value=value)

    def indent(self, depth: int) -> str:
        outer = self.outer.opening
        unit = self.module.default_indent
        if isinstance(outer, cst.ParenthesizedWhitespace) and outer.last_line.value:
            unit = outer.last_line.value
        return unit * depth

    def lists_multiline(self, seq: Seq) -> bool:
        """Whether the lists of this dict are written one entry per line: new lists follow them."""
        for item in seq.items:
            value = getattr(item.node, "value", None)
            if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
                return take_apart(value).multiline
        return seq.multiline

    def layout_of(self, source: Item | None) -> bool:
        """New lists are written like those of the key their entries come from, else like the dict's."""
        value = getattr(source.node, "value", None) if source is not None else None
        if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
            return take_apart(value).multiline
        if isinstance(value, cst.Dict) and value.elements:
            return self.lists_multiline(take_apart(value))
        return self.lists_multiline(self.outer)

    def new_list(self, items: list[Item], depth: int, multiline: bool | None = None) -> cst.List:
        if multiline is None:
            multiline = self.lists_multiline(self.outer)
        multiline = multiline or _commented(items)
        if multiline:
            opening = cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(self.indent(depth)))
            closing = cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(self.indent(depth - 1)))
        else:
            opening = closing = cst.SimpleWhitespace("")
        seq = Seq(cst.List([]), list(items), multiline, opening, closing, multiline)
        return put_together(seq)

    def add_new_keys(self) -> None:
        like = self.outer.items[0].node if self.outer.items else None
        if self.new_crons:
            self.new_keys["cron"] = (self.new_cron_source, [])
        anchors = {name: self.outer.items[s] if s is not None else None for name, (s, _) in self.new_keys.items()}
        placed: dict[int, int] = {}  # id(anchor) -> new keys already put after it
        for name, (source_key, items) in self.new_keys.items():
            multiline = self.layout_of(anchors[name])
            if name == "cron":
                crons = [
                    Item(cst.DictElement(self.string(c, like.key if like else None), self.new_list(i, 3, multiline)))
                    for c, i in self.new_crons.items()
                ]
                opening = cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(self.indent(2)))
                closing = cst.ParenthesizedWhitespace(indent=True, last_line=cst.SimpleWhitespace(self.indent(1)))
                if not self.outer.multiline:
                    opening = closing = cst.SimpleWhitespace("")
                value = put_together(Seq(cst.Dict([]), crons, self.outer.multiline, opening, closing, self.outer.multiline))
            elif len(items) == 1 and items[0].single:
                value = items[0].node.value  # a single string stays a single string
            else:
                value = self.new_list(items, 2, multiline)
            element = cst.DictElement(self.string(name, like.key if like else None), value)
            if like is not None:
                element = element.with_changes(
                    whitespace_before_colon=like.whitespace_before_colon,
                    whitespace_after_colon=like.whitespace_after_colon,
                )
            new_item = Item(element)
            anchor = anchors[name]
            if anchor is None:
                self.outer.items.append(new_item)
                continue
            if anchor.removed and id(anchor) not in placed:  # the emptied key's place and comments
                new_item.leading, new_item.trailing = anchor.leading, anchor.trailing
            after = placed.get(id(anchor), 0)
            self.outer.items.insert(self.outer.items.index(anchor) + 1 + after, new_item)
            placed[id(anchor)] = after + 1
        self.outer.dirty = True
