"""The team's roster, roles and the removal of a member (issue 18, step two): signed entries,
tampering ignored, concurrent joins, a manager's decisions, and the key replaced on removal."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlite_utils import Database as SqliteUtilsDatabase

from models.entities import Customer
from models.enums import PersonRole
from storage.book import Book
from storage.migrations import migrations
from storage.sync import folder as shared
from storage.sync import roster
from storage.sync import team as team_io
from storage.sync.errors import (
    LastManagerError,
    NotFirstMemberError,
    NotManagerError,
    RemovedFromTeamError,
    RosterIncompleteError,
    TeamHasManagerError,
)
from storage.sync.identity import Identity
from storage.sync.keyring import (
    REMOVED_HERE,
    REMOVED_SENDER,
    UNCONFIRMED_SENDER,
    Epoch,
    Keyring,
    load,
)
from storage.sync.keys import new_key, team_id
from storage.sync.packets import LEVEL, KeyNotYetError, PacketError, decode
from storage.sync.team import own

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd


@pytest.fixture
def team(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    books = {name: Book(tmp_path / f"{name}.db", new_book=True)
             for name in ("li", "wang", "zhao")}
    started = books["li"].team.start("Li Lei")
    books["wang"].team.join(started.key, folder, "Wang Fang")
    books["zhao"].team.join(started.key.lower(), folder, "Zhao Min")
    for name, book in books.items():
        _customer(book, f"{name}'s customer")
        _sync(book, folder)
    yield folder, books, started.key
    for book in books.values():
        book.close()


def _sync(book: Book, folder: Path) -> None:
    book.sync.push(folder)
    book.sync.pull(folder)


def _roles(book: Book, folder: Path | None = None) -> dict[str, tuple[str, bool]]:
    return {member.person: (member.role.value, member.removed_at is not None)
            for member in book.team.members(folder).members}


def _names(book: Book) -> set[str]:
    return {row["name"] for row in book.reader.query(
        "SELECT name FROM customers WHERE deleted_at IS NULL")}


def _has(book: Book, customer_id: str) -> bool:
    return bool(book.reader.scalar("SELECT count(*) FROM customers WHERE id = ?",
                                   [customer_id]))


def _customer(book: Book, name: str) -> str:
    return str(book.customers.add(Customer(name=name)).record.id)


def test_the_roster_names_each_member_with_role_and_keys_only_public(team) -> None:  # type: ignore[no-untyped-def]
    folder, books, _key = team
    expected = {"Li Lei": ("manager", False), "Wang Fang": ("salesperson", False),
                "Zhao Min": ("salesperson", False)}
    for book in books.values():
        assert _roles(book, folder) == expected
    listed = books["wang"].team.members(folder)
    (li,) = [member for member in listed.members if member.person == "Li Lei"]
    assert li.founder and not li.own and li.packets == 1 and li.last_packet_at is not None
    assert listed.me() is not None and listed.me().person == "Wang Fang"
    assert books["li"].team.my_role() is PersonRole.MANAGER
    assert books["zhao"].team.my_role() is PersonRole.SALESPERSON
    entries = shared.read_documents(shared.root(folder) / shared.MEMBERS_DIR)
    assert set(entries) == {book.sync.device_id for book in books.values()}
    # The folder holds public keys only: no private key of any book is written there.
    text = "".join(path.read_text(encoding="utf-8")
                   for path in shared.root(folder).rglob("*.json"))
    for book in books.values():
        identity = own(book.connection).identity
        for secret in (identity.sign, identity.box):
            assert base64.b64encode(secret).decode() not in text
        assert identity.sign_public in text


def test_a_tampered_or_unsigned_entry_is_ignored_with_a_warning(team) -> None:  # type: ignore[no-untyped-def]
    folder, books, _key = team
    members = shared.root(folder) / shared.MEMBERS_DIR
    wang = books["wang"].sync.device_id
    path = members / f"{wang}.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["person"] = "Boss"  # promoted by hand: the signature no longer matches
    path.write_text(json.dumps(entry), encoding="utf-8")
    # An outsider's entry, signed by its own key but without the team key's proof.
    stranger = Identity.new()
    fake = {"kind": "keyplan-member", "format": 1, "team": entry["team"],
            "device": "0f1e2d3c-4b5a-4697-8877-665544332211", "person": "Mallory",
            "joined": "", "sign": stranger.sign_public, "box": stranger.box_public,
            "kid": entry["kid"], "mac": "0" * 64}
    fake["sig"] = stranger.signature(fake)
    (members / f"{fake['device']}.json").write_text(json.dumps(fake), encoding="utf-8")
    (members / "11111111-2222-4333-8444-555555555555.json").write_text(
        json.dumps({**fake, "device": "11111111-2222-4333-8444-555555555555"}),
        encoding="utf-8")  # unsigned for its device name
    listed = books["zhao"].team.members(folder)
    assert {member.person for member in listed.members} == {"Li Lei", "Wang Fang",
                                                          "Zhao Min"}
    said = {(notice.template, notice.params.get("device")) for notice in listed.warnings}
    assert (roster.BAD_ENTRY, wang) in said
    assert (roster.BAD_ENTRY, fake["device"]) in said
    assert (roster.BAD_ENTRY, "11111111-2222-4333-8444-555555555555") in said
    # A book that never saw Wang's entry does not take the spoilt one either.
    with Book(folder.parent / "new.db", new_book=True) as new:
        new.team.join(_key, folder, "Sun Li")
        names = {member.person for member in new.team.members(folder).members}
    assert names == {"Li Lei", "Zhao Min", "Sun Li"}
    # Wang's next sync writes its entry again, as it should be.
    _sync(books["wang"], folder)
    assert "Wang Fang" in _roles(books["zhao"], folder)


def test_members_joining_at_the_same_moment_are_both_kept(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    with Book(tmp_path / "li.db", new_book=True) as li:
        key = li.team.start("Li Lei").key
        li.sync.push(folder)
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def join(number: int) -> None:
        try:
            with Book(tmp_path / f"m{number}.db", new_book=True) as book:
                barrier.wait()
                book.team.join(key, folder, f"Member {number}")
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=join, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    with Book(tmp_path / "li.db") as li:
        people = sorted(member.person for member in li.team.members(folder).members)
    assert people == ["Li Lei", "Member 0", "Member 1", "Member 2", "Member 3"]


def test_a_manager_changes_roles_and_a_salesperson_cannot(team) -> None:  # type: ignore[no-untyped-def]
    folder, books, _key = team
    for name in ("Li Lei", "Zhao Min"):  # the people this book knows (they travel)
        books["li"].people.ensure(name)
    for book in books.values():
        _sync(book, folder)
    with pytest.raises(NotManagerError):
        books["wang"].team.set_role(folder, "Zhao Min", PersonRole.MANAGER)
    with pytest.raises(LastManagerError):
        books["li"].team.set_role(folder, "Li Lei", PersonRole.SALESPERSON)
    books["li"].team.set_role(folder, "Wang Fang", PersonRole.MANAGER)
    assert _roles(books["zhao"], folder)["Wang Fang"] == ("manager", False)
    assert books["wang"].team.members(folder) and books["wang"].team.my_role() \
        is PersonRole.MANAGER
    # Now Wang may, and Li may step down: a manager is left.
    books["wang"].team.set_role(folder, "Zhao Min", PersonRole.MANAGER)
    books["li"].team.set_role(folder, "Li Lei", PersonRole.SALESPERSON)
    assert _roles(books["zhao"], folder) == {"Li Lei": ("salesperson", False),
                                             "Wang Fang": ("manager", False),
                                             "Zhao Min": ("manager", False)}
    # The people records follow where the book has them (and travel).
    for _round in range(2):
        for book in books.values():
            _sync(book, folder)
    for book in books.values():
        assert book.people.named("Zhao Min").role is PersonRole.MANAGER
        assert book.people.named("Li Lei").role is PersonRole.SALESPERSON


def test_a_forged_or_tampered_decision_is_ignored(team) -> None:  # type: ignore[no-untyped-def]
    folder, books, _key = team
    li = books["li"].sync.device_id
    # Wang, a salesperson, signs a decision removing Li (with its own, valid key).
    wang_book = books["wang"]
    me = own(wang_book.connection)
    forged = {"kind": roster.DECISION_KIND, "format": 1, "team": me.team, "by": me.device,
              "n": 1, "at": "2026-01-01T00:00:00.000+00:00", "action": "role",
              "role": "salesperson", "devices": {li: None}}
    forged["sig"] = me.identity.signature(forged)
    shared.write_document(shared.root(folder) / shared.DECISIONS_DIR / f"{me.device}-000001.json",
                          forged)
    listed = books["zhao"].team.members(folder)
    assert _roles(books["zhao"], folder)["Li Lei"] == ("manager", False)
    assert any(notice.template == roster.NOT_MANAGER and notice.params["person"] == "Wang Fang"
               for notice in listed.warnings)
    # A manager's real decision changed afterwards by hand does not count either.
    books["li"].team.set_role(folder, "Zhao Min", PersonRole.MANAGER)
    (path,) = (shared.root(folder) / shared.DECISIONS_DIR).glob(f"{li}-*.json")
    decision = json.loads(path.read_text(encoding="utf-8"))
    decision["devices"] = {books["wang"].sync.device_id: None}
    path.write_text(json.dumps(decision), encoding="utf-8")
    with Book(folder.parent / "late.db", new_book=True) as late:
        late.team.join(_key, folder, "Sun Li")
        listed = late.team.members(folder)
    roles = {member.person: member.role.value for member in listed.members}
    assert roles["Wang Fang"] == "salesperson" and roles["Zhao Min"] == "salesperson"
    assert any(notice.template == roster.BAD_DECISION for notice in listed.warnings)


def test_removal_replaces_the_key_for_the_others_only(team) -> None:  # type: ignore[no-untyped-def]
    folder, books, _key = team
    li, wang, zhao = books["li"], books["wang"], books["zhao"]
    before = _customer(li, "Old Customer")  # sealed with the first key
    _sync(li, folder)
    for book in (wang, zhao):
        _sync(book, folder)
    # Zhao's copy of the folder, as a sync program leaves it on Zhao's laptop before the
    # removal arrives there.
    stale = folder.parent / "zhao-view"
    shutil.copytree(folder, stale)

    with pytest.raises(NotManagerError):
        wang.team.remove_member(folder, "Zhao Min")
    removed = li.team.remove_member(folder, "Zhao Min")
    assert removed.epoch == 2 and [m.person for m in removed.members] == ["Zhao Min"]
    assert removed.key != _key and li.team.key_text() == removed.key
    after = _customer(li, "New Customer")  # sealed with the new key
    _sync(li, folder)
    # Wang takes the new key at its next sync, without a word typed, and merges both.
    _sync(wang, folder)
    assert _names(wang) >= {"Old Customer", "New Customer"}
    assert load(wang.connection).sealing()[2] == 2
    # What Zhao sends where the removal has not arrived yet is refused by the others.
    zhao_customer = _customer(zhao, "Zhao After Removal")
    zhao.sync.push(stale)
    device = zhao.sync.device_id
    for path in shared.packets(stale, device).values():
        target = shared.device_folder(folder, device) / path.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    for book in (li, wang):
        pulled = book.sync.pull(folder)
        assert pulled.quarantined == 1
        assert not _has(book, zhao_customer)
        (refused,) = book.sync.status(folder).quarantined
        template, params = refused.explained
        assert template == REMOVED_SENDER and refused.device == device
        assert int(params["cutoff"]) == 1
    # Zhao cannot read what was sent after the removal: its key is not the new one.
    packet = max(shared.packets(folder, li.sync.device_id).items())
    zhaos_first = load(zhao.connection).first
    assert zhaos_first is not None and zhaos_first.key is not None
    with pytest.raises(PacketError):
        decode(zhaos_first.key, li.sync.device_id, packet[0], packet[1].read_bytes())
    pulled = zhao.sync.pull(folder)
    assert pulled.quarantined == 1
    assert not _has(zhao, after) and _has(zhao, before)
    (refused,) = zhao.sync.status(folder).quarantined
    assert refused.explained == (REMOVED_HERE, {})
    with pytest.raises(RemovedFromTeamError):
        zhao.sync.push(folder)
    # The list says who was removed, by whom.
    (gone,) = [m for m in wang.team.members(folder).members if m.person == "Zhao Min"]
    assert gone.removed_at and gone.removed_by == "Li Lei"
    # A member joining now, with the new key, reads the old packets as well as the new.
    with Book(folder.parent / "sun.db", new_book=True) as sun:
        sun.team.join(removed.key, folder, "Sun Li")
        _sync(sun, folder)
        names = _names(sun)
        assert {"Old Customer", "New Customer"} <= names
        assert "Zhao After Removal" not in names
        assert _has(sun, before)
        roles = {m.person: (m.role.value, m.removed_at is not None)
                 for m in sun.team.members(folder).members}
        assert roles["Zhao Min"] == ("salesperson", True) and roles["Sun Li"][1] is False
    # The others agree on the data.
    _sync(wang, folder)
    _sync(li, folder)
    query = "SELECT id, name FROM customers ORDER BY id"
    assert li.reader.query(query) == wang.reader.query(query)


def test_a_member_who_synced_before_the_removal_keeps_working(team) -> None:  # type: ignore[no-untyped-def]
    """Wang wrote a packet with the old key before the removal reached it: it still counts."""
    folder, books, _key = team
    li, wang = books["li"], books["wang"]
    stale = folder.parent / "wang-view"
    shutil.copytree(folder, stale)
    li.team.remove_member(folder, "Zhao Min")
    customer = _customer(wang, "Written Offline")
    wang.sync.push(stale)  # sealed with the first key
    device = wang.sync.device_id
    for path in shared.packets(stale, device).values():
        target = shared.device_folder(folder, device) / path.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    assert li.sync.pull(folder).quarantined == 0
    assert _has(li, customer)
    wang.customers.update(replace(wang.customers.get(customer), city="Suzhou"))
    _sync(wang, folder)  # picks up the new key, and keeps syncing
    li.sync.pull(folder)
    assert li.customers.get(customer).city == "Suzhou"


def test_the_keyring_says_which_packets_each_key_may_open() -> None:
    first, second = b"1" * 32, b"2" * 32
    ring = Keyring(epochs={"k1": Epoch(1, "k1", first, None),
                           "k2": Epoch(2, "k2", second, frozenset({"a"}))},
                   cutoffs={"z": 3})
    assert ring.sealing() == (second, "k2", 2)
    assert ring.opening("a", 9, "k1") == first  # written before "a" took the new key
    assert ring.opening("a", 10, "k2") == second
    assert ring.opening("z", 3, None) == first  # the removed one's packets before removal
    assert ring.opening("z.checkpoint.000003-ab12cd34", 0, "k1") == first
    refused = [("z", 4, "k1"), ("z.checkpoint.000004-ab12cd34", 0, "k1"),
               ("newcomer", 1, "k1")]  # a device made with the old key after the removal
    reasons = []
    for device, number, kid in refused:
        with pytest.raises(PacketError) as caught:
            ring.opening(device, number, kid)
        reasons.append(caught.value.reason)
    assert reasons == [REMOVED_SENDER, REMOVED_SENDER, UNCONFIRMED_SENDER]
    with pytest.raises(KeyNotYetError):
        ring.opening("a", 11, "k3")  # the next key, still on its way
    ring.removed_here = True
    with pytest.raises(PacketError) as caught:
        ring.opening("a", 11, "k3")
    assert caught.value.reason == REMOVED_HERE


def test_a_book_in_a_team_before_m018_keeps_its_key_and_old_packets(tmp_path: Path) -> None:

    path = tmp_path / "old.db"
    key = new_key()
    conn = sqlite3.connect(path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m018_team_roster")
    conn.execute("UPDATE sync_device SET team_key = ?, team_id = ?, joined_at = '2026-11-01'",
                 [base64.b64encode(key).decode(), team_id(key)])
    conn.commit()
    conn.close()
    folder = tmp_path / "shared"
    folder.mkdir()
    with Book(path) as book:
        ring = load(book.connection)
        assert ring.sealing() == (key, ring.first.kid, 1)  # type: ignore[union-attr]
        customer = _customer(book, "Kept")
        book.sync.push(folder)  # its own keys are made now, its entry written
        device = book.sync.device_id
        assert (shared.root(folder) / shared.MEMBERS_DIR / f"{device}.json").exists()
        # A packet of format 1, as step one wrote them, opens with the first key.
        body = json.dumps({"o": "set", "t": "customers", "id": customer, "h": "x",
                           "f": {"city": ["Ningbo", ""]}}).encode()
        head = {"kind": "keyplan-sync-packet", "format": 1, "device": device, "number": 9,
                "made": "0", "schema": 17, "ops": 1, "sha256": hashlib.sha256(body).hexdigest()}
        nonce = os.urandom(12)
        data = b"KPK1" + nonce + AESGCM(key).encrypt(
            nonce, zstd.compress(json.dumps(head).encode() + b"\n" + body, LEVEL),
            f"keyplan-packet/1/{device}/9".encode())
        header, ops = decode(load(book.connection), device, 9, data)
        assert header.epoch == 1 and ops[0]["f"] == {"city": ["Ningbo", ""]}


def _old_book(path: Path, key: bytes, joined: str) -> None:
    """A book that was in a team before m018: no founder, no roles."""
    conn = sqlite3.connect(path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m018_team_roster")
    conn.execute("UPDATE sync_device SET team_key = ?, team_id = ?, joined_at = ?",
                 [base64.b64encode(key).decode(), team_id(key), joined])
    conn.commit()
    conn.close()


def test_a_team_started_before_m018_names_its_first_member_manager(tmp_path: Path) -> None:
    """No founder.json, so no manager: the first member (earliest joined: the book that
    started the team) claims the role with `team role ME manager`; a later member cannot,
    and a claim it signs and writes anyway counts on no book. A device that sent packets but
    is not in the roster yet holds the claim back (it may be the first member)."""
    folder = tmp_path / "NAS"
    folder.mkdir()
    key = new_key()
    joined = {"li": "2026-10-01T08:00:00Z", "wang": "2026-10-05T09:00:00Z",
              "zhao": "2026-10-09T10:00:00Z"}
    people = {"li": "Li Lei", "wang": "Wang Fang", "zhao": "Zhao Min"}
    for name, when in joined.items():
        _old_book(tmp_path / f"{name}.db", key, when)
    books = {name: Book(tmp_path / f"{name}.db") for name in joined}
    try:
        for name, book in books.items():
            with book.team._db.atomic():  # who each is (asked at the first sync since)
                team_io.set_person(book.connection, people[name])
            _customer(book, f"{name}'s customer")
        for name in ("wang", "zhao"):
            books[name].sync.push(folder)
        # Zhao's book sent packets before m018 and has not synced since: no entry yet.
        zhao = books["zhao"].sync.device_id
        (shared.root(folder) / shared.MEMBERS_DIR / f"{zhao}.json").unlink()
        books["li"].sync.push(folder)
        assert not (shared.root(folder) / shared.FOUNDER_FILE).exists()
        assert {role for role, _removed in _roles(books["li"], folder).values()} \
            == {"salesperson"}
        with pytest.raises(NotManagerError):
            books["li"].team.remove_member(folder, "Wang Fang")
        with pytest.raises(RosterIncompleteError) as held:
            books["li"].team.set_role(folder, "Li Lei", PersonRole.MANAGER)
        assert zhao[:8] in str(held.value)
        _sync(books["zhao"], folder)  # its entry now
        # Wang, who joined later, cannot claim; a claim Wang signs and writes anyway (a
        # race, or a book that skips the check) is ignored by every book.
        with pytest.raises(NotFirstMemberError) as refused:
            books["wang"].team.set_role(folder, "Wang Fang", PersonRole.MANAGER)
        assert "Li Lei" in str(refused.value)
        wang_own = team_io.own(books["wang"].connection)
        team_io._decide(books["wang"].team._db, folder, wang_own,
                        {"action": "claim", "devices": {wang_own.device: None}})
        for book in books.values():
            assert _roles(book, folder)["Wang Fang"] == ("salesperson", False)
        # Li, the first member, claims: a manager on every book, the same way.
        books["li"].team.set_role(folder, "Li Lei", PersonRole.MANAGER)
        for book in books.values():
            roles = _roles(book, folder)
            assert roles["Li Lei"] == ("manager", False)
            assert roles["Wang Fang"][0] == roles["Zhao Min"][0] == "salesperson"
        with pytest.raises(TeamHasManagerError):
            team_io.claim(books["li"].team._db, folder,
                          team_io.refresh(books["li"].team._db, folder),
                          team_io.own(books["li"].connection))
        # And manages: a role, a removal with a new key.
        books["li"].team.set_role(folder, "Wang Fang", PersonRole.MANAGER)
        removed = books["wang"].team.remove_member(folder, "Zhao Min")
        assert [member.person for member in removed.members] == ["Zhao Min"]
        for name in ("li", "wang"):
            roles = _roles(books[name], folder)
            assert roles["Wang Fang"] == ("manager", False)
            assert roles["Zhao Min"] == ("salesperson", True)
        with pytest.raises(RemovedFromTeamError):
            books["zhao"].sync.push(folder)
    finally:
        for book in books.values():
            book.close()
