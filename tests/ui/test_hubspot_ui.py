"""HubSpot in the window: the Conexiones form (portal, API host, objects, the VIN's property,
the token to the keyring only) and the merge dialog's warning that HubSpot cannot undo."""

from __future__ import annotations

from ui_fakes import make_report

from app.connections.profiles import SourceConfig
from app.domain.schema import Entity, System
from app.domain.sources import SourceKind
from app.writeback.merges import merge_proposals
from app.writeback.merging import merge_context
from ui.connections.source_editor import SourceEditor
from ui.corrections.merge_dialog import MergeDialog


class Secrets:
    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def get_secret(self, ref: str) -> str | None:
        return self.entries.get(ref)

    def set_secret(self, ref: str, secret: str) -> None:
        self.entries[ref] = secret

    def delete_secret(self, ref: str) -> bool:
        return self.entries.pop(ref, None) is not None

    def backend_status(self) -> tuple[bool, str]:
        return True, "prueba"


def test_the_hubspot_form_writes_the_source_its_objects_and_the_vins_property(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = SourceEditor(System.CRM, Secrets())
    qtbot.addWidget(editor)
    editor.show()
    editor.set_kind(SourceKind.HUBSPOT)
    page = editor.hubspot_page
    assert page.isVisible() and not editor.pages[0].isVisible()
    qtbot.keyClicks(page.portal, "24681357")
    assert editor.secret_edit.isVisible()
    assert editor.secret_reference() == "hubspot://24681357"
    qtbot.keyClicks(page.host, "127.0.0.1:8765")
    qtbot.keyClicks(page.vehicles, "deals")
    qtbot.keyClicks(page.vin, "numero_vin")
    page.history.setChecked(True)
    config = editor.config()
    assert (config.kind, config.source) == ("hubspot", "hubspot://24681357@127.0.0.1:8765")
    assert config.options == {"objects": {"vehicles": "deals"}, "consent_date_from_history": True}
    assert config.mappings == {"deals": {"vin": "numero_vin"}}
    assert editor.secret_reference() == "hubspot://24681357@127.0.0.1:8765"
    again = SourceEditor(System.CRM, Secrets())
    qtbot.addWidget(again)
    again.set_config(config)
    assert again.kind is SourceKind.HUBSPOT and again.config() == config
    other = SourceConfig(kind="rest", source="https://crm.example.co/api")
    again.set_config(other)
    assert again.hubspot_page.portal.text() == "" and again.hubspot_page.vin.text() == ""


def test_the_merge_dialog_warns_that_hubspot_cannot_undo_a_merge(qtbot) -> None:  # type: ignore[no-untyped-def]
    report = make_report()
    proposal = next(p for p in merge_proposals(report) if p.entity is Entity.CUSTOMERS)
    plain = MergeDialog(merge_context(proposal, report))
    qtbot.addWidget(plain)
    assert not plain.irreversible.isVisibleTo(plain)
    report.sources = {**report.sources, proposal.system.value: "HubSpot (portal 24681357)"}
    context = merge_context(proposal, report)
    assert context.irreversible
    dialog = MergeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.irreversible.isVisible()
    assert "no permite deshacer" in dialog.irreversible.text()
    assert "imagen previa" in dialog.irreversible.text()
