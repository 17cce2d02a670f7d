"""The Assessment tab: rate the customer now (1–5 on eight qualities), past assessments, and
the score's history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.entities import RATING_FIELDS, Assessment
from storage.book import Done, Saved
from ui.gui.forms.assessment_form import AssessmentForm, AssessmentFormDialog, assessment_defaults
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.saving import RecordSaver
from ui.gui.forms.values import EMPTY
from ui.gui.models.rows_model import RIGHT, Column, first_line
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.workspace.chart_view import ChartView
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


def _rating_column(name: str) -> Column:
    return Column(
        name,
        lambda: dimension_label(name),
        lambda a: str(getattr(a, name)) if getattr(a, name) else EMPTY,
        sort=lambda a: getattr(a, name),
        align=RIGHT,
    )


def _columns() -> list[Column]:

    return [
        Column(
            "assessed_on",
            lambda: translate("AssessmentTab", "Date"),
            lambda a: a.assessed_on.isoformat(),
            sort=lambda a: a.assessed_on,
        ),
        Column("assessor", lambda: translate("AssessmentTab", "Assessor"), lambda a: a.assessor),
        *(_rating_column(name) for name in RATING_FIELDS),
        Column(
            "notes",
            lambda: translate("AssessmentTab", "Notes"),
            lambda a: first_line(a.notes),
            tooltip=lambda a: a.notes or None,
        ),
    ]


class AssessmentTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.form = AssessmentForm(None, parent=self)
        self.saver = RecordSaver(self.book, self.form, self)
        self.saver.saved.connect(self._saved)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveAssessment")
        self.save_button.clicked.connect(self.save_form)
        self.form.validity_changed.connect(self.save_button.setEnabled)
        self.chart = ChartView(context, "history", self, min_height=220)
        self.panel = ListPanel(_columns(), self, name="assessments")
        self.edit_button = self.panel.button("editAssessment", self.edit_selected, needs_row=True)
        self.delete_button = self.panel.button(
            "deleteAssessment", self.delete_selected, needs_row=True
        )
        self.panel.activated.connect(self.edit)
        self.panel.delete_pressed.connect(self.delete)
        self.dialog: AssessmentFormDialog | None = None

        rate = QWidget(self)
        rate_layout = QVBoxLayout(rate)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        rate_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        rate_layout.addLayout(buttons)
        rate_layout.addStretch(1)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(rate)
        top.addWidget(self.chart)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setChildrenCollapsible(False)
        top.setSizes([720, 480])
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([440, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.panel.fit_columns(
            {"assessed_on": 10, "assessor": 10, **dict.fromkeys(RATING_FIELDS, 3)}
        )

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save assessment"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.chart.retranslate()
        self.panel.model.retranslate()

    @property
    def is_loaded(self) -> bool:
        return not self.stale and not self.chart.loading

    def reload(self) -> None:
        assessments = self.book.assessments.of_customer(self.customer_id)  # newest first
        self.panel.set_rows(assessments, keep=lambda a: a.id)
        if not self.form.is_dirty():
            self.form.load(None, assessment_defaults(self.book, self.customer_id))
        self.save_button.setEnabled(self.form.valid)
        self.chart.reload()

    def has_unsaved_changes(self) -> bool:
        return self.form.is_dirty()

    def save_form(self) -> bool:
        return self.saver.save()

    def _saved(self, saved: Saved[Assessment]) -> None:
        # The saved ratings start the next assessment.
        self.form.load(None, assessment_defaults(self.book, self.customer_id))
        self.changed.emit(saved.changes)

    def edit_selected(self) -> None:
        assessment = self.panel.selected()
        if assessment is not None:
            self.edit(assessment)

    def edit(self, assessment: Assessment) -> None:
        dialog = AssessmentFormDialog(self.book, self.customer_id, assessment, self)
        self.dialog = self.watch_form(dialog, self._deleted)
        dialog.open()

    def delete_selected(self) -> None:
        assessment = self.panel.selected()
        if assessment is not None:
            self.delete(assessment)

    def delete(self, assessment: Assessment) -> None:
        self._deleted(self.book.assessments.delete(assessment.id), assessment)

    def _deleted(self, done: Done, assessment: Assessment) -> None:
        self.deleted.emit(
            done,
            self.tr("Assessment of {date} deleted.").format(
                date=assessment.assessed_on.isoformat()
            ),
        )
