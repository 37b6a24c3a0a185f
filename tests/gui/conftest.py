"""GUI fixtures: the real app on the offscreen platform, with a fake clock and the mock
speech engine chosen explicitly."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kneecare_desktop.model import Lang
from kneecare_desktop.paths import app_paths
from kneecare_desktop.session.clock import FakeClock
from kneecare_desktop.ui import alarm as alarm_module
from kneecare_desktop.ui.app import Application
from kneecare_desktop.ui.main_window import MainWindow


@pytest.fixture(params=["kernel", "qt"])
def alarm_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both kinds of the session's alarm: the Linux kernel timer, and the Qt timer used
    elsewhere (ui/alarm.py)."""
    if request.param == "qt":
        monkeypatch.setattr(alarm_module, "_make_timer_fd", lambda: None)
    elif not sys.platform.startswith("linux"):
        pytest.skip("a Linux kernel timer")
    return str(request.param)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(qapp: object, qtbot: QtBot, clock: FakeClock,
             kneecare_home: object) -> Iterator[object]:
    created: list[Application] = []

    def make(lang: Lang = Lang.EN, use_clock: bool = True,
             ask_pain: bool = False) -> Application:
        application = Application(qapp, app_paths(), lang=lang,  # type: ignore[arg-type]
                                  clock=clock if use_clock else None, tts_engine="mock")
        assert application.window is not None
        # Most tests start sessions directly; the pain questions have their own tests.
        application.settings.set_ask_pain(ask_pain)
        application.window.library_view.show_pain_question(ask_pain)
        qtbot.addWidget(application.window)
        application.window.resize(1100, 760)
        application.window.show()
        qtbot.waitExposed(application.window)
        # Started: the care menu has painted and the reminders are attached after it.
        qtbot.waitUntil(lambda: application.is_started, timeout=5000)
        created.append(application)
        return application

    yield make
    for application in created:
        window = application.window
        if window is not None and window.presenter is not None:
            window.presenter.close()
        application.translations.use(Lang.EN)
        application.setParent(None)


@pytest.fixture
def window(make_app: object) -> MainWindow:
    application = make_app()  # type: ignore[operator]
    return application.window  # type: ignore[no-any-return]
