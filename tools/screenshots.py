"""Render screenshots of the app at chosen moments, in Japanese and English.

    python tools/screenshots.py --out screenshots [--lang ja|en] [--dark]
    python tools/screenshots.py --out screenshots --paths   # the paths people take, on a
        # 1024x700 laptop screen beside a 1920x1080 clinic screen: the care menu, the
        # presenter started from the presenter, the summary and history after It hurts

Uses the real windows with a fake clock, so each moment is exact: the care menu, the
player (a hold on each side, rest, a rep, change of position, the summary) at a normal
and a small window size, and presenter mode at 1920x1080. Runs on the offscreen
platform unless a display is set (then it shows real windows, e.g. under Xvfb).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCREENS = {"synchronousWindowSystemEvents": True, "windowFrameMargins": True, "screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 700, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1},
    {"name": "clinic", "x": 1024, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1}]}
if "--paths" in sys.argv:
    # Before Qt starts: the offscreen platform reads its screens from a file.
    import json

    _config = Path(tempfile.gettempdir()) / "kneecare-screenshot-screens.json"
    _config.write_text(json.dumps(SCREENS), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
elif not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kneecare_desktop.model import Lang  # noqa: E402
from kneecare_desktop.paths import app_paths  # noqa: E402
from kneecare_desktop.session.clock import FakeClock  # noqa: E402
from kneecare_desktop.ui.app import Application, create_app  # noqa: E402
from kneecare_desktop.ui.main_window import MainWindow  # noqa: E402


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def advance_to(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Move the session to ``seconds`` after its start, with regular updates."""
    assert window.sessions.driver is not None
    target = window.sessions.driver.session.started_at + seconds
    while clock.monotonic() < target - 1e-9:
        clock.set(min(target, clock.monotonic() + 0.5))
        window.sessions.driver.poll()


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#2a2b2e"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed"),
                         (QPalette.ColorRole.Highlight, "#1a73e8"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


class Shooter:
    def __init__(self, app: QApplication, out: Path, lang: Lang, suffix: str) -> None:
        self.app = app
        self.out = out
        self.lang = lang
        self.suffix = suffix
        self.clock = FakeClock()
        self.application = Application(app, app_paths(), lang=lang, clock=self.clock,
                                       tts_engine="mock")
        window = self.application.window
        assert window is not None
        self.window = window
        window.resize(1100, 760)
        window.show()
        settle(app)

    def save(self, widget: QWidget, name: str) -> None:
        settle(self.app)
        path = self.out / f"{name}-{self.lang.value}{self.suffix}.png"
        widget.grab().save(str(path))
        print(path)

    def session_moment(self, item_id: str, at: float, name: str,
                       size: tuple[int, int] = (1100, 760),
                       before: Callable[[], None] | None = None) -> None:
        window = self.window
        window.resize(*size)
        window.show_library()
        window.library_view.select(item_id)
        window.sessions.start(item_id)
        advance_to(window, self.clock, at)
        if before is not None:
            before()
        self.save(window, name)
        if window.sessions.driver is not None and not window.sessions.driver.session.state.is_over:
            window.sessions.driver.stop()
        window.resize(1100, 760)

    def run(self) -> None:
        w = self.window
        self.save(w, "01-care-menu")
        w.library_view.select("hamstring-towel")
        self.save(w, "02-routine-detail")
        self.session_moment("hamstring-towel", 14, "03-hold-left")
        self.session_moment("hamstring-towel", 10 + 20 + 8 + 7, "04-hold-right")
        self.session_moment("hamstring-towel", 10 + 20 + 8 + 20 + 4, "05-rest")
        self.session_moment("hip-hinge", 10 + 4 * 6 + 1, "06-rep")
        self.session_moment("knee-care", 116 + 5, "07-change-position")
        self.session_moment("hamstring-towel", 14, "08-hold-left-small", size=(800, 600))
        self.session_moment("hamstring-towel", 12.5, "09-paused",
                            before=lambda: w.sessions.driver.pause() if w.sessions.driver else None)
        # The summary of a whole program, with one hold skipped.
        w.show_library()
        w.library_view.select("knee-care")
        w.sessions.start("knee-care")
        advance_to(w, self.clock, 12)
        assert w.sessions.driver is not None
        w.sessions.driver.skip()
        advance_to(w, self.clock, 400)
        self.save(w, "10-summary")
        # Presenter mode at 1920x1080, in a hold.
        w.show_library()
        w.library_view.select("calf-wall")
        w.sessions.start("calf-wall")
        advance_to(w, self.clock, 10 + 20 + 5 + 6)
        w.toggle_presenter()
        presenter = w.presenter
        assert presenter is not None
        presenter.showNormal()
        for width, height in ((1280, 720), (1920, 1080), (3840, 2160)):
            presenter.resize(width, height)
            self.save(presenter, f"11-presenter-{width}x{height}")
        presenter.resize(1920, 1080)
        advance_to(w, self.clock, 10 + 20 + 5 + 20 + 3)  # the rest: what comes next
        self.save(presenter, "11b-presenter-rest-1920x1080")
        presenter.resize(800, 600)
        self.save(presenter, "12-presenter-800x600")
        presenter.close()
        w.sessions.driver.stop()
        self.checkin_shots()
        self.checkin_history_shot()
        self.focus_shot()
        self.settings_shot()
        self.therapist_shots()
        w.close()

    def checkin_history_shot(self) -> None:
        """The history's check-in tab, with the two check-ins just taken, in words."""
        w = self.window
        view = w.history_view
        done: list[bool] = []
        view.loaded.connect(lambda: done.append(True))
        w.show_history()
        while not done:
            self.app.processEvents()
            w.history.writer.flush(0.05)
        view.tabs.setCurrentWidget(view.checkin_table)
        self.save(w, "21-checkin-history")
        view.tabs.setCurrentWidget(view.table)

    def settings_shot(self) -> None:
        """Settings' Sound and voice page, once the probes have answered."""
        from kneecare_desktop.ui.settings_dialog import SettingsDialog

        w = self.window
        w.sessions.cues.start_probes()
        while not w.sessions.cues.speech.answered:
            self.app.processEvents()
        dialog = SettingsDialog(w.settings, w.sessions.cues, w)
        dialog.tabs.setCurrentIndex(1)
        dialog.show()
        self.save(dialog, "23-settings-sound")
        dialog.tabs.setCurrentIndex(0)
        self.save(dialog, "24-settings-general")
        dialog.close()

    def focus_shot(self) -> None:
        """The player with keyboard focus on a control button (reached by Tab)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        w = self.window
        w.show_library()
        w.library_view.select("hamstring-towel")
        w.sessions.start("hamstring-towel")
        advance_to(w, self.clock, 14)
        w.activateWindow()
        for _ in range(3):
            QTest.keyClick(w.focusWidget() or w, Qt.Key.Key_Tab)
        self.save(w, "22-player-focus")
        assert w.sessions.driver is not None
        w.sessions.driver.stop()

    def therapist_shots(self) -> None:
        from datetime import date

        from kneecare_desktop.ui.documents import write_handout
        from kneecare_desktop.ui.people import PeopleDialog

        w = self.window
        w.show_library()
        w.library_view.select("calf-wall")
        editor = w.files.open_routine_editor()
        assert editor is not None
        settle(self.app)
        self.save(editor, "18-routine-editor")
        editor.reject()
        dialog = PeopleDialog(w.people, w)
        dialog.show()
        w.history.writer.flush()
        for _ in range(20):
            settle(self.app)
        self.save(dialog, "19-people")
        dialog.close()
        pdf = self.out / f"20-handout-{self.lang.value}{self.suffix}.pdf"
        write_handout(pdf, w.library.programs["knee-care"], w.library.routines,
                      w.people.all_overrides(), self.lang, "", date.today())
        print(pdf)

    def checkin_shots(self) -> None:
        from kneecare_desktop.ui.checkin_dialog import CheckinDialog

        w = self.window
        w.show_library()
        for name, ticked in (("16-checkin-rest", ("calves-pumped", "stiff-ankles", "swollen",
                                                   "eases-after-warmup")),
                             ("17-checkin-ok", ("hills-speed", "desk-stiff-thighs",
                                                "eases-after-warmup", "tightness-not-sharp"))):
            w.checkins.open()
            for _ in range(200):  # the dialog opens once today's sessions have been read
                if w.findChild(CheckinDialog) is not None:
                    break
                self.app.processEvents()
                w.history.writer.flush(0.05)
            dialog = w.findChild(CheckinDialog)
            assert dialog is not None
            from PySide6.QtWidgets import QRadioButton

            for question_id, group in dialog.answer_groups.items():
                answer = "yes" if question_id in ticked else "no"
                button = dialog.findChild(QRadioButton, f"a-{question_id}-{answer}")
                button.setChecked(True)
                del group
            for question_id in ticked:
                if question_id in dialog.boxes:
                    dialog.boxes[question_id].setChecked(True)
            if name.endswith("rest"):
                self.save(dialog, "16a-checkin-questions")
            dialog.show_result()
            self.save(dialog, name)
            dialog.close()
            dialog.deleteLater()
            settle(self.app)


def history_shots(app: QApplication, out: Path, lang: Lang) -> None:
    """The history view: empty, one month, and ten years of daily sessions."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from history_scale import fill

    for name, years in (("13-history-empty", 0), ("14-history-one-month", None),
                        ("15-history-ten-years", 10)):
        with tempfile.TemporaryDirectory() as home:
            os.environ["KNEECARE_HOME"] = home
            if years:
                fill(Path(home) / "history.sqlite3", years)
            elif years is None:
                fill_month(Path(home) / "history.sqlite3")
            application = Application(app, app_paths(), lang=lang, tts_engine="mock")
            window = application.window
            assert window is not None
            window.resize(1280, 900)
            window.show()
            view = window.history_view
            done: list[bool] = []
            view.loaded.connect(lambda done=done: done.append(True))
            window.show_history()
            while not done:
                app.processEvents()
            settle(app)
            path = out / f"{name}-{lang.value}.png"
            window.grab().save(str(path))
            print(path)
            window.close()


def path_shots(app: QApplication, out: Path, lang: Lang) -> None:
    """The paths people take, by keys and clicks, on a small laptop beside a big screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    with tempfile.TemporaryDirectory() as home:
        os.environ["KNEECARE_HOME"] = home
        from datetime import UTC, datetime

        clock = FakeClock(wall=datetime.now(UTC))
        application = Application(app, app_paths(), lang=lang, clock=clock, tts_engine="mock")
        w = application.window
        assert w is not None
        w.show()
        settle(app)

        def save(widget: QWidget, name: str) -> None:
            settle(app)
            path = out / f"{name}-{lang.value}.png"
            widget.grab().save(str(path))
            print(path)

        def key(widget: QWidget, k: Qt.Key,
                modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
            widget.activateWindow()
            settle(app)
            QTest.keyClick(widget.focusWidget() or widget, k, modifier)
            settle(app)

        screen = w.screen().availableGeometry()
        print(f"screen {screen.width()}x{screen.height()}, window {w.width()}x{w.height()}")
        w.library_view.select("knee-care")
        save(w, "21-care-menu-1024x700")
        # F11, then Ctrl+Enter in the presenter on the clinic screen.
        key(w, Qt.Key.Key_F11)
        presenter = w.presenter
        assert presenter is not None
        save(presenter, "22-presenter-card-1920x1080")
        QTest.keyClick(w.library_view.list, Qt.Key.Key_3)  # the pain before, by its digit
        key(presenter, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        advance_to(w, clock, 14)
        save(presenter, "23-presenter-started-from-presenter-1920x1080")
        key(presenter, Qt.Key.Key_Escape)
        # It hurts, 5 chosen after: the summary, then the history.
        key(w, Qt.Key.Key_Space)
        clock.advance(7)
        key(w, Qt.Key.Key_Space)
        advance_to(w, clock, 40)
        key(w, Qt.Key.Key_H)
        summary = w.summary_view
        QTest.mouseClick(summary.pain_scale.group.button(5), Qt.MouseButton.LeftButton)
        save(w, "24-summary-it-hurts-1024x700")
        key(w, Qt.Key.Key_Escape)
        key(w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        for _ in range(50):
            settle(app)
        save(w, "25-history-after-it-hurts-1024x700")
        w.close()


def fill_month(path: Path) -> None:
    """Thirty days, with some days missed, some pain ratings and one stop."""
    from datetime import UTC, datetime, timedelta

    from kneecare_desktop.history.records import (
        Outcome,
        RecordedBlock,
        SessionStart,
        new_uid as uid_of,
    )
    from kneecare_desktop.history.store import HistoryStore

    store, _ = HistoryStore.open(path)
    person = store.default_person().id
    now = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for day in range(30):
        if day % 4 == 3:
            continue
        started = now - timedelta(days=30 - day)
        uid = uid_of()
        store.begin_session(SessionStart(uid, person, "knee-care", "program",
                                         "膝裏ケア プログラム", "Knee care program", {},
                                         314.0, started))
        for seq, side in enumerate(("left", "right", "left", "right"), start=1):
            store.add_block(RecordedBlock(uid, seq, seq - 1, "hamstring-towel", "hold", side,
                                       (seq + 1) // 2, 0, 0, 20.0, 20.0, "completed", 1,
                                       started + timedelta(seconds=30 * seq)))
        outcome = Outcome.HURT if day == 5 else Outcome.COMPLETED
        store.finish_session(uid, outcome, started + timedelta(minutes=5), 80.0 + day)
        store.set_pain(uid, before=max(0, 6 - day // 6), after=max(0, 4 - day // 7),
                       note="ランの後" if day % 5 == 0 else "")
    store.close()


def clinic_shots(app: QApplication, out: Path, lang: Lang, url: str | None) -> None:
    """A clinic's server: the Settings page filled in, the offline banner (a server that
    cannot be reached), and, with ``url``, the history of one PC showing a session
    another PC recorded on that server."""
    import socket
    from datetime import UTC, datetime, timedelta

    from kneecare_desktop.history.clinic import ServerSettings
    from kneecare_desktop.ui.settings_dialog import SettingsDialog

    def save(widget: QWidget, name: str) -> None:
        settle(app)
        path = out / f"{name}-{lang.value}.png"
        widget.grab().save(str(path))
        print(path)

    def window_with(server: str, home: str) -> tuple[Application, MainWindow]:
        os.environ["KNEECARE_HOME"] = home
        os.environ["KNEECARE_DATABASE_URL"] = server
        application = Application(app, app_paths(), lang=lang, clock=FakeClock(),
                                  tts_engine="mock")
        window = application.window
        assert window is not None
        window.resize(1100, 760)
        window.show()
        settle(app)
        return application, window

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        down = f"postgresql://kneecare_app@127.0.0.1:{probe.getsockname()[1]}/kneecare"
    with tempfile.TemporaryDirectory() as home:
        _application, window = window_with(down, home)
        while not window.history.writer.status.offline:
            window.history.writer.flush(0.05)
            app.processEvents()
        window.settings.set_server(ServerSettings(
            host="db.clinic.example", user="kneecare_app",
            sslrootcert="/etc/kneecare/clinic-ca.crt"))
        save(window, "30-clinic-offline-banner")
        dialog = SettingsDialog(window.settings, window.sessions.cues, window)
        dialog.tabs.setCurrentIndex(2)
        dialog.show()
        save(dialog, "31-settings-clinic-server")
        dialog.close()
        window.close()
    with tempfile.TemporaryDirectory() as home:
        # A PC that read the clinic's people yesterday, started while the server is down.
        from kneecare_desktop.history import server_copy
        from kneecare_desktop.history.clinic import redact
        from kneecare_desktop.history.records import Person
        from kneecare_desktop.history.store import HistoryStore

        names = (("佐藤 花子", "鈴木 健") if lang is Lang.JA else ("Ana Silva", "Ben Okafor"))
        local, _ = HistoryStore.open(Path(home) / "history.sqlite3")
        server_copy.keep(local, redact(down), server_copy.ServerCopy(
            datetime.now(UTC) - timedelta(days=1),
            (Person(1, "", False, True), Person(2, names[0], False, False),
             Person(3, names[1], False, False))))
        local.close()
        _application, window = window_with(down, home)
        while window.people.copied is None or not window.history.writer.status.offline:
            window.history.writer.flush(0.05)
            app.processEvents()
        window.people.switch_to(3)
        while window.people.person_id != 3:
            window.history.writer.flush(0.05)
            app.processEvents()
        save(window, "33-clinic-offline-people")
        window.close()
    if url:
        from kneecare_desktop.history import postgres
        from kneecare_desktop.history.records import ItemKind, Outcome, SessionStart, new_uid

        other_pc = postgres.PostgresHistoryStore.open_server(url, "f" * 32)
        started = datetime.now(UTC) - timedelta(hours=2)
        uid = new_uid()
        other_pc.begin_session(SessionStart(
            uid, other_pc.default_person().id, "knee-care", ItemKind.PROGRAM,
            "膝裏ケア プログラム", "Knee care program", {}, 314.0, started))
        other_pc.finish_session(uid, Outcome.COMPLETED, started + timedelta(minutes=5), 300.0)
        other_pc.close()
        with tempfile.TemporaryDirectory() as home:
            _application, window = window_with(url, home)
            view_loaded: list[bool] = []
            window.show_history()
            window.history_view.loaded.connect(lambda: view_loaded.append(True))
            window.history_view.reload()
            while not view_loaded:
                window.history.writer.flush(0.05)
                app.processEvents()
            save(window, "32-clinic-history-from-another-pc")
            window.close()
    os.environ.pop("KNEECARE_DATABASE_URL", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lang", choices=["ja", "en"], action="append")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--history", action="store_true",
                        help="only the history view (empty, one month, ten years)")
    parser.add_argument("--paths", action="store_true",
                        help="only the paths people take, on a 1024x700 and a 1920x1080 "
                             "screen")
    parser.add_argument("--clinic", action="store_true",
                        help="only a clinic server's Settings page, offline banner and "
                        "offline people")
    parser.add_argument("--clinic-url", metavar="URL",
                        help="with --clinic: a server (initialised) to show one PC's "
                             "session in another's history")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        os.environ["KNEECARE_HOME"] = home
        app = create_app()
        if args.dark:
            app.setPalette(dark_palette())
        for lang in args.lang or ["en", "ja"]:
            if args.clinic:
                clinic_shots(app, args.out, Lang(lang), args.clinic_url)
            elif args.paths:
                path_shots(app, args.out, Lang(lang))
            elif args.history:
                history_shots(app, args.out, Lang(lang))
            else:
                Shooter(app, args.out, Lang(lang), "-dark" if args.dark else "").run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
