"""A full or failing disk, a locked book, a killed backup: the book is never damaged or half-done.

Issue 13. Real KeyPlan commands run with an LD_PRELOAD shim (tests/faults/fault_shim.c) that
fails their writes in the book's folder from a random call on (ENOSPC, EIO) or once (EIO).
After every round the book must pass integrity_check and hold exactly the data it held before
the command or exactly what the finished command gives; the user must get one
``keyplan: error:`` line (exit code 1, no traceback) that names the real problem; and the same
command run again without the fault must succeed. Rounds run in children forked from a server
that has imported KeyPlan once (tests/fault_child.py); the first round of every case runs in a
fresh interpreter, as a user starts KeyPlan. ``pytest -s`` prints one summary line per case.
"""

from __future__ import annotations

import errno
import hashlib
import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storage.database import Database
from storage.demo import generate_demo
from tests.conftest import DEMO_ANCHOR
from tests.faults.build import ShimUnavailable, build_shim
from tests.faults.runner import (
    NO_FAULT,
    ROOT,
    Fault,
    ForkServer,
    Outcome,
    base_env,
    fork_servers,
    on_servers,
    run_fresh,
)

ENOSPC_ROUNDS = 12  # per operation: a full disk from a random write on
EIO_ONCE_ROUNDS = 8  # per operation: one failed write or sync
EIO_STICKY_ROUNDS = 8  # per operation: every write and sync fails from a random one on
BACKUP_KILLS = 15
IMPORT_LINES = 2_000
SERVERS = 2  # rounds run two at a time (the suite's machines have two cores)

OPERATIONS = ("import", "score", "demo", "edit")
KINDS = {  # name: (errno, mode, rounds)
    "enospc": (errno.ENOSPC, "sticky", ENOSPC_ROUNDS),
    "eio-once": (errno.EIO, "once", EIO_ONCE_ROUNDS),
    "eio-sticky": (errno.EIO, "sticky", EIO_STICKY_ROUNDS),
}
#: Cases that show a product bug, with the bug (remove a mark once it is fixed). Fixed so far:
#: import and score each committed in two transactions (lines, then the rescore; scores, then
#: the snapshot), so a failure in the second left half a change behind "nothing was written".
KNOWN_BUGS: dict[tuple[str, str], str] = {}

FULL_WORDS = ("full",)
FAILING_WORDS = ("failed to read or write",)
NEVER_WORDS = ("damaged",)
NOT_LOCKED_WORDS = ("in use by another program", "locked")
IN_USE_WORDS = ("in use by another program",)


# --- the book and its state -------------------------------------------------------------

#: Order-free (ids and insertion order may differ between two runs of the same import).
FINGERPRINT_SQL = (
    "SELECT count(*), group_concat(row, ';') FROM (SELECT code || '|' || name || '|' || "
    "ifnull(owner, '') || '|' || ifnull(city, '') || '|' || length(ifnull(notes, '')) AS row "
    "FROM customers ORDER BY row)",
    "SELECT count(*), sum(CAST(round(amount * 100) AS INTEGER)), "
    "sum(CAST(round(ifnull(profit, 0) * 100) AS INTEGER)), group_concat(reference, '') "
    "FROM (SELECT amount, profit, reference FROM transactions ORDER BY reference, date, amount)",
    "SELECT count(*), count(DISTINCT computed_at), group_concat(row, ';') FROM (SELECT "
    "computed_at, c.code || m.as_of || m.tier || round(m.score, 6) || m.revenue_12m AS row "
    "FROM customer_metrics m JOIN customers c ON c.id = m.customer_id ORDER BY row)",
    "SELECT count(*), count(DISTINCT period), count(DISTINCT computed_at) FROM score_snapshots",
    "SELECT count(*) FROM snapshot_summaries",
    "SELECT count(*), count(DISTINCT change_id), group_concat(action, '') FROM "
    "(SELECT change_id, action FROM change_log ORDER BY action)",
    "SELECT group_concat(key, ',') FROM (SELECT key FROM settings ORDER BY key)",
    "SELECT count(*) FROM contacts", "SELECT count(*) FROM interactions",
    "SELECT count(*) FROM needs", "SELECT count(*) FROM assessments",
)


class DamagedBook(Exception):
    """integrity_check did not say ok (or SQLite could not read the file at all)."""


def fingerprint(book: Path, scratch: Path) -> tuple[object, ...]:
    """The user data, change log and derived figures that must be all-before or all-after.

    Read from a copy of the book and its WAL, as the next start would see them, so that this
    look leaves the round's own files (a leftover WAL) for the next command to deal with."""
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / "look.db"
    for suffix in ("", "-wal"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
        if Path(f"{book}{suffix}").exists():
            shutil.copyfile(f"{book}{suffix}", f"{copy}{suffix}")
    conn = sqlite3.connect(copy)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise DamagedBook(str(result[:3]))
        return tuple(conn.execute(sql).fetchone() for sql in FINGERPRINT_SQL)
    except sqlite3.OperationalError:
        raise  # this test's own query is wrong
    except sqlite3.DatabaseError as error:
        raise DamagedBook(str(error)) from error
    finally:
        conn.close()


def differences(state: tuple[object, ...], before: tuple[object, ...],
                after: tuple[object, ...]) -> str:
    """Which parts of a state are the old ones, the new ones, or neither."""
    parts = []
    for sql, now, old, new in zip(FINGERPRINT_SQL, state, before, after, strict=True):
        table = sql.split(" FROM ")[-1].split()[0].strip("()")
        word = "old" if now == old else "new" if now == new else f"neither {str(now)[:60]}"
        if old != new:
            parts.append(f"{table}: {word}")
    return "; ".join(parts)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def transactions_csv(path: Path, lines: int, customers: int) -> Path:
    """A transactions file in the import format (Chinese headers, customer codes)."""
    rows = ["客户编号,客户名称,日期,金额,毛利,到期日,付款日,单号"]
    rng = random.Random(13)
    for n in range(lines):
        rows.append(f"C{rng.randint(1, customers):06d},,2026-{rng.randint(1, 6):02d}-"
                    f"{rng.randint(1, 28):02d},{rng.randint(100, 99_999)}.{n % 100:02d},"
                    f"{rng.randint(0, 999)},,,FI-{n}")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


# --- fixtures -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        return build_shim(tmp_path_factory.mktemp("shim"))
    except ShimUnavailable as reason:
        pytest.skip(str(reason))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("faults").resolve()


@pytest.fixture(scope="module")
def servers(shim: Path, workspace: Path) -> Iterator[list[ForkServer]]:
    io_folder = workspace / "io"
    io_folder.mkdir()
    with fork_servers(shim, io_folder, SERVERS) as started:
        yield started


@dataclass
class Book:
    """The book every round starts from, the import file, and each operation's result."""

    path: Path
    csv: Path
    before: tuple[object, ...]
    after: dict[str, tuple[object, ...]] = field(default_factory=dict)
    #: (operation, errno): the calls the shim counts in a clean run with that kind's settings
    calls: dict[tuple[str, int], int] = field(default_factory=dict)


def argv(operation: str, book: Path, csv: Path) -> list[str]:
    commands = {
        "import": ["import", "transactions", str(csv)],
        "score": ["score", "--as-of", DEMO_ANCHOR.isoformat()],
        "demo": ["demo", "--customers", "50", "--seed", "9", "--anchor",
                 DEMO_ANCHOR.isoformat()],
    }
    return ["--db", str(book), *commands[operation]]


EDIT_SEED = 42


def run_operation(server: ForkServer, operation: str, book: Path, csv: Path,
                  fault: Fault = NO_FAULT) -> Outcome:
    if operation == "edit":
        return server.run(fault=fault, edit=(book, EDIT_SEED))
    return server.run(argv(operation, book, csv), fault)


def run_operation_fresh(shim: Path, io_folder: Path, operation: str, book: Path, csv: Path,
                        fault: Fault) -> Outcome:
    if operation == "edit":
        return run_fresh(shim, io_folder, [], fault, edit=(book, EDIT_SEED))
    return run_fresh(shim, io_folder, argv(operation, book, csv), fault)


def round_folder(workspace: Path, name: str, pristine: Path) -> Path:
    """A fresh folder holding a copy of the pristine book (and nothing else)."""
    folder = workspace / "rounds" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copyfile(pristine, folder / "book.db")
    return folder


def matching(folder: Path) -> str:
    return f"{folder}/"


@pytest.fixture(scope="module")
def book(servers: list[ForkServer], workspace: Path) -> Book:
    source = workspace / "pristine"
    source.mkdir()
    path = source / "book.db"
    with Database(path) as db:
        generate_demo(db, 200, seed=5, anchor=DEMO_ANCHOR)
    csv = transactions_csv(workspace / "tx.csv", IMPORT_LINES, 200)
    made = Book(path=path, csv=csv, before=fingerprint(path, workspace / "look-pristine"))

    def clean(server: ForkServer, job: tuple[str, int]) -> tuple[Outcome, tuple[object, ...]]:
        operation, error = job
        folder = round_folder(workspace, f"clean-{operation}-{error}", path)
        counting = random_fault(folder, 0, error, "sticky")
        outcome = run_operation(server, operation, folder / "book.db", csv, counting)
        state = fingerprint(folder / "book.db", folder / "look")
        shutil.rmtree(folder)
        return outcome, state

    jobs = [(operation, error) for operation in OPERATIONS for error in (errno.ENOSPC, errno.EIO)]
    for (operation, error), (outcome, state) in zip(jobs, on_servers(servers, clean, jobs),
                                                    strict=True):
        assert outcome.status == 0, f"{operation} fails without a fault: {outcome.stderr}"
        assert state != made.before, f"{operation} changed nothing"
        made.after[operation] = state
        made.calls[operation, error] = outcome.calls
    return made


# --- the checks -----------------------------------------------------------------------

def message_problems(kind: str, outcome: Outcome) -> list[str]:
    """What is wrong with how the command ended, if anything."""
    if "Traceback" in outcome.stderr:
        return [f"traceback: {outcome.stderr.strip().splitlines()[-1]}"]
    if outcome.status == 0:
        return []
    if outcome.status != 1:
        return [f"exit code {outcome.status}: {outcome.stderr.strip()[-300:]}"]
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    if len(lines) != 1 or not lines[0].startswith("keyplan: error: "):
        return [f"not one 'keyplan: error:' line: {lines}"]
    line = lines[0]
    words = re.sub(r"/\S+", "PATH", line)  # a folder's name must not pass for the message
    problems = [f"says {word!r}: {line}" for word in NEVER_WORDS if word in words]
    if kind == "enospc":
        problems += [f"a full disk called {word!r}: {line}" for word in NOT_LOCKED_WORDS
                     if word in words]
        wanted = FULL_WORDS
    else:
        wanted = FAILING_WORDS
    if not any(word in words for word in wanted):
        problems.append(f"does not say {wanted[0]!r}: {line}")
    return problems


@dataclass
class Tally:
    """What the rounds of one case came to."""

    rounds: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def survived(self) -> int:
        return self.rounds - len({p.split(":")[0] for p in self.problems})

    def line(self, name: str) -> str:
        return (f"{name}: {self.survived()}/{self.rounds} rounds survived "
                f"({', '.join(f'{k} {v}' for k, v in sorted(self.outcomes.items()))})")


#: Rounds that fail the WAL's writes from just after its Nth sync: 1 is the WAL header (the
#: first transaction fails), 2 the first commit (a command's second transaction fails).
COMMIT_BOUNDARIES = (1, 2)


def round_faults(kind: str, operation: str, folder: Path, calls: int
                 ) -> list[tuple[str, Fault]]:
    """The faults of one case: one at each commit boundary, then the random ones."""
    error, mode, rounds = KINDS[kind]
    faults = [(f"after WAL sync {k}", Fault(match=f"{folder}/book.db-wal", after_syncs=k,
                                            error=error, mode=mode)) for k in COMMIT_BOUNDARIES]
    for number in range(rounds):
        rng = random.Random(f"{kind}-{operation}-{number}")
        after = rng.randint(1, calls)
        faults.append((f"call {after} of {calls}", random_fault(folder, after, error, mode)))
    return faults


def random_fault(folder: Path, after: int, error: int, mode: str) -> Fault:
    """Every write in the book's folder counts (and, for EIO, every sync). A full disk skips
    the -shm file: its growth has a test of its own (test_a_full_disk_met_on_opening)."""
    return Fault(match=matching(folder), after=after, error=error, mode=mode,
                 sync=error == errno.EIO, skip="-shm" if error == errno.ENOSPC else "")


def fault_round(kind: str, operation: str, book: Book, workspace: Path, shim: Path,
                server: ForkServer, number: int) -> tuple[str, list[str]]:
    """One round: the faulted command, the checks, then the same command without a fault.
    Returns the outcome's name and the problems found (each starting 'round N')."""
    folder = workspace / "rounds" / f"{kind}-{operation}-{number}"
    calls = book.calls[operation, KINDS[kind][0]]
    label, fault = round_faults(kind, operation, folder, calls)[number]
    round_folder(workspace, folder.name, book.path)
    db = folder / "book.db"
    if number == len(COMMIT_BOUNDARIES):  # the first random round: as a user starts KeyPlan
        outcome = run_operation_fresh(shim, workspace / "io", operation, db, book.csv, fault)
    else:
        outcome = run_operation(server, operation, db, book.csv, fault)
    where = f"round {number} ({label})"
    problems = [f"{where}: {p}" for p in message_problems(kind, outcome)]
    after = book.after[operation]
    try:
        state = fingerprint(db, folder / "look")
    except DamagedBook as damage:
        shutil.rmtree(folder, ignore_errors=True)
        return "damaged", [*problems, f"{where}: the book is damaged: {damage}"]
    if state == book.before:
        name = "before"
        if outcome.status == 0:
            problems.append(f"{where}: exit code 0 but the change is not in the book")
    elif state == after:
        name = "after" if outcome.status == 0 else "after+error"
    else:
        name = "half-done"
        problems.append(f"{where}: the book holds neither the state before nor after "
                        f"({differences(state, book.before, after)})")
    if outcome.failed == 0:
        name += " (fault not reached)"

    later = run_operation(server, operation, db, book.csv)
    if later.status != 0:
        problems.append(f"{where}: the next normal run failed: {later.stderr.strip()[-300:]}")
    else:
        try:
            again = fingerprint(db, folder / "look")
        except DamagedBook as damage:
            problems.append(f"{where}: the next normal run left a damaged book: {damage}")
        else:
            if (name.startswith("before") or operation != "demo") and again != after:
                problems.append(f"{where}: the next normal run did not give the finished "
                                f"state ({differences(again, book.before, after)})")
    shutil.rmtree(folder, ignore_errors=True)
    return name, problems


def _cases() -> list[object]:
    cases: list[object] = []
    for kind in KINDS:
        for operation in OPERATIONS:
            bug = KNOWN_BUGS.get((kind, operation))
            marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
            cases.append(pytest.param(kind, operation, marks=marks, id=f"{kind}-{operation}"))
    return cases


@pytest.mark.parametrize(("kind", "operation"), _cases())
def test_writes_fail_at_random_points(kind: str, operation: str, book: Book,
                                      servers: list[ForkServer], workspace: Path,
                                      shim: Path) -> None:
    """Each round: the fault (at a commit boundary, then at random calls), the checks, and the
    same command again without it. Problems of all rounds are reported together."""
    rounds = len(COMMIT_BOUNDARIES) + KINDS[kind][2]
    tally = Tally()

    def one(server: ForkServer, number: int) -> tuple[str, list[str]]:
        return fault_round(kind, operation, book, workspace, shim, server, number)

    for name, problems in on_servers(servers, one, range(rounds)):
        tally.rounds += 1
        tally.outcomes[name] += 1
        tally.problems += problems
    print(tally.line(f"{kind} during {operation}"))
    assert not tally.problems, "\n".join(tally.problems[:12])


# --- a full disk met while the book is opened ------------------------------------------

# Fixed bug: ENOSPC met while SQLite grows the -shm file comes back as SQLITE_IOERR_SHMSIZE
# ('disk I/O error'), and was reported as a failing disk instead of a full one.


@pytest.mark.parametrize("operation", ["score", "edit"])
def test_a_full_disk_met_on_opening(operation: str, book: Book, servers: list[ForkServer],
                                    workspace: Path) -> None:
    """The disk is already full when the command starts: SQLite cannot grow the book's -shm
    file (the WAL index it creates on the first read), and the user must be told the disk is
    full, not that it is failing."""
    folder = round_folder(workspace, f"opening-{operation}", book.path)
    db = folder / "book.db"
    outcome = run_operation(servers[0], operation, db, book.csv,
                            Fault(match=f"{folder}/", after=1, error=errno.ENOSPC))
    assert outcome.failed > 0
    assert fingerprint(db, folder / "look") == book.before
    assert message_problems("enospc", outcome) == []
    assert outcome.status == 1
    shutil.rmtree(folder)


# --- a lock held by another program ---------------------------------------------------

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
conn.close()
"""


def test_a_book_locked_by_another_program(book: Book, workspace: Path, shim: Path) -> None:
    """Another program holds the book exclusively for longer than the busy timeout: info and
    score say it is in use, exit 1 without a traceback, and the file is byte-for-byte kept."""
    folder = round_folder(workspace, "locked", book.path)
    db = folder / "book.db"
    digest = sha256(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        commands = {name: subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), name], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**base_env(shim), **NO_FAULT.env()}) for name in ("info", "score")}
        ended = {name: (child.wait(timeout=60), *child.communicate())
                 for name, child in commands.items()}
        waited = time.monotonic() - started
    finally:
        holder.communicate(input="", timeout=30)
    for name, (status, _out, err) in ended.items():
        assert "Traceback" not in err, err
        assert status == 1, f"{name}: exit {status}: {err}"
        # The two commands run side by side, so each may note that the other has the book open.
        sibling = next(child.pid for other, child in commands.items() if other != name)
        lines = [line for line in err.strip().splitlines()
                 if not (line.startswith("keyplan: note:") and f"process {sibling} " in line)]
        assert len(lines) == 1 and lines[0].startswith("keyplan: error: "), lines
        words = re.sub(r"/\S+", "PATH", lines[0])
        assert any(word in words for word in IN_USE_WORDS), lines[0]
        assert "damaged" not in words and "full" not in words, lines[0]
    assert waited >= 4.5, f"gave up after {waited:.1f} s, before the 5 s busy timeout"
    assert sha256(db) == digest
    assert fingerprint(db, folder / "look") == book.before
    print(f"lock held: info and score refused cleanly after {waited:.1f} s; book unchanged")
    shutil.rmtree(folder)


# --- SIGKILL during a backup ----------------------------------------------------------

def restores_whole(server: ForkServer, backup: Path, book: Book, workspace: Path) -> list[str]:
    """Problems found restoring ``backup`` as a new book (restore checks it first)."""
    scratch = workspace / "restored"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    target = scratch / "book.db"
    done = server.run(["--db", str(target), "restore", str(backup)])
    if done.status != 0:
        return [f"a listed backup does not restore: {done.stderr.strip()}"]
    try:
        if fingerprint(target, scratch / "look") != book.before:
            return [f"a listed backup restores other data: {backup.name}"]
    except DamagedBook as damage:
        return [f"a listed backup restores a damaged book: {damage}"]
    return []


def test_sigkill_during_backup(book: Book, servers: list[ForkServer], workspace: Path) -> None:
    """A backup killed at random instants leaves the book as it was, lists no half-written
    backup, and the next backup succeeds."""
    server = servers[0]
    folder = round_folder(workspace, "backup-kills", book.path)
    db = folder / "book.db"
    digest = sha256(db)
    timing = []
    for _ in range(2):
        started = time.perf_counter()
        assert server.run(["--db", str(db), "backup"]).status == 0
        timing.append(time.perf_counter() - started)
    duration = min(timing)
    rng = random.Random("backup-kills")
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    sidecars: set[str] = set()  # see test_a_killed_backups_sqlite_files_are_cleaned_up
    for number in range(BACKUP_KILLS):
        instant = rng.uniform(0, duration * 1.2)
        killed = server.run(["--db", str(db), "backup"], kill_after=instant)
        where = f"kill {number} at {instant * 1000:.0f} ms"
        outcomes["killed" if killed.status < 0 else "finished"] += 1
        if sha256(db) != digest:
            problems.append(f"{where}: the book's file changed")
        try:
            if fingerprint(db, folder / "look") != book.before:
                problems.append(f"{where}: the book's data changed")
        except DamagedBook as damage:
            problems.append(f"{where}: the book is damaged: {damage}")
        listing = server.run(["--db", str(db), "backup", "--list", "--json"])
        if listing.status != 0:
            problems.append(f"{where}: backup --list failed: {listing.stderr.strip()}")
            continue
        for entry in json.loads(listing.stdout):
            listed = Path(entry["path"])
            if not listed.is_file() or ".partial" in listed.name:
                problems.append(f"{where}: a half-written backup is listed: {entry}")
            elif entry["verified"] is not True:
                # Killed between publishing the checked file and writing its record: the
                # file must still be whole, so restoring it must give the book.
                outcomes["unchecked backup listed (restores whole)"] += 1
                problems += [f"{where}: {p}" for p in restores_whole(server, listed, book,
                                                                      workspace)]
        following = server.run(["--db", str(db), "backup"])
        if following.status != 0:
            problems.append(f"{where}: the next backup failed: {following.stderr.strip()}")
        leftovers = [p.name for p in (folder / "backups").rglob("*.partial")]
        if leftovers:
            problems.append(f"{where}: the next backup left a dead writer's files: {leftovers}")
        sidecars.update(p.name.rsplit(".partial", 1)[1]
                        for p in (folder / "backups").rglob("*.partial-*"))
    print(f"SIGKILL during backup: {BACKUP_KILLS - len({p.split(':')[0] for p in problems})}"
          f"/{BACKUP_KILLS} kills survived ({dict(outcomes)}; a backup takes "
          f"{duration * 1000:.0f} ms; SQLite files left beside killed copies: "
          f"{sorted(sidecars) or 'none'})")
    assert not problems, "\n".join(problems[:12])
    shutil.rmtree(folder)


# Fixed bug: the -journal, -wal and -shm files SQLite leaves beside a killed backup's
# temporary copy stayed in backups/<stem>/ for good.


def test_a_killed_backups_sqlite_files_are_cleaned_up(book: Book, servers: list[ForkServer],
                                                      workspace: Path) -> None:
    """The files a backup killed during its copy leaves (the names SIGKILL leaves, made here
    for a writer that is surely gone) are removed by the next command that opens the book."""
    folder = round_folder(workspace, "leftovers", book.path)
    db = folder / "book.db"
    assert servers[0].run(["--db", str(db), "backup"]).status == 0
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    partial = (folder / "backups" / "book" /
               f".book-20261206-000000-000000-{dead.stdout.strip()}-1-manual.db.zst.copy."
               f"{dead.stdout.strip()}.partial")
    left = [Path(f"{partial}{suffix}") for suffix in ("", "-journal", "-wal", "-shm")]
    for path in left:
        path.write_bytes(b"\0" * 1024)
    assert servers[0].run(["--db", str(db), "backup"]).status == 0
    assert [path.name for path in left if path.exists()] == []
    shutil.rmtree(folder)
