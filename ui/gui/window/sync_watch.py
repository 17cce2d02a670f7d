"""Watching the team's shared folder: a member's new packet arriving starts a sync.

watchdog (inotify on Linux, ReadDirectoryChangesW on Windows, FSEvents on macOS) tells the
moment a sync program drops a file, without listing a folder of thousands of packets every
few seconds, which on a network share or a cloud folder's placeholders is slow and can make
the sync program fetch files. Its observer runs on a thread of its own; the event reaches
the UI thread through a queued signal, and a short pause lets a burst of packets (a member
back online) end in one sync.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import (
    EVENT_TYPE_CREATED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

#: Wait this long after the last event before syncing (a burst of packets, one sync).
SETTLE_MS = 2_000
#: What the watcher reacts to: packets (written under a temporary name, then renamed).
PACKET_SUFFIX = ".kpk"
#: A packet's file written, or renamed into place; opening or reading one (our own pull
#: reads them) is not a change.
WRITES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED})

log = logging.getLogger(__name__)


class _Handler(FileSystemEventHandler):
    """Runs on the observer's thread: only emits."""

    def __init__(self, seen: Any, own_device: str) -> None:
        super().__init__()
        self._seen = seen
        self._own = own_device

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in WRITES:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw) if raw else ""
            name = os.path.basename(path)
            if name.endswith(PACKET_SUFFIX) and not name.startswith(".") \
                    and self._own not in Path(path).parts:
                self._seen.emit()  # queued to the UI thread
                return


class FolderWatcher(QObject):
    """``changed`` (on the UI thread) when another member's packet lands in the folder."""

    changed = Signal()
    _seen = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._observer: Any = None
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.changed)
        self._seen.connect(self.settle.start)

    @property
    def watching(self) -> bool:
        return self._observer is not None and self._observer.is_alive()

    def watch(self, folder: Path, own_device: str) -> bool:
        """Watch ``folder`` (again); False when it cannot be watched (gone, no permission,
        the system's limit of watches reached): the timer still syncs."""
        if self.watching and self.folder == folder:
            return True
        self.stop()
        observer = Observer()
        try:
            observer.schedule(_Handler(self._seen, own_device), str(folder), recursive=True)
            observer.start()
        except (OSError, RuntimeError) as error:
            log.info("not watching %s: %s", folder, error)
            return False
        self._observer, self.folder = observer, folder
        return True

    def stop(self) -> None:
        observer, self._observer, self.folder = self._observer, None, None
        self.settle.stop()
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
