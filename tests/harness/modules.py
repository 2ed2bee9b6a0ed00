"""The modules snapshot code imports, served while it runs: the app's own files (``myapp.*``) from a
snapshot's sections, and fakes for ``frappe.*``, ``rq.*`` and ``requests``.

Anything of ``frappe`` the fake does not model is a recording no-op, the same on both sides of a
comparison, so code that touches it still runs.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.abc
import importlib.util
import sys
import types
from functools import lru_cache

from harness.fake_frappe import (
    CharacterLengthExceededError, FakeDoc, FakeFrappe, JobTimeoutException, ValidationError, requests_module,
)

APP = "myapp"
FAKED = ("frappe", "rq", "requests", APP)


class AutoModule(types.ModuleType):
    """A module of frappe the fake does not model, or of the app that the snapshot does not show:
    every attribute is a no-op function (named as the module's) that counts a step."""

    def __init__(self, name: str, frappe: FakeFrappe, missing: frozenset[str] = frozenset()):
        super().__init__(name)
        self.__path__ = []
        self._frappe, self._missing = frappe, missing

    def __getattr__(self, item):
        if item.startswith("__") or item in self._missing:
            raise AttributeError(item)
        frappe = self._frappe

        def no_op(*args, **kwargs):
            frappe.step()
        no_op.__qualname__ = no_op.__name__ = item
        no_op.__module__ = self.__name__
        return no_op


def _module(name: str, frappe: FakeFrappe, missing=frozenset(), **attributes) -> types.ModuleType:
    module = AutoModule(name, frappe, frozenset(missing))
    for key, value in attributes.items():
        setattr(module, key, value)
    return module


def _utils(frappe: FakeFrappe) -> types.ModuleType:
    today = datetime.date(2025, 1, 15)
    now = datetime.datetime(2025, 1, 15, 10, 0, 0)

    def cint(value, default=0):
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return default

    def flt(value, precision=None):
        try:
            return round(float(value), precision) if precision is not None else float(value)
        except (TypeError, ValueError):
            return 0.0

    def add_days(date, days):
        return (date if isinstance(date, datetime.date) else today) + datetime.timedelta(days=days)

    return _module(
        "frappe.utils", frappe,
        now=lambda: str(now), nowdate=lambda: str(today), today=lambda: str(today), now_datetime=lambda: now,
        getdate=lambda value=None: today, get_datetime=lambda value=None: now, add_days=add_days,
        add_to_date=lambda date=None, **kwargs: now, cint=cint, flt=flt, cstr=lambda v: "" if v is None else str(v),
        get_url=lambda *a, **k: "https://site1.local", escape_html=str, get_link_to_form=lambda d, n, *a: f"{d}/{n}",
        time_diff_in_seconds=lambda a, b: 0, comma_and=lambda items: ", ".join(items),
    )


def fake_modules(frappe: FakeFrappe) -> dict[str, types.ModuleType]:
    """Every module the fake models, by name; ``frappe`` itself gets its attributes from them."""
    utils = _utils(frappe)
    background_jobs = _module(
        "frappe.utils.background_jobs", frappe,
        missing={"is_job_enqueued", "get_job"} if frappe.version < 14 else {"get_job"} if frappe.version < 15 else (),
        enqueue=frappe.enqueue, enqueue_doc=frappe.enqueue_doc, get_jobs=frappe.get_jobs,
        get_redis_conn=lambda *a, **k: None,
        run_doc_method=lambda doctype, name, doc_method, **kwargs: getattr(frappe.get_doc(doctype, name), doc_method)(**kwargs),
    )
    if frappe.version >= 14:
        background_jobs.is_job_enqueued = frappe.is_job_enqueued
    utils.background_jobs = background_jobs
    utils.safe_exec = _module("frappe.utils.safe_exec", frappe, is_job_queued=frappe.is_job_queued)
    document = _module("frappe.model.document", frappe, Document=FakeDoc)
    model = _module("frappe.model", frappe, document=document)
    realtime = _module("frappe.realtime", frappe, publish_progress=frappe.publish_progress, publish_realtime=frappe.publish_realtime)
    email_queue = _module("frappe.email.queue", frappe, flush=lambda *a, **k: frappe.external_event("mail", "flush"))
    email = _module("frappe.email", frappe, queue=email_queue)
    integrations = _module(
        "frappe.integrations.utils", frappe,
        make_post_request=lambda url, *a, **k: frappe.external_event("http", "post", url),
        make_get_request=lambda url, *a, **k: frappe.external_event("http", "get", url),
    )
    exceptions = _module(
        "frappe.exceptions", frappe, ValidationError=ValidationError, CharacterLengthExceededError=CharacterLengthExceededError,
    )
    timeouts = _module("rq.timeouts", frappe, JobTimeoutException=JobTimeoutException)
    job = _module("rq.job", frappe, Job=types.SimpleNamespace(fetch=_job_fetch(frappe)))
    rq_exceptions = _module("rq.exceptions", frappe, NoSuchJobError=NoSuchJobError)
    rq = _module("rq", frappe, timeouts=timeouts, job=job, exceptions=rq_exceptions, Queue=lambda *a, **k: types.SimpleNamespace(jobs=[]))
    frappe.utils, frappe.model, frappe.realtime, frappe.email = utils, model, realtime, email
    frappe.exceptions = exceptions
    return {
        "frappe": frappe, "frappe.utils": utils, "frappe.utils.background_jobs": background_jobs,
        "frappe.utils.safe_exec": utils.safe_exec, "frappe.model": model, "frappe.model.document": document,
        "frappe.realtime": realtime, "frappe.email": email, "frappe.email.queue": email_queue,
        "frappe.integrations": _module("frappe.integrations", frappe, utils=integrations),
        "frappe.integrations.utils": integrations, "frappe.exceptions": exceptions,
        "rq": rq, "rq.timeouts": timeouts, "rq.job": job, "rq.exceptions": rq_exceptions, "requests": requests_module(frappe),
    }


class NoSuchJobError(Exception):
    """rq.exceptions.NoSuchJobError: what Job.fetch raises for an id RQ does not have."""


def _job_fetch(frappe: FakeFrappe):
    def fetch(job_id, connection=None):
        found = next((j for j in frappe.jobs if j.id == job_id), None)
        if found is None:
            raise NoSuchJobError(f"No such job: {job_id}")
        return found
    return fetch


@lru_cache(maxsize=512)
def compiled(code: str, filename: str):
    return compile(code, filename, "exec", dont_inherit=True)


class AppFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves ``myapp.*`` from the sections of a snapshot and unknown ``frappe.*`` as AutoModules."""

    def __init__(self, sections: dict[str, str], frappe: FakeFrappe, label: str):
        self.frappe, self.label = frappe, label
        self.files: dict[str, tuple[str, str, bool]] = {}
        for rel, code in sections.items():
            if not rel.endswith(".py"):
                continue  # a job-log.csv (the site's evidence) is data, not a module
            parts = rel[:-3].split("/")
            package = parts[-1] == "__init__"
            name = ".".join([APP, *(parts[:-1] if package else parts)])
            self.files[name] = (code, rel, package)

    def find_spec(self, fullname, path=None, target=None):
        root = fullname.split(".")[0]
        if root == APP:
            is_package = fullname == APP or any(n.startswith(fullname + ".") for n in self.files) or (
                fullname in self.files and self.files[fullname][2]
            )
            return importlib.util.spec_from_loader(fullname, self, is_package=is_package or fullname not in self.files)
        if root == "frappe":
            return importlib.util.spec_from_loader(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        if spec.name not in self.files:
            return AutoModule(spec.name, self.frappe)
        return None

    def exec_module(self, module):
        found = self.files.get(module.__name__)
        if found is not None:
            code, rel, _ = found
            exec(compiled(code, f"<snapshot {self.label}/{rel}>"), module.__dict__)

    def module_names(self) -> list[str]:
        return sorted(n for n in self.files if not n.endswith(".hooks") and n != f"{APP}.hooks")


@contextlib.contextmanager
def installed(sections: dict[str, str], frappe: FakeFrappe, label: str):
    """The app and the fakes importable (and nothing else of theirs) while the block runs."""
    saved = {n: m for n, m in sys.modules.items() if n.split(".")[0] in FAKED}
    for name in saved:
        del sys.modules[name]
    finder = AppFinder(sections, frappe, label)
    sys.modules.update(fake_modules(frappe))
    sys.meta_path.insert(0, finder)
    try:
        yield finder
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if n.split(".")[0] in FAKED]:
            del sys.modules[name]
        sys.modules.update(saved)
