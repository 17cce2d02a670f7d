"""Team sync in the window: when it runs (the book opened, every few minutes, a member's
packet landing in the folder, Sync now), what it last did, and the status bar's indicator.

Every sync runs on the worker thread in a ``BookTask`` (its own connection), one at a time:
the worker pool has one thread, so a sync asked for during an import or a restore waits for
it, and an automatic one is not even queued while other work on the book runs (the next
tick tries again). A failure (the folder gone, a USB stick removed, another team's folder)
is kept as a message for the indicator and the dialog, never a message box at every tick.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal

from models.enums import PersonRole
from storage.book.records import Done
from storage.book.sync import MERGING, SyncStatus
from storage.book.team import TeamRoster
from storage.changes import Changes
from storage.errors import StorageError
from ui.gui.background.sync_operations import Phase, Synced, sync_book
from ui.gui.background.tasks import BookTask, Task
from ui.gui.dialogs.team_sync_words import COPIED, STILL_IN_USE, sync_error_text
from ui.gui.window.sync_watch import FolderWatcher

if TYPE_CHECKING:
    from storage.book import Book
    from ui.gui.settings import Settings
    from ui.gui.window.book_session import BookSession
    from ui.gui.window.task_status import TaskStatus


class SyncWindow(Protocol):
    """What team sync needs of the main window."""

    book: Book
    book_open: bool
    settings: Settings
    session: BookSession
    task_status: TaskStatus

    def apply_changes(self, changes: Changes) -> None: ...
    def say(self, text: str) -> None: ...
    def rescore(self) -> Any: ...
    def schedule_rescore(self) -> None: ...
    def show_error(self, error: BaseException) -> None: ...

translate = QCoreApplication.translate  # lupdate reads translate("TeamSync", ...)
log = logging.getLogger(__name__)

#: How often to look whether an automatic sync is due (the interval itself is in Preferences).
TICK_MS = 15_000


def error_text(error: BaseException) -> str:
    """What a failed sync says, in the user's language."""
    if isinstance(error, StorageError):
        return sync_error_text(error)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return (error.strerror or str(error)) + where
    # A bug, not the user's doing: logged with its traceback, shown once as a message.
    log.error("team sync failed", exc_info=error)
    return f"{type(error).__name__}: {error}"


class TeamSync(QObject):
    """The window's team sync: state, triggers and the conflicts' one-click answers.
    ``state_changed`` whenever something the indicator or the dialog shows moved."""

    state_changed = Signal()
    synced = Signal(object)  # Synced

    def __init__(self, window: SyncWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.in_team = False
        self.device = ""
        self.folder: Path | None = None
        self.task: BookTask | None = None
        self.last: Synced | None = None
        self.status: SyncStatus | None = None
        self.roster: TeamRoster | None = None  # the members, as last read
        self.error: str | None = None
        self.note: str | None = None  # e.g. members whose packets need a newer KeyPlan
        self.copied = False  # the last sync found this book a copy (BookCopiedError)
        self.may_have_moved = False  # ... and it may be the book moved for good
        self.conflicts = 0
        self.paused = False  # the user cancelled a sync: no automatic one until Sync now
        self._phase: str | None = None  # storage's words for what the running sync does
        self._again = False  # asked for while one ran
        self._due = False  # asked for automatically while other work ran
        self._last_attempt = 0.0
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._tick)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(lambda: self.sync(automatic=True))

    # -- the open book -------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """In a team, with a folder: syncs run."""
        return self.in_team and self.folder is not None

    @property
    def running(self) -> bool:
        return self.task is not None

    def book_opened(self) -> None:
        """The window opened a book (or another one): read its team, sync if it has one."""
        self.stop()
        self.last = self.status = None
        self.error = self.note = None
        self.copied = self.paused = False
        book = self.window.book
        self.in_team = not book.in_memory and book.sync.in_team
        self.device = book.sync.device_id if self.in_team else ""
        self.folder = None if book.in_memory else self.window.settings.sync_folder(book.path)
        self.conflicts = len(book.sync.all_conflicts()) if self.in_team else 0
        self.roster = book.team.members() if self.in_team else None  # as last read
        self.state_changed.emit()
        if self.active:
            self.tick.start()
            self.sync(automatic=True)

    def stop(self) -> None:
        """No more automatic syncs (the book closes; a running one finishes unseen)."""
        self.tick.stop()
        self.watcher.stop()
        self._due = self._again = False

    def _same_book(self, path: Path) -> bool:
        return self.window.book_open and self.window.book.path == path

    # -- setting up ----------------------------------------------------------------------------
    def set_folder(self, folder: Path) -> None:
        """The folder this book shares with its team on this computer (remembered per book)."""
        self.window.settings.set_sync_folder(self.window.book.path, folder)
        self.folder = folder
        self.watcher.stop()
        self.status = None
        self.error = None
        self.state_changed.emit()
        if self.active:
            self.tick.start()
            self.sync(automatic=False)

    def person(self) -> str | None:
        """Who this computer's user is in the book (Preferences, You), if said."""
        return self.window.settings.me(self.window.book.path) or None

    def start_team(self) -> str:
        """Start a team with this book, its user a manager; returns the key's text (shown
        once)."""
        started = self.window.book.team.start(self.person())
        self._entered()
        return started.key

    def join_team(self, key: str) -> str:
        """Join the team of ``key`` (BadTeamKeyError when mistyped) as a salesperson; returns
        the team id."""
        joined = self.window.book.team.join(key, None, self.person())
        self._entered()
        return joined.team

    def _entered(self) -> None:
        book = self.window.book
        self.in_team = True
        self.device = book.sync.device_id
        self.conflicts = len(book.sync.all_conflicts())
        self.roster = book.team.members()
        self.window.session.note_own_changes()  # this window's own write
        self.state_changed.emit()
        if self.active:
            self.tick.start()
            self.sync(automatic=False)

    # -- a copied book ---------------------------------------------------------------------------
    def new_device(self) -> str | None:
        """This book is a copy (the last sync said so): it becomes a member of its own, with
        a new device id; then a sync. Returns the new id."""
        return self._settle_copy(lambda book: book.sync.new_device())

    def moved_here(self) -> None:
        """The book moved to this computer for good: it syncs here from now on; then a sync.
        Not after a sync that found the other copy still sending (``may_have_moved``)."""
        if self.may_have_moved:
            self._settle_copy(lambda book: book.sync.moved_here())

    def _settle_copy(self, work: Callable[[Book], Any]) -> Any:
        book = self.window.book
        try:
            answer = work(book)
        except StorageError as error:
            self.window.show_error(error)
            return None
        self.window.session.note_own_changes()  # this window's own write
        self.copied = False
        self.error = None
        self.device = book.sync.device_id
        self.state_changed.emit()
        self.sync(automatic=False)
        return answer

    # -- syncing -------------------------------------------------------------------------------
    def _tick(self) -> None:
        interval = self.window.settings.sync_interval()
        if self._due or time.monotonic() - self._last_attempt >= interval:
            self.sync(automatic=True)

    def sync(self, *, automatic: bool = False) -> BookTask | None:
        """Push then pull in the background; None when there is nothing to sync with, or
        (automatic) while other work on the book runs. One at a time: asked for during one,
        another follows it."""
        window = self.window
        if not window.book_open or window.book.in_memory or not self.active:
            return None
        if automatic and self.paused:
            return None  # the user stopped the last one: Sync now goes on
        if self.task is not None:
            self._again = True
            return self.task
        if automatic and Task.book_work_running():
            self._due = True  # an import, a restore, a rescore: the next tick
            return None
        self._due = False
        if self.paused:
            self.paused = False
            self.note = None
        folder, path = self.folder, window.book.path
        assert folder is not None
        self._last_attempt = time.monotonic()
        self._phase = None
        task = BookTask(path, lambda book, progress: sync_book(book, progress, folder), self)
        task.success(lambda result: self._synced(path, result))
        task.failure(lambda error: self._failed(path, folder, error))
        task.on_delivery(lambda item: self._phase_began(task, item))
        task.on_cancel(lambda: self._stopped(path))
        task.finished.connect(self._finished)
        self.task = task
        if not automatic:
            # Asked for (Sync now, a new team or folder): it may send the whole book, minutes
            # on a large one, while the window's other background work waits its turn.
            window.task_status.track(task, translate("TeamSync", "Syncing with the team…"))
        # An automatic one shows itself once it turns out long (_phase_began).
        task.run_in_background()
        self.state_changed.emit()
        return task

    def _synced(self, path: Path, result: Synced) -> None:
        if not self._same_book(path):
            return
        window = self.window
        self.last, self.status, self.error = result, result.status, None
        self.copied = False
        self.roster = result.roster
        self.conflicts = result.status.conflicts
        pulled = result.pulled
        self.note = translate(
            "TeamSync", "{count} members' changes need a newer KeyPlan; update it to merge "
            "them.").format(count=len(pulled.outdated)) if pulled.outdated else None
        window.session.note_own_changes()  # our own writes (the packets' bookkeeping)
        if not pulled.changes.empty:
            window.apply_changes(pulled.changes)
            said = translate("TeamSync", "Team sync merged {changes} changes from the team "
                                         "({conflicts} conflicts).").format(
                changes=QLocale().toString(pulled.ops), conflicts=pulled.conflicts)
            if pulled.revived:  # the user deleted them: say why they are back
                back = translate("TeamSync", "Deleted records back: {count}, edited by a "
                                             "colleague after the delete (Team sync, "
                                             "Conflicts).").format(
                    count=QLocale().toString(pulled.revived))
                # Two sentences: a space between them in English, none after a Chinese 。
                said = translate("TeamSync", "{merged} {revived}").format(merged=said,
                                                                         revived=back)
            window.say(said)
            if pulled.rescore_due:
                window.rescore()
        if self.folder is not None:
            self.watcher.watch(self.folder, self.device)
        self.synced.emit(result)

    def _phase_began(self, task: BookTask, item: object) -> None:
        """A long sync says what it does now (storage's words): the status bar shows it with
        a progress bar and Cancel."""
        if not isinstance(item, Phase) or task is not self.task:
            return
        self._phase = item.words
        text = translate("TeamSync", "Team sync: {phase}…").format(
            phase=translate("Storage", item.words))
        status = self.window.task_status
        if status.tracks(task):
            status.relabel(task, text, cancellable=True)
        else:
            status.track(task, text, cancellable=True)

    def _stopped(self, path: Path) -> None:
        """The user cancelled the sync: what it had sent or merged stays (each packet whole,
        a checkpoint whole or not at all); no automatic sync until Sync now."""
        if not self._same_book(path):
            return
        self.paused = True
        self.error = None
        self.note = translate("TeamSync", "Team sync was stopped. What it had sent or merged "
                                          "is kept; Sync now goes on from there.")
        # What it merged reaches the views through the window's look for changes made
        # elsewhere (not noted as our own); the tiers follow with a rescore.
        if self._phase == MERGING:
            self.window.schedule_rescore()

    def _failed(self, path: Path, folder: Path, error: BaseException) -> None:
        if not self._same_book(path):
            return
        self.error = error_text(error)
        code = getattr(error, "code", None)
        self.copied = code in COPIED
        self.may_have_moved = self.copied and code not in STILL_IN_USE
        self.status = None
        self.watcher.stop()  # the folder may be gone: watched again after a good sync
        self.window.session.note_own_changes()

    def _finished(self) -> None:
        self.task = None
        self.state_changed.emit()
        if self._again:
            self._again = False
            self.sync(automatic=True)

    # -- a manager's changes -------------------------------------------------------------------
    def manage(self, work: Callable[[Book, Path], Any], done: Callable[[Any], object],
               failed: Callable[[str], object]) -> BookTask | None:
        """A manager's change of the team (a role, a removal) in the background: it reads and
        writes the folder, which may be slow. ``done(result)``, or ``failed(message)``."""
        window, folder = self.window, self.folder
        if not window.book_open or folder is None or not self.in_team:
            return None
        path = window.book.path

        def finished(result: Any) -> None:
            if self._same_book(path):
                self.roster = window.book.team.members()
                self.state_changed.emit()
                done(result)

        task = BookTask(path, lambda book, _progress: work(book, folder), self)
        task.success(finished)
        task.failure(lambda error: failed(error_text(error)))
        window.task_status.track(task, translate("TeamSync", "Changing the team…"),
                                 cancellable=False)
        task.run_in_background()
        return task

    @property
    def manager(self) -> bool:
        """This book's user manages the team (may change roles and remove members)."""
        me = self.roster.me() if self.roster is not None else None
        return me is not None and me.role is PersonRole.MANAGER

    # -- conflicts -----------------------------------------------------------------------------
    def take(self, conflict_id: int, *, theirs: bool) -> Done | None:
        """One side of a conflict becomes the current value (sent at the next sync)."""
        book = self.window.book
        try:
            done = book.sync.take_theirs(conflict_id) if theirs \
                else book.sync.take_ours(conflict_id)
        except StorageError as error:
            self.window.show_error(error)
            return None
        self.window.apply_changes(done.changes)
        if done.changes.may_move_scores():
            self.window.schedule_rescore()
        self.recount()
        return done

    def changes_applied(self, changes: Changes) -> None:
        """A write answered (here, in the History tab): a conflict may have been taken."""
        if self.in_team and self.conflicts and self.window.book_open \
                and changes.touches({"change_log"}):
            self.recount()

    def recount(self) -> None:
        count = len(self.window.book.sync.all_conflicts()) if self.in_team else 0
        if count != self.conflicts:
            self.conflicts = count
            self.state_changed.emit()

    # -- who is who -----------------------------------------------------------------------
    def people(self) -> dict[str, str]:
        """Device -> the person it is, as the team names them."""
        return {m.device: m.person for m in self.roster.members} if self.roster else {}

    def others(self) -> list[str]:
        """The other members' devices (the roster's, else those that wrote packets)."""
        if self.roster is not None and self.roster.members:
            return [m.device for m in self.roster.members if not m.own and not m.removed_at]
        return [p.device for p in self.status.peers if not p.own] if self.status else []
