"""The editors: live validation with the loader's messages, and files that load back
identically."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kneecare_desktop.library.files import load_file
from kneecare_desktop.model import Hold, Side
from kneecare_desktop.ui.editor import ProgramEditor, RoutineEditor
from kneecare_desktop.ui.main_window import MainWindow


def test_routine_editor_round_trip(window: MainWindow, qtbot: QtBot) -> None:
    window.library_view.select("hamstring-towel")
    editor = window.files.open_routine_editor()
    assert isinstance(editor, RoutineEditor)
    editor.id_edit.setText("hamstring-tanaka")
    editor.title.ja.setText("ハムストリングスストレッチ（田中さん）")
    editor.title.en.setText("Hamstring stretch (Tanaka)")
    editor.hold.setValue(30)
    editor.sets.setValue(3)
    editor.first.setCurrentIndex(editor.first.findData(Side.RIGHT))
    editor.rest.setValue(15)
    assert editor.problems.count() == 0
    expected = editor.routine()
    path = editor.save_to(editor.target_path("hamstring-tanaka"))
    loaded = load_file(path)
    assert loaded.problems == ()
    assert loaded.item == expected
    assert isinstance(expected.exercise, Hold)
    assert expected.exercise.seconds == 30
    # The window reloads and selects the new routine, ready to start.
    assert window.library_view.selected_id() == "hamstring-tanaka"
    plan = window.sessions.plan_for("hamstring-tanaka")
    assert [s.side for s in plan.segments if s.kind.value == "hold"][:2] == [Side.RIGHT,
                                                                            Side.LEFT]


def test_routine_editor_shows_the_validate_messages_live(window: MainWindow) -> None:
    window.library_view.select("hip-hinge")
    editor = window.files.open_routine_editor()
    assert isinstance(editor, RoutineEditor)
    editor.title.ja.setText("")
    editor.reps_min.setValue(14)
    editor.reps_max.setValue(11)
    messages = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert "Title, Japanese: write the Japanese text (it is empty)" in messages
    assert ("Fewest reps: the rep range's min (14) is above its max (11); make min at most max"
            in messages)  # at the field the problem is in
    assert not editor.buttons.button(editor.buttons.StandardButton.Save).isEnabled()
    editor.id_edit.setText("Not An Id")
    messages = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert any("id 'Not An Id' is not allowed" in m for m in messages)
    editor.reject()


def test_program_editor_assembles_a_program(window: MainWindow) -> None:
    editor = window.files.open_program_editor()
    assert isinstance(editor, ProgramEditor)
    editor.id_edit.setText("stretches-only")
    editor.title.ja.setText("ストレッチだけ")
    editor.title.en.setText("Stretches only")
    hinge = next(i for i in range(editor.routines.count())
                 if editor.routines.item(i).data(editor_role()) == "hip-hinge")
    editor.routines.item(hinge).setCheckState(editor_unchecked())
    program = editor.program()
    assert program.routine_ids == ("hamstring-towel", "calf-wall")
    assert editor.problems.count() == 0
    path = editor.save_to(editor.target_path("stretches-only"))
    assert load_file(path).item == program
    assert window.library.programs["stretches-only"].routine_ids == (
        "hamstring-towel", "calf-wall")


def editor_role() -> int:
    from kneecare_desktop.ui.editor_form import ROLE

    return int(ROLE)


def editor_unchecked() -> object:
    from PySide6.QtCore import Qt

    return Qt.CheckState.Unchecked
