"""Reading and writing source files without losing a byte jobfix did not mean to change.

Encoding (PEP 263 cookies, latin-1 included), a UTF-8 BOM, CRLF/LF line endings and the file
mode survive a rewrite; a write goes to a temporary file that is renamed over the original, and
never happens when the file changed on disk since it was read. Only regular files of a sane
size are read: a named pipe would block a read forever, and a generated 10 MB module would take
ast seconds and LibCST minutes and gigabytes.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import tokenize
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# Hand-written Python stays far below this (the largest module of erpnext is about 150 kB).
MAX_SOURCE_BYTES = 2 * 1024 * 1024


class SourceError(Exception):
    """A file jobfix cannot read or decode; the message is one line for the user."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line  # where the problem is, for the JF000 finding


class WriteError(Exception):
    """A write that was refused or failed; the original file is untouched."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    raw: bytes
    text: str
    encoding: str

    @cached_property
    def digest(self) -> str:
        return digest(self.raw)

    def encode(self, text: str) -> bytes:
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise WriteError(f"the new text cannot be encoded as {self.encoding}: {exc.reason}") from None


def digest(raw: bytes) -> str:
    """A fingerprint of a file's bytes: tells whether it changed since it was read."""
    import hashlib  # here, as tempfile below: `rules` and `explain` import this module, never hash nor write

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def read_source(path: Path) -> SourceFile:
    return decode_source(path, read_bytes(path))


# --stdin-filename: the code of one path comes from standard input, and its fixes go back there;
# every read and write of that path sees these bytes instead of the disk (the rest of its app is
# read from the disk as usual)
_STANDARD_INPUT: dict[str, bytes] = {}


def read_from_standard_input(path: Path, raw: bytes) -> None:
    _STANDARD_INPUT[os.path.abspath(path)] = raw


def is_standard_input(path: Path) -> bool:
    return os.path.abspath(path) in _STANDARD_INPUT


def any_standard_input() -> bool:
    return bool(_STANDARD_INPUT)


def standard_input_bytes(path: Path) -> bytes:
    """The bytes of a path read from standard input, with the fixes written to it."""
    return _STANDARD_INPUT[os.path.abspath(path)]


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; a pipe, a device or a huge file is refused without blocking."""
    if _STANDARD_INPUT and os.path.abspath(path) in _STANDARD_INPUT:
        return _STANDARD_INPUT[os.path.abspath(path)]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not a regular file; skipped")
        if info.st_size > MAX_SOURCE_BYTES:
            raise SourceError(
                f"file too large to check ({info.st_size / 1e6:.1f} MB; the limit is "
                f"{MAX_SOURCE_BYTES / 1e6:.1f} MB, made for hand-written code): skipped"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_SOURCE_BYTES:  # it grew while being read
        raise SourceError("file too large to check: skipped")
    return raw


def decode_source(path: Path, raw: bytes) -> SourceFile:
    try:
        encoding, cookie_lines = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        reason = exc.msg if hasattr(exc, "msg") else str(exc)
        if reason == "invalid or missing encoding declaration":  # the first lines are not UTF-8
            encoding, cookie_lines = "utf-8", []
        else:
            if raw.startswith(codecs.BOM_UTF8) and reason.startswith("encoding problem"):
                reason = "the file starts with a UTF-8 byte order mark but declares another encoding"
            raise SourceError(f"bad encoding declaration: {reason}") from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        declared = any(_CODING.match(line) for line in cookie_lines)
        origin = "the encoding its coding declaration names" if declared else "no coding declaration: Python reads UTF-8"
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"cannot decode as {encoding} ({origin}): byte 0x{raw[exc.start]:02x} on line {line} is not valid", line
        ) from None
    except LookupError as exc:
        raise SourceError(f"cannot decode as {encoding}: {exc}") from None
    return SourceFile(path, raw, text, encoding)


_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=]")  # PEP 263, as tokenize matches it


def write_atomic(path: Path, original_raw: bytes, new_raw: bytes) -> None:
    """Replace ``path`` with ``new_raw`` if it still holds ``original_raw``; all or nothing."""
    if _STANDARD_INPUT and os.path.abspath(path) in _STANDARD_INPUT:
        if _STANDARD_INPUT[os.path.abspath(path)] != original_raw:
            raise WriteError("the code changed since jobfix read it; not overwritten")
        _STANDARD_INPUT[os.path.abspath(path)] = new_raw
        return
    try:
        current = path.read_bytes()
        mode = path.stat().st_mode & 0o7777
    except OSError as exc:
        raise WriteError(f"cannot read back before writing: {exc.strerror or exc}") from None
    if current != original_raw:
        raise WriteError("the file changed on disk since jobfix read it; not overwritten")
    if path.is_symlink():  # a rename would replace the link itself with a copy
        raise WriteError("the file is a symbolic link; not changed")
    if not mode & 0o222:  # a rename would replace it anyway (even for root): respect the intent
        raise WriteError("the file is read-only; not changed")
    _write_via_temp(path, new_raw, mode, replace=True)


def create_file(path: Path, text: str) -> None:
    """Create a new file; refuses to replace one that exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {path.parent}: {exc.strerror or exc}") from None
    _write_via_temp(path, text.encode("utf-8"), 0o644, replace=False)


def _write_via_temp(path: Path, data: bytes, mode: int, *, replace: bool) -> None:
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".jobfix-tmp")
    except OSError as exc:
        raise WriteError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the path appeared meanwhile
            os.unlink(tmp)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
