"""What an import's check and run answer with, for the window's import dialog (loading it
loads the importer and its readers: import it only when an import is at hand)."""

from __future__ import annotations

from storage.importer import (
    ImportFileError,
    ImportKind,
    ImportPreview,
    ImportResult,
    RowIssue,
    fields_of,
)
from storage.importer.batches import ImportBatch
from storage.importer.dates import DateOrderError
from storage.importer.filters import RowFilter
from storage.importer.undo import ImportUndone, KeptRecord
from storage.importer.workbook import BookImport, SheetImport

__all__ = ["BookImport", "DateOrderError", "ImportBatch", "ImportFileError", "ImportKind",
           "ImportPreview", "ImportResult", "ImportUndone", "KeptRecord", "RowFilter",
           "RowIssue", "SheetImport", "fields_of"]
