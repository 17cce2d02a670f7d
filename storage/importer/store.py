"""What the importer needs of the book's query layer, as types.

What is passed in is always ``storage.database.Database`` (and, when an import is taken back
by Edit → Undo, the ``RecordsMixin`` it is made of). The importer cannot name either class,
not even for mypy alone: the records mixin calls the importer to undo an import, and
import-linter keeps storage's modules free of import cycles, imports under ``TYPE_CHECKING``
included. These protocols name the methods the importer calls instead; mypy checks the
object handed over against them wherever the book calls in, so a signature that drifts on
either side is an error there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from storage.backup_write import Progress, StartedBackup


class BookConnection(Protocol):
    """The connection helpers (``storage.base.DatabaseBase``'s): enough to read and write
    import batches and to look rows up."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def atomic(self) -> AbstractContextManager[object]: ...

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...

    def scalar(self, sql: str, params: Any = ()) -> Any: ...


class RecordStore(BookConnection, Protocol):
    """Writing records in bulk: also the change log and the derived columns refreshed
    afterwards (``RecordsMixin``'s)."""

    def log_change(self, action: str, table: str, record_id: str, customer_id: str | None,
                   before: Mapping[str, Any] | None, after: Mapping[str, Any] | None,
                   change_id: str | None = None) -> str: ...

    def log_creates(self, table: str,
                    records: Iterable[tuple[str, str | None, Mapping[str, Any]]],
                    change_id: str | None = None) -> None: ...

    def log_import(self, table: str, source: str, lines: Mapping[str, int],
                   change_id: str | None = None, action: str = "import") -> str: ...

    def refresh_search_text(self, customer_id: str) -> None: ...

    def refresh_activity(self, as_of: date | None = None) -> None: ...

    def refresh_customer_activity(self, customer_id: str, as_of: date | None = None) -> None: ...

    def refresh_activity_of(self, customer_ids: Collection[str],
                            as_of: date | None = None) -> None: ...


class SettingsAccess(Protocol):
    """The book's own settings (``SettingsMixin``'s): the mapping saved per file layout."""

    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


class ImportSource(RecordStore, SettingsAccess, Protocol):
    """The book a preview reads (``Database``)."""


class ImportTarget(ImportSource, Protocol):
    """The book an import writes into (``Database``): also its file, for the backup made
    before the import."""

    @property
    def path(self) -> Path: ...

    def start_backup(self, reason: str, progress: Progress | None = None) -> StartedBackup: ...
