"""One reader for every spreadsheet format: python-calamine, run in a child process.

The child (:mod:`storage.sheet_process`) checks the archive and the sheet's real extent, parses
under a memory limit, and streams rows back; here its frames become sheet heads and numbered
rows, and its problems (or its death) become :mod:`storage.importer.file_errors` messages. A
hostile file therefore ends with a message, never with the app's process aborted by Rust.
"""

from __future__ import annotations

import contextlib
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from storage.importer.file_errors import (
    ArchiveBombError,
    ChartSheetError,
    DamagedWorkbookError,
    EncryptedFileError,
    ImportFileError,
    NotATableError,
    SheetExtentError,
    SheetNotFoundError,
    SheetTooLargeError,
)

#: The child's address-space cap: a 1,000,000-row sheet of twenty columns parses in under it.
MEMORY_LIMIT_MB = 3072
ROOT = Path(__file__).resolve().parents[2]  # the folder holding storage/, for python -m
CHILD = "storage.sheet_process"
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows

Row = tuple[int, list[Any]]


@dataclass(frozen=True)
class SheetInfo:
    name: str
    kind: str  # WorkSheet, ChartSheet, DialogSheet, MacroSheet, Vba
    visible: bool


@dataclass
class SheetHead:
    """A sheet's first rows (for finding its header) and its last row number."""

    name: str
    last_row: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class WorkbookHead:
    sheets: list[SheetInfo]
    heads: list[SheetHead]
    #: With one sheet to read, the rest of its rows (below its first HEAD_ROWS) in blocks,
    #: still in the child that parsed it; close it when they are not wanted.
    rest: Generator[list[Row], None, None] | None = None
    #: Ends that child (the generator's own close() does not, before its first row).
    end_rest: Callable[[], None] | None = None

    @property
    def table_names(self) -> list[str]:
        """The sheets a table can come from: worksheets, hidden ones included."""
        return [s.name for s in self.sheets if s.kind == "WorkSheet"]


def read_head(path: Path, sheet: str | None = None,
              meanwhile: Callable[[], object] | None = None) -> WorkbookHead:
    """The workbook's sheets and the first rows of each visible worksheet (or of ``sheet``).
    ``meanwhile`` runs while the child parses (the sheet comes whole or not at all: its
    first row waits for its last). A sheet :func:`prefetch` started is read from its child."""
    child = _PREFETCHED.pop((_key(path), sheet), None) if sheet else None
    if child is None:
        child = _Child(path, "head", sheet, 0)
    head = WorkbookHead([], [])
    frames = child.frames()
    try:
        if meanwhile is not None:
            meanwhile()
        for frame in frames:
            if frame[0] == "sheets":
                head.sheets = [SheetInfo(*info) for info in frame[1]]
            elif frame[0] == "head":
                head.heads.append(SheetHead(frame[1], frame[2], frame[3]))
            elif frame[0] == "heads_done":
                if frame[1]:
                    head.rest, head.end_rest = _blocks(child, frames), child.close
                break
    finally:
        if head.rest is None:
            child.close()
    return head


#: Sheets being parsed ahead, by (absolute path, sheet): see prefetch.
_PREFETCHED: dict[tuple[str, str], _Child] = {}


def prefetch(path: Path, sheet: str) -> None:
    """Start parsing ``sheet`` now, in a child of its own, for :func:`read_head` to read
    later: a whole-book import has the next sheet parsed on the other core while it writes
    the records of this one (the child waits, its sheet parsed, until it is read). Its
    problems are raised when it is read, as they would have been. End the children not read
    with :func:`end_prefetched`."""
    key = (_key(path), sheet)
    if key not in _PREFETCHED:
        _PREFETCHED[key] = _Child(path, "head", sheet, 0)


def end_prefetched() -> None:
    """End the children of :func:`prefetch` that were not read."""
    while _PREFETCHED:
        _PREFETCHED.popitem()[1].close()


def _key(path: Path) -> str:
    return str(Path(path).absolute())


def list_sheets(path: Path) -> list[SheetInfo]:
    """The workbook's sheets, none of them parsed (a whole-book import picks its own)."""
    child = _Child(path, "sheets", None, 0)
    try:
        for frame in child.frames():
            if frame[0] == "sheets":
                return [SheetInfo(*info) for info in frame[1]]
        return []
    finally:
        child.close()


def read_blocks(path: Path, sheet: str, skip: int,
                on_size: Callable[[int], None] | None = None) -> Iterator[list[Row]]:
    """(row number, values) of every row of ``sheet`` below row ``skip``, in blocks as the
    child sends them; ``on_size`` hears the sheet's last row number first. Stopping early
    (closing the generator) ends the child."""
    child = _Child(path, "rows", sheet, skip)
    return _blocks(child, child.frames(), on_size)


def _blocks(child: _Child, frames: Iterator[tuple[Any, ...]],
            on_size: Callable[[int], None] | None = None) -> Generator[list[Row], None, None]:
    finished = False
    try:
        for frame in frames:
            if frame[0] == "rows":
                yield list(zip(count(frame[1]), frame[2]))
            elif frame[0] == "size" and on_size is not None:
                on_size(int(frame[1]))
            elif frame[0] == "end":
                finished = True
        if not finished:
            raise _death(child.path, child.wait(), child.stderr())
    finally:
        child.close()


class _Child:
    """The reader process and the frames it writes."""

    def __init__(self, path: Path, mode: str, sheet: str | None, skip: int) -> None:
        self.path = path
        self.sheets: list[tuple[str, str, bool]] = []
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        # The child runs in the app's folder: a path relative to ours must not move there.
        command = [sys.executable, "-m", CHILD, mode, str(Path(path).absolute()), sheet or "",
                   str(skip), str(MEMORY_LIMIT_MB)]
        self._process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=self._errors,
                                         creationflags=_NO_WINDOW)
        _widen(self._process.stdout)

    def frames(self) -> Iterator[tuple[Any, ...]]:
        stdout = self._process.stdout
        assert stdout is not None
        while True:
            try:
                frame = pickle.load(stdout)
            except (EOFError, pickle.UnpicklingError, ValueError):  # the end, or cut off
                break
            if frame[0] == "error":
                raise _problem(self.path, frame[1], frame[2], self.sheets)
            if frame[0] == "sheets":
                self.sheets = frame[1]
            yield frame
        status = self.wait()
        if status != 0:
            raise _death(self.path, status, self.stderr())

    def wait(self) -> int:
        return self._process.wait()

    def stderr(self) -> str:
        self._errors.seek(0)
        return self._errors.read()[-4000:].decode("utf-8", "replace")

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._process.wait()
        self._errors.close()


#: The pipe's buffer for the child's frames (Linux; the default is 64 KB). A 100,000-row sheet
#: is 10 MB of frames: through 64 KB the child stopped about 230 times for the app to read
#: and, on a loaded machine, waited its turn for a core each time to go on (60 times with
#: 1 MB, the largest an unprivileged process may ask for by default).
PIPE_BYTES = 1 << 20


def _widen(stream: Any) -> None:
    """Ask for a pipe buffer of PIPE_BYTES where the system allows it (Linux); else keep
    the default, which works the same, only with more stops."""
    if sys.platform != "linux" or stream is None:
        return
    import fcntl

    # Refused with a lower pipe-max-size, or once the user's pipe pages are used up.
    with contextlib.suppress(OSError):
        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _problem(path: Path, code: str, detail: str,
             sheets: list[tuple[str, str, bool]]) -> ImportFileError:
    names = ", ".join(name for name, kind, _visible in sheets if kind == "WorkSheet")
    if code == "password":
        return EncryptedFileError(str(path))
    if code == "no_sheet":
        return SheetNotFoundError(str(path), sheet=detail, sheets=names)
    if code == "chart_sheet":
        return ChartSheetError(str(path), sheet=detail, sheets=names)
    if code == "extent":
        name, corner, cells = detail.rsplit(":", 2)
        return SheetExtentError(str(path), sheet=name, corner=corner, cells=f"{int(cells):,}")
    if code == "bomb":
        expanded, packed = (int(part) for part in detail.split(":"))
        return ArchiveBombError(str(path), expanded=f"{expanded / (1 << 20):,.0f}",
                                ratio=f"{expanded // max(packed, 1):,}")
    if code == "memory":
        return SheetTooLargeError(str(path), limit=MEMORY_LIMIT_MB)
    if code == "damaged" or any(sign in detail for sign in _DAMAGE_SIGNS):
        return DamagedWorkbookError(str(path))
    return NotATableError(str(path), detail=detail or code)


#: How calamine's zip reader words a part that does not unpack as the archive says.
_DAMAGE_SIGNS = ("declared uncompressed size", "Invalid checksum", "invalid Zip archive",
                 "Bad CRC-32")


def _death(path: Path, status: int, stderr: str) -> ImportFileError:
    """The child ended without saying why: out of memory (Rust aborts on a failed allocation,
    the OS kills) or a crash in the parser."""
    if "memory allocation" in stderr or "MemoryError" in stderr or status in (-6, -9, 134, 137):
        return SheetTooLargeError(str(path), limit=MEMORY_LIMIT_MB)
    last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {status}"
    return NotATableError(str(path), detail=last[:200])
