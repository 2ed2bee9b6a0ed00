"""The one "heavy function" heuristic, shared by JF003, JF008, JF011 and JF014.

A function is heavy when it, or an app function it calls (two levels deep), does any of:

- loops over an unbounded query: ``frappe.get_all``/``get_list``/``db.get_all``/``db.get_list``/
  ``db.get_values``/``db.sql``/``get_doc`` lists without ``limit``/``limit_page_length``/``page_length``,
  iterated directly or through a name bound to it;
- per-record document saves or network calls: ``.save()``, ``.insert()``, ``.submit()``,
  ``.cancel()``, ``.delete()``, ``frappe.get_doc``, ``frappe.delete_doc``, ``frappe.sendmail``,
  ``requests.*``, ``httpx.*``, ``make_post_request`` ... inside a loop;
- nested loops.

``[tool.jobfix] heavy = [...]`` and ``light = [...]`` (dotted paths) override the verdict.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from jobfix.codemods.engine.model import Option, OptionType
from jobfix.codemods.index.frappe_api import queue_timeouts
from jobfix.codemods.index.frappe_version import bench_worker_timeouts
from jobfix.codemods.index.pymodule import FUNCTION_NODES, ModuleInfo, child_nodes

HEAVY_PATHS = Option(
    "heavy", OptionType.DOTTED_PATHS, frozenset(),
    "dotted paths of functions always treated as heavy, e.g. `[\"myapp.tasks.rebuild\"]`",
)
LIGHT_PATHS = Option("light", OptionType.DOTTED_PATHS, frozenset(), "dotted paths of functions never treated as heavy")
QUEUE_TIMEOUTS = Option(
    "queue-timeouts", OptionType.QUEUE_SECONDS, {},
    "a table of queue = seconds: custom queues, or overrides of short/default (300) and long (1500)",
)


def queue_limits(ctx) -> dict[str, int]:
    """Each queue's timeout as Frappe computes it for this app: its defaults, then the bench's
    ``workers`` in common_site_config.json, then ``[tool.jobfix] queue-timeouts``. One answer for
    every rule, so two rules never disagree on a queue's limit."""
    return queue_timeouts(bench_worker_timeouts(ctx.app.package_dir), dict(QUEUE_TIMEOUTS.of(ctx.config)))

UNBOUNDED_QUERIES = frozenset(
    {
        "frappe.get_all", "frappe.get_list", "frappe.db.get_all", "frappe.db.get_list",
        "frappe.db.get_values", "frappe.db.sql", "frappe.get_doc_list",
    }
)
LIMIT_KEYWORDS = frozenset({"limit", "limit_page_length", "page_length"})
PER_RECORD_METHODS = frozenset({"save", "insert", "submit", "cancel", "delete", "db_update", "run_method"})
PER_RECORD_CALLS = frozenset(
    {
        "frappe.get_doc", "frappe.get_cached_doc", "frappe.delete_doc", "frappe.sendmail", "frappe.rename_doc",
        "frappe.integrations.utils.make_post_request", "frappe.integrations.utils.make_get_request",
        "frappe.make_post_request", "frappe.make_get_request", "urllib.request.urlopen",
    }
)
NETWORK_MODULES = ("requests.", "httpx.", "urllib3.", "boto3.", "smtplib.")
LOOPS = (ast.For, ast.AsyncFor, ast.While)


@dataclass(frozen=True)
class Weight:
    heavy: bool
    reason: str = ""


LIGHT = Weight(False)


def is_unbounded_query(info: ModuleInfo, node: ast.AST | None) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = info.call_name(node)
    if name not in UNBOUNDED_QUERIES:
        return False
    if name == "frappe.db.sql":
        sql = node.args[0] if node.args else None
        text = sql.value if isinstance(sql, ast.Constant) and isinstance(sql.value, str) else ""
        return " limit " not in f" {text.lower()} "
    return not any(k.arg in LIMIT_KEYWORDS for k in node.keywords)


def per_record_call(info: ModuleInfo, node: ast.Call) -> str | None:
    """A description of the call if it does per-record heavy work."""
    name = info.call_name(node)
    if name in PER_RECORD_CALLS or (name and name.startswith(NETWORK_MODULES)):
        return f"`{name}()`"
    if isinstance(node.func, ast.Attribute) and node.func.attr in PER_RECORD_METHODS and name not in UNBOUNDED_QUERIES:
        if not (name or "").startswith("frappe.db."):
            return f"`.{node.func.attr}()`"
    return None


def own_nodes(func: ast.AST):
    """Nodes of a function's body, without descending into nested functions or classes."""
    stack = child_nodes(func)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*FUNCTION_NODES, ast.ClassDef, ast.Lambda)):
            stack.extend(child_nodes(node))


def query_names(info: ModuleInfo, func: ast.AST) -> set[str]:
    """Local names bound to an unbounded query in ``func``."""
    names = set()
    for node in own_nodes(func):
        if isinstance(node, ast.Assign) and is_unbounded_query(info, node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def loops_over_query(info: ModuleInfo, loop: ast.AST, names: set[str]) -> bool:
    if not isinstance(loop, (ast.For, ast.AsyncFor)):
        return False
    it = loop.iter
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate" and it.args:
        it = it.args[0]
    return is_unbounded_query(info, it) or (isinstance(it, ast.Name) and it.id in names)


def loops_over_bounded_query(info: ModuleInfo, loop: ast.AST) -> bool:
    it = getattr(loop, "iter", None)
    return (
        isinstance(it, ast.Call)
        and info.call_name(it) in UNBOUNDED_QUERIES
        and any(k.arg in LIMIT_KEYWORDS for k in it.keywords)
    )


def own_weight(info: ModuleInfo, func: ast.AST) -> Weight:
    names = query_names(info, func)
    for loop in own_nodes(func):
        if not isinstance(loop, LOOPS):
            continue
        if loops_over_query(info, loop, names):
            return Weight(True, f"loops over an unbounded query ({_where(info, loop)})")
        if loops_over_bounded_query(info, loop):
            continue  # a few records with an explicit limit: per-record work stays small
        for inner in own_nodes(loop):
            if isinstance(inner, LOOPS):
                return Weight(True, f"has nested loops ({_where(info, loop)})")
            if isinstance(inner, ast.Call):
                what = per_record_call(info, inner)
                if what:
                    return Weight(True, f"calls {what} once per record in a loop ({_where(info, inner)})")
    return LIGHT


def weigh(index, info: ModuleInfo, func: ast.AST, config, _depth: int = 0) -> Weight:
    """Heavy or not, and why; ``index`` is the app index (or None for loose files)."""
    dotted = _dotted(info, func)
    if dotted in HEAVY_PATHS.of(config):
        return Weight(True, "listed as heavy in [tool.jobfix] heavy")
    if dotted in LIGHT_PATHS.of(config):
        return LIGHT
    weight = own_weight(info, func)
    if weight.heavy or index is None or _depth >= 2:
        return weight
    for node in own_nodes(func):
        if not isinstance(node, ast.Call):
            continue
        target = index.function(info.call_name(node))
        if target is None or target[1] is func:
            continue
        callee_info, callee = target
        inner = weigh(index, callee_info, callee, config, _depth + 1)
        if inner.heavy:
            return Weight(True, f"calls `{callee_info.module}.{callee.name}`, which {inner.reason}")
    return LIGHT


def _configured_weight(dotted: str | None, config) -> Weight | None:
    """What [tool.jobfix] heavy/light says of a dotted path: it overrides every heuristic."""
    if dotted in HEAVY_PATHS.of(config):
        return Weight(True, "listed as heavy in [tool.jobfix] heavy")
    if dotted in LIGHT_PATHS.of(config):
        return LIGHT
    return None


def weigh_path(index, dotted: str | None, config) -> Weight | None:
    """The weight of the function a dotted path names; None when it is not an app function."""
    return _weigh_path(index, dotted, config, weigh)


def walks_a_table(index, dotted: str | None, config) -> Weight | None:
    """The strict verdict, for rules whose finding must hold on any data size: heavy only when the
    function itself loops over an unbounded query (or [tool.jobfix] heavy says so). A per-record
    call in a loop over a few items, or a query reached through callees, is not enough to say that
    the work outgrows its queue. None when the path names no app function."""
    return _weigh_path(index, dotted, config, _walks_a_table)


def _weigh_path(index, dotted: str | None, config, judge) -> Weight | None:
    """[tool.jobfix] heavy/light first, else ``judge`` of the app function ``dotted`` names."""
    configured = _configured_weight(dotted, config)
    if configured is not None:
        return configured
    target = index.function(dotted)
    return None if target is None else judge(index, target[0], target[1], config)


def _walks_a_table(index, info: ModuleInfo, func, config) -> Weight:
    names = query_names(info, func)
    for loop in own_nodes(func):
        if isinstance(loop, LOOPS) and loops_over_query(info, loop, names):
            return Weight(True, f"loops over an unbounded query ({_where(info, loop)})")
    return LIGHT


def _where(info: ModuleInfo, node: ast.AST) -> str:
    return f"{info.module or 'line'}:{node.lineno}"


def _dotted(info: ModuleInfo, func: ast.AST) -> str | None:
    finfo = info.function_info(func)
    return info.dotted_path(finfo) if finfo else None
