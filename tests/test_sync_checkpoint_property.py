"""The property test of tests/test_sync_property.py with checkpoints: members write
checkpoints at random moments and delete the packets they cover at once (no 30 days' grace),
a member's copy of the folder loses those packets at its next sync, so a member behind
catches up from a checkpoint; at the end a new member joins from the checkpoints. Every book
still holds the same records, every field its latest write, every lost write its conflict.

``KEYPLAN_SYNC_EXAMPLES=500 pytest tests/test_sync_checkpoint_property.py`` runs more rounds.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storage.book import Book
from storage.sync import checkpoint
from tests.test_sync_property import (
    ACTIONS,
    EXAMPLES,
    MODES,
    World,
    _act,
    _check_latest_writes,
    _check_lost_writes_kept,
    _contents,
    _pulled,
)

WITH_CHECKPOINTS = (*ACTIONS, "compact", "compact", "mirror")
step = st.tuples(st.sampled_from(WITH_CHECKPOINTS), st.integers(0, 4), st.integers(0, 10_000),
                 st.sampled_from(MODES))


def _mirror(shared: Path, view: Path) -> None:
    """The sync program brings the folder as it is now: new files in, deleted ones gone."""
    source, target = shared / "keyplan-sync", view / "keyplan-sync"
    shutil.copytree(shared, view, dirs_exist_ok=True)
    for path in sorted(target.rglob("*"), reverse=True):
        if not (source / path.relative_to(target)).exists():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def _step(world: World, action: str, device: int, pick: int, mode: str) -> None:
    book = world.books[device]
    shared = world.folder / "shared"
    if action == "compact":
        compacted = book.sync.compact(shared, keep_days=0)
        if compacted.deleted:
            event("covered packets deleted")
    elif action == "mirror":  # a sync with the folder as it is, deletions included
        book.sync.push(shared)
        _mirror(shared, world.view(device))
        pulled = book.sync.pull(world.view(device))
        _pulled(pulled)
        if pulled.checkpoints:
            event("a member behind caught up from a checkpoint")
    else:
        _act(world, action, device, pick, mode)


def _settle(world: World) -> None:
    for _ in range(6):
        moved = sum(book.sync.push(world.folder / "shared").ops for book in world.books)
        for number in range(len(world.books)):
            _mirror(world.folder / "shared", world.view(number))
        moved += sum(book.sync.pull(world.view(number)).ops
                     for number, book in enumerate(world.books))
        if moved == 0:
            return
    raise AssertionError("the books did not settle")


@settings(max_examples=max(10, EXAMPLES // 2), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(devices=st.integers(3, 5), steps=st.lists(step, min_size=30, max_size=90))
def test_books_compacting_at_random_and_a_late_joiner_agree_and_lose_nothing(
        devices: int, steps: list[tuple[str, int, int, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="keyplan-sync-") as name:
        folder = Path(name)
        (folder / "shared").mkdir()
        books = [Book(folder / f"book{n}.db", new_book=True) for n in range(devices)]
        try:
            for book in books:
                book.connection.execute("PRAGMA synchronous = OFF")  # speed: no power cut here
            key = books[0].sync.team_init()
            for number, book in enumerate(books):
                (folder / f"view{number}").mkdir()
                if number:
                    book.sync.join(key)
            world = World(folder, books)
            for action, device, pick, mode in steps:
                _step(world, action, device % devices, pick, mode)
            _settle(world)
            # A new member joins from the checkpoints and whatever packets follow them.
            late = Book(folder / "late.db", new_book=True)
            books.append(late)
            late.sync.join(key)
            os.mkdir(folder / f"view{len(books) - 1}")
            _mirror(folder / "shared", world.view(len(books) - 1))
            pulled = late.sync.pull(world.view(len(books) - 1))
            found = checkpoint.latest(world.view(len(books) - 1), key_of(books[0]))
            assert (pulled.checkpoints >= 1) == bool(found)
            event(f"the late member joined from {pulled.checkpoints} checkpoint(s)")
            _settle(world)
            first = _contents(books[0])
            for book in books[1:]:
                assert _contents(book) == first
            for number, book in enumerate(books):
                status = book.sync.status(world.view(number))
                assert status.waiting == 0 and status.to_send == 0
            _check_latest_writes(world, books[0])
            _check_lost_writes_kept(world)
        finally:
            for book in books:
                book.close()


def key_of(book: Book) -> bytes:
    from storage.sync import state

    found = state.device(book.connection).team_key
    assert found is not None
    return found
