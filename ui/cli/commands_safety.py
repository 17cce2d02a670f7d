"""Subcommands that keep the book safe: ``backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path

from storage import presence
from storage.backup import list_backups, restore_backup, verify_backup
from storage.connection import check_file
from storage.database import Database, default_path
from storage.errors import CorruptDatabaseError
from ui.cli.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = subparsers.add_parser(
        "backup", help="back up the database (SQLite online backup)",
        description="Back up the book into its backup folder (or to FILE), list the backups, "
                    "or set how many automatic backups are kept.")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the backup to FILE (must not exist)")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.add_argument("--keep-daily", type=int, metavar="N",
                        help="keep the newest automatic backup of each of the last N days")
    backup.add_argument("--keep-weekly", type=int, metavar="N",
                        help="keep the newest automatic backup of each of the last N weeks")
    backup.add_argument("--json", action="store_true", help="print JSON")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the database with a checked backup",
        description="Check FILE's integrity, keep the current book in the backup folder, then "
                    "put FILE in its place. Close KeyPlan windows on this book first.")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=run_restore)

    check = subparsers.add_parser("check", help="check the database file for damage")
    check.add_argument("--full", action="store_true",
                       help="PRAGMA integrity_check (slower) instead of quick_check")
    check.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace) -> int:
    with Database(args.db) as db:
        if args.keep_daily is not None or args.keep_weekly is not None:
            daily, weekly = db.backup_policy()
            db.set_backup_policy(daily if args.keep_daily is None else args.keep_daily,
                                 weekly if args.keep_weekly is None else args.keep_weekly)
            print("Keeping {} daily and {} weekly automatic backups.".format(*db.backup_policy()))
            if not args.list and args.output is None:
                return 0
        if args.list:
            backups = list_backups(db.path)
            if args.json:
                json.dump([{"path": str(b.path), "created": b.created.isoformat(),
                            "reason": b.reason, "size": b.size} for b in backups],
                          sys.stdout, indent=2)
                print()
            else:
                for b in backups:
                    print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.reason:<9} {b.size:>14,}  {b.path}")
                if not backups:
                    print("No backups yet.")
            return 0
        if args.output is not None and args.output.exists():
            raise UserError(f"{args.output} already exists; choose a new file name")
        started = time.perf_counter()
        info = db.backup("manual", target=args.output)
    elapsed = time.perf_counter() - started
    print(f"Backed up to {info.path} ({info.size:,} bytes) in {elapsed:.1f} s.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    target = Path(args.db) if args.db else default_path()
    if not args.file.is_file():
        raise UserError(f"{args.file} does not exist")
    others = presence.holders(target) if target.exists() else []
    if others:
        raise UserError(f"{target} is open in KeyPlan (process {others[0].pid}); close it "
                        "before restoring")
    started = time.perf_counter()
    kept = restore_backup(target, args.file)
    elapsed = time.perf_counter() - started
    print(f"Restored {target} from {args.file} in {elapsed:.1f} s; the replaced book is kept "
          f"as {kept}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = Path(args.db) if args.db else default_path()
    if not check_file(path):
        raise UserError(f"{path} does not exist")
    if args.full:
        verify_backup(path)  # the full check a restore runs: integrity, ours, not newer
        print(f"{path}: integrity check passed.")
        return 0
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(str(path), detail=str(error)) from error
    finally:
        conn.close()
    if result != "ok":
        raise CorruptDatabaseError(str(path), detail=result)
    print(f"{path}: quick check passed.")
    return 0
