"""The findings' life in a tab: the filters over the table (state, owner, age) and the panel
under the records that says where the current finding stands, with the buttons that act on it.

:class:`LifeFilters` holds three combos — «Estado» (every state a living finding may have),
«Responsable» («Sin asignar», «Yo», each person who works) and «Antigüedad» («Más de 7 días»,
«Más de 30 días») — that the tab hands to the table's proxy with the search and the kind.
:class:`LifePanel` reads a finding's :class:`~app.findings.views.FindingView`: «Asignada a Ana
Ruiz · 12 días», why it was explained, «Conciliada a mano por Ana Ruiz el 07/12/2026».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.labels import FINDING_REASON_LABELS, FINDING_STATE_LABELS
from app.domain.values import in_bogota
from app.findings import FindingState
from app.findings.views import FindingView
from app.writeback.people import PersonInfo
from ui.common import formatting as fmt
from ui.reconcile.life_dialogs import workers

#: «Responsable»'s item for the person working (the combo's data; resolved when filtering).
ME = "\x00me"
#: The ages the «Antigüedad» filter offers: more than this many days.
AGES = (7, 30, 90)


def state_name(state: FindingState | str) -> str:
    return fmt.tr_label(FINDING_STATE_LABELS.get(str(state), str(state)))


def _day(moment: datetime | None) -> str:
    return fmt.EMPTY if moment is None else in_bogota(moment).strftime("%d/%m/%Y")


class LifeFilters(QWidget):
    """State, owner and age filters, in a row."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_combo = self._combo("stateFilter", self.tr("Filtrar por estado"))
        self.state_combo.addItem(self.tr("Todos los estados"), None)
        for state in FindingState:
            if state is not FindingState.RESOLVED:  # the tables list what the run found
                self.state_combo.addItem(state_name(state), state.value)
        self.owner_combo = self._combo("ownerFilter", self.tr("Filtrar por responsable"))
        self.age_combo = self._combo("ageFilter", self.tr("Filtrar por antigüedad"))
        self.age_combo.addItem(self.tr("Cualquier antigüedad"), None)
        for days in AGES:
            self.age_combo.addItem(self.tr("Más de {n} días").format(n=days), days)
        self.set_people([])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for text, combo in ((self.tr("Esta&do:"), self.state_combo),
                            (self.tr("Respo&nsable:"), self.owner_combo),
                            (self.tr("Anti&güedad:"), self.age_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
        layout.addStretch(1)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def combos(self) -> list[QComboBox]:
        return [self.state_combo, self.owner_combo, self.age_combo]

    def set_people(self, people: Sequence[PersonInfo]) -> None:
        """The owners to choose from (the choice is kept when that person is still there)."""
        current = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Todos los responsables"), None)
        self.owner_combo.addItem(self.tr("Sin asignar"), "")
        self.owner_combo.addItem(self.tr("Yo"), ME)
        for person in workers(people):
            self.owner_combo.addItem(person.name or person.login, person.login)
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(current), 0))
        self.owner_combo.blockSignals(False)

    def values(self, me: str | None) -> tuple[str | None, str | None, int | None]:
        """(state, owner, more than days) for the proxy; «Yo» is ``me`` (nobody's findings
        when no one works)."""
        owner = self.owner_combo.currentData()
        if owner == ME:
            owner = me or "\x00nobody"
        return self.state_combo.currentData(), owner, self.age_combo.currentData()

    def describe(self) -> list[tuple[str, str | None]]:
        """The filters set, for an export's heading (name, value; None when off)."""
        return [(self.tr("Estado"), self._shown(self.state_combo)),
                (self.tr("Responsable"), self._shown(self.owner_combo)),
                (self.tr("Antigüedad"), self._shown(self.age_combo))]

    @staticmethod
    def _shown(combo: QComboBox) -> str | None:
        return combo.currentText() if combo.currentIndex() > 0 else None


def life_lines(view: FindingView | None, names: Mapping[str, str]) -> list[str]:
    """Where a finding stands, in sentences (none before a saved run knows it)."""
    if view is None:
        return []

    def who(login: str | None) -> str:
        return names.get(login or "", login or fmt.EMPTY)

    age = view.age()
    days = fmt.tr("1 día") if age == 1 else fmt.tr("{n} días").format(n=fmt.count(age))
    state = view.state
    head = state_name(state)
    if view.assignee:
        head = fmt.tr("{state} · responsable: {who}").format(state=head, who=who(view.assignee))
    lines = [fmt.tr("{head} · abierta hace {days}").format(head=head, days=days)]
    if state is FindingState.MATCHED:
        lines.append(fmt.tr("Conciliada a mano por {who} el {day}").format(
            who=who(view.updated_by), day=_day(view.updated_at)))
    elif view.reason is not None:
        reason = fmt.tr_label(FINDING_REASON_LABELS.get(view.reason.value, view.reason.value))
        lines.append(fmt.tr("Explicada por {who} el {day}: {reason} — {comment}").format(
            who=who(view.updated_by), day=_day(view.updated_at), reason=reason,
            comment=view.comment or ""))
    return lines


class LifePanel(QWidget):
    """The current finding's state, owner, explanation or manual match, and the actions."""

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lifePanel")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("lifeStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("lifeMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setVisible(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)

    def show_view(self, view: FindingView | None, names: Mapping[str, str]) -> None:
        lines = life_lines(view, names)
        self.status_label.setText("\n".join(lines) if lines else self.tr(
            "Sin seguimiento: los hallazgos se siguen cuando la conciliación se guarda "
            "(con alguien que trabaje elegido)."))

    def say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def status_text(self) -> str:
        return self.status_label.text()
