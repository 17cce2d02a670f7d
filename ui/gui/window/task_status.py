"""The status bar's view of background work: what runs, how far it is, and a Cancel button.

Tasks queue on one worker thread; the widget shows the oldest unfinished tracked task and
hides itself when none is left.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from ui.gui.background.tasks import Task


class TaskStatus(QWidget):
    """Label, progress bar and Cancel for the background tasks it is given to track."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskStatus")
        self._tasks: list[tuple[Task, str, bool]] = []  # task, text, cancellable
        self._progress: dict[Task, tuple[int, int]] = {}
        self.label = QLabel(self)
        self.label.setObjectName("taskLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("taskProgress")
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.clicked.connect(self.cancel_current)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.retranslate()
        self.hide()

    def track(self, task: Task, text: str, *, cancellable: bool = True) -> Task:
        """Show ``task`` with ``text`` until it finishes; returns the task."""
        self._tasks.append((task, text, cancellable))
        # Bound slots, not lambdas: Qt drops them if this widget goes first (window closed).
        task.progressed.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self._show_current()
        return task

    def tracks(self, task: Task) -> bool:
        return any(entry[0] is task for entry in self._tasks)

    def relabel(self, task: Task, text: str, *, cancellable: bool | None = None) -> None:
        """What a tracked task says it does now (a sync's phase), and whether it may be
        cancelled from now on (None: as before)."""
        if task.is_cancelled:
            return  # it says "Cancelling…" until it ends
        self._tasks = [(entry[0], text, entry[2] if cancellable is None else cancellable)
                       if entry[0] is task else entry for entry in self._tasks]
        if task is self.current():
            self._show_current()

    def current(self) -> Task | None:
        return self._tasks[0][0] if self._tasks else None

    def cancel_current(self) -> None:
        task = self.current()
        if task is not None:
            task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(QCoreApplication.translate("TaskStatus", "Cancelling…"))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        task = self.sender()
        if not isinstance(task, Task):
            return
        self._progress[task] = (done, total)
        if task is self.current():
            self._show_progress(done, total)

    @Slot()
    def _on_finished(self) -> None:
        task = self.sender()
        self._tasks = [entry for entry in self._tasks if entry[0] is not task]
        if isinstance(task, Task):
            self._progress.pop(task, None)
        self._show_current()

    def _show_current(self) -> None:
        if not self._tasks:
            self.hide()
            return
        task, text, cancellable = self._tasks[0]
        self.label.setText(text)
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(not task.is_cancelled)
        self._show_progress(*self._progress.get(task, (0, 0)))
        self.show()

    def _show_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)  # busy: the work cannot say how far it is
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def retranslate(self) -> None:
        self.cancel_button.setText(QCoreApplication.translate("TaskStatus", "Cancel"))
        self.cancel_button.setToolTip(QCoreApplication.translate(
            "TaskStatus", "Stop this work; nothing of it is kept"))
