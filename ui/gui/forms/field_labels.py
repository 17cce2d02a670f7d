"""Names of record fields in the user's language (form labels, merge dialog, History tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.competition import Competitor, SwotItem
from models.entities import Assessment, Contact, Customer, Interaction, Need, Transaction
from models.plans import AccountPlan, Objective, PlanAction, PlanReview, SupportMeasure
from models.record import Record
from models.relationships import LevelChange

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


def _common() -> dict[str, str]:
    """Labels shared by every kind of record; lupdate reads the literal calls below."""
    return {
        "name": translate("Fields", "Name"),
        "code": translate("Fields", "Code"),
        "kind": translate("Fields", "Kind"),
        "industry": translate("Fields", "Industry"),
        "region": translate("Fields", "Region"),
        "city": translate("Fields", "City"),
        "address": translate("Fields", "Address"),
        "phone": translate("Fields", "Phone"),
        "email": translate("Fields", "E-mail"),
        "website": translate("Fields", "Website"),
        "owner": translate("Fields", "Owner"),
        "tags": translate("Fields", "Tags"),
        "relationship_level": translate("Fields", "Relationship level"),
        "price_orientation": translate("Fields", "Price orientation"),
        "loyalty_segment": translate("Fields", "Loyalty segment"),
        "channel": translate("Fields", "Channel"),
        "tier_override": translate("Fields", "Tier override"),
        "tier_override_reason": translate("Fields", "Reason for the tier override"),
        "lifecycle_override": translate("Fields", "Lifecycle override"),
        "lifecycle_override_reason": translate("Fields", "Reason for the lifecycle override"),
        "notes": translate("Fields", "Notes"),
        "customer_id": translate("Fields", "Customer"),
        "title": translate("Fields", "Job title"),
        "department": translate("Fields", "Department"),
        "role": translate("Fields", "Buying role"),
        "influence": translate("Fields", "Influence"),
        "attitude": translate("Fields", "Attitude to us"),
        "is_primary": translate("Fields", "Primary contact"),
        "date": translate("Fields", "Date"),
        "amount": translate("Fields", "Amount"),
        "profit": translate("Fields", "Profit"),
        "due_date": translate("Fields", "Due date"),
        "paid_date": translate("Fields", "Paid on"),
        "reference": translate("Fields", "Reference"),
        "product": translate("Fields", "Product"),
        "occurred_at": translate("Fields", "Date and time"),
        "summary": translate("Fields", "Summary"),
        "contact_ids": translate("Fields", "Contacts present"),
        "feedback": translate("Fields", "Customer feedback"),
        "sentiment": translate("Fields", "Sentiment"),
        "next_step": translate("Fields", "Next step"),
        "next_step_due": translate("Fields", "Next step due"),
        "next_step_done": translate("Fields", "Next step done"),
        "description": translate("Fields", "Description"),
        "priority": translate("Fields", "Priority"),
        "status": translate("Fields", "Status"),
        "raised_on": translate("Fields", "Raised on"),
        "resolved_on": translate("Fields", "Resolved on"),
        "resolution": translate("Fields", "Resolution"),
        "due_on": translate("Fields", "Answer by"),
        "contact_id": translate("Fields", "Raised by"),
        "assessed_on": translate("Fields", "Assessed on"),
        "assessor": translate("Fields", "Assessor"),
        "payment_credit": translate("Fields", "Payment credit"),
        "need_quality": translate("Fields", "Need quality"),
        "communication": translate("Fields", "Communication efficiency"),
        "industry_influence": translate("Fields", "Industry influence"),
        "growth_potential": translate("Fields", "Growth potential"),
        "loyalty": translate("Fields", "Loyalty"),
        "synergy": translate("Fields", "Synergy"),
        "satisfaction": translate("Fields", "Satisfaction"),
        "period": translate("Fields", "Period"),
        "situation": translate("Fields", "Situation"),
        "current_level": translate("Fields", "Current relationship level"),
        "target_level": translate("Fields", "Target relationship level"),
        "review_cadence_days": translate("Fields", "Review every (days)"),
        "need_ids": translate("Fields", "Needs addressed"),
        "objectives": translate("Fields", "Objectives"),
        "support_measures": translate("Fields", "Support measures"),
        "actions": translate("Fields", "Actions"),
        "reviews": translate("Fields", "Reviews"),
        "target_value": translate("Fields", "Target"),
        "baseline_value": translate("Fields", "Baseline"),
        "actual_value": translate("Fields", "Actual"),
        "terms": translate("Fields", "Terms"),
        "rate_percent": translate("Fields", "Rate (%)"),
        "cost": translate("Fields", "Cost"),
        "what": translate("Fields", "What"),
        "objective_id": translate("Fields", "Objective"),
        "plan_id": translate("Fields", "Account plan", "record kind"),
        "reports_to": translate("Fields", "Reports to"),
        "covered_by": translate("Fields", "Covered by (us)"),
        "done_on": translate("Fields", "Done on"),
        "reviewed_on": translate("Fields", "Reviewed on"),
        "note": translate("Fields", "Note"),
        "deleted_at": translate("Fields", "Deleted"),
    }


def _specific() -> dict[tuple[type[Record], str], str]:
    """Where one kind of record calls a field differently from the others."""
    return {
        (Customer, "name"): translate("Fields", "Customer name"),
        (Customer, "kind"): translate("Fields", "Customer kind"),
        (Customer, "owner"): translate("Fields", "Account owner"),
        (Contact, "notes"): translate("Fields", "Notes on the contact"),
        (Need, "kind"): translate("Fields", "Need kind"),
        (Need, "owner"): translate("Fields", "Handled by"),
        (Interaction, "kind"): translate("Fields", "Interaction kind"),
        (Objective, "kind"): translate("Fields", "Objective kind"),
        (SupportMeasure, "kind"): translate("Fields", "Support kind"),
        (Competitor, "name"): translate("Competition", "Competitor"),
        (Competitor, "products"): translate("Competition", "Products they supply"),
        (Competitor, "share_percent"): translate("Competition", "Share of wallet %"),
        (Competitor, "threat"): translate("Competition", "Threat"),
        (Competitor, "strengths"): translate("Competition", "Strengths"),
        (Competitor, "weaknesses"): translate("Competition", "Weaknesses"),
        (Competitor, "reviewed_on"): translate("Competition", "Last reviewed"),
        (SwotItem, "quadrant"): translate("Fields", "SWOT box"),
        (SwotItem, "text"): translate("Fields", "SWOT line text"),
        (SwotItem, "competitor_id"): translate("Competition", "Competitor"),
        (SwotItem, "need_id"): translate("Fields", "Need", "record kind"),
        (SwotItem, "position"): translate("Fields", "Order in its box"),
        (LevelChange, "level"): translate("Fields", "Relationship level"),
        (LevelChange, "changed_on"): translate("Fields", "Changed on"),
        (LevelChange, "reason"): translate("Fields", "Reason"),
        (LevelChange, "changed_by"): translate("Fields", "Changed by"),
    }


def record_kinds() -> dict[type[Record], str]:
    """A noun for each kind of record (History tab, undo bar)."""
    return {
        Customer: translate("Fields", "Customer", "record kind"),
        Contact: translate("Fields", "Contact", "record kind"),
        Transaction: translate("Fields", "Transaction", "record kind"),
        Interaction: translate("Fields", "Interaction", "record kind"),
        Need: translate("Fields", "Need", "record kind"),
        Assessment: translate("Fields", "Assessment", "record kind"),
        AccountPlan: translate("Fields", "Account plan", "record kind"),
        Objective: translate("Fields", "Plan objective", "record kind"),
        SupportMeasure: translate("Fields", "Support measure", "record kind"),
        PlanAction: translate("Fields", "Plan action", "record kind"),
        PlanReview: translate("Fields", "Plan review", "record kind"),
        Competitor: translate("Competition", "Competitor"),
        SwotItem: translate("Fields", "SWOT line", "record kind"),
        LevelChange: translate("Fields", "Level change", "record kind"),
    }


def field_label(cls: type[Record], field: str) -> str:
    """The label of ``field`` of records of ``cls`` in the current language."""
    specific = _specific().get((cls, field))
    if specific is not None:
        return specific
    return _common().get(field, field)


def kind_label(cls: type[Record]) -> str:
    return record_kinds().get(cls, cls.__name__)
