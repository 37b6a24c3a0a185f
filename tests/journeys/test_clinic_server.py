"""A clinic's server as the staff meet it: chosen in Settings (never a password there), an
offline banner when it cannot be reached while sessions go on being recorded, and a
session recorded on the server when it can."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kneecare_desktop.history import outbox, postgres
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.model import Lang
from kneecare_desktop.paths import app_paths
from tests.journeys.test_therapist import add_person
from tests.journeys.user import User
from tests.journeys.words import w
from tests.postgres_cluster import Cluster


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_and_stop_a_session(user: User) -> None:
    user.click_item(w("program", Lang.EN))
    user.click(w("start", Lang.EN))
    user.wait_to_see(w("get ready", Lang.EN))
    user.press("Escape")
    user.wait_for_dialog()
    user.click("Stop")


def fresh_server(cluster: Cluster) -> str:
    """The URL of a new database on the throwaway server, with the app's schema."""
    url = cluster.url(cluster.create_database())
    postgres.migrate(url, create=True)
    return url


def test_a_server_is_chosen_in_settings_and_no_password_is_kept(
        launch: Callable[..., User]) -> None:
    user = launch(Lang.EN)
    user.menu("File", "Settings…")
    dialog = user.wait_for_dialog()
    user.click_tab("Clinic server")
    assert user.sees("The password is never kept in the settings", dialog)
    user.click_on(user.widget("Host"))
    user.type("db.clinic.example")
    user.click_on(user.widget("User"))
    user.type("kneecare_app")
    user.click("OK", dialog)
    user.wait_until(user.no_dialog)
    saved = app_paths().settings_file.read_text(encoding="utf-8")
    assert "host=db.clinic.example" in saved
    assert "user=kneecare_app" in saved
    assert "sslmode=verify-full" in saved  # the safe default
    assert "password" not in saved.lower()


def test_an_unreachable_server_shows_a_banner_and_sessions_are_kept_for_it(
        launch: Callable[..., User], monkeypatch: pytest.MonkeyPatch,
        kneecare_home: Path) -> None:
    monkeypatch.setenv("KNEECARE_DATABASE_URL",
                       f"postgresql://kneecare_app:secret@127.0.0.1:{closed_port()}/kneecare")
    paths = app_paths()
    paths.ensure()
    chosen = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    chosen.setValue("people/current", 7)  # this PC last worked with person 7
    chosen.sync()
    del chosen
    user = launch(Lang.EN, ask_pain=False)
    user.wait_to_see("Offline: the clinic server cannot be reached")
    assert user.has_button("Try now")
    assert "secret" not in user.screen_text(user.main_window)
    run_and_stop_a_session(user)
    def waiting() -> int:
        found = re.search(r"(\d+) changes? waits? here", user.screen_text(user.main_window))
        return int(found.group(1)) if found else 0

    user.wait_until(lambda: waiting() >= 2)  # its start and its end, at least
    user.main_window.close()
    from kneecare_desktop.ui.history_service import wait_for_writers

    assert wait_for_writers()
    local, _ = HistoryStore.open(kneecare_home / "history.sqlite3")
    queued = outbox.pending(local)
    local.close()
    kinds = [row.kind for row in queued]
    assert kinds[0] == "begin"
    assert "finish" in kinds
    assert queued[0].payload.person_id == 7  # recorded for that person, not the default


def test_a_session_on_a_reachable_server_is_recorded_there(
        launch: Callable[..., User], monkeypatch: pytest.MonkeyPatch,
        postgres_cluster: Cluster) -> None:
    url = fresh_server(postgres_cluster)
    monkeypatch.setenv("KNEECARE_DATABASE_URL", url)
    user = launch(Lang.EN, ask_pain=False)
    run_and_stop_a_session(user)
    server = postgres.PostgresHistoryStore.open_server(url)
    try:
        user.wait_until(lambda: any(r.ended is not None for r in server.sessions()))
        (row,) = server.sessions()
        device = server.con.execute("SELECT device_id FROM sessions").fetchone()[0]
    finally:
        server.close()
    assert row.outcome.value == "stopped"
    assert device == app_paths().device_id_file.read_text(encoding="ascii").strip()
    assert not user.sees("Offline")


def test_a_change_made_meanwhile_on_another_pc_is_shown_beside_mine(
        launch: Callable[..., User], monkeypatch: pytest.MonkeyPatch,
        postgres_cluster: Cluster) -> None:
    from PySide6.QtWidgets import QSpinBox

    url = fresh_server(postgres_cluster)
    monkeypatch.setenv("KNEECARE_DATABASE_URL", url)
    user = launch(Lang.EN, ask_pain=False)
    add_person(user, "Ana Silva")  # on the server; this window shows her, as loaded
    user.click_item("Hamstring stretch with a towel")
    hold = user.widget("Hold", QSpinBox)
    # The reception PC sets a 40 s hold for her while this one is open.
    reception = postgres.PostgresHistoryStore.open_server(url, "b" * 32)
    try:
        ana = reception.person_named("Ana Silva")
        assert ana is not None
        me = ana.id
        reception.set_adjustments(me, "hamstring-towel", {"hold_seconds": 40}, expected=0)
        user.click_on(hold)
        user.press("Ctrl+A")
        user.type("30")
        user.press("Tab")
        user.wait_to_see("The adjustments to Hamstring stretch with a towel were changed on "
                         "another computer while you changed them. Saved there: hold 40 s. "
                         "Yours, not saved: hold 30 s.")
        assert reception.adjustments(me) == {"hamstring-towel": {"hold_seconds": 40}}
        user.wait_until(lambda: user.has_button("Save mine"))
        user.click("Save mine")
        user.wait_until(lambda: reception.adjustments(me)
                        == {"hamstring-towel": {"hold_seconds": 30}})
        # Changed again there; this time this PC keeps theirs.
        version = reception.adjustment_versions(me)["hamstring-towel"]
        reception.set_adjustments(me, "hamstring-towel", {"hold_seconds": 45},
                                  expected=version)
        user.click_on(hold)
        user.press("Ctrl+A")
        user.type("25")
        user.press("Tab")
        user.wait_to_see("Saved there: hold 45 s. Yours, not saved: hold 25 s.")
        user.wait_until(lambda: user.has_button("Keep theirs"))
        user.click("Keep theirs")
        user.wait_to_see("45 s hold × 2 on each side")
        assert reception.adjustments(me) == {"hamstring-towel": {"hold_seconds": 45}}
    finally:
        reception.close()


def test_an_adjustment_that_cannot_reach_the_server_is_said_not_saved(
        launch: Callable[..., User], monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QSpinBox

    monkeypatch.setenv("KNEECARE_DATABASE_URL",
                       f"postgresql://kneecare_app@127.0.0.1:{closed_port()}/kneecare")
    user = launch(Lang.EN, ask_pain=False)
    user.wait_to_see("Offline: the clinic server cannot be reached")
    user.click_item("Hamstring stretch with a towel")
    hold = user.widget("Hold", QSpinBox)
    user.click_on(hold)
    user.press("Ctrl+A")
    user.type("30")
    user.press("Tab")
    user.wait_to_see("Your change to Hamstring stretch with a towel could not be saved: the "
                     "clinic server cannot be reached.")


def test_when_the_server_is_back_the_queue_goes_up_and_the_people_come_back(
        launch: Callable[..., User], monkeypatch: pytest.MonkeyPatch,
        postgres_cluster: Cluster) -> None:
    url = fresh_server(postgres_cluster)
    server = postgres.PostgresHistoryStore.open_server(url)
    ana = server.add_person("Ana Silva")
    server.close()
    monkeypatch.setenv("KNEECARE_DATABASE_URL", url)
    paths = app_paths()
    paths.ensure()
    chosen = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    chosen.setValue("people/current", ana.id)
    chosen.sync()
    del chosen
    postgres_cluster.stop()
    try:
        user = launch(Lang.EN, ask_pain=False)
        user.wait_to_see("Offline: the clinic server cannot be reached")
        assert "Ana Silva" not in user.main_window.windowTitle()  # not read yet
        run_and_stop_a_session(user)
    finally:
        postgres_cluster.start()
    user.wait_until(lambda: user.has_button("Try now"))
    user.click("Try now")
    user.wait_until(lambda: "Ana Silva" in user.main_window.windowTitle())
    assert not user.sees("Offline")
    server = postgres.PostgresHistoryStore.open_server(url)
    try:
        user.wait_until(lambda: len(server.sessions(ana.id)) == 1)
        (row,) = server.sessions(ana.id)
    finally:
        server.close()
    assert row.outcome.value == "stopped"


def test_a_pc_that_has_seen_the_server_offers_its_people_while_it_is_down(
        launch: Callable[..., User], monkeypatch: pytest.MonkeyPatch,
        postgres_cluster: Cluster) -> None:
    from PySide6.QtWidgets import QComboBox, QListWidget

    from kneecare_desktop.ui.history_service import wait_for_writers

    url = fresh_server(postgres_cluster)
    server = postgres.PostgresHistoryStore.open_server(url)
    server.add_person("Ana Silva")
    ben = server.add_person("Ben Okafor")
    server.close()
    monkeypatch.setenv("KNEECARE_DATABASE_URL", url)
    # Yesterday: the reception PC reads the clinic's people once.
    first = launch(Lang.EN, ask_pain=False)
    people = first.widget("Person", QComboBox)
    first.wait_until(lambda: people.count() == 3)
    first.main_window.close()
    assert wait_for_writers()
    postgres_cluster.stop()
    try:
        # Today the server is down when the PC starts.
        user = launch(Lang.EN, ask_pain=False)
        user.wait_to_see("Offline: the clinic server cannot be reached")
        person = user.widget("Person", QComboBox)
        user.wait_until(lambda: person.count() == 3)
        offered = [person.itemText(i) for i in range(person.count())]
        assert offered == ["Me", "Ana Silva", "Ben Okafor"]
        user.wait_to_see("Offline copy from")  # beside it, with the date of the copy
        # Ben, picked with the keyboard in the person bar.
        user.click_on(person)
        user.wait_until(lambda: person.view().isVisible())
        user.press("Down", times=2)
        user.press("Return")
        user.wait_until(lambda: "Ben Okafor" in user.main_window.windowTitle())
        # The people list shows the copy too, and says so; it cannot be edited.
        user.menu("People", "Manage people…")
        dialog = user.wait_for_dialog()
        user.wait_to_see("These are the people as this computer last read them", dialog)
        listed = user.widget("People", QListWidget)
        assert [listed.item(i).text() for i in range(listed.count())] == [
            "Me (the default person)", "Ana Silva", "Ben Okafor"]
        user.on_next_dialog(lambda asked: user.type_into(asked, "Cara Jones"))
        user.click("Add…")
        user.wait_to_see("The history cannot be changed now.")  # only on the server
        user.answer("Close")
        user.answer("Close")
        assert "Ben Okafor" in user.main_window.windowTitle()
        run_and_stop_a_session(user)
    finally:
        postgres_cluster.start()
    user.wait_until(lambda: user.has_button("Try now"))
    user.click("Try now")
    user.wait_until(lambda: not user.sees("Offline"))
    assert not user.sees("Offline copy from")
    server = postgres.PostgresHistoryStore.open_server(url)
    try:
        user.wait_until(lambda: len(server.sessions(ben.id)) == 1)
        (row,) = server.sessions(ben.id)
        everyone = server.con.execute("SELECT count(*) FROM sessions").fetchone()[0]
        assert everyone == 1  # his alone: not also for the person this PC chose last
    finally:
        server.close()
    assert row.outcome.value == "stopped"
    assert "Ben Okafor" in user.main_window.windowTitle()
