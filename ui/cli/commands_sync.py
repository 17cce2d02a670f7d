"""``keyplan team init|join|list|remove|role`` and ``keyplan sync FOLDER [--status |
--compact [--keep-days N] | --new-device | --moved-here]``: a team
keeping its books in step through a folder it already shares (Syncthing, OneDrive, Dropbox, a
network share, a USB stick). Only change packets and the roster go into the folder; each book
stays on its own computer."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.cli.text import t, t_n, translate

if TYPE_CHECKING:
    from storage.book import Book
    from storage.book.sync import Compacted
    from storage.book.team import TeamMember, TeamRoster

ROLES = ("manager", "salesperson")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    team = subparsers.add_parser(
        "team", help=t("start a team or join one (books kept in step through a shared folder), "
                       "list its members, change a role, remove a member"),
        description=t("Start a team with this book (its key is printed once: give it to each "
                      "member), or join a team with the key a member gives you. Then "
                      "'keyplan sync FOLDER' keeps the members' books in step. A manager "
                      "changes roles and removes members; removing one replaces the key."))
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=t("start a team with this book and print its key"),
                              description=t("Start a team with this book. Its key is printed "
                                            "once: give it to each member, and keep it like a "
                                            "password (anyone holding it can read the team's "
                                            "changes). The founder is a manager."))
    init.add_argument("--name", metavar="PERSON",
                      help=t("who you are in the team (default: the person this book knows, "
                             "else your login name; asked when typing at a terminal)"))
    init.add_argument("--role", choices=ROLES, default="manager",
                      help=t("your role (default manager)"))
    init.set_defaults(handler=run_team_init)
    join = actions.add_parser("join", help=t("join a team with the key a member gives you"),
                              description=t("Join the team of KEY as a salesperson (a manager "
                                            "may change the role). With FOLDER, this book is "
                                            "entered in the team's roster at once (else at the "
                                            "first sync). This book's records are sent to the "
                                            "team at the next sync, and the team's come in."))
    join.add_argument("key", metavar="KEY", help=t("the team key (KP1-...)"))
    join.add_argument("folder", type=Path, metavar="FOLDER", nargs="?",
                      help=t("the folder the team shares"))
    join.add_argument("--name", metavar="PERSON",
                      help=t("who you are in the team (default as for init)"))
    join.set_defaults(handler=run_team_join)
    listing = actions.add_parser("list", help=t("the members, their roles and when each was "
                                                "last seen"),
                                 description=t("The team's members as the roster in FOLDER "
                                               "says: person, role, device, joined, the last "
                                               "packet seen, and whether removed."))
    listing.add_argument("folder", type=Path, metavar="FOLDER",
                         help=t("the folder the team shares"))
    listing.add_argument("--json", action="store_true", help=t("print JSON"))
    listing.set_defaults(handler=run_team_list)
    remove = actions.add_parser("remove", help=t("remove a member (a manager only); the team "
                                                 "key is replaced"),
                                description=t("Remove a member from the team (a manager only). "
                                              "The team key is replaced: the other members take "
                                              "the new one at their next sync; the removed one "
                                              "cannot read what is sent from now on, and what it "
                                              "sends is refused. It keeps what it already had."))
    remove.add_argument("folder", type=Path, metavar="FOLDER", help=t("the folder the team shares"))
    remove.add_argument("member", metavar="DEVICE-or-PERSON",
                        help=t("a device id (or its first 8 characters), or a person: all "
                               "their devices"))
    remove.set_defaults(handler=run_team_remove)
    role = actions.add_parser("role", help=t("make a member a manager or a salesperson (a "
                                             "manager only)"),
                              description=t("Give a member a role (a manager only). The team "
                                            "always keeps at least one manager."))
    role.add_argument("folder", type=Path, metavar="FOLDER", help=t("the folder the team shares"))
    role.add_argument("member", metavar="PERSON", help=t("the person (or a device id)"))
    role.add_argument("role", choices=ROLES, metavar="ROLE", help=t("manager or salesperson"))
    role.set_defaults(handler=run_team_role)

    sync = subparsers.add_parser(
        "sync", help=t("send this book's changes to a shared folder and merge the team's"),
        description=t("Write this book's changes since the last sync into FOLDER/keyplan-sync "
                      "(encrypted with the team key), then merge every member's changes found "
                      "there, field by field: the later edit of a field wins and the other is "
                      "kept as a conflict. Scores and tiers are worked out again afterwards."))
    sync.add_argument("folder", type=Path, metavar="FOLDER",
                      help=t("the folder the team shares (not the folder of the book)"))
    what = sync.add_mutually_exclusive_group()
    what.add_argument("--status", action="store_true",
                      help=t("only show the members, when each was last seen, the packets "
                             "waiting, their checkpoints and the conflicts; change nothing"))
    what.add_argument("--compact", action="store_true",
                      help=t("send what is left, write this book as a checkpoint into FOLDER "
                             "(new members load it in bulk) and delete this book's packets "
                             "that every member's latest checkpoint covers and that are older "
                             "than --keep-days"))
    what.add_argument("--new-device", action="store_true",
                      help=t("this book is a copy of a member's book (KeyPlan said so): make "
                             "it a member of its own, with a new device id, then sync"))
    what.add_argument("--moved-here", action="store_true",
                      help=t("this book moved to this computer for good (KeyPlan said it was "
                             "last used on another one): sync from here from now on"))
    sync.add_argument("--keep-days", type=float, metavar="N", default=None,
                      help=t("with --compact: keep packets younger than N days (default 30)"))
    sync.set_defaults(handler=run_sync)


def run_team_init(args: argparse.Namespace) -> int:
    from models.enums import PersonRole
    from storage.book import Book

    with Book(args.db) as book:
        name = _person(book, args.name)
        started = book.team.start(name, PersonRole(args.role))
    print(t("Team started; this book is device {device}. The team key, shown only this once:",
            device=started.device))
    print()
    print(f"    {started.key}")
    print()
    print(t("Give it to each member (keyplan team join KEY), then sync: keyplan sync FOLDER. "
            "Anyone with the key can read the team's changes: keep it like a password."))
    print(t("You are {person}, {role}, in the team.", person=started.person,
            role=_role(started.role.value)))
    return 0


def run_team_join(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        name = _person(book, args.name)
        joined = book.team.join(args.key, args.folder, name)
    print(t("Joined the team as {person}, device {device}. This book's records go to the "
            "team at the next sync: keyplan sync FOLDER", person=joined.person,
            device=joined.device))
    if joined.registered:
        print(t("{person} is in the team's roster in {folder}, as a salesperson until a "
                "manager says otherwise.", person=joined.person, folder=args.folder))
    return 0


def run_team_list(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        roster = book.team.members(args.folder)
    _print_warnings(roster)
    if args.json:
        json.dump({"epoch": roster.epoch,
                   "members": [_member_json(member) for member in roster.members],
                   "warnings": [_notice(notice) for notice in roster.warnings]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    count = sum(1 for member in roster.members if member.removed_at is None)
    print(t_n("The team has {count} members (key epoch {epoch}):",
              "The team has 1 member (key epoch {epoch}):", count, count=count,
              epoch=roster.epoch))
    for member in roster.members:
        print(_member_line(member))
    return 0


def run_team_remove(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        removed = book.team.remove_member(args.folder, args.member)
    for member in removed.members:
        print(t("Removed {person} (device {device}) from the team.", person=member.person,
                device=member.device))
    print(t("The team key was replaced (epoch {epoch}). The other members take it at their "
            "next sync; nothing for them to type. New members join with the new key, shown "
            "only this once:", epoch=removed.epoch))
    print()
    print(f"    {removed.key}")
    print()
    print(t("What the removed member already had stays with them; what the team sends from "
            "now on they cannot read, and what they send is refused."))
    return 0


def run_team_role(args: argparse.Namespace) -> int:
    from models.enums import PersonRole
    from storage.book import Book

    with Book(args.db) as book:
        roster = book.team.set_role(args.folder, args.member, PersonRole(args.role))
    changed = [member for member in roster.members if member.removed_at is None
               and (member.person.casefold() == args.member.strip().casefold()
                    or member.device.startswith(args.member.strip().lower()))]
    for member in changed:
        print(t("{person} (device {device}) is now {role}.", person=member.person,
                device=member.device, role=_role(member.role.value)))
    return 0


def _person(book: Book, given: str | None) -> str:
    """``--name``, else asked at a terminal (the default offered), else the default."""
    if given and given.strip():
        return given.strip()
    default = book.team.default_person()
    if not sys.stdin.isatty():
        return default
    answer = input(t("Your name in the team [{default}]: ", default=default))
    return answer.strip() or default


def _role(role: str) -> str:
    return t("manager") if role == "manager" else t("salesperson")


def _member_line(member: TeamMember) -> str:
    seen = _when(member.last_packet_at) if member.last_packet_at else t("never")
    line = t("  {person}: {role}, device {device}, joined {joined}, last packet {seen}",
             person=member.person or "?", role=_role(member.role.value),
             device=member.device, joined=(member.joined_at or "?")[:10], seen=seen)
    if member.founder:
        line += t("; started the team")
    if member.removed_at:
        line += t("; removed {at} by {by}", at=member.removed_at[:16].replace("T", " "),
                  by=member.removed_by or "?")
    if member.own:
        line += t(" (this book)")
    return line


def _member_json(member: TeamMember) -> dict[str, Any]:
    return {"device": member.device, "person": member.person, "role": member.role.value,
            "joined_at": member.joined_at, "founder": member.founder, "own": member.own,
            "removed": member.removed_at is not None, "removed_at": member.removed_at,
            "removed_by": member.removed_by, "packets": member.packets,
            "last_packet_at": member.last_packet_at.isoformat()
            if member.last_packet_at else None}


def _notice(notice: Any) -> str:
    return translate("Storage", notice.template, dict(notice.params))


def _print_warnings(roster: TeamRoster) -> None:
    for notice in roster.warnings:
        print(t("keyplan: warning: {message}", message=_notice(notice)), file=sys.stderr)


def run_sync(args: argparse.Namespace) -> int:
    from storage.book import Book

    if args.keep_days is not None and not args.compact:
        print(t("keyplan: error: --keep-days goes with --compact"), file=sys.stderr)
        return 2
    from ui.cli.progress import PhaseLine

    line = PhaseLine()  # on stderr when it is a terminal: a first push may take minutes
    with Book(args.db) as book:
        if args.status:
            _print_status(book, args.folder)
            return 0
        if args.compact:
            try:
                compacted = book.sync.compact(args.folder, progress=line, **(
                    {"keep_days": args.keep_days} if args.keep_days is not None else {}))
            finally:
                line.close()
            _print_compacted(compacted)
            return 0
        if args.new_device:
            print(t("This book is now a member of its own: device {device}. The original "
                    "keeps its device id; what it sent is merged here as a member's.",
                    device=book.sync.new_device()))
        elif args.moved_here:
            book.sync.moved_here()
            print(t("This book syncs from this computer from now on (device {device}).",
                    device=book.sync.device_id))
        try:  # Ctrl+C stops it: what was sent or merged stays, whole
            pushed = book.sync.push(args.folder, progress=line)
            pulled = book.sync.pull(args.folder, progress=line)
        finally:
            line.close()
        rescored = book.scoring.rescore() if pulled.rescore_due else None
    print(t("Synced with {folder}: changes sent: {sent} (packets: {out}); changes merged: "
            "{merged} (packets: {into}, records: {records}); conflicts: {conflicts}, "
            "waiting: {waiting}, refused: {refused}{rescored}; {seconds} s.",
            folder=args.folder, sent=f"{pushed.ops:,}", out=pushed.packets,
            merged=f"{pulled.ops:,}", into=pulled.packets, records=f"{pulled.records:,}",
            conflicts=pulled.conflicts, waiting=pulled.waiting, refused=pulled.quarantined,
            rescored=t("; rescored (tiers changed: {tiers})",
                       tiers=f"{rescored.changed_tier + rescored.newly_scored:,}")
            if rescored is not None else "",
            seconds=f"{pushed.seconds + pulled.seconds:.1f}"))
    if pulled.revived:
        print(t_n("keyplan: note: {count} deleted records came back: a member edited them "
                  "after the delete. Delete them again if they should stay deleted.",
                  "keyplan: note: 1 deleted record came back: a member edited it after the "
                  "delete. Delete it again if it should stay deleted.", pulled.revived,
                  count=pulled.revived))
    if pulled.checkpoints:
        print(t_n("{count} members' checkpoints were loaded (the whole book of each, in "
                  "bulk).", "1 member's checkpoint was loaded (the whole book, in bulk).",
                  pulled.checkpoints, count=pulled.checkpoints))
    if pushed.compacted is not None:
        _print_compacted(pushed.compacted)
    if pulled.ahead:
        print(t_n("keyplan: note: the packets of {count} members wait: their computer's "
                  "clock is more than a day ahead of this one's ({devices}). They are merged "
                  "when the clocks agree; check the date and time on both computers.",
                  "keyplan: note: the packets of 1 member wait: its computer's clock is more "
                  "than a day ahead of this one's ({devices}). They are merged when the "
                  "clocks agree; check the date and time on both computers.",
                  len(pulled.ahead), count=len(pulled.ahead),
                  devices=", ".join(sorted(pulled.ahead))),
              file=sys.stderr)
    if pulled.outdated:
        print(t_n("keyplan: note: {count} members' changes need a newer KeyPlan; update it "
                  "to merge them.", "keyplan: note: 1 member's changes need a newer "
                  "KeyPlan; update it to merge them.", len(pulled.outdated),
                  count=len(pulled.outdated)), file=sys.stderr)
    return 0


def _print_compacted(compacted: Compacted) -> None:
    if compacted.written:
        print(t_n("Checkpoint written: {records} records up to packet {number} ({size} MB); "
                  "{deleted} packets covered by every member's checkpoint deleted; {seconds} "
                  "s.", "Checkpoint written: {records} records up to packet {number} ({size} "
                  "MB); 1 packet covered by every member's checkpoint deleted; {seconds} s.",
                  compacted.deleted, records=f"{compacted.records:,}", number=compacted.number,
                size=f"{compacted.bytes / 1e6:.1f}", deleted=compacted.deleted,
                seconds=f"{compacted.seconds:.1f}"))
    else:
        print(t_n("The latest checkpoint already holds this book (up to packet {number}); "
                  "{deleted} packets covered by every member's checkpoint deleted.",
                  "The latest checkpoint already holds this book (up to packet {number}); 1 "
                  "packet covered by every member's checkpoint deleted.", compacted.deleted,
                  number=compacted.number, deleted=compacted.deleted))


def _print_status(book: Book, folder: Path) -> None:
    status = book.sync.status(folder)
    roster = book.team.members()  # as the last sync read it: the team is known by its people
    founder = roster.founder()
    people = {member.device: member.person for member in roster.members}
    if founder is None:
        print(t("Team (its members are known after the first sync); this book is device "
                "{device}.", device=status.device))
    else:
        count = len(roster.current())
        print(t_n("Team started by {founder}, {count} members; this book is {person}, "
                  "device {device}.", "Team started by {founder}, 1 member; this book is "
                  "{person}, device {device}.", count, founder=founder.person, count=count,
                  person=people.get(status.device, "?"), device=status.device))
    for peer in status.peers:
        who = t("this book") if peer.own else _who(peer.device, people)
        seen = _when(peer.last_packet_at) if peer.last_packet_at else t("never")
        print(t("  {who}: last packet {seen}; merged {applied} of {available}, {pending} "
                "waiting, {refused} refused", who=who, seen=seen, applied=peer.applied,
                available=peer.available, pending=peer.pending, refused=peer.quarantined))
        if peer.checkpoint:
            print(t("    checkpoint up to its packet {number}", number=peer.checkpoint))
    print(t_n("To send: {count} changes. Conflicts: {conflicts}. Changes waiting for their "
              "record: {waiting}.", "To send: 1 change. Conflicts: {conflicts}. Changes "
              "waiting for their record: {waiting}.", status.to_send,
              count=f"{status.to_send:,}", conflicts=status.conflicts,
            waiting=status.waiting))
    for refused in status.quarantined:
        template, params = refused.explained
        print(t("  refused: packet {number} of {device} ({reason})", number=refused.number,
                device=_who(refused.device, people),
                reason=translate("Storage", template, params)))


def _who(device: str, people: dict[str, str]) -> str:
    """A member as the team names them, with the device id the commands take."""
    person = people.get(device)
    return t("{person} (device {device})", person=person, device=device) if person else device


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
