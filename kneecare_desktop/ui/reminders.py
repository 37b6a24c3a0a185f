"""Reminders in the running app: one timer, then a tray icon, a desktop notification or
the window itself, and closing the window without quitting.

The rules are the core's (``care/reminders.py``); this module only keeps time and shows.

- **One timer** (single shot) to the next moment the rules name, never more than a
  minute away: at each timeout the wall clock is compared with the suspend-aware
  monotonic clock, and the zone with the one before, so a wake from sleep, a clock set
  by hand or a new time zone is noticed within a minute even where the system says
  nothing. No reminders: no timer at all.
- **Where a notice shows**: a tray icon where ``QSystemTrayIcon.isSystemTrayAvailable()``
  (its menu: start, snooze, skip today, open, quit; its icon marked while one is due);
  else a freedesktop notification with the same actions where a session bus has a
  notification server; else the window comes forward. The window always shows the
  reminder in a banner too, with the same buttons.
- **Closing the window** (its title bar's close button: a close from the window system)
  hides it instead of quitting when the person chose to keep reminders running and has
  some; then the tray icon, or a second start of ``kneecare``, opens it again. Quit (in
  the File menu, the tray menu, Ctrl+Q) always quits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QVBoxLayout

from kneecare_desktop.care import reminders as rules
from kneecare_desktop.model import Lang, Reminder, ReminderEvent
from kneecare_desktop.paths import resources_dir
from kneecare_desktop.ui.banner import INFO_STYLE, Banner
from kneecare_desktop.ui.one_use import dispose_when_finished
from kneecare_desktop.ui.text import arg

if TYPE_CHECKING:
    from kneecare_desktop.history.records import Person
    from kneecare_desktop.history.store import HistoryStore
    from kneecare_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CHECK_AT_LEAST_EVERY_S = 60.0  # the wall-vs-boot check: never more often than this
JUMP_S = 5.0  # a wall clock that moved this much against the monotonic one: look again
NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFY_TIMEOUT_MS = 5000


def qt_system_zone() -> tzinfo:
    """The system's zone by Qt (IANA ids on every system, Windows included, with the
    ``tzdata`` package for their rules), else the core's guess."""
    from PySide6.QtCore import QTimeZone

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return rules.zone_named(name) or rules.system_zone()


def zone_key(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


@dataclass(frozen=True, slots=True)
class Shown:
    """A notice on screen: the rules' notice, the reminder's person and item title."""

    notice: rules.Notice
    person: Person | None
    title: str


class ReminderController(QObject):
    """The reminders of everyone on this computer, for one main window."""

    notices_changed = Signal()
    reminders_loaded = Signal()

    def __init__(self, window: MainWindow, zone: Callable[[], tzinfo] | None = None,
                 use_tray: bool | None = None, use_notifications: bool | None = None) -> None:
        super().__init__(window)
        self.setObjectName("reminderController")
        self.window = window
        self.settings = window.settings
        self.clock = window.context.clock
        self.lang: Lang = window.lang
        self._zone_source = zone or qt_system_zone
        self.zone = self._zone_source()
        self.trackers: dict[int, rules.Tracker] = {}
        self.reminders: list[Reminder] = []
        self.people: dict[int, Person] = {}
        self.shown: dict[int, Shown] = {}
        self._wall_minus_mono = self._offset()
        self._checking = False
        self._check_again = False
        self._hidden_once = False
        self._announced: rules.Notice | None = None
        self._closed = False  # the window has closed for good: nothing more to do
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.banner = Banner("reminderBanner", INFO_STYLE)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)  # the window's column of banners and pages
        layout.insertWidget(0, self.banner)
        self.offer_banner = Banner("reminderOffer", INFO_STYLE)
        layout.insertWidget(1, self.offer_banner)
        self._use_tray = use_tray
        self._use_notifications = use_notifications
        self.tray: ReminderTray | None = None
        self.notifier: DesktopNotifier | None = None
        self.act_reminders = QAction(self.tr("&Reminders…"), window)
        self.act_reminders.setObjectName("reminders")
        self.act_reminders.triggered.connect(lambda: self.open_dialog())
        self._add_to_menu()
        window.installEventFilter(self)
        window.sessions.ended.connect(self._session_ended)
        window.people.people_changed.connect(lambda _people: self.reload())
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shut_down)
        if window.people.current is not None:  # else its people_changed, soon, reloads
            self.reload()

    # -- wiring ---------------------------------------------------------------------------
    def _add_to_menu(self) -> None:
        """After Check-in in the Session menu (found by its action, whatever the menu's
        place or label)."""
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu) and self.window.commands.checkin in menu.actions():
                actions = menu.actions()
                after = actions.index(self.window.commands.checkin) + 1
                before = actions[after] if after < len(actions) else None
                menu.insertAction(before, self.act_reminders)  # type: ignore[arg-type]
                return
        self.window.menuBar().addAction(self.act_reminders)

    def shut_down(self) -> None:
        self._timer.stop()
        if self.notifier is not None:
            self.notifier.stop()
        if self.tray is not None:
            self.tray.hide()

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read everyone's reminders again (after a change, or a change of people)."""
        from kneecare_desktop.history import reminders as stored

        def load(store: HistoryStore) -> tuple[list[Reminder], list[ReminderEvent],
                                                list[Person]]:
            found = stored.reminders(store)
            return (found, stored.latest_events(store, [r.id for r in found]),
                    store.people(include_archived=True))

        self.window.history.run(load, self._loaded, self)

    def _loaded(self, result: tuple[list[Reminder], list[ReminderEvent], list[Person]]
                | None) -> None:
        if result is None:
            return
        found, events, people = result
        self.people = {p.id: p for p in people}
        archived = {p.id for p in people if p.archived}
        self.reminders = [r for r in found if r.person_id not in archived]
        old = self.trackers
        self.trackers = {}
        for reminder in self.reminders:
            before = old.get(reminder.id)
            if before is not None and before.reminder == reminder:
                self.trackers[reminder.id] = before  # unchanged: its state goes on
            else:
                self.trackers[reminder.id] = rules.Tracker.start(reminder, self.zone, events)
        for rid in list(self.shown):
            if rid not in self.trackers or self.trackers[rid].pending is None:
                del self.shown[rid]
        self._update_presenters()
        self.reminders_loaded.emit()
        self.check_now()

    # -- time -------------------------------------------------------------------------------
    def _offset(self) -> float:
        return self.clock.now().timestamp() - self.clock.monotonic()

    def now(self) -> datetime:
        return self.clock.now()

    def _arm(self) -> None:
        due = rules.first_check(self.trackers.values(), self.zone)
        if due is None or self._closed:
            self._timer.stop()
            return
        seconds = (due - self.now()).total_seconds()
        seconds = min(max(seconds, 0.0), CHECK_AT_LEAST_EVERY_S)
        self._timer.start(max(1, round(seconds * 1000 / self.clock.rate)))

    @property
    def next_due(self) -> datetime | None:
        return rules.first_check(self.trackers.values(), self.zone)

    def _tick(self) -> None:
        zone = self._zone_source()
        offset = self._offset()
        if zone_key(zone) != zone_key(self.zone):
            log.info("time zone changed: %s -> %s", zone_key(self.zone), zone_key(zone))
        elif abs(offset - self._wall_minus_mono) > JUMP_S:
            log.info("wall clock moved by %.0f s against the monotonic clock (a clock "
                     "change)", offset - self._wall_minus_mono)
        self.zone = zone
        self._wall_minus_mono = offset
        due = self.next_due
        if due is not None and due <= self.now():
            self.check_now()
        else:
            self._arm()

    def check_now(self) -> None:
        """Apply the rules now (asks the history for the care done on the days that
        matter first; the answer comes back on this thread)."""
        if not self.trackers or self._closed:
            self._timer.stop()
            return
        if self._checking:
            self._check_again = True
            return
        self._checking = True
        today = self.now().astimezone(self.zone).date()
        first = today - timedelta(days=rules.LOOK_BACK_DAYS + 1)
        people = sorted({t.reminder.person_id for t in self.trackers.values()})

        def care(store: HistoryStore) -> dict[int, dict[date, int]]:
            from kneecare_desktop.history.reminders import care_per_day

            return {p: care_per_day(store, p, first, today) for p in people}

        self.window.history.run(care, self._apply, self)

    def _apply(self, care: dict[int, dict[date, int]] | None) -> None:
        self._checking = False
        now = self.now()
        events: list[ReminderEvent] = []
        for rid, tracker in list(self.trackers.items()):
            counts = (care or {}).get(tracker.reminder.person_id, {})
            step = rules.check(tracker, now, self.zone, _counter(counts))
            events += self._take(rid, step)
        self._record(events)
        self._update_presenters()
        if self._check_again:
            self._check_again = False
            self.check_now()
            return
        self._arm()

    def _take(self, rid: int, step: rules.Step) -> list[ReminderEvent]:
        self.trackers[rid] = step.tracker
        if step.withdraw:
            self.shown.pop(rid, None)
        if step.notice is not None:
            reminder = step.tracker.reminder
            self.shown[rid] = Shown(step.notice, self.people.get(reminder.person_id),
                                    self._title(step.notice.occurrence.item_id))
        return [o.event() for o in step.outcomes]

    def _record(self, events: list[ReminderEvent]) -> None:
        if not events or self.window.demo_mode:
            return
        from kneecare_desktop.history import reminders as stored

        self.window.history.run(lambda store: stored.add_events(store, events))

    def _title(self, item_id: str) -> str:
        library = getattr(self.window, "library", None)
        if library is not None:
            item = library.programs.get(item_id) or library.routines.get(item_id)
            if item is not None:
                return str(item.title.get(self.lang))
        return item_id

    # -- what the person answers ----------------------------------------------------------
    def newest(self) -> Shown | None:
        if not self.shown:
            return None
        return max(self.shown.values(), key=lambda s: s.notice.occurrence.moment(self.zone))

    def start_now(self) -> None:
        """Open the window and start the reminder's routine for its person."""
        shown = self.newest()
        self.open_window()
        if shown is None:
            return
        # Out of the session's way; the reminder is done when the session has been.
        self.banner.hide()
        if self.notifier is not None:
            self.notifier.withdraw()
        if self.tray is not None:
            self.tray.show_idle()
        item_id = shown.notice.occurrence.item_id
        person_id = self.trackers[shown.notice.occurrence.reminder_id].reminder.person_id
        window = self.window
        if window.sessions.active():
            return
        if window.people.person_id != person_id:
            def switched(person: Person) -> None:
                window.people.changed.disconnect(switched)
                if person.id == person_id:
                    window.sessions.start(item_id)

            window.people.changed.connect(switched)
            window.people.switch_to(person_id)
            return
        window.sessions.start(item_id)

    def snooze(self, minutes: rules.Snooze) -> None:
        now = self.now()
        events: list[ReminderEvent] = []
        for rid in list(self.shown):
            events += self._take(rid, rules.snooze(self.trackers[rid], now, minutes))
        self._record(events)
        self._update_presenters()
        self._arm()

    def skip_today(self) -> None:
        now = self.now()
        events: list[ReminderEvent] = []
        for rid in list(self.shown):
            events += self._take(rid, rules.skip_today(self.trackers[rid], now, self.zone))
        self._record(events)
        self._update_presenters()
        self._arm()

    def open_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def quit_app(self) -> None:
        self.window.commands.quit.trigger()

    def _session_ended(self, _summary: object) -> None:
        # After the session's last write (queued before this check on the same thread).
        QTimer.singleShot(0, self, self.check_now)
        QTimer.singleShot(0, self, self._offer_once)

    # -- showing ---------------------------------------------------------------------------
    def notice_text(self, shown: Shown) -> str:
        occurrence = shown.notice.occurrence
        at = occurrence.slot.strftime("%H:%M")
        person = shown.person
        who = "" if person is None or person.is_default else person.name
        if shown.notice.catch_up:
            text = arg(self.tr("Reminder from %1 (KneeCare could not show it then): time "
                               "for %2."), at, shown.title)
        else:
            text = arg(self.tr("It is %1: time for %2."), at, shown.title)
        if who:
            text = arg(self.tr("%1 (for %2)"), text, who)
        return text

    def summary_text(self) -> str:
        return self.tr("Time for your knee care")

    def start_label(self) -> str:
        return self.tr("Start now")

    def skip_label(self) -> str:
        return self.tr("Skip today")

    def open_label(self) -> str:
        return self.tr("Open KneeCare")

    def snooze_label(self, minutes: rules.Snooze) -> str:
        return {rules.Snooze.TEN_MINUTES: self.tr("Snooze 10 min"),
                rules.Snooze.HALF_AN_HOUR: self.tr("Snooze 30 min"),
                rules.Snooze.AN_HOUR: self.tr("Snooze 1 hour")}[minutes]

    def _update_presenters(self) -> None:
        newest = self.newest()
        self._ensure_tray()
        if newest is None:
            self.banner.hide()
            if self.tray is not None:
                self.tray.show_idle()
            if self.notifier is not None:
                self.notifier.withdraw()
            if self._announced is not None:
                self._announced = None
                self.notices_changed.emit()
            return
        if newest.notice == self._announced:
            return  # shown already: a check found nothing new
        self._announced = newest.notice
        text = self.notice_text(newest)
        self.banner.show_message(text, [
            ("reminderStart", self.start_label(), self.start_now),
            *((f"reminderSnooze{int(m)}", self.snooze_label(m),
               lambda m=m: self.snooze(m)) for m in rules.Snooze),
            ("reminderSkip", self.skip_label(), self.skip_today)])
        if self.tray is not None:
            self.tray.show_due(text)
        elif self._notifications_wanted() and self.notifier is not None:
            self.notifier.show(self.summary_text(), text, newest.notice)
        else:
            self.open_window()
        self.notices_changed.emit()

    def _ensure_tray(self) -> None:
        """A tray icon while there are reminders, where there is a tray."""
        wanted = self._use_tray if self._use_tray is not None else \
            QSystemTrayIcon.isSystemTrayAvailable()
        if wanted and self.trackers and self.tray is None:
            self.tray = ReminderTray(self)
        elif self.tray is not None and not self.trackers and self.window.isVisible():
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None
        if self.tray is None and self.trackers and self.notifier is None \
                and self._notifications_wanted():
            self.notifier = DesktopNotifier(self)

    def _notifications_wanted(self) -> bool:
        if self._use_notifications is not None:
            return self._use_notifications
        self._use_notifications = notification_server_present()
        return self._use_notifications

    # -- closing the window -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close \
                and isinstance(event, QCloseEvent):
            if event.spontaneous() and self.keeps_running():
                event.ignore()
                self.window.hide()
                self._tell_still_running()
                return True
            if not event.spontaneous():
                # The window may ignore it (it closes once the history has settled, or
                # stays for unsaved records): stop once it has really gone.
                QTimer.singleShot(0, self, self._shut_down_if_closed)
        return super().eventFilter(watched, event)

    def _shut_down_if_closed(self) -> None:
        if not self.window.isVisible():
            self._closed = True
            self.shut_down()

    def keeps_running(self) -> bool:
        """Closing the window hides it: chosen, with reminders, and no session running."""
        return (self.settings.keep_running() and bool(self.trackers)
                and not self.window.sessions.active())

    def _tell_still_running(self) -> None:
        if self._hidden_once:
            return
        self._hidden_once = True
        text = self.tr("KneeCare keeps running for your reminders. Quit is in its menu.")
        if self.tray is not None:
            self.tray.icon.showMessage("KneeCare", text, self.tray.icon.icon(), 8000)
        log.info("window closed; kept running for reminders")

    # -- the dialog and the offer -------------------------------------------------------------
    def open_dialog(self) -> None:
        from kneecare_desktop.ui.reminder_dialog import ReminderDialog

        self.offer_banner.hide()
        dialog = ReminderDialog(self, self.window)
        dialog.saved.connect(self.reload)
        dispose_when_finished(dialog)
        dialog.open()

    def _offer_once(self) -> None:
        """After the first finished session, once: would a reminder help?"""
        window = self.window
        if window.demo_mode or self.settings.reminder_offered():
            return
        person_id = window.people.person_id
        if any(r.person_id == person_id for r in self.reminders):
            return
        self.settings.set_reminder_offered()
        self.offer_banner.show_message(
            self.tr("Regular care helps most. KneeCare can remind you on the days and at "
                    "the times you choose."),
            [("offerReminder", self.tr("Set a reminder…"), self.open_dialog),
             ("declineReminder", self.tr("No, thanks"), self.offer_banner.hide)])


def session_bus() -> Any:
    """The session bus (a test puts a bus of its own here)."""
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.sessionBus()


def _counter(counts: dict[date, int]) -> rules.CareCount:
    return lambda day: counts.get(day, 0)


def notification_server_present() -> bool:
    """A session bus with a notification server on it (one quick call to the bus)."""
    try:
        bus = session_bus()
    except ImportError:
        return False
    if not bus.isConnected():
        return False
    reply = bus.interface().isServiceRegistered(NOTIFICATIONS)
    return bool(reply.isValid() and reply.value())


class ReminderTray(QObject):
    """The tray icon and its menu, in the window's language."""

    def __init__(self, controller: ReminderController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.plain_icon = QIcon(str(resources_dir() / "icons" / "kneecare.svg"))
        self.due_icon = _with_badge(self.plain_icon)
        self.icon = QSystemTrayIcon(self.plain_icon, self)
        self.icon.setObjectName("reminderTray")
        self.menu = QMenu()
        self.menu.setObjectName("reminderTrayMenu")
        self.act_start = self.menu.addAction(controller.start_label())
        self.act_start.setObjectName("trayStart")
        self.act_start.triggered.connect(lambda: self._start())
        self.snoozes = []
        for minutes in rules.Snooze:
            action = self.menu.addAction(controller.snooze_label(minutes))
            action.setObjectName(f"traySnooze{int(minutes)}")
            action.triggered.connect(lambda _checked=False, m=minutes: controller.snooze(m))
            self.snoozes.append(action)
        self.act_skip = self.menu.addAction(controller.skip_label())
        self.act_skip.setObjectName("traySkip")
        self.act_skip.triggered.connect(lambda: controller.skip_today())
        self.menu.addSeparator()
        self.act_open = self.menu.addAction(controller.open_label())
        self.act_open.setObjectName("trayOpen")
        self.act_open.triggered.connect(lambda: controller.open_window())
        self.act_quit = self.menu.addAction(self.tr("Quit"))
        self.act_quit.setObjectName("trayQuit")
        self.act_quit.triggered.connect(lambda: controller.quit_app())
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        controller.destroyed.connect(self.menu.deleteLater)
        self.show_idle()
        self.icon.show()

    def _start(self) -> None:
        if self.controller.newest() is None:
            self.controller.open_window()
            self.controller.window.sessions.start(self._default_item())
            return
        self.controller.start_now()

    def _default_item(self) -> str:
        reminders = self.controller.reminders
        person = self.controller.window.people.person_id
        mine = [r.current for r in reminders if r.person_id == person and r.current]
        if mine:
            return mine[0].item_id
        programs = getattr(self.controller.window, "library", None)
        return next(iter(programs.programs), "knee-care") if programs else "knee-care"

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.controller.open_window()

    def show_idle(self) -> None:
        self.icon.setIcon(self.plain_icon)
        due = self.controller.next_due
        if due is not None:
            when = due.astimezone(self.controller.zone).strftime("%H:%M")
            self.icon.setToolTip(arg(self.tr("KneeCare: next reminder at %1"), when))
        else:
            self.icon.setToolTip("KneeCare")
        title = self.controller._title(self._default_item())
        self.act_start.setText(arg(self.tr("Start %1"), title))
        for action in (*self.snoozes, self.act_skip):
            action.setEnabled(False)

    def show_due(self, text: str) -> None:
        self.icon.setIcon(self.due_icon)
        self.icon.setToolTip(text)
        self.act_start.setText(self.controller.start_label())
        for action in (*self.snoozes, self.act_skip):
            action.setEnabled(True)
        self.icon.showMessage(self.controller.summary_text(), text, self.due_icon, 15000)

    def hide(self) -> None:
        self.icon.hide()


def _with_badge(icon: QIcon) -> QIcon:
    """The app's icon with an orange dot: a reminder is due."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor, QPainter, QPen

    badged = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        pixmap = icon.pixmap(size, size)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = size * 0.24
        painter.setPen(QPen(QColor("#ffffff"), max(1.0, size / 16)))
        painter.setBrush(QBrush(QColor("#e8590c")))
        painter.drawEllipse(QRectF(size - 2 * radius - 0.5, 0.5, 2 * radius, 2 * radius))
        painter.end()
        badged.addPixmap(pixmap)
    return badged


class _NotifyWorker(QObject):
    """Talks to the notification server on its own thread, so that a server that is slow
    to answer never holds the window. (PySide6 cannot put an unsigned integer into a
    plain D-Bus message; a call through the server's introspected interface can.)"""

    sent = Signal(int, int)  # token, the server's notification id (0: not shown)

    def __init__(self, bus: Any) -> None:
        super().__init__()
        self._bus = bus
        self._interface: Any = None
        self.actions_supported = True

    def _iface(self) -> Any:
        from PySide6.QtDBus import QDBusInterface

        if self._interface is None:
            self._interface = QDBusInterface(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS,
                                             self._bus, self)
            self._interface.setTimeout(NOTIFY_TIMEOUT_MS)
            reply = self._interface.call("GetCapabilities")
            arguments = reply.arguments()
            if arguments and isinstance(arguments[0], list):
                self.actions_supported = "actions" in arguments[0]
        return self._interface

    @Slot(int, object)
    def notify(self, token: int, request: tuple[Any, ...]) -> None:
        from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt

        interface = self._iface()
        if not interface.isValid():
            log.warning("no notification server: %s", interface.lastError().message())
            self.sent.emit(token, 0)
            return
        replaces, summary, body, actions, hints = request
        result = QMetaObject.invokeMethod(
            interface, "Notify", Qt.ConnectionType.DirectConnection, Q_RETURN_ARG("uint"),
            Q_ARG(str, "KneeCare"), Q_ARG("uint", replaces), Q_ARG(str, "kneecare"),
            Q_ARG(str, summary), Q_ARG(str, body), Q_ARG("QStringList", actions),
            Q_ARG("QVariantMap", hints), Q_ARG(int, -1))
        self.sent.emit(token, result if isinstance(result, int) else 0)

    @Slot(int)
    def close(self, notification_id: int) -> None:
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        interface = self._iface()
        if interface.isValid():
            QMetaObject.invokeMethod(interface, "CloseNotification",
                                     Qt.ConnectionType.DirectConnection,
                                     Q_ARG("uint", notification_id))


class DesktopNotifier(QObject):
    """The freedesktop Notifications interface: one notification at a time, with the
    reminder's actions; the server's answers come back as D-Bus signals."""

    _notify = Signal(int, object)
    _close = Signal(int)
    action_invoked = Signal(str)

    def __init__(self, controller: ReminderController) -> None:
        super().__init__(controller)
        from PySide6.QtCore import SLOT

        self.controller = controller
        self.notification_id = 0
        self._token = 0
        self._thread: QThread | None = None
        self._worker: _NotifyWorker | None = None
        self.bus = bus = session_bus()
        bus.connect(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "ActionInvoked", self,
                    SLOT("_on_action(uint,QString)"))
        bus.connect(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "NotificationClosed",
                    self, SLOT("_on_closed(uint,uint)"))

    def _start(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("notifications")
        self._worker = _NotifyWorker(self.bus)
        self._worker.moveToThread(self._thread)
        self._notify.connect(self._worker.notify)
        self._close.connect(self._worker.close)
        self._worker.sent.connect(self._sent)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self.withdraw()
        self._thread.quit()
        self._thread.wait(NOTIFY_TIMEOUT_MS + 1000)
        self._thread = None
        self._worker = None

    def show(self, summary: str, body: str, notice: rules.Notice) -> None:
        self._start()
        c = self.controller
        actions = ["default", c.open_label(), "start", c.start_label(),
                   *(x for m in rules.Snooze for x in (f"snooze-{int(m)}", c.snooze_label(m))),
                   "skip", c.skip_label()]
        hints = {"desktop-entry": "kneecare", "category": "x-kneecare.reminder"}
        self._token += 1
        self._notify.emit(self._token, (self.notification_id, summary, body, actions, hints))

    def withdraw(self) -> None:
        if self.notification_id and self._thread is not None:
            self._close.emit(self.notification_id)
        self.notification_id = 0

    def _sent(self, token: int, notification_id: int) -> None:
        if token == self._token:
            self.notification_id = notification_id
        if not notification_id or (self._worker is not None
                                   and not self._worker.actions_supported):
            self.controller.open_window()  # no notification, or one without buttons

    @Slot("uint", str)
    def _on_action(self, notification_id: int, key: str) -> None:
        if notification_id != self.notification_id or not notification_id:
            return
        self.action_invoked.emit(key)
        c = self.controller
        if key == "start":
            c.start_now()
        elif key == "skip":
            c.skip_today()
        elif key.startswith("snooze-"):
            c.snooze(rules.Snooze(int(key.split("-", 1)[1])))
        else:
            c.open_window()

    @Slot("uint", "uint")
    def _on_closed(self, notification_id: int, _reason: int) -> None:
        if notification_id == self.notification_id:
            self.notification_id = 0
