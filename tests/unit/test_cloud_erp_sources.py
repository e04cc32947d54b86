"""``siigo://USUARIO@empresa`` and ``alegra://CORREO@empresa``: parsed, canonical, refused."""

from __future__ import annotations

import pytest

from app.connections.profiles import ConnectionProfile, SourceConfig
from app.connectors.pacing import Pace
from app.domain.cloud_erp import base_url, user_of
from app.domain.schema import Entity, System
from app.domain.sources import SourceError, SourceKind, parse_source, secret_ref


@pytest.mark.parametrize(("text", "kind", "location", "base"), [
    ("siigo://api@concesionario.co@Autos-Norte", SourceKind.SIIGO,
     "siigo://api@concesionario.co@autos-norte", "https://api.siigo.com"),
    ("siigo://USUARIO@empresa", SourceKind.SIIGO, "siigo://USUARIO@empresa",
     "https://api.siigo.com"),
    ("alegra://ana@taller.co@demo", SourceKind.ALEGRA, "alegra://ana@taller.co@demo",
     "https://api.alegra.com"),
    ("alegra://ana%40taller.co@demo", SourceKind.ALEGRA, "alegra://ana@taller.co@demo",
     "https://api.alegra.com"),
    ("siigo+http://u@127.0.0.1:8765", SourceKind.SIIGO, "siigo+http://u@127.0.0.1:8765",
     "http://127.0.0.1:8765"),
    ("alegra+https://a@b.co@proxy.example.co", SourceKind.ALEGRA,
     "alegra+https://a@b.co@proxy.example.co", "https://proxy.example.co"),
])
def test_sources_by_name(text, kind, location, base):
    spec = parse_source(text)
    assert (spec.kind, spec.location, secret_ref(text)) == (kind, location, location)
    assert spec.needs_secret and base_url(spec.location) == base
    assert user_of(spec.location) in text.replace("%40", "@")


@pytest.mark.parametrize(("text", "words"), [
    ("siigo://api:clave@empresa", "contraseña escrita"),
    ("alegra://ana:token@x.co@demo", "contraseña escrita"),
    ("alegra://ana@demo", "correo"),
    ("siigo://empresa", "se escribe"),
    ("siigo://u@empresa:443", "nombre de la empresa"),
    ("siigo://u@api.siigo.com/v1", "nombre de la empresa"),
    ("siigo+http://u@10.1.2.3:8765", "Sin TLS"),
    ("alegra+https://a@b.co@host/ruta", "sin ruta"),
    ("siigo://u@empresa?token=x", "parámetros"),
])
def test_what_is_not_a_siigo_or_alegra_source_says_why(text, words):
    with pytest.raises(SourceError, match=words):
        parse_source(text)


def test_a_typed_secret_is_never_repeated():
    for text in ("siigo://api:s3cr3t-x@empresa", "alegra://ana@x.co:s3cr3t-x@demo"):
        with pytest.raises(SourceError) as caught:
            parse_source(text)
        assert "s3cr3t" not in str(caught.value)


def test_a_profile_on_siigo_holds_customers_payments_and_invoices():
    config = SourceConfig(SourceKind.SIIGO.value, source="siigo://api@x.co@norte")
    assert config.entities(System.ERP) == (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.INVOICES)
    profile = ConnectionProfile("Norte", crm=SourceConfig("rest", source="https://crm.x.co/api"),
                                erp=config)
    profile.validate()
    wrong = ConnectionProfile("Norte", crm=profile.crm,
                              erp=SourceConfig(SourceKind.ALEGRA.value, source=config.source))
    with pytest.raises(ValueError, match="alegra://CORREO@empresa"):
        wrong.validate()


def test_pace_waits_for_the_window_to_free_a_request():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pace = Pace(3, window=10.0, margin=0.0, clock=lambda: now[0], sleep=sleep)
    assert [pace.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    waited = pace.acquire()
    assert 9.9 <= waited <= 10.3 and now[0] >= 10.0
    assert Pace(0).acquire() == 0.0  # 0: no pacing
