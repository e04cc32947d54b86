"""Odoo's values read the Colombian way, its faults told apart, its options checked — no server."""

from __future__ import annotations

import xmlrpc.client
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.connectors.base import OutcomeStatus, SourceError
from app.connectors.odoo import OdooConnector
from app.connectors.odoo_rpc import OdooFault, _fault_kind, _json2_kind, major_version
from app.connectors.odoo_values import (
    comparable,
    local_day,
    money,
    since_utc,
    split_person_name,
    split_vat,
    stamp,
)
from app.connectors.odoo_write import refusal
from app.domain.values import nit_check_digit


def test_a_nits_check_digit_is_split_however_it_was_written():
    dv = nit_check_digit("900123456")
    assert split_vat(f"900.123.456-{dv}", "NIT") == ("900123456", dv)
    assert split_vat(f"CO900123456-{dv}", "NIT") == ("900123456", dv)  # base_vat's prefix
    assert split_vat(f"900123456{dv}", "NIT") == ("900123456", dv)  # stdnum's compact form
    assert split_vat("900123456", "NIT") == ("900123456", None)
    # A person's NIT is their cédula, ten digits of its own: never cut blindly.
    assert split_vat("1128854708", "NIT") == ("1128854708", None)
    wrong = str((int(dv) + 1) % 10)
    assert split_vat(f"900123456{wrong}", "NIT") == (f"900123456{wrong}", None)


def test_other_documents_are_their_digits():
    assert split_vat("52.326.162", "CC") == ("52326162", None)
    assert split_vat("N/A", "CC") == (None, None)
    assert split_vat(None, "CC") == (None, None)
    assert split_vat("1234567", None) == ("1234567", None)


@pytest.mark.parametrize(("name", "first", "last"), [
    ("Juan", "Juan", None),
    ("Juan Pérez", "Juan", "Pérez"),
    ("Juan Pérez Gómez", "Juan", "Pérez Gómez"),
    ("ÁNGELA ISABEL RAMÍREZ TORO", "ÁNGELA ISABEL", "RAMÍREZ TORO"),
    ("Pedro Pablo Gómez de la Rosa", "Pedro Pablo", "Gómez de la Rosa"),
    ("  Ana   Díaz ", "Ana", "Díaz"),
    (None, None, None),
])
def test_a_full_name_is_split_into_given_names_and_surnames(name, first, last):
    assert split_person_name(name) == (first, last)


def test_floats_become_exact_cents():
    assert money(1234567.89) == Decimal("1234567.89")
    assert money(0.1 + 0.2) == Decimal("0.30")
    assert money(76000000.0) == Decimal("76000000.00")
    assert money(2.675) == Decimal("2.68")  # half up, as Odoo rounds a currency
    assert money(Decimal("5")) == Decimal("5.00")
    assert money(False) is None and money(None) is None
    with pytest.raises(ValueError):
        money("1.234,56")


def test_odoo_times_are_utc_and_days_are_bogotas():
    moment = stamp("2026-01-17 10:44:00")
    assert moment == datetime(2026, 1, 17, 10, 44, tzinfo=UTC)
    assert stamp(False) is None
    assert local_day("2026-01-18 02:00:00") == date(2026, 1, 17)  # 9 p.m. in Bogotá


def test_since_is_sent_as_odoos_utc_text():
    bogota = timezone(timedelta(hours=-5))
    assert since_utc(datetime(2026, 1, 1, 8, 0, tzinfo=bogota)) == "2026-01-01 13:00:00"
    assert since_utc(datetime(2026, 1, 1, 8, 0)) == "2026-01-01 13:00:00"  # naive: Bogotá
    assert since_utc(date(2026, 1, 1)) == "2026-01-01 05:00:00"
    assert since_utc("2026-01-01T13:00:00+00:00") == "2026-01-01 13:00:00"
    assert since_utc(None) is None
    with pytest.raises(SourceError, match="fecha"):
        since_utc("ayer")


def test_compare_and_set_ignores_differences_of_form():
    assert comparable("phone", "+57 301 3414178") == comparable("phone", "3013414178")
    assert comparable("email", "Ana@Example.com ") == comparable("email", "ana@example.com")
    assert comparable("amount", 76000000.0) == comparable("amount", Decimal("76000000"))
    assert comparable("doc_number", "52.326.162") == comparable("doc_number", "52326162")
    assert comparable("city_code", "5001") == comparable("city_code", "05001")
    assert comparable("email", False) is None and comparable("claim_in_progress", False) is False
    assert comparable("phone", "3013414178") != comparable("phone", "3013414179")


@pytest.mark.parametrize(("text", "code", "kind"), [
    ("Traceback…\nTypeError: cannot marshal None unless allow_none is enabled", 1, "none_result"),
    ("You cannot modify the partner of the posted entry FV-1.", 2, "posted"),
    ("The VAT number [900…] does not seem to be valid.", 2, "user_error"),
    ("Access Denied", 3, "access_denied"),
    ("Access to unauthorized or invalid companies.", 4, "access_error"),
    ("Traceback…\nodoo.exceptions.MissingError: Record does not exist or has been deleted.", 1,
     "missing"),
    ("Traceback…\nValueError: Invalid field 'x' on model 'res.partner'", 1, "bad_request"),
    ("Traceback…\npsycopg2.OperationalError: …", 1, "server"),
])
def test_xmlrpc_faults_are_told_apart_by_code_and_exception(text, code, kind):
    assert _fault_kind(text, code) == kind


@pytest.mark.parametrize(("name", "message", "status", "kind"), [
    ("werkzeug.exceptions.Unauthorized", "Invalid apikey", 401, "access_denied"),
    ("odoo.exceptions.UserError", "You cannot modify a posted entry", 422, "posted"),
    ("odoo.exceptions.ValidationError", "The VAT number … is not valid", 422, "user_error"),
    ("odoo.exceptions.AccessError", "Not allowed", 403, "access_error"),
    ("odoo.exceptions.MissingError", "Record does not exist", 404, "missing"),
    ("builtins.TypeError", "got an unexpected keyword argument 'x'", 422, "bad_request"),
    ("", "", 404, "missing"),
])
def test_json2_errors_are_told_apart_by_the_exception_named(name, message, status, kind):
    assert _json2_kind(name, message, status) == kind


def test_versions_are_read_from_either_answer():
    assert major_version({"server_version_info": [17, 0, 0, "final", 0, ""]}) == 17
    assert major_version({"server_version": "saas~18.2+e"}) == 18
    assert major_version({"version_info": [19, 0, 0, "final", 0, ""], "version": "19.0"}) == 19
    assert major_version({}) is None


def test_refusals_become_outcomes_without_odoos_text():
    posted = refusal(OdooFault("Odoo (h) no permite…", "posted", 2))
    assert (posted.status, posted.reason) == (OutcomeStatus.REJECTED, "posted_invoice")
    assert "nota crédito" in posted.detail
    assert refusal(OdooFault("…", "user_error", 2)).reason == "validation"
    assert refusal(OdooFault("…", "access_error", 4)).status is OutcomeStatus.REJECTED
    assert refusal(OdooFault("…", "server", 1)).status is OutcomeStatus.FAILED


@pytest.mark.parametrize("options", [
    {"protocol": "soap"},
    {"company_ids": ["uno"]},
    {"company_ids": [0]},
    {"domains": {"facturas": [["id", ">", 1]]}},
    {"domains": {"customers": "id > 1"}},
])
def test_bad_options_are_spanish_errors(options):
    with pytest.raises(SourceError):
        OdooConnector("http://odoo.example.com", "db", "admin", "k", **options)


def test_bad_mappings_and_urls_are_spanish_errors():
    with pytest.raises(SourceError, match="columna"):
        OdooConnector("http://odoo.example.com", "db", "admin", "k",
                      mapping={"customers": {"no_existe": "x_campo"}})
    with pytest.raises(SourceError, match="negocios"):
        OdooConnector("http://odoo.example.com", "db", "admin", "k", mapping={"otros": {}})
    with pytest.raises(SourceError, match="http"):
        OdooConnector("ftp://odoo.example.com", "db", "admin", "k")


def test_describe_names_the_server_and_never_the_key():
    connector = OdooConnector("https://erp.concesionario.co:8443", "produccion", "ana@c.co",
                              "clave-secreta", protocol="json2", company_ids=[1, 3])
    text = connector.describe()
    assert "erp.concesionario.co:8443" in text and "produccion" in text and "JSON-2" in text
    assert "clave-secreta" not in text and "compañías 1, 3" in text


def test_the_stdlib_fault_the_emulator_sends_for_none_is_odoos():
    """The same marshalling error Odoo's server hits when a method returns None."""
    with pytest.raises(TypeError, match="cannot marshal None"):
        xmlrpc.client.dumps((None,), methodresponse=True, allow_none=False)
