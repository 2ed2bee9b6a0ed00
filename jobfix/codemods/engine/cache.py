"""The findings of every file of an app, kept so that an unchanged app is not analysed again.

A rule's findings in one file can depend on any Python file of its app (the roles that hooks.py
and the enqueue calls give a function, the base classes of a controller, the callees the heavy
heuristic follows two calls deep), so the key of an app's entry is everything that can change a
finding: jobfix's version and own code, the Python version, the enabled rules, every setting, the
target Frappe version, and the bytes and names of every Python file of the app. Change any of
them and the whole app is analysed again: a stale entry can never hide a finding nor invent one.

A file's findings are stored whole, fixes included (their rewrites are small frozen dataclasses),
so a cached finding is as fixable as a fresh one; its fix stays pinned to the file's bytes, which
the key guarantees are unchanged. Beside them, the findings without their edits (``portable``):
what a check shows, unpickled without importing the rules that define the rewrites. A file whose
findings do not pickle is simply analysed every time.

Reading every file to know that none changed would cost a warm run most of its time, so an entry
also keeps each file's stat data (size, modification and change times, inode) beside the digest of
its bytes, and a file whose stat data are unchanged is not read again. The change time and the
inode cannot be set back by a program (a copy that keeps the modification time still changes
them), and the stat data of a file changed less than ``RECENT_NS`` before the run are not kept:
as git does with its "racily clean" entries, a file written in the same clock tick as it was read
(file systems count time in steps of up to two seconds) could change again with the same stat
data, so it is read again next time. Entries live in the user's cache folder (``$JOBFIX_CACHE_DIR``, else
``$XDG_CACHE_HOME/jobfix``, else ``~/.cache/jobfix``), one file per app and settings, written
atomically and private to the user (pickle runs code, so an entry another user could have written
is ignored). A cache that cannot be read or written is ignored, never an error.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jobfix
from jobfix.codemods.engine.model import Finding
from jobfix.codemods.engine.source import SourceError, any_standard_input, is_standard_input, read_bytes

try:  # hashlib's blake2b itself: importing hashlib first loads OpenSSL (2 ms of a warm run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without CPython's module
    from hashlib import blake2b

FORMAT = 4  # bump when the entry layout changes
RECENT_NS = 2_000_000_000  # the stat data of a file changed this close to the run are not kept
CLEAN = b""  # what a file without findings stores (nothing to unpickle)


def default_folder() -> Path:
    """The user's cache folder for jobfix (no platformdirs: Frappe benches run on Linux and macOS,
    where the XDG convention is what users expect and ``~/.cache`` works)."""
    explicit = os.environ.get("JOBFIX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "jobfix"


def _hash(*parts: str) -> str:
    digest = blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """jobfix's version and the size and time of each of its own modules: an edited rule in a
    development checkout (same version number) must not be answered from an older run."""
    root = os.path.dirname(jobfix.__file__)
    stats = []
    for folder, _, names in os.walk(root):  # not Path.rglob: four times slower, on every run
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                stats.append(f"{os.path.relpath(path, root).replace(os.sep, '/')}:{info.st_size}:{info.st_mtime_ns}")
    return _hash(jobfix.__version__, sys.version.split()[0], *sorted(stats))


def canonical(value):
    """A JSON-able form of a setting that is the same in every process (sets sorted, not hashed)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, (frozenset, set)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (tuple, list)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return sorted(([canonical(k), canonical(v)] for k, v in value.items()), key=repr)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)  # Path, FrappeTarget without dataclass fields, ...: a stable text


def settings_key(config, frappe) -> str:
    """Everything but the app's files that a finding depends on. The rules that run are those of
    jobfix's code that the settings enable: both are in the key, so no rule is imported to make it."""
    return _hash(
        str(FORMAT), code_fingerprint(), json.dumps(canonical(config), sort_keys=True), json.dumps(canonical(frappe), sort_keys=True),
    )


def stat_key(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells that a file is unchanged without reading it."""
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _now_ns() -> int:
    return time.time_ns()


def files_fingerprint(root: Path, files: list[Path], known: dict | None = None) -> tuple[str | None, dict]:
    """The digest of the files' names and bytes (None when one cannot be read), and the stat data
    worth keeping: ``{name: (stat_key, digest of the bytes)}``. A file whose stat data are those
    ``known`` holds is not read; its bytes are those it had then."""
    known = known or {}
    settled = _now_ns() - RECENT_NS  # changed before this: its stat data are worth keeping
    piped = any_standard_input()  # code read from standard input has no stat data of its own
    digest = blake2b(digest_size=16)
    kept = {}
    prefix = str(root) + os.sep  # _relative, once (this runs for every file of a warm run)
    for path in sorted(map(str, files)):
        name = path[len(prefix):] if path.startswith(prefix) else path
        try:
            info = os.stat(path)
        except OSError:
            return None, {}  # the engine reports the file; this run is simply not cached
        key = stat_key(info)
        stored = known.get(name)
        standard_input = piped and is_standard_input(path)
        if stored is not None and stored[0] == key and not standard_input:
            file_digest = stored[1]
        else:
            try:
                raw = read_bytes(path)  # as the engine reads: never blocks on a pipe, never a huge file
            except SourceError:
                return None, {}
            file_digest = blake2b(raw, digest_size=16).digest()
        if info.st_mtime_ns < settled and info.st_ctime_ns < settled and not standard_input:
            kept[name] = (key, file_digest)  # else read again next time (see the module's docstring)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0" + file_digest)
    return digest.hexdigest(), kept


def _relative(path: str, root: Path) -> str:
    """``path`` inside ``root`` (both absolute), with string operations: Path.relative_to is slow."""
    prefix = str(root) + os.sep
    return path[len(prefix):] if path.startswith(prefix) else path


@dataclass(frozen=True)
class FindingsCache:
    """Where entries live; plain data, so it can be handed to worker processes."""

    folder: Path = field(default_factory=default_folder)

    @staticmethod
    def app_id(root: Path) -> str:
        return _hash(os.path.abspath(root))

    def _path(self, root: Path, settings: str) -> Path:
        return self.folder / f"v{FORMAT}" / f"{self.app_id(root)}-{_hash(settings)}.pickle"

    def has_entry(self, root: Path, settings: str) -> bool:
        """Whether an earlier run stored the app under these settings: then it is likely answered
        from the cache, not worth a worker process."""
        return self._path(root, settings).is_file()

    def open(self, root: Path, app_files: list[Path], settings: str) -> CacheEntry:
        """The entry of the app at ``root`` (its Python files ``app_files``) under ``settings``."""
        root = Path(os.path.abspath(root))
        path = self._path(root, settings)
        stored = _load(path)
        known = stored["stats"] if stored is not None else {}
        fingerprint, stats = files_fingerprint(root, app_files, known)
        entry = CacheEntry(path, root, fingerprint, stats=stats, stats_changed=stats != known)
        if fingerprint is not None and stored is not None and stored["fingerprint"] == fingerprint:
            entry.files = stored["files"]
            entry.loaded = len(entry.files)
        return entry


def _load(path: Path) -> dict | None:
    """A stored entry, if it is ours: a file only this user can have written (pickle runs code)."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None
            stored = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, truncated, or from another jobfix: analyse again
        return None
    if not isinstance(stored, dict) or not all(isinstance(stored.get(k), dict) for k in ("files", "stats")):
        return None
    return stored


@dataclass
class CacheEntry:
    """The findings of each file of one app (by path inside the app), for one fingerprint."""

    path: Path
    root: Path
    fingerprint: str | None  # None: the app could not be fingerprinted, nothing is cached
    # name -> CLEAN, or the pickled findings without their edits and with them (the same bytes
    # when no finding has edits)
    files: dict[str, bytes | tuple[bytes, bytes]] = field(default_factory=dict)
    loaded: int = 0
    stats: dict = field(default_factory=dict)  # files_fingerprint's stat data, for the next run
    stats_changed: bool = False

    def _name(self, file: Path) -> str:
        text = str(file)
        prefix = str(self.root) + os.sep
        if text.startswith(prefix):  # absolute, inside the app: asked for every file of a warm run
            return text[len(prefix):]
        return _relative(text if os.path.isabs(text) else os.path.abspath(text), self.root)

    def findings(self, file: Path, edits: bool = True) -> list[Finding] | None:
        """The findings an earlier run had in ``file``, their fixes' edits too unless ``edits`` is
        False (``Finding.portable``), or None when unknown."""
        stored = self.files.get(self._name(file)) if self.fingerprint is not None else None
        if stored is None:
            return None
        if stored == CLEAN:
            return []
        try:
            return pickle.loads(stored[1] if edits else stored[0])
        except Exception:  # noqa: BLE001 - an entry that no longer loads is analysed again
            return None

    def store(self, file: Path, findings: list[Finding]) -> None:
        """Keep a file's findings, unless one is a JF000: a file jobfix could not read or parse,
        or a rule's internal error, is worth trying again (and ``--debug`` shows the traceback)."""
        if self.fingerprint is None or any(f.is_parse_error for f in findings):
            return
        if not findings:
            self.files[self._name(file)] = CLEAN
            return
        try:
            whole = pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a rewrite that does not pickle: that file is analysed every time
            return
        portable = [f.portable() for f in findings]
        same = all(p == f for p, f in zip(portable, findings))
        self.files[self._name(file)] = (whole if same else pickle.dumps(portable, protocol=pickle.HIGHEST_PROTOCOL), whole)

    def save(self) -> None:
        """Write the entry if it learned something; atomically, and quietly giving up on errors."""
        if self.fingerprint is None or (len(self.files) == self.loaded and not self.stats_changed):
            return
        data = pickle.dumps({"fingerprint": self.fingerprint, "root": str(self.root), "files": self.files,
                             "stats": self.stats}, protocol=pickle.HIGHEST_PROTOCOL)
        import tempfile  # here: a warm run that learned nothing writes nothing

        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".entry-", suffix=".tmp")  # mode 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self.path)
            except OSError:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only home or a full disk: the next run is simply not faster
