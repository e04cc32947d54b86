"""The profile editor: name, the CRM and ERP sources, tolerances, thresholds, system of record.

"Guardar" validates (messages appear next to the field, on its tab), writes the profile to the
store and then puts any typed password or token in the OS keyring — only there — and clears
the field. When the keyring is missing or insecure the profile is still saved, without the
secret, and :attr:`ProfileEditor.messages` says why and that the credential is missing; the
connections window shows those messages.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.connections.credentials import SecretsApi, has_secret, store_secret
from app.connections.profiles import ConnectionProfile, ProfileError
from app.connections.store import ProfileStore
from app.domain.schema import System
from app.writeback.policy import DEFAULT_SYSTEM_OF_RECORD
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.connections.mapping_dialog import field_text
from ui.connections.source_editor import SourceEditor

_STYLE = """
QLabel#fieldError { color: #b42318; font-weight: 600; }
QLabel#secretStatus { color: #2c3948; }
QLabel#secretStatus[problem="true"] { color: #9a3412; font-weight: 600; }
QLabel#mappingNote, QLabel#editorHint { color: #4a5563; }
"""

#: Which entity's words describe a system-of-record field best, for the table.
_SOR_GROUPS = (
    (QT_TRANSLATE_NOOP("ProfileEditor", "Identidad fiscal"),
     ("doc_type", "doc_number", "check_digit")),
    (QT_TRANSLATE_NOOP("ProfileEditor", "Nombre o razón social"),
     ("first_names", "last_names", "company_name")),
    (QT_TRANSLATE_NOOP("ProfileEditor", "Dirección fiscal"), ("address", "city_code", "city_name")),
    (QT_TRANSLATE_NOOP("ProfileEditor", "Factura y estado"), ("invoice_number", "status")),
    (QT_TRANSLATE_NOOP("ProfileEditor", "Contacto"), ("phone", "email")),
    (QT_TRANSLATE_NOOP("ProfileEditor", "Preferencias de contacto"),
     ("habeas_data_consent", "consent_date", "consent_channel")),
)


class ProfileEditor(QDialog):
    """Create or edit one profile (``profile`` None: a new one)."""

    def __init__(self, store: ProfileStore, secrets: SecretsApi,
                 profile: ConnectionProfile | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.setStyleSheet(_STYLE)
        self.store = store
        self._secrets = secrets
        self._original = profile
        self.saved_profile: ConnectionProfile | None = None
        #: (Spanish message, is a problem) left by the last save, for the connections window.
        self.messages: list[tuple[str, bool]] = []
        self.setWindowTitle(self.tr("Editar perfil de conexión") if profile else
                            self.tr("Nuevo perfil de conexión"))
        self.resize(860, 600)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("profileName")
        self.name_edit.setPlaceholderText(self.tr("p. ej. Concesionario Norte"))
        self.name_error = self._error_label()
        name_label = QLabel(self.tr("&Nombre:"), self)
        name_label.setBuddy(self.name_edit)
        head = QFormLayout()
        head.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.addRow(name_label, self.name_edit)
        head.addRow("", self.name_error)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("profileTabs")
        self.sources = {System.CRM: SourceEditor(System.CRM, secrets, self.tabs),
                        System.ERP: SourceEditor(System.ERP, secrets, self.tabs)}
        self.tabs.addTab(self.sources[System.CRM], self.tr("&CRM"))
        self.tabs.addTab(self.sources[System.ERP], self.tr("&ERP"))
        self.tabs.addTab(self._reconcile_page(), self.tr("C&onciliación"))
        self.tabs.addTab(self._sor_page(), self.tr("Sistema de &registro"))

        self.general_error = self._error_label()
        self.buttons = QDialogButtonBox(self)
        # Named before it joins the box: the box polishes it, and the style sheet's
        # #primaryButton rule only applies to a name set before that.
        self.save_button = QPushButton(self.tr("&Guardar"), self)
        self.save_button.setObjectName("primaryButton")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(self.tr("Cancelar"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self.set_profile(profile or ConnectionProfile(""))
        self.name_edit.setFocus()

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        return label

    # -- pages --------------------------------------------------------------------------------

    def _reconcile_page(self) -> QWidget:
        page = QWidget(self.tabs)
        self.amount_abs = QSpinBox(page)
        self.amount_abs.setObjectName("amountAbs")
        self.amount_abs.setRange(0, 2_000_000_000)
        self.amount_abs.setSingleStep(1000)
        self.amount_abs.setPrefix("$ ")
        self.amount_abs.setGroupSeparatorShown(True)
        self.amount_rel = QDoubleSpinBox(page)
        self.amount_rel.setObjectName("amountRel")
        self.amount_rel.setRange(0, 100)
        self.amount_rel.setDecimals(2)
        self.amount_rel.setSingleStep(0.5)
        self.amount_rel.setSuffix(" %")
        self.date_window = QSpinBox(page)
        self.date_window.setObjectName("dateWindow")
        self.date_window.setRange(0, 365)
        self.date_window.setSuffix(self.tr(" días"))
        self.auto_threshold = self._threshold(page, "autoThreshold")
        self.review_threshold = self._threshold(page, "reviewThreshold")
        self.reconcile_error = self._error_label()

        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows = (
            (self.tr("Tolerancia en &pesos:"), self.amount_abs,
             self.tr("Un pago puede diferir en este valor entre el CRM y el ERP…")),
            (self.tr("Tolerancia relati&va:"), self.amount_rel,
             self.tr("…o en este porcentaje del valor del ERP, lo que permita más.")),
            (self.tr("Ventana de &fechas:"), self.date_window,
             self.tr("Días que la fecha de un pago puede diferir entre sistemas.")),
            (self.tr("Enlace &automático desde:"), self.auto_threshold,
             self.tr("Probabilidad desde la que dos clientes se enlazan solos.")),
            (self.tr("Revi&sión desde:"), self.review_threshold,
             self.tr("Probabilidad desde la que un posible enlace se propone para revisar.")),
        )
        for text, widget, hint in rows:
            label = QLabel(text, page)
            label.setBuddy(widget)
            widget.setMaximumWidth(220)
            form.addRow(label, widget)
            note = QLabel(hint, page)
            note.setObjectName("editorHint")
            note.setWordWrap(True)
            form.addRow("", note)
        form.addRow("", self.reconcile_error)
        return page

    @staticmethod
    def _threshold(parent: QWidget, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(parent)
        box.setObjectName(name)
        box.setRange(0.01, 1.0)
        box.setDecimals(2)
        box.setSingleStep(0.01)
        return box

    def _sor_page(self) -> QWidget:
        host = QWidget()
        grid = QGridLayout(host)
        grid.setHorizontalSpacing(16)
        for col, title in enumerate((self.tr("Grupo"), self.tr("Campo"), self.tr("Gana"))):
            head = QLabel(title, host)
            head.setObjectName("panelTitle")
            grid.addWidget(head, 0, col)
        self.sor_combos: dict[str, QComboBox] = {}
        row = 1
        listed = {name for _, names in _SOR_GROUPS for name in names}
        others = tuple(n for n in DEFAULT_SYSTEM_OF_RECORD if n not in listed)
        groups = [*_SOR_GROUPS, (QT_TRANSLATE_NOOP("ProfileEditor", "Otros"), others)]
        for group, names in groups:
            for i, name in enumerate(names):
                combo = QComboBox(host)
                combo.setObjectName(f"sor_{name}")
                combo.addItem("ERP", "erp")
                combo.addItem("CRM", "crm")
                combo.setAccessibleName(self.tr("Sistema de registro de {field}").format(
                    field=field_text(name)))
                if i == 0:
                    grid.addWidget(QLabel(self.tr(group), host), row, 0)
                grid.addWidget(QLabel(field_text(name), host), row, 1)
                grid.addWidget(combo, row, 2)
                self.sor_combos[name] = combo
                row += 1
        self.sor_error = self._error_label()
        grid.addWidget(self.sor_error, row, 0, 1, 3)
        grid.setRowStretch(row + 1, 1)
        grid.setColumnStretch(3, 1)
        hint = QLabel(self.tr("Una corrección se propone en la dirección del sistema de registro: "
                              "el sistema que gana conserva su valor y el otro se corrige."), host)
        hint.setObjectName("editorHint")
        hint.setWordWrap(True)
        grid.addWidget(hint, row + 2, 0, 1, 4)
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(host)
        return scroll

    # -- the profile ----------------------------------------------------------------------------

    def set_profile(self, profile: ConnectionProfile) -> None:
        self.name_edit.setText(profile.name)
        for system, editor in self.sources.items():
            editor.set_config(profile.source(system))
        self.amount_abs.setValue(int(profile.amount_tolerance_abs))
        self.amount_rel.setValue(float(profile.amount_tolerance_rel * 100))
        self.date_window.setValue(profile.date_window_days)
        self.auto_threshold.setValue(profile.auto_threshold)
        self.review_threshold.setValue(profile.review_threshold)
        for name, combo in self.sor_combos.items():
            value = profile.system_of_record.get(name, DEFAULT_SYSTEM_OF_RECORD.get(name, "erp"))
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def profile(self) -> ConnectionProfile:
        """The profile as edited (not yet validated); raises :class:`ProfileError`."""
        sources = {}
        for system, editor in self.sources.items():
            try:
                sources[system] = editor.config()
            except ValueError as exc:
                raise ProfileError(str(exc), f"{system.value}.options") from None
        base = self._original.system_of_record if self._original else DEFAULT_SYSTEM_OF_RECORD
        sor = {**base, **{name: str(c.currentData()) for name, c in self.sor_combos.items()}}
        rel = Decimal(f"{self.amount_rel.value():.2f}") / 100
        return ConnectionProfile(
            name=self.name_edit.text().strip(),
            crm=sources[System.CRM],
            erp=sources[System.ERP],
            amount_tolerance_abs=Decimal(self.amount_abs.value()),
            amount_tolerance_rel=rel.normalize() if rel else Decimal(0),
            date_window_days=self.date_window.value(),
            auto_threshold=round(self.auto_threshold.value(), 4),
            review_threshold=round(self.review_threshold.value(), 4),
            system_of_record=sor,
        )

    # -- saving ---------------------------------------------------------------------------------

    def show_error(self, field: str, message: str) -> None:
        """Put ``message`` next to the field it is about, on its tab."""
        head = field.split(".", 1)[0]
        if head == "name":
            self.name_error.setText(message)
            self.name_error.show()
            self.name_edit.setFocus()
        elif head in ("crm", "erp"):
            editor = self.sources[System(head)]
            editor.set_error(message)
            self.tabs.setCurrentWidget(editor)
            editor.first_field().setFocus()
        elif head in ("tolerances", "thresholds"):
            self.reconcile_error.setText(message)
            self.reconcile_error.show()
            self.tabs.setCurrentIndex(2)
        elif head == "system_of_record":
            self.sor_error.setText(message)
            self.sor_error.show()
            self.tabs.setCurrentIndex(3)
        else:
            self.general_error.setText(message)
            self.general_error.show()

    def _clear_errors(self) -> None:
        for label in (self.name_error, self.general_error, self.reconcile_error, self.sor_error):
            label.clear()
            label.hide()
        for editor in self.sources.values():
            editor.set_error("")

    def accept(self) -> None:
        self._clear_errors()
        try:
            profile = self.profile()
            if self._original is None:
                self.store.add(profile)
            else:
                self.store.save(profile, previous_name=self._original.name)
        except ProfileError as exc:
            self.show_error(exc.field, str(exc))
            return
        self.saved_profile = profile
        self.messages = [(self.tr("Perfil «{name}» guardado.").format(name=profile.name), False)]
        for system, editor in self.sources.items():
            typed = editor.secret_text()
            editor.clear_secret()  # the secret leaves the window whatever happens next
            ref = editor.secret_reference()
            if ref is None:
                continue
            who = fmt.system_name(system)
            stored = False
            if typed:
                outcome = store_secret(ref, typed, self._secrets)
                self.messages.append((f"{who}: {outcome.message}", not outcome.saved))
                stored = outcome.saved
            if not stored and not has_secret(ref, self._secrets):
                self.messages.append((self.tr(
                    "{who}: el perfil quedó guardado sin credencial; Probar conexión fallará "
                    "hasta que la guarde.").format(who=who), True))
            editor.refresh_secret_status()
        super().accept()
