"""``keyplan export calendar``: follow-ups, plan actions and reviews, needs' answer-by dates
as an .ics file for Outlook, Google Calendar or Apple Calendar."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from ui.cli.commands_score import _iso_date
from ui.cli.errors import UserError
from ui.cli.text import language, t

#: The default range: from a month back (done items, to cancel them) to a year ahead.
DAYS_BACK, DAYS_AHEAD = 30, 365
KIND_CHOICES = ("follow_up", "plan_action", "plan_review", "need")


def register_calendar(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``export calendar`` among ``export``'s kinds."""
    from storage.export_labels import LANGUAGES

    calendar = kinds.add_parser(
        "calendar", help=t("follow-ups, plan actions, plan reviews and needs' answer-by dates "
                           "as calendar events (.ics) with reminders"),
        description=t("Export dated work as an iCalendar file that Outlook, Google Calendar and "
                      "Apple Calendar import: each item an all-day event on its due date (timed "
                      "where it has a time) with a reminder at 09:00. Event ids come from the "
                      "records, so importing a later export updates the events instead of "
                      "adding them twice; done items are written as cancelled (a re-import "
                      "takes them off the calendar) unless --done omit."))
    calendar.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics",
                          help=t("the calendar file to write"))
    calendar.add_argument("--owner", metavar="ME|NAME",
                          help=t("only this salesperson's items (ME: who you are in the team; "
                                 "default: everyone's)"))
    calendar.add_argument("--from", dest="since", type=_iso_date, metavar="YYYY-MM-DD",
                          help=t("first day (default: {days} days ago)", days=DAYS_BACK))
    calendar.add_argument("--to", dest="until", type=_iso_date, metavar="YYYY-MM-DD",
                          help=t("last day (default: {days} days ahead)", days=DAYS_AHEAD))
    calendar.add_argument("--only", action="append", choices=KIND_CHOICES, default=[],
                          metavar="KIND", help=t("only this kind of item (repeatable): {kinds}",
                                                 kinds=", ".join(KIND_CHOICES)))
    calendar.add_argument("--remind", choices=("on_day", "day_before", "none"),
                          default="on_day", help=t("when an all-day item's reminder rings: "
                                                   "09:00 on the day (default), 09:00 the day "
                                                   "before, or no reminder"))
    calendar.add_argument("--done", choices=("cancelled", "omit"), default="cancelled",
                          help=t("done items: cancelled events (default) or left out"))
    calendar.add_argument("--lang", choices=LANGUAGES, default=None,
                          help=t("language of the events' texts (default: from the locale)"))
    calendar.set_defaults(handler=run_export_calendar)


def run_export_calendar(args: argparse.Namespace) -> int:
    from storage.book import Book

    today = date.today()
    since = args.since or today - timedelta(days=DAYS_BACK)
    until = args.until or today + timedelta(days=DAYS_AHEAD)
    if until < since:
        raise UserError(t("--to {until} is before --from {since}.", until=until.isoformat(),
                          since=since.isoformat()))
    path = args.output if args.output.suffix.lower() == ".ics" \
        else args.output.with_name(args.output.name + ".ics")
    with Book(args.db) as book:
        owner = args.owner
        if owner is not None and owner.strip().casefold() == "me":
            owner = book.team.me()
            if not owner:
                raise UserError(t("ME is who you are in a team, and this book is in none: "
                                  "give the salesperson's name (--owner NAME)."))
        result = book.exports.calendar(path, since=since, until=until, owner=owner,
                                       kinds=args.only, lang=args.lang or language(),
                                       reminder=args.remind, done=args.done)
    print(t("Wrote {path}: {events} events from {since} to {until} ({cancelled} done, "
            "written as cancelled) in {seconds} s.", path=result.path, events=result.events,
            since=since.isoformat(), until=until.isoformat(), cancelled=result.cancelled,
            seconds=f"{result.seconds:.2f}"))
    return 0
