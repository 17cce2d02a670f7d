"""The calendar export: follow-ups, plan actions, plan reviews and needs' answer-by dates as
an iCalendar (.ics, RFC 5545) file that Outlook, Google Calendar and Apple Calendar import.

Each item is an event with a reminder (VALARM): all day on its due date, reminding at 09:00
on the day (or the day before), or timed in the user's zone where the item has a time. Its
UID is made from the record's global id (a plan review's: the plan's and the review's
number), and its SEQUENCE grows with the record's last write, so importing a later export
updates the events instead of adding them twice. Done items (a follow-up done, an action done
or cancelled, a need met or declined) are written as cancelled events, which takes them off
the calendar on a re-import; ``done="omit"`` leaves them out instead.

The ``icalendar`` library writes the calendar, its time zone (VTIMEZONE), the reminders and
every value (escaping of ``\\ ; ,`` and new lines, dates, times). Its object model costs
about 0.8 ms an event, 30 s for a year of a 100,000-customer book, so the events themselves
are put together as content lines from the values it formats, and folded at 75 octets here
(the tests parse every export back with icalendar).
"""

from __future__ import annotations

import os
import time as clock
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.base import DatabaseBase
from storage.calendar_queries import (
    FOLLOW_UP,
    KINDS,
    NEED,
    PLAN_ACTION,
    PLAN_REVIEW,
    CalendarItem,
    calendar_items,
)
from storage.export_files import atomic_write
from storage.export_labels import Labels

#: When the reminder of an all-day item rings: hours after (or before) the start of its day.
REMIND_ON_DAY, REMIND_DAY_BEFORE, REMIND_NONE = "on_day", "day_before", "none"
REMINDERS = (REMIND_ON_DAY, REMIND_DAY_BEFORE, REMIND_NONE)
#: Done items: cancelled events (a re-import takes them off the calendar), or left out.
DONE_CANCELLED, DONE_OMIT = "cancelled", "omit"
#: A timed item's length, and how long before it its reminder rings.
TIMED_MINUTES = 30
TIMED_REMINDER_MINUTES = 15
UID_DOMAIN = "keyplan"
PRODID = "-//KeyPlan//KeyPlan calendar export//EN"
#: SEQUENCE counts seconds from here to the record's last write: it grows with each edit
#: (and fits RFC 5545's integer until 2088).
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_NAMES = {FOLLOW_UP: "cal.follow_up", PLAN_ACTION: "cal.plan_action",
          PLAN_REVIEW: "cal.plan_review", NEED: "cal.need"}


@dataclass(frozen=True)
class CalendarExport:
    """What a calendar export wrote."""

    path: Path
    events: int
    cancelled: int  # of them, done items written as cancelled
    seconds: float
    zone: str  # the time zone of its timed events ("" when it had none)


def local_zone() -> str:
    """The IANA name of the user's time zone ($TZ, else the system's), or "" when it cannot
    be told (timed events are then written in UTC, which every calendar shows correctly)."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if ("/" in name) or name == "UTC":
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return ""


def export_calendar(db: DatabaseBase, path: str | Path, *, since: date, until: date,
                    owner: str | None = None, kinds: Collection[str] = KINDS,
                    lang: str | None = None, reminder: str = REMIND_ON_DAY,
                    done: str = DONE_CANCELLED, zone: str | None = None,
                    now: datetime | None = None) -> CalendarExport:
    """Write the items of ``kinds`` due from ``since`` to ``until`` (of ``owner``, or
    everyone's) to ``path`` as an .ics file, safely (a temporary file, then renamed)."""
    started = clock.perf_counter()
    items = calendar_items(db, since, until, owner=owner, kinds=kinds,
                           include_done=done == DONE_CANCELLED)
    zone = local_zone() if zone is None else zone
    data = calendar_bytes(items, lang=lang, owner=owner, reminder=reminder, zone=zone,
                          now=now)

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    written = atomic_write(path, write)
    return CalendarExport(path=written, events=len(items),
                          cancelled=sum(1 for item in items if item.done),
                          seconds=clock.perf_counter() - started,
                          zone=zone if any(item.at for item in items) else "")


def calendar_bytes(items: Iterable[CalendarItem], *, lang: str | None = None,
                   owner: str | None = None, reminder: str = REMIND_ON_DAY, zone: str = "",
                   now: datetime | None = None) -> bytes:
    """The .ics file of ``items`` (UTF-8, CRLF line ends)."""
    from icalendar import Calendar, Timezone

    labels = Labels(lang)
    items = list(items)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = labels("cal.name_owner", owner=owner) if owner else labels("cal.name")
    calendar.add("x-wr-calname", name)
    tz = ZoneInfo(zone) if zone else None
    if tz is not None:
        calendar.add("x-wr-timezone", zone)
        if any(item.at for item in items):
            calendar.add_component(Timezone.from_tzinfo(tz))
    head, tail = _ical(calendar).rsplit("END:VCALENDAR", 1)
    writer = _Events(labels, reminder, tz, now or datetime.now(UTC))
    texts = _escaped([writer.summary(item) for item in items]
                     + [writer.description(item) for item in items])
    count = len(items)
    body = "".join(writer.event(item, texts[n], texts[count + n])
                   for n, item in enumerate(items))
    return (head + body + "END:VCALENDAR" + tail).encode("utf-8")


#: Joins the values escaped in one call (a control character no text field may hold).
_SEPARATOR = "\x1f"


def _escaped(values: list[str]) -> list[str]:
    """``values`` escaped by icalendar (RFC 5545 3.3.11), in one call over all of them: a
    call per value cost a fifth of a large export."""
    escape = _escaping()
    joined = _SEPARATOR.join(values)
    if joined.count(_SEPARATOR) != max(0, len(values) - 1):  # a value holds it: one by one
        return [escape(value) for value in values]
    return escape(joined).split(_SEPARATOR) if values else []


class _Events:
    """Content lines of one event after another, with what all of them share made once."""

    def __init__(self, labels: Labels, reminder: str, tz: ZoneInfo | None,
                 now: datetime) -> None:
        from icalendar import vDatetime

        self.labels = labels
        self.tz = tz
        self.stamp = f"DTSTAMP:{_ical(vDatetime(now.astimezone(UTC)))}\r\n"
        self.all_day_alarm = _alarm(labels, {REMIND_ON_DAY: timedelta(hours=9),
                                             REMIND_DAY_BEFORE: timedelta(hours=-15)
                                             }.get(reminder))
        self.timed_alarm = _alarm(labels, None if reminder == REMIND_NONE
                                  else timedelta(minutes=-TIMED_REMINDER_MINUTES))
        self.kind_names = {kind: labels(key) for kind, key in _NAMES.items()}
        self.categories = {kind: _line("CATEGORIES", name)
                           for kind, name in self.kind_names.items()}
        self.details: dict[tuple[str, str], str] = {}
        self.fields = {key: labels(f"cal.{key}") for key in
                       ("customer", "contact", "plan", "owner", "what", "reference")}
        self.sep = "：" if labels.lang == "zh_CN" else ": "

    def event(self, item: CalendarItem, summary: str, description: str) -> str:
        """The event's lines; ``summary`` and ``description`` come escaped."""
        if item.at is None:
            when, alarm = _all_day(item.due), self.all_day_alarm
        else:
            when, alarm = self._timed(item.due, item.at), self.timed_alarm
        return "".join((
            "BEGIN:VEVENT\r\nUID:", item.uid_key, "@", UID_DOMAIN, "\r\n", self.stamp,
            _version(item.updated_at), when,
            fold(f"SUMMARY:{summary}"), "\r\n", fold(f"DESCRIPTION:{description}"), "\r\n",
            self.categories[item.kind],
            "TRANSP:TRANSPARENT\r\n",  # a thing to do, not time taken
            "STATUS:CANCELLED\r\n" if item.done else "STATUS:CONFIRMED\r\n",
            "" if item.done else alarm, "END:VEVENT\r\n"))

    def summary(self, item: CalendarItem) -> str:
        if item.kind == PLAN_REVIEW:
            what = self.labels("cal.review_title", period=item.plan)
        elif item.kind == NEED:
            what = self.labels("cal.need_title", text=item.title)
        else:
            what = item.title
        return f"[{item.customer_name}] {what}"

    def description(self, item: CalendarItem) -> str:
        f, sep = self.fields, self.sep
        customer = item.customer_name + (f" ({item.customer_code})" if item.customer_code
                                          else "")
        lines = [f"{f['what']}{sep}{self.kind_names[item.kind]}{self._detail(item)}",
                 f"{f['customer']}{sep}{customer}"]
        if item.contact:
            lines.append(f"{f['contact']}{sep}{item.contact}")
        if item.plan:
            lines.append(f"{f['plan']}{sep}{item.plan}")
        if item.owner:
            lines.append(f"{f['owner']}{sep}{item.owner}")
        if item.kind != PLAN_REVIEW and len(item.title) > 60:  # a summary may be cut short
            lines.append(item.title)
        lines.append(f"{f['reference']}{sep}{reference(item)}")
        return "\n".join(lines)

    def _detail(self, item: CalendarItem) -> str:
        """The interaction's or need's kind, the action's status, in the export's words."""
        key = (item.kind, item.detail)
        found = self.details.get(key)
        if found is None:
            from models.enums import ActionStatus, InteractionKind, NeedKind, PlanStatus

            enum = {FOLLOW_UP: InteractionKind, PLAN_ACTION: ActionStatus, NEED: NeedKind,
                    PLAN_REVIEW: PlanStatus}[item.kind]
            try:
                found = f" · {self.labels.enum(enum(item.detail))}" if item.detail else ""
            except ValueError:
                found = ""
            self.details[key] = found
        return found

    def _timed(self, day: date, at: time) -> str:
        start = datetime.combine(day, at)
        if self.tz is None:  # no zone known: the wall time as UTC would be wrong; say UTC
            return f"DTSTART:{_stamp(start.astimezone(UTC))}\r\nDURATION:PT{TIMED_MINUTES}M\r\n"
        return (f"DTSTART;TZID={self.tz.key}:{start:%Y%m%dT%H%M%S}\r\n"
                f"DURATION:PT{TIMED_MINUTES}M\r\n")


def reference(item: CalendarItem) -> str:
    """A link-like reference to the item's record in KeyPlan (customer, kind, record)."""
    return f"keyplan://customer/{item.customer_id}/{item.kind}/{item.record_id}"


def _alarm(labels: Labels, trigger: timedelta | None) -> str:
    """A display reminder ``trigger`` from the event's start, as content lines (icalendar)."""
    if trigger is None:
        return ""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", labels("cal.reminder"))
    alarm.add("trigger", trigger)
    return _ical(alarm)


@cache
def _all_day(day: date) -> str:
    """An all-day event's DTSTART and DTEND lines (the day after: RFC 5545 3.6.1)."""
    from icalendar import vDate

    return (f"DTSTART;VALUE=DATE:{_ical(vDate(day))}\r\n"
            f"DTEND;VALUE=DATE:{_ical(vDate(day + timedelta(days=1)))}\r\n")


@cache
def _version(updated_at: str) -> str:
    """LAST-MODIFIED and SEQUENCE lines of a record last written at ``updated_at``."""
    modified = _utc(updated_at)
    if modified is None:
        return ""
    return (f"LAST-MODIFIED:{_stamp(modified)}\r\n"
            f"SEQUENCE:{max(0, int((modified - _EPOCH).total_seconds()))}\r\n")


def _stamp(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _utc(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _line(name: str, value: str) -> str:
    """A TEXT property's content line: escaped by icalendar, folded to 75 octets."""
    return fold(f"{name}:{_escaping()(value)}") + "\r\n"


@cache
def _escaping() -> Callable[[str], str]:
    """icalendar's TEXT escaping (RFC 5545 3.3.11: backslash, semicolon, comma, new lines) as
    a plain function: the value type around it (vText) costs more than the rest of an event.
    icalendar 7 keeps it as ``_escape_char`` (the public name is deprecated), 6 as
    ``escape_char``."""
    import icalendar.parser as parser

    escape = getattr(parser, "_escape_char", None) or parser.escape_char
    return cast(Callable[[str], str], escape)


def _ical(value: Any) -> str:
    """An icalendar value's or component's text (its ``to_ical`` is untyped)."""
    return str(value.to_ical().decode("utf-8"))


def fold(line: str) -> str:
    """RFC 5545 3.1 folding: lines of at most 75 octets, each continuation starting with a
    space; never inside a UTF-8 character, nor right after a backslash escape's backslash
    (as icalendar folds)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: go back to the character
            end -= 1
        if data[end - 1] == 0x5C and end - 1 > start:  # keep "\;" and "\n" whole
            backslashes = 0
            while end - 1 - backslashes >= start and data[end - 1 - backslashes] == 0x5C:
                backslashes += 1
            if backslashes % 2:
                end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # the leading space takes one octet
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")
