"""One reader for every spreadsheet format: python-calamine, run in a child process.

The child (:mod:`storage.sheet_process`) checks the archive and the sheet's real extent, parses
under a memory limit, and streams rows back; here its frames become sheet heads and numbered
rows, and its problems (or its death) become :mod:`storage.importer.file_errors` messages. A
hostile file therefore ends with a message, never with the app's process aborted by Rust.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from storage.importer.file_errors import (
    ArchiveBombError,
    ChartSheetError,
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

    @property
    def table_names(self) -> list[str]:
        """The sheets a table can come from: worksheets, hidden ones included."""
        return [s.name for s in self.sheets if s.kind == "WorkSheet"]


def read_head(path: Path, sheet: str | None = None) -> WorkbookHead:
    """The workbook's sheets and the first rows of each visible worksheet (or of ``sheet``)."""
    sheets: list[SheetInfo] = []
    heads: list[SheetHead] = []
    for frame in _frames(path, "head", sheet, 0):
        if frame[0] == "sheets":
            sheets = [SheetInfo(*info) for info in frame[1]]
        elif frame[0] == "head":
            heads.append(SheetHead(frame[1], frame[2], frame[3]))
    return WorkbookHead(sheets, heads)


def read_rows(path: Path, sheet: str, skip: int,
              on_size: Callable[[int], None] | None = None) -> Iterator[Row]:
    """(row number, values) of every row of ``sheet`` below row ``skip``; ``on_size`` hears
    the sheet's last row number first. Stopping early (closing the generator) ends the
    child."""
    for frame in _frames(path, "rows", sheet, skip):
        if frame[0] == "size" and on_size is not None:
            on_size(int(frame[1]))
        elif frame[0] == "rows":
            for offset, values in enumerate(frame[2]):
                yield frame[1] + offset, values


def _frames(path: Path, mode: str, sheet: str | None, skip: int) -> Iterator[tuple[Any, ...]]:
    command = [sys.executable, "-m", CHILD, mode, str(path), sheet or "", str(skip),
               str(MEMORY_LIMIT_MB)]
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=errors,
                                 creationflags=_NO_WINDOW)
        assert child.stdout is not None
        sheets: list[tuple[str, str, bool]] = []
        finished = False
        try:
            while True:
                try:
                    frame = pickle.load(child.stdout)
                except EOFError:
                    break
                except (pickle.UnpicklingError, ValueError):  # cut off mid-frame
                    break
                if frame[0] == "error":
                    raise _problem(path, frame[1], frame[2], sheets)
                if frame[0] == "sheets":
                    sheets = frame[1]
                if frame[0] == "end":
                    finished = True
                yield frame
            status = child.wait()
            if status != 0 or (mode == "rows" and not finished):
                raise _death(path, status, _tail(errors))
        finally:
            if child.poll() is None:
                child.kill()
            child.stdout.close()
            child.wait()


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
    return NotATableError(str(path), detail=detail or code)


def _death(path: Path, status: int, stderr: str) -> ImportFileError:
    """The child ended without saying why: out of memory (Rust aborts on a failed allocation,
    the OS kills) or a crash in the parser."""
    if "memory allocation" in stderr or "MemoryError" in stderr or status in (-6, -9, 134, 137):
        return SheetTooLargeError(str(path), limit=MEMORY_LIMIT_MB)
    last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {status}"
    return NotATableError(str(path), detail=last[:200])


def _tail(errors: IO[bytes]) -> str:
    errors.seek(0)
    return errors.read()[-4000:].decode("utf-8", "replace")
