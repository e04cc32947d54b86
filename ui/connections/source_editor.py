"""One system's source in the profile editor: what kind it is and what that kind needs.

- Archivo(s): one file per entity, with "Examinar…" and "Columnas…" (the mapping dialog);
- Base de datos: a SQLAlchemy URL and, per entity, a table or a read-only query;
- API REST: the base URL, a path per entity, the auth scheme and user, the pagination;
- Odoo: ``odoo://usuario@servidor/base``, the protocol and the companies;
- HubSpot: the portal, its objects and the VIN's property (``hubspot_page``).
- Siigo Nube and Alegra (the ERP only): user, company and, for another server, its address
  (``cloud_erp_page``).

Each page lists the entities reconciled, then — marked «para indicadores», optional — what the
insights read besides: invoices, workshop visits and contracts on the ERP side, follow-ups on
the CRM side.

Sources that need a secret show a password field whose text goes only to the OS keyring when
the profile is saved (the editor does it), then is cleared; the stored secret is never shown.
Options this editor does not show (page size, id field…) are kept as they came.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.connections.credentials import SecretsApi, forget_secret, has_secret
from app.connections.profiles import DEFAULT_ENTITIES, OPTIONAL_ENTITIES, SourceConfig
from app.connectors.base import SourceError
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind, parse_source, secret_ref
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.connections.cloud_erp_page import CLOUD_KINDS, CloudErpPage
from ui.connections.hubspot_page import HubSpotPage
from ui.connections.mapping_dialog import MappingDialog
from ui.connections.source_kinds import (
    _AUTH,
    _FILE_FILTER,
    _FILE_MNEMONICS,
    _MANAGED,
    _OPTIONAL_TIP,
    _OPTIONAL_TITLE,
    _PAGINATION,
    _PROTOCOLS,
    KIND_LABELS,
    _combo,
    _form,
    _select,
    kind_name,
)

__all__ = ["KIND_LABELS", "SourceEditor", "kind_name"]


class SourceEditor(QWidget):
    """Edit one :class:`SourceConfig`; ``secret_text()`` is what to put in the keyring."""

    changed = Signal()
    #: (entity, MappingDialog) — emitted when a mapping dialog opens (tests drive it).
    mappingDialogOpened = Signal(object, object)

    def __init__(self, system: System, secrets: SecretsApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.system = system
        self._secrets = secrets
        self._options: dict[str, Any] = {}
        self._mappings: dict[str, dict[str, Any]] = {}
        self.entities = DEFAULT_ENTITIES[system] + OPTIONAL_ENTITIES[system]
        self._left_labels: list[QLabel] = []
        self.mapping_dialog: MappingDialog | None = None

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        # Siigo and Alegra are ERPs: offered for the ERP only.
        self.cloud_pages = {k: CloudErpPage(k, self, self._left) for k in CLOUD_KINDS
                            if system is System.ERP}
        for kind, text in KIND_LABELS.items():
            if kind not in CLOUD_KINDS or kind in self.cloud_pages:
                self.kind_combo.addItem(fmt.tr(text), kind.value)
        self.kind_combo.setAccessibleName(self.tr("Tipo de fuente"))
        # One page per kind; only the current one is visible. (A QStackedWidget would keep
        # the height of the tallest page, leaving a gap above the credential row.)
        self.hubspot_page = HubSpotPage(self, self._left)
        self.hubspot_page.sourceChanged.connect(self._on_source_text)
        self.hubspot_page.sourceLeft.connect(self.refresh_secret_status)
        self.pages = [self._file_page(), self._sql_page(), self._rest_page(), self._odoo_page(),
                      self.hubspot_page, *self.cloud_pages.values()]
        self.page_kinds = [SourceKind.FILE, SourceKind.SQL, SourceKind.REST, SourceKind.ODOO,
                           SourceKind.HUBSPOT, *self.cloud_pages]
        for cloud in self.cloud_pages.values():
            cloud.changed.connect(self._on_source_text)
            cloud.left.connect(self.refresh_secret_status)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)

        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("secretEdit")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName(self.tr("Contraseña o token"))
        self.secret_edit.setToolTip(self.tr(
            "Se guarda solo en el almacén seguro del sistema (Administrador de credenciales de "
            "Windows, Llavero de macOS o Secret Service), nunca en el perfil."))
        self.forget_button = QPushButton(self.tr("&Quitar credencial"), self)
        self.forget_button.setToolTip(self.tr("Borrar del almacén seguro la credencial de esta fuente"))
        self.forget_button.clicked.connect(self.forget_secret)
        self.secret_status = QLabel(self)
        self.secret_status.setObjectName("secretStatus")
        self.secret_status.setWordWrap(True)
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.secret_edit, 1)
        secret_row.addWidget(self.forget_button)
        self.secret_label = self._left(QLabel(self.tr("Contraseña o to&ken:"), self))
        self.secret_label.setBuddy(self.secret_edit)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = _form()
        kind_label = self._left(QLabel(self.tr("&Tipo de fuente:"), self))
        kind_label.setBuddy(self.kind_combo)
        form.addRow(kind_label, self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for page in self.pages:
            layout.addWidget(page)
        secret_form = _form()
        secret_form.addRow(self.secret_label, secret_row)
        secret_form.addRow("", self.secret_status)
        layout.addLayout(secret_form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        # One label column for every form on the tab, so the fields line up.
        width = max(label.sizeHint().width() for label in self._left_labels)
        for label in self._left_labels:
            label.setMinimumWidth(width)
        self._on_kind_changed()

    def _left(self, label: QLabel) -> QLabel:
        self._left_labels.append(label)
        return label

    # -- pages ------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        self.file_edits: dict[Entity, QLineEdit] = {}
        self.browse_buttons: dict[Entity, QPushButton] = {}
        self.mapping_buttons: dict[Entity, QPushButton] = {}
        self.mapping_notes: dict[Entity, QLabel] = {}
        for row, entity in self._rows(page, grid, 0, 5):
            optional = entity in OPTIONAL_ENTITIES[self.system]
            edit = QLineEdit(page)
            edit.setObjectName(f"file_{entity.value}")
            edit.setPlaceholderText(self.tr("Ruta del archivo CSV o Excel (opcional)"))
            edit.setAccessibleName(self.tr("Archivo de {entity}").format(
                entity=fmt.entity_name(entity).lower()))
            edit.textChanged.connect(self._update_file_buttons)
            text = (self.tr(_FILE_MNEMONICS[entity]) if entity in _FILE_MNEMONICS
                    else fmt.entity_name(entity))
            label = self._left(QLabel(text + ":", page))
            label.setBuddy(edit)
            if optional:
                for widget in (label, edit):
                    widget.setToolTip(self.tr(_OPTIONAL_TIP))
            browse = QPushButton(self.tr("Examinar…"), page)
            browse.setToolTip(self.tr("Elegir el archivo de {entity}").format(
                entity=fmt.entity_name(entity).lower()))
            browse.clicked.connect(lambda _=False, e=entity: self.browse(e))
            columns = QPushButton(self.tr("Columnas…"), page)
            columns.setToolTip(self.tr("Ver las primeras filas y elegir qué columna es cada campo"))
            columns.clicked.connect(lambda _=False, e=entity: self.edit_mapping(e))
            note = QLabel(page)
            note.setObjectName("mappingNote")
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(browse, row, 2)
            grid.addWidget(columns, row, 3)
            grid.addWidget(note, row, 4)
            self.file_edits[entity] = edit
            self.browse_buttons[entity] = browse
            self.mapping_buttons[entity] = columns
            self.mapping_notes[entity] = note
        grid.setColumnStretch(1, 1)
        return page

    def _entity_grid(self, page: QWidget, columns: tuple[str, ...], placeholders: tuple[str, ...]
                     ) -> tuple[QGridLayout, dict[str, dict[Entity, QLineEdit]]]:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        edits: dict[str, dict[Entity, QLineEdit]] = {c: {} for c in columns}
        for col, title in enumerate(columns, start=1):
            head = QLabel(self.tr(title), page)
            head.setObjectName("mappingNote")
            grid.addWidget(head, 0, col)
        for row, entity in self._rows(page, grid, 1, len(columns) + 1):
            grid.addWidget(self._left(QLabel(fmt.entity_name(entity) + ":", page)), row, 0)
            for col, (title, hint) in enumerate(zip(columns, placeholders, strict=True), start=1):
                edit = QLineEdit(page)
                edit.setPlaceholderText(self.tr(hint).format(entity=entity.value))
                edit.setAccessibleName(f"{self.tr(title)} — {fmt.entity_name(entity)}")
                grid.addWidget(edit, row, col)
                edits[title][entity] = edit
        for col in range(1, len(columns) + 1):
            grid.setColumnStretch(col, 1)
        return grid, edits

    def _rows(self, page: QWidget, grid: QGridLayout, first: int, span: int
              ) -> list[tuple[int, Entity]]:
        """(grid row, entity) for each entity, the optional ones under a «Para indicadores
        (opcional)» heading that takes a row of its own."""
        rows: list[tuple[int, Entity]] = []
        row = first
        for entity in self.entities:
            if entity is OPTIONAL_ENTITIES[self.system][0]:
                heading = QLabel(self.tr(_OPTIONAL_TITLE), page)
                heading.setObjectName("mappingNote")
                heading.setToolTip(self.tr(_OPTIONAL_TIP))
                grid.addWidget(heading, row, 0, 1, span)
                row += 1
            rows.append((row, entity))
            row += 1
        return rows

    def _sql_page(self) -> QWidget:
        page = QWidget(self)
        self.sql_url = QLineEdit(page)
        self.sql_url.setObjectName("sqlUrl")
        self.sql_url.setPlaceholderText(self.tr("postgresql://usuario@servidor:5432/base"))
        self.sql_url.textChanged.connect(self._on_source_text)
        self.sql_url.editingFinished.connect(self.refresh_secret_status)
        form = _form()
        form.setContentsMargins(0, 0, 0, 0)
        label = self._left(QLabel(self.tr("&URL de la base:"), page))
        label.setBuddy(self.sql_url)
        form.addRow(label, self.sql_url)
        hint = QLabel(self.tr("Sin contraseña en la URL: va en el campo de credencial. "
                              "SQLite: sqlite:///C:/ruta/base.sqlite"), page)
        hint.setObjectName("mappingNote")
        hint.setWordWrap(True)
        form.addRow("", hint)
        grid, edits = self._entity_grid(
            page, (QT_TRANSLATE_NOOP("SourceEditor", "Tabla"),
                   QT_TRANSLATE_NOOP("SourceEditor", "Consulta (solo lectura)")),
            (QT_TRANSLATE_NOOP("SourceEditor", "vacío: se busca"),
             QT_TRANSLATE_NOOP("SourceEditor", "SELECT … (opcional)")))
        self.sql_tables, self.sql_queries = edits["Tabla"], edits["Consulta (solo lectura)"]
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(grid)
        return page

    def _rest_page(self) -> QWidget:
        page = QWidget(self)
        self.rest_url = QLineEdit(page)
        self.rest_url.setObjectName("restUrl")
        self.rest_url.setPlaceholderText(self.tr("https://crm.ejemplo.com/api"))
        self.rest_url.textChanged.connect(self._on_source_text)
        self.rest_url.editingFinished.connect(self.refresh_secret_status)
        self.rest_auth = _combo(page, _AUTH)
        self.rest_auth.currentIndexChanged.connect(self._update_username)
        self.rest_username = QLineEdit(page)
        self.rest_username.setObjectName("restUsername")
        self.rest_username.setPlaceholderText(self.tr("solo con autenticación Básica"))
        self.rest_pagination = _combo(page, _PAGINATION)
        form = _form()
        form.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("&URL base:"), self.rest_url),
                             (self.tr("&Autenticación:"), self.rest_auth),
                             (self.tr("U&suario:"), self.rest_username),
                             (self.tr("&Paginación:"), self.rest_pagination)):
            label = self._left(QLabel(text, page))
            label.setBuddy(widget)
            form.addRow(label, widget)
        grid, edits = self._entity_grid(page, (QT_TRANSLATE_NOOP("SourceEditor", "Ruta"),),
                                        ("{entity}",))
        self.rest_paths = edits["Ruta"]
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(grid)
        return page

    def _odoo_page(self) -> QWidget:
        page = QWidget(self)
        self.odoo_url = QLineEdit(page)
        self.odoo_url.setObjectName("odooUrl")
        self.odoo_url.setPlaceholderText(self.tr("odoo+https://usuario@servidor/base"))
        self.odoo_url.textChanged.connect(self._on_source_text)
        self.odoo_url.editingFinished.connect(self.refresh_secret_status)
        self.odoo_protocol = _combo(page, _PROTOCOLS)
        self.odoo_companies = QLineEdit(page)
        self.odoo_companies.setObjectName("odooCompanies")
        self.odoo_companies.setPlaceholderText(self.tr("todas (o los números: 1, 2)"))
        form = _form()
        form.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("&URL de Odoo:"), self.odoo_url),
                             (self.tr("Protoco&lo:"), self.odoo_protocol),
                             (self.tr("Co&mpañías:"), self.odoo_companies)):
            label = self._left(QLabel(text, page))
            label.setBuddy(widget)
            form.addRow(label, widget)
        hint = QLabel(self.tr("odoo:// sin TLS (solo en la red local), odoo+https:// con TLS. "
                              "La clave de API va en el campo de credencial."), page)
        hint.setObjectName("mappingNote")
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        return page

    # -- reading and writing the config ---------------------------------------------------------

    @property
    def kind(self) -> SourceKind:
        return SourceKind(self.kind_combo.currentData())

    def set_kind(self, kind: SourceKind | str) -> None:
        _select(self.kind_combo, SourceKind(kind).value)

    def source_text(self) -> str:
        if self.kind is SourceKind.HUBSPOT:
            return self.hubspot_page.source_text()
        if self.kind in self.cloud_pages:
            return self.cloud_pages[self.kind].source()
        edit = {SourceKind.SQL: self.sql_url, SourceKind.REST: self.rest_url,
                SourceKind.ODOO: self.odoo_url}.get(self.kind)
        return edit.text().strip() if edit is not None else ""

    def set_config(self, config: SourceConfig) -> None:
        self._options = dict(config.options)
        self._mappings = {e: dict(m) for e, m in config.mappings.items()}
        kind = config.source_kind
        for entity, edit in self.file_edits.items():
            edit.setText(config.files.get(entity.value, ""))
        for edit in (self.sql_url, self.rest_url, self.odoo_url):
            edit.clear()
        {SourceKind.SQL: self.sql_url, SourceKind.REST: self.rest_url,
         SourceKind.ODOO: self.odoo_url}.get(kind, QLineEdit()).setText(config.source)
        for cloud_kind, page in self.cloud_pages.items():
            page.set_source(config.source if kind is cloud_kind else "")
        options = config.options
        for edits, key in ((self.sql_tables, "tables"), (self.sql_queries, "queries"),
                           (self.rest_paths, "paths")):
            values = options.get(key) if kind is _KIND_OF[key] else None
            for entity, edit in edits.items():
                edit.setText(str(values.get(entity.value, "")) if isinstance(values, Mapping) else "")
        _select(self.rest_auth, options.get("auth", "bearer") if kind is SourceKind.REST else "bearer")
        self.rest_username.setText(str(options.get("username", "")) if kind is SourceKind.REST else "")
        _select(self.rest_pagination, options.get("pagination", "") if kind is SourceKind.REST else "")
        _select(self.odoo_protocol, options.get("protocol", "") if kind is SourceKind.ODOO else "")
        companies = options.get("company_ids") if kind is SourceKind.ODOO else None
        self.odoo_companies.setText(", ".join(str(c) for c in companies)
                                    if isinstance(companies, list) else "")
        self.hubspot_page.set_config(config)
        self.set_kind(kind)
        self._on_kind_changed()
        self._update_mapping_notes()

    def config(self) -> SourceConfig:
        """The source as edited. Raises ``ValueError`` (Spanish) for a companies list that is
        not numbers; everything else is checked when the profile is validated."""
        kind = self.kind
        options = {k: v for k, v in self._options.items()
                   if k not in {o for managed in _MANAGED.values() for o in managed}}
        files: dict[str, str] = {}
        if kind is SourceKind.FILE:
            files = {e.value: edit.text().strip() for e, edit in self.file_edits.items()
                     if edit.text().strip()}
        elif kind is SourceKind.SQL:
            _put(options, "tables", {e.value: ed.text().strip() for e, ed in self.sql_tables.items()})
            _put(options, "queries", {e.value: ed.text().strip() for e, ed in self.sql_queries.items()})
        elif kind is SourceKind.REST:
            _put(options, "paths", {e.value: ed.text().strip() for e, ed in self.rest_paths.items()})
            options["auth"] = self.rest_auth.currentData()
            if self.rest_auth.currentData() == "basic" and self.rest_username.text().strip():
                options["username"] = self.rest_username.text().strip()
            if self.rest_pagination.currentData():
                options["pagination"] = self.rest_pagination.currentData()
        elif kind is SourceKind.ODOO:
            if self.odoo_protocol.currentData():
                options["protocol"] = self.odoo_protocol.currentData()
            companies = self._companies()
            if companies:
                options["company_ids"] = companies
        mappings = self._mappings
        if kind is SourceKind.HUBSPOT:
            options.update(self.hubspot_page.options())
            mappings = self.hubspot_page.mappings(mappings)
        return SourceConfig(kind=kind.value, source=self.source_text(), files=files,
                            options=options, mappings=mappings)

    def _companies(self) -> list[int]:
        text = self.odoo_companies.text().replace(";", ",")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            raise ValueError(self.tr("Las compañías de Odoo se escriben como números separados "
                                     "por comas (1, 2)."))
        return [int(p) for p in parts]

    # -- secret ---------------------------------------------------------------------------------

    def secret_text(self) -> str:
        return self.secret_edit.text()

    def clear_secret(self) -> None:
        self.secret_edit.clear()

    def needs_secret(self) -> bool:
        if self.kind is SourceKind.FILE:
            return False
        text = self.source_text()
        return not (self.kind is SourceKind.SQL and text.lower().startswith("sqlite"))

    def secret_reference(self) -> str | None:
        """The keyring entry of the source as typed now; None when it needs none or does not
        parse yet."""
        if not self.needs_secret():
            return None
        try:
            return secret_ref(parse_source(self.source_text()))
        except SourceError:
            return None

    @Slot()
    def refresh_secret_status(self, message: str | None = None, problem: bool = False) -> None:
        """Say whether a credential is stored for the source (or show ``message``)."""
        needed = self.needs_secret()
        for widget in (self.secret_label, self.secret_edit, self.forget_button, self.secret_status):
            widget.setVisible(needed)
        if not needed:
            return
        ref = self.secret_reference()
        stored = ref is not None and has_secret(ref, self._secrets)
        self.forget_button.setEnabled(stored)
        if message is None:
            if ref is None:
                message = self.tr("Escriba primero la fuente.")
            elif stored:
                message = self.tr("Hay una credencial guardada en el almacén seguro. Escriba "
                                  "otra solo para reemplazarla.")
            else:
                message = self.tr("Falta la credencial: escríbala y se guardará en el almacén "
                                  "seguro del sistema al guardar el perfil.")
                problem = True
        self.secret_edit.setPlaceholderText(self.tr("(guardada)") if stored else "")
        self.secret_status.setText(message)
        self.secret_status.setProperty("problem", problem)
        self.secret_status.style().unpolish(self.secret_status)
        self.secret_status.style().polish(self.secret_status)

    @Slot()
    def forget_secret(self) -> None:
        ref = self.secret_reference()
        if ref is None:
            return
        forget_secret(ref, self._secrets)
        self.refresh_secret_status(self.tr("Se quitó la credencial del almacén seguro."))

    # -- errors -------------------------------------------------------------------------------

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # -- files and mappings -------------------------------------------------------------------

    def choose_file(self, entity: Entity) -> str:
        """Ask for a file (a native dialog; tests replace this)."""
        start = self.file_edits[entity].text().strip()
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Archivo de {entity}").format(entity=fmt.entity_name(entity).lower()),
            str(Path(start).parent) if start else "", self.tr(_FILE_FILTER))
        return path

    def browse(self, entity: Entity) -> None:
        path = self.choose_file(entity)
        if path:
            self.file_edits[entity].setText(path)

    def edit_mapping(self, entity: Entity) -> None:
        """Open the mapping dialog for the entity's file; "Aceptar" keeps its mapping."""
        path = self.file_edits[entity].text().strip()
        if not path:
            return
        dialog = MappingDialog(path, entity, self._mappings.get(entity.value),
                               sheet=self._options.get("sheet"), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._keep_mapping(entity, dialog.mapping()))
        self.mapping_dialog = dialog
        dialog.open()
        self.mappingDialogOpened.emit(entity, dialog)

    def mapping(self, entity: Entity) -> dict[str, Any]:
        return dict(self._mappings.get(entity.value, {}))

    def _keep_mapping(self, entity: Entity, mapping: dict[str, Any]) -> None:
        if mapping:
            self._mappings[entity.value] = mapping
        else:
            self._mappings.pop(entity.value, None)
        self._update_mapping_notes()
        self.changed.emit()

    def _update_mapping_notes(self) -> None:
        for entity, note in self.mapping_notes.items():
            n = len(self._mappings.get(entity.value, {}))
            note.setText(self.tr("{n} campos elegidos").format(n=fmt.count(n)) if n else "")

    @Slot()
    def _update_file_buttons(self) -> None:
        for entity, edit in self.file_edits.items():
            self.mapping_buttons[entity].setEnabled(bool(edit.text().strip()))

    # -- reacting ---------------------------------------------------------------------------

    @Slot()
    def _on_kind_changed(self) -> None:
        for kind, page in zip(self.page_kinds, self.pages, strict=True):
            page.setVisible(kind is self.kind)
        self._update_file_buttons()
        self._update_username()
        self.refresh_secret_status()
        self.set_error("")
        self.changed.emit()

    @Slot()
    def _on_source_text(self) -> None:
        # Only what the text says; the keyring is asked when the field is left (editingFinished),
        # not on every keystroke.
        needed = self.needs_secret()
        for widget in (self.secret_label, self.secret_edit, self.forget_button, self.secret_status):
            widget.setVisible(needed)
        self.changed.emit()

    @Slot()
    def _update_username(self) -> None:
        self.rest_username.setEnabled(self.rest_auth.currentData() == "basic")

    def first_field(self) -> QWidget:
        return self.kind_combo


_KIND_OF = {"tables": SourceKind.SQL, "queries": SourceKind.SQL, "paths": SourceKind.REST}


def _put(options: dict[str, Any], key: str, values: dict[str, str]) -> None:
    kept = {k: v for k, v in values.items() if v}
    if kept:
        options[key] = kept
