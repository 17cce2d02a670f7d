"""Is a book inside a synced or network folder? And copying it out to this computer.

SQLite's write-ahead log needs shared memory on one host: a book in Dropbox, OneDrive,
Nutstore (坚果云), Syncthing or on a network share is damaged as soon as two computers write
it, or when the sync tool copies it half-written. The book belongs on the laptop; only team
sync's packets travel through the shared folder (issue 18). This module only looks at the
path (names of the folders, marker files beside it, the mount it lives on): it never opens
the book.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from models.validation import tr_noop
from storage.errors import StorageError
from storage.sync import home

#: Folder names the sync services create, case-folded -> the service's name.
SERVICE_FOLDERS = {
    "dropbox": "Dropbox", "onedrive": "OneDrive", "google drive": "Google Drive",
    "googledrive": "Google Drive", "my drive": "Google Drive", "icloud drive": "iCloud Drive",
    "icloudrive": "iCloud Drive", "iclouddrive": "iCloud Drive", "nutstore": "坚果云 Nutstore",
    "坚果云": "坚果云 Nutstore", "我的坚果云": "坚果云 Nutstore", "baidunetdisk": "百度网盘",
    "百度网盘": "百度网盘", "百度云同步盘": "百度网盘", "wps云盘": "WPS 云盘",
    "wps cloud files": "WPS 云盘", "seafile": "Seafile", "nextcloud": "Nextcloud",
    "owncloud": "ownCloud", "box": "Box", "box sync": "Box", "sync": "Sync.com",
    "sync.com": "Sync.com", "pcloud drive": "pCloud", "mega": "MEGA",
}
#: Files or folders a service keeps at the root of what it syncs.
MARKERS = {".stfolder": "Syncthing", ".dropbox": "Dropbox", ".dropbox.cache": "Dropbox",
           ".sync": "Resilio Sync", ".nutstore": "坚果云 Nutstore"}
#: File systems that live on another computer.
NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p",
                                 "davfs", "fuse.rclone", "afpfs", "fuse.davfs2"})


class CopyOutError(StorageError):
    message = tr_noop("The book could not be copied to {target}: {detail}. It was left where "
                      "it is, unchanged.")


def shared_folder(path: Path) -> str | None:
    """The sync service or network share ``path`` lives in, or None when it is local."""
    path = Path(os.path.abspath(path))
    for part in path.parts[:-1]:
        name = part.casefold().strip()
        if name in SERVICE_FOLDERS:
            return SERVICE_FOLDERS[name]
        if name.startswith("onedrive - ") or name.startswith("dropbox ("):
            return "OneDrive" if name.startswith("onedrive") else "Dropbox"
    for folder in path.parents:
        for marker, service in MARKERS.items():
            if (folder / marker).exists():
                return service
    return _network(path)


def _network(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "network share"
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # type: ignore[attr-defined]
            return "network share"
        return None
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:  # the system's, not the book
            table = [line.split() for line in mounts]
    except OSError:
        return None
    best, kind = "", ""
    for fields in table:
        if len(fields) >= 3:
            mount = fields[1].replace("\\040", " ")
            if (text == mount or text.startswith(mount.rstrip("/") + "/")) \
                    and len(mount) > len(best):
                best, kind = mount, fields[2]
    return "network share" if kind in NETWORK_FILESYSTEMS else None


#: Snapshots taken at most while the book keeps changing under the copy (an edit in the
#: window, a sync) before the copy gives up and says so.
COPY_ATTEMPTS = 3
#: How long the copy waits for the window's own writes to finish before it checks the book.
LOCK_WAIT_SECONDS = 10.0


def copy_out(path: Path, target: Path) -> Path:
    """A consistent copy of the book at ``path`` (SQLite's backup API: a book in use copies
    as it is between two transactions) written to ``target`` through a temporary file, its
    integrity checked before it takes the name. Refuses to replace an existing ``target``.

    The copy is the book from now on (the user is told to work on it), so it must hold every
    change the original has when it takes the name: the original's write lock is taken, its
    last change compared with the snapshot's (the snapshot taken again, up to COPY_ATTEMPTS
    times, when the window or a sync wrote meanwhile), and only then does the copy take its
    name, the lock held until the move is noted. A book in a team moves its team device to
    the copy (storage/sync/home.hand_over, noted in both files), so the copy syncs on without
    being asked whether it is a copy, while the file left at ``path``, if it is ever synced
    again, is stopped as the copy it now is. The original is otherwise left untouched; when
    the move cannot be noted in it (read-only), the copy does not claim the device either and
    is asked at its first sync, as any copy."""
    path, target = Path(path), Path(target)
    if target.exists():
        raise CopyOutError(str(path), target=str(target), detail="a file has that name")
    temporary = target.with_name(f".{target.name}.copying")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        original = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        try:
            for _attempt in range(COPY_ATTEMPTS):
                last, before, moved = _snapshot(path, temporary, target)
                writable = _lock(original)
                if _last_change(original) == last:
                    break
                original.execute("ROLLBACK")
                _remove(temporary)
            else:
                raise CopyOutError(str(path), target=str(target), detail=_CHANGING)
            try:
                os.replace(temporary, target)
                # noted in the original after the copy took its name (a sync of the original
                # in between would see no book holding its device at ``target``), under the
                # same lock: nothing reaches the original between the check and the note
                if moved and not (writable and home.hand_over(original, path, target)):
                    _take_back(path, target, before)
                original.execute("COMMIT")
            except BaseException:
                original.execute("ROLLBACK")
                raise
        finally:
            original.close()
    except (OSError, sqlite3.Error) as error:
        raise CopyOutError(str(path), target=str(target), detail=str(error)) from None
    finally:
        _remove(temporary)
    return target


#: Said (in English, inside the translated CopyOutError) when every snapshot was overtaken.
_CHANGING = "the book kept changing while it was copied; try again in a moment"


def _snapshot(path: Path, temporary: Path, target: Path) -> tuple[int, dict[str, str], bool]:
    """The book copied to ``temporary``, checked and with the move noted in it: (the
    snapshot's last change, the home it noted before, whether the move was noted)."""
    _remove(temporary)
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            last = _last_change(copy)
            before = home.noted(copy)
            with copy:
                moved = home.hand_over(copy, path, target)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    finally:
        source.close()
    if verdict != "ok":
        raise CopyOutError(str(path), target=str(target), detail=str(verdict))
    return last, before, moved


def _lock(original: sqlite3.Connection) -> bool:
    """The original's write lock (True), or a read snapshot of a book that cannot be written
    (False: nothing can change it meanwhile, nor can the move be noted in it)."""
    try:
        original.execute("BEGIN IMMEDIATE")
        return True
    except sqlite3.OperationalError as error:
        if "readonly" not in str(error).replace(" ", "").lower():
            raise
        original.execute("BEGIN")
        return False


def _last_change(conn: sqlite3.Connection) -> int:
    """The change log's last entry: every edit of a record, a setting or a sync writes one."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0])


def _remove(temporary: Path) -> None:
    for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
        leftover.unlink(missing_ok=True)


def _take_back(path: Path, target: Path, before: dict[str, str]) -> None:
    """The copy's home as the original's was: its first sync asks whether it is a copy.
    Should even that fail, the copy goes (it would sync as the original's device)."""
    try:
        copy = sqlite3.connect(target, timeout=10)
        try:
            with copy:
                home.put_back(copy, before)
        finally:
            copy.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise CopyOutError(str(path), target=str(target), detail=str(error)) from None
