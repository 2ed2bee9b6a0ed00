"""Python source read with the parser of the Python that runs jobfix, and, where that parser is too
old for the code, which Python reads it and how to run jobfix with it.

jobfix supports hosts from Python 3.10 and the apps it reads may use syntax up to 3.14. A host reads
every construct of its own version and older ones; it cannot read newer ones. Only the standard
library is used here (a test runs this module under every Python installed).
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from functools import cache, lru_cache
from typing import Iterator

HOST = sys.version_info[:2]

# Constructs newer than the oldest supported host, the Python that first reads each, and how the
# line a SyntaxError points at (or, failing that, any line) shows it.
NEWER_SYNTAX: tuple[tuple[tuple[int, int], str, re.Pattern], ...] = (
    ((3, 14), "an `except` naming several exceptions without parentheses (PEP 758)",
     re.compile(r"^\s*except\s+(?![(*])[^:#]*,[^:#]*:")),
    ((3, 14), "a template string (PEP 750)", T_STRING_START := re.compile(r"(?<![\w.'\"])(?:[tT][rR]?|[rR][tT])(?:'|\")")),
    ((3, 13), "a type parameter with a default (PEP 696)",
     re.compile(r"^\s*(?:type\s+\w+|(?:async\s+)?def\s+\w+|class\s+\w+)\s*\[[^\]]*=")),
    ((3, 12), "a `type` statement (PEP 695)", re.compile(r"^\s*type\s+\w+\s*(?:\[.*\])?\s*=")),
    ((3, 12), "type parameters (PEP 695)", re.compile(r"^\s*(?:(?:async\s+)?def|class)\s+\w+\s*\[")),
    ((3, 11), "`except*` (PEP 654)", re.compile(r"^\s*except\s*\*")),
)
F_STRING = ((3, 12), "an f-string written as PEP 701 allows (quotes, backslashes or comments inside `{}`)")
F_STRING_START = re.compile(r"(?<![\w'\"])(?:[fF][rR]?|[rR][fF])(?:'|\")")


class NewerSyntax(SyntaxError):
    """Code the host's parser cannot read because it is written for a newer Python."""

    def __init__(self, error: SyntaxError, needs: tuple[int, int], what: str):
        version = ".".join(map(str, needs))
        host = ".".join(map(str, HOST))
        super().__init__(
            f"{what} needs Python {version} or later to be read, and jobfix runs on Python {host} here: run "
            f"jobfix with Python {version}+ (for example `uv tool run --python {version} jobfix ...` or "
            f"`pipx run --python python{version} jobfix ...`)",
            (error.filename, error.lineno, error.offset, error.text),
        )
        self.needs = needs


def parse(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse`` without the warnings a newer host prints for older code (invalid escapes,
    ``return`` in ``finally``); a SyntaxError the host's age explains is a NewerSyntax."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=filename)
    except SyntaxError as error:
        newer = newer_syntax(text, error)
        if newer is not None:
            raise NewerSyntax(error, *newer) from None
        raise


def newer_syntax(text: str, error: SyntaxError) -> tuple[tuple[int, int], str] | None:
    """The newer-than-host construct on the line ``error`` points at; None when nothing there is
    newer than the host (the code is then not valid Python of any version jobfix knows)."""
    lines = text.splitlines()
    failing = lines[error.lineno - 1] if error.lineno and 0 < error.lineno <= len(lines) else ""
    if HOST < F_STRING[0] and ("f-string" in (error.msg or "") or F_STRING_START.search(failing)):
        return F_STRING
    return next(((needs, what) for needs, what, pattern in NEWER_SYNTAX if needs > HOST and pattern.search(failing)), None)


# -- reading code's layout without parsing it (prefilters) ------------------------------------------

# A string literal (any prefix: where it ends does not depend on it) or a comment, as Python's
# tokenizer delimits them; each pattern's loop is unrolled, so the regex engine runs over a
# literal's text without stepping back.
STRINGS_AND_COMMENTS = re.compile(r"""
    '''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*'''
  | \"\"\"[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*\"\"\"
  | '[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*'
  | "[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"
  | \#[^\n]*
""", re.VERBOSE)


def _nesting_literal(text: str) -> bool:
    """Whether the text holds an f-string or a t-string: from Python 3.12 (3.14) their ``{}`` may
    hold their own quotes (PEP 701), and read as above such a literal would end early."""
    return F_STRING_START.search(text) is not None or T_STRING_START.search(text) is not None


@lru_cache(maxsize=1)  # two rules may ask of the same file, one after the other
def code_only(text: str) -> str | None:
    """The text without its string literals and comments, lines ended by ``\\n`` and tabs expanded as
    the tokenizer measures indentation; None where this reading could be wrong: a form feed (it
    resets indentation), a quote left open, or an f-string that may hold its own quotes (3.12+).

    What stays is what a statement's place depends on: a removed literal leaves no line of its own,
    so it never ends a block early. The text starts with a line break, so that every line follows
    one: a pattern that starts with ``\n`` is tried at line breaks only, not at every character."""
    if "\f" in text or (HOST >= (3, 12) and _nesting_literal(text)):
        return None
    code = STRINGS_AND_COMMENTS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).expandtabs(8)
    if "'" in code or '"' in code:
        return None
    return "\n" + code


def written_in_blocks(text: str, words: tuple[str, ...], header: str) -> bool:
    """Whether the code of ``text`` (strings and comments aside) names one of ``words`` in a block
    ``header`` opens (see ``blocks``); True where it cannot tell, so a prefilter keeps the file:
    where a word is imported under another name (``commit as save``), or may be code inside an
    f-string's braces (``f"{frappe.db.commit()}"``)."""
    code = code_only(text)
    if code is None or _renamed(words).search(code) is not None:
        return True
    if any(code.count(word) < text.count(word) for word in words) and _nesting_literal(text):
        return True
    return any(code.find(word, start, end) != -1 for start, end in blocks(code, header) for word in words)


@cache
def _renamed(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})[ \\\n]+as\b")


@cache
def _line_starting(pattern: str) -> re.Pattern:
    """A line of ``code_only``'s text, indented (group 1), that starts with ``pattern``."""
    return re.compile(r"\n( *)" + pattern)


def blocks(code: str, header: str) -> Iterator[tuple[int, int]]:
    """Where each compound statement whose line starts with ``header`` (a pattern) runs in ``code``
    (from ``code_only``): from its header to the next logical line indented no deeper, which is
    the first such line outside brackets and not continued by a backslash."""
    for match in _line_starting(header).finditer(code):
        indent = len(match.group(1))
        dedent = _dedent(indent)
        start, end, search_from = match.start(), len(code), match.end()
        while (line := dedent.search(code, search_from)) is not None:
            at = line.start() + 1  # the line, after its break
            opened = code.count("(", start, at) + code.count("[", start, at) + code.count("{", start, at)
            closed = code.count(")", start, at) + code.count("]", start, at) + code.count("}", start, at)
            if opened <= closed and code[at - 2:at] != "\\\n":
                end = at
                break
            search_from = line.end()
        yield start, end


@cache
def _dedent(indent: int) -> re.Pattern:
    """A line indented ``indent`` columns or less, not blank."""
    return re.compile(r"\n {0,%d}[^ \n]" % indent)
