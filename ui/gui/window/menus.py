"""The main window's actions and menus (File, Edit, View, Help), with their texts and keys.

A mixin of :class:`~ui.gui.window.main_window.MainWindow`: it creates every ``QAction`` as an
attribute of the window (tests and the shortcut list find them there) and fills the menus;
the window connects them to its slots.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.gui.text import i18n

VIEW_TODAY = "today"
VIEW_CUSTOMERS = "customers"
VIEW_DASHBOARD = "dashboard"
VIEW_PLANS = "plans"
VIEWS = (VIEW_TODAY, VIEW_CUSTOMERS, VIEW_DASHBOARD, VIEW_PLANS)


class MenusMixin(QMainWindow):
    """Builds and names the window's actions; ``retranslate_menus`` sets their texts."""

    view_actions: dict[str, QAction]
    language_actions: dict[str, QAction]

    def _action(self, name: str,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def build_actions(self, language: str) -> None:
        self.new_action = self._action("newBook", "Ctrl+Shift+N")
        self.open_action = self._action("openBook", QKeySequence.StandardKey.Open)
        self.import_action = self._action("importFile", "Ctrl+Shift+I")
        self.export_action = self._action("exportPortfolio", "Ctrl+E")
        self.export_plan_action = self._action("exportPlan", "Ctrl+Shift+E")
        self.weekly_action = self._action("weeklyReport", "Ctrl+Shift+W")
        self.calendar_action = self._action("exportCalendar")
        self.export_all_action = self._action("exportAllData")
        self.import_all_action = self._action("importAllData")
        self.backup_action = self._action("backupNow", "Ctrl+B")
        self.backups_action = self._action("backups")
        self.team_sync_action = self._action("teamSync")
        self.quit_action = self._action("quit", "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action("undo", QKeySequence.StandardKey.Undo)
        self.new_customer_action = self._action("newCustomer", QKeySequence.StandardKey.New)
        # No key of its own: Ctrl+I belongs to the open workspace, and two actions on one
        # key would cancel each other out.
        self.log_interaction_action = self._action("logInteractionMenu")
        self.playbooks_action = self._action("playbooks")
        self.playbooks_action.triggered.connect(self.open_playbooks)
        self.preferences_action = self._action("preferences", "Ctrl+,")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.view_actions = {}
        for number, view in enumerate(VIEWS, start=1):
            self.view_actions[view] = self._action(f"show_{view}", f"Ctrl+{number}")
        self.customers_action = self.view_actions[VIEW_CUSTOMERS]
        self.find_action = self._action("find", QKeySequence.StandardKey.Find)
        self.clear_filters_action = self._action("clearFilters", "Ctrl+Shift+L")
        self.refresh_action = self._action("refresh", QKeySequence.StandardKey.Refresh)
        self.rescore_action = self._action("rescore", "Ctrl+R")
        self.shortcuts_action = self._action("shortcuts", "Ctrl+/")
        self.about_action = self._action("about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for code in ("", *i18n.LANGUAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.setData(code)
            action.setObjectName(f"language_{code or 'system'}")
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions.get(language, self.language_actions[""]).setChecked(True)

    def open_playbooks(self) -> None:
        """Edit → Playbooks…: the plan templates (issue 19, point 2)."""
        from ui.gui.dialogs.playbooks_dialog import PlaybooksDialog

        dialog = PlaybooksDialog(self.book, self)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recentMenu")
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.export_plan_action)
        self.file_menu.addAction(self.weekly_action)
        self.file_menu.addAction(self.calendar_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_all_action)
        self.file_menu.addAction(self.import_all_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.team_sync_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.new_customer_action)
        self.edit_menu.addAction(self.log_interaction_action)
        self.edit_menu.addAction(self.playbooks_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)

        self.view_menu = bar.addMenu("")
        for action in self.view_actions.values():
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.clear_filters_action)
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addAction(self.rescore_action)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.addActions(self.language_group.actions())
        self.view_menu.addMenu(self.language_menu)

        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def retranslate_menus(self) -> None:
        translate = QCoreApplication.translate  # lupdate reads the literal contexts
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.new_action.setText(translate("MainWindow", "&New book…"))
        self.open_action.setText(translate("MainWindow", "&Open book…"))
        self.recent_menu.setTitle(translate("MainWindow", "Open &recent"))
        self.import_action.setText(translate("MainWindow", "&Import…"))
        self.export_action.setText(translate("MainWindow", "&Export portfolio to Excel…"))
        self.export_plan_action.setText(translate("MainWindow", "Export account &plan…"))
        self.weekly_action.setText(translate("MainWindow", "&Weekly report…"))
        self.calendar_action.setText(translate("MainWindow", "Export &calendar…"))
        self.export_all_action.setText(translate("MainWindow", "Export &all data…"))
        self.import_all_action.setText(translate("MainWindow", "Import all &data…"))
        self.backup_action.setText(translate("MainWindow", "&Back up now"))
        self.backups_action.setText(translate("MainWindow", "Bac&kups…"))
        self.team_sync_action.setText(translate("MainWindow", "&Team sync…"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.edit_menu.setTitle(translate("MainWindow", "&Edit"))
        self.undo_action.setText(translate("MainWindow", "&Undo last change"))
        self.new_customer_action.setText(translate("MainWindow", "&New customer…"))
        self.log_interaction_action.setText(translate("MainWindow",
                                                      "&Log an interaction…\tCtrl+I"))
        self.preferences_action.setText(translate("MainWindow", "&Preferences…"))
        self.playbooks_action.setText(translate("MainWindow", "Play&books…"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.view_actions[VIEW_TODAY].setText(translate("MainWindow", "&Today"))
        self.view_actions[VIEW_CUSTOMERS].setText(translate("MainWindow", "&Customers"))
        self.view_actions[VIEW_DASHBOARD].setText(translate("MainWindow", "&Dashboard"))
        self.view_actions[VIEW_PLANS].setText(translate("MainWindow", "&Plans"))
        self.find_action.setText(translate("MainWindow", "&Search customers"))
        self.clear_filters_action.setText(translate("MainWindow", "C&lear search and filters"))
        self.refresh_action.setText(translate("MainWindow", "&Refresh"))
        self.rescore_action.setText(translate("MainWindow", "Re&score now"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.language_actions[""].setText(translate("MainWindow", "System default"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.shortcuts_action.setText(translate("MainWindow", "&Keyboard shortcuts"))
        self.about_action.setText(translate("MainWindow", "&About KeyPlan"))
