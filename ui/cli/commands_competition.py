"""``keyplan competitor``: an account's competitors (add or update, list with our share of
wallet, remove)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ui.cli.errors import UserError
from ui.cli.text import language, t

if TYPE_CHECKING:
    from models.competition import Competitor
    from storage.competition_store import CompetitivePosition

THREATS = ("low", "medium", "high")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    competitor = subparsers.add_parser(
        "competitor", help=t("an account's competitors: add, list, remove"),
        description=t("Who else supplies a customer, their estimated share of its wallet and "
                      "how much of a threat they are. Our share of wallet is what the "
                      "competitors' shares leave (once one is estimated); the customer's "
                      "yearly spend is our 12 months' revenue over it."))
    commands = competitor.add_subparsers(dest="competitor_command", metavar="ACTION",
                                         required=True)
    add = commands.add_parser(
        "add", help=t("add a competitor, or change the one of that name"),
        description=t("Add a competitor to the customer; when it already has one of that name, "
                      "change the fields given. The competitors' shares may add up to 100 % "
                      "at most."))
    add.add_argument("customer", metavar="CUSTOMER", help=t("customer id, code or exact name"))
    add.add_argument("name", metavar="NAME", help=t("the competitor's name"))
    add.add_argument("--products", help=t("what they supply the customer"))
    add.add_argument("--share", metavar="PERCENT",
                     help=t("their estimated share of the customer's wallet, 0-100"))
    add.add_argument("--threat", choices=THREATS, help=t("threat level (new: medium)"))
    add.add_argument("--strengths", help=t("what they do well"))
    add.add_argument("--weaknesses", help=t("where they are weak"))
    add.add_argument("--notes", help=t("anything else worth knowing about them"))
    add.add_argument("--reviewed", metavar="DATE",
                     help=t("when the estimate was last reviewed, YYYY-MM-DD (new: today)"))
    add.set_defaults(handler=run_competitor_add)
    listing = commands.add_parser("list", help=t("the customer's competitors, the most "
                                                 "threatening first, and our share of wallet"))
    listing.add_argument("customer", metavar="CUSTOMER", help=t("customer id, code or exact name"))
    listing.add_argument("--json", action="store_true", help=t("print JSON"))
    listing.set_defaults(handler=run_competitor_list)
    remove = commands.add_parser("remove", help=t("remove a competitor of the customer"))
    remove.add_argument("customer", metavar="CUSTOMER", help=t("customer id, code or exact name"))
    remove.add_argument("name", metavar="NAME", help=t("the competitor's name"))
    remove.set_defaults(handler=run_competitor_remove)


def run_competitor_add(args: argparse.Namespace) -> int:
    from datetime import date

    from models.competition import Competitor
    from storage.book import Book

    given: dict[str, Any] = {field: getattr(args, field) for field in
                             ("products", "threat", "strengths", "weaknesses", "notes")
                             if getattr(args, field) is not None}
    if args.share is not None:
        given["share_percent"] = args.share
    if args.reviewed is not None:
        given["reviewed_on"] = args.reviewed
    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        found = book.competition.find(customer.id, args.name)
        if found is None:
            record = Competitor.parse({"customer_id": customer.id, "name": args.name,
                                       "reviewed_on": date.today(), **given})
        else:
            record = replace(found, **given)
        saved = book.competition.save(record).record
        position = book.competition.position(customer.id)
    print(t("Added competitor {name} for {customer}.", name=saved.name, customer=customer.name)
          if found is None else
          t("Updated competitor {name} of {customer}.", name=saved.name,
            customer=customer.name))
    print(wallet_line(position))
    return 0


def run_competitor_list(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        position = book.competition.position(customer.id)
    if args.json:
        wallet = position.wallet
        print(json.dumps({
            "customer": {"id": customer.id, "code": customer.code, "name": customer.name},
            "competitors": [as_json(c) for c in position.competitors],
            "competitors_percent": wallet.competitors_percent,
            "our_percent": wallet.our_percent, "our_revenue_12m": wallet.our_revenue,
            "total_spend_estimate": wallet.total_spend,
        }, ensure_ascii=False, indent=2))
        return 0
    if not position.competitors:
        print(t("No competitor recorded for {customer}.", customer=customer.name))
        return 0
    from storage.export_labels import Labels

    labels = Labels(language())
    for c in position.competitors:
        share = t("share unknown") if c.share_percent is None else f"{c.share_percent:g} %"
        line = f"{c.name}  [{labels.enum(c.threat)}]  {share}"
        if c.products:
            line += f"  {c.products}"
        print(line)
        for label, text in ((t("strengths"), c.strengths), (t("weaknesses"), c.weaknesses)):
            if text:
                print("    " + t("{label}: {text}", label=label, text=text))
    print(wallet_line(position))
    return 0


def run_competitor_remove(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        found = book.competition.find(customer.id, args.name)
        if found is None:
            raise UserError(t("{customer} has no competitor named {name}.",
                              customer=customer.name, name=args.name))
        book.competition.remove(found.id)
    print(t("Removed competitor {name} from {customer}.", name=found.name,
            customer=customer.name))
    return 0


def wallet_line(position: CompetitivePosition) -> str:
    wallet = position.wallet
    if not wallet.known:
        return t("Our share of wallet: unknown (no competitor's share estimated).")
    line = t("Our share of wallet: {ours} % (competitors {theirs} %).",
             ours=f"{wallet.our_percent:g}", theirs=f"{wallet.competitors_percent:g}")
    if wallet.total_spend is not None:
        line += ("" if language().startswith("zh") else " ") + t(
            "The customer's yearly spend: about {total}.", total=f"{wallet.total_spend:,.0f}")
    return line


def as_json(c: Competitor) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "products": c.products,
            "share_percent": c.share_percent, "threat": c.threat.value,
            "strengths": c.strengths, "weaknesses": c.weaknesses, "notes": c.notes,
            "reviewed_on": c.reviewed_on.isoformat() if c.reviewed_on else None}
