"""Conexiones: the saved connection profiles, and "Probar conexión" for each.

Left, the profiles (``app.connections.store.ProfileStore``) with Nuevo / Editar / Duplicar / Eliminar;
right, what the selected one connects to, whether its credentials are in the keyring, its
tolerances, and "Probar conexión", which opens both sources on a worker thread
(:class:`~ui.common.tasks.TaskRunner`) and shows the records per entity ("Clientes: 2.319 · Pagos:
3.912") or the source's own Spanish sentence for what failed. Esc closes; Enter tests.
"Usar este perfil" makes the selected profile the one the main window reconciles
(``profileChosen``) and closes; that profile is shown in bold in the list.

Secrets never pass through this window: the editor hands a typed secret to the keyring and the
window only asks whether one is stored.
"""

from __future__ import annotations

import html
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.connections.credentials import SecretsApi, default_secrets, forget_secret, has_secret
from app.connections.probe import test_connection
from app.connections.profiles import ConnectionProfile, ProfileError, SourceConfig
from app.connections.sources import SecretLookup
from app.connections.store import ProfileStore
from app.domain.schema import Entity, System
from app.progress import CancelToken, Progress, Task
from ui.common import formatting as fmt
from ui.common.tasks import TaskRunner
from ui.connections.mapping_dialog import field_text
from ui.connections.profile_editor import ProfileEditor
from ui.connections.source_editor import kind_name

_STYLE = """
QLabel#connectionMessage { color: #1d2733; }
QLabel#connectionMessage[problem="true"] { color: #9a3412; }
QLabel#testResult { background: #ffffff; border: 1px solid #dfe2e6; padding: 8px; }
QLabel#detailValue { color: #1d2733; }
QListWidget#profileList { background: #ffffff; border: 1px solid #dfe2e6; outline: none; }
QListWidget#profileList::item { padding: 6px 4px; border-bottom: 1px solid #eceef1; }
QListWidget#profileList::item:selected { background: #d6e4f5; color: #0d2238;
                                         border-left: 3px solid #1f5fa8; }
"""
_PROBLEM_COLOR = "#9a3412"
_QUIET_COLOR = "#4a5563"
_OK_COLOR = "#1d2733"


def _repolish(widget: QWidget, problem: bool) -> None:
    widget.setProperty("problem", problem)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _decimal_text(value: float | Decimal, places: int | None = None) -> str:
    """A number with the es-CO decimal comma: 0,98 · 1,5 · 3."""
    number = Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number.normalize() if places is None else number, "f")
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def counts_text(counts: dict[str, int]) -> str:
    """"Clientes: 2.319 · Pagos: 3.912" (es-CO thousands), in the entities' order."""
    parts = [f"{fmt.entity_name(e)}: {fmt.count(counts[e.value])}" for e in Entity
             if e.value in counts]
    return " · ".join(parts)


def result_text(result: dict[str, Any]) -> str:
    """One system's test result in lines: the counts, or the failure, per entity."""
    who = fmt.system_name(result.get("system"))
    if result.get("error"):
        return f"{who}: {result['error']}"
    lines = []
    counts = result.get("counts") or {}
    issues = result.get("issues") or {}
    if counts:
        line = f"{who}: {counts_text(counts)}"
        if issues:
            total = sum(issues.values())
            line += " " + (fmt.tr("({n} aviso al leer)") if total == 1 else
                           fmt.tr("({n} avisos al leer)")).format(n=fmt.count(total))
        lines.append(line)
    for entity, message in (result.get("errors") or {}).items():
        lines.append(f"{who} · {fmt.entity_name(Entity(entity))}: {message}")
    return "\n".join(lines) or f"{who}: " + fmt.tr("sin datos")


def _both(profile: ConnectionProfile, cancel: CancelToken, secrets: SecretLookup
          ) -> Task[dict[str, Any]]:
    crm = yield from test_connection(profile, System.CRM, cancel, secrets=secrets)
    erp = yield from test_connection(profile, System.ERP, cancel, secrets=secrets)
    return {"crm": crm, "erp": erp}


class ProfileList(QListWidget):
    """The profiles; Supr asks to delete the selected one."""

    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ConnectionsDialog(QDialog):
    """The profiles, their editor and their connection test."""

    messageShown = Signal(str)  # a notice for the user (saved, refused secret, load problem)
    tested = Signal(object)  # {"crm": result, "erp": result} of the last test
    profileChosen = Signal(object)  # "Usar este perfil": the profile's name

    def __init__(self, store: ProfileStore | None = None, secrets: SecretsApi | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionsDialog")
        self.setWindowTitle(self.tr("Conexiones"))
        self.setStyleSheet(_STYLE)
        self.resize(960, 560)
        self.store = store or ProfileStore()
        self.secrets = secrets or default_secrets()
        self.profiles: list[ConnectionProfile] = []
        self.editor: ProfileEditor | None = None
        self.delete_box: QMessageBox | None = None

        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_tested)
        self.runner.failed.connect(self._on_test_failed)
        self.runner.cancelled.connect(self._on_test_cancelled)
        self.runner.runningChanged.connect(self._on_running_changed)

        left = self._build_list()
        right = self._build_details()
        body = QHBoxLayout()
        body.addWidget(left, 0)
        body.addWidget(right, 1)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("connectionMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_buttons = QDialogButtonBox(self)
        self.close_button = self.close_buttons.addButton(self.tr("Cerrar"),
                                                         QDialogButtonBox.ButtonRole.RejectRole)
        self.close_buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.close_buttons)

        QWidget.setTabOrder(self.profile_list, self.new_button)
        QWidget.setTabOrder(self.new_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.duplicate_button)
        QWidget.setTabOrder(self.duplicate_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.test_button)
        QWidget.setTabOrder(self.test_button, self.use_button)
        QWidget.setTabOrder(self.use_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.close_button)

        self._on_running_changed(False)
        self.reload()
        self.profile_list.setFocus()

    # -- construction ---------------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        panel = QWidget(self)
        panel.setMinimumWidth(280)
        panel.setMaximumWidth(340)
        title = QLabel(self.tr("&Perfiles"), panel)
        title.setObjectName("panelTitle")
        self.profile_list = ProfileList(panel)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.profile_list.setAccessibleName(self.tr("Perfiles de conexión"))
        self.profile_list.currentRowChanged.connect(self._on_selected)
        self.profile_list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        title.setBuddy(self.profile_list)
        self.profile_list.deleteRequested.connect(self.delete_selected)

        self.new_button = QPushButton(self.tr("&Nuevo…"), panel)
        self.new_button.clicked.connect(self.new_profile)
        self.edit_button = QPushButton(self.tr("&Editar…"), panel)
        self.edit_button.clicked.connect(self.edit_selected)
        self.duplicate_button = QPushButton(self.tr("D&uplicar"), panel)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button = QPushButton(self.tr("E&liminar…"), panel)
        self.delete_button.setToolTip(self.tr("Eliminar el perfil seleccionado (Supr)"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.new_button, self.edit_button, self.duplicate_button, self.delete_button):
            button.setAutoDefault(False)
        row1 = QHBoxLayout()
        row1.addWidget(self.new_button)
        row1.addWidget(self.edit_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.duplicate_button)
        row2.addWidget(self.delete_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.profile_list, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        return panel

    def _build_details(self) -> QWidget:
        panel = QWidget(self)
        self.detail_title = QLabel(panel)
        self.detail_title.setObjectName("panelTitle")
        self.detail_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for key, text in (("crm", "CRM:"), ("erp", "ERP:"),
                          ("tolerances", self.tr("Tolerancias:")),
                          ("thresholds", self.tr("Umbrales:")),
                          ("sor", self.tr("Sistema de registro:"))):
            value = QLabel(panel)
            value.setObjectName("detailValue")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText if key in ("crm", "erp")
                                else Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(text, value)
            self.detail_labels[key] = value

        self.test_button = QPushButton(self.tr("&Probar conexión"), panel)
        self.test_button.setObjectName("primaryButton")
        self.test_button.setDefault(True)
        self.test_button.setToolTip(self.tr("Abrir el CRM y el ERP del perfil y contar sus registros"))
        self.test_button.clicked.connect(self.test_selected)
        self.progress_bar = QProgressBar(panel)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel(panel)
        self.cancel_button = QPushButton(self.tr("&Cancelar"), panel)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setToolTip(self.tr("Detener la prueba"))
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.progress_bar.setMaximumWidth(200)
        self.use_button = QPushButton(self.tr("U&sar este perfil"), panel)
        self.use_button.setObjectName("useProfileButton")
        self.use_button.setAutoDefault(False)
        self.use_button.setToolTip(self.tr("Conciliar este perfil en la ventana principal (F5 "
                                           "lo vuelve a conciliar)"))
        self.use_button.clicked.connect(self.use_selected)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.use_button)
        test_row.addWidget(self.progress_bar)
        test_row.addWidget(self.progress_label)
        test_row.addWidget(self.cancel_button)
        test_row.addStretch(1)
        self.result_label = QLabel(panel)
        self.result_label.setObjectName("testResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_plain = ""
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.result_label.hide()

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addLayout(test_row)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        return panel

    # -- the list -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the profiles again and select ``select`` (or keep the selection)."""
        chosen = self.selected()
        current = select or (chosen.name if chosen else None)
        problems: list[str] = []
        try:
            self.profiles = self.store.load()
            problems = list(self.store.problems)
        except ProfileError as exc:
            self.profiles = []
            problems = [str(exc)]
        try:
            active = self.store.active() if self.profiles else None
        except ProfileError:
            active = None
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        self.profile_list.addItems([p.name for p in self.profiles])
        for row, profile in enumerate(self.profiles):
            if profile.name == active:
                item = self.profile_list.item(row)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setToolTip(self.tr("La ventana principal concilia este perfil"))
        self.profile_list.blockSignals(False)
        names = [p.name.casefold() for p in self.profiles]
        row = names.index(current.casefold()) if current and current.casefold() in names else 0
        self.profile_list.setCurrentRow(row if self.profiles else -1)
        self._on_selected(self.profile_list.currentRow())
        if problems:
            self.show_message("\n".join(problems), problem=True)

    def selected(self) -> ConnectionProfile | None:
        row = self.profile_list.currentRow()
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    def select(self, name: str) -> None:
        for row, profile in enumerate(self.profiles):
            if profile.name == name:
                self.profile_list.setCurrentRow(row)
                return
        raise KeyError(name)

    # -- actions --------------------------------------------------------------------------------

    def new_profile(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        profile = self.selected()
        if profile is not None:
            self._open_editor(profile)

    def _open_editor(self, profile: ConnectionProfile | None) -> None:
        editor = ProfileEditor(self.store, self.secrets, profile, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._on_saved(editor))
        editor.destroyed.connect(lambda _obj=None: self._forget_editor(editor))
        self.editor = editor
        editor.open()

    def _forget_editor(self, editor: ProfileEditor) -> None:
        if self.editor is editor:
            self.editor = None

    def _on_saved(self, editor: ProfileEditor) -> None:
        saved = editor.saved_profile
        self.reload(select=saved.name if saved else None)
        problem = any(bad for _, bad in editor.messages)
        self.show_message("\n".join(text for text, _ in editor.messages), problem=problem)

    def duplicate_selected(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        taken = {p.name.casefold() for p in self.profiles}
        name = self.tr("{name} (copia)").format(name=profile.name)
        n = 2
        while name.casefold() in taken:
            name = self.tr("{name} (copia {n})").format(name=profile.name, n=n)
            n += 1
        try:
            self.store.add(replace(profile, name=name))
        except ProfileError as exc:
            self.show_message(str(exc), problem=True)
            return
        self.reload(select=name)
        self.show_message(self.tr("Perfil duplicado como «{name}».").format(name=name))

    def delete_selected(self) -> None:
        """Ask first (a non-blocking box: Sí / No, No by default; Esc is No)."""
        profile = self.selected()
        if profile is None:
            return
        box = QMessageBox(self)
        box.setObjectName("deleteBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Eliminar perfil"))
        box.setText(self.tr("¿Eliminar el perfil «{name}»?").format(name=profile.name))
        box.setInformativeText(self.tr("Los archivos y las bases de datos no se tocan; solo se "
                                       "borra esta configuración."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Eliminar"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&No eliminar"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        refs = self._secret_refs_only_in(profile)
        if refs:
            check = QCheckBox(self.tr("Borrar también su credencial del almacén seguro"), box)
            check.setChecked(True)
            box.setCheckBox(check)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._on_delete_answer(box, profile, refs))
        self.delete_box = box
        box.open()

    def _on_delete_answer(self, box: QMessageBox, profile: ConnectionProfile, refs: list[str]) -> None:
        self.delete_box = None
        if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
            return
        forget = box.checkBox() is not None and box.checkBox().isChecked()
        try:
            self.store.delete(profile.name)
        except ProfileError as exc:
            self.show_message(str(exc), problem=True)
            return
        if forget:
            for ref in refs:
                forget_secret(ref, self.secrets)
        self.reload()
        self.show_message(self.tr("Perfil «{name}» eliminado.").format(name=profile.name))

    def _secret_refs_only_in(self, profile: ConnectionProfile) -> list[str]:
        """The keyring entries of ``profile`` that no other profile uses and that exist."""
        def refs(p: ConnectionProfile) -> set[str]:
            out = set()
            for config in (p.crm, p.erp):
                try:
                    ref = config.secret_ref()
                except Exception:
                    ref = None
                if ref:
                    out.add(ref)
            return out

        others = set().union(*(refs(p) for p in self.profiles if p.name != profile.name))
        return sorted(r for r in refs(profile) - others if has_secret(r, self.secrets))

    def use_selected(self) -> None:
        """Make the selected profile the main window's (``profileChosen``) and close."""
        profile = self.selected()
        if profile is None:
            return
        self.profileChosen.emit(profile.name)
        self.accept()

    def test_selected(self) -> None:
        profile = self.selected()
        if profile is None or self.runner.running:
            return
        self.result_label.hide()
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Conectando…"))
        lookup = self.secrets.get_secret
        self.runner.start(lambda cancel: _both(profile, cancel, lookup))

    # -- messages -------------------------------------------------------------------------------

    def show_message(self, text: str, problem: bool = False) -> None:
        self.message_label.setText(text)
        _repolish(self.message_label, problem)
        self.messageShown.emit(text)

    # -- reacting -------------------------------------------------------------------------------

    @Slot(int)
    def _on_selected(self, row: int) -> None:
        profile = self.selected()
        has = profile is not None
        for button in (self.edit_button, self.duplicate_button, self.delete_button, self.use_button):
            button.setEnabled(has)
        self.test_button.setEnabled(has and not self.runner.running)
        self.result_label.hide()
        if profile is None:
            self.detail_title.setText(self.tr("Todavía no hay perfiles: cree uno con «Nuevo…»."))
            for label in self.detail_labels.values():
                label.clear()
            return
        self.detail_title.setText(profile.name)
        for system in System:
            config = profile.source(system)
            secret, missing = self._secret_text(config)
            color = _PROBLEM_COLOR if missing else _QUIET_COLOR
            self.detail_labels[system.value].setText(
                f"{html.escape(self._source_text(config))}<br>"
                f'<span style="color:{color}">{html.escape(secret)}</span>')
        self.detail_labels["tolerances"].setText(self.tr("{abs} o {rel} % del valor · {days} días").format(
            abs=fmt.money(profile.amount_tolerance_abs),
            rel=_decimal_text(profile.amount_tolerance_rel * 100),
            days=fmt.count(profile.date_window_days)))
        self.detail_labels["thresholds"].setText(
            self.tr("enlace automático desde {auto} · revisión desde {review}").format(
                auto=_decimal_text(profile.auto_threshold, 2),
                review=_decimal_text(profile.review_threshold, 2)))
        crm_wins = [n for n, s in profile.system_of_record.items() if s == "crm"]
        if crm_wins:
            some = ", ".join(field_text(n).lower() for n in crm_wins[:2])
            some += "…" if len(crm_wins) > 2 else ""
            text = (self.tr("gana el CRM en {n} campo ({some}), el ERP en los demás")
                    if len(crm_wins) == 1 else
                    self.tr("gana el CRM en {n} campos ({some}), el ERP en los demás"))
            self.detail_labels["sor"].setText(text.format(n=fmt.count(len(crm_wins)), some=some))
        else:
            self.detail_labels["sor"].setText(self.tr("gana el ERP en todos los campos"))

    def _source_text(self, config: SourceConfig) -> str:
        kind = kind_name(config.source_kind, config.kind)
        return f"{kind} — {config.describe()}"

    def _secret_text(self, config: SourceConfig) -> tuple[str, bool]:
        try:
            ref = config.secret_ref()
        except Exception:
            return self.tr("la fuente no es válida: edítela"), True
        if ref is None:
            return self.tr("no necesita credencial"), False
        if has_secret(ref, self.secrets):
            return self.tr("credencial guardada en el almacén seguro"), False
        return self.tr("falta la credencial: escríbala en «Editar…»"), True

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        step = progress.step.removeprefix("test_")
        system, _, what = step.partition("_")
        who = fmt.system_name(system)
        try:
            entity = fmt.entity_name(Entity(what)).lower()
            text = self.tr("Probando el {who}: {entity}…").format(who=who, entity=entity)
        except ValueError:
            text = self.tr("Conectando con el {who}…").format(who=who)
        self.progress_label.setText(text)
        if progress.total > 0:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))

    @Slot(object)
    def _on_tested(self, results: dict[str, Any]) -> None:
        lines: list[tuple[str, bool]] = []
        for system in ("crm", "erp"):
            if system in results:
                result = results[system]
                for n, line in enumerate(result_text(result).split("\n")):
                    # The counts line is fine; the failure lines are not.
                    lines.append((line, bool(result.get("error")) or n > 0
                                  or not result.get("counts")))
        self._show_result(lines)
        self.tested.emit(results)

    @Slot(str)
    def _on_test_failed(self, message: str) -> None:
        self._show_result([(message, True)])

    @Slot()
    def _on_test_cancelled(self) -> None:
        self._show_result([(self.tr("Prueba cancelada."), False)])

    def _show_result(self, lines: list[tuple[str, bool]]) -> None:
        """Each line in its colour; :attr:`result_plain` keeps the text without markup."""
        self.result_plain = "\n".join(text for text, _ in lines)
        self.result_label.setText("<br>".join(
            f'<span style="color:{_PROBLEM_COLOR if bad else _OK_COLOR}">{html.escape(text)}</span>'
            for text, bad in lines))
        self.result_label.show()

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.progress_label.setVisible(running)
        self.cancel_button.setVisible(running)
        self.test_button.setEnabled(not running and self.selected() is not None)

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)


def open_connections(parent: QWidget | None = None, store: ProfileStore | None = None,
                     secrets: SecretsApi | None = None) -> ConnectionsDialog:
    """Open the Conexiones window over ``parent`` (window-modal, not blocking)."""
    dialog = ConnectionsDialog(store, secrets, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
