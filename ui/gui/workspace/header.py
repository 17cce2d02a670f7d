"""The top of a customer workspace: name, tier (coloured, override marked), score with its
trend against the previous period, ABC class, lifecycle stage and relationship level."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from storage.book.types import WorkspaceHeader
from ui.gui.style.tier_palette import NO_TIER_COLOUR, TIER_COLOURS, TIER_TEXT
from ui.gui.text.labels import label

UP, DOWN, FLAT = "▲", "▼", "▶"
UP_COLOUR, DOWN_COLOUR, FLAT_COLOUR = "#2e7d32", "#c62828", "#757575"


class Fact(QWidget):
    """A small caption over a value (score, ABC class, ...)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setStyleSheet("color: #666666;")
        self.value = QLabel(self)
        self.value.setObjectName(f"header_{name}")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.value.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)


class WorkspaceHeaderView(QFrame):
    """Shows a :class:`WorkspaceHeader`; call :meth:`show_header` after every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspaceHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.header: WorkspaceHeader | None = None
        self.name = QLabel(self)
        self.name.setObjectName("header_name")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name.setFont(font)
        self.code = QLabel(self)
        self.code.setObjectName("header_code")
        self.code.setStyleSheet("color: #666666;")
        self.tier = QLabel(self)
        self.tier.setObjectName("header_tier")
        self.facts = {
            key: Fact(key, self) for key in ("score", "trend", "abc", "lifecycle", "relationship")
        }

        title = QVBoxLayout()
        title.setSpacing(2)
        title.addWidget(self.name)
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.tier)
        line.addWidget(self.code)
        line.addStretch(1)
        title.addLayout(line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(24)
        layout.addLayout(title, 1)
        for fact in self.facts.values():
            layout.addWidget(fact)

    def show_header(self, header: WorkspaceHeader) -> None:
        self.header = header
        self.retranslate()

    def retranslate(self) -> None:
        captions = {
            "score": self.tr("Score"),
            "trend": self.tr("Trend"),
            "abc": self.tr("ABC class"),
            "lifecycle": self.tr("Lifecycle"),
            "relationship": self.tr("Relationship"),
        }
        for key, fact in self.facts.items():
            fact.caption.setText(captions[key])
        header = self.header
        if header is None:
            return
        self.name.setText(header.name)
        self.name.setToolTip(header.name)
        code = self.tr("Code {code}").format(code=header.code) if header.code else ""
        if header.deleted:
            code = (code + "   " if code else "") + self.tr("Deleted")
        self.code.setText(code)
        self._show_tier(header)
        locale = QLocale()
        self.facts["score"].value.setText(
            locale.toString(header.score, "f", 1)
            if header.score is not None
            else self.tr("not scored")
        )
        self._show_trend(header)
        self.facts["abc"].value.setText(header.abc_class.value if header.abc_class else "—")
        lifecycle = label(header.lifecycle) if header.lifecycle else "—"
        if header.lifecycle_overridden:
            lifecycle = self.tr("{stage} (set by hand)").format(stage=lifecycle)
        self.facts["lifecycle"].value.setText(lifecycle)
        self.facts["relationship"].value.setText(
            self.tr("{level}. {name}").format(
                level=int(header.relationship_level), name=label(header.relationship_level)
            )
        )

    def _show_tier(self, header: WorkspaceHeader) -> None:
        if header.tier is None:
            text, background, ink = self.tr("Not scored"), NO_TIER_COLOUR, "#ffffff"
        else:
            text = label(header.tier)
            background, ink = TIER_COLOURS[header.tier], TIER_TEXT[header.tier]
        if header.tier_overridden:
            text = self.tr("{tier} (set by hand)").format(tier=text)
            self.tier.setToolTip(self.tr("The tier was set by hand; see the Profile tab."))
        else:
            self.tier.setToolTip(self.tr("Value tier from the score"))
        self.tier.setText(text)
        self.tier.setStyleSheet(
            f"background: {background}; color: {ink}; border-radius: 4px; "
            "padding: 2px 8px; font-weight: bold;"
        )

    def _show_trend(self, header: WorkspaceHeader) -> None:
        value = self.facts["trend"].value
        delta = header.score_delta
        if delta is None:
            value.setText("—")
            value.setStyleSheet("")
            value.setToolTip(self.tr("No earlier period to compare with yet"))
            return
        arrow, colour = (
            (UP, UP_COLOUR)
            if delta > 0.05
            else (DOWN, DOWN_COLOUR)
            if delta < -0.05
            else (FLAT, FLAT_COLOUR)
        )
        value.setText(f"{arrow} {delta:+.1f}")
        value.setStyleSheet(f"color: {colour};")
        value.setToolTip(
            self.tr("Against {period}: {score}").format(
                period=header.previous_period,
                score=QLocale().toString(header.previous_score or 0.0, "f", 1),
            )
        )
