"""``keyplan playbook``: the plan templates (list, show, export and import as JSON, so that a
manager can hand a team its playbooks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.errors import UserError
from ui.cli.text import language, t

if TYPE_CHECKING:
    from models.playbooks import Playbook


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    playbook = subparsers.add_parser(
        "playbook", help=t("plan templates by tier and relationship level: list, show, export, "
                           "import"),
        description=t("Playbooks are the templates a new account plan starts from "
                      "('keyplan plan new CUSTOMER --template NAME|auto'): objectives, support "
                      "measures, review cadence and actions, for customers of some tiers at "
                      "some relationship level. The built-in ones come in zh_CN and English."))
    commands = playbook.add_subparsers(dest="playbook_command", metavar="ACTION",
                                       required=True)
    listing = commands.add_parser("list", help=t("every playbook and whom it is for"))
    listing.set_defaults(handler=run_playbook_list)
    show = commands.add_parser("show", help=t("one playbook in full"))
    show.add_argument("name", metavar="NAME", help=t("its name, or a built-in's key"))
    show.set_defaults(handler=run_playbook_show)
    export = commands.add_parser(
        "export", help=t("write playbooks to a JSON file"),
        description=t("Write playbooks to a JSON file that 'keyplan playbook import' reads "
                      "(default: your own and the built-ins you edited)."))
    export.add_argument("names", nargs="*", metavar="NAME", help=t("only these playbooks"))
    export.add_argument("-o", "--output", type=Path, metavar="FILE.json",
                        help=t("the file to write (default: the screen)"))
    export.set_defaults(handler=run_playbook_export)
    importing = commands.add_parser(
        "import", help=t("read playbooks from a JSON file"),
        description=t("Read playbooks from a file 'keyplan playbook export' wrote: a built-in's "
                      "edit replaces the built-in, one of the same name as yours replaces "
                      "yours, the others are added. All or nothing."))
    importing.add_argument("file", type=Path, metavar="FILE.json", help=t("the file to read"))
    importing.set_defaults(handler=run_playbook_import)


def level_name(level: int | None) -> str:
    from storage.export_labels import Labels

    return t("any level") if level is None else Labels(language()).level(level)


def target_name(level: int | None) -> str:
    return t("one level up") if level is None else level_name(level)


def tier_names(playbook: Playbook) -> str:
    from storage.export_labels import Labels

    labels = Labels(language())
    if not playbook.tiers and not playbook.lifecycle:
        return t("any tier")
    from models.enums import LifecycleStage, Tier

    words = [labels.enum(Tier(code)) for code in playbook.tiers]
    if playbook.lifecycle:
        words.append(labels.enum(LifecycleStage(playbook.lifecycle)))
    return ("、" if language().startswith("zh") else ", ").join(words)


def run_playbook_list(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        playbooks = book.playbooks.list(language())
        edited = {p.builtin_key for p in playbooks if p.builtin_key and p.created_at}
    for p in playbooks:
        kind = (t("built-in, edited") if p.builtin_key in edited else t("built-in")) \
            if p.builtin_key else t("own")
        print(t("{name} [{kind}]: {tiers}; {start} → {target}; {objectives} objectives, "
                "{actions} actions", name=p.name, kind=kind, tiers=tier_names(p),
                start=level_name(p.from_level), target=target_name(p.target_level),
                objectives=len(p.steps.objectives), actions=len(p.steps.actions)))
    return 0


def run_playbook_show(args: argparse.Namespace) -> int:
    from storage.book import Book
    from storage.export_labels import Labels

    labels = Labels(language())
    with Book(args.db) as book:
        p = book.playbooks.find(args.name, language())
    steps = p.steps
    print(p.name + (f" ({p.builtin_key})" if p.builtin_key else ""))
    print(t("For: {tiers}; relationship level {start} → {target}; review every {days} days",
            tiers=tier_names(p), start=level_name(p.from_level),
            target=target_name(p.target_level), days=p.review_cadence_days))
    if p.summary:
        print(p.summary)
    print(t("Objectives:"))
    for o in steps.objectives:
        target = "" if o.target is None else (
            t(" (+{n} % on the last 12 months)", n=f"{o.target:g}")
            if o.kind.value == "revenue" else f" ({o.target:g} %)")
        print(f"  - [{labels.enum(o.kind)}] {o.description}{target}")
    print(t("Support measures:"))
    for m in steps.measures:
        rate = "" if m.rate_percent is None else f" {m.rate_percent:g} %"
        print(f"  - [{labels.enum(m.kind)}] {m.terms}{rate}")
    print(t("Actions:"))
    for a in steps.actions:
        who = t("me") if a.owner == "me" else t("account owner")
        print(t("  - day {day}: {what} ({who})", day=a.offset_days, what=a.what, who=who))
    return 0


def run_playbook_export(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        if args.output is None:
            sys.stdout.write(book.playbooks.export_json(language(), tuple(args.names)) + "\n")
            return 0
        # written whole or not at all, and never over the book or another database
        written = book.playbooks.export_file(args.output, language(), tuple(args.names))
    print(t("Wrote {path}.", path=written))
    return 0


def run_playbook_import(args: argparse.Namespace) -> int:
    from storage.book import Book

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(t("Cannot read {path}: {reason}", path=args.file,
                          reason=str(error))) from None
    with Book(args.db) as book:
        result = book.playbooks.import_json(text, file=str(args.file))
    print(t("Imported {file}: {added} playbooks added, {updated} replaced.", file=args.file,
            added=result.added, updated=result.updated))
    return 0
