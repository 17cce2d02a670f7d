"""Names of the value dimensions in the user's language (Score tab, charts, explanations)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.config import DIMENSIONS

CONTEXT = "Dimensions"


def _names() -> dict[str, str]:
    """lupdate reads the literal calls below."""
    translate = QCoreApplication.translate
    return {
        "revenue": translate("Dimensions", "Revenue"),
        "profit": translate("Dimensions", "Profit contribution"),
        "margin": translate("Dimensions", "Margin"),
        "frequency": translate("Dimensions", "Purchase frequency"),
        "tenure": translate("Dimensions", "Tenure"),
        "growth": translate("Dimensions", "Revenue growth"),
        "timeliness": translate("Dimensions", "Payment timeliness"),
        "payment_credit": translate("Dimensions", "Payment credit"),
        "need_quality": translate("Dimensions", "Need quality"),
        "communication": translate("Dimensions", "Communication efficiency"),
        "industry_influence": translate("Dimensions", "Industry influence"),
        "growth_potential": translate("Dimensions", "Growth potential"),
        "loyalty": translate("Dimensions", "Loyalty"),
        "synergy": translate("Dimensions", "Synergy"),
        "satisfaction": translate("Dimensions", "Satisfaction"),
    }


def dimension_label(code: str) -> str:
    """The dimension's name in the current language (the code itself if unknown)."""
    return _names().get(code, code)


def dimension_labels() -> list[tuple[str, str]]:
    names = _names()
    return [(code, names[code]) for code in DIMENSIONS]
