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
the dates. Its object model costs about 0.3 ms an event, 34 s for the 127,000 events of a
year of the 100,000-customer book, so the events themselves are written by
storage/ical_lines.py (RFC 5545 escaping, folding at 75 octets on UTF-8 character
boundaries), their texts escaped a column at a time and what many events share (days,
versions, kinds, reminders, owners) made once. icalendar stays the reference: the tests
parse whole exports back with it and compare every event with the book, and hostile text
with what icalendar's own writer makes of it.
"""

from __future__ import annotations

import os
import time as clock
from collections.abc import Callable, Collection, Iterable, Iterator
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
from storage.ical_lines import CRLF, escape, escape_all, fold, text_line

#: When the reminder of an all-day item rings: hours after (or before) the start of its day.
REMIND_ON_DAY, REMIND_DAY_BEFORE, REMIND_NONE = "on_day", "day_before", "none"
REMINDERS = (REMIND_ON_DAY, REMIND_DAY_BEFORE, REMIND_NONE)
#: Done items: cancelled events (a re-import takes them off the calendar), or left out.
DONE_CANCELLED, DONE_OMIT = "cancelled", "omit"
#: A timed item's length, and how long before it its reminder rings.
TIMED_MINUTES = 30
TIMED_REMINDER_MINUTES = 15
UID_DOMAIN = "keyplan"
#: Events made at a time, then written as one value of a few MB: a large calendar is never
#: whole in memory (the 127,000 events of a year of the 100,000-customer book, 77 MB).
CHUNK = 4096
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
    pieces = calendar_pieces(items, lang=lang, owner=owner, reminder=reminder, zone=zone,
                             now=now)

    def write(temporary: Path) -> None:
        with temporary.open("wb") as file:  # a few thousand events at a time
            file.writelines(pieces)

    written = atomic_write(path, write)
    return CalendarExport(path=written, events=len(items),
                          cancelled=sum(1 for item in items if item.done),
                          seconds=clock.perf_counter() - started,
                          zone=zone if any(item.at for item in items) else "")


def calendar_bytes(items: Iterable[CalendarItem], *, lang: str | None = None,
                   owner: str | None = None, reminder: str = REMIND_ON_DAY, zone: str = "",
                   now: datetime | None = None) -> bytes:
    """The .ics file of ``items`` (UTF-8, CRLF line ends)."""
    return b"".join(calendar_pieces(items, lang=lang, owner=owner, reminder=reminder,
                                    zone=zone, now=now))


def calendar_pieces(items: Iterable[CalendarItem], *, lang: str | None = None,
                    owner: str | None = None, reminder: str = REMIND_ON_DAY, zone: str = "",
                    now: datetime | None = None) -> Iterator[bytes]:
    """The .ics file of ``items`` in pieces, one after another, each made when asked for:
    written as they come, a large calendar is never whole in memory."""
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
    head, tail = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    yield head
    writer = _Events(labels, reminder, tz, now or datetime.now(UTC))
    for start in range(0, len(items), CHUNK):
        yield writer.events(items[start:start + CHUNK])
    yield b"END:VCALENDAR" + tail


class _Events:
    """The events' content lines, written here (storage/ical_lines.py) with what all of them
    share made once."""

    def __init__(self, labels: Labels, reminder: str, tz: ZoneInfo | None,
                 now: datetime) -> None:
        from icalendar import vDatetime

        self.labels = labels
        self.tz = tz
        self.stamp = f"DTSTAMP:{_ical(vDatetime(now.astimezone(UTC)))}\r\n"
        all_day_alarm = _alarm(labels, {REMIND_ON_DAY: timedelta(hours=9),
                                        REMIND_DAY_BEFORE: timedelta(hours=-15)
                                        }.get(reminder))
        timed_alarm = _alarm(labels, None if reminder == REMIND_NONE
                             else timedelta(minutes=-TIMED_REMINDER_MINUTES))
        self.kind_names = {kind: labels(key) for kind, key in _NAMES.items()}
        #: The lines after the description, by kind, done and timed.
        self.tails = {
            (kind, done, timed): b"".join((
                text_line("CATEGORIES", name),
                b"TRANSP:TRANSPARENT\r\n",  # a thing to do, not time taken
                b"STATUS:CANCELLED\r\n" if done else b"STATUS:CONFIRMED\r\n",
                b"" if done else (timed_alarm if timed else all_day_alarm),
                b"END:VEVENT\r\n"))
            for kind, name in self.kind_names.items()
            for done in (False, True) for timed in (False, True)}
        sep = "：" if labels.lang == "zh_CN" else ": "
        #: Around the customer's code: '李雷贸易（C2）' in Chinese, 'ACME (C1)' in English.
        self.code_marks = ("（", "）") if labels.lang == "zh_CN" else (" (", ")")
        fields = self.fields = {key: escape(labels(f"cal.{key}") + sep) for key in
                                ("customer", "contact", "plan", "owner", "what", "reference")}
        # The few distinct texts (owners, plans, kinds, versions), each escaped once.
        self.owners = _Cache(lambda owner: f"{_NEWLINE}{fields['owner']}{escape(owner)}"
                             if owner else "")
        self.plans = _Cache(lambda plan: f"{_NEWLINE}{fields['plan']}{escape(plan)}"
                            if plan else "")
        self.reviews = _Cache(lambda plan: escape(labels("cal.review_title", period=plan)))
        self.whats = _Cache(self._what)
        self.versions = _Cache(_version)
        self.need = tuple(escape(part) for part in
                          labels("cal.need_title", text=_MARK).split(_MARK, 1))

    def events(self, items: list[CalendarItem]) -> bytes:
        """The events of ``items``, in their order. Their names, titles, codes and contacts
        are escaped a column at a time."""
        fields, tails, stamp = self.fields, self.tails, self.stamp
        owners, plans, reviews, whats, versions = (self.owners, self.plans, self.reviews,
                                                   self.whats, self.versions)
        names = escape_all([item.customer_name for item in items])
        titles = escape_all([item.title for item in items])
        codes = escape_all([item.customer_code for item in items])
        contacts = escape_all([item.contact for item in items])
        customer = fields["customer"]
        contact_field = _NEWLINE + fields["contact"]
        reference = f"{_NEWLINE}{fields['reference']}keyplan://customer/"
        need_before, need_after = self.need
        code_open, code_close = self.code_marks
        events: list[bytes] = []
        add = events.extend
        for item, title, name, code, contact in zip(items, titles, names, codes, contacts,
                                                    strict=True):
            (kind, record_id, sequence, customer_id, _, _, raw_title, due, at, owner, _, plan,
             detail, done, updated_at) = item
            if kind == PLAN_REVIEW:
                what, uid, more = reviews[plan], f"{kind}-{record_id}-{sequence}", ""
            else:
                what = f"{need_before}{title}{need_after}" if kind == NEED else title
                uid = f"{kind}-{record_id}"
                # the whole title as well, when a calendar may cut the summary short
                more = f"{_NEWLINE}{title}" if len(raw_title) > 60 else ""
            description = (
                f"DESCRIPTION:{whats[kind, detail]}{_NEWLINE}{customer}{name}"
                f"{f'{code_open}{code}{code_close}' if code else ''}"
                f"{contact_field + contact if contact else ''}"
                f"{plans[plan]}{owners[owner]}{more}{reference}{customer_id}/{kind}/"
                f"{record_id}")
            add((f"BEGIN:VEVENT\r\nUID:{uid}@{UID_DOMAIN}\r\n{stamp}{versions[updated_at]}"
                 f"{_all_day(due) if at is None else self._timed(due, at)}".encode(),
                 fold(f"SUMMARY:[{name}] {what}".encode()), CRLF,
                 fold(description.encode()), CRLF, tails[kind, done, at is not None]))
        return b"".join(events)

    def _what(self, key: tuple[str, str]) -> str:
        """The description's first line: what the item is (its kind, and the interaction's
        or need's kind or the action's status), escaped, in the export's words."""
        from models.enums import ActionStatus, InteractionKind, NeedKind, PlanStatus

        kind, detail = key
        enum = {FOLLOW_UP: InteractionKind, PLAN_ACTION: ActionStatus, NEED: NeedKind,
                PLAN_REVIEW: PlanStatus}[kind]
        try:
            words = f" · {self.labels.enum(enum(detail))}" if detail else ""
        except ValueError:
            words = ""
        return self.fields["what"] + escape(self.kind_names[kind] + words)

    def _timed(self, day: date, at: time) -> str:
        start = datetime.combine(day, at)
        if self.tz is None:  # no zone known: the wall time as UTC would be wrong; say UTC
            return f"DTSTART:{_stamp(start.astimezone(UTC))}\r\nDURATION:PT{TIMED_MINUTES}M\r\n"
        return (f"DTSTART;TZID={self.tz.key}:{start:%Y%m%dT%H%M%S}\r\n"
                f"DURATION:PT{TIMED_MINUTES}M\r\n")


class _Cache(dict[Any, str]):
    """Texts made once per key, by ``make``, when first asked for."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        found = self[key] = self.make(key)
        return found


#: A line break in an escaped TEXT value.
_NEWLINE = "\\n"
#: Stands for the need's text in its summary's words (a character no text holds).
_MARK = "\x00"


def reference(item: CalendarItem) -> str:
    """A link-like reference to the item's record in KeyPlan (customer, kind, record)."""
    return f"keyplan://customer/{item.customer_id}/{item.kind}/{item.record_id}"


def _alarm(labels: Labels, trigger: timedelta | None) -> bytes:
    """A display reminder ``trigger`` from the event's start, as content lines (icalendar)."""
    if trigger is None:
        return b""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", labels("cal.reminder"))
    alarm.add("trigger", trigger)
    return cast(bytes, alarm.to_ical())


@cache
def _all_day(day: date) -> str:
    """An all-day event's DTSTART and DTEND lines (the day after: RFC 5545 3.6.1)."""
    from icalendar import vDate

    return (f"DTSTART;VALUE=DATE:{_ical(vDate(day))}\r\n"
            f"DTEND;VALUE=DATE:{_ical(vDate(day + timedelta(days=1)))}\r\n")


def _version(updated_at: str) -> str:
    """LAST-MODIFIED and SEQUENCE lines of a record last written at ``updated_at`` (a UTC
    ISO time; one without a zone is taken as UTC)."""
    modified = _utc(updated_at)
    if modified is None:
        return ""
    utc = modified.astimezone(UTC)  # figures, not strftime: a third of the time
    sequence = max(0, int((modified - _EPOCH).total_seconds()))
    return (f"LAST-MODIFIED:{utc.year:04}{utc.month:02}{utc.day:02}T{utc.hour:02}"
            f"{utc.minute:02}{utc.second:02}Z\r\nSEQUENCE:{sequence}\r\n")


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


def _ical(value: Any) -> str:
    """An icalendar value's or component's text (its ``to_ical`` is untyped)."""
    return str(value.to_ical().decode("utf-8"))
