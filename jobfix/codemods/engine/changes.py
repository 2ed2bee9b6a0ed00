"""Turning accepted fixes into new file contents, and writing them safely.

Edits of one file are applied together, in a canonical order (rule code, then position) that
does not depend on the order a person accepted them in: with LibCST, on the statements they change
where that gives what the whole module would (edit_applier.py), else on the whole module. An edit
that cannot be applied drops its whole fix, never half of it; the new text must compile before it
is written.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import libcst as cst  # the runner imports this module only when it plans fixes: a check never loads LibCST

from jobfix.codemods.index.syntax import NewerSyntax, parse
from jobfix.codemods.engine.regions import missing_imports, refuse_deep_code
from jobfix.codemods.engine.model import Edit, EditError, FailedFix, FileChange, Finding, ImportSpec, NewFile, RewriteContext
from jobfix.codemods.engine.source import SourceError, SourceFile, WriteError, read_source


CHANGED_ON_DISK = "the file changed on disk since jobfix read it; fix not applied"


def _order(edit_and_finding: tuple[Edit, Finding]):
    edit, finding = edit_and_finding
    target = edit.target
    return (finding.code, (target.line, target.column) if target else (0, 0), finding.span)


def _read(text: str) -> ast.Module:
    """``ast``'s tree of ``text``; EditError when it does not parse."""
    try:
        return parse(text)
    except NewerSyntax as exc:
        raise EditError(f"the code does not parse here: {exc.msg}") from None
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise EditError(f"the code does not parse ({exc.__class__.__name__})") from None


def apply_edits(text: str, edits: list[Edit], tree: ast.Module | None = None) -> str:
    """The text with ``edits`` applied; raises EditError (or a LibCST error) when one cannot be.
    ``tree``: ``ast``'s tree of ``text``, when the caller has it.

    Edits that name their target are applied to the statements that hold them (edit_applier
    says when it cannot); the others, and those, get the whole module."""
    from jobfix.codemods.engine import edit_applier

    tree = tree or _read(text)
    imports = [spec for edit in edits for spec in edit.imports]
    if all(edit.target for edit in edits):
        new = edit_applier.apply_to_statements(text, tree, edits, imports)
        if new is not None:
            return new
    return _apply_to_module(text, edits, imports, tree)


def _apply_to_module(text: str, edits: list[Edit], imports: list[ImportSpec], tree: ast.Module | None = None) -> str:
    from jobfix.codemods.engine.edit_applier import add_imports, apply_to_module

    refuse_deep_code((tree or _read(text)).body)
    module = cst.parse_module(text)
    node_edits = [e for e in edits if e.target is not None]
    if node_edits:
        module = apply_to_module(module, node_edits)
    for edit in edits:
        if edit.target is None:
            module = edit.rewrite(module, RewriteContext(module, module, {}))
    code = module.code
    if not imports:
        return code
    tree = parse(code)
    return add_imports(code, tree, imports) if missing_imports(tree, imports) else code


def check_valid(text: str, path: Path) -> None:
    """Refuse to produce code that does not compile."""
    try:
        compile(text, str(path), "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise EditError(f"the fixed code would not compile ({exc.__class__.__name__}); nothing written") from None


def build_changes(
    accepted: list[Finding], sources: dict[Path, SourceFile] | None = None, trees: dict | None = None
) -> tuple[list[FileChange], list[FailedFix]]:
    """New contents of every file the accepted fixes touch (``trees``: ast trees already read, by
    digest of their text).

    A fix whose edits fail (in any of its files) is dropped whole and reported; the others stay.
    """
    sources = dict(sources or {})
    failed: list[FailedFix] = []
    by_path: dict[Path, list[tuple[Edit, Finding]]] = defaultdict(list)
    new_files: dict[Path, tuple[NewFile, Finding]] = {}
    for finding in accepted:
        for edit in finding.fix.edits:
            by_path[edit.path].append((edit, finding))
        for new in finding.fix.new_files:
            new_files.setdefault(new.path, (new, finding))

    live = {id(f) for f in accepted}
    while True:  # a fix dropped in one file may have edits in files already done: redo until stable
        before = len(live)
        results: dict[Path, FileChange] = {}
        for path, pairs in sorted(by_path.items()):
            pairs = sorted((p for p in pairs if id(p[1]) in live), key=_order)
            if not pairs:
                continue
            try:
                source = sources.get(path) or sources.setdefault(path, read_source(path))
            except SourceError as exc:
                for _, finding in pairs:
                    failed.append(FailedFix(finding, str(exc)))
                    live.discard(id(finding))
                continue
            for finding in _unique(f for _, f in pairs):
                if dict(finding.fix.pins).get(path, source.digest) != source.digest:
                    failed.append(FailedFix(finding, CHANGED_ON_DISK))
                    live.discard(id(finding))
            pairs = [p for p in pairs if id(p[1]) in live]
            if not pairs:
                continue
            tree = (trees or {}).get(source.digest)
            text = _apply_one_by_one(source.text, pairs, path, failed, live, tree)
            findings = _unique(f for _, f in pairs if id(f) in live)
            if text != source.text and findings:
                results[path] = FileChange(path, source, text, findings)
        if len(live) == before:
            break
    for path, (new, finding) in sorted(new_files.items()):
        if id(finding) not in live:
            continue
        if path.exists():
            failed.append(FailedFix(finding, f"{path.name} already exists; not overwritten"))
            continue
        results[path] = FileChange(path, None, new.text, [finding])
    return [results[p] for p in sorted(results)], failed


def _apply_one_by_one(text: str, pairs, path: Path, failed: list[FailedFix], live: set[int], tree: ast.Module | None) -> str:
    """All edits at once when they agree; otherwise the largest prefix-closed set that works."""
    try:
        new = apply_edits(text, [e for e, _ in pairs], tree)
        check_valid(new, path)
        return new
    except Exception:  # noqa: BLE001 - narrowed below, edit by edit
        pass
    kept: list[tuple[Edit, Finding]] = []
    for finding in _unique(f for _, f in pairs):
        candidate = kept + [p for p in pairs if p[1] is finding]
        try:
            check_valid(apply_edits(text, [e for e, _ in sorted(candidate, key=_order)], tree), path)
            kept = candidate
        except Exception as exc:  # noqa: BLE001 - any failure drops this fix, never the run
            reason = str(exc) if isinstance(exc, EditError) else f"could not apply the fix ({exc.__class__.__name__}: {exc})"
            failed.append(FailedFix(finding, reason))
            live.discard(id(finding))
    return apply_edits(text, [e for e, _ in sorted(kept, key=_order)], tree) if kept else text


def _unique(findings) -> list[Finding]:
    seen: dict[int, Finding] = {}
    for f in findings:
        seen.setdefault(id(f), f)
    return list(seen.values())


def write_changes(changes: list[FileChange]) -> tuple[list[FileChange], list[tuple[FileChange, str]]]:
    """Write each change on its own; a failure leaves that file untouched and the rest go on.

    hooks.py files go last: a run cut short (killed, disk full) never leaves a hooks.py naming a
    function or module that is not written yet.
    """
    written, errors = [], []
    for change in sorted(changes, key=lambda c: c.path.name == "hooks.py"):
        try:
            change.write()
            written.append(change)
        except WriteError as exc:
            errors.append((change, str(exc)))
    given = {id(c): i for i, c in enumerate(changes)}
    written.sort(key=lambda c: given[id(c)])
    errors.sort(key=lambda e: given[id(e[0])])
    return written, errors
