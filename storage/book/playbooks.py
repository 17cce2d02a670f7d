"""``book.playbooks``: the plan templates (issue 19, point 2): list, edit, copy, reset a
built-in, delete one's own, propose one for a customer, and hand them on as a JSON file."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from models.playbook_builtin import KEYS, builtin
from models.playbooks import Playbook, builtin_id, propose
from models.validation import ValidationError, ValidationErrors, tr_noop
from storage import playbooks_store
from storage.book.records import Done, Records, Saved
from storage.changes import Changes
from storage.errors import StorageError
from storage.export_files import atomic_write
from storage.playbooks_store import CustomerFit

if TYPE_CHECKING:
    from storage.database import Database

__all__ = [
    "CustomerFit",
    "Imported",
    "NoSuchPlaybookError",
    "PlaybookFileError",
    "Playbooks",
]

#: What a playbook write changes (no customer's data).
CHANGED = Changes(frozenset({"playbooks", "change_log"}), frozenset())


class NoSuchPlaybookError(StorageError):
    message = tr_noop("No playbook is called {name}.")


class PlaybookFileError(StorageError):
    message = tr_noop("{file} is not a playbooks file: {reason}")


@dataclass(frozen=True)
class Imported:
    """What an import of a playbooks file did."""

    added: int
    updated: int
    changes: Changes


class Playbooks:
    """The playbooks a new plan may start from (built-ins, edited or not, and the user's)."""

    def __init__(self, db: Database, records: Records) -> None:
        self._db = db
        self._records = records

    def list(self, lang: str) -> list[Playbook]:
        """Built-ins first in their own order (in ``lang`` unless edited), then the user's."""
        return playbooks_store.resolved(self._db, lang)

    def get(self, playbook_id: str, lang: str) -> Playbook:
        found = next((p for p in self.list(lang) if p.id == playbook_id), None)
        if found is None:
            raise NoSuchPlaybookError(name=playbook_id)
        return found

    def find(self, name: str, lang: str) -> Playbook:
        """By id, built-in key or name (any case; a built-in's name in either language)."""
        wanted = name.strip().casefold()
        listed = self.list(lang)
        for playbook in listed:
            if wanted in (playbook.id, playbook.builtin_key, playbook.name.casefold()):
                return playbook
        for key in KEYS:
            if wanted in (builtin(key, "en").name.casefold(),
                          builtin(key, "zh_CN").name.casefold()):
                return next(p for p in listed if p.builtin_key == key)
        raise NoSuchPlaybookError(name=name)

    def is_edited(self, key: str) -> bool:
        return bool(self._db.scalar("SELECT 1 FROM playbooks WHERE id = ? AND deleted_at IS "
                                    "NULL", [builtin_id(key)]))

    def save(self, playbook: Playbook) -> Saved[Playbook]:
        """Add or update a playbook; a built-in's edit is kept under the built-in's own id
        (so two members editing it edit one record)."""
        if playbook.builtin_key:
            if playbook.builtin_key not in KEYS:
                playbook = replace(playbook, builtin_key="")
            else:
                playbook = replace(playbook, id=builtin_id(playbook.builtin_key))
        with self._db.atomic():
            row = self._db.query("SELECT deleted_at FROM playbooks WHERE id = ?", [playbook.id])
            if not row:
                stored = self._db.add(playbook)
            else:
                if row[0]["deleted_at"] is not None:
                    self._db.restore(Playbook, playbook.id)
                    playbook = replace(playbook, updated_at="")
                stored = self._db.update(playbook)
        return Saved(stored, CHANGED)

    def copy(self, playbook: Playbook, name: str) -> Saved[Playbook]:
        """A playbook of the user's own made from ``playbook`` under ``name``."""
        return self.save(Playbook(name=name, tiers=playbook.tiers, lifecycle=playbook.lifecycle,
                                  from_level=playbook.from_level,
                                  target_level=playbook.target_level,
                                  review_cadence_days=playbook.review_cadence_days,
                                  summary=playbook.summary, body=playbook.body))

    def reset(self, key: str) -> Done | None:
        """The built-in ``key`` as shipped again (its edit deleted; None: it was not edited)."""
        if not self.is_edited(key):
            return None
        return replace(self._records.delete(Playbook, builtin_id(key)), changes=CHANGED)

    def delete(self, playbook_id: str) -> Done:
        """Delete one of the user's own playbooks (a built-in is reset, never deleted)."""
        stored = self._db.get(Playbook, playbook_id)
        if stored.builtin_key:
            raise ValidationErrors([ValidationError("builtin_key", tr_noop(
                "A built-in playbook cannot be deleted; reset it instead."))])
        return replace(self._records.delete(Playbook, playbook_id), changes=CHANGED)

    # ---- a customer's --------------------------------------------------------------------
    def fit_of(self, customer_id: str) -> CustomerFit:
        return playbooks_store.customer_fit(self._db, customer_id)

    def propose(self, customer_id: str, lang: str) -> Playbook | None:
        """The playbook that fits the customer's tier, relationship level and stage best."""
        fit = self.fit_of(customer_id)
        return propose(self.list(lang), fit.tier, fit.level, fit.lifecycle)

    # ---- the JSON file -------------------------------------------------------------------
    def export_json(self, lang: str, names: tuple[str, ...] = ()) -> str:
        """The playbooks named (when none: the user's own and the built-ins they edited,
        as every book has the shipped ones), as the JSON a team member imports."""
        chosen = [self.find(n, lang) for n in names] if names else \
            [p for p in self.list(lang) if p.created_at]
        return playbooks_store.dumps(chosen)

    def export_file(self, path: str | Path, lang: str, names: tuple[str, ...] = ()) -> Path:
        """:meth:`export_json` written to ``path`` whole or not at all, never over the book
        or another database (see :func:`storage.export_files.atomic_write`)."""
        text = self.export_json(lang, names) + "\n"

        def write(temporary: Path) -> None:
            temporary.write_text(text, encoding="utf-8")

        return atomic_write(path, write)

    def import_json(self, text: str, *, file: str = "") -> Imported:
        """Each playbook of the file saved, in one transaction: a built-in's as its edit, one
        of the user's in place of the one of the same name, else as a new one."""
        try:
            raw = json.loads(text)
            if raw.get("format") != playbooks_store.FORMAT:
                raise ValueError("format")
            items = list(raw["playbooks"])
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise PlaybookFileError(file=file, reason=str(error)) from None
        added = updated = 0
        with self._db.atomic():
            own = {p.name.casefold(): p for p in playbooks_store.stored(self._db)
                   if not p.builtin_key}
            for item in items:
                if not isinstance(item, dict):
                    raise PlaybookFileError(file=file, reason=str(item)[:80])
                playbook = playbooks_store.from_portable(item)
                if playbook.builtin_key in KEYS:
                    known = self.is_edited(playbook.builtin_key)
                else:
                    playbook = replace(playbook, builtin_key="")
                    same = own.get(playbook.name.casefold())
                    known = same is not None
                    if same is not None:
                        playbook = replace(playbook, id=same.id, updated_at="")
                self.save(playbook)
                added, updated = added + (not known), updated + known
        return Imported(added, updated, CHANGED)
