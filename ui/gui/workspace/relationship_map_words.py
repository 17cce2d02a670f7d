"""Words of the relationship map: contact levels, the flags and what each flag asks for, in the
user's language (the ``RelationshipMap`` translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.relationships import ContactLevel, FlagFinding, RelationshipFlag

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

# Colours of the flags (red: the account hangs on too little) and of a gap.
FLAG_COLOUR = "#c62828"
GAP_COLOUR = "#e65100"


def level_text(level: ContactLevel) -> str:
    return {
        ContactLevel.DECISION: translate("RelationshipMap", "Decision level"),
        ContactLevel.MANAGEMENT: translate("RelationshipMap", "Management level"),
        ContactLevel.OPERATIONAL: translate("RelationshipMap", "Operational level"),
    }[level]


def flag_text(finding: FlagFinding, names: dict[str, str]) -> str:
    """One line saying what is wrong and what to do about it."""
    if finding.flag is RelationshipFlag.SINGLE_THREADED:
        if finding.contact_id and finding.contact_id in names:
            return translate(
                "RelationshipMap",
                "Single-threaded: everything of the last six months went through {name}. "
                "Widen the contacts beyond one person before their role changes.",
            ).format(name=names[finding.contact_id])
        return translate(
            "RelationshipMap",
            "Single-threaded: one contact or none known at this account. Map who decides, "
            "who influences and who uses.",
        )
    if finding.flag is RelationshipFlag.NO_DECISION_LEVEL:
        return translate(
            "RelationshipMap",
            "No contact at decision level: nobody known decides, signs or weighs 5 of 5. "
            "Raise the level of contact.",
        )
    return translate(
        "RelationshipMap",
        "No coverage: no colleague on our side is assigned to any contact here.",
    )


def flag_title(flag: RelationshipFlag) -> str:
    return {
        RelationshipFlag.SINGLE_THREADED: translate("RelationshipMap", "Single-threaded"),
        RelationshipFlag.NO_DECISION_LEVEL: translate("RelationshipMap", "No decision level"),
        RelationshipFlag.NOT_COVERED: translate("RelationshipMap", "Not covered"),
    }[flag]
