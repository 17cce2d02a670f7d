"""The names of the charts, light enough for the command line's parser (no matplotlib)."""

from __future__ import annotations

#: Charts of the whole book (the dashboard's).
BOOK_KINDS = ("tiers", "pareto", "matrix", "migration", "lifecycle", "relationship", "trend",
              "rollup")
#: Charts of one customer (``--customer``); ``trend`` is both.
CUSTOMER_KINDS = ("radar", "trend", "history")
#: Every kind the ``chart`` command accepts, in the order its help lists them.
KINDS = tuple(dict.fromkeys(BOOK_KINDS + CUSTOMER_KINDS))
