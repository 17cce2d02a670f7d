"""What an import's check and run answer with, for the window's import dialog (loading it
loads the importer and its readers: import it only when an import is at hand)."""

from __future__ import annotations

from storage.importer import (
    ColumnMapping,
    ImportFileError,
    ImportKind,
    ImportPreview,
    ImportResult,
    MappingError,
    RowIssue,
    fields_of,
)
from storage.importer.batches import ImportBatch
from storage.importer.dates import DateOrderError
from storage.importer.filters import RowFilter
from storage.importer.undo import ImportUndone, KeptRecord
from storage.importer.workbook import BookImport, SheetImport

__all__ = ["BookImport", "ColumnMapping", "DateOrderError", "ImportBatch", "ImportFileError",
           "ImportKind", "ImportPreview", "ImportResult", "ImportUndone", "KeptRecord",
           "MappingError", "RowFilter", "RowIssue", "SheetImport", "fields_of"]
