"""Subcommands that keep the book safe: ``backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from storage import presence
from storage.errors import CorruptDatabaseError
from ui.cli.errors import UserError
from ui.cli.text import ENGLISH, language, pad, t


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser(
        "backup", help=t("back up the database (SQLite online backup, compressed, verified)"),
        description=t("Back up the book into its backup folder (or to FILE), list the backups, "
                      "or set how many automatic backups are kept and how much room they may "
                      "take."))
    backup.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help=t("write the backup to FILE (must not exist; compressed if it ends "
                               ".zst, else a plain SQLite file)"))
    backup.add_argument("--list", action="store_true",
                        help=t("list the backups, newest first, with their check"))
    backup.add_argument("--keep-daily", type=int, metavar="N",
                        help=t("keep the newest automatic backup of each of the last N days"))
    backup.add_argument("--keep-weekly", type=int, metavar="N",
                        help=t("keep the newest automatic backup of each of the last N weeks"))
    backup.add_argument("--max-size", type=_size, metavar="SIZE",
                        help=t("room the backup folder may take, e.g. 5GB or 800MB ('auto': ten "
                               "times the book, at least 1 GB); the oldest automatic backups "
                               "go first, never the three newest verified ones"))
    backup.add_argument("--json", action="store_true", help=t("print JSON"))
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore", help=t("replace the database with a checked backup"),
        description=t("Check FILE's integrity (a .zst backup is decompressed first), keep the "
                      "current book in the backup folder, then put FILE in its place in one "
                      "step. Close KeyPlan windows on this book first."))
    restore.add_argument("file", type=Path, metavar="FILE",
                         help=t("the backup to put in place (.zst or a plain SQLite file)"))
    restore.set_defaults(handler=run_restore)

    check = subparsers.add_parser(
        "check", help=t("check the database file for damage (SQLite's integrity check)"),
        description=t("Run SQLite's integrity check over the whole book, read-only. It finds "
                      "structural damage (torn or overwritten pages, broken b-trees, indexes out "
                      "of step with their rows); a byte changed inside a row's own data in a "
                      "page that is still well formed cannot be seen by any SQLite check."))
    check.add_argument("--quick", action="store_true",
                       help=t("PRAGMA quick_check: faster, but does not compare indexes with rows"))
    check.add_argument("--full", action="store_true",
                       help=t("the full integrity check (the default; kept for scripts)"))
    check.set_defaults(handler=run_check)


_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000 ** 2, "gb": 1000 ** 3, "tb": 1000 ** 4,
          "k": 1000, "m": 1000 ** 2, "g": 1000 ** 3, "t": 1000 ** 4,
          "kib": 1024, "mib": 1024 ** 2, "gib": 1024 ** 3, "tib": 1024 ** 4}
AUTO = -1


def _size(text: str) -> int:
    """'5GB', '800 MB', '1.5g' -> bytes; 'auto' -> AUTO."""
    if text.strip().lower() == "auto":
        return AUTO
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    if not match or match[2].lower() not in _UNITS:
        raise argparse.ArgumentTypeError(t("not a size: {text} (try 5GB or 800MB)",
                                           text=repr(text)))
    return int(float(match[1]) * _UNITS[match[2].lower()])


def _human(size: int) -> str:
    for unit, factor in (("TB", 1000 ** 4), ("GB", 1000 ** 3), ("MB", 1000 ** 2)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return t("{size} bytes", size=f"{size:,}")


def _check_word(verified: bool | None) -> str:
    """A backup's integrity check as the list shows it."""
    return {True: t("verified"), False: t("FAILED"), None: t("unchecked")}[verified]


def _reason_word(reason: str) -> str:
    """Why a backup was made (its code in English, as the list always showed it)."""
    if language() == ENGLISH:
        return reason
    return {"manual": t("manual"), "daily": t("daily"), "migration": t("migration"),
            "import": t("before import"), "restore": t("before restore"),
            "replaced": t("replaced")}.get(reason, reason)


def run_backup(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        backups_of = book.backups
        settings_only = args.list is False and args.output is None
        if args.keep_daily is not None or args.keep_weekly is not None:
            daily, weekly = backups_of.policy()
            backups_of.set_policy(daily if args.keep_daily is None else args.keep_daily,
                                  weekly if args.keep_weekly is None else args.keep_weekly)
            daily, weekly = backups_of.policy()
            print(t("Keeping {daily} daily and {weekly} weekly automatic backups.",
                    daily=daily, weekly=weekly))
        if args.max_size is not None:
            backups_of.set_budget(None if args.max_size == AUTO else args.max_size)
            print(t("The backup folder may take {size}.", size=_human(backups_of.budget())))
        if settings_only and (args.keep_daily is not None or args.keep_weekly is not None
                              or args.max_size is not None):
            return 0
        if args.list:
            backups = backups_of.listed()
            if args.json:
                json.dump([{"path": str(b.path), "created": b.created.isoformat(),
                            "reason": b.reason, "size": b.size, "compressed": b.compressed,
                            "verified": b.verified, "sha256": b.sha256} for b in backups],
                          sys.stdout, indent=2)
                print()
            else:
                for b in backups:
                    print(f"{b.created:%Y-%m-%d %H:%M:%S}  {pad(_reason_word(b.reason), 9)} "
                          f"{b.size:>14,}  {pad(_check_word(b.verified), 10)} {b.path}")
                if not backups:
                    print(t("No backups yet."))
            return 0
        if args.output is not None and args.output.exists():
            raise UserError(t("{path} already exists; choose a new file name",
                              path=args.output))
        started = time.perf_counter()
        info = backups_of.make("manual", target=args.output)
    elapsed = time.perf_counter() - started
    print(t("Backed up to {path} ({size} bytes, integrity checked) in {seconds} s.",
            path=info.path, size=f"{info.size:,}", seconds=f"{elapsed:.1f}"))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from storage.book import default_path, restore

    target = Path(args.db) if args.db else default_path()
    if not args.file.is_file():
        raise UserError(t("{path} does not exist", path=args.file))
    others = presence.holders(target) if target.exists() else []
    if others:
        raise UserError(t("{path} is open in KeyPlan (process {pid}); close it before "
                          "restoring", path=target, pid=others[0].pid))
    started = time.perf_counter()
    kept = restore(target, args.file)
    elapsed = time.perf_counter() - started
    if kept is None:
        print(t("Restored {path} from {file} in {seconds} s.", path=target, file=args.file,
                seconds=f"{elapsed:.1f}"))
    else:
        print(t("Restored {path} from {file} in {seconds} s; the replaced book is kept as "
                "{kept}.", path=target, file=args.file, seconds=f"{elapsed:.1f}", kept=kept))
    return 0


def run_check(args: argparse.Namespace) -> int:
    """The whole file through SQLite's integrity check (read-only); ``--quick`` skips the
    comparison of indexes with their rows. A damaged book exits 1 with its first problem and
    the command that restores the newest good backup."""
    from storage.book import check, default_path

    path = Path(args.db) if args.db else default_path()
    if not path.exists():
        raise UserError(t("{path} does not exist", path=path))
    result = check(path, quick=args.quick)
    name = t("quick check") if result.quick else t("integrity check")
    if not result.ok:
        more = len(result.problems) - 1
        detail = result.problems[0].splitlines()[0] if result.problems[0] else "?"
        if more:
            detail += t("; {count} more problems", count=more) if more > 1 \
                else t("; 1 more problem")
        raise CorruptDatabaseError(str(path), detail=f"{name}: {detail}")
    print(t("{path}: {check} passed in {seconds} s.", path=path, check=name,
            seconds=f"{result.seconds:.1f}"))
    return 0
