"""Hybrid logical clocks: the order of writes across devices whose clocks disagree.

A clock reads ``0001767225600000-000003-<device>``: milliseconds since 1970 (13 digits), a
counter (6 digits) and the device id, so that text order is time order and two devices never
tie. The physical part never goes back, even when the computer's clock does (the counter
counts on instead), and it moves past every clock received from a peer, so a write made after
receiving a change is always later than it. The clock lives in the book (``sync_device``) and
is moved inside the write's own transaction: every process writing the book shares it.

A field never written since its record was made has its record's *base* clock: the
milliseconds of ``created_at`` with counter 0 and no device, which every device works out
alike from the row itself (bulk imports write no clock rows at all).

**Skew.** A computer whose date is wrong by days would stamp writes that win every merge
until the world catches up. So a clock received is never followed more than
:data:`MAX_SKEW_MS` past this computer's own (one bad clock does not drag the team's along),
and a packet stamped further ahead than that waits, unmerged, until it is not (the pull
says which member: :data:`AHEAD`); once merged its writes compete as any others.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

from models.validation import tr_noop

MS_DIGITS = 13
COUNTER_DIGITS = 6
MAX_COUNTER = 10 ** COUNTER_DIGITS - 1
#: Below every real clock: a setting never synced, a record with no usable created_at.
ZERO = "0" * MS_DIGITS + "-" + "0" * COUNTER_DIGITS + "-"
#: How far ahead of this computer's clock a received clock may be.
MAX_SKEW_MS = 24 * 3600 * 1000
AHEAD = tr_noop("The clock of the computer of {device} is more than a day ahead of this "
                "computer's: its changes wait until the clocks agree. Check the date and time "
                "on both computers.")

_STAMP_SQL = """
UPDATE sync_device SET
    clock_counter = CASE WHEN clock_ms >= :now THEN clock_counter + 1 ELSE 0 END,
    clock_ms = max(clock_ms, :now)
RETURNING clock_ms, clock_counter, device
"""
_CARRY_SQL = ("UPDATE sync_device SET clock_ms = clock_ms + 1, clock_counter = 0 "
              "RETURNING clock_ms, clock_counter, device")


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def format_hlc(ms: int, counter: int, device: str) -> str:
    return f"{ms:0{MS_DIGITS}d}-{counter:0{COUNTER_DIGITS}d}-{device}"


def parse_hlc(text: str) -> tuple[int, int, str]:
    """(milliseconds, counter, device) of a clock; ValueError when it is not one."""
    ms, counter, device = text[:MS_DIGITS], text[MS_DIGITS + 1:MS_DIGITS + 1 + COUNTER_DIGITS], \
        text[MS_DIGITS + 2 + COUNTER_DIGITS:]
    if len(text) < len(ZERO) or text[MS_DIGITS] != "-" \
            or text[MS_DIGITS + 1 + COUNTER_DIGITS] != "-" \
            or not ms.isdigit() or not counter.isdigit():
        raise ValueError(f"not a clock: {text!r}")
    return int(ms), int(counter), device


def stamp(conn: sqlite3.Connection) -> str:
    """The next clock of this book (call inside the write's transaction)."""
    ms, counter, device = conn.execute(_STAMP_SQL, {"now": now_ms()}).fetchone()
    if counter > MAX_COUNTER:  # a million writes in one millisecond, or a clock far back
        ms, counter, device = conn.execute(_CARRY_SQL).fetchone()
    return format_hlc(ms, counter, device)


def observe(conn: sqlite3.Connection, seen: str) -> None:
    """Move this book's clock past ``seen`` (the latest clock of a packet just applied), but
    never more than :data:`MAX_SKEW_MS` past this computer's clock."""
    ms, counter, _device = parse_hlc(seen)
    limit = now_ms() + MAX_SKEW_MS
    if ms > limit:
        ms, counter = limit, 0
    conn.execute("UPDATE sync_device SET clock_ms = :ms, clock_counter = :counter "
                 "WHERE clock_ms < :ms OR (clock_ms = :ms AND clock_counter < :counter)",
                 {"ms": ms, "counter": min(counter, MAX_COUNTER)})


def too_far_ahead(hlc: str) -> bool:
    """Whether a clock is more than :data:`MAX_SKEW_MS` ahead of this computer's."""
    try:
        ms = parse_hlc(hlc)[0]
    except ValueError:
        return False
    return ms > now_ms() + MAX_SKEW_MS


def base_clock(created_at: str | None) -> str:
    """The clock of a field never written since its record was made (a time without an
    offset is read as UTC, so that every device works out the same clock)."""
    if not created_at:
        return ZERO
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return ZERO
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    ms = min(max(0, int(moment.timestamp() * 1000)), 10 ** MS_DIGITS - 1)
    return format_hlc(ms, 0, "")
