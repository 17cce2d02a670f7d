"""Run KeyPlan commands under the fault shim: forked from a prepared server, or fresh."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import queue
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent.parent
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Fault:
    """Which writes fail, and how (see fault_shim.c). ``after=0`` only counts the calls."""

    match: str = ""
    after: int = 0
    after_syncs: int = 0  # or: from the first write after this many syncs
    error: int = errno.ENOSPC
    mode: str = "sticky"  # or "once"
    sync: bool = False  # fsync and fdatasync count (and fail) too
    skip: str = ""  # paths also containing this are left alone
    trace: str = ""  # file that gets one line per matching call

    def env(self) -> dict[str, str]:
        return {"KEYPLAN_FAULT_MATCH": self.match, "KEYPLAN_FAULT_AFTER": str(self.after),
                "KEYPLAN_FAULT_AFTER_SYNCS": str(self.after_syncs),
                "KEYPLAN_FAULT_ERRNO": str(self.error), "KEYPLAN_FAULT_MODE": self.mode,
                "KEYPLAN_FAULT_SYNC": "1" if self.sync else "0",
                "KEYPLAN_FAULT_SKIP": self.skip, "KEYPLAN_FAULT_TRACE": self.trace}


NO_FAULT = Fault()


@dataclass(frozen=True)
class Outcome:
    status: int  # exit code, or minus the signal that ended the process
    stdout: str
    stderr: str
    calls: int  # matching write calls the shim saw (-1: unknown, e.g. killed)
    failed: int  # of which it failed


def base_env(shim: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"LD_PRELOAD": str(shim), "QT_QPA_PLATFORM": "offscreen", "MPLBACKEND": "Agg",
                "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)})
    return env


class ForkServer:
    """A ``tests.fault_child serve`` process: KeyPlan imported once, one fork per command."""

    def __init__(self, shim: Path, io_folder: Path) -> None:
        self.io_folder = io_folder
        self._names = count()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fault_child", "serve", str(shim)], cwd=ROOT,
            env={**base_env(shim), **NO_FAULT.env()}, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True)

    def wait_ready(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line == "ready", f"the fork server did not start: {line!r}"

    def run(self, argv: list[str] | None = None, fault: Fault = NO_FAULT, *,
            edit: tuple[Path, int] | None = None,
            kill_after: float | None = None) -> Outcome:
        """Run ``keyplan ARGV`` (or the API edit) in a forked child; with ``kill_after``,
        SIGKILL it that many seconds after the fork."""
        assert self.process.stdin is not None and self.process.stdout is not None
        name = self.io_folder / f"{os.getpid()}-{id(self)}-{next(self._names)}"
        out, err = Path(f"{name}.out"), Path(f"{name}.err")
        request: dict[str, object] = {"env": fault.env(), "out": str(out), "err": str(err)}
        if edit is not None:
            request["edit"] = [str(edit[0]), edit[1]]
        else:
            request["argv"] = argv or []
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        pid = int(json.loads(self.process.stdout.readline())["pid"])
        if kill_after is not None:
            time.sleep(kill_after)
            with contextlib.suppress(ProcessLookupError):  # it had already finished
                os.kill(pid, signal.SIGKILL)
        ended = json.loads(self.process.stdout.readline())
        outcome = Outcome(int(ended["status"]), _read(out), _read(err), int(ended["calls"]),
                          int(ended["failed"]))
        out.unlink(missing_ok=True)
        err.unlink(missing_ok=True)
        return outcome

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


@contextmanager
def fork_servers(shim: Path, io_folder: Path, how_many: int) -> Iterator[list[ForkServer]]:
    servers = [ForkServer(shim, io_folder) for _ in range(how_many)]
    try:
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.close()


def run_fresh(shim: Path, io_folder: Path, argv: list[str], fault: Fault = NO_FAULT, *,
              edit: tuple[Path, int] | None = None) -> Outcome:
    """The same in a new interpreter (``python main.py ARGV``), as a user starts KeyPlan."""
    counts = io_folder / f"fresh-{os.getpid()}-{time.monotonic_ns()}.calls"
    command = [sys.executable, str(ROOT / "main.py"), *argv] if edit is None else \
        [sys.executable, "-m", "tests.fault_child", "edit", str(edit[0]), str(edit[1])]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**base_env(shim), **fault.env(),
                               "KEYPLAN_FAULT_COUNT_FILE": str(counts)})
    calls, failed = (int(n) for n in counts.read_text().split()) if counts.exists() else (-1, -1)
    counts.unlink(missing_ok=True)
    return Outcome(done.returncode, done.stdout, done.stderr, calls, failed)


def on_servers(servers: list[ForkServer], work: Callable[[ForkServer, T], R],
               items: Iterable[T]) -> list[R]:
    """``work(server, item)`` for every item, each server running one item at a time."""
    free: queue.Queue[ForkServer] = queue.Queue()
    for server in servers:
        free.put(server)

    def one(item: T) -> R:
        server = free.get()
        try:
            return work(server, item)
        finally:
            free.put(server)

    with ThreadPoolExecutor(max_workers=len(servers)) as pool:
        return list(pool.map(one, items))
