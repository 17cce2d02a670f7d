"""One colour per tier, everywhere (table, charts, exports): distinct in hue and, for
greyscale print, in lightness (strategic darkest, low-value lightest). No Qt here."""

from __future__ import annotations

from models.enums import Tier

#: Strong colours for charts, darkest first (CIE lightness about 25, 47, 70, 87).
TIER_COLOURS: dict[Tier, str] = {
    Tier.STRATEGIC: "#6a1b4d",
    Tier.KEY: "#c2452d",
    Tier.STANDARD: "#7fb2e5",
    Tier.LOW_VALUE: "#d9d9d9",
}
#: Bar hatches that keep the tiers apart on a black-and-white printout.
TIER_HATCHES: dict[Tier, str] = {
    Tier.STRATEGIC: "",
    Tier.KEY: "//",
    Tier.STANDARD: "..",
    Tier.LOW_VALUE: "xx",
}
#: Text drawn on each tier colour.
TIER_TEXT: dict[Tier, str] = {
    Tier.STRATEGIC: "#ffffff",
    Tier.KEY: "#ffffff",
    Tier.STANDARD: "#1f1f1f",
    Tier.LOW_VALUE: "#1f1f1f",
}
NO_TIER_COLOUR = "#9e9e9e"


def tint(colour: str, strength: float = 0.35) -> str:
    """The colour mixed with white: a background for table cells that keeps text readable."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * strength) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def tier_tints(strength: float = 0.35) -> dict[Tier, str]:
    return {tier: tint(colour, strength) for tier, colour in TIER_COLOURS.items()}
