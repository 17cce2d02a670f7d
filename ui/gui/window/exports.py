"""The main window's workbooks out: the portfolio, one customer's account plan, the weekly
report, all data; and all data back in. Each runs on the worker thread with its progress in
the status bar (and a cancel), and ends in a message: an export's opens the workbook or its
folder.

A mixin of :class:`~ui.gui.window.main_window.MainWindow`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QPushButton

from storage.book import Book
from storage.book.types import ExportResult
from ui.gui.background import book_operations as ops
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.dialogs.save_path import with_suffix
from ui.gui.text import i18n

if TYPE_CHECKING:
    from collections.abc import Callable

    from storage.book import BookImported
    from ui.gui.settings import Settings

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


def _safe_stem(text: str) -> str:
    """A file-name part that Windows accepts (no \\ / : * ? " < > |)."""
    cleaned = "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in text)
    return cleaned.strip(" .")[:60] or "customer"


class ExportsMixin(QMainWindow):
    """File → Export portfolio…, Export account plan…, Weekly report…"""

    if TYPE_CHECKING:
        book: Book
        settings: Settings
        workspace: Any
        customers: Any
        _dialogs: list[Any]

        def run_tracked(self, text: str, work: Callable[[Book, Progress], Any], *,
                        success: Callable[[Any], object] | None = None,
                        cancellable: bool = True) -> BookTask: ...
        def say(self, text: str) -> None: ...
        def book_changed(self) -> None: ...
        def rescore(self) -> Any: ...

    # -- portfolio ------------------------------------------------------------------------
    def export_portfolio(self) -> None:
        folder = self.settings.last_folder() or Path.home()
        suggested = folder / f"keyplan-portfolio-{date.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Export portfolio"), str(suggested),
            translate("MainWindow", "Excel workbooks (*.xlsx)"))
        if path:
            self.export_portfolio_to(Path(path))

    def export_portfolio_to(self, path: Path) -> BookTask:
        path = with_suffix(path, ".xlsx")
        tiers = sorted(self.customers.filters.tiers, key=lambda t: t.rank)
        lang = i18n.current_language()
        return self.run_tracked(
            translate("MainWindow", "Exporting the portfolio…"),
            lambda book, p: ops.export_book(book, p, path, tiers, lang),
            success=lambda result: self._exported(result, translate(
                "MainWindow", "Wrote {path}: {rows} customers.").format(
                path=result.path, rows=QLocale().toString(result.rows))))

    # -- one customer's account plan --------------------------------------------------------
    def plan_customer(self) -> str | None:
        """The customer whose plan File → Export account plan… writes: the one open in its
        workspace, else the one selected in the customer list."""
        if self.workspace is not None:
            return str(self.workspace.customer_id)
        row = self.customers.selected_customer()
        return str(row.id) if row is not None else None

    def export_plan(self, customer_id: str | None = None, period: str | None = None) -> None:
        """Ask where, then write the account plan workbook (of ``period``, else the latest
        plan) of ``customer_id``, else of the open or selected customer."""
        customer_id = customer_id or self.plan_customer()
        if customer_id is None:
            self._tell(translate("MainWindow", "Export account plan"), translate(
                "MainWindow", "Open a customer, or select one in the customer list, to export "
                "its account plan."))
            return
        name = self.book.customers.header(customer_id).name
        folder = self.settings.last_folder() or Path.home()
        stem = translate("MainWindow", "account-plan-{name}").format(name=_safe_stem(name))
        when = period or date.today().isoformat()
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Export account plan"),
            str(folder / f"{stem}-{when}.xlsx"),
            translate("MainWindow", "Excel workbooks (*.xlsx)"))
        if path:
            self.export_plan_to(customer_id, Path(path), period)

    def export_plan_to(self, customer_id: str, path: Path,
                       period: str | None = None) -> BookTask:
        path = with_suffix(path, ".xlsx")
        lang = i18n.current_language()
        return self.run_tracked(
            translate("MainWindow", "Exporting the account plan…"),
            lambda book, _p: book.exports.plan(customer_id, path, period=period, lang=lang),
            success=lambda result: self._exported(result, translate(
                "MainWindow", "Wrote the account plan {path}.").format(path=result.path)))

    # -- the weekly report ------------------------------------------------------------------
    def weekly_report(self) -> Any:
        from ui.gui.dialogs.weekly_dialog import WeeklyReportDialog

        dialog = WeeklyReportDialog(self.book.customers.owners(), self.settings.last_folder(),
                                    self, me=self.settings.me(self.book.path))
        dialog.chosen.connect(self.export_weekly_to)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_weekly_to(self, path: Path, day: date, owner: str) -> BookTask:
        path = with_suffix(path, ".xlsx")
        lang = i18n.current_language()
        return self.run_tracked(
            translate("MainWindow", "Writing the weekly report…"),
            lambda book, _p: book.exports.weekly(path, today=day, owner=owner or None,
                                                 lang=lang),
            success=lambda result: self._exported(result, translate(
                "MainWindow", "Wrote the weekly report {path}.").format(path=result.path)))

    # -- the calendar (.ics) -----------------------------------------------------------------
    def calendar_export(self) -> Any:
        from ui.gui.dialogs.calendar_export_dialog import CalendarExportDialog

        dialog = CalendarExportDialog(self.book.customers.owners(), self.settings.last_folder(),
                                      self, me=self.settings.me(self.book.path))
        dialog.chosen.connect(self.export_calendar_to)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_calendar_to(self, choice: Any) -> BookTask:
        """Write the .ics the dialog's ``CalendarChoice`` asks for, on the worker thread."""
        lang = i18n.current_language()
        return self.run_tracked(
            translate("MainWindow", "Exporting the calendar…"),
            lambda book, _p: book.exports.calendar(
                choice.path, since=choice.since, until=choice.until, owner=choice.owner or None,
                kinds=choice.kinds, lang=lang, reminder=choice.reminder, done=choice.done),
            success=self._calendar_exported)

    def _calendar_exported(self, result: Any) -> QMessageBox:
        text = translate("MainWindow", "Wrote {path}: {events} events. Import it in Outlook, "
                         "Google Calendar or Apple Calendar; importing a later export updates "
                         "the same events.").format(path=result.path,
                                                   events=QLocale().toString(result.events))
        self.say(text.split(";")[0])
        box = QMessageBox(QMessageBox.Icon.Information, translate("MainWindow", "Export"),
                          text, QMessageBox.StandardButton.Close, self)
        box.setObjectName("calendarDoneBox")
        folder = box.addButton(translate("MainWindow", "Show in folder"),
                               QMessageBox.ButtonRole.ActionRole)
        box.buttonClicked.connect(lambda button: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(result.path.parent))) if button is folder else None)
        box.open()
        return box

    # -- all data, out and back in ---------------------------------------------------------
    def export_all(self) -> None:
        """File → Export all data…: every record, a sheet per kind, that File → Import all
        data… (or keyplan import book) reads back into another book."""
        folder = self.settings.last_folder() or Path.home()
        suggested = folder / f"keyplan-all-data-{date.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, translate("MainWindow", "Export all data"), str(suggested),
            translate("MainWindow", "Excel workbooks (*.xlsx)"))
        if path:
            self.export_all_to(Path(path))

    def export_all_to(self, path: Path) -> BookTask:
        path = with_suffix(path, ".xlsx")
        lang = i18n.current_language()
        return self.run_tracked(
            translate("MainWindow", "Exporting all data…"),
            lambda book, p: book.exports.book(path, lang=lang, progress=p.report),
            success=lambda result: self._exported(result, translate(
                "MainWindow", "Wrote {path}: {rows} records on {sheets} sheets. File → Import "
                "all data… in another book brings them back.").format(
                path=result.path, rows=QLocale().toString(result.rows),
                sheets=len(result.sheets))))

    def import_all(self) -> None:
        """File → Import all data…: a workbook of Export all data into this book, in one
        transaction after a backup (a bad row: nothing is written)."""
        folder = self.settings.last_folder() or Path.home()
        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Import all data"), str(folder),
            translate("MainWindow", "Excel workbooks (*.xlsx)"))
        if not path:
            return
        self.ask_import_all(Path(path))

    def ask_import_all(self, path: Path) -> QMessageBox | BookTask:
        """Import at once into an empty book; into one with customers, after a yes."""
        customers = self.book.customers.count()
        if not customers:
            return self.import_all_from(path)
        box = QMessageBox(QMessageBox.Icon.Question, translate("MainWindow", "Import all data"),
                          translate("MainWindow", "This book already has {count} customers. "
                                    "Records of the workbook that it has (the same KeyPlan ID "
                                    "or code) are updated, the others added. A backup is made "
                                    "first. Import?").format(
                              count=QLocale().toString(customers)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("importAllQuestion")
        box.buttonClicked.connect(
            lambda button: self.import_all_from(path)
            if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
        box.open()
        return box

    def import_all_from(self, path: Path) -> BookTask:
        # The window rescores afterwards (in a process of its own for a large book), as
        # after any import.
        return self.run_tracked(
            translate("MainWindow", "Importing all data…"),
            lambda book, p: book.imports.run_book(path, rescore=False, progress=p.report),
            success=self._imported_all)

    def _imported_all(self, imported: BookImported) -> QMessageBox:
        from ui.gui.dialogs.import_dialog import issue_text

        result = imported.result
        title = translate("MainWindow", "Import all data")
        if result.written:
            text = translate("MainWindow", "Imported {created} new and {updated} updated "
                             "records from {file}.").format(
                created=QLocale().toString(result.created),
                updated=QLocale().toString(result.updated), file=result.path.name)
            self.book_changed()
            self.rescore()
        else:
            lines = [f"{sheet} · {issue_text(issue)}" for sheet, issue in result.issues[:8]]
            text = translate("MainWindow", "Nothing was imported: {count} rows have problems. "
                             "Fix them in the workbook and import it again.").format(
                count=QLocale().toString(result.bad_rows)) + "\n\n" + "\n".join(lines)
        self.say(text.split("\n")[0])
        box = QMessageBox(QMessageBox.Icon.Information if result.written
                          else QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("importAllDoneBox")
        box.open()
        return box

    # -- after an export --------------------------------------------------------------------
    def _exported(self, result: ExportResult, text: str) -> QMessageBox:
        """Say where the workbook is, and offer to open it or its folder."""
        self.say(text)
        box = QMessageBox(QMessageBox.Icon.Information, translate("MainWindow", "Export"),
                          text, QMessageBox.StandardButton.Close, self)
        box.setObjectName("exportDoneBox")
        open_file = box.addButton(translate("MainWindow", "Open the workbook"),
                                  QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(translate("MainWindow", "Show in folder"),
                                    QMessageBox.ButtonRole.ActionRole)

        def clicked(button: QPushButton) -> None:
            if button is open_file:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
            elif button is open_folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))

        box.buttonClicked.connect(clicked)
        box.open()
        return box

    def _tell(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("exportHintBox")
        box.open()

