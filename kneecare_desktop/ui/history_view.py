"""The history: a sortable, filterable table of sessions, three charts, delete and undo,
and export. Data is read on the history thread and arrives by signal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.history import export as history_export, stats as history_stats
from kneecare_desktop.history.records import CheckinRecord, SessionRow
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Lang, Reminder
from kneecare_desktop.ui.charts import CalendarChart, PainChart, TotalsChart
from kneecare_desktop.ui.history_service import HistoryService
from kneecare_desktop.ui.inputs import ComboBox
from kneecare_desktop.ui.session_table import ANY_ITEM, SessionFilter, SessionTableModel, _qtime
from kneecare_desktop.ui.text import arg, format_duration

WEEKS_BEFORE_MONTHS = 26


@dataclass(frozen=True, slots=True)
class HistoryData:
    sessions: list[SessionRow]
    checkins: list[CheckinRecord]
    reminders: list[Reminder] = field(default_factory=list)  # cleared ones too


def load_history(store: HistoryStore, person_id: int) -> HistoryData:
    """Runs on the history thread."""
    from kneecare_desktop.history.reminders import reminders

    return HistoryData(store.sessions(person_id), store.checkins(person_id),
                       reminders(store, person_id, include_cleared=True))



class HistoryView(QWidget):
    loaded = Signal()  # the table and charts show the latest data
    back_requested = Signal()
    report_requested = Signal(object, object)  # first, last: the dates shown

    def __init__(self, service: HistoryService, lang: Lang,
                 cause_names: dict[str, str] | None = None,
                 parent: QWidget | None = None,
                 question_texts: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.cause_names = cause_names or {}
        self.question_texts = question_texts or {}  # check-in question id: its words
        self.service = service
        self.lang = lang
        self.today = date.today()
        self.qlocale = QLocale()
        self.model = SessionTableModel(lang, self)
        self.proxy = SessionFilter(self)
        self.proxy.setSourceModel(self.model)
        self._deleted: list[str] = []

        self.heading = QLabel(self.tr("History"))
        font = self.heading.font()
        font.setPixelSize(24)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.item_filter = ComboBox()
        self.item_filter.setObjectName("itemFilter")
        self.first_date = QDateEdit()
        self.last_date = QDateEdit()
        self.first_date.setAccessibleName(self.tr("Show sessions from"))
        self.last_date.setAccessibleName(self.tr("Show sessions up to"))
        for edit in (self.first_date, self.last_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(self.qlocale.dateFormat(QLocale.FormatType.ShortFormat))
        self.first_date.setObjectName("firstDate")
        self.last_date.setObjectName("lastDate")
        self.export_csv = QPushButton(self.tr("Export CSV…"))
        self.export_json = QPushButton(self.tr("Export JSON…"))
        self.report_button = QPushButton(self.tr("Report for the clinic…"))
        self.report_button.setObjectName("reportButton")
        self.report_button.clicked.connect(lambda: self.report_requested.emit(
            self.first_date.date().toPython(), self.last_date.date().toPython()))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteSession")
        self.back_button = QPushButton(self.tr("Back to the care menu"))
        self.undo_bar = QLabel()
        self.undo_bar.setObjectName("undoBar")
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoDelete")
        self.totals_chart = TotalsChart()
        self.totals_chart.setObjectName("totalsChart")
        self.pain_chart = PainChart()
        self.pain_chart.setObjectName("painChart")
        self.plan_summary = QLabel()
        self.plan_summary.setObjectName("planSummary")
        self.plan_summary.setAccessibleName(self.tr("Against the plan"))
        self.plan_summary.setWordWrap(True)
        self.plan_summary.hide()
        self.reminders: list[Reminder] = []
        self.calendar = CalendarChart()
        self.calendar.setObjectName("calendarChart")
        self.pain_chart.title = self.tr("Pain before and after (0–10)")
        self.totals_chart.count_label = self.tr("sessions")
        self.pain_chart.legend = (self.tr("before"), self.tr("after"))
        self.calendar.title = ""
        for chart in (self.totals_chart, self.pain_chart, self.calendar):
            chart.empty_text = self.tr("No sessions in this range yet")
        self.checkin_table = QTableWidget(0, 4)
        self.checkin_table.setObjectName("checkinTable")
        self.checkin_table.setAccessibleName(self.tr("Check-ins"))
        self.checkin_table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Running"), self.tr("Cause that fits best"),
             self.tr("Ticked or answered yes")])
        self.checkin_table.verticalHeader().hide()
        self.checkin_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.checkin_table.setWordWrap(True)
        checkin_header = self.checkin_table.horizontalHeader()
        for column in range(3):  # never clipped: as wide as what they hold
            checkin_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        checkin_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.checkin_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table = QTableView()
        self.table.setObjectName("sessionTable")
        self.table.setAccessibleName(self.tr("Sessions"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # measure 40 rows, not all ten years
        header.setStretchLastSection(True)
        self._build_layout()
        self.delete_action = QAction(self.tr("Delete session"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.ask_delete)
        self.addAction(self.delete_action)
        self.undo_action = QAction(self.tr("Undo delete"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_delete)
        self.addAction(self.undo_action)
        self.delete_button.clicked.connect(self.ask_delete)
        self.undo_button.clicked.connect(self.undo_delete)
        self.back_button.clicked.connect(self.back_requested)
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_json.clicked.connect(lambda: self._export("json"))
        self.item_filter.currentIndexChanged.connect(self._apply_filter)
        self.first_date.dateChanged.connect(self._apply_filter)
        self.last_date.dateChanged.connect(self._apply_filter)
        self._set_undo_visible(False)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.summary, 1)
        top.addWidget(self.back_button)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:")))
        filters.addWidget(self.item_filter, 1)
        filters.addWidget(QLabel(self.tr("from")))
        filters.addWidget(self.first_date)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.last_date)
        filters.addStretch(1)
        filters.addWidget(self.export_csv)
        filters.addWidget(self.export_json)
        filters.addWidget(self.report_button)
        charts = QGridLayout()
        charts.addWidget(self.totals_chart, 0, 0)
        charts.addWidget(self.pain_chart, 0, 1)
        charts.addWidget(self.calendar, 1, 0, 1, 2)
        charts.addWidget(self.plan_summary, 2, 0, 1, 2)
        undo = QHBoxLayout()
        undo.addWidget(self.undo_bar, 1)
        undo.addWidget(self.undo_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(charts)
        layout.addLayout(undo)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sessions and check-ins"))
        self.tabs.addTab(self.table, self.tr("Sessions"))
        self.tabs.addTab(self.checkin_table, self.tr("Check-ins"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    # -- data --------------------------------------------------------------------------------
    def focus_table(self) -> None:
        """The keys go to the sessions' table."""
        self.table.setFocus()

    def reload(self) -> None:
        person = self.service.person_id
        self.service.run(lambda store: load_history(store, person), self._show)

    def _show(self, data: HistoryData | None) -> None:
        rows = data.sessions if data is not None else []
        self.reminders = data.reminders if data is not None else []
        self.model.set_rows(rows)
        self._show_checkins(data.checkins if data is not None else [])
        self._fill_item_filter(rows)
        first = rows[0].started.date() if rows else self.today
        for edit, value in ((self.first_date, first), (self.last_date, self.today)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        self._apply_filter()
        self.loaded.emit()

    def _show_checkins(self, records: Sequence[CheckinRecord]) -> None:
        from kneecare_desktop.care.triage import Answer, answers_at_the_time
        from kneecare_desktop.model import Advice

        self.checkin_table.setRowCount(len(records))
        for row, record in enumerate(reversed(records)):
            moment = QDateTime(QDate(record.taken.year, record.taken.month, record.taken.day),
                               _qtime(record.taken))
            if record.advice:
                advice = Advice(record.advice).heading.get(self.lang)
            else:
                advice = self.tr("No verdict (questions not answered)")
            if record.follow_up_of:
                advice = arg(self.tr("%1 (next-day follow-up: %2)"), advice,
                             self.tr("worse") if record.worse_next_day else self.tr("no worse"))
            elif record.form < 2:
                advice = arg(self.tr("%1 (earlier form)"), advice)
            cause = self.cause_names.get(record.cause, record.cause) if record.cause else "—"
            said = answers_at_the_time(record.answers, record.ticked, record.form)
            yes = [*record.ticked, *(q for q, a in said.items()
                                     if a is Answer.YES and q not in record.ticked)]
            words = "; ".join(self.question_texts.get(q, q) for q in yes) or "—"
            cells = (self.qlocale.toString(moment, QLocale.FormatType.ShortFormat), advice,
                     cause, words)
            for column, text in enumerate(cells):
                self.checkin_table.setItem(row, column, QTableWidgetItem(text))
        self.tabs.setTabText(1, arg(self.tr("Check-ins (%1)"), len(records)))

    def _fill_item_filter(self, rows: Sequence[SessionRow]) -> None:
        current = self.item_filter.currentData()
        self.item_filter.blockSignals(True)
        self.item_filter.clear()
        self.item_filter.addItem(self.tr("All care"), ANY_ITEM)
        seen: dict[str, str] = {}
        for row in rows:
            seen[row.item_id] = row.title_ja if self.lang is Lang.JA else row.title_en
        for item_id, title in sorted(seen.items(), key=lambda item: item[1]):
            self.item_filter.addItem(title, item_id)
        index = self.item_filter.findData(current)
        self.item_filter.setCurrentIndex(max(0, index))
        self.item_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        first = _python_date(self.first_date.date())
        last = _python_date(self.last_date.date())
        self.proxy.set_filter(str(self.item_filter.currentData() or ANY_ITEM), first, last)
        rows = self.proxy.visible_rows()
        self._draw_charts(rows, first, last)

    def _draw_charts(self, rows: list[SessionRow], first: date, last: date) -> None:
        weeks = (last - first).days // 7
        if weeks > WEEKS_BEFORE_MONTHS:
            totals = history_stats.monthly_totals(rows, first, last)
            self.totals_chart.title = self.tr("Active time per month (minutes)")
            self.totals_chart.set_totals(totals, self._month_label)
        else:
            totals = history_stats.weekly_totals(rows, first, last)
            self.totals_chart.title = self.tr("Active time per week (minutes)")
            self.totals_chart.set_totals(totals, self._day_label)
        self.pain_chart.set_points(history_stats.pain_points(rows),
                                   self._month_label if weeks > 52 else self._day_label)
        all_rows = self.model.rows
        days = history_stats.care_days(all_rows)
        streak = history_stats.streak(days, self.today)
        self.calendar.title = arg(self.tr("Days with care in the last year · streak: %1 "
                                          "days"), streak)
        self.calendar.set_days(days, self.today)
        week = [r for r in all_rows if history_stats.monday(r.started.date())
                == history_stats.monday(self.today) and history_stats.counts_as_care(r)]
        self.summary.setText(arg(self.tr("This week: %1 sessions, %2 active time"), len(week),
                                 format_duration(sum(r.duration_seconds for r in week))))
        self._show_plan(all_rows)

    def _show_plan(self, rows: list[SessionRow]) -> None:
        """With reminders: the last four weeks' sessions against the plan in force each
        week, the streak counted against the plan, and the pain before sessions beside."""
        from datetime import timedelta

        from kneecare_desktop.history.adherence import adherence

        if not self.reminders:
            self.plan_summary.hide()
            return
        first = history_stats.monday(self.today) - timedelta(weeks=3)
        figures = adherence(self.reminders, rows, first, self.today)
        weeks = []
        for week in figures.weeks:
            text = arg(self.tr("week of %1: %2 of %3"), self._day_label(week.start),
                       week.done, week.planned)
            if week.pain_before is not None:
                text += " " + arg(self.tr("(pain before %1)"), f"{week.pain_before:.1f}")
            weeks.append(text)
        self.plan_summary.setText(
            arg(self.tr("Against the plan (reminders) · streak: %1 planned days in a row"),
                figures.streak) + "\n" + " · ".join(weeks))
        self.plan_summary.show()

    def _day_label(self, day: date) -> str:
        return self.qlocale.toString(QDate(day.year, day.month, day.day),
                                    self.tr("M/d", "short date on a chart axis"))

    def _month_label(self, day: date) -> str:
        return self.qlocale.toString(QDate(day.year, day.month, day.day),
                                    self.tr("MMM yy", "month on a chart axis"))

    # -- delete and undo ---------------------------------------------------------------------
    def selected_session(self) -> SessionRow | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not indexes:
            return None
        return self.model.rows[self.proxy.mapToSource(indexes[0]).row()]

    def ask_delete(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete session?"),
                          arg(self.tr("Delete the session of %1? You can undo this until you "
                                      "close the app."), self.model.data(
                              self.model.index(self.model.rows.index(row), 0))),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("deleteConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.delete(row.uid)
            # Once the box has gone, so that Ctrl+Z undoes at once.
            QTimer.singleShot(0, self.table, self.table.setFocus)

        box.finished.connect(answered)
        box.open()

    def delete(self, uid: str) -> None:
        now = datetime.now().astimezone()
        self._deleted.append(uid)
        # Through the writer's queue, as a session's end is: on a clinic server a
        # tombstone every PC sees, sent once the server is reachable.
        self.service.writer.delete(uid, now)
        self.reload()
        self.undo_bar.setText(self.tr("Session deleted."))
        self._set_undo_visible(True)

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        uid = self._deleted.pop()
        self.service.writer.undelete(uid)
        self.reload()
        self._set_undo_visible(bool(self._deleted))

    def _set_undo_visible(self, visible: bool) -> None:
        self.undo_bar.setVisible(visible)
        self.undo_button.setVisible(visible)

    # -- export --------------------------------------------------------------------------------
    def _export(self, kind: str) -> None:
        suffix = "csv" if kind == "csv" else "json"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export history"), str(Path.home() / f"kneecare-history.{suffix}"),
            "CSV (*.csv)" if kind == "csv" else "JSON (*.json)")
        if name:
            self.export_to(Path(name), kind)

    def export_to(self, path: Path, kind: str) -> None:
        rows = self.proxy.visible_rows()

        def write(store: HistoryStore) -> list[Path]:
            checkins = store.checkins(self.service.person_id)
            if kind == "csv":
                return list(history_export.write_csv_from(store, rows, path, checkins))
            blocks = store.blocks([r.id for r in rows])
            return [history_export.write_json(rows, blocks, path, checkins)]

        self.service.run(write, self._exported)

    def _exported(self, paths: list[Path] | None) -> None:
        if not paths:
            QMessageBox.warning(self, self.tr("Export history"),
                                self.tr("The export could not be written."))
            return
        self.undo_bar.setText(arg(self.tr("Exported: %1"), ", ".join(str(p) for p in paths)))
        self.undo_bar.show()


def _python_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
