"""Which column of an export file is which field: a dialog that previews the file and says so.

Left, every field Cuadre reads for the entity, each with a combo box of the file's headers,
preselected with what the saved mapping and the header synonyms recognize; required fields
that have no column are highlighted, and so is a header chosen for two fields. Right, the first
20 rows of the file, each mapped column headed by the field it feeds. Below, the file's columns
nobody uses. "Aceptar" gives ``{field: header}`` (:meth:`MappingDialog.mapping`), which the
profile editor keeps in the source's ``mappings[entity]``.

The file is read on a worker thread (only its beginning: ``mapping_preview``), so a big export
never freezes the window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.schema import Entity
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.tasks import TaskRunner
from ui.connections.mapping_preview import FilePreview, chosen_mapping, missing_required, preview_task

#: Fields the file connector reads besides the canonical columns, in words.
_EXTRA_LABELS = {"full_name": QT_TRANSLATE_NOOP("ui", "Nombre completo"),
                 "phone_alt": QT_TRANSLATE_NOOP("ui", "Teléfono fijo")}

#: Joins the headers of a field fed by several columns in a combo item's data.
_JOIN = "\x1f"

#: Highlights for the dialog's own states; the rest of the look comes from cuadre.qss.
_STYLE = """
QComboBox[problem="true"] { border: 1px solid #c2410c; background: #fff4ec; }
QLabel[problem="true"] { color: #9a3412; font-weight: 600; }
QLabel#mappingWarning { color: #9a3412; }
QLabel#mappingNote { color: #4a5563; }
"""


def field_text(name: str) -> str:
    """A field's Spanish name for the dialog."""
    if name in _EXTRA_LABELS:
        return fmt.tr(_EXTRA_LABELS[name])
    return fmt.field_name(name)


def _set_problem(widget: QWidget, problem: bool) -> None:
    if bool(widget.property("problem")) != problem:
        widget.setProperty("problem", problem)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class MappingDialog(QDialog):
    """Map the columns of one file (one entity) to Cuadre's fields."""

    previewLoaded = Signal(object)  # the FilePreview, or the Spanish reason it failed

    def __init__(self, path: str | Path, entity: Entity | str,
                 mapping: Mapping[str, Any] | None = None, *, sheet: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setStyleSheet(_STYLE)
        self.path = Path(path)
        self.entity = Entity(entity)
        self._saved = dict(mapping or {})
        self.preview: FilePreview | None = None
        self.combos: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("Columnas de {file}").format(file=self.path.name))
        self.resize(1100, 640)
        # Built in the order the keyboard visits them: the notes, the fields, the preview, the
        # buttons.
        title = self._build_notes()
        splitter = self._build_panes()
        self._build_buttons()
        self._lay_out(title, splitter)

        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_loaded)
        self.runner.failed.connect(self._on_failed)
        path_, entity_, saved = self.path, self.entity.value, self._saved
        self.runner.start(lambda cancel: preview_task(path_, entity_, saved, sheet))

    def _build_notes(self) -> QLabel:
        """The title, what is happening (reading the file, then what it holds) and a busy bar."""
        title = QLabel(self.tr("Columnas de «{file}» ({entity})").format(
            file=self.path.name, entity=fmt.entity_name(self.entity)), self)
        title.setObjectName("panelTitle")
        self.info_label = QLabel(self.tr("Leyendo el comienzo del archivo…"), self)
        self.info_label.setObjectName("mappingNote")
        self.info_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        return title

    def _build_panes(self) -> QSplitter:
        """Left, a combo box of headers per field; right, the file's first rows."""
        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 8, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        scroll.setMinimumWidth(380)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.table = QTableWidget(self)
        self.table.setObjectName("mappingPreview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Primeras filas del archivo"))
        self.table.verticalHeader().setDefaultSectionSize(24)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 700])
        return splitter

    def _build_buttons(self) -> None:
        """What is wrong or unused below the panes, then «Aceptar» and «Cancelar»."""
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("mappingWarning")
        self.warning_label.setWordWrap(True)
        self.unused_label = QLabel(self)
        self.unused_label.setObjectName("mappingNote")
        self.unused_label.setWordWrap(True)
        self.unused_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        # Named before it joins the box: the box polishes it, and the style sheet's
        # #primaryButton rule only applies to a name set before that.
        self.ok_button = QPushButton(self.tr("&Aceptar"), self)
        self.ok_button.setObjectName("primaryButton")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(self.tr("Cancelar"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, title: QLabel, splitter: QSplitter) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        top = QHBoxLayout()
        top.addWidget(self.info_label, 1)
        top.addWidget(self.progress)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.unused_label)
        layout.addWidget(self.buttons)

    # -- results ----------------------------------------------------------------------------

    def selection(self) -> dict[str, list[str]]:
        """field → the headers chosen for it (fields with none are left out)."""
        out: dict[str, list[str]] = {}
        for name, combo in self.combos.items():
            key = combo.currentData()
            if key:
                out[name] = str(key).split(_JOIN)
        return out

    def mapping(self) -> dict[str, str | list[str]]:
        """``{field: header}`` as chosen (a list when several columns make up one field)."""
        return chosen_mapping(self.selection())

    def choose(self, name: str, header: str | None) -> None:
        """Pick ``header`` (None: no column) for field ``name``, as the user would."""
        combo = self.combos[name]
        index = combo.findData(header or "")
        if index < 0:
            raise KeyError(header)
        combo.setCurrentIndex(index)

    # -- loading ----------------------------------------------------------------------------

    @Slot(object)
    def _on_loaded(self, result: FilePreview | str) -> None:
        self.progress.hide()
        if isinstance(result, str):
            self._show_failure(result)
            return
        self.preview = result
        self._fill_fields(result)
        self._fill_table(result)
        note = self.tr("Encabezados en la línea {line}. Se muestran las primeras {n} filas; "
                       "elija para cada campo la columna del archivo que lo trae.").format(
            line=fmt.count(result.header_line), n=fmt.count(len(result.rows)))
        if result.stale:
            note += " " + self.tr("El mapeo guardado pedía {headers}, que no están en este "
                                  "archivo.").format(headers=", ".join(f"«{h}»" for h in result.stale))
        self.info_label.setText(note)
        self._refresh()
        self._fit_columns()
        first = next(iter(self.combos.values()), None)
        if first is not None:
            first.setFocus()
        self.previewLoaded.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.hide()
        self._show_failure(message)

    def _show_failure(self, message: str) -> None:
        self.info_label.setText(message)
        _set_problem(self.info_label, True)
        self.ok_button.setEnabled(False)
        self.previewLoaded.emit(message)

    def _fill_fields(self, preview: FilePreview) -> None:
        required = {name for group in preview.required for name in group}
        previous: QWidget | None = None
        for name in preview.fields:
            combo = QComboBox(self.form_host)
            combo.setObjectName(f"map_{name}")
            # Item data is text (Qt compares Python objects by identity, text by value).
            combo.addItem(self.tr("— sin columna —"), "")
            current = preview.selection.get(name, [])
            for header in preview.headers:
                combo.addItem(header, header)
            if len(current) > 1:  # several columns joined: "Primer nombre + Segundo nombre"
                combo.addItem(" + ".join(current), _JOIN.join(current))
            combo.setCurrentIndex(max(0, combo.findData(_JOIN.join(current))))
            combo.setAccessibleName(field_text(name))
            combo.setToolTip(self.tr("Campo «{code}» de Cuadre").format(code=name))
            combo.currentIndexChanged.connect(self._refresh)
            text = field_text(name) + (" *" if name in required else "") + ":"
            label = QLabel(text, self.form_host)
            label.setBuddy(combo)
            self.form.addRow(label, combo)
            self.combos[name] = combo
            self.labels[name] = label
            if previous is not None:
                QWidget.setTabOrder(previous, combo)
            previous = combo
        note = QLabel(self.tr("* obligatorio (de cada grupo basta uno)"), self.form_host)
        note.setObjectName("mappingNote")
        self.form.addRow(note)
        if previous is not None:
            QWidget.setTabOrder(previous, self.table)

    def _fill_table(self, preview: FilePreview) -> None:
        self.table.setColumnCount(len(preview.headers))
        self.table.setRowCount(len(preview.rows))
        for r, row in enumerate(preview.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.setVerticalHeaderLabels([str(preview.header_line + 1 + i)
                                            for i in range(len(preview.rows))])

    # -- state ------------------------------------------------------------------------------

    @Slot()
    def _refresh(self) -> None:
        preview = self.preview
        if preview is None:
            return
        selection = self.selection()
        users: dict[str, list[str]] = {}
        for name, headers in selection.items():
            for header in headers:
                users.setdefault(header, []).append(name)
        twice = {h: names for h, names in users.items() if len(names) > 1}
        missing = missing_required(self.entity.value, selection)
        missing_fields = {name for group in missing for name in group}
        for name, combo in self.combos.items():
            doubled = any(h in twice for h in selection.get(name, ()))
            _set_problem(combo, doubled or name in missing_fields)
            _set_problem(self.labels[name], name in missing_fields)
        problems = []
        for group in missing:
            names = [field_text(n) for n in group]
            if len(names) == 1:
                problems.append(self.tr("Falta el campo obligatorio {field}.").format(field=names[0]))
            else:
                problems.append(self.tr("Falta al menos uno de: {fields}.").format(
                    fields=", ".join(names)))
        for header, names in twice.items():
            problems.append(self.tr("La columna «{header}» está elegida para {fields}: cada "
                                    "columna alimenta un solo campo.").format(
                header=header, fields=" y ".join(field_text(n) for n in names)))
        self.warning_label.setText("\n".join(problems))
        self.warning_label.setVisible(bool(problems))
        unused = [h for h in preview.headers if h not in users]
        if unused:
            self.unused_label.setText(self.tr("Columnas del archivo sin usar: {headers}.").format(
                headers=", ".join(f"«{h}»" for h in unused)))
        else:
            self.unused_label.setText(self.tr("Todas las columnas del archivo tienen un campo."))
        self._label_columns(preview.headers, users)
        self.ok_button.setEnabled(not problems)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(self.table.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 90), 240))

    def _label_columns(self, headers: Sequence[str], users: Mapping[str, list[str]]) -> None:
        labels = []
        for header in headers:
            names = users.get(header)
            labels.append(f"{header}\n→ {', '.join(field_text(n) for n in names)}" if names
                          else f"{header}\n({self.tr('sin usar')})")
        self.table.setHorizontalHeaderLabels(labels)

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)
