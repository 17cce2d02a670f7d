"""The fields each import kind knows, light enough for ``import --help`` (no openpyxl).

A copy of :func:`storage.importer.fields_of`, which loads openpyxl; tests/test_cli_start.py
checks the two agree.
"""

from __future__ import annotations

IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "customers": ("code", "name", "kind", "industry", "region", "city", "address", "phone",
                  "email", "website", "owner", "tags", "relationship_level",
                  "price_orientation", "loyalty_segment", "channel", "notes"),
    "contacts": ("customer_code", "customer_name", "name", "title", "department", "phone",
                 "mobile", "email", "notes", "role", "influence", "attitude", "is_primary"),
    "transactions": ("customer_code", "customer_name", "date", "amount", "profit", "due_date",
                     "paid_date", "reference", "order_no", "quantity", "unit_price", "product",
                     "notes"),
}
