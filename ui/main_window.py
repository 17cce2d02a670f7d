"""The main window: menus, the search box, the status bar and the views of the open book.

Views live in a stack keyed by name ("customers" today; Today, Dashboard and Plans join
later), so the screenshot command and navigation address them the same way. All texts are
set in :meth:`MainWindow.retranslate`, which runs again when the language changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from storage.database import Database
from ui import i18n
from ui.book_opener import choose_existing, choose_new, open_book
from ui.customer_view import CustomerBookView
from ui.help_dialogs import ShortcutsDialog, show_about
from ui.settings import Settings

VIEW_CUSTOMERS = "customers"
VIEWS = (VIEW_CUSTOMERS,)


class MainWindow(QMainWindow):
    """One window over one open book; opening another book swaps it in place."""

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db = db
        self.book_open = True  # the window owns the book and closes it with itself
        self.settings = settings
        self._dialogs: list[QWidget] = []  # non-modal windows kept alive while open

        self.customers = CustomerBookView(db, settings, self)
        self.stack = QStackedWidget(self)
        self.views: dict[str, QWidget] = {VIEW_CUSTOMERS: self.customers}
        for view in self.views.values():
            self.stack.addWidget(view)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)
        self.customers.count_changed.connect(lambda _count: self.update_status())

        self.retranslate()
        self._restore_window()
        self.show_view(VIEW_CUSTOMERS)

    # -- building ----------------------------------------------------------------------------
    def _action(self, name: str, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("newBook", "Ctrl+Shift+N")
        self.new_action.triggered.connect(self.new_book)
        self.open_action = self._action("openBook", QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_book_dialog)
        self.quit_action = self._action("quit", "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.find_action = self._action("find", QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.refresh_action = self._action("refresh", QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        self.customers_action = self._action("showCustomers", "Ctrl+1")
        self.customers_action.triggered.connect(lambda: self.show_view(VIEW_CUSTOMERS))
        self.shortcuts_action = self._action("shortcuts", "Ctrl+/")
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = self._action("about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: self._keep(show_about(self, self.db)))

        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *i18n.LANGUAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.setData(code)
            action.setObjectName(f"language_{code or 'system'}")
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions.get(self.settings.language(),
                                  self.language_actions[""]).setChecked(True)
        self.language_group.triggered.connect(
            lambda action: self.set_language(str(action.data())))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.customers_action)
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.addActions(self.language_group.actions())
        self.view_menu.addMenu(self.language_menu)

        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        char = self.fontMetrics().averageCharWidth()
        self.search_box.setMinimumWidth(char * 40)
        self.search_box.setMaximumWidth(char * 70)
        self.search_box.textChanged.connect(self.customers.search)
        self.search_box.returnPressed.connect(self.customers.apply_search)
        self.search_label = QLabel(self)
        self.search_label.setObjectName("searchLabel")
        self.search_label.setBuddy(self.search_box)
        self.search_label.setContentsMargins(6, 0, 4, 0)
        self.toolbar.addWidget(self.search_label)
        self.toolbar.addWidget(self.search_box)

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.new_action.setText(self.tr("&New book…"))
        self.open_action.setText(self.tr("&Open book…"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.customers_action.setText(self.tr("&Customers"))
        self.find_action.setText(self.tr("&Search customers"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[""].setText(self.tr("System default"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.help_menu.setTitle(self.tr("&Help"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About KeyPlan"))
        self.toolbar.setWindowTitle(self.tr("Search"))
        self.search_label.setText(self.tr("&Search:"))
        self.search_box.setPlaceholderText(
            self.tr("Name, code, contact, tag or pinyin (e.g. hwjs)"))
        self.customers.retranslate()
        self.update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_status(self) -> None:
        if not self.book_open:
            return
        locale = QLocale()
        total = self.db.customer_count()
        shown = self.customers.model.rowCount()
        if self.customers.model.query.search.strip():
            text = self.tr("Customers: {shown} of {total}").format(
                shown=locale.toString(shown), total=locale.toString(total))
        else:
            text = self.tr("Customers: {total}").format(total=locale.toString(total))
        self.count_label.setText(text)
        path = str(self.db.path)
        self.path_label.setText(self.tr("Book: {path}").format(path=path))
        self.path_label.setToolTip(path)
        # Qt appends the application's display name ("— KeyPlan") itself.
        self.setWindowTitle(self.db.path.name)

    # -- views and search --------------------------------------------------------------------
    def show_view(self, name: str) -> QWidget:
        view = self.views[name]
        self.stack.setCurrentWidget(view)
        return view

    def current_view_name(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, view in self.views.items() if view is current)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The search box ignores Escape, so it arrives here: clear and go back to the list.
        if event.key() == Qt.Key.Key_Escape and self.search_box.hasFocus():
            self.search_box.clear()
            self.customers.table.setFocus()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        self.customers.refresh()
        self.update_status()

    # -- books -------------------------------------------------------------------------------
    def open_book_dialog(self) -> None:
        path = choose_existing(self, self.settings.last_folder())
        if path is not None:
            self.open_path(path)

    def new_book(self) -> None:
        path = choose_new(self, self.settings.last_folder())
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open the book at ``path`` in this window; the current one stays if it fails."""
        if path.resolve() == self.db.path.resolve():
            return True
        opened = open_book(path, self, self.settings.last_folder())
        if opened is None:
            return False
        self.set_database(opened[0])
        return True

    def set_database(self, db: Database) -> None:
        old = self.db
        self.db = db
        self.customers.set_database(db)
        old.close()
        self.settings.remember_database(db.path)
        self.update_status()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.db.path.resolve()
        recent = [p for p in self.settings.recent_databases() if p != current]
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No other recent books"))
            empty.setEnabled(False)

    # -- language, help ----------------------------------------------------------------------
    def set_language(self, preference: str) -> None:
        """Store the preference and switch the whole UI live."""
        self.settings.set_language(preference)
        i18n.install_language(i18n.resolve_language(preference))

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.actions(), self)
        self._keep(dialog)
        dialog.open()

    def _keep(self, widget: QWidget) -> None:
        self._dialogs = [d for d in self._dialogs if d.isVisible()]
        self._dialogs.append(widget)

    # -- state -------------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            width = min(1280, available.width() - 40) if available is not None else 1280
            height = min(800, available.height() - 40) if available is not None else 800
            self.resize(width, height)
        state = self.settings.window_state()
        if not state.isEmpty():
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.customers.save_layout()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.close_book()

    def close_book(self) -> None:
        """Close the database connection; the window shows nothing more from it."""
        if self.book_open:
            self.book_open = False
            self.db.close()
