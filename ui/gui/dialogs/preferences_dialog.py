"""Edit → Preferences: language, scoring weights and thresholds, review cadence, backups.

The language switches live. Scoring settings are checked by ``ScoringConfig.validated``
before anything is written; each problem appears beside its fields, in the user's language,
and nothing is saved until all are fixed. Saving runs on the worker thread; the main window
then rescores the book in the background.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.config import DIMENSIONS, PRESETS, ScoringConfig, preset_weights
from models.enums import PersonRole, Priority, Tier
from models.validation import ValidationErrors
from storage.book import Book
from storage.changes import Changes
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.settings import Settings
from ui.gui.text import i18n
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.text.labels import label

ERROR_STYLE = "color: #b3261e;"


def error_label(parent: QWidget) -> QLabel:
    found = QLabel(parent)
    found.setObjectName("fieldError")
    found.setStyleSheet(ERROR_STYLE)
    found.setWordWrap(True)
    found.hide()
    return found


def spin(parent: QWidget, low: float, high: float, value: float, suffix: str = "",
         decimals: int = 1) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(1.0)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    # As wide as its longest value: stretched across the page a "7" sat far from its label.
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


def int_spin(parent: QWidget, low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


class PreferencesDialog(QDialog):
    """Emits ``language_chosen`` at once, and ``saved(scoring_changed)`` after a save."""

    language_chosen = Signal(str)
    saved = Signal(object)  # Changes: what the save wrote

    def __init__(self, book: Book, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.db_path = book.path
        self.config = book.settings.scoring()
        self.policy = book.settings.backup_policy()
        self.service_levels = book.settings.service_levels()
        self.settings = settings
        self.book_path = book.path
        self.me = settings.me(book.path)
        known = book.people.named(self.me) if self.me else None
        self.me_role = known.role if known is not None else PersonRole.SALESPERSON
        self.task: BookTask | None = None
        self.errors: dict[str, QLabel] = {}
        # Weights and tiers on pages of their own: on one page the dialog was taller than a
        # 1366 x 768 laptop screen leaves room for, in Chinese.
        tabs = QTabWidget(self)
        tabs.addTab(self._general_tab(settings.language()), self.tr("General"))
        tabs.addTab(self._weights_tab(), self.tr("Weights"))
        tabs.addTab(self._tiers_tab(), self.tr("Tiers"))
        tabs.addTab(self._reviews_tab(), self.tr("Reviews"))
        tabs.addTab(self._lifecycle_tab(), self.tr("Lifecycle"))
        self.tabs = tabs
        # The page each group of errors is on.
        self.error_pages = {"weights": 1, "thresholds": 2, "strategic_revenue_top_percent": 2,
                            "abc": 2, "review_cadence_days": 3, "window_months": 4,
                            "new_customer_days": 4, "churn_months": 4}
        self.general_error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self._errors_shown = False
        for box in (*self.weights.values(), *self.threshold_boxes.values(), self.guard_box,
                    self.abc_a, self.abc_b):
            box.valueChanged.connect(self._check_again)
        for days in (*self.cadence.values(), *self.lifecycle.values()):
            days.valueChanged.connect(self._check_again)
        self.guard_check.toggled.connect(self._check_again)

    # -- tabs ------------------------------------------------------------------------------
    def _general_tab(self, language: str) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language_combo = QComboBox(page)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("System default"), "")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
        self.language_combo.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(str(self.language_combo.currentData())))
        form.addRow(self.tr("Language:"), self.language_combo)
        me = QGroupBox(self.tr("You"), page)
        me_form = QFormLayout(me)
        self.me_name = QLineEdit(self.me, me)
        self.me_name.setObjectName("meName")
        self.me_name.setMaxLength(80)
        self.me_name.setPlaceholderText(self.tr("Your name, as customers' owner names you"))
        self.me_role_combo = QComboBox(me)
        self.me_role_combo.setObjectName("meRole")
        for role in PersonRole:
            self.me_role_combo.addItem(label(role), role)
        self.me_role_combo.setCurrentIndex(list(PersonRole).index(self.me_role))
        me_form.addRow(self.tr("Name:"), self.me_name)
        me_form.addRow(self.tr("Role:"), self.me_role_combo)
        hint = QLabel(self.tr("New customers are yours by default, and Today shows your work "
                              "first. Kept on this computer for this book."), me)
        hint.setWordWrap(True)
        me_form.addRow(hint)
        form.addRow(me)
        backups = QGroupBox(self.tr("Automatic backups"), page)
        backup_form = QFormLayout(backups)
        self.keep_daily = int_spin(backups, 1, 365, self.policy[0])
        self.keep_daily.setObjectName("keepDaily")
        self.keep_weekly = int_spin(backups, 1, 365, self.policy[1])
        self.keep_weekly.setObjectName("keepWeekly")
        backup_form.addRow(self.tr("Daily backups to keep:"), self.keep_daily)
        backup_form.addRow(self.tr("Weekly backups to keep:"), self.keep_weekly)
        form.addRow(backups)
        # Team sync's automatic interval: kept on this computer (File → Team sync…).
        self.sync_minutes = int_spin(page, 1, 240, max(1, round(self.settings.sync_interval()
                                                                / 60)), self.tr(" min"))
        self.sync_minutes.setObjectName("syncMinutes")
        form.addRow(self.tr("Team sync every:"), self.sync_minutes)
        self.reminders_box = QCheckBox(self.tr("Remind me when follow-ups and plan actions "
                                               "fall due"), page)
        self.reminders_box.setObjectName("remindersOn")
        self.reminders_box.setChecked(self.settings.reminders())
        form.addRow(self.reminders_box)
        return page

    def _weights_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        weights = QGroupBox(self.tr("Weights of the value dimensions (they add up to 100 %)"),
                            page)
        grid = QGridLayout(weights)
        self.weights: dict[str, QDoubleSpinBox] = {}
        half = (len(DIMENSIONS) + 1) // 2
        for number, name in enumerate(DIMENSIONS):
            box = spin(weights, 0, 100, float(self.config.weights.get(name, 0)), " %",
                       decimals=2)
            box.setObjectName(f"weight_{name}")
            box.valueChanged.connect(self._update_total)
            self.weights[name] = box
            # Two label-and-box columns with a gap between them; the room left goes to the
            # right, so each box stays beside its label.
            row, column = number % half, 3 * (number // half)
            grid.addWidget(QLabel(dimension_label(name), weights), row, column)
            grid.addWidget(box, row, column + 1)
        self.total_label = QLabel(weights)
        self.total_label.setObjectName("weightsTotal")
        self.preset_combo = QComboBox(weights)
        self.preset_combo.setObjectName("presetCombo")
        self.preset_combo.addItem(self.tr("Apply a preset…"), "")
        names = {"default": self.tr("Default"), "revenue_led": self.tr("Revenue first"),
                 "balanced": self.tr("Balanced"), "strategic": self.tr("Strategic potential")}
        for preset in PRESETS:
            self.preset_combo.addItem(names.get(preset, preset), preset)
        self.preset_combo.activated.connect(self._apply_preset)
        footer = QHBoxLayout()
        footer.addWidget(self.total_label)
        footer.addStretch(1)
        footer.addWidget(self.preset_combo)
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(5, 1)
        grid.addLayout(footer, half, 0, 1, 6)
        self.errors["weights"] = error_label(weights)
        grid.addWidget(self.errors["weights"], half + 1, 0, 1, 6)
        layout.addWidget(weights)
        layout.addStretch(1)
        self._update_total()
        return page

    def _tiers_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        tiers = QGroupBox(self.tr("Tier thresholds and classes"), page)
        form = QFormLayout(tiers)
        config = self.config
        self.threshold_boxes = {
            Tier.STRATEGIC: spin(tiers, 0, 100, config.threshold_strategic),
            Tier.KEY: spin(tiers, 0, 100, config.threshold_key),
            Tier.STANDARD: spin(tiers, 0, 100, config.threshold_standard),
        }
        for tier, box in self.threshold_boxes.items():
            box.setObjectName(f"threshold_{tier.value}")
            form.addRow(self.tr("Lowest score for {tier}:").format(tier=label(tier)), box)
        self.errors["thresholds"] = error_label(tiers)
        form.addRow(self.errors["thresholds"])
        guard = config.strategic_revenue_top_percent
        self.guard_check = QCheckBox(self.tr("Strategic also needs revenue in the top"), tiers)
        self.guard_check.setChecked(guard is not None)
        self.guard_box = spin(tiers, 1, 100, guard if guard is not None else 20.0, " %")
        self.guard_box.setEnabled(guard is not None)
        self.guard_check.toggled.connect(self.guard_box.setEnabled)
        form.addRow(self.guard_check, self.guard_box)
        self.errors["strategic_revenue_top_percent"] = error_label(tiers)
        form.addRow(self.errors["strategic_revenue_top_percent"])
        self.abc_a = spin(tiers, 0, 100, config.abc_a_percent, " %")
        self.abc_b = spin(tiers, 0, 100, config.abc_b_percent, " %")
        form.addRow(self.tr("Class A closes at cumulative revenue:"), self.abc_a)
        form.addRow(self.tr("Class B closes at cumulative revenue:"), self.abc_b)
        self.errors["abc"] = error_label(tiers)
        form.addRow(self.errors["abc"])
        layout.addWidget(tiers)
        layout.addStretch(1)
        return page

    def _reviews_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        intro = QLabel(self.tr("How often each tier is reviewed, and the longest silence "
                               "tolerated before the Today view lists the customer."), page)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.cadence: dict[Tier, QSpinBox] = {}
        for tier in Tier:
            days = int(self.config.review_cadence_days.get(tier.value, 90))
            box = int_spin(page, 1, 730, days, self.tr(" days"))
            box.setObjectName(f"cadence_{tier.value}")
            self.cadence[tier] = box
            form.addRow(label(tier), box)
        self.errors["review_cadence_days"] = error_label(page)
        form.addRow(self.errors["review_cadence_days"])
        answer = QLabel(self.tr("Days to answer a need or complaint, by its priority, from the "
                                "day it was raised (its due date; Today lists it when late)."),
                        page)
        answer.setWordWrap(True)
        form.addRow(answer)
        self.sla: dict[Priority, QSpinBox] = {}
        for priority in Priority:
            box = int_spin(page, 1, 365, self.service_levels[priority], self.tr(" days"))
            box.setObjectName(f"sla_{priority.value}")
            self.sla[priority] = box
            form.addRow(label(priority), box)
        return page

    def _lifecycle_tab(self) -> QWidget:
        """The windows that decide a customer's lifecycle stage and the scoring window."""
        page = QWidget(self)
        form = QFormLayout(page)
        intro = QLabel(self.tr(
            "A customer with no purchase yet is a potential one; new while its first purchase "
            "is recent; churned when its last purchase is older than the churn window; active "
            "otherwise. Revenue, profit and the other figures are read over the scoring "
            "window. Saving a change rescores the book."), page)
        intro.setWordWrap(True)
        form.addRow(intro)
        config = self.config
        self.lifecycle: dict[str, QSpinBox] = {
            "new_customer_days": int_spin(page, 1, 730, config.new_customer_days,
                                          self.tr(" days")),
            "churn_months": int_spin(page, 1, 60, config.churn_months, self.tr(" months")),
            "window_months": int_spin(page, 1, 60, config.window_months, self.tr(" months")),
        }
        rows = {"new_customer_days": self.tr("New for (since the first purchase):"),
                "churn_months": self.tr("Churned after (no purchase for):"),
                "window_months": self.tr("Scoring window:")}
        # one width for the three ("730 days" and "60 months" sized each box differently)
        width = max(box.sizeHint().width() for box in self.lifecycle.values())
        for name, box in self.lifecycle.items():
            box.setObjectName(name)
            box.setMinimumWidth(width)
            form.addRow(rows[name], box)
            self.errors[name] = error_label(page)
            form.addRow(self.errors[name])
        return page

    # -- behaviour -------------------------------------------------------------------------
    def _update_total(self) -> None:
        total = sum(box.value() for box in self.weights.values())
        self.total_label.setText(self.tr("Total: {total} %").format(total=f"{total:g}"))
        self.total_label.setStyleSheet("" if abs(total - 100) <= 0.01 else ERROR_STYLE)

    def _apply_preset(self, index: int) -> None:
        name = str(self.preset_combo.itemData(index) or "")
        if not name:
            return
        for dimension, value in preset_weights(name).items():
            with QSignalBlocker(self.weights[dimension]):
                self.weights[dimension].setValue(value)
        self._update_total()
        self.preset_combo.setCurrentIndex(0)

    def edited_config(self) -> ScoringConfig:
        return replace(
            self.config,
            weights={name: box.value() for name, box in self.weights.items()},
            threshold_strategic=self.threshold_boxes[Tier.STRATEGIC].value(),
            threshold_key=self.threshold_boxes[Tier.KEY].value(),
            threshold_standard=self.threshold_boxes[Tier.STANDARD].value(),
            strategic_revenue_top_percent=self.guard_box.value()
            if self.guard_check.isChecked() else None,
            abc_a_percent=self.abc_a.value(), abc_b_percent=self.abc_b.value(),
            review_cadence_days={t.value: box.value() for t, box in self.cadence.items()},
            **{name: box.value() for name, box in self.lifecycle.items()})

    def _check_again(self) -> None:
        """Once errors are shown, each edit checks again: a corrected value takes its
        message away at once (it stayed until the next save, about a value no longer there)."""
        if not self._errors_shown:
            return
        try:
            self.edited_config().validated()
        except ValidationErrors as errors:
            self.show_errors(errors, switch_page=False)
        else:
            self.show_errors(None)

    def show_errors(self, errors: ValidationErrors | None, *, switch_page: bool = True) -> None:
        """Each problem beside its fields (and the page of the first one shown); None
        clears them all."""
        self._errors_shown = bool(errors)
        for found in (*self.errors.values(), self.general_error):
            found.clear()
            found.hide()
        for error in errors.errors if errors else []:
            key = error.field.split(".")[0]
            target = self.errors.get(key, self.general_error)
            text = i18n.validation_message(error)
            target.setText(f"{target.text()}\n{text}" if target.text() else text)
            target.show()
        if errors and switch_page:
            first = errors.errors[0].field.split(".")[0]
            self.tabs.setCurrentIndex(self.error_pages.get(first, 1))

    def save(self) -> None:
        """Check everything; if valid, write it in the background and close."""
        if self.task is not None:
            return
        try:
            config = self.edited_config().validated()
        except ValidationErrors as errors:
            self.show_errors(errors)
            return
        self.show_errors(None)
        scoring_changed = config != self.config.validated()
        policy = (self.keep_daily.value(), self.keep_weekly.value())
        levels = {priority: box.value() for priority, box in self.sla.items()}
        new_levels = levels if levels != self.service_levels else None
        me = " ".join(self.me_name.text().split())
        role = PersonRole(self.me_role_combo.currentData())

        def work(book: Book, _progress: Progress) -> Changes:
            # New weights: a re-tier from the stored points, as the weights command does.
            changes = book.settings.save(policy, config if scoring_changed else None,
                                         service_levels=new_levels)
            if me:
                book.people.ensure(me, role)
            return changes

        self.save_button.setEnabled(False)
        self.task = BookTask(self.db_path, work, self)
        self.task.success(self._saved).failure(self._failed).run_in_background()

    def _saved(self, changes: Changes) -> None:
        self.task = None
        self.settings.set_me(self.book_path, " ".join(self.me_name.text().split()))
        self.settings.set_sync_interval(self.sync_minutes.value() * 60)
        self.settings.set_reminders(self.reminders_box.isChecked())
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationErrors):
            self.show_errors(error)
            return
        raise error
