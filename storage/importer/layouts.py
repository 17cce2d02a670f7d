"""The column mapping last chosen for a file layout (the kind of import and the header row),
kept in the book's settings and used again when a file of that layout is imported next: an
ERP exports the same columns every month."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from models.record import utc_now_iso
from storage.importer.columns import ColumnMapping, ImportKind, normalise_header
from storage.importer.store import SettingsAccess

SETTING = "import_mappings"
KEEP = 50  # layouts remembered; the oldest go first


def layout_key(kind: ImportKind, headers: Sequence[str]) -> str:
    """The same for header rows that differ only in case, width, spaces and punctuation."""
    reduced = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(f"{kind.value}\x1e{reduced}".encode()).hexdigest()[:24]


def saved_mapping(db: SettingsAccess, kind: ImportKind,
                  headers: Sequence[str]) -> tuple[dict[str, int], str] | None:
    """(field -> column, when it was saved) for this layout, if one was saved."""
    entry = (db.get_setting(SETTING) or {}).get(layout_key(kind, headers))
    if not isinstance(entry, dict) or not isinstance(entry.get("sources"), dict):
        return None
    sources = {str(k): int(v) for k, v in entry["sources"].items()
               if isinstance(v, int) and 0 <= v < len(headers)}
    return sources, str(entry.get("saved_at", ""))


def save_mapping(db: SettingsAccess, mapping: ColumnMapping) -> None:
    """Remember ``mapping`` for its layout (in the caller's transaction)."""
    layouts = {key: entry for key, entry in (db.get_setting(SETTING) or {}).items()
               if isinstance(entry, dict)}
    layouts[layout_key(mapping.kind, mapping.headers)] = {
        "kind": mapping.kind.value, "headers": list(mapping.headers),
        "sources": dict(mapping.sources), "saved_at": utc_now_iso()}
    newest = sorted(layouts.items(), key=lambda item: str(item[1].get("saved_at", "")),
                    reverse=True)[:KEEP]
    db.set_setting(SETTING, dict(newest))
