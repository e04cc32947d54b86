"""The source editor offers a slot for what the insights read — invoices, workshop visits and
contracts on the ERP side, follow-ups on the CRM side — marked optional, «para indicadores»,
and keeps what is typed there like any other entity."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.connections.credentials import default_secrets
from app.connections.profiles import SourceConfig
from app.domain.schema import Entity, System
from ui.connections.source_editor import SourceEditor


def editor(qtbot, system: System) -> SourceEditor:  # type: ignore[no-untyped-def]
    made = SourceEditor(system, default_secrets())  # the tests' keyring stores nothing
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def headings(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in page.findChildren(QLabel)
            if label.text() == "Para indicadores (opcional)"]


def test_each_system_offers_its_insights_slots_after_a_heading(qtbot):
    erp, crm = editor(qtbot, System.ERP), editor(qtbot, System.CRM)
    assert list(erp.file_edits) == [Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES,
                                    Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS]
    assert list(crm.file_edits) == [Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES,
                                    Entity.DEALS, Entity.FOLLOWUPS]
    assert list(erp.sql_tables) == list(erp.file_edits)
    assert list(crm.rest_paths) == list(crm.file_edits)
    for page in erp.pages[:3]:  # files, database, API: one heading each
        assert len(headings(page)) == 1
    assert erp.file_edits[Entity.INVOICES].accessibleName() == "Archivo de facturas"
    assert "indicadores" in erp.file_edits[Entity.SERVICES].toolTip()
    assert erp.file_edits[Entity.CUSTOMERS].toolTip() == ""


def test_what_is_typed_in_the_insights_slots_is_kept(qtbot, tmp_path):
    erp = editor(qtbot, System.ERP)
    erp.set_config(SourceConfig("file", files={"customers": "terceros.csv",
                                               "invoices": "facturas.xlsx"}))
    assert erp.file_edits[Entity.INVOICES].text() == "facturas.xlsx"
    qtbot.keyClicks(erp.file_edits[Entity.CONTRACTS], "polizas.csv")
    assert erp.config().files == {"customers": "terceros.csv", "invoices": "facturas.xlsx",
                                  "contracts": "polizas.csv"}
    crm = editor(qtbot, System.CRM)
    crm.set_config(SourceConfig("rest", "https://crm.example.com/api",
                                options={"paths": {"followups": "tareas"}}))
    assert crm.rest_paths[Entity.FOLLOWUPS].text() == "tareas"
    qtbot.keyClicks(crm.rest_paths[Entity.CUSTOMERS], "contactos")
    assert crm.config().options["paths"] == {"customers": "contactos", "followups": "tareas"}
