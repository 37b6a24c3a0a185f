"""A layout that places its widgets in centred rows and wraps to a new row when the next
one does not fit: the session's buttons on a small window or in a long language.

Qt ships this only as an example (``examples/widgets/layouts/flowlayout``); this is that
example's logic, with each row centred and hidden widgets taking no room.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """All in one row, as wide as they like."""
        visible = [item.sizeHint() for item in self._items if not item.isEmpty()]
        width = sum(s.width() for s in visible) + self._spacing * max(0, len(visible) - 1)
        height = max((s.height() for s in visible), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """One widget per row at the narrowest: the widest widget sets the width."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in centred rows inside ``rect``; return the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        row_width = 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint().boundedTo(QSize(area.width(), item.sizeHint().height()))
            wanted = size.width() if not rows[-1] else row_width + self._spacing + size.width()
            if rows[-1] and wanted > area.width():
                rows.append([])
                wanted = size.width()
            rows[-1].append((item, size))
            row_width = wanted
        y = area.y()
        for row in rows:
            if not row:
                continue
            width = sum(s.width() for _, s in row) + self._spacing * (len(row) - 1)
            height = max(s.height() for _, s in row)
            x = area.x() + max(0, (area.width() - width) // 2)
            for item, size in row:
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(size.width(), height)))
                x += size.width() + self._spacing
            y += height + self._spacing
        used = y - self._spacing - area.y() if y > area.y() else 0
        return used + margins.top() + margins.bottom()
