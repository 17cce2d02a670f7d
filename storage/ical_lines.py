"""A lean writer of iCalendar (RFC 5545) content lines: TEXT escaping and folding at 75
octets on UTF-8 character boundaries, for the bulk of a large calendar export.

The ``icalendar`` library writes the rest of the calendar and is the reference: the tests
parse exports with it and compare every event with what icalendar's own object model writes.
Escaping (3.3.11) puts a backslash before ``\\ ; ,`` and writes any line break (CRLF, LF or a
lone CR) as ``\\n``; unlike icalendar 7 it keeps a literal ``\\N`` in the user's text as it
is (icalendar turns it into a line break first). Folding (3.1) cuts a line into pieces of at
most 74 octets, the continuations after CRLF and a space (75 octets), never inside a UTF-8
character nor right after a backslash (an escape stays on one line), as icalendar folds.
"""

from __future__ import annotations

import re

CRLF = b"\r\n"
#: One piece of a folded line: up to 74 octets that end on a character boundary (the next
#: octet is no UTF-8 continuation byte) and not on a backslash; a line of 74 backslashes
#: or more is cut anywhere (unfolding joins it back all the same).
_PIECE = re.compile(rb"(?s).{1,74}(?![\x80-\xbf])(?<!\\)|.{1,74}(?![\x80-\xbf])")
#: Joins a column of values escaped in one call (a control character text fields do not
#: hold: a column holding it is escaped value by value).
_SEPARATOR = "\x1f"
_SPECIAL = ("\\", ";", ",", "\n", "\r")


def escape(text: str) -> str:
    """``text`` as an RFC 5545 TEXT value."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def escape_all(values: list[str]) -> list[str]:
    """Each of ``values`` escaped, in one call over all of them (a call per value costs a
    tenth of a second over a large export's 100,000 names)."""
    if not values:
        return []
    joined = _SEPARATOR.join(values)
    if not any(special in joined for special in _SPECIAL):
        return values
    if joined.count(_SEPARATOR) != len(values) - 1:  # a value holds it: one by one
        return [escape(value) for value in values]
    return escape(joined).split(_SEPARATOR)


def fold(line: bytes) -> bytes:
    """A content line (UTF-8, no line end) folded to lines of at most 75 octets."""
    if len(line) <= 75:
        return line
    return b"\r\n ".join(_PIECE.findall(line))


def fold_text(line: str) -> str:
    """:func:`fold` of a line given as text."""
    return fold(line.encode("utf-8")).decode("utf-8")


def text_line(name: str, value: str) -> bytes:
    """A TEXT property's content line, escaped and folded, with its line end."""
    return fold(f"{name}:{escape(value)}".encode()) + CRLF
