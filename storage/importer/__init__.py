"""Import customers, contacts and transactions from .xlsx and CSV files: preview, then commit.

The GUI's import wizard and the ``import`` command share this API::

    source, mapping = prepare(path, "transactions", sheet=None, overrides={"C": "amount"})
    preview = preview_import(db, path, "transactions", progress=callback)  # writes nothing
    result = run_import(db, path, "transactions", skip_invalid=True, progress=callback,
                        overrides=[("ID", "customer_code"), ("ID", "customer_name")],
                        where=["订单状态=已完成"], create_customers=True)

``progress(done, total)`` returning False cancels: nothing is written. An import is one
transaction: all its rows are written or none.
"""

from storage.importer.columns import ColumnMapping, ImportKind, auto_map, fields_of
from storage.importer.filters import RowFilter
from storage.importer.rows import RowIssue
from storage.importer.run import (
    CustomerMatch,
    ImportCancelled,
    ImportPreview,
    ImportProgress,
    ImportResult,
    MappingError,
    prepare,
    preview_import,
    run_import,
)
from storage.importer.sources import ImportFileError, TableSource, open_table

__all__ = [
    "ColumnMapping",
    "CustomerMatch",
    "ImportCancelled",
    "ImportFileError",
    "ImportKind",
    "ImportPreview",
    "ImportProgress",
    "ImportResult",
    "MappingError",
    "RowFilter",
    "RowIssue",
    "TableSource",
    "auto_map",
    "fields_of",
    "open_table",
    "prepare",
    "preview_import",
    "run_import",
]
