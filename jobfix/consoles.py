"""The consoles jobfix prints with, each made on first use (``--help`` needs none)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """The standard output's console."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)  # a ":name:" in a path or a message stays as written


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)
