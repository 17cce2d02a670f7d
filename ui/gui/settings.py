"""UI state kept between sessions (geometry, databases, language, column layout) in QSettings.

Every key and its type lives here, so the rest of the UI never spells a key or guesses a type.
Domain settings belong in the database, not here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "KeyPlan"
APPLICATION = "KeyPlan"

KEY_LANGUAGE = "ui/language"
KEY_GEOMETRY = "main_window/geometry"
KEY_WINDOW_STATE = "main_window/state"
KEY_LAST_DATABASE = "databases/last"
KEY_RECENT_DATABASES = "databases/recent"
KEY_LAST_FOLDER = "databases/last_folder"
KEY_LAST_VIEW = "main_window/view"
KEY_HEADER_PREFIX = "tables/"  # + table name: a QHeaderView state (widths, order, sort)
KEY_ME_PREFIX = "me/"  # + the book's path: the name of the person this computer's user is
KEY_SYNC_FOLDER_PREFIX = "sync_folder/"  # + the book's path: the team's shared folder
KEY_SYNC_INTERVAL = "sync/interval_seconds"
KEY_REMINDERS = "reminders/enabled"  # tray notifications of items falling due (Preferences)
KEY_REMINDED = "reminders/told"  # "YYYY-MM-DD" and the items told of that day

MAX_RECENT = 8
#: Team sync's automatic interval when none was chosen (Preferences, General).
DEFAULT_SYNC_SECONDS = 300
MIN_SYNC_SECONDS = 1


class Settings:
    """Typed access to the UI's QSettings; pass a QSettings on a temp file in tests."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANISATION, APPLICATION)

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in an INI file at ``path`` (tests, screenshots)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self.store.sync()

    # -- language -------------------------------------------------------------------------
    def language(self) -> str:
        """The chosen UI language ('zh_CN', 'en'), or '' to follow the system."""
        return str(self.store.value(KEY_LANGUAGE, "", type=str))

    def set_language(self, language: str) -> None:
        self.store.setValue(KEY_LANGUAGE, language)

    # -- main window ------------------------------------------------------------------------
    def geometry(self) -> QByteArray:
        return self._bytes(KEY_GEOMETRY)

    def set_geometry(self, value: QByteArray) -> None:
        self.store.setValue(KEY_GEOMETRY, value)

    def window_state(self) -> QByteArray:
        return self._bytes(KEY_WINDOW_STATE)

    def set_window_state(self, value: QByteArray) -> None:
        self.store.setValue(KEY_WINDOW_STATE, value)

    def last_view(self) -> str:
        """The view shown when the window last closed ('' if never)."""
        return str(self.store.value(KEY_LAST_VIEW, "", type=str))

    def set_last_view(self, name: str) -> None:
        self.store.setValue(KEY_LAST_VIEW, name)

    def me(self, book: Path) -> str:
        """Who the user of this computer is in ``book`` (a person's name; '' when not said).
        Kept here, not in the book: a shared or synchronised book has one "me" per computer."""
        return str(self.store.value(KEY_ME_PREFIX + _key(book), "", type=str))

    def set_me(self, book: Path, name: str) -> None:
        self.store.setValue(KEY_ME_PREFIX + _key(book), name)

    def sync_folder(self, book: Path) -> Path | None:
        """The folder ``book`` shares with its team on this computer (None: not chosen). Kept
        here, not in the book: each member's copy of the folder has its own path."""
        text = str(self.store.value(KEY_SYNC_FOLDER_PREFIX + _key(book), "", type=str))
        return Path(text) if text else None

    def set_sync_folder(self, book: Path, folder: Path | None) -> None:
        self.store.setValue(KEY_SYNC_FOLDER_PREFIX + _key(book), str(folder) if folder else "")

    def book_moved(self, source: Path, target: Path) -> None:
        """``source`` was copied to ``target`` to be worked on from now on (out of a shared
        folder): the copy keeps who the user is in it and the team's folder. The original's
        stay, so that syncing it, if it is ever opened again, stops it as a copy."""
        if not self.me(target):
            self.set_me(target, self.me(source))
        if self.sync_folder(target) is None:
            self.set_sync_folder(target, self.sync_folder(source))

    def sync_interval(self) -> int:
        """Seconds between two automatic team syncs."""
        value = self.store.value(KEY_SYNC_INTERVAL, DEFAULT_SYNC_SECONDS, type=int)
        return max(MIN_SYNC_SECONDS, int(value)) if isinstance(value, int) \
            else DEFAULT_SYNC_SECONDS

    def set_sync_interval(self, seconds: int) -> None:
        self.store.setValue(KEY_SYNC_INTERVAL, max(MIN_SYNC_SECONDS, int(seconds)))

    def reminders(self) -> bool:
        """Whether the window tells of items falling due (a tray notification)."""
        return bool(self.store.value(KEY_REMINDERS, True, type=bool))

    def set_reminders(self, on: bool) -> None:
        self.store.setValue(KEY_REMINDERS, bool(on))

    def reminded(self, day: str) -> set[str]:
        """The items already told of on ``day`` (ISO date): each once a day at most."""
        value = self.store.value(KEY_REMINDED, [], type=list)
        told = [str(v) for v in value] if isinstance(value, list) else []
        return set(told[1:]) if told and told[0] == day else set()

    def set_reminded(self, day: str, items: set[str]) -> None:
        self.store.setValue(KEY_REMINDED, [day, *sorted(items)])

    def header_state(self, table: str) -> QByteArray:
        return self._bytes(KEY_HEADER_PREFIX + table)

    def set_header_state(self, table: str, value: QByteArray) -> None:
        self.store.setValue(KEY_HEADER_PREFIX + table, value)

    # -- databases --------------------------------------------------------------------------
    def last_database(self) -> Path | None:
        text = str(self.store.value(KEY_LAST_DATABASE, "", type=str))
        return Path(text) if text else None

    def has_last_database(self) -> bool:
        return self.last_database() is not None

    def recent_databases(self) -> list[Path]:
        """Recently opened books, newest first."""
        values = self.store.value(KEY_RECENT_DATABASES, [], type=list)
        if not isinstance(values, list):  # QSettings may answer None
            return []
        return [Path(str(v)) for v in values if str(v)]

    def remember_database(self, path: Path) -> None:
        """Make ``path`` the last database and the head of the recent list."""
        path = path.resolve()
        self.store.setValue(KEY_LAST_DATABASE, str(path))
        recent = [p for p in self.recent_databases() if p != path]
        self.store.setValue(KEY_RECENT_DATABASES, [str(p) for p in [path, *recent][:MAX_RECENT]])
        self.store.setValue(KEY_LAST_FOLDER, str(path.parent))

    def forget_database(self, path: Path) -> None:
        recent = [p for p in self.recent_databases() if p != path.resolve() and p != path]
        self.store.setValue(KEY_RECENT_DATABASES, [str(p) for p in recent])

    def last_folder(self) -> Path | None:
        text = str(self.store.value(KEY_LAST_FOLDER, "", type=str))
        return Path(text) if text else None

    def _bytes(self, key: str) -> QByteArray:
        value = self.store.value(key, QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) else QByteArray()


def _key(book: Path) -> str:
    """A settings key part for a book's path (no slashes: QSettings reads those as groups)."""
    text = str(book.resolve()) if str(book) != ":memory:" else ":memory:"
    return text.replace("\\", "|").replace("/", "|")
