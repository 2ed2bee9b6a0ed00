"""``cst``: LibCST, imported when a fix first reads one of its names.

Importing LibCST takes a tenth of a second and only a fix needs it, yet every rule module holds
the rewrites of its fixes. The rules write ``from ..._kit.lazy_cst import cst`` instead of ``import
libcst as cst``; while a check runs, nothing reads ``cst`` (a fix names the node it edits with a
string, ``Target("Call", ...)``), so LibCST is never loaded. This is a plain object, not a module
in ``sys.modules``: the import system never sees it, and ``import libcst.matchers`` inside a
rewrite is an ordinary import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING


class _ImportedOnFirstUse:
    def __init__(self, module: str):
        self._module = module

    def __getattr__(self, name: str):
        value = getattr(importlib.import_module(self._module), name)
        setattr(self, name, value)  # from now on a plain attribute, as fast as the module's own
        return value


if TYPE_CHECKING:
    import libcst as cst
else:
    cst = _ImportedOnFirstUse("libcst")
