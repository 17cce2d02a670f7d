"""The customer book's filter bar: multi-select menus per dimension, and a chip per active filter.

The bar holds the filter state (:class:`BookFilters`); every change emits ``filters_changed``
and the view re-runs its SQL query. A chart click arrives as a set of customer ids with a
description, shown as one chip like any other filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from models.enums import (
    AbcClass,
    Channel,
    CustomerKind,
    LifecycleStage,
    LoyaltySegment,
    PriceOrientation,
    RelationshipLevel,
    Tier,
)
from storage.book.types import CustomerQuery
from ui.gui.style.menu_button import MenuButton
from ui.gui.text.i18n import current_language
from ui.gui.text.labels import label
from ui.gui.views.flow_layout import FlowLayout

#: Filter dimensions: CustomerQuery field and the enum of its values (owners are plain text).
ENUM_FIELDS: dict[str, type[Enum]] = {
    "tiers": Tier,
    "abc_classes": AbcClass,
    "lifecycles": LifecycleStage,
    "relationship_levels": RelationshipLevel,
}
#: The segments (idea 7), each a submenu of one Segment button.
SEGMENT_FIELDS: dict[str, type[Enum]] = {
    "kinds": CustomerKind,
    "price_orientations": PriceOrientation,
    "loyalty_segments": LoyaltySegment,
    "channels": Channel,
}
ENUM_FIELDS.update(SEGMENT_FIELDS)
#: The dimensions with a button of their own, in the bar's order.
BUTTON_FIELDS = ("tiers", "abc_classes", "lifecycles", "relationship_levels", "owners")
FIELDS = (*BUTTON_FIELDS, *SEGMENT_FIELDS)


@dataclass(frozen=True)
class BookFilters:
    """What the filter bar narrows the book to; empty sets match every customer."""

    tiers: frozenset[Tier] = frozenset()
    abc_classes: frozenset[AbcClass] = frozenset()
    lifecycles: frozenset[LifecycleStage] = frozenset()
    relationship_levels: frozenset[RelationshipLevel] = frozenset()
    owners: frozenset[str] = frozenset()
    kinds: frozenset[CustomerKind] = frozenset()
    price_orientations: frozenset[PriceOrientation] = frozenset()
    loyalty_segments: frozenset[LoyaltySegment] = frozenset()
    channels: frozenset[Channel] = frozenset()
    ids: frozenset[str] | None = None  # customers picked on a chart
    ids_label: str = field(default="", compare=False)

    @property
    def active(self) -> bool:
        return self.ids is not None or any(getattr(self, name) for name in FIELDS)

    def applied_to(self, query: CustomerQuery) -> CustomerQuery:
        return replace(query, tiers=self.tiers, abc_classes=self.abc_classes,
                       lifecycles=self.lifecycles, relationship_levels=self.relationship_levels,
                       owners=self.owners, kinds=self.kinds,
                       price_orientations=self.price_orientations,
                       loyalty_segments=self.loyalty_segments, channels=self.channels,
                       ids=self.ids)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> BookFilters:
        """Filters from CustomerQuery field values (a chart's click filter)."""
        # Each set goes to the field of its name (Any: mypy holds each against every field).
        values: dict[str, Any] = {name: frozenset(fields[name]) for name in FIELDS
                                  if name in fields}
        return cls(**values)


def field_title(name: str) -> str:
    """The name of a filter dimension in the user's language."""
    translate = QCoreApplication.translate
    return {
        "tiers": translate("FilterBar", "Tier"),
        "abc_classes": translate("FilterBar", "ABC"),
        "lifecycles": translate("FilterBar", "Lifecycle"),
        "relationship_levels": translate("FilterBar", "Relationship"),
        "owners": translate("FilterBar", "Owner"),
        "segments": translate("FilterBar", "Segment"),
        "kinds": translate("FilterBar", "Kind"),
        "price_orientations": translate("FilterBar", "Price or value"),
        "loyalty_segments": translate("FilterBar", "Loyalty"),
        "channels": translate("FilterBar", "Channel"),
    }[name]


def value_text(name: str, value: Any) -> str:
    if name == "owners":
        return str(value)
    return label(value)


class StickyMenu(QMenu):
    """A menu of check boxes that stays open while the user ticks several of them."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isEnabled() and action.isCheckable():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if event.key() == Qt.Key.Key_Space and action is not None and action.isCheckable():
            action.trigger()
            return
        super().keyPressEvent(event)


class Chip(QToolButton):
    """One active filter value; clicking it removes that value."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChip")
        self.setText(f"{text}  ✕")
        self.setAutoRaise(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QToolButton#filterChip { border: 1px solid #9fb7d6; border-radius: 10px; "
            "background: #e8f0fb; color: #1f1f1f; padding: 1px 8px; }"
            "QToolButton#filterChip:hover { background: #d3e2f6; }")


class FilterBar(QWidget):
    """Menus to pick filter values, chips showing them, and a button to clear them all."""

    filters_changed = Signal(object)  # BookFilters

    def __init__(self, owners: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._filters = BookFilters()
        self._owners = list(owners)
        self.title = QLabel(self)
        self.buttons: dict[str, QToolButton] = {}
        self.menus: dict[str, QMenu] = {}
        # QAction.setData would turn enum members into plain strings: keep the values here.
        self.choices: dict[str, list[tuple[QAction, Any]]] = {name: [] for name in FIELDS}
        # The menus, the chips and Clear filters flow onto a second line when they do not
        # fit (in one row, five chips made the window wider than a 1280-pixel screen).
        layout = self.flow = FlowLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        for name in (*BUTTON_FIELDS, "segments"):
            button = MenuButton(self)  # its arrow beside the text, not over it
            button.setObjectName(f"filter_{name}")
            menu = StickyMenu(button)
            menu.setObjectName(f"filterMenu_{name}")
            button.setMenu(menu)
            self.buttons[name] = button
            self.menus[name] = menu
            layout.addWidget(button)
        # One button for the four segments, a submenu each: nine buttons did not fit.
        for name in SEGMENT_FIELDS:
            submenu = StickyMenu(self.menus["segments"])
            submenu.setObjectName(f"filterMenu_{name}")
            self.menus["segments"].addMenu(submenu)
            self.menus[name] = submenu
        self._fill_menus()
        self.chip_area = self  # the chips' parent: they flow with the menus
        self.chips: list[Chip] = []
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.retranslate()

    # -- state -----------------------------------------------------------------------------
    @property
    def filters(self) -> BookFilters:
        return self._filters

    def set_filters(self, filters: BookFilters) -> None:
        """Show ``filters`` and announce them (no signal if nothing changed)."""
        if filters == self._filters and filters.ids_label == self._filters.ids_label:
            return
        self._filters = filters
        self._sync_checks()
        self._rebuild_chips()
        self.filters_changed.emit(filters)

    def clear(self) -> None:
        self.set_filters(BookFilters())

    def toggle(self, name: str, value: Any, on: bool) -> None:
        values = set(getattr(self._filters, name))
        if on:
            values.add(value)
        else:
            values.discard(value)
        changed: dict[str, Any] = {name: frozenset(values)}  # Any: as in from_fields
        self.set_filters(replace(self._filters, **changed))

    @property
    def owners(self) -> list[str]:
        """The owners offered (the book's, as last read)."""
        return list(self._owners)

    def set_owners(self, owners: list[str]) -> None:
        """The owners to offer (another book was opened, or owners changed)."""
        if owners == self._owners:
            return
        self._owners = list(owners)
        self._fill_menu("owners")
        kept = self._filters.owners & frozenset(owners)
        if kept != self._filters.owners:
            self.set_filters(replace(self._filters, owners=kept))

    # -- building ----------------------------------------------------------------------------
    def _values(self, name: str) -> list[Any]:
        return list(self._owners) if name == "owners" else list(ENUM_FIELDS[name])

    def _fill_menus(self) -> None:
        for name in FIELDS:
            self._fill_menu(name)

    def _fill_menu(self, name: str) -> None:
        menu = self.menus[name]
        menu.clear()
        self.choices[name] = []
        for value in self._values(name):
            action = QAction(value_text(name, value), menu)
            action.setCheckable(True)
            action.setChecked(value in getattr(self._filters, name))
            action.toggled.connect(
                lambda on, n=name, v=value: self._on_toggled(n, v, on))
            menu.addAction(action)
            self.choices[name].append((action, value))
        if name in self.buttons:
            self.buttons[name].setEnabled(bool(menu.actions()))

    def _on_toggled(self, name: str, value: Any, on: bool) -> None:
        if (value in getattr(self._filters, name)) != on:
            self.toggle(name, value, on)

    def _sync_checks(self) -> None:
        for name in FIELDS:
            chosen = getattr(self._filters, name)
            for action, value in self.choices[name]:
                action.blockSignals(True)
                action.setChecked(value in chosen)
                action.blockSignals(False)
            self._title_button(name)

    def _title_button(self, name: str) -> None:
        count = len(getattr(self._filters, name))
        title = field_title(name)
        text = f"{title} ({count})" if count else title
        if name not in SEGMENT_FIELDS:
            self.buttons[name].setText(text)
            return
        self.menus[name].setTitle(text)
        chosen = sum(len(getattr(self._filters, n)) for n in SEGMENT_FIELDS)
        segment = field_title("segments")
        self.buttons["segments"].setText(f"{segment} ({chosen})" if chosen else segment)

    def _rebuild_chips(self) -> None:
        for chip in self.chips:
            chip.hide()
            chip.deleteLater()
        self.chips = []
        filters = self._filters
        if filters.ids is not None:
            text = filters.ids_label or QCoreApplication.translate(
                "FilterBar", "Chosen on a chart")
            chip = Chip(text, self.chip_area)
            chip.clicked.connect(lambda: self.set_filters(replace(
                self._filters, ids=None, ids_label="")))
            self._add_chip(chip)
        colon = "：" if current_language().startswith("zh") else ": "  # 分级：重点客户
        for name in FIELDS:
            ordered = [v for v in self._values(name) if v in getattr(filters, name)]
            for value in ordered:
                chip = Chip(f"{field_title(name)}{colon}{value_text(name, value)}",
                            self.chip_area)
                chip.clicked.connect(lambda _c=False, n=name, v=value: self.toggle(n, v, False))
                self._add_chip(chip)
        self.clear_button.setVisible(filters.active)

    def _add_chip(self, chip: Chip) -> None:
        self.chips.append(chip)
        self.flow.insert_widget(self.flow.indexOf(self.clear_button), chip)  # before Clear
        chip.show()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("FilterBar", "Filter:"))
        self.clear_button.setText(QCoreApplication.translate("FilterBar", "Clear filters"))
        self.clear_button.setToolTip(QCoreApplication.translate(
            "FilterBar", "Show every customer again (the search stays)"))
        for name in FIELDS:
            for action, value in self.choices[name]:
                action.setText(value_text(name, value))
            self._title_button(name)
        self._rebuild_chips()
