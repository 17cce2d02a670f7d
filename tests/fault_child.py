"""Child process of the fault-injection tests: a record edit, or a fork server for commands.

``edit BOOK SEED`` changes one customer through the Python API, the way the desktop app's
tasks do (a StorageError, or an SQLite error turned into one, is one ``keyplan: error:`` line
and exit code 1; anything else is a traceback).

``serve SHIM`` imports KeyPlan once, prints ``ready``, then reads one JSON request a line:
``{"argv": [...], "env": {...}, "out": PATH, "err": PATH}`` (or ``"edit": [BOOK, SEED]``
instead of ``argv``). For each it forks a child that takes ``env`` into its environment,
re-reads the fault shim's settings (the shim is in LD_PRELOAD of this whole process), sends
its stdout and stderr to the two files and runs ``main.main(argv)`` exactly as ``main.py``
does. The server answers ``{"pid": N}`` at once and ``{"status": S, "calls": C,
"failed": F}`` when the child has ended (S is the exit code, or minus the signal). A forked
child starts in ~50 ms where a fresh interpreter takes ~1 s to import KeyPlan, which is what
lets the tests run hundreds of rounds.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import sqlite3
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any

from models.entities import Customer
from storage.connection import classify
from storage.database import Database
from storage.errors import StorageError


def edit(path: str, seed: int) -> int:
    """Change the first customer's owner, city and notes in one update."""
    try:
        with Database(path) as db:
            first = db.get(Customer, db.list_customers().rows[0].id)
            db.update(replace(first, owner=f"owner-{seed}", city=f"city-{seed}",
                              notes=f"note {seed}\n" * 200))
    except sqlite3.Error as error:
        classified = classify(error, Path(path))
        if not isinstance(classified, StorageError):
            raise
        print(f"keyplan: error: {classified}", file=sys.stderr)
        return 1
    except StorageError as error:
        print(f"keyplan: error: {error}", file=sys.stderr)
        return 1
    return 0


def _exit_code(error: SystemExit) -> int:
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code
    print(error.code, file=sys.stderr)
    return 1


def _child(request: dict[str, Any], shim: ctypes.CDLL) -> int:
    """The forked process's work; returns its exit code, never raises."""
    code = 1
    try:
        os.environ.update(request["env"])
        shim.keyplan_fault_configure()
        for fd, name in ((1, "out"), (2, "err")):
            target = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        if "edit" in request:
            code = edit(request["edit"][0], int(request["edit"][1]))
        else:
            import main

            code = main.main(request["argv"])
    except SystemExit as error:
        code = _exit_code(error)
    except BaseException:  # printed as the interpreter prints an uncaught exception
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe must not hide the exit code
            stream.flush()
    return code


#: Imported by commands only when they run; imported here once so that no child pays for them.
WARM_MODULES = ("importlib.metadata", "numpy.random", "pypinyin", "storage.demo",
                "storage.importer", "_strptime")


def _warm_up() -> None:
    """Import what the commands need before the first fork (only a matter of speed)."""
    import importlib

    import main  # noqa: F401
    from ui.cli.app import build_parser

    build_parser()  # the chart command's registration imports matplotlib
    for name in WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def serve(shim_path: str) -> None:
    shim = ctypes.CDLL(shim_path)
    shim.keyplan_fault_calls.restype = ctypes.c_long
    shim.keyplan_fault_failed.restype = ctypes.c_long
    _warm_up()
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        counts = Path(request["err"] + ".calls")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = _child(request, shim)
            # os._exit skips the shim's own report at exit: record its counters here.
            counts.write_text(f"{shim.keyplan_fault_calls()} {shim.keyplan_fault_failed()}\n")
            os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _pid, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        calls, failed = (int(n) for n in counts.read_text().split()) if counts.exists() \
            else (-1, -1)
        counts.unlink(missing_ok=True)
        print(json.dumps({"status": code, "calls": calls, "failed": failed}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "edit":
        sys.exit(edit(sys.argv[2], int(sys.argv[3])))
    elif sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        raise SystemExit(f"unknown mode {sys.argv[1]}")
