"""Connection profiles (``app/connections/profiles.py``), their store (``store.py``), the refusal
of secrets and their keyring (``credentials.py``), Probar conexión (``probe.py``)."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import app.connections.sources as sources
import app.connections.store as store_module
from app.connections.credentials import default_secrets, forget_secret, has_secret, store_secret
from app.connections.probe import test_connection
from app.connections.profiles import (
    OPTIONAL_ENTITIES,
    ConnectionProfile,
    ProfileError,
    SourceConfig,
    looks_secret,
    profile_from_json,
    profile_to_json,
)
from app.connections.store import ProfileFileDamaged, ProfileStore
from app.connectors.base import AuthError, SourceIssue
from app.domain.schema import Entity, System
from app.progress import Cancelled, CancelToken, run
from app.reconcile.profile import Profile
from app.writeback.policy import DEFAULT_SYSTEM_OF_RECORD

CUSTOMERS_CSV = (
    "Nro. Identificación;Nombres;Apellidos;Celular;Ciudad\r\n"
    "79845123;Juan;Pérez;3001234567;Bogotá\r\n"
    "1020304050;María;Gómez;3109876543;Medellín\r\n"
    "52111222;Ana;Ruiz;;Cali\r\n"
)
PAYMENTS_CSV = (
    "Recibo;Factura;Documento cliente;Valor;Fecha de pago\r\n"
    "RC-1;FV-1;79845123;1.500.000;15/03/2024\r\n"
    "RC-2;FV-2;1020304050;2.000.000;16/03/2024\r\n"
)


def csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def file_profile(tmp_path: Path, name: str = "Concesionario Norte") -> ConnectionProfile:
    crm = SourceConfig(kind="file", files={
        "customers": str(csv(tmp_path, "clientes_crm.csv", CUSTOMERS_CSV)),
        "payments": str(csv(tmp_path, "pagos_crm.csv", PAYMENTS_CSV)),
    })
    erp = SourceConfig(kind="sql", source="postgresql://cuadre@erp.local:5432/erp",
                       options={"tables": {"customers": "terceros"}})
    return ConnectionProfile(name, crm=crm, erp=erp, amount_tolerance_abs=Decimal("5000"),
                             amount_tolerance_rel=Decimal("0.01"), date_window_days=3,
                             auto_threshold=0.98, review_threshold=0.6)


# --- the profile --------------------------------------------------------------------------------


def test_system_of_record_defaults_follow_design():
    profile = ConnectionProfile("x")
    sor = profile.system_of_record
    for field in ("doc_number", "company_name", "first_names", "last_names", "address",
                  "invoice_number", "status"):
        assert sor[field] == "erp", field
    for field in ("phone", "email", "habeas_data_consent", "consent_channel"):
        assert sor[field] == "crm", field
    # Each profile gets its own copy: changing one never changes the defaults.
    assert sor is not DEFAULT_SYSTEM_OF_RECORD


def test_to_reconcile_profile_carries_tolerances_and_thresholds(tmp_path):
    engine = file_profile(tmp_path).to_reconcile_profile()
    assert isinstance(engine, Profile)
    assert engine.amount_tolerance_abs == Decimal("5000")
    assert engine.amount_tolerance_rel == Decimal("0.01")
    assert engine.date_window_days == 3
    assert engine.match.auto_threshold == 0.98
    assert engine.match.review_threshold == 0.6


def test_a_new_profile_uses_the_engine_defaults():
    engine = ConnectionProfile("x").to_reconcile_profile()
    assert engine == Profile()


@pytest.mark.parametrize("key", [
    "password", "db_password", "Password", "apiKey", "api_key", "token", "access_token",
    "client_secret", "clave", "contraseña", "key", "private_key", "credentials", "sslpassword",
])
def test_secret_looking_option_names(key):
    assert looks_secret(key)


@pytest.mark.parametrize("key", [
    "tables", "queries", "paths", "auth", "username", "pagination", "page_size", "items_key",
    "company_ids", "protocol", "since_param", "id_field", "timeout", "connect_args",
])
def test_ordinary_option_names(key):
    assert not looks_secret(key)


@pytest.mark.parametrize("options", [
    {"password": "hunter2"},
    {"connect_args": {"sslpassword": "hunter2"}},
    {"headers": [{"X-Api-Key": "abc"}]},
    {"proxy": "http://user:hunter2@proxy.local:3128"},
])
def test_saving_refuses_secret_looking_options(tmp_path, options):
    store = ProfileStore(tmp_path)
    profile = file_profile(tmp_path)
    bad = profile.with_source("erp", SourceConfig("sql", "postgresql://u@h/erp", options=options))
    with pytest.raises(ProfileError) as caught:
        store.save(bad)
    assert caught.value.field == "erp.options"
    assert "hunter2" not in str(caught.value) and "abc" not in str(caught.value)
    assert not store.path.exists()


def test_saving_refuses_a_source_with_a_password(tmp_path):
    store = ProfileStore(tmp_path)
    bad = file_profile(tmp_path).with_source(
        "erp", SourceConfig("sql", "postgresql://cuadre:hunter2@erp.local/erp"))
    with pytest.raises(ProfileError) as caught:
        store.save(bad)
    assert caught.value.field == "erp.source"
    assert "hunter2" not in str(caught.value)
    assert "contraseña" in str(caught.value)
    assert not store.path.exists()


@pytest.mark.parametrize(("change", "field"), [
    ({"name": "  "}, "name"),
    ({"crm": SourceConfig("file", files={})}, "crm.source"),
    ({"erp": SourceConfig("sql", "https://erp.example.com/api")}, "erp.source"),
    ({"erp": SourceConfig("odoo", "odoo://erp.example.com/base")}, "erp.source"),
    ({"erp": SourceConfig("mainframe", "x")}, "erp.source"),
    ({"amount_tolerance_abs": Decimal("-1")}, "tolerances"),
    ({"amount_tolerance_rel": Decimal("1.5")}, "tolerances"),
    ({"date_window_days": -2}, "tolerances"),
    ({"auto_threshold": 0.4, "review_threshold": 0.5}, "thresholds"),
    ({"system_of_record": {"phone": "crm", "nonsense": "erp"}}, "system_of_record"),
    ({"system_of_record": {"phone": "both"}}, "system_of_record"),
])
def test_validation_names_the_field(tmp_path, change, field):
    from dataclasses import replace

    profile = replace(file_profile(tmp_path), **change)
    with pytest.raises(ProfileError) as caught:
        profile.validate()
    assert caught.value.field == field
    assert str(caught.value)  # a sentence for the window


def test_secret_reference_only_for_sources_that_need_one(tmp_path):
    profile = file_profile(tmp_path)
    assert profile.crm.secret_ref() is None
    assert profile.erp.secret_ref() == "postgresql://cuadre@erp.local:5432/erp"
    assert SourceConfig("sql", "sqlite:///demo.sqlite").secret_ref() is None
    assert SourceConfig("odoo", "odoo://admin@erp.local:8069/prod").secret_ref() == \
        "odoo://admin@erp.local:8069/prod"


def test_entities_come_from_files_or_options(tmp_path):
    profile = file_profile(tmp_path)
    assert profile.crm.entities("crm") == (Entity.CUSTOMERS, Entity.PAYMENTS)
    assert profile.erp.entities("erp") == (Entity.CUSTOMERS,)
    assert SourceConfig("rest", "https://crm.example.com").entities("crm") == (
        Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS)
    assert SourceConfig("odoo", "odoo://a@h/db").entities("erp") == (
        Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)


def test_what_the_insights_read_adds_to_the_entities_and_never_replaces_them(tmp_path):
    # Files: every file given, the optional ones too.
    files = SourceConfig("file", files={"customers": "c.csv", "invoices": "f.csv",
                                        "contracts": "", "followups": "t.csv"})
    assert files.entities("erp") == (Entity.CUSTOMERS, Entity.INVOICES, Entity.FOLLOWUPS)
    # A database naming only its invoices table still holds the usual entities.
    sql = SourceConfig("sql", "sqlite:///erp.sqlite",
                       options={"tables": {"invoices": "fe_documentos"}})
    assert sql.entities("erp") == (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES,
                                   Entity.INVOICES)
    # Naming a usual one narrows to what is named, the optional ones after.
    api = SourceConfig("rest", "https://crm.example.com",
                       options={"paths": {"followups": "tareas", "customers": "contactos"}})
    assert api.entities("crm") == (Entity.CUSTOMERS, Entity.FOLLOWUPS)
    assert OPTIONAL_ENTITIES == {System.CRM: (Entity.FOLLOWUPS,),
                                 System.ERP: (Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS)}
    # A profile names a file for each of them, saved and read back as any other.
    profile = ConnectionProfile("Indicadores", crm=SourceConfig("file", files={
        "customers": "c.csv", "followups": "t.csv"}), erp=files)
    assert profile_from_json(profile_to_json(profile)) == profile


# --- the store ----------------------------------------------------------------------------------


def test_store_round_trip(tmp_path):
    store = ProfileStore(tmp_path)
    first = file_profile(tmp_path)
    mapped = first.with_source("crm", SourceConfig(
        "file", files=dict(first.crm.files),
        mappings={"customers": {"doc_number": "Nro. Identificación",
                                "first_names": ["Nombre 1", "Nombre 2"]}}))
    second = ConnectionProfile("Sede Sur", crm=SourceConfig(
        "rest", "https://crm.example.com/api", options={"auth": "basic", "username": "cuadre",
                                                        "paths": {"customers": "contactos"}}),
        erp=SourceConfig("odoo", "odoo+https://admin@erp.example.com/prod",
                         options={"protocol": "json2", "company_ids": [1, 2]}),
        system_of_record={**DEFAULT_SYSTEM_OF_RECORD, "phone": "erp"})
    store.save(mapped)
    store.save(second)

    again = ProfileStore(tmp_path)
    assert again.names() == ["Concesionario Norte", "Sede Sur"]
    assert again.load() == [mapped, second]
    loaded = again.get("sede sur")
    assert loaded is not None and loaded.system_of_record["phone"] == "erp"
    assert isinstance(loaded.amount_tolerance_abs, Decimal)
    data = json.loads(store.path.read_text("utf-8"))
    assert data["format"] == "cuadre-perfiles" and data["version"] == 1
    assert data["profiles"][0]["tolerances"]["amount_abs"] == "5000"


def test_store_replaces_renames_and_deletes(tmp_path):
    from dataclasses import replace

    store = ProfileStore(tmp_path)
    profile = file_profile(tmp_path)
    store.save(profile)
    store.save(ConnectionProfile("Otro", crm=profile.crm, erp=profile.erp))
    store.save(replace(profile, date_window_days=7))
    assert store.names() == ["Concesionario Norte", "Otro"]
    got = store.get("Concesionario Norte")
    assert got is not None and got.date_window_days == 7

    with pytest.raises(ProfileError) as caught:
        store.rename("Concesionario Norte", "otro")
    assert caught.value.field == "name"
    renamed = store.rename("Concesionario Norte", "Norte")
    assert renamed.date_window_days == 7
    assert store.names() == ["Norte", "Otro"]  # the renamed one keeps its place

    assert store.delete("NORTE") is True
    assert store.delete("Norte") is False
    assert store.names() == ["Otro"]


def test_duplicate_names_refused_case_insensitively(tmp_path):
    store = ProfileStore(tmp_path)
    profile = file_profile(tmp_path)
    store.save(profile)
    from dataclasses import replace

    with pytest.raises(ProfileError):
        store.save(replace(profile, name="CONCESIONARIO NORTE"), previous_name="nuevo")
    with pytest.raises(ProfileError) as caught:
        store.add(replace(profile, name=" concesionario norte ", date_window_days=9))
    assert caught.value.field == "name"
    kept = store.get("Concesionario Norte")
    assert kept is not None and kept.date_window_days == 3  # never replaced by add()


def test_write_is_atomic(tmp_path, monkeypatch):
    store = ProfileStore(tmp_path)
    store.save(file_profile(tmp_path))
    before = store.path.read_bytes()

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", broken_replace)
    with pytest.raises(ProfileError) as caught:
        store.save(ConnectionProfile("Otro", crm=file_profile(tmp_path).crm,
                                     erp=file_profile(tmp_path).erp))
    assert "siguen intactos" in str(caught.value)
    assert store.path.read_bytes() == before  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".profiles-")) == []


def test_write_goes_through_a_temporary_file_in_the_same_folder(tmp_path, monkeypatch):
    store = ProfileStore(tmp_path)
    calls: list[tuple[str, str]] = []
    real = os.replace

    def spy(src: Any, dst: Any) -> None:
        calls.append((str(src), str(dst)))
        real(src, dst)

    monkeypatch.setattr(store_module.os, "replace", spy)
    store.save(file_profile(tmp_path))
    assert len(calls) == 1
    src, dst = calls[0]
    assert Path(src).parent == tmp_path and Path(dst) == store.path and src != dst


def test_corrupt_file_is_kept_as_bak_and_explained(tmp_path):
    store = ProfileStore(tmp_path)
    store.path.write_text('{"format": "cuadre-perfiles", "version": 1, "profiles": [{"na', "utf-8")
    damaged = store.path.read_bytes()
    with pytest.raises(ProfileFileDamaged) as caught:
        store.load()
    message = str(caught.value)
    assert "dañado" in message and "profiles.json.bak" in message
    assert caught.value.moved_to == tmp_path / "profiles.json.bak"
    assert (tmp_path / "profiles.json.bak").read_bytes() == damaged
    # The next save starts a new file and never overwrites the kept copy.
    store.save(file_profile(tmp_path))
    assert store.names() == ["Concesionario Norte"]
    assert (tmp_path / "profiles.json.bak").read_bytes() == damaged
    store.path.write_text("no es json", "utf-8")
    with pytest.raises(ProfileFileDamaged) as again:
        store.load()
    assert again.value.moved_to == tmp_path / "profiles.json.bak2"


def test_one_bad_entry_never_loses_the_others(tmp_path):
    store = ProfileStore(tmp_path)
    store.save(file_profile(tmp_path))
    data = json.loads(store.path.read_text("utf-8"))
    bad = {"name": "Roto", "crm": {"kind": "sql", "source": "postgresql://u:pw@h/db"},
           "tolerances": {"amount_abs": "mucho"}}
    data["profiles"].append(bad)
    store.path.write_text(json.dumps(data), "utf-8")

    loaded = store.load()
    assert [p.name for p in loaded] == ["Concesionario Norte"]
    assert len(store.problems) == 1 and "«Roto»" in store.problems[0]
    assert "pw" not in store.problems[0].replace("perfil", "")
    assert (tmp_path / "profiles.json.bak").exists()

    store.save(ConnectionProfile("Nuevo", crm=loaded[0].crm, erp=loaded[0].erp))
    kept = json.loads(store.path.read_text("utf-8"))["profiles"]
    assert bad in kept  # left exactly as it was
    assert [p.name for p in ProfileStore(tmp_path).load()] == ["Concesionario Norte", "Nuevo"]


def test_newer_file_is_refused_not_touched(tmp_path):
    store = ProfileStore(tmp_path)
    text = json.dumps({"format": "cuadre-perfiles", "version": 99, "profiles": []})
    store.path.write_text(text, "utf-8")
    with pytest.raises(ProfileError) as caught:
        store.load()
    assert "versión más nueva" in str(caught.value)
    with pytest.raises(ProfileError):
        store.save(file_profile(tmp_path))
    assert store.path.read_text("utf-8") == text


def test_store_uses_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path / "datos"))
    store = ProfileStore()
    store.save(file_profile(tmp_path))
    assert (tmp_path / "datos" / "profiles.json").exists()


# --- secrets ------------------------------------------------------------------------------------


class FakeSecrets:
    """The ``app.security.secrets`` API, in memory."""

    class SecretStoreError(Exception):
        pass

    def __init__(self, secure: bool = True) -> None:
        self.secure = secure
        self.entries: dict[str, str] = {}

    def get_secret(self, ref: str) -> str | None:
        return self.entries.get(ref)

    def set_secret(self, ref: str, secret: str) -> None:
        if not self.secure:
            raise self.SecretStoreError("el almacén no es seguro")
        self.entries[ref] = secret

    def delete_secret(self, ref: str) -> bool:
        return self.entries.pop(ref, None) is not None

    def backend_status(self) -> tuple[bool, str]:
        if self.secure:
            return True, "Secret Service (prueba)"
        return False, "solo hay un almacén en texto plano (keyrings.alt), que no es seguro."


def test_store_secret_goes_to_the_keyring_under_the_reference():
    fake = FakeSecrets()
    outcome = store_secret("postgresql://cuadre@erp.local:5432/erp", "s3cr3t-canary", fake)
    assert outcome.saved and outcome.message == "Credencial guardada en Secret Service (prueba)."
    assert fake.entries == {"postgresql://cuadre@erp.local:5432/erp": "s3cr3t-canary"}
    assert has_secret("postgresql://cuadre@erp.local:5432/erp", fake)
    assert not has_secret("postgresql://otro@erp.local:5432/erp", fake)
    assert forget_secret("postgresql://cuadre@erp.local:5432/erp", fake) is True
    assert fake.entries == {}


def test_store_secret_refuses_an_insecure_backend():
    fake = FakeSecrets(secure=False)
    outcome = store_secret("https://crm.example.com/api", "s3cr3t-canary", fake)
    assert not outcome.saved
    assert "no es seguro" in outcome.message and "s3cr3t" not in outcome.message
    assert fake.entries == {}


def test_store_secret_reports_a_store_failure_without_the_secret():
    fake = FakeSecrets()

    def boom(ref: str, secret: str) -> None:
        raise RuntimeError(f"dbus failed with {secret}")

    fake.set_secret = boom  # type: ignore[method-assign]
    outcome = store_secret("https://crm.example.com/api", "s3cr3t-canary", fake)
    assert not outcome.saved and "s3cr3t" not in outcome.message


def test_without_a_secure_keyring_nothing_is_stored():
    api = default_secrets()  # the OS keyring: the tests' backend refuses everything
    outcome = store_secret("https://crm.example.com/api", "x", api)
    assert not outcome.saved and "almacén seguro" in outcome.message


# --- Probar conexión ----------------------------------------------------------------------------


def test_test_connection_counts_records_of_each_file(tmp_path):
    profile = file_profile(tmp_path)
    steps: list[str] = []
    result = run(test_connection(profile, "crm"), lambda p: steps.append(p.step))
    assert result["ok"] is True
    assert result["counts"] == {"customers": 3, "payments": 2}
    assert result["error"] is None and result["errors"] == {}
    assert steps[0] == "test_crm_customers" and steps[-1] == "test_crm_done"


def test_test_connection_reports_the_spanish_message_of_a_bad_file(tmp_path):
    profile = file_profile(tmp_path)
    broken = SourceConfig("file", files={
        "customers": str(tmp_path / "no_existe.csv"),
        "payments": str(csv(tmp_path, "clientes_como_pagos.csv", CUSTOMERS_CSV)),
        "vehicles": profile.crm.files["customers"],
    })
    result = run(test_connection(profile.with_source("crm", broken), "crm"))
    assert result["ok"] is False
    assert result["errors"]["customers"] == "No se encuentra el archivo no_existe.csv."
    assert "no parece de pagos" in result["errors"]["payments"]
    assert "Traceback" not in json.dumps(result)
    assert "vehicles" in result["errors"]


class FakeConnector:
    """A source that counts cheaply (``count``) or refuses the credentials."""

    system = System.ERP

    def __init__(self, counts: dict[Entity, int], auth_fails: bool = False) -> None:
        self.counts = counts
        self.auth_fails = auth_fails
        self.closed = False
        self.pulled = False

    def describe(self) -> str:
        return "fake"

    def count(self, entity: Entity) -> int:
        if self.auth_fails:
            raise AuthError("El ERP rechazó la credencial guardada para erp.local.")
        return self.counts[entity]

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        self.pulled = True
        raise AssertionError("count() should be used")

    def issues(self) -> list[SourceIssue]:
        return []

    def close(self) -> None:
        self.closed = True


def test_test_connection_uses_count_and_closes(tmp_path, monkeypatch):
    fake = FakeConnector({Entity.CUSTOMERS: 2319, Entity.PAYMENTS: 3912, Entity.VEHICLES: 410})
    seen: dict[str, Any] = {}

    def opener(spec: Any, system: Any, **kw: Any) -> FakeConnector:
        seen.update(kw, spec=spec)
        return fake

    monkeypatch.setattr(sources, "open_source", opener)
    profile = file_profile(tmp_path).with_source(
        "erp", SourceConfig("sql", "postgresql://cuadre@erp.local/erp"))
    lookup = {"postgresql://cuadre@erp.local/erp": "pw"}.get
    result = run(test_connection(profile, System.ERP, secrets=lookup))
    assert result["counts"] == {"customers": 2319, "payments": 3912, "vehicles": 410}
    assert result["ok"] and fake.closed and not fake.pulled
    assert seen["secrets"] is lookup


def test_test_connection_stops_at_refused_credentials(tmp_path, monkeypatch):
    fake = FakeConnector({}, auth_fails=True)
    monkeypatch.setattr(sources, "open_source", lambda *a, **kw: fake)
    profile = file_profile(tmp_path)
    result = run(test_connection(profile, "erp"))
    assert result["ok"] is False
    assert result["error"] == "El ERP rechazó la credencial guardada para erp.local."
    assert result["counts"] == {} and fake.closed


def test_test_connection_of_a_missing_connector_type(tmp_path, monkeypatch):
    def opener(*a: Any, **kw: Any) -> Any:
        raise ModuleNotFoundError("app.connectors.rest.connector")

    monkeypatch.setattr(sources, "open_source", opener)
    profile = file_profile(tmp_path).with_source("erp", SourceConfig("rest", "https://erp.local"))
    result = run(test_connection(profile, "erp"))
    assert result["error"] == "Este tipo de fuente no está disponible en esta instalación de Cuadre."


def test_test_connection_honours_cancel(tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run(test_connection(file_profile(tmp_path), "crm", token))


def test_test_connection_with_a_real_sqlite_database(tmp_path):
    import sqlite3

    pytest.importorskip("app.connectors.sql.connector")
    path = tmp_path / "crm.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, documento TEXT, nombres TEXT, "
                   "apellidos TEXT)")
        db.executemany("INSERT INTO clientes (documento, nombres, apellidos) VALUES (?, ?, ?)",
                       [(str(79845123 + i), "Juan", "Pérez") for i in range(1234)])
    db.close()
    crm = SourceConfig("sql", f"sqlite:///{path}",
                       options={"tables": {"customers": "clientes", "payments": "no_existe"}})
    profile = file_profile(tmp_path).with_source("crm", crm)
    assert crm.secret_ref() is None  # SQLite needs no credential
    result = run(test_connection(profile, "crm"))
    assert result["counts"] == {"customers": 1234}
    assert "no_existe" in result["errors"]["payments"]
    assert result["ok"] is False and result["error"] is None


def test_each_file_is_read_with_its_own_mapping(tmp_path):
    odd = csv(tmp_path, "clientes_raros.csv", CUSTOMERS_CSV.replace("Celular", "Tel. contacto"))
    crm = SourceConfig("file", files={"customers": str(odd),
                                      "payments": str(csv(tmp_path, "p.csv", PAYMENTS_CSV))},
                       mappings={"customers": {"phone": "Tel. contacto"}})
    profile = file_profile(tmp_path).with_source("crm", crm)
    result = run(test_connection(profile, "crm"))
    assert result["ok"], result
    frame = sources.open_connector(crm, "crm", Entity.CUSTOMERS).pull(Entity.CUSTOMERS)
    assert frame["phone"].tolist()[:2] == ["3001234567", "3109876543"]
