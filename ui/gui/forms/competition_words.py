"""The competition's words in the user's language: threat levels, SWOT boxes and the
competitor's fields (context ``Competition``), and the share of wallet in a sentence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.competition import SwotQuadrant, ThreatLevel, Wallet
from ui.gui.forms.values import money

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

#: Ink of each threat level (lists and the overview).
THREAT_COLOUR = {ThreatLevel.HIGH: "#c62828", ThreatLevel.MEDIUM: "#e65100",
                 ThreatLevel.LOW: "#2e7d32"}
#: The share-of-wallet bar: ours, then each competitor in turn, then what is not estimated.
OURS_COLOUR = "#1565c0"
THEIRS_COLOURS = ("#ef9a9a", "#ffcc80", "#ce93d8", "#a5d6a7", "#b0bec5")
#: Header colour of each SWOT box (the usual green, red, blue, amber).
QUADRANT_COLOUR = {SwotQuadrant.STRENGTHS: "#c8e6c9", SwotQuadrant.WEAKNESSES: "#ffcdd2",
                   SwotQuadrant.OPPORTUNITIES: "#bbdefb", SwotQuadrant.THREATS: "#ffe0b2"}


def threat_word(threat: ThreatLevel) -> str:
    return {ThreatLevel.HIGH: translate("Competition", "High threat"),
            ThreatLevel.MEDIUM: translate("Competition", "Medium threat"),
            ThreatLevel.LOW: translate("Competition", "Low threat")}[threat]


def quadrant_word(quadrant: SwotQuadrant) -> str:
    return {SwotQuadrant.STRENGTHS: translate("Competition", "Strengths (S)"),
            SwotQuadrant.WEAKNESSES: translate("Competition", "Weaknesses (W)"),
            SwotQuadrant.OPPORTUNITIES: translate("Competition", "Opportunities (O)"),
            SwotQuadrant.THREATS: translate("Competition", "Threats (T)")}[quadrant]


def field_word(name: str) -> str:
    return {
        "name": translate("Competition", "Competitor"),
        "products": translate("Competition", "Products they supply"),
        "share_percent": translate("Competition", "Share of wallet %"),
        "threat": translate("Competition", "Threat"),
        "strengths": translate("Competition", "Strengths"),
        "weaknesses": translate("Competition", "Weaknesses"),
        "notes": translate("Competition", "Notes"),
        "reviewed_on": translate("Competition", "Last reviewed"),
    }.get(name, name)


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:g} %"


def wallet_sentence(wallet: Wallet) -> str:
    """"Our share of wallet: 60 % (competitors 40 %); the customer's yearly spend about
    150,000.00." or why it is unknown."""
    if not wallet.known:
        return translate("Competition", "Our share of wallet is unknown until a competitor's "
                         "share is estimated.")
    text = translate("Competition", "Our share of wallet: {ours} (competitors {theirs}).").format(
        ours=percent_text(wallet.our_percent), theirs=percent_text(wallet.competitors_percent))
    if wallet.total_spend is not None:
        text += " " + translate("Competition", "The customer's yearly spend: about {total}."
                                ).format(total=money(wallet.total_spend))
    return text
