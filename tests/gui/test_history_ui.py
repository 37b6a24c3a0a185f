"""History in the app: pain ratings, the history page, delete and undo, recovery,
refused writes and a damaged file."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from kneecare_desktop.history.records import Outcome
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.plan.timeline import SegmentKind
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.main_window import PAGE_HISTORY, PAGE_PLAYER, MainWindow
from tests.gui.helpers import advance
from tests.unit.history_helpers import block, start


def stored(window: MainWindow) -> HistoryStore:
    assert window.history.writer.flush()
    store, _ = HistoryStore.open(window.context.paths.history_db)
    return store


def test_a_session_with_pain_ratings_lands_in_the_history(
        make_app: object, clock: FakeClock, qtbot: QtBot) -> None:
    application = make_app(ask_pain=True)  # type: ignore[operator]
    window: MainWindow = application.window
    view = window.library_view
    view.select("calf-wall")
    view.list.setFocus()
    assert view.pain_box.isVisible()
    qtbot.keyClick(view.list, Qt.Key.Key_4)  # a digit rates the pain, right in the list
    assert view.pain_scale.value() == 4
    assert view.selected_id() == "calf-wall"  # the digit did not move the selection
    qtbot.keyClick(view.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PAGE_PLAYER
    advance(window, clock, 200)
    summary = window.summary_view
    assert summary.pain_box.isVisible()
    qtbot.keyClick(summary, Qt.Key.Key_2)
    summary.note.setText("楽になった")
    qtbot.mouseClick(summary.save_button, Qt.MouseButton.LeftButton)
    assert summary.saved_label.text() == "Saved to your history."
    store = stored(window)
    (row,) = store.sessions()
    assert (row.item_id, row.outcome, row.pain_before, row.pain_after, row.note) == (
        "calf-wall", Outcome.COMPLETED, 4, 2, "楽になった")
    assert [b.side for b in store.blocks()] == ["left", "right", "left", "right"]
    assert all(b.actual_seconds == 20 for b in store.blocks())
    window.show_library()
    assert view.pain_scale.value() is None  # each session asks afresh


def test_ten_is_typed_as_one_then_zero(make_app: object, qtbot: QtBot) -> None:
    application = make_app(ask_pain=True)  # type: ignore[operator]
    view = application.window.library_view
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_1)
    qtbot.keyClick(view.list, Qt.Key.Key_0)
    assert view.pain_scale.value() == 10


def test_starting_without_a_rating_skips_it_and_it_can_be_turned_off(
        make_app: object, qtbot: QtBot) -> None:
    application = make_app(ask_pain=True)  # type: ignore[operator]
    window: MainWindow = application.window
    window.sessions.start("hip-hinge")  # two clicks: the routine, then Start
    assert window.pages.currentIndex() == PAGE_PLAYER
    assert window.sessions.driver is not None
    window.sessions.driver.stop()
    window.show_library()
    qtbot.mouseClick(window.library_view.dont_ask, Qt.MouseButton.LeftButton)
    assert window.settings.ask_pain() is False
    assert not window.library_view.pain_box.isVisible()
    store = stored(window)
    (row,) = store.sessions()
    assert row.pain_before is None


def test_history_page_lists_sessions_and_deletes_with_undo(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    for item in ("hip-hinge", "calf-wall"):
        window.sessions.start(item)
        advance(window, clock, 30)
        assert window.sessions.driver is not None
        window.sessions.driver.stop()
        window.show_library()
    window.history.writer.flush()
    with qtbot.waitSignal(window.history_view.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PAGE_HISTORY
    view = window.history_view
    assert view.proxy.rowCount() == 2
    titles = {view.proxy.index(r, 1).data() for r in range(2)}
    assert titles == {"Hip hinge drill", "Calf and Achilles stretch at a wall"}
    assert {view.proxy.index(r, 3).data() for r in range(2)} == {"stopped"}
    # Newest first; a click on a column header sorts by it.
    assert view.proxy.index(0, 1).data() == "Calf and Achilles stretch at a wall"
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert view.proxy.index(0, 1).data() == "Calf and Achilles stretch at a wall"
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, 1).data() == "Hip hinge drill"
    # Filter by routine.
    view.item_filter.setCurrentIndex(view.item_filter.findData("calf-wall"))
    assert view.proxy.rowCount() == 1
    view.item_filter.setCurrentIndex(0)
    # Delete the selected one, with confirmation, then undo.
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    box = view.findChild(QMessageBox, "deleteConfirmation")
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    # Another reload (the people loading, say) may come first: wait for the row to go.
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=5000)
    assert view.undo_button.isVisible()
    # The window manager gives the window back its focus once the box has gone; the
    # offscreen platform has none, so the test does that part.
    window.activateWindow()
    qtbot.waitUntil(lambda: view.table.hasFocus())
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=5000)


def test_export_from_the_history_page(window: MainWindow, clock: FakeClock, qtbot: QtBot,
                                      tmp_path: Path) -> None:
    window.sessions.start("hip-hinge")
    advance(window, clock, 100)
    window.show_history()
    qtbot.waitUntil(lambda: window.history_view.proxy.rowCount() == 1, timeout=5000)
    out = tmp_path / "export.csv"
    window.history_view.export_to(out, "csv")
    qtbot.waitUntil(lambda: (tmp_path / "export-blocks.csv").exists(), timeout=5000)
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # Excel reads Japanese text right
    assert "ヒップヒンジ練習" in text.decode("utf-8-sig")


def test_an_interrupted_session_is_offered_for_resume(
        make_app: object, kneecare_home: Path, clock: FakeClock, qtbot: QtBot) -> None:
    store, _ = HistoryStore.open(kneecare_home / "history.sqlite3")
    begun = start(store.default_person().id, item="hamstring-towel")
    store.begin_session(begun)
    for seq, side in ((1, "left"), (2, "right")):
        store.add_block(block(begun.uid, seq, side=side))
    store.close()  # the app was killed here
    application = make_app()  # type: ignore[operator]
    window: MainWindow = application.window
    banner = window.notice_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "was interrupted" in banner.label.text()
    assert "(2 done)" in banner.label.text()
    resume: QPushButton = banner.buttons["resumeSession"]
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == PAGE_PLAYER
    assert window.sessions.driver is not None
    segment = window.sessions.driver.session.segment
    assert (segment.kind, segment.set) == (SegmentKind.REST, 2)  # then the left leg, set 2
    store = stored(window)
    rows = store.sessions()
    assert [r.outcome for r in rows] == [Outcome.INTERRUPTED, Outcome.RUNNING]
    assert rows[1].resumed_from == begun.uid


def test_refused_writes_are_kept_and_can_be_exported(
        make_app: object, kneecare_home: Path, clock: FakeClock, qtbot: QtBot,
        tmp_path: Path) -> None:
    (kneecare_home / "history.sqlite3").mkdir()  # a folder where the file should be
    application = make_app()  # type: ignore[operator]
    window: MainWindow = application.window
    window.sessions.start("hip-hinge")
    advance(window, clock, 30)
    banner = window.storage_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "cannot be saved" in banner.label.text()
    assert window.sessions.driver is not None
    assert window.sessions.driver.session.state.value == "running"  # the session goes on
    out = window.files.export_unsaved_to(tmp_path / "unsaved.json")
    assert out is not None
    records = json.loads(out.read_text(encoding="utf-8"))["records"]
    assert records[0]["operation"] == "begin"
    assert records[0]["item_id"] == "hip-hinge"
    # The obstacle goes away: the next retry saves everything, and the banner goes.
    (kneecare_home / "history.sqlite3").rmdir()
    window.history.writer.retry()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    store = stored(window)
    (row,) = store.sessions()
    assert row.item_id == "hip-hinge"


def test_a_damaged_history_is_moved_aside_and_the_user_told(
        make_app: object, kneecare_home: Path, qtbot: QtBot) -> None:
    (kneecare_home / "history.sqlite3").write_bytes(b"garbage" * 1000)
    application = make_app()  # type: ignore[operator]
    window: MainWindow = application.window
    banner = window.notice_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "was damaged" in banner.label.text()
    moved = list(kneecare_home.glob("history.sqlite3.corrupt-*"))
    assert len(moved) == 1
    assert str(moved[0]) in banner.label.text()
    assert moved[0].read_bytes().startswith(b"garbage")
