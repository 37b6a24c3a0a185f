"""A session's life in the window: start (after the rest warning), run, stop, summary.

It owns the session's parts (driver, player, recorder, cues, screen-awake) and makes
them on first use, so the care menu paints without loading the engine or the sound.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from kneecare_desktop.basics import Lang

if TYPE_CHECKING:
    from kneecare_desktop.history.recorder import SessionRecorder
    from kneecare_desktop.history.records import SessionRow
    from kneecare_desktop.library.overrides import Overrides
    from kneecare_desktop.plan.timeline import Plan
    from kneecare_desktop.session.events import Event, SessionState
    from kneecare_desktop.ui.cues import CuePlayer
    from kneecare_desktop.ui.driver import SessionDriver
    from kneecare_desktop.ui.main_window import MainWindow
    from kneecare_desktop.ui.player import PlayerView
    from kneecare_desktop.ui.screen_awake import ScreenAwake


class SessionController(QObject):
    started = Signal(object)  # SessionDriver
    ended = Signal(object)  # SessionSummary
    changed = Signal()  # state, segment or page: the actions follow

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lang: Lang = window.lang
        self.settings = window.settings
        self.driver: SessionDriver | None = None
        self.player: PlayerView | None = None
        self.recorder: SessionRecorder | None = None
        self._cues: CuePlayer | None = None
        self._screen_awake: ScreenAwake | None = None
        self._stop_box: QMessageBox | None = None
        actions = window.commands
        from kneecare_desktop.ui.window_actions import on_trigger

        on_trigger(actions.pause, self.toggle_pause)
        on_trigger(actions.back, lambda: self._driver_call("back"))
        on_trigger(actions.skip, lambda: self._driver_call("skip"))
        on_trigger(actions.rep_done, lambda: self._driver_call("rep_done"))
        on_trigger(actions.extend, lambda: self._driver_call("extend"))
        on_trigger(actions.repeat, lambda: self._driver_call("repeat_set"))
        on_trigger(actions.hurt, self.it_hurts)
        on_trigger(actions.mute, self._toggle_mute)

    # -- parts made on first use ----------------------------------------------------------
    @property
    def cues(self) -> CuePlayer:
        if self._cues is None:
            from kneecare_desktop.sound.prompts import PromptBook, shipped_prompts_dir
            from kneecare_desktop.ui.cues import CuePlayer

            settings = self.settings
            self._cues = CuePlayer(self.lang, settings.sound_enabled(),
                                   settings.voice_enabled(), self.window.context.tts_engine,
                                   volume=settings.volume() / 100, muted=settings.muted(),
                                   prompts=PromptBook.load(shipped_prompts_dir()), parent=self)
            self.window.commands.mute.setChecked(settings.muted())
            settings.changed.connect(self._on_sound_setting)
            self._cues.status_changed.connect(self._show_sound_notices)
        return self._cues

    @property
    def screen_awake(self) -> ScreenAwake:
        if self._screen_awake is None:
            from kneecare_desktop.ui.screen_awake import ScreenAwake

            self._screen_awake = ScreenAwake(self)
        return self._screen_awake

    def release_screen(self) -> None:
        if self._screen_awake is not None:
            self._screen_awake.release()

    # -- sound ------------------------------------------------------------------------------
    def _show_sound_notices(self) -> None:
        """Before the first cue, and whenever the sound output or the voice changes: what
        this session will not be heard saying, and what to do about it."""
        from kneecare_desktop.sound.prompts import plan_texts
        from kneecare_desktop.sound.status import Notice, session_notices

        if self.player is None or self.driver is None or self._cues is None:
            return
        cues = self._cues
        texts = plan_texts(self.driver.session.plan, self.lang)
        notices = session_notices(cues.status, self.lang, texts,
                                  [t for t in texts if cues.has_prompt(t)],
                                  cues.sound_on, cues.voice_on and not cues.muted,
                                  cues.too_long)
        said = {
            Notice.NO_OUTPUT: self.tr(
                "No sound: this computer has no sound output working. Check that its sound "
                "is on and a speaker or headphones are connected. Follow the screen."),
            Notice.NO_VOICE: self.tr(
                "Some prompts cannot be spoken in this language on this computer: they are "
                "shown on screen, with beeps. To hear them, install speech-dispatcher with a "
                "voice for this language."),
            Notice.TOO_SHORT: self.tr(
                "Some steps are too short for their spoken prompt with these adjustments: "
                "those prompts are shown on screen only."),
        }
        self.player.show_notices([said[n] for n in notices])

    def _toggle_mute(self) -> None:
        muted = self.window.commands.mute.isChecked()
        self.cues.set_muted(muted)
        self.settings.set_muted(muted)

    def _on_sound_setting(self, key: str) -> None:
        """Mute and volume may change in the player or in Settings: both follow."""
        if key == "cues/muted" and self._cues is not None:
            muted = self.settings.muted()
            self.window.commands.mute.setChecked(muted)
            self._cues.set_muted(muted)
        elif key == "cues/volume" and self._cues is not None:
            self._cues.set_volume(self.settings.volume() / 100)

    # -- starting ---------------------------------------------------------------------------
    def active(self) -> bool:
        return self.driver is not None and not self.driver.session.state.is_over

    def overrides(self) -> dict[str, Overrides]:
        """This person's adjustments for every routine, as a session uses them."""
        from kneecare_desktop.care.person_plan import session_overrides

        window = self.window
        return session_overrides(window.library.routines, window.people.overrides,
                                 self.settings.lead_in_seconds())

    def plan_for(self, item_id: str) -> Plan:
        from kneecare_desktop.care.person_plan import plan_for

        return plan_for(self.window.library, item_id, self.overrides(),
                        self.settings.first_routine())

    def start(self, item_id: str, rest_warning_seen: bool = False) -> None:
        """Start ``item_id``; first ask about rest, if the last check-in advised it."""
        if self.active():
            return
        if not rest_warning_seen and self.window.checkins.rest_advised():
            self._warn_rest_then_start(item_id)
            return
        from kneecare_desktop.library.overrides import OverrideError

        try:
            plan = self.plan_for(item_id)
        except (KeyError, OverrideError) as error:
            QMessageBox.warning(self.window, self.tr("Cannot start"), str(error))
            return
        view = self.window.library_view
        pain = None if self.window.demo_mode else view.pain_before()
        view.clear_pain()
        self.run(plan, pain_before=pain)

    def resume(self, row: SessionRow, after_block: int) -> None:
        """Carry on an interrupted session from the block after its last one done."""
        from kneecare_desktop.library.overrides import OverrideError, Overrides
        from kneecare_desktop.plan.compiler import compile_plan

        library = self.window.library
        target = library.programs.get(row.item_id) or library.routines.get(row.item_id)
        if target is None or self.active():
            return
        overrides = {rid: Overrides.from_dict(data) for rid, data in row.overrides.items()
                     if isinstance(data, dict)}
        try:
            plan = compile_plan(target, overrides, library.routines)
        except (KeyError, OverrideError) as error:
            QMessageBox.warning(self.window, self.tr("Cannot resume"), str(error))
            return
        if after_block + 1 >= len(plan.blocks):
            return
        self.window.notice_banner.hide()
        self.run(plan, resumed_from=row.uid, after_block=after_block)

    def run(self, plan: Plan, pain_before: int | None = None,
            resumed_from: str | None = None, after_block: int | None = None) -> None:
        """Start a session of ``plan`` (tests and demonstrations may pass a scaled plan)."""
        from PySide6.QtCore import Qt

        from kneecare_desktop.care.person_plan import recorded_overrides
        from kneecare_desktop.history.recorder import SessionRecorder
        from kneecare_desktop.history.records import ItemKind
        from kneecare_desktop.session.engine import Session
        from kneecare_desktop.ui.driver import SessionDriver

        window = self.window
        clock = window.context.clock
        session = Session(plan, clock, self.settings.interruption_threshold())
        kind = ItemKind.PROGRAM if plan.id in window.library.programs else ItemKind.ROUTINE
        # Demonstration mode records nothing at all.
        self.recorder = None if window.demo_mode else SessionRecorder(
            window.history.writer, clock, plan, kind,
            recorded_overrides(plan, self.overrides()), window.people.person_id, resumed_from)
        if pain_before is not None and self.recorder is not None:
            window.history.writer.pain(self.recorder.uid, before=pain_before)
        if self.driver is not None:  # the last session's, kept for its summary until now
            self.driver.deleteLater()
        self.driver = SessionDriver(session, self)
        self.driver.state_changed.connect(self._on_state_changed)
        self.driver.refreshed.connect(self.changed)
        if self.recorder is not None:
            self.driver.event_occurred.connect(self.recorder.on_event)
        self.driver.event_occurred.connect(self.cues.on_event)
        self.driver.ended.connect(self._on_ended)
        player = self._player_for(self.driver)
        window.show_player(player)
        # Start has gone: the session itself takes the focus, not the next button in line
        # (Stop, ringed as if about to be pressed); the first Tab reaches Back.
        player.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cues.prepare()
        self.cues.prepare_plan(plan)
        self._show_sound_notices()
        self.started.emit(self.driver)
        self.driver.start(after_block)
        self.changed.emit()

    def _player_for(self, driver: SessionDriver) -> PlayerView:
        """One view follows every session (``PlayerView.attach``): a view made for each
        would leave its style's pictures in Qt's pixmap cache."""
        from kneecare_desktop.ui.player import PlayerView
        from kneecare_desktop.ui.theme import theme_for

        window = self.window
        theme = theme_for(window.palette())
        if self.player is not None:
            self.player.attach(driver, window.library.routines, theme)
            return self.player
        from kneecare_desktop.ui.volume import VolumeControl

        a = window.commands
        self.player = PlayerView(driver, window.library.routines, self.lang, theme, actions=[
            a.back, a.pause, a.skip, a.rep_done, a.extend, a.repeat, a.hurt, a.stop,
            a.fullscreen], controls=[VolumeControl(self.settings, self.cues, a.mute)])
        return self.player

    def _warn_rest_then_start(self, item_id: str) -> None:
        """A gentle warning after a "better to rest" check-in; the user may go past it."""
        from kneecare_desktop import model
        from kneecare_desktop.care import triage
        from kneecare_desktop.ui.text import arg

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Better to rest?"), arg(
            self.tr("Your last check-in said: %1. The article says to rest. (The app's "
                    "reading) The routines can be done again once the signs that rest is "
                    "better have gone. %2"), model.REST_TITLE.get(self.lang),
            triage.SEE_A_CLINICIAN.get(self.lang)),
            QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("restWarning")
        go = box.addButton(self.tr("Start anyway"), QMessageBox.ButtonRole.AcceptRole)
        not_now = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        # Enter, and Enter again, must not walk past a warning: the safe answer is default.
        box.setDefaultButton(not_now)
        box.setEscapeButton(not_now)

        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                self.start(item_id, rest_warning_seen=True)

        box.finished.connect(answered)
        box.open()

    # -- running ----------------------------------------------------------------------------
    def _driver_call(self, name: str) -> None:
        if self.driver is not None and not self.driver.session.state.is_over:
            getattr(self.driver, name)()

    def toggle_pause(self) -> None:
        if self.driver is not None:
            self.driver.toggle_pause()

    def it_hurts(self) -> None:
        from kneecare_desktop.session.events import StopReason

        if self.driver is not None and not self.driver.session.state.is_over:
            self.driver.stop(StopReason.HURT)

    def stop_now(self) -> None:
        """Stop without asking (the window is closing); what was done is kept."""
        if self.active():
            from kneecare_desktop.session.events import StopReason

            assert self.driver is not None
            self.driver.stop(StopReason.USER)

    def _on_state_changed(self, state: SessionState) -> None:
        from kneecare_desktop.session.events import SessionState

        if state is SessionState.RUNNING:
            self.screen_awake.hold(self.tr("A guided stretching session is running"))
            if self.driver is not None:
                self.cues.hold(self.driver.session.plan)  # again after a pause
        else:
            self.screen_awake.release()
            self.cues.release()  # over or paused: no stream kept open (ui/cues.py)

    def _on_ended(self, _event: Event) -> None:
        assert self.driver is not None
        if self._stop_box is not None:
            self._stop_box.close()
        summary = self.driver.session.summary()
        self.window.show_summary(summary, self.driver.session.plan,
                                 ask_pain=self.recorder is not None)
        self.changed.emit()
        self.ended.emit(summary)

    def confirm_stop(self) -> None:
        """Ask before stopping; the session pauses while the question is open."""
        from kneecare_desktop.session.events import SessionState, StopReason

        assert self.driver is not None
        was_running = self.driver.session.state is SessionState.RUNNING
        if was_running:
            self.driver.pause()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Stop the session?"),
                          self.tr("Stop this session now? What you have done so far is kept."),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("stopConfirmation")
        # Own buttons, not Yes/No: the style's "yes" (green) and "no" (red) pictures
        # would sit on Stop and Keep going the wrong way round.
        stop = box.addButton(self.tr("Stop"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep going"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            self._stop_box = None
            if self.driver is None or self.driver.session.state.is_over:
                return
            if box.clickedButton() is stop:
                self.driver.stop(StopReason.USER)
            elif was_running:
                self.driver.resume()

        box.finished.connect(answered)
        self._stop_box = box
        box.open()

    # -- after ------------------------------------------------------------------------------
    def save_pain_after(self, value: int) -> None:
        if self.recorder is not None:
            self.window.history.writer.pain(self.recorder.uid, after=value)

    def save_note(self, note: str) -> None:
        if self.recorder is not None:
            self.window.history.writer.pain(self.recorder.uid, note=note)
