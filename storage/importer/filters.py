"""Row filters: import only the rows whose column holds one of some values (an order export's
completed orders, say: 订单状态 = 已完成), or leave those out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storage.importer.columns import column_index
from storage.importer.values import cell_text

_IN = re.compile(r"^(?P<column>.+)\s+in\s+(?P<values>.*)$", re.IGNORECASE)
_NOT = re.compile(r"\s+not$", re.IGNORECASE)
_EQUALS = re.compile(r"^(?P<column>[^=!≠]+?)\s*(?P<op>!=|≠|=)\s*(?P<values>.*)$")
_SPLIT = re.compile(r"\s*[,，]\s*")


def _reduced(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


@dataclass(frozen=True)
class RowFilter:
    """Keep the rows whose ``column`` (header text, letter or 1-based number) holds one of
    ``values`` (compared whatever their case and width; an empty value is an empty cell), or
    with ``keep`` False, leave them out."""

    column: str
    values: tuple[str, ...]
    keep: bool = True

    @classmethod
    def parse(cls, text: str) -> RowFilter:
        """``COLUMN=VALUE``, ``COLUMN!=VALUE``, ``COLUMN in A,B`` or ``COLUMN not in A,B``
        (the last " in " splits, so a column may have "in" in its name). Raises ValueError."""
        text = text.strip()
        match = _EQUALS.match(text) if "=" in text or "≠" in text else None
        if match:
            return cls(match["column"].strip(), (match["values"].strip(),),
                       match["op"] == "=")
        match = _IN.match(text)
        if match:
            column = match["column"].strip()
            negated = _NOT.search(column)
            column = column[:negated.start()].strip() if negated else column
            values = tuple(v for v in _SPLIT.split(match["values"].strip()) if v)
            if column and values:
                return cls(column, values, negated is None)
        raise ValueError(f"a row filter is COLUMN=VALUE, COLUMN!=VALUE, COLUMN in A,B or "
                         f"COLUMN not in A,B; got {text!r}")

    def __str__(self) -> str:
        if len(self.values) == 1:
            return f"{self.column} {'=' if self.keep else '!='} {self.values[0]}"
        return f"{self.column} {'in' if self.keep else 'not in'} {', '.join(self.values)}"


def row_test(filters: Sequence[RowFilter | str],
             headers: Sequence[str]) -> Callable[[list[Any]], bool] | None:
    """A test every filter must pass (None without filters). Raises ValueError for a filter
    that is malformed or names no column of the file."""
    tests: list[tuple[int, frozenset[str], bool]] = []
    for item in filters:
        rule = item if isinstance(item, RowFilter) else RowFilter.parse(item)
        tests.append((column_index(rule.column, headers),
                      frozenset(_reduced(v) for v in rule.values), rule.keep))
    if not tests:
        return None

    def passes(values: list[Any]) -> bool:
        for index, wanted, keep in tests:
            cell = values[index] if index < len(values) else None
            if (_reduced(cell_text(cell)) in wanted) is not keep:
                return False
        return True

    return passes
