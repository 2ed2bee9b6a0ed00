"""jobfix: find and fix background-job and scheduler anti-patterns in Frappe apps."""

__version__ = "0.1.0"



def _load_on_first_use(name: str) -> None:
    """Stand in for module ``name`` until one of its attributes is read, then import it for real:
    LibCST takes a third of a second to import and only a fix needs it, so `jobfix --help`,
    `rules` or `explain` never load it. (importlib's LazyLoader does not do: an ``import``
    statement reads ``__spec__``, which loads the module.)"""
    import importlib
    import importlib.util
    import sys
    import types

    spec = importlib.util.find_spec(name) if name not in sys.modules else None
    if spec is None:
        return  # already loaded, or not installed: the import that needs it says so

    class StandIn(types.ModuleType):
        def __getattr__(self, attribute: str):
            if sys.modules.get(name) is self:
                del sys.modules[name]
                self.__dict__.update(vars(importlib.import_module(name)))
            return self.__dict__[attribute] if attribute in self.__dict__ else getattr(sys.modules[name], attribute)

    stand_in = StandIn(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in


_load_on_first_use("libcst")
