"""The interactive accept/reject loop of ``jobfix fix --interactive``.

Each change is shown on its own: the rule, why, and the diff of the file with only that change
applied. Nothing is written during the review; the caller applies the accepted changes together
at the end (as tree edits, so accepting change 2 and rejecting change 1 of a file gives exactly
change 2). ``q`` (or the end of piped answers) stops and keeps what was accepted so far; Ctrl-C
raises KeyboardInterrupt out of ``review`` and the caller writes nothing at all.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO

from rich.console import Console
from rich.text import Text

from jobfix.codemods.reports import text as report
from jobfix.codemods.engine.runner import Decision
from jobfix.codemods.engine.model import Applicability, Finding
from jobfix.codemods.engine.source import SourceError, SourceFile, read_source

CHOICES = "y,n,a,d,A,D,q,?"
HELP = """\
y - apply this change
n - do not apply this change
a - apply this change and every remaining change in this file
d - do not apply this change nor any remaining change in this file
A - apply this change and every remaining change of this rule
D - do not apply this change nor any remaining change of this rule
q - quit: apply the changes accepted so far and nothing else
? - print this help and show the change again
(an answer is read by its first letter: "yes" is y; an empty line asks again)"""


class NoTerminal(Exception):
    """stdin is neither a terminal nor a pipe of answers."""


@dataclass(frozen=True)
class Answers:
    """Where answers come from: one a line; None at the end of the input."""

    read: Callable[[], str | None]
    echo: bool  # piped answers are not echoed by a terminal: print them, so the transcript reads well


def answers_from(stream: TextIO) -> Answers:
    """Answers typed at a terminal, or piped in on purpose; anything else (a file, /dev/null,
    nothing) is refused, so a forgotten ``-i`` in a script cannot hang or guess."""
    try:
        fd = stream.fileno()
        is_pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
        is_terminal = os.isatty(fd)
    except (AttributeError, OSError, ValueError):
        is_pipe = is_terminal = False
    if not (is_terminal or is_pipe):
        raise NoTerminal("--interactive needs a terminal on stdin, or answers piped into it one a line")

    def read() -> str | None:
        line = stream.readline()
        return line.strip() if line else None

    return Answers(read, echo=not is_terminal)


class Review:
    """Asks about each offered fix in turn; ``run`` calls it once per pass with that pass's fixes.

    A later pass offers only the fixes its changes made possible: what a person already answered
    is not asked again (findings are told apart by rule, file and message, as lines move). After
    ``q`` (or the end of the answers) it asks nothing more.
    """

    def __init__(self, console: Console, answers: Answers, cwd: Path | None = None):
        self.console, self.answers, self.cwd = console, answers, cwd or Path.cwd()
        self.stopped = False
        self.calls = 0
        self.asked: Counter = Counter()
        self.rejected = 0  # answered no (or could not be applied)
        self.unreviewed = 0  # left when the review stopped (q, or the end of the answers)

    def __call__(self, findings: list[Finding]) -> Decision:
        self.calls += 1
        fresh, seen = [], Counter(self.asked)
        for finding in findings:
            key = _key(finding)
            if seen[key]:
                seen[key] -= 1
            else:
                fresh.append(finding)
        self.asked.update(_key(f) for f in fresh)
        if self.stopped:
            self.unreviewed += len(fresh)
            return Decision([])
        findings = fresh
        if not findings and self.calls == 1:
            self.console.print("No fixes to review.", highlight=False)
        return self._ask(findings)

    def _ask(self, findings: list[Finding]) -> Decision:
        console, answers, cwd = self.console, self.answers, self.cwd
        decided: dict[int, bool] = {}
        sources: dict[Path, SourceFile] = {}
        total = len(findings)

        def decide_rest(accept: bool, same: Callable[[Finding], bool]) -> None:
            for index, other in enumerate(findings):
                if index not in decided and same(other):
                    decided[index] = accept

        def decision() -> Decision:
            self.rejected += sum(1 for accepted in decided.values() if not accepted)
            return Decision([f for i, f in enumerate(findings) if decided.get(i)], sources)

        for index, finding in enumerate(findings):
            if index in decided:
                continue
            counter = f"({index + 1}/{total})"
            preview, problem = _preview(finding, sources)
            if problem is not None:
                console.print(Text(f"{counter} {finding.code} {_where(finding, cwd)}: this fix cannot be applied "
                                   f"({report.printable(problem)}); skipped", style="yellow"), soft_wrap=True)
                decided[index] = False
                continue
            _show(console, finding, preview, counter, cwd)
            while True:
                console.print(Text(f"{counter} Apply this change? ({finding.code} {finding.name}) [{CHOICES}] ",
                                   style="bold blue"), end="")
                console.file.flush()
                answer = answers.read()
                if answers.echo:
                    console.print(report.printable(answer) if answer is not None else "", markup=False)
                choice = _choice(answer)
                if choice is None or choice == "q":
                    self.stopped = True
                    self.unreviewed += total - len(decided)
                    if choice is None:
                        console.print(f"end of the answers: {_changes(total - len(decided))} not reviewed", highlight=False)
                    return decision()
                if choice == "":
                    continue  # an empty line asks again, as git add -p does
                if choice in ("y", "n"):
                    decided[index] = choice == "y"
                elif choice in ("a", "d"):
                    decide_rest(choice == "a", lambda f: f.path == finding.path)
                elif choice in ("A", "D"):
                    decide_rest(choice == "A", lambda f: f.code == finding.code)
                else:
                    if choice != "?":
                        console.print(Text(f"unknown answer {report.printable(answer)!r}", style="red"))
                    console.print(HELP, highlight=False)
                    _show(console, finding, preview, counter, cwd)
                    continue
                break
        return decision()


def _choice(answer: str | None) -> str | None:
    """An answer read by its first letter (``yes`` is ``y``); ``A`` and ``D`` keep their case."""
    if answer is None or not answer.strip():
        return None if answer is None else ""
    first = answer.strip()[0]
    return first if first in "AD" else first.lower()


def _changes(n: int) -> str:
    return f"{n} change{'s' if n != 1 else ''}"


def _key(finding: Finding) -> tuple:
    return finding.code, str(finding.path), finding.message


def _preview(finding: Finding, sources: dict[Path, SourceFile]):
    """The changes of this one fix, applied to the files as they are on disk."""
    from jobfix.codemods.engine.changes import build_changes  # LibCST: loaded only when a fix is shown

    for path in sorted({e.path for e in finding.fix.edits}):
        if path not in sources:
            try:
                sources[path] = read_source(path)
            except SourceError as exc:
                return [], str(exc)
    changes, failed = build_changes([finding], sources)
    if failed:
        return [], failed[0].reason
    if not changes:
        return [], "it changes nothing"
    return changes, None


def _where(finding: Finding, cwd: Path) -> str:
    return f"{report.printable(report.display_path(finding.path, cwd))}:{finding.span.row}:{finding.span.column}"


def _show(console: Console, finding: Finding, changes, counter: str, cwd: Path) -> None:
    console.print()
    title = Text()
    title.append(f"{counter} ", style="bold")
    title.append(finding.code, style="bold red")
    title.append(f" {finding.name}  ", style="bold")
    title.append(_where(finding, cwd), style="cyan")
    console.print(title, soft_wrap=True)
    console.print(Text(f"why: {report.printable(finding.explained)}"), soft_wrap=True)
    unsafe = " (unsafe fix: review it)" if finding.fix.applicability is Applicability.UNSAFE else ""
    console.print(Text(f"fix: {report.printable(finding.fix.message)}{unsafe}"), soft_wrap=True)
    for change in changes:
        report.print_diff(console, change, cwd)
