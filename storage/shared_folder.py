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


def copy_out(path: Path, target: Path) -> Path:
    """A consistent copy of the book at ``path`` (SQLite's backup API: a book in use copies
    as it is between two transactions) written to ``target`` through a temporary file, its
    integrity checked before it takes the name. Refuses to replace an existing ``target``.

    The copy is the book from now on (the user is told to work on it): a book in a team moves
    its team device to it (storage/sync/home.hand_over, noted in both files), so the copy
    syncs on without being asked whether it is a copy, while the file left at ``path``, if it
    is ever synced again, is stopped as the copy it now is. The original is otherwise left
    untouched; when the move cannot be noted in it (locked, read-only), the copy does not
    claim the device either and is asked at its first sync, as any copy."""
    target = Path(target)
    if target.exists():
        raise CopyOutError(str(path), target=str(target), detail="a file has that name")
    temporary = target.with_name(f".{target.name}.copying")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                before = home.noted(copy)
                with copy:
                    moved = home.hand_over(copy, Path(path), target)
                verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        finally:
            source.close()
        if verdict != "ok":
            raise CopyOutError(str(path), target=str(target), detail=str(verdict))
        os.replace(temporary, target)
    except (OSError, sqlite3.Error) as error:
        raise CopyOutError(str(path), target=str(target), detail=str(error)) from None
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            if leftover.exists():
                leftover.unlink()
    if moved and not _hand_over(Path(path), target):
        _take_back(Path(path), target, before)
    return target


def _hand_over(path: Path, target: Path) -> bool:
    """The move noted in the original too (after the copy took its name: a sync of the
    original in between still sees no book holding its device at ``target``)."""
    try:
        original = sqlite3.connect(path, timeout=10)
        try:
            with original:
                return home.hand_over(original, path, target)
        finally:
            original.close()
    except sqlite3.Error:
        return False


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
