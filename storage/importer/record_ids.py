"""KeyPlan's own record ids in an import file (a whole-book export carries them): a row with
one means that very record, so records that share a name or a text stay apart and the links
between them (an interaction's contacts, a plan's needs) come back exactly."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from models.validation import ValidationError
from storage.importer.rows import MSG_NOT_AN_ID
from storage.importer.store import BookConnection

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}$")
#: Several ids in one cell: one a line (as the export writes them), or separated by , ; 、
_SEPARATORS = re.compile(r"[\s,;，；、]+")


def record_id(field: str, text: str) -> str:
    """The id a cell gives ('' for none); raises ValidationError when it is not one."""
    text = text.strip()
    if not text:
        return ""
    if not _UUID.match(text):
        raise ValidationError(field, MSG_NOT_AN_ID)
    return text.lower()


def record_ids(field: str, text: str) -> list[str]:
    """The ids of a cell listing several, in order, each once."""
    return list(dict.fromkeys(record_id(field, part) for part in _SEPARATORS.split(text)
                              if part))


def id_is_free(db: BookConnection, table: str, candidate: str) -> bool:
    """Whether no row of ``table``, deleted ones included, has the id: a new record may take
    it (a deleted one keeps its id for undo)."""
    return db.conn.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [candidate]).fetchone() \
        is None


def ids_taken(db: BookConnection, table: str, cells: Iterable[Any]) -> set[str]:
    """Which of the ids ``cells`` give (as record_id reads them) rows of ``table`` have,
    deleted ones included: :func:`id_is_free` for a chunk of rows in one query (one a row
    took 20 us each for the 330,000 customers and contacts of a whole-book import)."""
    wanted = sorted({str(cell).strip().lower() for cell in cells if cell not in (None, "")})
    if not wanted:
        return set()
    return {row[0] for row in db.conn.execute(
        f"SELECT id FROM [{table}] WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(wanted)])}
