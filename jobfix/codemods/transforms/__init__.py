"""Every rule is one module here; this registry finds them, so adding a rule touches no other file."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from jobfix.codemods.transforms.base import Transform


@cache
def all_transforms() -> tuple[Transform, ...]:
    found: list[Transform] = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "base" or module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Transform) and value is not Transform and value.__module__ == module.__name__:
                found.append(value())
    found.sort(key=lambda t: t.code)
    codes = [t.code for t in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:  # pragma: no cover - a packaging mistake, caught by the test suite
        raise RuntimeError(f"rule codes defined twice: {sorted(duplicates)}")
    return tuple(found)


def transform_for(code: str) -> Transform | None:
    return next((t for t in all_transforms() if t.code == code.upper()), None)
