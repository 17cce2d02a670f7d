"""The calendar export's own iCalendar writer (storage/ical_lines.py) against the icalendar
library: hostile text escaped so that icalendar's parser gives it back, lines folded to 75
octets on UTF-8 character boundaries and never after an escape's backslash."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from storage.ical_lines import escape, escape_all, fold, fold_text, text_line

#: Characters that need escaping or folding care: separators, backslashes, line breaks,
#: Chinese (3 octets), a supplementary-plane character (4), Latin with accents (2).
HOSTILE = st.text(st.sampled_from(list(",;:\\\n\r Nn报价客户谢谢，；é𠀀a\"^\x1f")), max_size=400)
#: Any text at all (lone surrogates cannot be written as UTF-8).
ANY = st.text(st.characters(blacklist_categories=["Cs"]), max_size=300)


def _parsed(*lines: bytes) -> Any:
    data = b"".join((b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", *lines,
                     b"END:VEVENT\r\nEND:VCALENDAR\r\n"))
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    return event


def _as_written(text: str) -> str:
    """What a calendar shows of ``text``: its line breaks as LF (a lone CR or CRLF too)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_folded(line: bytes) -> None:
    """Every physical line at most 75 octets and whole UTF-8; continuations start with a
    space; no piece ends in the middle of an escape."""
    assert line.endswith(b"\r\n")
    physical = line[:-2].split(b"\r\n")
    for n, part in enumerate(physical):
        assert len(part) <= 75
        part.decode("utf-8")  # never cut inside a character
        assert b"\r" not in part and b"\n" not in part
        if n:
            assert part.startswith(b" ")
        if n < len(physical) - 1:
            assert not part.endswith(b"\\")  # "\;" "\," "\n" "\\" stay on one line


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_hostile_text_comes_back_through_icalendars_parser(text: str) -> None:
    line = text_line("DESCRIPTION", text)
    _check_folded(line)
    assert str(_parsed(line)["DESCRIPTION"]) == _as_written(text)


@settings(max_examples=200, deadline=None)
@given(ANY)
def test_any_text_comes_back_and_matches_icalendars_own_writer(text: str) -> None:
    ours = _parsed(text_line("SUMMARY", text))
    assert str(ours["SUMMARY"]) == _as_written(text)
    if "\\N" not in text:  # icalendar's writer reads a literal \N as a line break
        reference = Event()
        reference.add("summary", text)
        lines = reference.to_ical().split(b"\r\n", 1)[1].rsplit(b"END:VEVENT", 1)[0]
        assert str(_parsed(lines)["SUMMARY"]) == str(ours["SUMMARY"])


def test_a_literal_backslash_n_stays_as_it_is() -> None:
    # icalendar's writer would turn "\N" into a line break; the text is the user's
    assert escape("C:\\New\\n") == "C:\\\\New\\\\n"
    assert str(_parsed(text_line("SUMMARY", "C:\\New\\n"))["SUMMARY"]) == "C:\\New\\n"


def test_escaping_by_hand() -> None:
    assert escape("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape("报价，谢谢") == "报价，谢谢"  # full-width punctuation needs nothing


@settings(max_examples=200, deadline=None)
@given(st.lists(HOSTILE, max_size=20))
def test_a_column_escaped_at_once_is_each_value_escaped(values: list[str]) -> None:
    assert escape_all(values) == [escape(value) for value in values]


def test_a_long_chinese_line_folds_on_character_boundaries() -> None:
    line = "DESCRIPTION:" + "客户经营计划" * 40  # 12 + 720 octets
    folded = fold(line.encode())
    parts = folded.split(b"\r\n")
    assert [len(part) for part in parts[:3]] == [72, 73, 73]  # 74 would cut a character
    assert all(len(part) <= 75 for part in parts)
    assert folded.replace(b"\r\n ", b"").decode() == line
    assert fold(b"x" * 75) == b"x" * 75  # 75 octets fit as they are
    assert fold(b"x" * 76) == b"x" * 74 + b"\r\n " + b"xx"


def test_a_fold_moves_an_escape_to_the_next_line() -> None:
    line = "SUMMARY:" + "a" * 65 + "\\;" + "b" * 20  # the backslash is the 74th octet
    parts = fold_text(line).split("\r\n ")
    assert parts[0] == "SUMMARY:" + "a" * 65 and parts[1].startswith("\\;")
    # a line of backslashes only is cut anyway (unfolding joins it back the same)
    assert fold(b"\\" * 200).replace(b"\r\n ", b"") == b"\\" * 200
