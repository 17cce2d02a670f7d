"""What can stop a team sync that the user can act on, each with its message.

The messages speak to someone at the command line (they name its commands); each error
whose message does has a ``code`` the window maps to words of its own
(ui/gui/dialogs/team_sync_words.py)."""

from __future__ import annotations

from models.validation import tr_noop
from storage.errors import StorageError


class BadTeamKeyError(StorageError):
    code = "bad_key"
    message = tr_noop("That is not a KeyPlan team key: a character is wrong or missing. Copy "
                      "the whole key as 'keyplan team init' showed it (KP1-...).")


class NotInTeamError(StorageError):
    code = "not_in_team"
    message = tr_noop("This book is not in a team yet. Start one with 'keyplan team init', "
                      "or join one with 'keyplan team join KEY' and the key a member gives you.")


class AlreadyInTeamError(StorageError):
    code = "already_in_team"
    message = tr_noop("This book is already in a team (members: {members}). A new team key "
                      "would cut it off from its members; join another team with "
                      "'keyplan team join KEY'.")


class SyncFolderMissingError(StorageError):
    message = tr_noop("The sync folder {path} does not exist or is not a folder. Choose the "
                      "folder your team shares (Syncthing, OneDrive, Dropbox, a network share, "
                      "a USB stick).")


class OtherTeamError(StorageError):
    message = tr_noop("{path} holds the changes of another team (its members: {members}), not "
                      "this book's. Choose your team's folder, or join that team with its key.")


class PacketTakenError(StorageError):
    code = "packet_taken"
    message = tr_noop("{path} already exists, though this book did not write it: another book "
                      "sends under this book's device id (a copy of this book). Nothing was "
                      "sent or merged. Two copies of one book must not sync as one "
                      "member: give this book its own device id (keyplan sync FOLDER "
                      "--new-device). What it holds is kept and merged as a new member's; the "
                      "other copy keeps the device id.")


class NotManagerError(StorageError):
    code = "not_manager"
    message = tr_noop("Only a manager of the team may do that. Ask a manager ('keyplan team list "
                      "FOLDER' shows who is one).")


class LastManagerError(StorageError):
    code = "last_manager"
    message = tr_noop("The team would be left without a manager. Make someone else a manager "
                      "first: keyplan team role FOLDER PERSON manager")


class NoSuchMemberError(StorageError):
    code = "no_such_member"
    message = tr_noop("No member of the team is called {who} (a person or a device id). "
                      "'keyplan team list FOLDER' shows the members.")


class AmbiguousMemberError(StorageError):
    message = tr_noop("{who} names more than one device ({devices}). Name the device.")


class RemovedFromTeamError(StorageError):
    code = "removed"
    message = tr_noop("This book was removed from the team on {at} by {by}. What it sends is "
                      "no longer merged, and the team's changes since cannot be read here. To "
                      "work with the team again, ask a manager for the current key and join "
                      "again: keyplan team join KEY FOLDER")


class NotFirstMemberError(StorageError):
    code = "not_first"
    message = tr_noop("This team has no manager: it was started before KeyPlan knew roles. Only "
                      "its first member, {person} (device {device}), who started it, can become "
                      "its manager, on their own book: keyplan team role FOLDER {person} manager")


class RosterIncompleteError(StorageError):
    code = "roster_incomplete"
    message = tr_noop("This team has no manager yet, and devices that sent changes are not in "
                      "its roster yet ({devices}): each must sync once with this version of "
                      "KeyPlan before the team's first member is known for sure.")


class TeamHasManagerError(StorageError):
    message = tr_noop("The team has a manager already; only a manager gives roles.")
