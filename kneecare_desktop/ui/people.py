"""People: who is doing the care. Each has a history and adjustments of their own.

:class:`PeopleState` keeps the current person and their adjustments in memory (read
once from the history thread), so the care menu can show durations at once; changes
are written back through the history writer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kneecare_desktop.history.records import (
    AdjustmentChangedError,
    HistoryError,
    Person,
    PersonNameError,
)
from kneecare_desktop.history.server_copy import ServerCopy
from kneecare_desktop.history.store import HistoryStore
from kneecare_desktop.library.overrides import Overrides
from kneecare_desktop.model import Lang, Text
from kneecare_desktop.ui.history_service import HistoryService
from kneecare_desktop.ui.settings import AppSettings
from kneecare_desktop.ui.text import arg, short_date_time

ID_ROLE = 0x0100


class PeopleState(QObject):
    changed = Signal(object)  # the current Person
    people_changed = Signal(object)  # list[Person]
    adjustments_changed = Signal()
    name_clashes_found = Signal(object)  # list[list[str]]: kept names that now match
    # A save refused: another computer changed these adjustments meanwhile
    # (AdjustmentChangedError: what is stored now, and what this save would have written).
    adjustments_conflict = Signal(object)
    adjustments_not_saved = Signal(str)  # the routine whose adjustments could not be saved

    def __init__(self, service: HistoryService, settings: AppSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.current: Person | None = None
        self.people: list[Person] = []
        # When the people shown are this PC's copy of a clinic server's (it cannot be
        # reached): when the copy was read. None: read from the history itself.
        self.copied: datetime | None = None
        self._adjustments: dict[str, Overrides] = {}
        # Changes made while a load is on its way, kept on top of what it brings.
        self._unsaved_while_loading: dict[str, Overrides] = {}
        # The version of each adjustment a save starts from: read and written only on the
        # history's thread (by the load and the saves, which run there in order).
        self._versions: dict[tuple[int, str], int] = {}
        self._loads = 0
        legacy = settings.take_legacy_adjustments()
        self._load(settings.current_person_id(), legacy)

    @property
    def person_id(self) -> int:
        """The current person; before the people are read (a clinic server out of reach
        at start-up), the one this computer chose last, so that what is recorded
        meanwhile is theirs."""
        if self.current is not None:
            return self.current.id
        return self.settings.current_person_id() or 1

    # -- adjustments -------------------------------------------------------------------------
    def overrides(self, routine_id: str) -> Overrides:
        return self._adjustments.get(routine_id, Overrides())

    def set_overrides(self, routine_id: str, overrides: Overrides) -> None:
        if overrides.is_empty():
            self._adjustments.pop(routine_id, None)
        else:
            self._adjustments[routine_id] = overrides
        if self._loads:
            self._unsaved_while_loading[routine_id] = overrides
        self._save(self.person_id, routine_id, overrides.to_dict())
        self.adjustments_changed.emit()

    def _save(self, person: int, routine_id: str, data: dict[str, Any],
              over_version: int | None = None) -> None:
        """Save from the version this window last saw (``_versions``, kept on the
        history's thread, where every save runs in order): a change made meanwhile on
        another computer is never overwritten, but told (``adjustments_conflict``)."""
        versions = self._versions

        def save(store: HistoryStore) -> AdjustmentChangedError | bool:
            key = (person, routine_id)
            expected = versions.get(key, 0) if over_version is None else over_version
            try:
                versions[key] = store.set_adjustments(person, routine_id, data, expected)
            except AdjustmentChangedError as changed:
                return changed
            return True

        # None comes back when the save could not run at all (a clinic server that
        # cannot be reached, a history that cannot be written): said, never taken as saved.
        self.service.run(save, lambda result: self._saved(routine_id, result))

    def _saved(self, routine_id: str, result: AdjustmentChangedError | bool | None) -> None:
        if isinstance(result, AdjustmentChangedError):
            self.adjustments_conflict.emit(result)
        elif result is None:
            self.adjustments_not_saved.emit(routine_id)

    def keep_theirs(self, refused: AdjustmentChangedError) -> None:
        """The other computer's adjustments stay; this window shows them."""
        versions = self._versions

        def seen(_store: HistoryStore) -> None:
            versions[(refused.person_id, refused.routine_id)] = refused.version

        self.service.run(seen)
        if self.current is not None and self.current.id == refused.person_id:
            theirs = Overrides.from_dict(refused.theirs)
            if theirs.is_empty():
                self._adjustments.pop(refused.routine_id, None)
            else:
                self._adjustments[refused.routine_id] = theirs
            self.adjustments_changed.emit()

    def save_mine(self, refused: AdjustmentChangedError) -> None:
        """This window's adjustments replace the other computer's, knowingly."""
        self._save(refused.person_id, refused.routine_id, refused.yours, refused.version)

    def all_overrides(self) -> dict[str, Overrides]:
        return dict(self._adjustments)

    # -- people ---------------------------------------------------------------------------
    def switch_to(self, person_id: int) -> None:
        if self.current is not None and person_id == self.current.id:
            return
        self._load(person_id, {})

    def _load(self, person_id: int | None, legacy: dict[str, Overrides]) -> None:
        self._loads += 1
        versions = self._versions
        self.service.run(lambda store: _load_people(store, person_id, legacy, versions),
                         self._loaded, offline=lambda copy: _people_from_copy(copy, person_id))

    def reload(self) -> None:
        """Read the people again (after an edit), keeping the current one if still there."""
        self._load(self.person_id, {})

    def _loaded(self, result: tuple[list[Person], Person, dict[str, Overrides],
                                    list[list[str]], datetime | None] | None) -> None:
        if result is None:
            return
        people, current, adjustments, clashes, copied = result
        if clashes:
            self.name_clashes_found.emit(clashes)
        self._loads = max(0, self._loads - 1)
        if self.current is None or self.current.id == current.id:
            for routine_id, overrides in self._unsaved_while_loading.items():
                if overrides.is_empty():
                    adjustments.pop(routine_id, None)
                else:
                    adjustments[routine_id] = overrides
        if not self._loads:
            self._unsaved_while_loading.clear()
        # The same adjustments as shown (most starts: the care menu was filled before the
        # history answered, and a person without adjustments has the defaults it shows):
        # the doses and durations are not worked out and written again.
        same_doses = adjustments == self._adjustments
        self.people = people
        self.copied = copied
        self.current = current
        self._adjustments = adjustments
        self.settings.set_current_person_id(current.id)
        self.service.person = current
        self.people_changed.emit(people)
        self.changed.emit(current)
        if not same_doses:
            self.adjustments_changed.emit()


def _load_people(store: HistoryStore, wanted: int | None, legacy: dict[str, Overrides],
                 versions: dict[tuple[int, str], int] | None = None
                 ) -> tuple[list[Person], Person, dict[str, Overrides], list[list[str]],
                            None]:
    """Runs on the history thread: the people, the current one and their adjustments
    (and, into ``versions``, the version of each that a save starts from)."""
    default = store.default_person()
    if legacy and not store.adjustments(default.id):
        # Adjustments kept in settings by earlier versions move to the default person.
        for routine_id, overrides in legacy.items():
            store.set_adjustments(default.id, routine_id, overrides.to_dict())
    people = store.people()
    current = next((p for p in people if p.id == wanted), default)
    adjustments = {rid: Overrides.from_dict(data)
                   for rid, data in store.adjustments(current.id).items()}
    if versions is not None:
        for key in [key for key in versions if key[0] == current.id]:
            del versions[key]
        versions.update({(current.id, rid): version
                         for rid, version in store.adjustment_versions(current.id).items()})
    return people, current, adjustments, store.name_clashes(), None


def _people_from_copy(copy: ServerCopy, wanted: int | None
                      ) -> tuple[list[Person], Person, dict[str, Overrides], list[list[str]],
                                 datetime] | None:
    """Offline: the same from this PC's copy of the clinic server's people (nothing is
    written; the versions stay those last read from the server)."""
    people = copy.listed()
    default = copy.default_person()
    current = next((p for p in people if p.id == wanted), default)
    if current is None:
        return None
    adjustments = {rid: Overrides.from_dict(data)
                   for rid, data in copy.adjustments_of(current.id).items()}
    return people, current, adjustments, [], copy.copied


def display_name(person: Person, me: str) -> str:
    return me if person.is_default else person.name


class PeopleDialog(QDialog):
    """Add, rename and archive people. Archived people keep their history."""

    def __init__(self, state: PeopleState, parent: QWidget | None = None,
                 lang: Lang = Lang.EN) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("peopleDialog")
        self.setWindowTitle(self.tr("People"))
        self.state = state
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("People"))
        self.show_archived = QCheckBox(self.tr("Show archived people"))
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setObjectName("addPerson")
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.setObjectName("archivePerson")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.archive_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Each person has their own history and adjustments.")))
        self.copy_note = QLabel()
        self.copy_note.setObjectName("peopleCopyNote")
        self.copy_note.setWordWrap(True)
        self.copy_note.hide()
        layout.addWidget(self.copy_note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_archived)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.add_button.clicked.connect(self._add)
        self.rename_button.clicked.connect(self._rename)
        self.archive_button.clicked.connect(self._archive)
        self.show_archived.toggled.connect(self.refresh)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        archived = self.show_archived.isChecked()
        self.state.service.run(lambda store: (store.people(include_archived=archived), None),
                               self._fill,
                               offline=lambda copy: (copy.listed(archived), copy.copied))

    def _fill(self, found: tuple[list[Person], datetime | None] | None) -> None:
        people, copied = found if found is not None else ([], None)
        if copied is not None:
            self.copy_note.setText(arg(self.tr(
                "Offline: the clinic server cannot be reached. These are the people as this "
                "computer last read them from it, on %1; they cannot be changed until it is "
                "back."), short_date_time(copied.astimezone())))
        self.copy_note.setVisible(copied is not None)
        self.list.clear()
        for person in people:
            text = display_name(person, self.tr("Me (the default person)"))
            if person.archived:
                text += "  " + self.tr("(archived)")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, person)
            self.list.addItem(item)
        self._update_buttons()

    def selected(self) -> Person | None:
        item = self.list.currentItem()
        person = None if item is None else item.data(ID_ROLE)
        return person if isinstance(person, Person) else None

    def _update_buttons(self) -> None:
        person = self.selected()
        editable = person is not None and not person.is_default
        self.rename_button.setEnabled(editable)
        self.archive_button.setEnabled(editable)
        if person is not None:
            self.archive_button.setText(self.tr("Unarchive") if person.archived
                                        else self.tr("Archive"))

    def add_person(self, name: str) -> None:
        def added(result: Person | Text | None) -> None:
            if not isinstance(result, Person):
                self._refused(result)
                return
            self.state.switch_to(result.id)
            self.refresh()

        self.state.service.run(lambda store: _try(store.add_person, name), added, self)

    def _refused(self, why: Text | None) -> None:
        """Say why a name was not taken (the rules of people_names), in the app's language."""
        text = why.get(self.lang) if why is not None else self.tr(
            "The history cannot be changed now.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("People"), text,
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("nameRefused")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def _add(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add a person"), self.tr("Name:"),
                                        QLineEdit.EchoMode.Normal)
        if ok:
            self.add_person(name)

    def _rename(self) -> None:
        person = self.selected()
        if person is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("Name:"),
                                        QLineEdit.EchoMode.Normal, person.name)
        if not ok:
            return

        def renamed(result: object) -> None:
            if isinstance(result, Text) or result is None:
                self._refused(result if isinstance(result, Text) else None)
            self.refresh()
            self.state.reload()

        def rename(store: HistoryStore) -> bool:
            store.rename_person(person.id, name)
            return True

        self.state.service.run(lambda store: _try(rename, store), renamed, self)

    def _archive(self) -> None:
        person = self.selected()
        if person is None:
            return
        archived = not person.archived
        def done(_result: object) -> None:
            self.refresh()
            self.state.reload()

        self.state.service.run(lambda store: store.archive_person(person.id, archived),
                               done, self)


def _try(action: Callable[..., object], *args: object) -> object:
    """Run a store action; a refused name becomes the reason (a ``Text``), any other
    refusal None."""
    try:
        return action(*args)
    except PersonNameError as error:
        return error.message
    except HistoryError:
        return None
