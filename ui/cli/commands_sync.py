"""``keyplan team init|join`` and ``keyplan sync FOLDER [--status]``: a team keeping its books
in step through a folder it already shares (Syncthing, OneDrive, Dropbox, a network share, a
USB stick). Only change packets go into the folder; each book stays on its own computer."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.text import t

if TYPE_CHECKING:
    from storage.book import Book


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    team = subparsers.add_parser(
        "team", help="start a team or join one (books kept in step through a shared folder)",
        description="Start a team with this book (its key is printed once: give it to each "
                    "member), or join a team with the key a member gives you. Then "
                    "'keyplan sync FOLDER' keeps the members' books in step.")
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="start a team with this book and print its key",
                              description="Start a team with this book. Its key is printed "
                                          "once: give it to each member, and keep it like a "
                                          "password (anyone holding it can read the team's "
                                          "changes).")
    init.set_defaults(handler=run_team_init)
    join = actions.add_parser("join", help="join a team with the key a member gives you",
                              description="Join the team of KEY. This book's records are "
                                          "sent to the team at the next sync, and the team's "
                                          "come in.")
    join.add_argument("key", metavar="KEY", help="the team key (KP1-...)")
    join.set_defaults(handler=run_team_join)

    sync = subparsers.add_parser(
        "sync", help="send this book's changes to a shared folder and merge the team's",
        description="Write this book's changes since the last sync into FOLDER/keyplan-sync "
                    "(encrypted with the team key), then merge every member's changes found "
                    "there, field by field: the later edit of a field wins and the other is "
                    "kept as a conflict. Scores and tiers are worked out again afterwards.")
    sync.add_argument("folder", type=Path, metavar="FOLDER",
                      help="the folder the team shares (not the folder of the book)")
    sync.add_argument("--status", action="store_true",
                      help="only show the members, when each was last seen, the packets "
                           "waiting and the conflicts; change nothing")
    sync.set_defaults(handler=run_sync)


def run_team_init(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        key = book.sync.team_init()
        device = book.sync.device_id
    print(t("Team started; this book is device {device}. The team key, shown only this once:",
            device=device))
    print()
    print(f"    {key}")
    print()
    print(t("Give it to each member (keyplan team join KEY), then sync: keyplan sync FOLDER. "
            "Anyone with the key can read the team's changes: keep it like a password."))
    return 0


def run_team_join(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        team = book.sync.join(args.key)
        device = book.sync.device_id
    print(t("Joined team {team} as device {device}. This book's records go to the team at "
            "the next sync: keyplan sync FOLDER", team=team, device=device))
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        if args.status:
            _print_status(book, args.folder)
            return 0
        pushed = book.sync.push(args.folder)
        pulled = book.sync.pull(args.folder)
        rescored = book.scoring.rescore() if pulled.rescore_due else None
    print(t("Synced with {folder}: sent {sent} changes in {out} packets, merged {merged} "
            "changes from {into} packets ({records} records), {conflicts} conflicts, "
            "{waiting} waiting, {refused} refused{rescored}; {seconds} s.",
            folder=args.folder, sent=f"{pushed.ops:,}", out=pushed.packets,
            merged=f"{pulled.ops:,}", into=pulled.packets, records=f"{pulled.records:,}",
            conflicts=pulled.conflicts, waiting=pulled.waiting, refused=pulled.quarantined,
            rescored=t(", rescored ({tiers} tiers changed)",
                       tiers=f"{rescored.changed_tier + rescored.newly_scored:,}")
            if rescored is not None else "",
            seconds=f"{pushed.seconds + pulled.seconds:.1f}"))
    if pulled.outdated:
        print(t("keyplan: note: {count} members' changes need a newer KeyPlan; update it to "
                "merge them.", count=len(pulled.outdated)), file=sys.stderr)
    return 0


def _print_status(book: Book, folder: Path) -> None:
    status = book.sync.status(folder)
    print(t("Team {team}; this book is device {device}.", team=status.team,
            device=status.device))
    for peer in status.peers:
        who = t("this book") if peer.own else peer.device
        seen = _when(peer.last_packet_at) if peer.last_packet_at else t("never")
        print(t("  {who}: last packet {seen}; merged {applied} of {available}, {pending} "
                "waiting, {refused} refused", who=who, seen=seen, applied=peer.applied,
                available=peer.available, pending=peer.pending, refused=peer.quarantined))
    print(t("To send: {count} changes. Conflicts: {conflicts}. Changes waiting for their "
            "record: {waiting}.", count=f"{status.to_send:,}", conflicts=status.conflicts,
            waiting=status.waiting))
    for refused in status.quarantined:
        print(t("  refused: packet {number} of {device} ({reason})", number=refused.number,
                device=refused.device, reason=refused.reason))


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
