"""What can be wrong with an import file as a whole, each with a message the user can act on
(the row-level problems are :class:`storage.importer.rows.RowIssue`)."""

from __future__ import annotations

from models.validation import tr_noop
from storage.errors import StorageError


class ImportFileError(StorageError):
    message = tr_noop("Could not read {path}: {detail}")


class EncodingUnknownError(ImportFileError):
    message = tr_noop("The text encoding of {path} could not be told apart: it reads as "
                      "{guesses}. Save it as CSV UTF-8 (Excel: Save As → CSV UTF-8; WPS: "
                      "encoding UTF-8) or as an .xlsx workbook and try again.")


class EncodingNoneError(EncodingUnknownError):
    """No candidate encoding reads the file cleanly (it may not be text at all)."""

    message = tr_noop("{path} does not read as text in any encoding KeyPlan knows ({guesses}): "
                      "is it a CSV file? Save it as CSV UTF-8 (Excel: Save As → CSV UTF-8; "
                      "WPS: encoding UTF-8) or as an .xlsx workbook and try again.")


class EncodingBrokenError(EncodingUnknownError):
    """The file says (by a byte-order mark) or was found to be in one encoding, but part of it
    is not: cut, joined from two files, or changed while it was read."""

    message = tr_noop("{path} is {encoding} text, but not all of it: some bytes do not read "
                      "as {encoding} (the file may be cut, joined from two files or still being "
                      "written). Save it again as CSV UTF-8 (Excel: Save As → CSV UTF-8; WPS: "
                      "encoding UTF-8) or as an .xlsx workbook and try again.")


class NotATableError(ImportFileError):
    message = tr_noop("{path} is not a readable spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods) "
                      "or CSV file ({detail}).")


class EncryptedFileError(ImportFileError):
    message = tr_noop("{path} is protected by a password. Open it in Excel or WPS, remove the "
                      "password (File → Info → Protect Workbook → Encrypt with Password), save "
                      "a copy and import that copy.")


class SheetNotFoundError(ImportFileError):
    message = tr_noop("{path} has no sheet '{sheet}'. Its sheets: {sheets}.")


class ChartSheetError(ImportFileError):
    message = tr_noop("Sheet '{sheet}' of {path} is a chart, not a table. Choose a sheet with "
                      "rows of data: {sheets}.")


class SheetExtentError(ImportFileError):
    message = tr_noop("Sheet '{sheet}' of {path} spans A1:{corner} ({cells} cells) because of "
                      "cells far away from the table. Delete the rows and columns beyond the "
                      "table (or copy the table into a new workbook), save, and try again.")


class ArchiveBombError(ImportFileError):
    message = tr_noop("{path} would expand to {expanded} MB when unpacked, {ratio} times its "
                      "size: that is not an ordinary workbook, so it was not read.")


class DamagedWorkbookError(ImportFileError):
    """A part of the workbook's archive does not unpack as its directory says: a size that
    lies, a checksum that fails, a part cut short (a copy broken in transfer, or made so)."""

    message = tr_noop("{path} is damaged: a part of it does not unpack as the file says it "
                      "should, so it was not read. Open it in Excel or WPS and save it again "
                      "(or ask for the file again), then import the new copy.")


class SheetTooLargeError(ImportFileError):
    message = tr_noop("{path} could not be read within {limit} MB of memory: its sheet is "
                      "larger than an import can hold. Split it into smaller files or save "
                      "it as CSV, then import those.")


class FolderGivenError(ImportFileError):
    message = tr_noop("{path} is a folder. Choose a spreadsheet or CSV file inside it.")


class EmptyFileError(ImportFileError):
    message = tr_noop("{path} holds no rows to import.")


class HiddenSheetsOnlyError(ImportFileError):
    message = tr_noop("{path} shows no sheet with rows to import; its hidden sheets: {sheets}. "
                      "Choose one of them as the sheet to import.")


class HeadersOnlyError(ImportFileError):
    message = tr_noop("{path} has a header row ({headers}) but no rows below it to import.")


class NotABookError(ImportFileError):
    message = tr_noop("{path} holds no sheet of a KeyPlan book (Customers, Contacts, "
                      "Transactions …, as Export all data writes them). Its sheets: {sheets}. "
                      "Import it as one table of customers, contacts or sales instead.")
