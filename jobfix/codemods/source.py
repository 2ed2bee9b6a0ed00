"""Reading and writing source files without losing a byte jobfix did not mean to change.

Encoding (PEP 263 cookies, latin-1 included), a UTF-8 BOM, CRLF/LF line endings and the file
mode survive a rewrite; a write goes to a temporary file that is renamed over the original, and
never happens when the file changed on disk since it was read.
"""

from __future__ import annotations

import io
import os
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """A file jobfix cannot read or decode; the message is one line for the user."""


class WriteError(Exception):
    """A write that was refused or failed; the original file is untouched."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    raw: bytes
    text: str
    encoding: str

    def encode(self, text: str) -> bytes:
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise WriteError(f"the new text cannot be encoded as {self.encoding}: {exc.reason}") from None


def read_source(path: Path) -> SourceFile:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    return decode_source(path, raw)


def decode_source(path: Path, raw: bytes) -> SourceFile:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        raise SourceError(f"bad encoding declaration: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(f"cannot decode as {encoding}: {exc}") from None
    return SourceFile(path, raw, text, encoding)


def write_atomic(path: Path, original_raw: bytes, new_raw: bytes) -> None:
    """Replace ``path`` with ``new_raw`` if it still holds ``original_raw``; all or nothing."""
    try:
        current = path.read_bytes()
        mode = path.stat().st_mode & 0o7777
    except OSError as exc:
        raise WriteError(f"cannot read back before writing: {exc.strerror or exc}") from None
    if current != original_raw:
        raise WriteError("the file changed on disk since jobfix read it; not overwritten")
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
