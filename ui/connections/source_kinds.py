"""What the source editor offers per kind of source: the kinds' names, the choices of its combo
boxes and the options each kind's page manages (``source_editor.py`` builds the pages)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from app.domain.schema import Entity
from app.domain.sources import SourceKind
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP

KIND_LABELS: dict[SourceKind, str] = {
    SourceKind.FILE: QT_TRANSLATE_NOOP("ui", "Archivo(s)"),
    SourceKind.SQL: QT_TRANSLATE_NOOP("ui", "Base de datos"),
    SourceKind.REST: QT_TRANSLATE_NOOP("ui", "API REST"),
    SourceKind.ODOO: QT_TRANSLATE_NOOP("ui", "Odoo"),
    SourceKind.HUBSPOT: QT_TRANSLATE_NOOP("ui", "HubSpot"),
    SourceKind.SIIGO: QT_TRANSLATE_NOOP("ui", "Siigo Nube"),
    SourceKind.ALEGRA: QT_TRANSLATE_NOOP("ui", "Alegra"),
}


def kind_name(kind: SourceKind | None, code: str = "") -> str:
    """A source's kind in words («Base de datos»); ``code`` when the kind is not known."""
    return fmt.tr(KIND_LABELS[kind]) if kind in KIND_LABELS else code


_FILE_MNEMONICS = {Entity.CUSTOMERS: QT_TRANSLATE_NOOP("SourceEditor", "Cl&ientes"),
                   Entity.PAYMENTS: QT_TRANSLATE_NOOP("SourceEditor", "&Pagos"),
                   Entity.VEHICLES: QT_TRANSLATE_NOOP("SourceEditor", "In&ventario"),
                   Entity.DEALS: QT_TRANSLATE_NOOP("SourceEditor", "Negocio&s")}
_OPTIONAL_TITLE = QT_TRANSLATE_NOOP("SourceEditor", "Para indicadores (opcional)")
_OPTIONAL_TIP = QT_TRANSLATE_NOOP(
    "SourceEditor", "No se reconcilia: lo leen los indicadores (seguimientos posventa, ROI por "
    "origen, inventario). Si falta, el resto funciona igual.")
_AUTH = (("bearer", QT_TRANSLATE_NOOP("ui", "Token (Bearer)")),
         ("basic", QT_TRANSLATE_NOOP("ui", "Usuario y clave (Basic)")))
_PAGINATION = (("", QT_TRANSLATE_NOOP("ui", "Automática")),
               ("page", QT_TRANSLATE_NOOP("ui", "Página y tamaño")),
               ("offset", QT_TRANSLATE_NOOP("ui", "Desplazamiento y límite")),
               ("link", QT_TRANSLATE_NOOP("ui", "Encabezado Link")))
_PROTOCOLS = (("", QT_TRANSLATE_NOOP("ui", "Automático")),
              ("xmlrpc", QT_TRANSLATE_NOOP("ui", "XML-RPC (Odoo ≤ 18)")),
              ("json2", QT_TRANSLATE_NOOP("ui", "JSON-2 (Odoo 19+)")))
#: Options each kind's page writes; on save they are replaced, the rest kept.
_MANAGED = {SourceKind.SQL: ("tables", "queries"),
            SourceKind.REST: ("paths", "auth", "username", "pagination"),
            SourceKind.ODOO: ("protocol", "company_ids"),
            SourceKind.HUBSPOT: ("objects", "consent_date_from_history"),
            SourceKind.FILE: ()}
_FILE_FILTER = QT_TRANSLATE_NOOP(
    "SourceEditor", "Exportaciones (*.csv *.txt *.tsv *.xlsx *.xlsm);;Todos los archivos (*)")


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def _combo(parent: QWidget, items: tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox(parent)
    for value, text in items:
        combo.addItem(fmt.tr(text), value)
    return combo


def _select(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value if value is not None else "")))
