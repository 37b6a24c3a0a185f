"""Every file the app writes: written whole or not at all, and checked before it counts.

The bytes go to a temporary file beside the target (same folder, so the rename is
atomic), are flushed and fsynced, and are checked: the size on disk is what was written,
and a PDF is complete (``%%EOF`` after a cross-reference table that its ``startxref``
points at). Only then is the temporary file renamed over the target and the folder
synced. On any failure the temporary file is removed, the earlier file is untouched and
:class:`WriteFailedError` says which file and why.

Text cells of a CSV are neutralised here too (OWASP's advice on CSV injection): a cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
single quote, so a spreadsheet shows it as text and never runs it as a formula.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kneecare_desktop.basics import Lang, Text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CANNOT_WRITE = Text("{path} を書き込めませんでした（{reason}）。以前のファイルはそのままです。",
                     "Could not write {path} ({reason}). Any earlier file there is unchanged.")
_SHORT = Text("書き込めたのは {written} / {expected} バイトでした",
              "only {written} of {expected} bytes reached the disk")
_BROKEN_PDF = Text("PDF が最後まで書き込まれていません", "the PDF was not written completely")


class WriteFailedError(OSError):
    """A file could not be written whole; the earlier one (if any) is unchanged."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def message(self, lang: Lang) -> str:
        return _CANNOT_WRITE.format(path=str(self.path), reason=self.reason).get(lang)


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text that a spreadsheet would run as a formula is quoted;
    numbers (a negative one included) stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Sequence[object]) -> list[object]:
    return [csv_cell(v) for v in values]


def csv_rows(rows: Iterable[Sequence[object]]) -> Iterator[list[object]]:
    """Each row as :func:`csv_row` makes it; the check is written out here, not called
    per cell, since ten years of history are more than half a million cells."""
    starts = FORMULA_STARTS
    for row in rows:
        yield [("'" + v) if isinstance(v, str) and v.startswith(starts) else v for v in row]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _temporary_beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}.partial")


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def atomic_path(path: Path, check: Callable[[Path], str | None] | None = None,
                lang: Lang = Lang.EN) -> Iterator[Path]:
    """A temporary path for a writer that needs a file name (Qt's PDF writer): write it
    inside the ``with``; after it, ``check(temporary)`` (None when fine, else why not),
    fsync, rename over ``path``."""
    temporary = _temporary_beside(path)
    try:
        yield temporary
        problem = check(temporary) if check is not None else None
        if problem is None and not temporary.exists():
            problem = "nothing was written"
        if problem is not None:
            raise WriteFailedError(path, problem)
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    except WriteFailedError:
        temporary.unlink(missing_ok=True)
        raise
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise WriteFailedError(path, _reason(error)) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_checked(temporary: Path, data: bytes) -> str | None:
    """Write, flush, fsync; None when the size on disk is the size of ``data``."""
    with temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    written = temporary.stat().st_size
    if written != len(data):
        return _SHORT.format(written=written, expected=len(data)).en
    return None


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see the module's docstring)."""
    write_many([(path, data)])
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Text as written (no newline translation), whole or not at all."""
    return write_bytes(path, text.encode(encoding))


class Staged:
    """Files written and checked beside their targets, not yet in place: ``commit``
    renames them all, ``discard`` removes them (whatever happened, call one)."""

    def __init__(self, staged: list[tuple[Path, Path]]) -> None:
        self._staged = staged

    def commit(self) -> None:
        current = Path()
        try:
            for temporary, path in self._staged:
                current = path
                os.replace(temporary, path)
            for folder in {path.parent for _temporary, path in self._staged}:
                _fsync_folder(folder)
        except OSError as error:
            self.discard()
            raise WriteFailedError(current, _reason(error)) from error
        self._staged = []

    def discard(self) -> None:
        for temporary, _path in self._staged:
            temporary.unlink(missing_ok=True)
        self._staged = []


def stage(files: Sequence[tuple[Path, bytes]]) -> Staged:
    """Write and check every file beside its target (see :class:`Staged`); on failure
    nothing is left behind and :class:`WriteFailedError` says which file and why."""
    staged: list[tuple[Path, Path]] = []
    current = files[0][0] if files else Path()
    try:
        for path, data in files:
            current = path
            temporary = _temporary_beside(path)
            staged.append((temporary, path))
            problem = _write_checked(temporary, data)
            if problem is not None:
                raise WriteFailedError(path, problem)
    except WriteFailedError:
        Staged(staged).discard()
        raise
    except OSError as error:
        Staged(staged).discard()
        raise WriteFailedError(current, _reason(error)) from error
    return Staged(staged)


def write_many(files: Sequence[tuple[Path, bytes]]) -> None:
    """Files that belong together (an export's tables): every one is written and checked
    before any is renamed into place, so a failure leaves all the earlier ones as they
    were."""
    stage(files).commit()


def pdf_problem(path: Path) -> str | None:
    """None if ``path`` is a complete PDF: it starts with ``%PDF-``, ends with ``%%EOF``,
    and its last ``startxref`` points at a cross-reference table inside the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _reason(error)
    tail = data[-1024:].rstrip()
    if not data.startswith(b"%PDF-") or not tail.endswith(b"%%EOF"):
        return _BROKEN_PDF.en
    marker = data.rfind(b"startxref")
    try:
        offset = int(data[marker + len(b"startxref"):].split()[0])
    except (ValueError, IndexError):
        return _BROKEN_PDF.en
    if marker < 0 or not 0 < offset < len(data) or data[offset:offset + 4] != b"xref":
        return _BROKEN_PDF.en
    return None
