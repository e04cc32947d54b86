"""Which data the main window reconciles: the demo or a saved connection profile.

:class:`ProfilePicker` is the toolbar's "Perfil:" selector ("Demostración" first, then the
profiles of ``app.connections.store.ProfileStore``). :func:`profile_task` is the window's task
for a profile: ``app.connections.systems.reconcile_systems`` (what ``cuadre reconcile`` runs
too) with the findings prepared for the tables, where a source that cannot be used ends as a
:class:`TaskFailure` carrying the source's own Spanish sentence (the task runner would only say
"error inesperado"). :func:`issues_text` says which cells the sources could not read.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.connections.profiles import ConnectionProfile, ProfileError
from app.connections.sources import SecretLookup
from app.connectors.base import AuthError, SourceError
from app.connectors.files.sheet import NO_ID_COLUMN
from app.domain.schema import Entity
from app.progress import CancelToken, Task
from app.reconcile.results import Report
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.reconcile.findings_model import PreparedReport, with_prepared_findings

log = logging.getLogger(__name__)

#: Most source issues listed in the message (the JSON report has them all).
MAX_ISSUES_SHOWN = 10

_ISSUE_REASONS = {
    "unparseable": QT_TRANSLATE_NOOP("ui", "no se pudo interpretar"),
    "unmapped_column": QT_TRANSLATE_NOOP("ui", "columna que no se usa"),
    "ambiguous_header": QT_TRANSLATE_NOOP("ui", "encabezado repetido; se usó otro"),
    "undecodable_bytes": QT_TRANSLATE_NOOP("ui", "caracteres ilegibles"),
    "ambiguous_number_format": QT_TRANSLATE_NOOP("ui", "números con formato ambiguo"),
    "mixed_number_format": QT_TRANSLATE_NOOP("ui", "números con formatos mezclados"),
    "conflicting_check_digit": QT_TRANSLATE_NOOP("ui",
                                                 "dígito de verificación que no coincide"),
    "not_a_record": QT_TRANSLATE_NOOP("ui", "elemento que no es un registro"),
    "unknown_doc_type": QT_TRANSLATE_NOOP("ui", "tipo de documento desconocido"),
    "unknown_city": QT_TRANSLATE_NOOP("ui", "ciudad desconocida"),
    "unknown_stage": QT_TRANSLATE_NOOP("ui", "etapa desconocida"),
    # A file without an identifier column: its records are named «línea N» (value: the file).
    "no_id_column": QT_TRANSLATE_NOOP(
        "ui", "sin columna de identificador; los registros se nombran por su línea"),
    "missing_id": QT_TRANSLATE_NOOP("ui",
                                    "registro sin identificador; se nombra por su línea"),
    "nul_bytes": QT_TRANSLATE_NOOP("ui", "bytes nulos, que se quitaron"),
    # Excel's «1,23457E+15» where a document, phone or identifier should be: digits lost.
    "scientific_notation": QT_TRANSLATE_NOOP(
        "ui", "número en notación científica de Excel; sus dígitos se perdieron"),
}


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A profile run that could not be done: the Spanish sentence to show."""

    message: str


def demo_label() -> str:
    return fmt.tr("Demostración")


def profile_task(profile: ConnectionProfile, cancel: CancelToken,
                 secrets: SecretLookup | None = None,
                 full: bool = False) -> Task[PreparedReport | TaskFailure]:
    """Reconcile ``profile`` off the GUI thread (everything with ``full``, else only what
    changed); a source failure becomes a TaskFailure."""
    from app.connections.systems import reconcile_systems  # the engine: on the first run

    try:
        return (yield from with_prepared_findings(
            reconcile_systems(profile, cancel, secrets=secrets, full=full)))
    except (SourceError, ProfileError) as exc:  # Spanish sentences with no secret in them
        log.info("profile run failed: %s", type(exc).__name__)
        message = str(exc)
        if isinstance(exc, AuthError):
            message += " " + fmt.tr("La credencial se escribe en Conexiones (Ctrl+K) › Editar…")
        return TaskFailure(message)


def issues_text(report: Report) -> str:
    """What the sources could not read, one line each (at most a few), in Spanish."""
    issues = report.issues
    head = (fmt.tr("1 aviso al leer las fuentes:") if len(issues) == 1 else
            fmt.tr("{n} avisos al leer las fuentes:").format(n=fmt.count(len(issues))))
    lines = [head]
    # What changes how the report reads comes first: a file whose records have no id of their
    # own (named by their line, so they cannot be found again in the source by id).
    issues = sorted(issues, key=lambda i: i.reason != NO_ID_COLUMN)
    for issue in issues[:MAX_ISSUES_SHOWN]:
        why = fmt.tr(_ISSUE_REASONS.get(str(issue.reason or ""),
                               QT_TRANSLATE_NOOP("ui", "valor no válido")))
        where = [f"{fmt.system_name(issue.system)} · {fmt.entity_name(Entity(issue.entity))}"]
        row = str(issue.source_id or "").removeprefix("row-").removeprefix("línea ")
        if row:
            where.append(fmt.tr("fila {row}").format(row=row))
        if issue.column:
            where.append(fmt.tr("columna {column}").format(column=fmt.field_name(str(issue.column))))
        text = f"· {', '.join(where)}: {why}"
        lines.append(f"{text} («{issue.value}»)" if issue.value else text)
    if len(issues) > MAX_ISSUES_SHOWN:
        lines.append(fmt.tr("… y {n} más (el informe JSON de «cuadre reconcile» los trae "
                            "todos).").format(n=fmt.count(len(issues) - MAX_ISSUES_SHOWN)))
    return "\n".join(lines)


class ProfilePicker(QWidget):
    """"Perfil: [Demostración ▾]". ``chosen`` carries the profile name, or None for the demo,
    when the user picks one (not when the list is refilled)."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePicker")
        self.label = QLabel(self.tr("&Perfil:"), self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("profileCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(14)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.combo.setAccessibleName(self.tr("Perfil que se concilia"))
        self.combo.setToolTip(self.tr("Qué datos concilia la ventana: la demostración o un "
                                      "perfil de Conexiones (Ctrl+K)"))
        self.label.setBuddy(self.combo)
        self.combo.activated.connect(self._on_activated)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        self.set_profiles([], None)

    def set_profiles(self, names: Sequence[str], current: str | None) -> None:
        """Fill the list ("Demostración" first) and select ``current`` (None: the demo)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(demo_label(), None)
        for name in names:
            self.combo.addItem(name, name)
        self.combo.blockSignals(False)
        self.select(current)

    def select(self, name: str | None) -> None:
        """Show ``name`` as chosen (the demo when None or unknown), without emitting."""
        row = 0 if name is None else max(self.combo.findData(name), 0)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(row)
        self.combo.blockSignals(False)

    def current_name(self) -> str | None:
        data: Any = self.combo.currentData()
        return data if isinstance(data, str) else None

    def names(self) -> list[str]:
        return [self.combo.itemText(i) for i in range(self.combo.count())]

    @Slot(int)
    def _on_activated(self, _row: int) -> None:
        self.chosen.emit(self.current_name())
