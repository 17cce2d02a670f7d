"""A table header whose titles wrap onto two lines where the columns would not fit otherwise:
a column of short figures under a long title ('Late follow-ups', 近12个月销售额) is then only
as wide as its figures or its title's longer line."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView

#: The most lines a title takes.
LINES = 2


def title_lines(title: str, font: QFont, width: int) -> list[float]:
    """The natural width of each line of ``title`` wrapped in ``width`` pixels as the header
    paints it (at spaces, or between two Chinese characters). A word wider than ``width``
    stays whole: its line is wider than the room."""
    layout = QTextLayout(title, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    widths: list[float] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1))
        widths.append(line.naturalTextWidth())
    layout.endLayout()
    return widths


def split_title(title: str, font: QFont, width: int) -> list[str]:
    """``title``'s lines wrapped in ``width`` pixels."""
    layout = QTextLayout(title, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1))
        lines.append(title[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def narrowest_width(title: str, font: QFont, lines: int = LINES) -> int:
    """The narrowest room in which ``title`` takes at most ``lines`` lines, none cut."""
    low, high = 1, QFontMetrics(font).horizontalAdvance(title) + 1  # one line fits
    while low < high:
        middle = (low + high) // 2
        laid = title_lines(title, font, middle)
        if len(laid) <= lines and max(laid, default=0) <= middle:
            high = middle
        else:
            low = middle + 1
    return high


class WrappingHeader(QHeaderView):
    """A horizontal header that wraps titles onto two lines only as far as needed for its
    sections to fit ``room`` pixels (set_room): the titles that save the most first, each
    split where its longer line is shortest. The others stay on one line."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(Qt.Orientation.Horizontal, table)
        self.table = table
        self.room = 0  # 0: as narrow as it goes, every long title wrapped
        self.wrapped: set[int] = set()  # the sections whose titles take two lines
        # An elided title is cut to one line before it is wrapped: wrap, never elide.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        # As the table's own header is: a click on a title sorts by it.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def title(self, section: int) -> str:
        model = self.model()
        return str(model.headerData(section, self.orientation()) or "") if model else ""

    def shown_title(self, section: int) -> str:
        """The title as painted: with a line break when it wraps."""
        title = self.title(section)
        if section not in self.wrapped or not title:
            return title
        return "\n".join(split_title(title, self.font(), narrowest_width(title, self.font())))

    def set_room(self, room: int) -> None:
        """Wrap the titles that save the most until the sections fit ``room`` pixels (or no
        title is left to wrap)."""
        self.room = room
        natural, narrow = {}, {}
        for section in range(self.count()):
            if self.isSectionHidden(section):
                continue
            cells = self.table.sizeHintForColumn(section)
            title = self.title(section)
            chrome = self._chrome(section, title)
            natural[section] = max(cells, self.fontMetrics().horizontalAdvance(title) + chrome)
            narrow[section] = max(cells, narrowest_width(title, self.font()) + chrome) \
                if title else natural[section]
        total = sum(natural.values())
        wrapped: set[int] = set()
        for section in sorted(natural, key=lambda s: narrow[s] - natural[s]):
            if (room and total <= room) or narrow[section] >= natural[section]:
                break
            wrapped.add(section)
            total -= natural[section] - narrow[section]
        self.wrapped = wrapped
        # Sized anew, and the header's height (its size hint is kept until the titles change).
        self.headerDataChanged(self.orientation(), 0, max(self.count() - 1, 0))

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logicalIndex: int) -> None:
        super().initStyleOptionForIndex(option, logicalIndex)
        option.text = self.shown_title(logicalIndex)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)  # the title on one line
        title = self.title(logicalIndex)
        if not title:
            return size
        metrics = self.fontMetrics()
        lines = self.shown_title(logicalIndex).split("\n")
        chrome = self._chrome(logicalIndex, title)
        width = max(metrics.horizontalAdvance(line) for line in lines)
        return QSize(width + chrome, size.height() + (len(lines) - 1) * metrics.lineSpacing())

    def _chrome(self, section: int, title: str) -> int:
        """A section's width less its title's: margins, and the sort arrow when it shows one
        (Qt keeps room for the arrow in every section; only the sorted one shows it, and a
        click on a title widens its section: 20 pixels a column, 340 on the roll-up)."""
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.text = title
        option.sortIndicator = QStyleOptionHeader.SortIndicator.None_
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == section:
            option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
        width = self.style().sizeFromContents(
            QStyle.ContentsType.CT_HeaderSection, option, QSize(), self).width()
        return width - self.fontMetrics().horizontalAdvance(title)
