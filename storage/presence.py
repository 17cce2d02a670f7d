"""Who else has this book open: one small file per running KeyPlan process beside the book.

SQLite (WAL, busy timeout) lets several processes share the file safely; these markers only
let a second window or a command tell the user that the book is open elsewhere.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: A marker from another computer (shared folder) counts as stale after this long.
FOREIGN_MARKER_HOURS = 12


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    app: str  # "gui" or a command name
    since: float  # seconds since the epoch


def _folder(db_path: Path) -> Path:
    db_path = Path(db_path).resolve()
    return db_path.parent / f".{db_path.name}.open"


def _marker(db_path: Path) -> Path:
    return _folder(db_path) / f"{socket.gethostname()}-{os.getpid()}.json"


def claim(db_path: Path, app: str) -> list[Holder]:
    """Mark the book as open by this process; returns the other live holders."""
    others = holders(db_path)
    folder = _folder(db_path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        _marker(db_path).write_text(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(), "app": app, "since": time.time(),
        }), encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the warning is a courtesy, never a reason to fail
    return others


def release(db_path: Path) -> None:
    try:
        _marker(db_path).unlink(missing_ok=True)
        _folder(db_path).rmdir()
    except OSError:
        pass  # others still hold it, or it is already gone


def holders(db_path: Path) -> list[Holder]:
    """Other processes that have the book open now (stale markers are removed)."""
    folder = _folder(db_path)
    if not folder.is_dir():
        return []
    mine = _marker(db_path).name
    found = []
    for path in folder.glob("*.json"):
        if path.name == mine:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            holder = Holder(int(data["pid"]), str(data["host"]), str(data["app"]),
                            float(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if _alive(holder):
            found.append(holder)
        else:
            path.unlink(missing_ok=True)
    return sorted(found, key=lambda h: h.since)


def _alive(holder: Holder) -> bool:
    if holder.host != socket.gethostname():
        return time.time() - holder.since < FOREIGN_MARKER_HOURS * 3600
    return process_alive(holder.pid)


def process_alive(pid: int) -> bool:
    """True while a process with this id runs on this computer."""
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there
        return _windows_process_exists(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


if sys.platform == "win32":  # (so that mypy checks ctypes.windll on Windows only)
    def _windows_process_exists(pid: int) -> bool:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        kernel32.CloseHandle(handle)
        return True
