"""What the window says when team sync stops: storage's messages name the command line's
commands (``keyplan team join KEY``, ``sync --new-device``), which read oddly in the window.
Each such error carries a ``code``; here it gets the window's own words, which point at
File → Team sync… instead. An error without a code (or one not listed) keeps storage's
message."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from storage.errors import StorageError
from ui.gui.text.i18n import storage_message

CONTEXT = "TeamSync"


def _words() -> dict[str, Callable[[], str]]:
    return {
        "bad_key": lambda: QCoreApplication.translate(
            "TeamSync", "That is not a KeyPlan team key: a character is wrong or missing. "
            "Paste the whole key as it was shown when the team was started (KP1-…)."),
        "not_in_team": lambda: QCoreApplication.translate(
            "TeamSync", "This book is not in a team yet. In File → Team sync…, start a team "
            "or join one with the key a member gives you."),
        "already_in_team": lambda: QCoreApplication.translate(
            "TeamSync", "This book is already in a team (members: {members}). A new team "
            "key would cut it off from its members."),
        "packet_taken": lambda: QCoreApplication.translate(
            "TeamSync", "{path} already exists, though this book did not write it: another "
            "book sends under this book's device id (a copy of this book). Nothing was sent "
            "or merged. Two copies of one book must not sync as one member: make this "
            "book a new member below. What it holds is kept and merged as a new member's; "
            "the other copy keeps the device id."),
        "not_manager": lambda: QCoreApplication.translate(
            "TeamSync", "Only a manager of the team may do that. The members' list shows who "
            "is one."),
        "last_manager": lambda: QCoreApplication.translate(
            "TeamSync", "The team would be left without a manager. Make someone else a "
            "manager first (Make manager, under the members)."),
        "no_such_member": lambda: QCoreApplication.translate(
            "TeamSync", "No member of the team is called {who}."),
        "removed": lambda: QCoreApplication.translate(
            "TeamSync", "This book was removed from the team on {at} by {by}. What it sends "
            "is no longer merged, and the team's changes since cannot be read here. To work "
            "with the team again, ask a manager for the current key."),
        "book_copied": lambda: QCoreApplication.translate(
            "TeamSync", "This book's team device was last used on the computer {there}; this "
            "is {here}. Two copies of one book must not sync as one member: nothing was sent "
            "or merged. Say below whether this is a copy or the book moved here for good."),
        "book_copied_here": lambda: QCoreApplication.translate(
            "TeamSync", "The book {other} on this computer syncs as this book's team device: "
            "one of the two is a copy of the other. Two copies of one book must not sync as "
            "one member: nothing was sent or merged. Say below whether this is a copy or "
            "this file replaces the other for good."),
        "device_in_use": lambda: QCoreApplication.translate(
            "TeamSync", "The shared folder holds packets up to number {number} sent under "
            "this book's team device id, though this book never synced: another copy of it "
            "syncs there. Two copies of one book must not sync as one member: nothing was "
            "sent or merged. Say below whether this is a copy or the other is gone for good."),
    }


#: The errors after which the window offers its two ways out of a copied book (a new member,
#: or moved here for good).
COPIED = frozenset({"book_copied", "book_copied_here", "device_in_use", "packet_taken"})
#: Of those, the ones after which the book cannot have moved for good: another copy wrote
#: this device's next packet just now, so it is still in use, and 'moved here' would only
#: have this book number its packets after that copy's (two books syncing as one member,
#: each missing the other's edits). Only the new member's way out is offered.
STILL_IN_USE = frozenset({"packet_taken"})


def sync_error_text(error: StorageError) -> str:
    """A storage error in the window's words (its ``code``), else storage's message."""
    code = getattr(error, "code", None)
    make = _words().get(code) if isinstance(code, str) else None
    if make is None:
        return storage_message(error)
    try:
        return make().format(**{"detail": "", **error.params})
    except (KeyError, IndexError, ValueError):
        return storage_message(error)
