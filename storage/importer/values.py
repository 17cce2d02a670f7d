"""Reading cell values the way people type them: amounts, blank and total rows (dates:
:mod:`storage.importer.dates`)."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from typing import Any

from models.validation import MSG_NOT_FINITE, MSG_NOT_NUMBER, ValidationError

_CURRENCY = re.compile(r"(?i)^(?:rmb|cny|usd|eur|us\$|hk\$|[¥$€£])|(?:元|rmb|cny|usd|eur|[¥$€£])$")
_GROUPING = re.compile(r"(?<=\d)[,\s'](?=\d{3}(?:\D|$))")
_TOTAL_WORDS = frozenset({"合计", "总计", "小计", "共计", "总额", "合 计", "总 计", "total",
                          "subtotal", "sub total", "sub-total", "grand total", "sum", "totals"})
_TOTAL_FIRST = frozenset(word[0] for word in _TOTAL_WORDS)
#: What a total row's first cells can start with: a total word's first letter in any case
#: (the tests check every code point) or a space ``lstrip`` removes. Rows whose first cells
#: start otherwise need no closer look.
TOTAL_LEADS = frozenset(_TOTAL_FIRST | {c.upper() for c in _TOTAL_FIRST} | {"\u017f"}
                        | frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001"
                                    "\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                                    "\u2028\u2029\u202f\u205f\u3000"))
_BRACKETS = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
#: What exports and people write for "no value" (databases, Excel's errors and pivot tables,
#: pandas, an accountant's dash), casefolded after NFKC: read as an empty cell.
BLANK_MARKERS = frozenset({"null", "na", "n/a", "#n/a", "#na", "#null!", "nan", "-", "--",
                           "—", "——", "–", "空", "(空)", "(空白)", "(blank)", "无数据"})
_MARKER_FIRST = frozenset(word[0] for word in BLANK_MARKERS) | frozenset("NＮ－（")
#: No blank marker is longer: a longer text is never one.
MARKER_LONGEST = max(len(word) for word in BLANK_MARKERS)


def is_marker(text: str) -> bool:
    """Whether stripped ``text`` is a blank marker (NULL, N/A, #N/A, -, —, 空 ...)."""
    if not text or len(text) > MARKER_LONGEST or text[0] not in _MARKER_FIRST:
        return False
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.casefold() in BLANK_MARKERS


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without '.0' (codes and phone numbers read from Excel
    arrive as floats), dates as ISO, everything stripped, blank markers empty."""
    if type(value) is str:
        text = value.strip()
        # The first character rules out nearly every cell before a call.
        return "" if text and text[0] in _MARKER_FIRST and is_marker(text) else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != datetime.min.time() \
            else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def literal_text(value: Any) -> str:
    """A cell as text, as :func:`cell_text` reads it but for blank markers: "NA" stays "NA"
    (a workbook KeyPlan wrote holds the book's own text)."""
    if type(value) is str:
        return value.strip()
    return cell_text(value)


def is_empty(values: list[Any]) -> bool:
    """A row without any value (blank markers are values here)."""
    return all(value is None or (type(value) is str and not value.strip()) for value in values)


def is_blank(values: list[Any]) -> bool:
    """A row of empty cells (or blank markers only)."""
    for value in values:
        if value is None:
            continue
        if type(value) is not str:
            return False
        text = value.strip()
        if text and (text[0] not in _MARKER_FIRST or not is_marker(text)):
            return False
    return True


def data_rows(rows: list[tuple[int, list[Any]]], literal: bool = False,
              looked_at: tuple[int, ...] = (0, 1, 2, 3)) -> list[tuple[int, list[Any]]]:
    """The (number, values) rows that hold data: without blank rows (with ``literal``, only
    rows without any value are blank) and, unless ``literal``, without total rows.

    Only rows with a cell that could start a total word among the first four columns
    ``looked_at`` are checked closely. Leaving a column out is for a caller that refuses any
    row whose cell there is not a date or a number (a total word never is) and then checks
    that row itself: the others can hold no total word there."""
    if literal:
        return [row for row in rows if not is_empty(row[1])]
    try:  # a first cell that starts a value settles it (nearly every row): one look in C
        maybe = list(map(_BLANK_LEADS.__contains__, map(_LEAD, map(_FIRST_CELL, map(
            _VALUES, rows)))))
    except (IndexError, TypeError):  # an empty row, or a first cell that is no text
        kept = [row for row in rows if not is_blank(row[1])]
    else:
        kept = rows if True not in maybe else [
            row for row, blank in zip(rows, maybe, strict=True) if not (blank and is_blank(row[1]))]
    if _may_hold_totals(kept, looked_at):
        kept = [row for row in kept if not is_total_row(row[1])]
    return kept


_VALUES = itemgetter(1)
_FIRST_CELL = itemgetter(0)
_LEAD = itemgetter(slice(0, 1))
#: What a blank cell's text can start with (stripped, it is empty or a blank marker).
_BLANK_LEADS = frozenset(_MARKER_FIRST | {char for char in TOTAL_LEADS if char.isspace()} | {""})


def _may_hold_totals(rows: list[tuple[int, list[Any]]],
                     looked_at: tuple[int, ...] = (0, 1, 2, 3)) -> bool:
    """Whether a cell of the columns ``looked_at`` (among the first four) of some row starts
    with one of TOTAL_LEADS: one look at all those first characters, mostly in C."""
    if looked_at == (0, 1, 2, 3):
        heads = list(chain.from_iterable(map(_FIRST_FOUR, map(_VALUES, rows))))
    elif not looked_at:
        return False
    else:
        values = list(map(_VALUES, rows))
        try:
            heads = list(chain.from_iterable(map(itemgetter(column), values)
                                             for column in looked_at))
        except IndexError:  # short rows
            heads = [value[column] for value in values for column in looked_at
                     if column < len(value)]
    try:
        leads = set(map(itemgetter(0), filter(None, heads)))
    except TypeError:  # numbers or dates among them (a workbook's cells)
        leads = {value[:1] for value in heads if isinstance(value, str)}
    return not leads.isdisjoint(TOTAL_LEADS)


_FIRST_FOUR = itemgetter(slice(0, 4))


def is_total_row(values: list[Any]) -> bool:
    """A subtotal or grand-total line (合计, 总计, Total ...) in one of the first cells."""
    for value in values[:4]:
        if not isinstance(value, str) or not value or len(value) > 40 \
                or value.lstrip()[:1].casefold() not in _TOTAL_FIRST:
            continue
        word = value.strip().casefold()
        if "(" in word or "（" in word or "[" in word or "【" in word:
            word = _BRACKETS.sub("", word).strip()
        if word.rstrip(":：").strip() in _TOTAL_WORDS:
            return True
    return False


def parse_amount(field: str, value: Any, scale: float = 1.0) -> float | None:
    """An amount from a cell: ``1,234.50``, ``¥1,234``, ``RMB 1 234``, ``1234元``,
    ``(1,234.50)`` for a negative, ``1.2万``; ``scale`` multiplies (a column in 万元)."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip()
        if not text or (text[0] in _MARKER_FIRST and is_marker(text)):
            return None
        number = _amount_text(field, text)
    if not math.isfinite(number):
        raise ValidationError(field, MSG_NOT_FINITE)
    return number * scale if scale != 1.0 else number


def _amount_text(field: str, text: str) -> float:
    if "_" not in text:
        try:
            return float(text)
        except ValueError:
            pass
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith("-"):
        negative, text = not negative, text[1:].strip()
        if text.startswith("-"):
            _fail(field)
    multiplier = 1.0
    for _ in range(2):
        text = _CURRENCY.sub("", text).strip()
    if text.endswith("万"):
        multiplier, text = 10_000.0, text[:-1].strip()
    elif text.endswith("亿"):
        multiplier, text = 100_000_000.0, text[:-1].strip()
    text = _CURRENCY.sub("", text).strip()
    if text.startswith("-"):
        negative, text = not negative, text[1:].strip()
    text = _GROUPING.sub("", text)
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", text):
        _fail(field)
    number = float(text) * multiplier
    return -number if negative else number


def _fail(field: str) -> float:
    raise ValidationError(field, MSG_NOT_NUMBER)
