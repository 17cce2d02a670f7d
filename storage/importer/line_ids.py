"""Ids of the sales lines an import adds: version-7 UUIDs (RFC 9562), in ascending order.

The id is ``transactions``' primary key. Random (version 4) ids land all over that key's
B-tree, each on a page of its own: a million of them cost SQLite about 4 s of CPU more than ids
that each come after the one before, which go to the end of the index. A version-7 id starts
with the time in milliseconds, then (here) bits fixed for the import, a counter started at a
random value and one random byte, so the ids of one import ascend strictly and ids made later
sort after them. Every other record keeps its random version-4 id; both are the usual
8-4-4-4-12 text.
"""

from __future__ import annotations

import os
import time
from operator import methodcaller

#: Where the 32 hex digits of an id go among its 36 characters (8-4-4-4-12).
_HEX_PLACES = [place for place in range(36) if place not in (8, 13, 18, 23)]
_COUNTER_BYTES = methodcaller("to_bytes", 6, "big")


class LineIds:
    """One import's ids: bytes 0-5 the time in ms (never going back), 6-8 the version, the
    variant and 18 random bits fixed for the import, 9-14 a 48-bit counter, 15 random."""

    def __init__(self) -> None:
        seed = os.urandom(9)
        self._fixed = bytes([0x70 | seed[0] & 0x0F, seed[1], 0x80 | seed[2] & 0x3F])
        self._counter = int.from_bytes(seed[3:9], "big") >> 2  # room for 2**46 more ids
        self._millis = 0

    def take(self, count: int) -> list[str]:
        """The next ``count`` ids, ascending, each after every id taken before."""
        if count <= 0:
            return []
        self._millis = max(self._millis, time.time_ns() // 1_000_000)
        head = self._millis.to_bytes(6, "big") + self._fixed
        raw = bytearray(os.urandom(16 * count))  # byte 15 stays random
        for place, value in enumerate(head):
            raw[place::16] = bytes([value]) * count
        counters = b"".join(map(_COUNTER_BYTES, range(self._counter,
                                                      self._counter + count)))
        self._counter += count
        for place in range(6):
            raw[9 + place::16] = counters[place::6]
        return _texts(raw, count)


def _texts(raw: bytearray, count: int) -> list[str]:
    """16 bytes an id -> their 8-4-4-4-12 hex texts, with byte-slice operations in C."""
    digits = raw.hex().encode("ascii")
    text = bytearray(b"-" * (37 * count))  # 36 characters and a line break an id
    text[36::37] = b"\n" * count
    for digit, place in enumerate(_HEX_PLACES):
        text[place::37] = digits[digit::32]
    return text[:-1].decode("ascii").split("\n")
