"""Odoo's values read the Colombian way, its faults told apart, its options checked — no server."""

from __future__ import annotations

import xmlrpc.client
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.connectors.base import OutcomeStatus, SourceError
from app.connectors.odoo.connector import OdooConnector
from app.connectors.odoo.rpc import (
    OdooFault,
    _fault_kind,
    _json2_kind,
    json2_body,
    major_version,
)
from app.connectors.odoo.values import (
    CO_DOCUMENT_TYPES,
    local_day,
    since_utc,
    split_person_name,
    split_vat,
    stamp,
)
from app.connectors.odoo.write import refusal
from app.connectors.values import comparable, money
from app.domain.values import nit_check_digit, normalize_doc_number


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


def test_passports_and_foreign_documents_keep_their_letters():
    assert split_vat("AB1234567", "PA") == ("AB1234567", None)
    assert split_vat("ab 123-4567", "PA") == ("AB1234567", None)  # form goes, letters stay
    assert split_vat("B12345678", "NIT_EXT") == ("B12345678", None)  # no DIAN DV abroad
    assert split_vat("V12345678", "DE") == ("V12345678", None)
    assert split_vat("E-452187", "CE") == ("E452187", None)
    # Only base_vat's Colombian prefix is one: a passport's letters are not a country.
    assert split_vat("CO1020304050", "CC") == ("1020304050", None)
    assert normalize_doc_number("AB1234567") != normalize_doc_number("CD1234567")
    assert normalize_doc_number("ab-1234567") == normalize_doc_number("AB1234567") == "AB1234567"
    assert normalize_doc_number("900.123.456-7") == "900123456"
    assert comparable("doc_number", "AB1234567") != comparable("doc_number", "1234567")


@pytest.mark.parametrize(("code", "canonical"), [
    ("rut", "NIT"), ("national_citizen_id", "CC"), ("civil_registration", "RC"),
    ("id_card", "TI"), ("foreign_colombian_card", "TE"), ("foreign_resident_card", "CE"),
    ("passport", "PA"), ("foreign_id_card", "DE"), ("external_id", "NIT_EXT"),
    ("niup_id", "NUIP"), ("id_document", "CC"),
])
def test_l10n_co_identification_types_are_dians(code, canonical):
    """The codes of Odoo 17's l10n_co/data/l10n_latam.identification.type.csv, as the DIAN
    codes app.domain.values names them (41 PA, 42 DE, 50 NIT_EXT, 21 TE, 22 CE…)."""
    assert CO_DOCUMENT_TYPES[code] == canonical


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
    # As a real Odoo 17 with l10n_co answers (its texts in the user's language, es_CO):
    ('Traceback (most recent call last):\n  File "/odoo/api.py", line 453, in _call_kw_multi\n'
     "    result = method(recs, *args, **kwargs)\n"
     "TypeError: ResPartner.write() got an unexpected keyword argument 'vals'\n", 1,
     "bad_request"),
    ("Traceback…\nTypeError: BaseModel.search_count() missing 1 required positional argument: "
     "'domain'\n", 1, "bad_request"),
    ("El objeto res.city no existe", 2, "missing"),
    ("Record does not exist or has been deleted.\n(Record: res.partner(999999,), User: 2)", 2,
     "missing"),
    ("No puede hacer esta modificación en un asiento contable conciliado. Puede cambiar algunos "
     "campos no legales o primero debe romper la conciliación.\nAsiento contable (id): "
     "INV/2026/00001 (1)", 2, "posted"),
    ("\nEl número NIT [901456789-2] para contacto [X] no parece ser válido.\nTome en cuenta que "
     "el formato esperado es CO213123432-1 or CO213.123.432-1", 2, "user_error"),
    ("Private methods (such as _search) cannot be called remotely.", 4, "access_error"),
    ("Traceback…\nAttributeError: type object 'res.partner' has no attribute 'foo'\n", 1,
     "bad_request"),
    ("Traceback…\npsycopg2.errors.SerializationFailure: could not serialize access due to "
     "concurrent update\n", 1, "server"),
    ("Traceback…\nValueError: Invalid domain:\n  ('x', '=', 1)\n", 1, "bad_request"),
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
    # Odoo 19 answers arguments that do not bind with 422, other exceptions with 500.
    ("werkzeug.exceptions.UnprocessableEntity", "got an unexpected keyword argument 'values'",
     422, "bad_request"),
    ("builtins.ValueError", "Invalid field 'x' on model 'res.partner'", 500, "bad_request"),
    ("psycopg2.errors.SerializationFailure", "could not serialize access", 500, "server"),
    ("werkzeug.exceptions.Conflict", "", 409, "server"),
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


@pytest.mark.parametrize(("kind", "code", "status", "permanent"), [
    ("bad_request", 1, OutcomeStatus.FAILED, True),      # TypeError/ValueError in Odoo
    ("bad_request", 422, OutcomeStatus.FAILED, True),    # JSON-2: the arguments do not bind
    ("bad_request", 500, OutcomeStatus.FAILED, True),    # JSON-2: builtins.ValueError
    ("user_error", 2, OutcomeStatus.REJECTED, True),
    ("posted", 2, OutcomeStatus.REJECTED, True),
    ("missing", 2, OutcomeStatus.REJECTED, True),
    ("access_error", 4, OutcomeStatus.REJECTED, True),
    ("access_denied", 3, OutcomeStatus.FAILED, True),
    ("server", 1, OutcomeStatus.FAILED, False),          # may pass: a serialization failure…
    ("server", 500, OutcomeStatus.FAILED, False),
    ("server", 409, OutcomeStatus.FAILED, False),        # a conflict may pass
    ("user_error", 429, OutcomeStatus.FAILED, False),
])
def test_a_refusal_sending_again_cannot_change_is_permanent(kind, code, status, permanent):
    outcome = refusal(OdooFault("Odoo (h) …", kind, code))
    assert (outcome.status, outcome.permanent) == (status, permanent)
    assert outcome.http_status == (code if code >= 400 else None)


def test_json2_names_positional_arguments_as_odoo_19_does():
    assert json2_body("write", [[5], {"email": "a@b.co"}], None) == {
        "ids": [5], "vals": {"email": "a@b.co"}}
    assert json2_body("search_read", [[("id", ">", 3)], ["name"]], {"limit": 2, "order": "id"}) \
        == {"domain": [("id", ">", 3)], "fields": ["name"], "limit": 2, "order": "id"}
    assert json2_body("search_count", [[]], None) == {"domain": []}
    assert json2_body("create", [[{"name": "x"}]], None) == {"vals_list": [{"name": "x"}]}
    assert json2_body("fields_get", [], {"attributes": ["type"]}) == {"attributes": ["type"]}
    assert json2_body("read", [7, ["name"]], None) == {"ids": [7], "fields": ["name"]}


@pytest.mark.parametrize(("method", "args", "kwargs"), [
    ("write", [[5]], {"vals": {"email": "a@b.co"}}),  # modules rename it: positional only
    ("search_read", [], {"domain": [], "fields": ["name"]}),
    ("write", [], None),  # no ids
    ("search_count", [[], 3, 4], None),
    ("action_post", [[1]], None),  # no Odoo 19 signature to name its arguments
])
def test_a_call_odoo_may_not_bind_is_refused_before_it_is_sent(method, args, kwargs):
    with pytest.raises(ValueError):
        json2_body(method, args, kwargs)


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
