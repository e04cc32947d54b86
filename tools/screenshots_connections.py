"""Screenshots of the Conexiones window and the column-mapping dialog, on sample data.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots_connections.py docs/screenshots

Works in a throwaway data folder: it generates the demo databases there, saves three profiles
(the demo's two SQLite databases; files + Odoo; REST + Odoo without credentials), runs "Probar
conexión" on the first and saves ``conexiones.png``; then opens the mapping dialog on a CRM
export with a title line and a column no synonym knows, and saves ``mapeo.png``. Secrets go to
an in-memory stand-in, never to the real keyring.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class _MemorySecrets:
    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def get_secret(self, ref: str) -> str | None:
        return self.entries.get(ref)

    def set_secret(self, ref: str, secret: str) -> None:
        self.entries[ref] = secret

    def delete_secret(self, ref: str) -> bool:
        return self.entries.pop(ref, None) is not None

    def backend_status(self) -> tuple[bool, str]:
        return True, "Secret Service (GNOME Keyring)"


_PEOPLE = (("Juan Carlos", "Pérez Gómez", "Bogotá"), ("María José", "Rodríguez", "Medellín"),
           ("Ana Lucía", "Ruiz Vélez", "Cali"), ("Pedro", "Martínez Díaz", "Barranquilla"),
           ("Luisa Fernanda", "Gómez", "Bucaramanga"), ("Andrés", "Ospina Restrepo", "Pereira"))


def _export(path: Path) -> Path:
    lines = ["Reporte de contactos - Concesionario Norte", "",
             "Nro. Identificación;Nombres;Apellidos;Tel. contacto;Correo;Ciudad;Asesor;Observación"]
    for i in range(40):
        first, last, city = _PEOPLE[i % len(_PEOPLE)]
        user = first.split()[0].lower().replace("í", "i").replace("é", "e")
        lines.append(f"{79845123 + 7 * i};{first};{last};300{4512003 + 37 * i};"
                     f"{user}.{i}@correo.com;{city};Asesor {1 + i % 4};")
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cuadre-shots-"))
    os.environ["CUADRE_DATA_DIR"] = str(work)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.connections.profiles import ConnectionProfile, SourceConfig
    from app.connections.store import ProfileStore
    from app.demo import ensure_demo
    from app.domain.schema import Entity
    from app.progress import run
    from ui.connections.connections_window import ConnectionsDialog
    from ui.connections.mapping_dialog import MappingDialog
    from ui.main import setup_application

    app = QApplication(sys.argv[:1])
    setup_application(app)

    def settle(ms: int = 200) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    demo = run(ensure_demo())
    export = _export(work / "contactos_crm.csv")
    store = ProfileStore()
    store.save(ConnectionProfile(
        "Demo — bases SQLite",
        crm=SourceConfig("sql", f"sqlite:///{demo.crm}"),
        erp=SourceConfig("sql", f"sqlite:///{demo.erp}"),
        amount_tolerance_abs=Decimal(5000),
        amount_tolerance_rel=Decimal("0.01"), date_window_days=3))
    store.save(ConnectionProfile(
        "Concesionario Norte",
        crm=SourceConfig("file", files={"customers": str(export)},
                         mappings={"customers": {"phone": "Tel. contacto"}}),
        erp=SourceConfig("odoo", "odoo+https://cuadre@erp.concesionario.co/produccion",
                         options={"protocol": "json2", "company_ids": [1]})))
    store.save(ConnectionProfile(
        "Sede Sur (API + Odoo)",
        crm=SourceConfig("rest", "https://crm.concesionario.co/api", options={"auth": "bearer"}),
        erp=SourceConfig("odoo", "odoo+https://cuadre@erp.concesionario.co/sur")))

    dialog = ConnectionsDialog(store, _MemorySecrets())
    dialog.resize(980, 560)
    dialog.show()
    settle()
    loop = QEventLoop()
    dialog.tested.connect(lambda _results: loop.quit())
    dialog.test_selected()
    loop.exec()
    settle()
    dialog.grab().save(str(args.out / "conexiones.png"))

    mapping = MappingDialog(export, Entity.CUSTOMERS, {})
    mapping.resize(1180, 660)
    loop = QEventLoop()
    mapping.previewLoaded.connect(lambda _preview: loop.quit())
    mapping.show()
    loop.exec()
    mapping.choose("phone", "Tel. contacto")
    settle()
    mapping.grab().save(str(args.out / "mapeo.png"))
    mapping.reject()
    dialog.reject()
    settle()
    print(f"saved {args.out / 'conexiones.png'} and {args.out / 'mapeo.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
