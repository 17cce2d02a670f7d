"""The fields each import kind knows, light enough for ``import --help`` (no openpyxl).

A copy of :func:`storage.importer.fields_of`, which loads openpyxl; tests/test_cli_start.py
checks the two agree.
"""

from __future__ import annotations

IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "customers": ("code", "name", "kind", "industry", "region", "city", "address", "phone",
                  "email", "website", "owner", "tags", "relationship_level",
                  "price_orientation", "loyalty_segment", "channel", "notes", "tier_override",
                  "tier_override_reason", "lifecycle_override", "lifecycle_override_reason",
                  "id"),
    "contacts": ("customer_code", "customer_name", "name", "title", "department", "phone",
                 "mobile", "email", "notes", "role", "influence", "attitude", "is_primary",
                 "reports_to", "covered_by", "customer_id", "id"),
    "transactions": ("customer_code", "customer_name", "date", "amount", "profit", "due_date",
                     "paid_date", "reference", "order_no", "quantity", "unit_price",
                     "product", "notes", "customer_id"),
    "interactions": ("customer_code", "customer_name", "occurred_at", "kind", "summary",
                     "feedback", "sentiment", "next_step", "next_step_due", "next_step_done",
                     "owner", "contacts", "contact_ids", "customer_id", "id"),
    "needs": ("customer_code", "customer_name", "kind", "description", "priority", "status",
              "raised_on", "resolved_on", "resolution", "owner", "due_on", "contact",
              "contact_id", "customer_id", "id"),
    "assessments": ("customer_code", "customer_name", "assessed_on", "assessor",
                    "payment_credit", "need_quality", "communication", "industry_influence",
                    "growth_potential", "loyalty", "synergy", "satisfaction", "notes",
                    "customer_id", "id"),
    "plans": ("customer_code", "customer_name", "period", "status", "situation",
              "current_level", "target_level", "review_cadence_days", "owner", "needs",
              "need_ids", "customer_id", "id"),
    "plan_objectives": ("customer_code", "customer_name", "period", "plan_id", "description",
                        "kind", "baseline_value", "target_value", "actual_value",
                        "customer_id", "id"),
    "plan_support": ("customer_code", "customer_name", "period", "plan_id", "kind", "terms",
                     "rate_percent", "cost", "customer_id", "id"),
    "plan_actions": ("customer_code", "customer_name", "period", "plan_id", "what", "owner",
                     "due_date", "status", "objective", "objective_id", "done_on",
                     "customer_id", "id"),
    "plan_reviews": ("customer_code", "customer_name", "period", "plan_id", "reviewed_on",
                     "note", "customer_id", "id"),
}
