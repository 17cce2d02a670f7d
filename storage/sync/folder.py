"""The shared folder's layout and its files: packets written whole or not at all.

::

    FOLDER/keyplan-sync/team.json               the team id (never the key)
    FOLDER/keyplan-sync/founder.json            who started the team (written once)
    FOLDER/keyplan-sync/members/<device>.json   each member's entry in the roster, written
                                                by that member alone (public keys only)
    FOLDER/keyplan-sync/decisions/<device>-000001.json   a manager's changes of the roster
                                                (roles, removals and the keys that follow)
    FOLDER/keyplan-sync/<device>/000001.kpk     that device's packets, numbered from 1

Each device writes only files of its own, so that two members writing at the same moment
through a sync program never overwrite each other (storage/sync/roster.py reads them).

Only packet files are ever opened here, never a book. A packet is written under a temporary
name in its own folder, flushed and synced, then renamed into place (``os.replace``, atomic
on Windows and POSIX), so a reader, or the sync program carrying the folder, never sees half
of one. Names hold no ':' and nothing but digits, letters and dashes.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

from storage.sync.errors import OtherTeamError, SyncFolderMissingError

SYNC_DIR = "keyplan-sync"
TEAM_FILE = "team.json"
FOUNDER_FILE = "founder.json"
MEMBERS_DIR = "members"
DECISIONS_DIR = "decisions"
SUFFIX = ".kpk"
_PACKET = re.compile(r"^(\d{6,})\.kpk$")
_DEVICE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
#: Temporary files older than this are leftovers of a writer that was killed.
STALE_TEMP_SECONDS = 3600


def root(folder: Path) -> Path:
    """``FOLDER/keyplan-sync``, checking that the shared folder itself is there."""
    if not Path(folder).is_dir():
        raise SyncFolderMissingError(str(folder))
    return Path(folder) / SYNC_DIR


def device_folder(folder: Path, device: str) -> Path:
    return root(folder) / device


def packet_name(number: int) -> str:
    return f"{number:06d}{SUFFIX}"


def devices(folder: Path) -> list[str]:
    """The devices that have a folder of packets (other entries are ignored)."""
    base = root(folder)
    if not base.is_dir():
        return []
    return sorted(entry.name for entry in os.scandir(base)
                  if entry.is_dir() and _DEVICE.match(entry.name))


def packets(folder: Path, device: str) -> dict[int, Path]:
    """Number -> file of each packet of ``device`` in the folder."""
    base = device_folder(folder, device)
    if not base.is_dir():
        return {}
    found: dict[int, Path] = {}
    for entry in os.scandir(base):
        match = _PACKET.match(entry.name)
        if match and entry.is_file():
            found[int(match[1])] = Path(entry.path)
    return found


def write_packet(folder: Path, device: str, number: int, data: bytes) -> Path:
    """Write packet ``number`` of ``device`` atomically; FileExistsError if it exists."""
    base = device_folder(folder, device)
    base.mkdir(parents=True, exist_ok=True)
    final = base / packet_name(number)
    if final.exists():
        raise FileExistsError(str(final))
    write_atomic(final, data)
    return final


def write_atomic(final: Path, data: bytes) -> None:
    """``data`` into ``final`` through a synced temporary file in the same folder."""
    temp = final.with_name(f".{final.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(final.parent)


def clean_temporary(folder: Path, device: str) -> None:
    """Remove this device's temporary files left by a writer that was killed."""
    base = device_folder(folder, device)
    if not base.is_dir():
        return
    limit = time.time() - STALE_TEMP_SECONDS
    for entry in os.scandir(base):
        if entry.name.startswith(".") and entry.name.endswith(".tmp"):
            try:
                if entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass  # another program holds it; next time


def read_documents(base: Path) -> dict[str, dict[str, Any] | None]:
    """Name (without ``.json``) -> the JSON object of each file of ``base`` (None: not a
    readable object, e.g. still being synced); temporary files are skipped."""
    if not base.is_dir():
        return {}
    found: dict[str, dict[str, Any] | None] = {}
    for entry in os.scandir(base):
        if entry.name.startswith(".") or not entry.name.endswith(".json"):
            continue
        found[entry.name[:-len(".json")]] = read_document(Path(entry.path))
    return found


def read_document(path: Path) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def write_document(path: Path, document: dict[str, Any], *, exclusive: bool = False) -> None:
    """``document`` as JSON into ``path``, atomically; FileExistsError when ``exclusive``
    and the file is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if exclusive and path.exists():
        raise FileExistsError(str(path))
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False,
                                  sort_keys=True).encode("utf-8"))


def team_of(folder: Path) -> str | None:
    """The team id the folder's ``team.json`` names (None: none yet, or unreadable)."""
    document = read_document(root(folder) / TEAM_FILE)
    found = document.get("team") if document else None
    return found if isinstance(found, str) else None


def check_team(folder: Path, team: str) -> None:
    """The folder is this team's, or new (then it is marked so); OtherTeamError if not."""
    base = root(folder)
    marker = base / TEAM_FILE
    try:
        found = json.loads(marker.read_text(encoding="utf-8")).get("team")
    except FileNotFoundError:
        found = None
    except (OSError, ValueError, AttributeError):
        found = None  # unreadable (being synced): the packets' own check still protects
    if found is None:
        if not marker.exists():
            base.mkdir(parents=True, exist_ok=True)
            write_atomic(marker, json.dumps({"kind": "keyplan-team", "format": 1,
                                             "team": team}, indent=2).encode("utf-8"))
        return
    if found != team:
        # The other team told by its people (as its members' entries name them; shown, never
        # trusted), not by its id's 16 hex digits.
        people = sorted({str(doc["person"]) for doc in read_documents(base / MEMBERS_DIR)
                         .values() if doc and doc.get("person")})
        raise OtherTeamError(str(folder), found=found, team=team,
                             members=", ".join(people) or "?")


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
