"""A canary secret goes through a whole run and comes out nowhere: no log, no file, no output.

The canary is saved with ``cuadre credentials set`` (in-memory keyring), a reconciliation of a
REST CRM and ERP looks it up and sends it (``Authorization: Bearer``) to a real HTTP server on
127.0.0.1, with the log at DEBUG in the run's data folder. Then every file under that folder and
everything printed is searched for the canary — raw, URL-quoted and base64'd. The server
records what it was sent, so each test also proves the canary *was* used: a run that never
touched the secret cannot pass.

The server is a chatty one: refusing a token, it quotes it back in the body and in a header,
as some real APIs do, so a connector that logged a response would leak it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from support.memory_keyring import MemoryKeyring, installed

from app.security import redaction

pytest.importorskip("app.connectors.rest.connector", reason="el conector REST (H1) aún no existe")

CANARY = "CANARY-run-3e8d1f-b7a2-9c44"

CUSTOMERS = [
    {"Id": "C-1", "Tipo de documento": "CC", "Número de documento": "79123456",
     "Nombres": "Ana María", "Apellidos": "Pérez Gómez"},
    {"Id": "C-2", "Tipo de documento": "NIT", "Número de documento": "900373115",
     "Razón social": "Transportes del Valle S.A.S."},
]


class _Api(ThreadingHTTPServer):
    daemon_threads = True
    accept_token = True
    seen: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: _Api

    def do_GET(self) -> None:
        auth = self.headers.get("Authorization", "")
        self.server.seen.append(auth)
        path = urlsplit(self.path).path
        if auth != f"Bearer {CANARY}" or not self.server.accept_token:
            body = json.dumps({"error": "invalid_token", "detail": f"token rechazado: {auth}"})
            self._send(401, body, {"WWW-Authenticate": f'Bearer error="invalid_token" got="{auth}"'})
        elif path.endswith("/customers"):
            rows = CUSTOMERS if path.startswith("/crm") else CUSTOMERS[:1]
            self._send(200, json.dumps({"items": rows, "total": len(rows)}))
        else:
            self._send(200, json.dumps({"items": [], "total": 0}))

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def api() -> Iterator[_Api]:
    server = _Api(("127.0.0.1", 0), _Handler)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Iterator[Path]:
    """The run's data folder (``CUADRE_DATA_DIR``), logging at DEBUG to its log file."""
    import app.security.logs

    configure = app.security.logs.configure
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(app.security.logs, "configure", lambda level=logging.INFO: configure(logging.DEBUG))
    redaction.clear()
    root = logging.getLogger()
    level = root.level
    yield tmp_path
    for handler in [h for h in root.handlers if getattr(h, "_cuadre", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    redaction.clear()


def _urls(api: _Api) -> tuple[str, str]:
    base = f"http://127.0.0.1:{api.server_address[1]}"
    return f"{base}/crm", f"{base}/erp"


def _leaks(where: Path, printed: str) -> list[str]:
    """Where the canary turns up, in any of the forms it could take."""
    forms = [CANARY, quote(CANARY, safe=""), base64.b64encode(CANARY.encode()).decode(),
             CANARY.encode("utf-16-le").decode("latin-1")]
    found = [f"salida: {form}" for form in forms if form in printed]
    for path in sorted(where.rglob("*")):
        if path.is_file():
            data = path.read_bytes().decode("latin-1")
            found += [f"{path.relative_to(where)}: {form}" for form in forms if form in data]
    return found


def _save_canary(monkeypatch, *sources: str) -> None:
    import io

    from app.cli.main import main

    for source in sources:
        monkeypatch.setattr("sys.stdin", io.StringIO(CANARY + "\n"))
        assert main(["credentials", "set", source]) == 0


def _cli_takes_urls() -> bool:
    from app.cli.main import _parser

    args = _parser().parse_args(["reconcile", "--entity", "customers", "--crm", "http://h/crm",
                                 "--erp", "http://h/erp"])
    return isinstance(args.crm, str)


def test_a_pipeline_run_with_a_refused_canary_leaks_it_nowhere(api, data_dir, monkeypatch, capsys):
    """Sources opened the way the window does (``open_source`` + keyring), token refused."""
    from app.connections.sources import open_source
    from app.connectors.base import AuthError
    from app.domain.schema import Entity
    from app.progress import run
    from app.reconcile.engine import reconcile
    from app.security.logs import configure

    api.accept_token = False
    crm_url, erp_url = _urls(api)
    log_path = configure()
    with installed(MemoryKeyring()):
        _save_canary(monkeypatch, crm_url, erp_url)
        crm, erp = open_source(crm_url, "crm"), open_source(erp_url, "erp")
        with pytest.raises(AuthError) as refused:
            run(reconcile(crm, erp, entities=(Entity.CUSTOMERS,)))
        logging.getLogger("cuadre").exception("la conciliación falló: %s", refused.value)
        for connector in (crm, erp):
            connector.close()
    printed = "".join(capsys.readouterr()) + str(refused.value)
    assert f"Bearer {CANARY}" in api.seen  # the canary was really sent...
    assert "rechazó las credenciales" in str(refused.value)
    assert log_path.is_file() and "la conciliación falló" in log_path.read_text("utf-8")
    assert _leaks(data_dir, printed) == []  # ...and is nowhere else


@pytest.mark.skipif(not _cli_takes_urls(), reason="«cuadre reconcile» aún no acepta fuentes http(s)")
@pytest.mark.parametrize("accepted", [True, False], ids=["token-aceptado", "token-rechazado"])
def test_a_command_line_run_leaks_the_canary_nowhere(api, data_dir, monkeypatch, capsys, accepted):
    from app.cli.main import main

    api.accept_token = accepted
    crm_url, erp_url = _urls(api)
    out = data_dir / "informe.json"
    with installed(MemoryKeyring()):
        _save_canary(monkeypatch, crm_url, erp_url)
        code = main(["reconcile", "--entity", "customers", "--crm", crm_url, "--erp", erp_url,
                     "--out", str(out)])
    printed = "".join(capsys.readouterr())
    assert f"Bearer {CANARY}" in api.seen
    if accepted:
        assert code == 0, printed
        assert out.is_file() and "C-2" in out.read_text("utf-8")
    else:
        assert code == 1 and "rechazó las credenciales" in printed
    assert (data_dir / "logs" / "cuadre.log").is_file()
    assert _leaks(data_dir, printed) == []


def test_the_leak_check_finds_a_canary(data_dir):
    """The search above is not blind: a canary written anywhere in the folder is found."""
    (data_dir / "sub").mkdir()
    (data_dir / "sub" / "x.bin").write_bytes(b"..." + base64.b64encode(CANARY.encode()) + b"...")
    assert _leaks(data_dir, "") == [f"sub/x.bin: {base64.b64encode(CANARY.encode()).decode()}"]
    assert _leaks(data_dir, f"error {CANARY}") != []


def test_the_log_file_blanks_a_bare_secret(data_dir):
    """A secret that turns up bare in a log line (an XML-RPC fault echoing its arguments, say)
    is blanked in the log file once it is known (read from, or saved to, the keyring)."""
    from app.security.logs import configure

    path = configure()
    redaction.register(CANARY)
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "_cuadre", False)]
    wired = any(isinstance(f, redaction.SecretFilter) for h in handlers for f in h.filters)
    with contextlib.suppress(Exception):
        from app.security.logs import redact

        wired = wired or CANARY not in redact(CANARY)
    if not wired:
        pytest.skip("app/security/logs.py aún no instala app.security.redaction (ver el informe de H4)")
    try:
        raise RuntimeError(f"Fault 1: execute_kw('prod', 2, '{CANARY}', 'res.partner')")
    except RuntimeError:
        logging.getLogger("cuadre.test").exception("falló %s", CANARY)
    for handler in handlers:
        handler.flush()
    text = path.read_text("utf-8")
    assert "falló" in text and "RuntimeError" in text
    assert CANARY not in text
