"""The history's table of sessions: the rows as a model sorted in place, and the filter
by item and dates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
)
from PySide6.QtWidgets import (
    QWidget,
)

from kneecare_desktop.history.records import Outcome, SessionRow
from kneecare_desktop.model import Lang
from kneecare_desktop.ui.text import format_duration

ANY_ITEM = ""  # the filter that keeps every routine and program

class SessionTableModel(QAbstractTableModel):
    COLUMNS = 6

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[SessionRow] = []
        self.qlocale = QLocale()
        self.outcomes = {
            Outcome.COMPLETED: self.tr("completed"), Outcome.STOPPED: self.tr("stopped"),
            Outcome.HURT: self.tr("stopped: it hurt"),
            Outcome.INTERRUPTED: self.tr("interrupted"), Outcome.RUNNING: self.tr("running"),
        }

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=self._sort_key(self._sort_column),
                           reverse=self._sort_order is Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    _sort_column = 0
    _sort_order = Qt.SortOrder.DescendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python, once: far quicker than the proxy asking data() per comparison."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=self._sort_key(column),
                       reverse=order is Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Any:
        keys = (lambda r: r.started.timestamp(),
                lambda r: r.title_ja if self.lang is Lang.JA else r.title_en,
                lambda r: r.duration_seconds, lambda r: r.outcome.value,
                lambda r: -1 if r.pain_before is None else r.pain_before,
                lambda r: r.note)
        return keys[column]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Date"), self.tr("What"), self.tr("Active time"), self.tr("Outcome"),
                    self.tr("Pain before → after"), self.tr("Note"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                offset = row.started.utcoffset()
                moment = QDateTime(QDate(row.started.year, row.started.month, row.started.day),
                                   _qtime(row.started),
                                   QTimeZone(int(offset.total_seconds()) if offset else 0))
                return self.qlocale.toString(moment, QLocale.FormatType.ShortFormat)
            if column == 1:
                return row.title_ja if self.lang is Lang.JA else row.title_en
            if column == 2:
                return format_duration(row.duration_seconds)
            if column == 3:
                return self.outcomes[row.outcome]
            if column == 4:
                before = "–" if row.pain_before is None else str(row.pain_before)
                after = "–" if row.pain_after is None else str(row.pain_after)
                return f"{before} → {after}"
            return row.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return Qt.AlignmentFlag.AlignCenter
        return None


def _qtime(moment: datetime) -> Any:
    from PySide6.QtCore import QTime

    return QTime(moment.hour, moment.minute, moment.second)


class SessionFilter(QSortFilterProxyModel):
    """Keeps the sessions of one routine or program, between two dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id = ANY_ITEM
        self.first: date | None = None
        self.last: date | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts itself; the proxy keeps its order and only filters."""
        self.sourceModel().sort(column, order)

    def set_filter(self, item_id: str, first: date | None, last: date | None) -> None:
        self.beginFilterChange()
        self.item_id, self.first, self.last = item_id, first, last
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt's name
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, SessionTableModel)
        row = model.rows[source_row]
        day = row.started.date()
        return ((self.item_id == ANY_ITEM or row.item_id == self.item_id)
                and (self.first is None or day >= self.first)
                and (self.last is None or day <= self.last))

    def visible_rows(self) -> list[SessionRow]:
        model = self.sourceModel()
        assert isinstance(model, SessionTableModel)
        return [model.rows[self.mapToSource(self.index(r, 0)).row()]
                for r in range(self.rowCount())]
