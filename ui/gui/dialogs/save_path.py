"""Where a file is saved: the name from the system's save dialog, with the suffix its format
needs, and the question for a chart's file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (".xlsx"): added when the user typed none or another,
    kept when typed in any case ("Plan.XLSX")."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def ask_chart_path(parent: QWidget, caption: str, kind: str, fmt: str) -> Path | None:
    """The file to save chart ``kind`` in as ``fmt`` (png, svg), offered in the home folder as
    keyplan-KIND.FMT; None when the user cancels."""
    suggested = str(Path.home() / f"keyplan-{kind}.{fmt}")
    filters = "PNG (*.png)" if fmt == "png" else "SVG (*.svg)"
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return Path(path) if path else None
