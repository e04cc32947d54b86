"""The Conexiones page of a cloud ERP: Siigo Nube or Alegra, in the few fields each needs.

Siigo: the API user and the company (``siigo://USUARIO@empresa``); Alegra: the user's e-mail
and the company (``alegra://CORREO@empresa``). «Servidor» is left empty for the service
itself; filled (``http://127.0.0.1:8765`` for the sandbox, or a proxy's https address) it
points the same API elsewhere (``siigo+http://USUARIO@127.0.0.1:8765``). The access key or
the token goes in the editor's credential field, which keeps it only in the OS keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.cloud_erp import service_of
from app.domain.sources import SourceKind

CLOUD_KINDS = (SourceKind.SIIGO, SourceKind.ALEGRA)


class CloudErpPage(QWidget):
    """The fields of one cloud ERP's source; :meth:`source` is the source string they make."""

    changed = Signal()
    #: The field was left: the editor asks the keyring then, not on every keystroke.
    left = Signal()

    def __init__(self, kind: SourceKind, parent: QWidget,
                 left_label: Callable[[QLabel], QLabel]) -> None:
        super().__init__(parent)
        self.kind = kind
        siigo = kind is SourceKind.SIIGO
        self.user = QLineEdit(self)
        self.user.setObjectName(f"{kind.value}User")
        self.user.setPlaceholderText(self.tr("usuario de la API (p. ej. api@concesionario.co)")
                                     if siigo else self.tr("correo del usuario en Alegra"))
        self.company = QLineEdit(self)
        self.company.setObjectName(f"{kind.value}Company")
        self.company.setPlaceholderText(self.tr("nombre corto, p. ej. autos-norte"))
        self.server = QLineEdit(self)
        self.server.setObjectName(f"{kind.value}Server")
        self.server.setPlaceholderText(self.tr("vacío: el servicio (api.siigo.com)") if siigo
                                       else self.tr("vacío: el servicio (api.alegra.com)"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(0, 0, 0, 0)
        rows = ((self.tr("&Usuario API:") if siigo else self.tr("&Correo:"), self.user),
                (self.tr("E&mpresa:"), self.company), (self.tr("Ser&vidor:"), self.server))
        for text, edit in rows:
            label = left_label(QLabel(text, self))
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.textChanged.connect(self.changed)
            edit.editingFinished.connect(self.left)
        # A server replaces the company: the source is then named by its address.
        self.server.textChanged.connect(
            lambda text: self.company.setEnabled(not text.strip()))
        hint = QLabel(self.tr("La clave de acceso de Siigo (Configuración › API › Credenciales) "
                              "va en el campo de credencial. Cuadre lee clientes, recibos de "
                              "caja y facturas; corrige clientes.") if siigo else
                      self.tr("El token de la API de Alegra (Configuración › API - Integraciones) "
                              "va en el campo de credencial. Cuadre lee contactos, pagos y "
                              "facturas; corrige contactos."), self)
        hint.setObjectName("mappingNote")
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

    def source(self) -> str:
        """``siigo://USUARIO@empresa`` (or ``siigo+https://USUARIO@servidor`` with a server)."""
        user, company = self.user.text().strip(), self.company.text().strip()
        server = self.server.text().strip().rstrip("/")
        if not user and not company and not server:
            return ""
        if server:
            parts = urlsplit(server if "://" in server else f"https://{server}")
            return f"{self.kind.value}+{parts.scheme}://{user}@{parts.netloc}"
        return f"{self.kind.value}://{user}@{company}"

    def set_source(self, text: str) -> None:
        for edit in (self.user, self.company, self.server):
            edit.clear()
        if "://" not in text:
            return
        scheme, _, rest = text.partition("://")
        user, _, place = rest.rpartition("@")
        self.user.setText(user)
        if scheme.lower() == service_of(scheme):
            self.company.setText(place)
        else:
            self.server.setText(f"{scheme.split('+', 1)[1]}://{place}")
