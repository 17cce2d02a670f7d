"""Parse the command line and dispatch to a subcommand; no subcommand opens the desktop app.

Exit codes are part of the scripting contract: 0 success, 1 failure (one line on stderr, no
traceback, for anything the user can fix), 2 usage error.

Building the parser stays light: ``--version`` and ``--help`` load no Qt, matplotlib, openpyxl,
numpy or sqlite-utils; each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ui._version import __version__
from ui.cli import (
    commands_chart,
    commands_competition,
    commands_data,
    commands_gui,
    commands_io,
    commands_playbook,
    commands_safety,
    commands_score,
    commands_sync,
)
from ui.cli.console import make_console_safe
from ui.cli.errors import UserError
from ui.cli.help_format import HelpFormatter, install_argparse_words
from ui.cli.text import choose_language, language_in, storage_text, t, validation_text

if TYPE_CHECKING:
    from storage.errors import StorageError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

#: Read from :mod:`ui._version`, the only place it is written.
VERSION = __version__

#: Modules that add subcommands; each has ``register(subparsers)``.
COMMAND_MODULES = (commands_data, commands_score, commands_gui, commands_safety,
                   commands_chart, commands_io, commands_sync, commands_playbook,
                   commands_competition)


class _Parser(argparse.ArgumentParser):
    """Every parser and subparser: help wrapped for the language it is written in, usage
    errors in it too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, t("{prog}: error: {message}", prog=self.prog, message=message)
                  + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the language chosen before (``choose_language``)."""
    install_argparse_words()
    parser = _Parser(
        prog="keyplan",
        description=t("KeyPlan (客户经营计划): customer value and account planning on a local "
                      "SQLite book. Without a command, opens the desktop application."),
    )
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help=t("database file (default: keyplan.db in the user data folder)"))
    parser.add_argument("--version", action="version", version=f"KeyPlan {VERSION}",
                        help=t("show program's version number and exit"))
    parser.add_argument("--lang", dest="ui_lang", choices=("zh_CN", "en"), default=None,
                        help=t("language of the messages and of this help: zh_CN or en "
                               "(default: a command's own --lang, else $KEYPLAN_LANG, else "
                               "the system's)"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def run(argv: Sequence[str] | None = None,
        open_gui: Callable[[Path | None], int] | None = None) -> int:
    make_console_safe()  # a GBK console must not end a command on a character it lacks
    if not sys.warnoptions:  # a library's warnings are for developers, not for the user
        warnings.filterwarnings("ignore", module=r"(openpyxl|matplotlib|charset_normalizer)")
    argv = sys.argv[1:] if argv is None else list(argv)
    choose_language(language_in(argv))  # before the parser: its help is in that language
    parser = build_parser()
    args = parser.parse_args(argv)
    # A command's own --lang (of the file it writes) speaks for its messages too.
    choose_language(args.ui_lang or getattr(args, "lang", None))
    if args.command is None:
        if open_gui is None:
            from ui.gui.app import run_gui

            open_gui = run_gui
        return open_gui(args.db)
    import sqlite3

    from models.validation import ValidationError, ValidationErrors
    from storage import presence
    from storage.book import classify, os_error, shared_folder
    from storage.errors import StorageError

    book = Path(args.db) if args.db else _default_book()
    claimed = False
    try:
        if book is not None and book.is_file() and args.command != "restore":
            claimed = True
            service = shared_folder(book)
            if service is not None:
                print(t("keyplan: warning: this book is in a folder that {service} shares; two "
                        "computers writing one book file there damage it. Keep the book on "
                        "this computer (the window offers to copy it when it opens it); team "
                        "sync sends only change files through shared folders.",
                        service=service), file=sys.stderr)
            for holder in presence.claim(book, args.command):
                print(t("keyplan: note: this book is also open in KeyPlan ({app}, process "
                        "{pid} on {host}); both can keep working.", app=holder.app,
                        pid=holder.pid, host=holder.host), file=sys.stderr)
        return int(args.handler(args) or EXIT_OK)
    except StorageError as error:
        report_storage_error(error)
        return EXIT_FAILURE
    except sqlite3.Error as error:
        classified = classify(error, book or Path("keyplan.db"))
        if not isinstance(classified, StorageError):
            raise  # a bug: the traceback is what a report needs
        report_storage_error(classified)
        return EXIT_FAILURE
    except UserError as error:
        print(t("keyplan: error: {message}", message=error), file=sys.stderr)
        return EXIT_FAILURE
    except ValidationError as error:
        print(t("keyplan: error: {message}", message=validation_text(error)), file=sys.stderr)
        return EXIT_FAILURE
    except ValidationErrors as errors:
        message = "; ".join(validation_text(e) for e in errors.errors)
        print(t("keyplan: error: {message}", message=message), file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(t("keyplan: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        storage_error = os_error(error)
        if storage_error is None:
            raise
        report_storage_error(storage_error)
        return EXIT_FAILURE
    finally:
        if claimed and book is not None:
            presence.release(book)


def _default_book() -> Path | None:
    """The default book's path, without creating its folder (``--help`` must not)."""
    try:
        from storage.book import default_path

        return default_path()
    except OSError:
        return None


def report_storage_error(error: StorageError) -> None:
    """One line on stderr; for a damaged or missing book, a second with the command that
    restores its newest good backup."""
    from storage.book import restore_command
    from storage.errors import BookMissingError, CorruptDatabaseError

    print(t("keyplan: error: {message}", message=storage_text(error)), file=sys.stderr)
    if isinstance(error, CorruptDatabaseError | BookMissingError) and error.path:
        command = restore_command(Path(error.path))
        if command:
            print(t("keyplan: restore the newest good backup with: {command}",
                    command=command), file=sys.stderr)
