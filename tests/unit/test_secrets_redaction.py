"""Live secrets and secret-shaped text are blanked in any text and in log records (tracebacks
too), however they are encoded."""

from __future__ import annotations

import io
import json
import logging
from urllib.parse import quote

import pytest

from app.security import redaction
from app.security.redaction import SecretFilter, install, register, scrub

CANARY = 'CANARY/red+act "7e2" &x'


@pytest.fixture(autouse=True)
def _fresh():
    redaction.clear()
    yield
    redaction.clear()


def test_a_registered_secret_is_blanked_in_every_encoding():
    texts = [f"fault: {CANARY}", quote(CANARY, safe=""), json.dumps({"k": CANARY}),
             "<string>CANARY/red+act &quot;7e2&quot; &amp;x</string>", repr({"k": CANARY})]
    assert all("CANARY" in t for t in texts)
    register(CANARY)
    for text in texts:
        assert "CANARY" not in scrub(text), text


def test_only_registered_secrets_are_blanked_bare():
    assert scrub("la clave es hunter2hunter2") == "la clave es hunter2hunter2"
    register("hunter2hunter2")
    assert scrub("la clave es hunter2hunter2") == "la clave es ***"


def test_a_very_short_secret_is_not_registered():
    register("abc", None, "")
    assert scrub("abc abcdef") == "abc abcdef"


def test_forget_stops_blanking():
    register("olvidable-123")
    redaction.forget("olvidable-123")
    assert scrub("olvidable-123") == "olvidable-123"


@pytest.mark.parametrize(("text", "leaked"), [
    ("Authorization: Bearer eyJhbGciOi.abc.def", "eyJhbGciOi"),
    ("{'Authorization': 'Basic dXNlcjpwYXNz'}", "dXNlcjpwYXNz"),
    ('{"password": "s3cr3t-p4ss", "db": "prod"}', "s3cr3t-p4ss"),
    ("GET /items?api_key=k3yk3yk3y&page=2", "k3yk3yk3y"),
    ("access_token=tok-9988 refresh_token=ref-7766", "tok-9988"),
    ("access_token=tok-9988 refresh_token=ref-7766", "ref-7766"),
    ("postgresql://erp:pw-in-url@db.local/erp", "pw-in-url"),
    ("Authorization: WO abcd1234efgh", "abcd1234efgh"),
])
def test_secret_shaped_text_is_blanked(text, leaked):
    out = scrub(text)
    assert leaked not in out and "***" in out


def test_ordinary_text_is_left_alone():
    text = "Revise el token o la clave guardados; HTTP 401 en crm.local/api (página 3)"
    assert scrub(text) == text


def _logger_with_filter() -> tuple[logging.Logger, io.StringIO, logging.Handler]:
    buffer = io.StringIO()
    handler = install(logging.StreamHandler(buffer))
    install(handler)  # idempotent
    assert sum(isinstance(f, SecretFilter) for f in handler.filters) == 1
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("cuadre.test.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger, buffer, handler


def test_the_log_filter_blanks_messages_arguments_and_tracebacks():
    register(CANARY)
    logger, buffer, handler = _logger_with_filter()
    try:
        logger.debug("conectando con clave %s", CANARY)
        logger.info(f"respuesta {CANARY}")
        try:
            raise RuntimeError(f"xmlrpc Fault: execute_kw('prod', 2, {CANARY!r})")
        except RuntimeError:
            logger.exception("falló la consulta")
        logger.warning("pila", stack_info=True)
        logger.info("formato roto %s %s", "uno")  # a bad call still logs, scrubbed
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.propagate = True
    text = buffer.getvalue()
    assert CANARY not in text and "red+act" not in text  # (the traceback quotes the name CANARY)
    assert "falló la consulta" in text and "Traceback" in text and "RuntimeError" in text
    assert "formato roto" in text


def test_the_filter_can_fail_if_a_secret_slips_through():
    """The same log without the filter does carry the canary: the checks above can fail."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    logger = logging.getLogger("cuadre.test.unfiltered")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("clave %s", CANARY)
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.propagate = True
    assert CANARY in buffer.getvalue()
