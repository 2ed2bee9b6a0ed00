"""A recording stand-in for what of Frappe (and RQ, requests) the fixes touch, per version.

Modelled on frappe develop 2025-05 (``frappe/utils/background_jobs.py``, ``database/database.py``,
``utils/error.py``, ``core/doctype/error_log``) and the version notes of frappe-api.md:

- ``frappe.db`` is one transaction: writes stay pending until ``commit``; a full ``rollback``
  drops them and the jobs deferred to the commit; ``rollback(save_point=...)`` (keyword-only)
  drops the writes made after the savepoint but not the deferred jobs. A commit ends every
  savepoint, so rolling back to one after it fails, as in MariaDB.
- ``get_all`` never checks permissions; ``get_list`` does: as Administrator it lets everything
  through, as another user it returns only the records that user owns.
- a document's ``save``/``insert``/``submit``/``db_set``/``delete`` writes, then fails when its name
  is among ``failing`` (so a failing record has done part of its work).
- ``enqueue`` with each version's signature: keywords a version lacks reach the job as its own
  arguments; ``deduplicate=True`` (v15+) without ``job_id`` throws and drops a job whose id is
  queued or running (returning None); ``enqueue_after_commit=True`` returns None and queues the
  job at the next commit; ``now=True`` runs it in place.
- ``log_error`` with each version's signature; Error Log's title holds 140 characters (v16
  truncates a longer one into the message, older versions fail to insert it).
- HTTP calls and mail sent are external events: no rollback undoes them.

Only jobfix's snapshot code (its inputs and outputs) runs against this, never code jobfix reads.
"""

from __future__ import annotations

import copy
import itertools
import re
import types
from dataclasses import dataclass
from typing import Any, Callable

ADMIN = "Administrator"
USER = "user@example.com"
SITE = "site1.local"
TITLE_LENGTH = 140  # Error Log.method is a Data field
TRACEBACK = "Traceback (most recent call last):\n  ..."
STEP_BUDGET = 20_000  # calls into the fake before a run counts as never ending


# -- exceptions, as their modules define them ---------------------------------------------------


class ValidationError(Exception):
    """frappe.ValidationError: what ``frappe.throw`` raises."""


class CharacterLengthExceededError(ValidationError):
    pass


class DoesNotExistError(ValidationError):
    pass


class OperationalError(Exception):
    """pymysql's error for ``ROLLBACK TO SAVEPOINT`` of a savepoint that does not exist."""


class RecordFailed(Exception):
    """A record's write fails (a validation, a deadlock, a broken link)."""


class JobTimeoutException(Exception):
    """rq.timeouts.JobTimeoutException: RQ's job timeout, an Exception like any other."""


class Runaway(BaseException):
    """The code under test did not end within the step budget."""


class AnyValue(dict):
    """A parsed JSON answer that has every key asked for."""

    def __missing__(self, key):
        return f"{key}-value"


class Row(dict):
    """frappe._dict: a dict whose keys read as attributes (None when missing)."""

    __getattr__ = dict.get

    def __setattr__(self, key, value):
        self[key] = value


# -- the transaction ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    seq: int
    what: tuple


class FakeDB:
    def __init__(self, frappe: FakeFrappe):
        self.frappe = frappe
        self.pending: list[tuple] = []
        self.committed: list[tuple] = []
        self.commit_sizes: list[int] = []
        self.savepoints: dict[str, int] = {}
        self.full_rollbacks = 0
        self.savepoint_rollbacks: list[str] = []
        self.after_commit: list[Callable] = []
        self.queue: list[str] = []  # values get_value hands out, for loops that drain a queue
        self._seq = itertools.count()
        self._pending_seq: list[int] = []
        self.committed_seq: set[int] = set()

    # writes
    def write(self, *what) -> int:
        self.frappe.step()
        seq = next(self._seq)
        self.pending.append(what)
        self._pending_seq.append(seq)
        return seq

    def pending_ids(self) -> frozenset[int]:
        return frozenset(self._pending_seq)

    def commit(self, **kwargs) -> None:
        self.frappe.step()
        self.commit_sizes.append(len(self.pending))
        self.committed += self.pending
        self.committed_seq.update(self._pending_seq)
        self.pending, self._pending_seq = [], []
        self.savepoints.clear()
        callbacks, self.after_commit = self.after_commit, []
        for callback in callbacks:
            callback()

    def rollback(self, *, save_point=None, **kwargs) -> None:  # keyword-only in every Frappe
        self.frappe.step()
        if save_point is None:
            self.full_rollbacks += 1
            self.pending, self._pending_seq = [], []
            self.savepoints.clear()
            self.after_commit = []
            return
        if save_point not in self.savepoints:
            raise OperationalError(f"(1305, 'SAVEPOINT {save_point} does not exist')")
        self.savepoint_rollbacks.append(save_point)
        mark = self.savepoints[save_point]
        del self.pending[mark:], self._pending_seq[mark:]
        self.savepoints = {k: v for k, v in self.savepoints.items() if v <= mark}

    def savepoint(self, save_point) -> None:
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", save_point), save_point
        self.savepoints[save_point] = len(self.pending)

    def release_savepoint(self, save_point) -> None:
        if self.frappe.version < 14:
            raise AttributeError("release_savepoint")
        self.savepoints.pop(save_point, None)

    # reads and writes by name
    def set_value(self, doctype, name, fieldname=None, value=None, *args, **kwargs):
        self.write("set_value", doctype, name, _frozen(fieldname), _frozen(value))
        self.frappe.maybe_fail(name)

    set_single_value = set_value

    def delete(self, doctype, filters=None, **kwargs):
        self.write("delete", doctype, _frozen(filters))

    def sql(self, query, values=None, as_dict=False, **kwargs):
        self.frappe.step()
        text = str(query).strip()
        if not text.lower().startswith("select"):
            self.write("sql", text)
            return ()
        table = re.search(r"`tab([^`]+)`|\btab(\w+)", text)
        names = self.frappe.names_of(table.group(1) or table.group(2)) if table else []
        selected = re.match(r"select\s+(.*?)\s+from\b", text, re.I | re.S)
        columns = [c.strip().split()[-1].strip("`") for c in selected.group(1).split(",")] if selected else ["name"]
        rows = [Row({c: n if c == "name" else f"{c}-of-{n}" for c in columns}) for n in names]
        return rows if as_dict else [tuple(row.values()) for row in rows]

    def count(self, doctype, filters=None, **kwargs):
        return len(self.frappe.names_of(doctype))

    def exists(self, doctype, filters=None, **kwargs):
        if isinstance(filters, str):
            return filters if filters in self.frappe.names_of(doctype) else None
        return self.queue[0] if self.queue else None  # a search: what the queue still holds

    def get_value(self, doctype, filters=None, fieldname="name", *args, **kwargs):
        if self.queue:
            return self.queue.pop(0)
        if isinstance(filters, str):
            return f"{fieldname}-of-{filters}" if fieldname != "name" else filters
        return None

    get_single_value = get_value

    def get_all(self, *args, **kwargs):
        return self.frappe.get_all(*args, **kwargs)

    def get_list(self, *args, **kwargs):
        return self.frappe.get_list(*args, **kwargs)


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, FakeDoc):
        return ("doc", value.doctype, value.name)
    if isinstance(value, Unset):
        return None
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(type(value))


# -- documents ------------------------------------------------------------------------------------

DOCUMENT_DATA = frozenset({"doctype", "name", "_frappe"})


class FakeDoc:
    """A document: its fields, and methods that write (then fail for a failing record)."""

    def __init__(self, frappe=None, doctype=None, name=None, **fields):
        if not isinstance(frappe, FakeFrappe):  # a controller built by app code: frappe.get_doc is the way
            frappe, doctype, name = CURRENT[0], doctype or frappe, name
        object.__setattr__(self, "_frappe", frappe)
        object.__setattr__(self, "doctype", doctype or _doctype_of(type(self)))
        object.__setattr__(self, "name", name)
        for key, value in frappe.stored(self.doctype, name).items() if name else ():
            object.__setattr__(self, key, value)
        for key, value in fields.items():
            object.__setattr__(self, key, value)

    def __getattr__(self, item):
        if item.startswith("__"):
            raise AttributeError(item)
        return Unset(self, item)

    def __deepcopy__(self, memo):  # pickled with a job: its fields as they are now
        clone = object.__new__(type(self))
        object.__setattr__(clone, "_frappe", self._frappe)
        for key, value in vars(self).items():
            if key != "_frappe":
                object.__setattr__(clone, key, copy.deepcopy(value, memo))
        return clone

    def fields(self) -> tuple:
        return tuple(sorted((k, _frozen(v)) for k, v in vars(self).items() if k not in DOCUMENT_DATA))

    def _write(self, action: str, *extra):
        self._frappe.db.write(action, self.doctype, self.name, self.fields(), *extra)
        self._frappe.remember(self)
        self._frappe.maybe_fail(self.name)

    def save(self, *args, **kwargs):
        self._write("save")
        return self

    def insert(self, *args, **kwargs):
        if self.name is None:
            object.__setattr__(self, "name", f"{self.doctype}-new-{next(self._frappe.new_names)}")
        self._write("insert")
        return self

    def submit(self, *args, **kwargs):
        self._write("submit")

    def cancel(self, *args, **kwargs):
        self._write("cancel")

    def delete(self, *args, **kwargs):
        self._write("delete")

    def db_set(self, fieldname, value=None, *args, **kwargs):
        if isinstance(fieldname, dict):
            for key, val in fieldname.items():
                object.__setattr__(self, key, val)
        else:
            object.__setattr__(self, fieldname, value)
        self._write("db_set", _frozen(fieldname))

    def reload(self):
        for key, value in self._frappe.stored(self.doctype, self.name).items():
            object.__setattr__(self, key, value)

    def get(self, key, default=None):
        return vars(self).get(key, default)

    def set(self, key, value):
        object.__setattr__(self, key, value)

    def append(self, key, value=None):
        rows = vars(self).setdefault(key, [])
        rows.append(value)
        return value

    def as_dict(self, *args, **kwargs):
        self._frappe.maybe_fail(self.name)
        return {k: v for k, v in vars(self).items() if k != "_frappe"}

    def run(self, *args, **kwargs):
        self._frappe.step()

    def run_method(self, method, *args, **kwargs):
        function = getattr(type(self), method, None)
        return function(self, *args, **kwargs) if callable(function) else None

    def notify_update(self):
        self._frappe.step()

    def add_comment(self, *args, **kwargs):
        self._write("comment")

    def log_error(self, title=None, message=None):
        return self._frappe.log_error(title=title, message=message)

    def queue_action(self, action, **kwargs):
        return self._frappe.enqueue("frappe.model.document.execute_action", doctype=self.doctype, name=self.name, action=action, **kwargs)


class Unset:
    """A field the document does not have (falsy, like None), or a controller method the snapshot
    does not show: calling it does the record's work (a write that fails for a failing record)."""

    def __init__(self, doc: FakeDoc, name: str):
        self.doc, self.name = doc, name

    def __bool__(self):
        return False

    def __eq__(self, other):
        return other is None or isinstance(other, Unset)

    def __hash__(self):
        return 0

    def __str__(self):
        return ""

    def __call__(self, *args, **kwargs):
        self.doc._write(f"method {self.name}")


def _doctype_of(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__) if cls is not FakeDoc else "Document"


CURRENT: list = [None]  # the FakeFrappe of the run in progress (documents built by app code find it)


# -- jobs -----------------------------------------------------------------------------------------


@dataclass
class FakeJob:
    id: str
    job: dict
    status: str = "queued"

    def get_status(self, *args, **kwargs):
        return self.status

    def get_id(self):
        return self.id


# -- frappe ---------------------------------------------------------------------------------------


class FakeFrappe(types.ModuleType):
    """``frappe`` for one run: the version it behaves as, its records, the record that fails."""

    ValidationError = ValidationError
    DoesNotExistError = DoesNotExistError
    CharacterLengthExceededError = CharacterLengthExceededError

    def __init__(
        self,
        records: dict[str, list[str]] | None = None,
        failing: frozenset[str] = frozenset(),
        *,
        version: int = 15,
        failure: type[BaseException] = RecordFailed,
        absent: frozenset[str] = frozenset(),
        resolve: Callable[[str], Any] | None = None,
    ):
        super().__init__("frappe")
        self.version = version
        self.records = records if records is not None else {}
        self.failing, self.failure, self.absent = failing, failure, absent
        self.resolve = resolve or (lambda path: None)
        self.steps = 0
        self.new_names = itertools.count(1)
        self.data: dict[tuple[str, str], dict] = {}
        self.db = FakeDB(self)
        self.errors: list[dict] = []
        self.progress: list[dict] = []
        self.enqueued: list[dict] = []
        self.jobs: list[FakeJob] = []
        self.dropped: list[dict] = []
        self.permission_checks: list[tuple] = []
        self.external: list[tuple] = []  # (event, ids of the writes pending when it happened)
        self.realtime: list[tuple] = []
        self.session = Row(user=ADMIN)
        self.flags = Row()
        self.local = types.SimpleNamespace(site=SITE, flags=self.flags, conf=Row())
        self.conf = self.local.conf
        self.utils = None  # set by the module tree (harness.modules)
        self.model = None
        CURRENT[0] = self

    def __getattr__(self, item):  # a part of frappe the fake does not model: a recording no-op module
        if item.startswith("__"):
            raise AttributeError(item)
        from harness.modules import AutoModule

        module = AutoModule(f"frappe.{item}", self)
        setattr(self, item, module)
        return module

    # -- the run --
    def step(self) -> None:
        self.steps += 1
        if self.steps > STEP_BUDGET:
            raise Runaway()

    def maybe_fail(self, name) -> None:
        if _matches(self.failing, name):
            raise self.failure(f"{name} failed")

    def names_of(self, doctype: str) -> list[str]:
        if doctype not in self.records:
            self.records[doctype] = [f"{doctype}-{i}" for i in (1, 2, 3)]
        return [n for n in self.records[doctype] if not _matches(self.absent, n)]

    def stored(self, doctype, name) -> dict:
        return dict(self.data.get((doctype, name), {}))

    def remember(self, doc: FakeDoc) -> None:
        self.data[(doc.doctype, doc.name)] = {k: v for k, v in vars(doc).items() if k not in DOCUMENT_DATA}

    def external_event(self, *event) -> None:
        self.step()
        self.external.append((event, self.db.pending_ids()))

    # -- queries --
    def get_all(self, doctype, filters=None, fields=None, *args, pluck=None, as_list=False, **kwargs):
        self.step()
        names = self.names_of(doctype)
        if isinstance(filters, dict) and isinstance(filters.get("company"), str):
            names = [n for n in names if n.startswith(filters["company"])]
        if pluck:
            return list(names)
        fields = [fields] if isinstance(fields, str) else list(fields or ["name"])
        wanted = [f.split(" as ")[-1].strip() for f in fields if f != "*"] or ["name"]
        if as_list:
            return [tuple(n if f == "name" else f"{f}-of-{n}" for f in wanted) for n in names]
        rows = []
        for n in names:
            row = Row(name=n, owner="owner@example.com")
            row.update({f: f"{f}-of-{n}" for f in wanted if f not in row})
            rows.append(row)
        return rows

    def get_list(self, doctype, *args, **kwargs):
        self.permission_checks.append((doctype, self.session.user))
        rows = self.get_all(doctype, *args, **kwargs)
        if self.session.user == ADMIN or kwargs.get("ignore_permissions"):
            return rows
        return []  # the user owns none of them

    def get_doc(self, doctype, name=None, *args, **kwargs):
        self.step()
        if isinstance(doctype, dict):
            values = dict(doctype)
            return FakeDoc(self, values.pop("doctype", None), values.pop("name", None), **values)
        if kwargs and name is None:
            return FakeDoc(self, doctype, kwargs.pop("name", None), **kwargs)
        controller = self.resolve(("controller", doctype)) or FakeDoc
        if name is None:
            name = doctype  # a single
        elif _matches(self.absent, name):
            raise DoesNotExistError(f"{doctype} {name} not found")
        return controller(self, doctype, name)

    get_cached_doc = get_doc

    def new_doc(self, doctype, *args, **kwargs):
        return FakeDoc(self, doctype, None)

    def delete_doc(self, doctype, name=None, *args, **kwargs):
        self.db.write("delete_doc", doctype, name)
        self.maybe_fail(name)

    def rename_doc(self, doctype, old, new, *args, **kwargs):
        self.db.write("rename_doc", doctype, old, new)
        self.maybe_fail(old)
        return new

    # -- errors --
    def throw(self, msg, exc=ValidationError, title=None, *args, **kwargs):
        raise exc(msg)

    def msgprint(self, msg, *args, raise_exception=False, **kwargs):
        if raise_exception:
            raise ValidationError(msg)

    def get_traceback(self, with_context=False):
        return TRACEBACK

    def log_error(self, *args, **kwargs):
        if self.version < 14:
            bound = _bind(lambda message=None, title="Error": None, args, kwargs)
        elif self.version < 15:
            bound = _bind(lambda title=None, message=None, reference_doctype=None, reference_name=None: None, args, kwargs)
        else:
            bound = _bind(
                lambda title=None, message=None, reference_doctype=None, reference_name=None, *, defer_insert=False: None,
                args, kwargs,
            )
        title, message = bound.get("title"), bound.get("message")
        if message and title is None:
            raise TypeError("argument of type 'NoneType' is not iterable")  # `"\n" in title`, v14+
        if message and "\n" in str(title):
            title, message = message, title  # the swap heuristic of every version's log_error
        message = message or self.get_traceback()
        title = str(title or "Error")
        if len(title) > TITLE_LENGTH:
            if self.version < 16:
                raise CharacterLengthExceededError("Title (Error Log) will get truncated, as max characters allowed is 140")
            title, message = title[:TITLE_LENGTH], f"{title}\n{message}"
        self.errors.append({"title": title, "message": message})
        self.db.write("Error Log", title)

    # -- jobs --
    def enqueue(self, method, queue="default", timeout=None, event=None, is_async=True, job_name=None, now=False,
                enqueue_after_commit=False, **kwargs):
        self.step()
        own = {"at_front", "on_success", "on_failure", "job_id", "deduplicate", "at_front_when_starved"}
        if self.version < 14:
            own = set()
        elif self.version < 15:
            own = {"at_front", "job_id"}
        options = {k: kwargs.pop(k) for k in list(kwargs) if k in own}
        job_id, deduplicate = options.get("job_id"), options.get("deduplicate", False)
        kwargs.pop("async", None)
        if queue not in ("short", "default", "long"):
            self.throw(f"Queue should be one of short, default, long")
        if deduplicate:
            if not job_id:
                self.throw("`job_id` paramater is required for deduplication.")
            if self.is_job_enqueued(job_id):
                self.dropped.append({"method": self.method_path(method), "job_id": job_id, "kwargs": _frozen(kwargs)})
                return None
        if now or not is_async:
            return self.call(method, **kwargs)
        job = {
            "method": self.method_path(method), "callable": method, "queue": queue,
            "timeout": timeout or (1500 if queue == "long" else 300), "job_id": job_id, "deduplicate": deduplicate,
            "job_name": job_name, "kwargs": copy.deepcopy(kwargs), "user": self.session.user,
            "after_commit": bool(enqueue_after_commit), "pending_writes": len(self.db.pending),
        }

        def enqueue_call():
            self.enqueued.append(job)
            queued = FakeJob(self._rq_id(job_id) if job_id else f"{SITE}::job-{len(self.jobs)}", job)
            self.jobs.append(queued)
            return queued

        if enqueue_after_commit:
            self.db.after_commit.append(enqueue_call)
            return None
        return enqueue_call()

    def enqueue_doc(self, doctype, name=None, method=None, queue="default", timeout=300, now=False, **kwargs):
        return self.enqueue(
            "frappe.utils.background_jobs.run_doc_method", doctype=doctype, name=name, doc_method=method,
            queue=queue, timeout=timeout, now=now, **kwargs,
        )

    def _rq_id(self, job_id: str) -> str:
        return f"{SITE}||{job_id.replace(':', '|')}" if self.version >= 16 else f"{SITE}::{job_id}"

    def is_job_enqueued(self, job_id) -> bool:
        if self.version < 14:
            raise ImportError("is_job_enqueued")
        wanted = self._rq_id(job_id)
        return any(j.id == wanted and j.status in ("queued", "started") for j in self.jobs)

    def get_jobs(self, site=None, queue=None, key="method"):
        found = [j.job.get(key, j.job["kwargs"].get(key)) for j in self.jobs if j.status in ("queued", "started")
                 and (queue is None or j.job["queue"] == queue)]
        return {SITE: found}

    def is_job_queued(self, job_name, queue="default"):
        return job_name in self.get_jobs(queue=queue, key="job_name")[SITE]

    def method_path(self, method) -> str:
        return method if isinstance(method, str) else f"{method.__module__}.{method.__qualname__}"

    def call(self, method, *args, **kwargs):
        function = self.get_attr(method) if isinstance(method, str) else method
        return function(*args, **kwargs)

    def get_attr(self, path):
        found = self.resolve(path)
        if found is None:
            raise AttributeError(f"{path} not found")
        return found

    # -- what the user sees, and who they are --
    def publish_progress(self, *args, **kwargs):
        names = ("percent", "title", "doctype", "docname", "description") + (("task_id",) if self.version >= 15 else ())
        bound = _bind_names(names, args, kwargs)
        self.progress.append({"percent": bound.get("percent"), "title": bound.get("title")})

    def publish_realtime(self, event=None, message=None, room=None, user=None, doctype=None, docname=None,
                         task_id=None, after_commit=False):
        self.realtime.append((event, _frozen(message), user))

    def sendmail(self, recipients=None, sender="", subject="No Subject", message="No Message", now=None, **kwargs):
        if now:
            self.external_event("mail", _frozen(recipients), subject)
        else:
            self.db.write("Email Queue", _frozen(recipients), subject)

    def set_user(self, user):
        self.session.user = user

    def whitelist(self, allow_guest=False, **kwargs):
        def mark(function):
            function.whitelisted = True
            return function
        return mark

    def as_json(self, value, *args, **kwargs):
        return repr(value)

    def as_unicode(self, value, *args):
        return str(value)

    @staticmethod
    def _(text, *args, **kwargs):
        return text

    def _dict(self, *args, **kwargs):
        return Row(*args, **kwargs)

    def logger(self, *args, **kwargs):
        return types.SimpleNamespace(info=_ignore, error=_ignore, debug=_ignore, warning=_ignore, exception=_ignore)

    def cache(self):
        return types.SimpleNamespace(get_value=lambda *a, **k: None, set_value=_ignore, delete_value=_ignore,
                                     hget=lambda *a, **k: None, hset=_ignore)

    def get_hooks(self, *args, **kwargs):
        return []

    def get_meta(self, doctype, *args, **kwargs):
        return types.SimpleNamespace(get_field=lambda *a: None, has_field=lambda *a: False, istable=0, issingle=0)

    def has_permission(self, *args, **kwargs):
        self.permission_checks.append((args[0] if args else kwargs.get("doctype"), self.session.user))
        return self.session.user == ADMIN

    def only_for(self, roles, *args, **kwargs):
        self.permission_checks.append(("only_for", self.session.user))
        if self.session.user != ADMIN:
            raise ValidationError("not permitted")


def _matches(names: frozenset[str] | Callable[[object], bool], name) -> bool:
    """Whether ``name`` is among ``names``: a set, or a predicate."""
    return names(name) if callable(names) else name in names


def _ignore(*args, **kwargs):
    return None


def _bind(signature: Callable, args, kwargs) -> dict:
    import inspect

    bound = inspect.signature(signature).bind(*args, **kwargs)  # a TypeError, as in Frappe, for a wrong call
    bound.apply_defaults()
    return dict(bound.arguments)


def _bind_names(names, args, kwargs) -> dict:
    if len(args) > len(names) or set(kwargs) - set(names):
        raise TypeError(f"unexpected arguments {args} {kwargs}")
    return {**dict(zip(names, args)), **kwargs}


@dataclass
class FakeResponse:
    status_code: int = 200
    text: str = "{}"
    ok: bool = True

    def json(self):
        return AnyValue()

    def raise_for_status(self):
        return None


def requests_module(frappe: FakeFrappe) -> types.ModuleType:
    """``requests``: every call is an external event."""
    module = types.ModuleType("requests")

    def verb(name):
        def call(url, *args, **kwargs):
            frappe.external_event("http", name, str(url))
            return FakeResponse()
        return call

    for name in ("get", "post", "put", "patch", "delete", "head", "request"):
        setattr(module, name, verb(name))
    module.RequestException = type("RequestException", (Exception,), {})
    module.exceptions = types.SimpleNamespace(RequestException=module.RequestException, HTTPError=module.RequestException)
    module.Session = lambda: module
    return module
