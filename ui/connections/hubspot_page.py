"""The HubSpot page of a source in Conexiones: the few fields a HubSpot portal needs.

The portal's number (Hub ID), the API host only for an emulator (the sandbox), the custom
objects that hold vehicles and payments, and the deal property that holds the VIN. The private
app's token goes in the editor's credential field, to the OS keyring only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.connections.profiles import SourceConfig
from app.domain.sources import SourceKind


class HubSpotPage(QWidget):
    """Edits ``hubspot://PORTAL[@HOST]`` with its ``objects`` option, the VIN's property and
    whether an undated consent is dated by the legal basis's history."""

    sourceChanged = Signal()
    sourceLeft = Signal()

    def __init__(self, parent: QWidget, left: Callable[[QLabel], QLabel]) -> None:
        super().__init__(parent)
        self.portal = QLineEdit(self)
        self.portal.setObjectName("hubspotPortal")
        self.portal.setPlaceholderText(self.tr("Hub ID, por ejemplo 12345678"))
        self.host = QLineEdit(self)
        self.host.setObjectName("hubspotHost")
        self.host.setPlaceholderText(self.tr("api.hubapi.com (vacío)"))
        self.vehicles = QLineEdit(self)
        self.vehicles.setObjectName("hubspotVehicles")
        self.vehicles.setPlaceholderText(self.tr("vehiculos (o «deals»: el VIN en el negocio)"))
        self.payments = QLineEdit(self)
        self.payments.setObjectName("hubspotPayments")
        self.payments.setPlaceholderText(self.tr("pagos"))
        self.vin = QLineEdit(self)
        self.vin.setObjectName("hubspotVin")
        self.vin.setPlaceholderText(self.tr("vin"))
        self.history = QCheckBox(self.tr("Fechar un consentimiento sin fecha con el &historial "
                                         "de la base legal"), self)
        self.history.setObjectName("hubspotHistory")
        self.history.setToolTip(self.tr(
            "Ley 1581: sin la propiedad de fecha, se toma el día en que la base legal quedó "
            "registrada en HubSpot (cuando alguien la escribió, no siempre cuando la persona "
            "autorizó)."))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("Porta&l (Hub ID):"), self.portal),
                             (self.tr("Servidor de la A&PI:"), self.host),
                             (self.tr("Objeto de &vehículos:"), self.vehicles),
                             (self.tr("Objeto de p&agos:"), self.payments),
                             (self.tr("Propiedad del V&IN:"), self.vin)):
            label = left(QLabel(text, self))
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.history)
        hint = QLabel(self.tr("El token de la app privada de HubSpot va en el campo de "
                              "credencial. Servidor solo para el sandbox (127.0.0.1:8765). "
                              "HubSpot no permite deshacer una fusión de contactos."), self)
        hint.setObjectName("mappingNote")
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        for edit in (self.portal, self.host):
            edit.textChanged.connect(self.sourceChanged)
            edit.editingFinished.connect(self.sourceLeft)

    def source_text(self) -> str:
        portal, host = self.portal.text().strip(), self.host.text().strip()
        if not portal:
            return ""
        return f"hubspot://{portal}@{host}" if host else f"hubspot://{portal}"

    def set_config(self, config: SourceConfig) -> None:
        ours = config.source_kind is SourceKind.HUBSPOT
        text = config.source.strip().removeprefix("hubspot://") if ours else ""
        portal, _, host = text.partition("@")
        self.portal.setText(portal)
        self.host.setText(host)
        objects = config.options.get("objects") if ours else None
        objects = objects if isinstance(objects, dict) else {}
        self.vehicles.setText(str(objects.get("vehicles", "")))
        self.payments.setText(str(objects.get("payments", "")))
        self.history.setChecked(bool(config.options.get("consent_date_from_history"))
                                if ours else False)
        deals = config.mappings.get("deals") if ours else None
        self.vin.setText(str((deals or {}).get("vin", "")))

    def options(self) -> dict[str, Any]:
        objects = {k: e.text().strip() for k, e in (("vehicles", self.vehicles),
                                                    ("payments", self.payments))
                   if e.text().strip()}
        out: dict[str, Any] = {"objects": objects} if objects else {}
        if self.history.isChecked():
            out["consent_date_from_history"] = True
        return out

    def mappings(self, mappings: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """The profile's mappings with the VIN's deal property set (or back to the default)."""
        out = {k: dict(v) for k, v in mappings.items()}
        deals = out.setdefault("deals", {})
        deals.pop("vin", None)
        if self.vin.text().strip():
            deals["vin"] = self.vin.text().strip()
        return {k: v for k, v in out.items() if v}
