"""The engine's sentences in English: the summary table ``cuadre reconcile`` prints, the
refusals the findings' services raise, a zone's name after a time — through
:mod:`app.domain.i18n` (``tr_app``/``mark_app``), the language the environment asks for or the
program sets (:func:`app.domain.i18n.set_language`, what the window calls). In Spanish nothing
changes. Every ``raise`` or ``print`` of a module the engine has marked says its words through
the marks."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest

from app.cli.main import main
from app.domain import i18n
from app.domain.moments import moment_text, zone_name
from app.domain.values import BOGOTA
from app.findings.errors import FindingError
from app.findings.periods import period

ROOT = Path(__file__).resolve().parents[2]
#: The engine's modules whose sentences are marked: none of their raises or prints escapes.
MARKED = ("app/reconcile/export.py", "app/domain/moments.py", "app/findings/*.py",
          "app/writeback/*.py", "app/domain/sources.py", "app/connections/*.py",
          "app/insights/*.py", "app/count/*.py", "app/audit/*.py", "app/connectors/*.py",
          "app/connectors/*/*.py", "app/store/*.py", "app/security/*.py", "app/domain/*.py")


@pytest.fixture
def speak(monkeypatch) -> Iterator[None]:
    """Nothing set by the program, the environment clean; ``speak("en_US.UTF-8")`` sets LANG."""
    for name in i18n.LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(None)
    yield lambda lang: monkeypatch.setenv("LANG", lang)
    i18n.set_language(None)


@pytest.fixture
def cuadre(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_STORE", f"sqlite:///{tmp_path / 'espacio.sqlite'}")
    monkeypatch.delenv("CUADRE_USER", raising=False)
    monkeypatch.delenv("CUADRE_WORKSPACE", raising=False)

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return call


# --- the language ------------------------------------------------------------------------------


def test_the_program_sets_the_language_over_the_environment(speak) -> None:
    speak("es_CO.UTF-8")
    assert i18n.language() == "es"
    i18n.set_language("en")
    assert i18n.language() == "en" and i18n.english()
    speak("en_US.UTF-8")
    i18n.set_language("es")
    assert i18n.language() == "es"
    i18n.set_language(None)  # the environment again
    assert i18n.language() == "en"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("fr")


def test_the_command_line_s_marks_are_the_engine_s(speak) -> None:
    from app.cli import i18n as cli

    i18n.set_language("en")
    assert cli.english() and cli.tr_cli("cli.findings", "{n} hallazgos") == "{n} findings"
    assert cli.tr_cli is i18n.tr_app and cli.mark_cli("x", "y") == "y"


# --- English -----------------------------------------------------------------------------------


def test_the_reconcile_summary_is_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, out, _ = cuadre("reconcile", "--demo")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Entity", "Difference", "Count", "At", "stake"]
    assert any(line.startswith("Payments   Total") for line in lines)
    assert "Amount with a different date (not at stake)" in out
    assert "Only in the CRM" in out and "Different amount" in out
    for spanish in ("Entidad", "Diferencia", "Cantidad", "En juego", "Pagos", "no en juego",
                    "Solo en el CRM"):
        assert spanish not in out


def test_a_refused_finding_action_says_why_in_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    with pytest.raises(FindingError, match=r"The month «2026-13» is not valid: write it as "
                                           r"YYYY-MM") as refused:
        period("2026-13", "payments")
    assert refused.value.code == "bad_period"  # the code stays a code
    code, _, err = cuadre("findings", "list")
    assert code == 1
    assert "There are no saved reconciliations" in err and "No hay" not in err


def test_the_correction_loop_says_its_words_in_english(speak) -> None:
    from app.writeback.errors import CorrectionError
    from app.writeback.values import parse_value, shown

    speak("en_US.UTF-8")
    assert shown("phone", None) == "empty"
    assert shown("status", "sold") == "Sold"
    # what a saved run keeps (its proposals' sentences) stays Spanish for every reader
    assert shown("phone", None, spanish=True) == "vacío"
    assert shown("status", "sold", spanish=True) == "Vendido"
    with pytest.raises(CorrectionError, match="«doce» is not an amount in pesos") as refused:
        parse_value("amount", "doce")
    assert refused.value.code == "bad_value"
    speak("es_CO.UTF-8")
    assert shown("phone", None) == "vacío" and shown("status", "sold") == "Vendido"


def test_a_source_or_profile_refused_says_why_in_english(speak) -> None:
    from app.connections.profiles import ConnectionProfile, ProfileError
    from app.domain.sources import SourceError, parse_source

    speak("en_US.UTF-8")
    with pytest.raises(SourceError, match="The URL has no server: write it as https://SERVER"):
        parse_source("https:///ruta")
    with pytest.raises(ProfileError, match="Write a name for the profile"):
        ConnectionProfile(" ").validate()


def test_renewal_reasons_are_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, out, _ = cuadre("insights", "renewal", "--demo")
    assert code == 0
    assert "Delivered on " in out and "workshop visits in the last 2 years" in out
    assert "Entregado el" not in out and "visitas al taller" not in out


def test_the_count_and_the_audit_check_are_english(speak, cuadre) -> None:
    from app.demo import demo_count_files, ensure_demo
    from app.progress import run

    speak("en_US.UTF-8")
    count = demo_count_files(run(ensure_demo()))[0]
    code, out, _ = cuadre("count", "--demo", "--count", str(count), "--branch",
                          "Bogotá - Autopista Norte")
    assert code in (0, 1)  # 1: the count found differences
    assert "vehicles in the yard according to the ERP" in out and "VINs counted" in out
    assert out.splitlines()[2].split() == ["Difference", "Count", "At", "stake"]
    assert "Diferencia" not in out and "según el ERP" not in out
    code, out, _ = cuadre("audit", "verify")
    assert code == 0 and out.startswith("Audit trail intact: 0 rows; final fingerprint")


def test_the_merge_preview_is_english(speak) -> None:
    from datetime import date, timedelta

    from support.proposals import STAMP, person, report

    from app.writeback.merges import merge_proposals
    from app.writeback.merging import merge_context, plan_merge

    speak("en_US.UTF-8")
    no_consent = {"habeas_data_consent": False, "consent_date": None, "consent_channel": None}
    rep = report(customers=(
        [person("C1", phone="3001112233", **no_consent, updated_at=STAMP),
         person("C2", phone="3109998877", consent_date=date(2023, 2, 1),
                consent_channel="WhatsApp", updated_at=STAMP - timedelta(days=30))], []))
    [proposal] = merge_proposals(rep)
    plan = plan_merge(merge_context(proposal, rep))
    assert plan.sentence.startswith("Merge 2 records of the CRM into C1: C2 disappears into it; ")
    assert plan.consent == ("The data authorization of C2 is kept (WhatsApp, 01/02/2023); "
                            "comes from C2.")


def test_a_push_summary_is_english(speak) -> None:
    from app.writeback.push import PushSummary

    speak("en_US.UTF-8")
    assert PushSummary().sentence() == "Push: nothing pending."
    assert PushSummary(refused=(("x", "y"),), cancelled=True, remaining=2).sentence() == (
        "Push: nothing pending; 1 were not sent (content altered). Cancelled: 2 left to send.")
    speak("es_CO.UTF-8")
    assert PushSummary().sentence() == "Envío: nada pendiente."


def test_the_program_s_choice_reaches_the_engine(speak) -> None:
    speak("es_CO.UTF-8")
    i18n.set_language("en")
    with pytest.raises(FindingError, match="is not a reconciled entity"):
        period("2026-11", "nonsense")
    assert period("2026-11", "payments").words() == "Payments 2026-11, all branches"


def test_times_name_their_zone_in_english(speak) -> None:
    speak("en_US.UTF-8")
    moment = datetime(2026, 12, 17, 14, 30, tzinfo=UTC)
    assert moment_text(moment, zone=BOGOTA) == "17/12/2026 09:30 (Colombia time)"
    assert moment_text(moment, zone=ZoneInfo("Europe/Madrid")) == "17/12/2026 15:30 (Madrid time)"
    assert zone_name(ZoneInfo("America/New_York")) == "New York time"


def test_an_unreadable_file_says_why_in_english(speak, tmp_path) -> None:
    from app.connectors.files.table import FileFormatError, read_table

    speak("en_US.UTF-8")
    broken = tmp_path / "pagos.xlsx"
    broken.write_bytes(b"PK not really a workbook")
    with pytest.raises(FileFormatError, match=r"^pagos\.xlsx is not a valid Excel workbook"):
        read_table(broken)
    nuls = tmp_path / "clientes.csv"
    nuls.write_bytes(b"\x00\x01\x00\x00\x07" * 400)
    with pytest.raises(FileFormatError, match=r"does not look like a text file: it is full of null"):
        read_table(nuls)
    with pytest.raises(FileFormatError, match=r"^The file ausente\.csv cannot be found\.$"):
        read_table(tmp_path / "ausente.csv")
    speak("es_CO.UTF-8")
    with pytest.raises(FileFormatError, match=r"^pagos\.xlsx no es un libro de Excel"):
        read_table(broken)


def test_a_refused_http_source_says_why_in_english(speak) -> None:
    from app.connectors.http import AuthStatusError, NetworkError, _network_error, status_error

    speak("en_US.UTF-8")
    refused = status_error(401, "crm.example.co/api/customers")
    assert isinstance(refused, AuthStatusError) and refused.status == 401
    assert str(refused) == ("crm.example.co/api/customers refused the credentials (HTTP 401). "
                            "Check the token or key saved with «cuadre credentials set».")
    assert str(status_error(503, "crm.example.co/api")) == (
        "crm.example.co/api failed on the server's side (HTTP 503) after several attempts.")
    down = _network_error(ConnectionError("reset"), "crm.example.co/api", retried=True)
    assert isinstance(down, NetworkError)
    assert str(down) == "crm.example.co/api is not available after several attempts."
    speak("es_CO.UTF-8")
    assert str(status_error(404, "crm.example.co/x")) == (
        "crm.example.co/x no existe en el servidor (HTTP 404). Revise la ruta.")


def test_an_odoo_fault_is_worded_in_english_but_a_write_s_outcome_stays_spanish(speak) -> None:
    from app.connectors.base import in_spanish
    from app.connectors.odoo.rpc import OdooFault, _fault
    from app.connectors.sql.database import Source
    from app.domain.schema import Entity

    speak("en_US.UTF-8")
    fault = _fault("posted", 2, "account.move.write")
    assert isinstance(fault, OdooFault) and fault.kind == "posted"  # the kind stays a code
    assert str(fault) == ("Odoo (account.move.write) does not allow changing an accounting "
                          "document already posted.")
    assert "permission for this operation" in str(_fault("access_error", 3, "x"))
    assert Source(Entity.PAYMENTS, []).name == "query for payments"
    # what a write answers is kept in the outbox and the audit: Spanish for every reader
    assert in_spanish(lambda: str(_fault("posted", 2, "account.move.write")))() == (
        "Odoo (account.move.write) no permite cambiar un documento contable ya publicado.")
    assert in_spanish(lambda: Source(Entity.PAYMENTS, []).name)() == "consulta de pagos"


def test_a_store_that_cannot_open_says_why_in_english(speak) -> None:
    from app.security.secrets import SecretStoreError, set_secret
    from app.store import StoreError, open_store

    speak("en_US.UTF-8")
    with pytest.raises(StoreError, match=r"^The workspace store's address is not valid: "):
        open_store("esto no es una url")
    with pytest.raises(SecretStoreError, match=r"^The credential is empty: nothing was saved\.$"):
        set_secret("crm", "")
    speak("es_CO.UTF-8")
    with pytest.raises(StoreError, match="La dirección del almacén de trabajo no es válida"):
        open_store("esto no es una url")


# --- Spanish stays -------------------------------------------------------------------------------


def test_spanish_is_unchanged(speak, cuadre) -> None:
    speak("es_CO.UTF-8")
    code, out, _ = cuadre("reconcile", "--demo")
    assert code == 0
    assert out.splitlines()[0].split() == ["Entidad", "Diferencia", "Cantidad", "En", "juego"]
    assert "Monto con fecha distinta (no en juego)" in out and "Pagos" in out
    moment = datetime(2026, 12, 17, 14, 30, tzinfo=UTC)
    assert moment_text(moment, zone=BOGOTA) == "17/12/2026 09:30 (hora de Colombia)"
    assert zone_name(ZoneInfo("Europe/Madrid")) == "hora de Madrid"
    with pytest.raises(FindingError, match="El mes «2026-13» no es válido"):
        period("2026-13", "payments")
    assert period("2026-11", "payments").words() == "Pagos 2026-11, todas las sedes"


# --- the catalog and the marks -------------------------------------------------------------------


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_translations",
                                                  ROOT / "tools" / "cli_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cli_translations", module)
    spec.loader.exec_module(module)
    return module


def test_lupdate_reads_the_engine_s_marks(tmp_path) -> None:
    """The engine's marks are lupdate's too, and its modules are in what lupdate reads: the
    check that every marked text is translated (test_cli_english) covers them."""
    tool = _tool()
    sample = tmp_path / "sample.py"
    sample.write_text('tr_app("app.x", "uno {n}").format(n=1)\nY = mark_app("app.y", "dos")\n'
                      'raise ValueError("tres")\n', encoding="utf-8")
    assert tool.lupdate_catalog([sample]) == {"app.x": {"uno {n}": None}, "app.y": {"dos": None}}
    sources = set(tool.cli_sources())
    assert {ROOT / "app" / "findings" / "periods.py", ROOT / "app" / "cli" / "main.py"} <= sources
    contexts = set(tool.read_ts(tool.ts_path("en")))
    assert {"app.findings", "app.reconcile", "app.domain", "cli.report", "labels"} <= contexts


_WORD = re.compile(r"[^\W\d_]{3,}")
_NAMES = {"cuadre", "CRM", "ERP", "VIN", "JSON", "URL", "NIT", "SQL"}
#: Exceptions that say a programming error (in English, for the log and the developer) or
#: carry nothing a person reads.
_INTERNAL = {"AssertionError", "ValueError", "TypeError", "LookupError", "KeyError",
             "RuntimeError", "NotImplementedError", "Moved",
             "NotPrunable",  # keyed.py: a reason for the log, caught before any user sees it
             "Unreadable"}  # files/cells.py: a source issue's code, shown by its marked text


def _said(node: ast.expr) -> list[ast.expr]:
    """The string parts of an expression that is shown as is (a literal, an f-string, both
    sides of a ``+`` or of a conditional)."""
    if isinstance(node, ast.BinOp):
        return _said(node.left) + _said(node.right)
    if isinstance(node, ast.IfExp):
        return _said(node.body) + _said(node.orelse)
    return [node] if isinstance(node, ast.Constant | ast.JoinedStr) else []


def escaped(source: str) -> list[str]:
    """Literals with words that a ``raise SomeError(…)`` or a ``print(…)`` says unmarked."""
    found = []
    for node in ast.walk(ast.parse(source)):
        said: list[ast.expr] = []
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args \
                and getattr(node.exc.func, "id", getattr(node.exc.func, "attr", "")) \
                not in _INTERNAL:
            said = _said(node.exc.args[0])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "print" and node.args):
            said = _said(node.args[0])
        for value in said:
            if isinstance(value, ast.Constant):
                text = value.value if isinstance(value.value, str) else ""
            else:
                text = "".join(v.value for v in value.values if isinstance(v, ast.Constant))
            text = re.sub(r"--[\w-]+", "", text)
            if [w for w in _WORD.findall(text) if w not in _NAMES]:
                found.append(f"{value.lineno}: {text[:60]!r}")
    return found


def test_the_engine_s_escape_check_finds_an_unmarked_literal() -> None:
    assert escaped('raise E("no se pudo")\nraise E(f"{n} hallazgos", "code")\n'
                   'raise E(tr_app("app.x", "bien"))\nprint("mal")\nraise E(x)\n'
                   'raise E(f"{a}: {b}")\nraise ValueError("a programming error")\n'
                   ) == ["1: 'no se pudo'", "2: ' hallazgos'", "4: 'mal'"]


def test_no_raise_or_print_of_a_marked_module_escapes_the_marks() -> None:
    modules = sorted({path for pattern in MARKED for path in ROOT.glob(pattern)})
    assert len(modules) > 10
    found = {str(path.relative_to(ROOT)): hits for path in modules
             if (hits := escaped(path.read_text("utf-8")))}
    assert found == {}


def test_why_two_records_are_linked_is_english(speak) -> None:
    from app.reconcile.explain import explain
    from app.reconcile.scoring import Comparison

    c = Comparison({"doc": "exact", "phone": "exact", "name": "close", "city": "missing"},
                   {"name": "initial"}, {"city": "crm"})
    assert explain(c) == ("mismo documento y celular; el nombre difiere solo por una inicial; "
                          "falta ciudad en el CRM")
    i18n.set_language("en")
    assert explain(c) == ("same document and mobile; the name differs only by an initial; "
                          "city missing in the CRM")
    assert explain(Comparison({}, {}, {})) == "no data to compare"
    assert explain(c, same_system=True).endswith("city missing in one record")


def test_an_invoice_group_says_why_in_english(speak) -> None:
    from app.reconcile.payments import _group_why

    assert _group_why(1, 2, "FEB-10") == "1 pago del CRM y 2 recibos del ERP de la factura FEB-10 " \
        "suman lo mismo"
    i18n.set_language("en")
    assert _group_why(2, 1, "FEB-10, FEB-11") == ("2 payments in the CRM and 1 receipt in the ERP "
                                                 "for invoices FEB-10, FEB-11 add up the same")


def test_the_audit_export_names_its_cells_in_english_under_english_headings(speak, cuadre,
                                                                            tmp_path) -> None:
    import csv

    speak("en_US.UTF-8")
    assert cuadre("people", "add", "ana", "--name", "Ana Ruiz", "--role", "admin",
                  "--role", "proposer")[0] == 0
    out = tmp_path / "audit.csv"
    assert cuadre("audit", "export", "--out", str(out))[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))[:2]
    cells = dict(zip(header, row, strict=True))
    assert cells["Action"] == "Person registered"
    assert cells["New value"] == "proposes, administers"
    assert "Persona registrada" not in row and "propone, administra" not in row
    speak("es_CO.UTF-8")
    assert cuadre("audit", "export", "--out", str(out))[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))[:2]
    cells = dict(zip(header, row, strict=True))
    assert (cells["Acción"], cells["Valor nuevo"]) == ("Persona registrada", "propone, administra")


def test_where_the_data_comes_from_reads_in_english(speak, tmp_path) -> None:
    from app.connectors.files.connector import FileConnector
    from app.domain.schema import Entity, System

    path = tmp_path / "clientes.csv"
    path.write_text("documento,nombre\n1,Ana\n", encoding="utf-8")
    connector = FileConnector(path, System.CRM, Entity.CUSTOMERS)
    assert connector.describe() == "archivo CRM clientes.csv"
    speak("en_US.UTF-8")
    assert connector.describe() == "CRM file clientes.csv"


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
