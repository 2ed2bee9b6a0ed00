"""``jobfix rules`` and ``jobfix explain``: the rules' documentation, printed.

cli.py's commands print with these, and so does ``answer``, which ``jobfix`` runs before it loads
typer (a fifth of the time these commands take): it answers the plain command lines people type to
read about the rules, and leaves every other one, ``--help`` and mistakes included, to typer.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from contextlib import contextmanager

FORMATS = ("text", "json", "markdown")  # cli.DocFormat


def print_rules(output_format: str) -> None:
    from jobfix.codemods.reports.rule_docs import all_rule_docs, rule_json, rules_markdown

    docs = all_rule_docs()
    if output_format == "json":
        print(json.dumps([rule_json(doc) for doc in docs], indent=2))
    elif output_format == "markdown":
        sys.stdout.write(rules_markdown(docs))
    else:  # the table is rich's: only this prints with it
        from jobfix.codemods.reports.text import rules_table
        from jobfix.consoles import out

        out().print(rules_table(docs))


def print_explanation(doc, output_format: str) -> None:
    from jobfix.codemods.reports.rule_docs import explanation, rule_json

    if output_format == "json":
        print(json.dumps(rule_json(doc), indent=2))
    else:
        sys.stdout.write(explanation(doc))


def answer(args: list[str]) -> bool:
    """Print what ``jobfix ARGS`` prints when ARGS is ``rules`` or ``explain RULE`` (a rule that
    exists), either followed by ``--format F``, and return True; else print nothing and return
    False. Exits as typer would (``as_typer_exits``)."""
    output_format = "text"
    if len(args) >= 3 and args[-2] == "--format" and args[-1] in FORMATS:
        output_format, args = args[-1], args[:-2]
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return False  # a shell completion request: typer's
    with as_typer_exits():
        if args == ["rules"]:
            print_rules(output_format)
            return True
        if len(args) == 2 and args[0] == "explain" and not args[1].startswith("-"):
            from jobfix.codemods.reports.rule_docs import rule_doc

            doc = rule_doc(args[1])
            if doc is None:
                return False  # typer says it
            print_explanation(doc, output_format)
            return True
        return False


@contextmanager
def as_typer_exits():
    """What jobfix's typer command line does around a command: exit 130 when interrupted (saying
    so, as ``cli.main``), 1 quietly when the reader of the output left (as click)."""
    try:
        yield
    except KeyboardInterrupt:
        from jobfix.consoles import err

        err().print("interrupted")
        sys.exit(130)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(1)
