"""The person bar: who the care is for, always visible, switched in one click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from kneecare_desktop.ui.inputs import ComboBox
from kneecare_desktop.ui.text import arg, short_date_time

if TYPE_CHECKING:
    from kneecare_desktop.history.records import Person
    from kneecare_desktop.ui.people import PeopleState


class PersonBar(QToolBar):
    def __init__(self, people_action: QAction, demo_action: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Person"))
        self.setObjectName("personBar")
        self.setMovable(False)
        self.addWidget(QLabel(self.tr("Person:") + " "))
        self.person_combo = ComboBox()
        self.person_combo.setObjectName("personCombo")
        self.person_combo.setMinimumContentsLength(12)
        self.person_combo.setAccessibleName(self.tr("Person"))
        self.addWidget(self.person_combo)
        # A clinic server out of reach: the people are this PC's copy of its people.
        self.copy_note = QLabel()
        self.copy_note.setObjectName("personCopyNote")
        self._copy_note_shown = self.addWidget(self.copy_note)
        self._copy_note_shown.setVisible(False)
        self.addAction(people_action)
        self.addSeparator()
        self.addAction(demo_action)
        self._people: PeopleState | None = None

    def follow(self, people: PeopleState) -> None:
        """Show ``people`` and switch it when another person is chosen."""
        self._people = people
        self.person_combo.activated.connect(self._chosen)
        people.people_changed.connect(self._fill)
        people.changed.connect(self._show_current)

    def _chosen(self, index: int) -> None:
        if self._people is not None:
            self._people.switch_to(int(self.person_combo.itemData(index)))

    def _fill(self, people: list[Person]) -> None:
        from kneecare_desktop.ui.people import display_name

        self.person_combo.clear()
        for person in people:
            self.person_combo.addItem(display_name(person, self.tr("Me")), person.id)
        copied = None if self._people is None else self._people.copied
        tip = ""
        if copied is not None:
            when = short_date_time(copied.astimezone())
            self.copy_note.setText(" " + arg(self.tr("Offline copy from %1"), when))
            tip = arg(self.tr(
                "The clinic server cannot be reached. These are the people as this computer "
                "last read them from it, on %1. A session is recorded for the person chosen "
                "here and sent to the server once it is back; people and adjustments cannot "
                "be changed until then."), when)
        self.copy_note.setToolTip(tip)
        self.person_combo.setToolTip(tip)
        self._copy_note_shown.setVisible(copied is not None)

    def _show_current(self, person: Person) -> None:
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(person.id)))
