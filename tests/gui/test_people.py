"""People: separate adjustments and histories; demonstration mode records nothing;
a program handed from the clinic arrives with a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui.main_window import MainWindow
from kneecare_desktop.ui.people import PeopleDialog
from tests.gui.helpers import advance


def add_person(window: MainWindow, qtbot: QtBot, name: str) -> None:
    dialog = PeopleDialog(window.people, window)
    with qtbot.waitSignal(window.people.changed, timeout=5000):
        dialog.add_person(name)
    dialog.close()
    assert window.people.current is not None
    assert window.people.current.name == name


def store_of(window: MainWindow) -> HistoryStore:
    assert window.history.writer.flush()
    return HistoryStore.open(window.context.paths.history_db)[0]


def test_each_person_has_their_own_adjustments_and_history(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.people.current is not None, timeout=5000)
    add_person(window, qtbot, "Tanaka")
    assert window.person_bar.person_combo.currentText() == "Tanaka"
    assert "Tanaka" in window.windowTitle()
    window.library_view.select("hamstring-towel")
    window.library_view.detail.adjustments.hold.setValue(30)
    window.sessions.start("hip-hinge")
    advance(window, clock, 100)
    # Back to the default person: their own adjustments, their own history.
    with qtbot.waitSignal(window.people.changed, timeout=5000):
        window.person_bar.person_combo.setCurrentIndex(window.person_bar.person_combo.findText("Me"))
        window.person_bar.person_combo.activated.emit(window.person_bar.person_combo.currentIndex())
    assert window.people.overrides("hamstring-towel") == Overrides()
    store = store_of(window)
    tanaka = store.person_named("Tanaka")
    assert tanaka is not None
    assert store.adjustments(tanaka.id) == {"hamstring-towel": {"hold_seconds": 30}}
    assert store.adjustments(store.default_person().id) == {}
    assert [r.item_id for r in store.sessions(tanaka.id)] == ["hip-hinge"]
    assert store.sessions(store.default_person().id) == []
    with qtbot.waitSignal(window.history_view.loaded, timeout=5000):
        window.show_history()
    assert window.history_view.proxy.rowCount() == 0  # Me has done nothing yet


def test_reading_the_same_adjustments_again_leaves_the_care_menu_as_it_is(
        window: MainWindow, qtbot: QtBot) -> None:
    """The history's answer at start-up (or a reload after an edit) that brings the
    adjustments already shown does not work out every dose and duration again."""
    qtbot.waitUntil(lambda: window.people.current is not None, timeout=5000)
    window.library_view.select("hamstring-towel")
    window.library_view.detail.adjustments.hold.setValue(30)
    assert window.history.writer.flush()
    shown = window.library_view.detail.dose.text()
    assert "30" in shown
    with qtbot.assertNotEmitted(window.people.adjustments_changed), \
            qtbot.waitSignal(window.people.changed, timeout=5000):
        window.people.reload()
    assert window.library_view.detail.dose.text() == shown
    # Another person's adjustments (none) do change what is shown.
    with qtbot.waitSignal(window.people.adjustments_changed, timeout=5000):
        add_person(window, qtbot, "Tanaka")
    assert "30" not in window.library_view.detail.dose.text()


def test_demonstration_mode_records_nothing_and_says_so(
        window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    window.commands.demo.trigger()
    assert window.demo_mode
    assert window.demo_banner.isVisible()
    assert "nothing is recorded" in window.demo_banner.label.text()
    window.sessions.start("calf-wall")
    advance(window, clock, 200)
    assert window.summary_view.heading.text() == "Well done"
    assert not window.summary_view.pain_box.isVisible()
    store = store_of(window)
    assert store.sessions(include_all_people=True) == []
    assert store.con.execute("SELECT count(*) FROM blocks").fetchone()[0] == 0
    qtbot.mouseClick(window.demo_banner.buttons["leaveDemo"], Qt.MouseButton.LeftButton)
    assert not window.demo_mode
    assert not window.demo_banner.isVisible()


def test_export_and_import_a_program_with_a_preview(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    qtbot.waitUntil(lambda: window.people.current is not None, timeout=5000)
    add_person(window, qtbot, "Sato")
    window.people.set_overrides("calf-wall", Overrides(hold_seconds=25, sets=3))
    path = window.files.export_program_to(tmp_path / "sato.yaml")
    assert path is not None
    assert "person: Sato" in path.read_text(encoding="utf-8")
    add_person(window, qtbot, "Patient")
    assert window.people.overrides("calf-wall") == Overrides()
    window.files.import_program_from(path)
    box = window.findChild(QMessageBox, "importPreview")
    assert box is not None
    assert box.text() == "From Sato's program. The adjustments become Patient's."
    assert "25 s hold × 3 on each side" in box.informativeText()
    assert "already the same" in box.informativeText()
    import_button = next(b for b in box.buttons() if b.text() == "Import")
    qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    # Saved with the files, on the history thread, then read back.
    qtbot.waitUntil(lambda: window.people.overrides("calf-wall")
                    == Overrides(hold_seconds=25, sets=3), timeout=5000)


def test_a_broken_hand_off_shows_its_problems_and_changes_nothing(
        window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nkind: handoff\nid: x\nperson: A\n", encoding="utf-8")
    window.files.import_program_from(path)
    box = window.findChild(QMessageBox, "importProblems")
    assert box is not None
    assert "Nothing was changed" in box.text()
    assert f"{path}:1:1: the hand-off file is missing 'created'" in box.detailedText()
