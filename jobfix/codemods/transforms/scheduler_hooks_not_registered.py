from __future__ import annotations

import ast
import io
import tokenize
from typing import TYPE_CHECKING

from jobfix.codemods.index.frappe_api import MAINTENANCE_KEYS, frequency_key
from jobfix.codemods.engine.model import Applicability
from jobfix.codemods.index.pymodule import FUNCTION_NODES, literal_string
from jobfix.codemods.transforms.base import Contract, Transform

if TYPE_CHECKING:
    from jobfix.codemods.index.app import SchedulerEntry

NOT_RUN = "`bench migrate` skips it with only a console warning and it never runs"


class SchedulerHooksNotRegistered(Transform):
    code = "JF002"
    name = "scheduler-hooks-not-registered"
    summary = "Scheduler entry or key that Frappe will not run: missing function, missing comma, duplicate or unknown key"
    rationale = (
        "`bench migrate` turns scheduler_events into Scheduled Job Types. An entry whose dotted path "
        "names no function is skipped with a console warning nobody reads; two paths merged by a "
        "missing comma name nothing; a key written twice keeps only its last list; a key that is not "
        "a Frappe frequency (or a cron table under a key other than `cron`, dropped from v16 on) "
        "never runs. Real apps carried such entries for years."
    )
    bad = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": [
        "myapp.tasks.archive"
        "myapp.tasks.purge",
    ],
    "dayly": ["myapp.tasks.old_report"],
}
'''
    good = '''\
# myapp/hooks.py
scheduler_events = {
    "daily": [
        "myapp.tasks.archive",
        "myapp.tasks.purge",
        "myapp.tasks.old_report",
    ],
}
'''
    example_app = '''\
# myapp/tasks.py
def archive(): ...
def purge(): ...
def old_report(): ...
'''
    applicability = Applicability.SAFE
    contract = Contract("entries Frappe skipped run, on their key's queue", frozenset({"schedule", "queues"}))
    fix_safety = (
        "Inserting a missing comma is safe when both halves name functions of the app; moving a cron "
        "table under `cron` keeps its schedule. Pointing an entry at the one function of that name "
        "the app has, or moving the entries of a misspelt key to the key it resembles, is a guess: "
        "unsafe. A duplicated key is display-only: which list was meant is for a person to say."
    )
    version_notes = (
        "Valid keys follow the target version: `hourly_maintenance` and "
        "`daily_maintenance` from v16 and their v15 backport (15.72.4 is the first release known to "
        "have them); cron tables only under `cron` from v16. Run `bench migrate` after any change "
        "to scheduler_events."
    )
    reads_hooks = True

    def check(self, ctx):
        if not ctx.is_hooks:
            return
        hooks = ctx.app.hooks
        if hooks.scheduler_unreadable is not None:
            yield self.unreadable(ctx)
        if hooks.scheduler_dict is None:
            return
        yield from self.keys(ctx)
        yield from self.duplicates(ctx)
        for entry in hooks.scheduler_entries:
            finding = self.entry(ctx, entry)
            if finding is not None:
                yield finding

    def unreadable(self, ctx):
        hooks = ctx.app.hooks
        stmt = hooks.scheduler_assign
        where = getattr(stmt, "targets", [getattr(stmt, "target", stmt)])[0]
        return self.finding(
            ctx,
            where,
            f"{hooks.scheduler_unreadable}: jobfix reads scheduler_events only as one dict literal, so "
            "its entries were not checked (JF001, JF002, JF008, JF011)",
            self.advice("Write scheduler_events as one dict literal of string keys and lists of dotted paths"),
        )

    # -- keys ----------------------------------------------------------------------------------
    def keys(self, ctx):
        scheduler = ctx.app.hooks.scheduler_dict
        for index, (key_node, value) in enumerate(zip(scheduler.keys, scheduler.values)):
            key = literal_string(key_node)
            if key is None:
                continue
            if isinstance(value, ast.Dict):
                if key != "cron":
                    yield self.cron_elsewhere(ctx, index, key_node, key)
            elif key == "cron":
                yield self.finding(
                    ctx,
                    key_node,
                    "`cron` is not a table of cron expressions: Frappe reads it as a Cron job without an "
                    "expression, which never runs",
                    self.advice('Write `"cron": {"<expression>": ["<dotted path>"]}`'),
                )
            elif frequency_key(key) not in ctx.frappe.scheduler_keys:
                yield self.unknown_key(ctx, index, key_node, key)  # "Daily" works: it is the same frequency

    def unknown_key(self, ctx, index: int, key_node: ast.expr, key: str):
        from jobfix.codemods.transforms._kit.hooks_edit import RenameKey, schedule_edit

        valid = ctx.frappe.scheduler_keys - {"cron"}
        if key.lower() in MAINTENANCE_KEYS:
            why = f"`{key}` is not a frequency of the target: {ctx.frappe.lacks('maintenance_keys')}; its entries never run"
            meant = key.lower().replace("_maintenance", "_long")  # the same long queue, the same frequency
        else:
            frequency = key.replace("_", " ").title()
            why = f"`{key}` is not a scheduler event Frappe knows (frequency {frequency!r}): its entries never run"
            meant = _closest(key, valid)
        if meant is None:
            return self.finding(ctx, key_node, why, self.advice(f"Use one of: {', '.join(sorted(valid))}"))
        exists = meant in {literal_string(k) for k in ctx.app.hooks.scheduler_dict.keys}
        how = f"Move its entries to the existing `{meant}`" if exists else f"Rename it to `{meant}`"
        fix = self.fix(how, schedule_edit(ctx, RenameKey(index, meant)), applicability=Applicability.UNSAFE)
        return self.finding(ctx, key_node, f"{why}; did you mean `{meant}`?", fix)

    def cron_elsewhere(self, ctx, index: int, key_node: ast.expr, key: str):
        from jobfix.codemods.transforms._kit.hooks_edit import Destination, Move, entry_ref, schedule_edit

        if ctx.frappe.has("cron_key_only"):
            why = (
                f"on {ctx.frappe} `bench migrate` inserts these cron jobs and deletes them again in the "
                "same run (only cron tables under `cron` are kept): they never run"
            )
        else:
            why = "this works up to v15, but from v16 on only cron tables under `cron` are kept"
        message = f"cron table under `{key}` instead of `cron`: {why}"
        entries = self.entries_of(ctx, index)
        hooks = ctx.app.hooks
        cron_key = next((v for k, v in zip(hooks.scheduler_dict.keys, hooks.scheduler_dict.values) if literal_string(k) == "cron"), None)
        if not entries or any(e.cron == "?" for e in entries) or (cron_key is not None and not isinstance(cron_key, ast.Dict)):
            return self.finding(ctx, key_node, message, self.advice("Move the table's expressions under `cron`"))
        moves = [Move(entry_ref(hooks.scheduler_dict, e.node), Destination("cron", e.cron)) for e in entries]
        return self.finding(ctx, key_node, message, self.fix("Move the table's entries under `cron`", schedule_edit(ctx, *moves)))

    def entries_of(self, ctx, index: int) -> list[SchedulerEntry]:
        from jobfix.codemods.transforms._kit.hooks_edit import entry_ref

        hooks = ctx.app.hooks
        return [e for e in hooks.scheduler_entries if entry_ref(hooks.scheduler_dict, e.node).key == index]

    def duplicates(self, ctx):
        """Keys (and cron expressions) written twice: Python keeps the last value only."""
        scheduler = ctx.app.hooks.scheduler_dict
        tables = [scheduler] + [v for v in scheduler.values if isinstance(v, ast.Dict)]
        for table in tables:
            first: dict[str, ast.expr] = {}
            for key_node, value in zip(table.keys, table.values):
                key = literal_string(key_node)
                if key is None:
                    continue
                if key in first:
                    lost = _paths(first[key])
                    what = f"`{key}`" if table is scheduler else f"cron expression {key!r}"
                    yield self.finding(
                        ctx,
                        key_node,
                        f"{what} is given twice in scheduler_events: Python keeps only the last value, so "
                        f"the entries of line {first[key].lineno} ({lost}) never run",
                        self.advice(f"Merge both lists into one {what}"),
                    )
                first[key] = value

    # -- entries -------------------------------------------------------------------------------
    def entry(self, ctx, entry: SchedulerEntry):
        from jobfix.codemods.index.app import DOTTED_PATH
        from jobfix.codemods.transforms._kit.hooks_edit import Replace, entry_ref, schedule_edit

        if entry.path is None:
            return None  # not a string: JF001's
        pieces, has_comment = string_pieces(ctx.segment(entry.node))
        if len(pieces) > 1 and all(DOTTED_PATH.fullmatch(p) for p in pieces) and ctx.app.resolve(entry.path) is None:
            return self.missing_comma(ctx, entry, pieces, has_comment)
        if not DOTTED_PATH.fullmatch(entry.dotted or "") or not ctx.app.owns(entry.dotted):
            return None  # another app's (or frappe's) path: not ours to check
        reason = why_missing(ctx.app, entry.dotted)
        if reason is None:
            return None
        message = f"`{entry.dotted}` under {entry.event} names no function: {reason}, so {NOT_RUN}"
        moved = candidates(ctx.app, entry.dotted.rsplit(".", 1)[1]) if entry.plain else []
        if len(moved) != 1:
            return self.finding(ctx, entry.node, message, self.advice("Point the entry at the function, or remove it"))
        replace = Replace(entry_ref(ctx.app.hooks.scheduler_dict, entry.node), (moved[0],))
        return self.finding(
            ctx,
            entry.node,
            message,
            self.fix(
                f"Point the entry at `{moved[0]}`, the app's only function of that name",
                schedule_edit(ctx, replace),
                applicability=Applicability.UNSAFE,
            ),
        )

    def missing_comma(self, ctx, entry: SchedulerEntry, pieces: list[str], has_comment: bool):
        from jobfix.codemods.transforms._kit.hooks_edit import Replace, entry_ref, schedule_edit

        joined = " and ".join(f"`{p}`" for p in pieces)
        message = (
            f"missing comma between {joined} under {entry.event}: the merged path names nothing, "
            "so `bench migrate` skips it with only a console warning and neither task runs"
        )
        if has_comment or not all(ctx.app.function(p) for p in pieces):
            return self.finding(ctx, entry.node, message, self.advice("Insert the missing comma"))
        replace = Replace(entry_ref(ctx.app.hooks.scheduler_dict, entry.node), tuple(pieces))
        return self.finding(ctx, entry.node, message, self.fix("Insert the missing comma", schedule_edit(ctx, replace)))


def string_pieces(segment: str) -> tuple[list[str], bool]:
    """The literals an implicitly concatenated string is made of, and whether a comment sits between them."""
    pieces, has_comment = [], False
    try:
        for token in tokenize.generate_tokens(io.StringIO(f"({segment})").readline):
            if token.type == tokenize.STRING:
                pieces.append(ast.literal_eval(token.string))
            elif token.type == tokenize.COMMENT:
                has_comment = True
    except (tokenize.TokenError, SyntaxError, ValueError):
        return [], False
    return pieces, has_comment


def why_missing(app, dotted: str, _depth: int = 0) -> str | None:
    """Why ``dotted`` names nothing in the app, following re-exports like ``frappe.get_attr``;
    None when it resolves, or when jobfix cannot tell (another app's name, `import *`, a
    module ``__getattr__``, a name bound by an assignment, a module that does not parse)."""
    if _depth > 10 or app.resolve(dotted) is not None or not app.owns(dotted) or "." not in dotted:
        return None
    module, name = dotted.rsplit(".", 1)
    if app.module_file(module) is None:
        return f"there is no module `{module}`"
    info = app.module_info(module)
    if info is None or _binds_dynamically(info, name):
        return None
    if name in info.imports:
        return why_missing(app, info.imports[name], _depth + 1) if app.owns(info.imports[name]) else None
    if name in info.aliases:
        target = info.qualname(info.aliases[name])
        return why_missing(app, target, _depth + 1) if target and app.owns(target) else None
    if app.module_file(f"{module}.{name}") is not None:
        return f"`{dotted}` is a module, not a function"
    return f"`{module}` has no `{name}`"


def _binds_dynamically(info, name: str) -> bool:
    """Whether the module may define ``name`` in ways jobfix does not follow (module level only:
    locals of a function or class bind nothing in the module)."""
    for node in info.nodes((ast.ImportFrom, *FUNCTION_NODES, ast.Name)):
        if isinstance(node, ast.ImportFrom):
            found = any(a.name == "*" for a in node.names)
        elif isinstance(node, ast.Name):
            found = node.id == name and isinstance(node.ctx, ast.Store)
        else:
            found = node.name == "__getattr__"
        if found and not any(isinstance(a, (*FUNCTION_NODES, ast.ClassDef)) for a in info.ancestors(node)):
            return True
    return False


def candidates(app, name: str) -> list[str]:
    """Dotted paths of every module-level function called ``name`` in the app."""
    return app.functions_named(name)


def _closest(key: str, valid: frozenset[str]) -> str | None:
    """The one valid key a misspelt key stands for, if there is exactly one."""
    from difflib import get_close_matches

    normal = key.strip().lower().replace("-", "_").replace(" ", "_")
    if normal in valid:
        return normal
    close = get_close_matches(normal, sorted(valid), n=2, cutoff=0.8)
    return close[0] if len(close) == 1 else None


def _paths(value: ast.expr) -> str:
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    texts = [f"`{literal_string(i)}`" if literal_string(i) else "..." for i in items]
    return ", ".join(texts) if texts else "none"
