"""Logs never carry documents, phones, e-mails or secrets (canary values)."""

import logging

from app.security.logs import configure, redact


def test_redact_masks_pii_and_secrets():
    line = ("cliente 79.123.456 tel 3105551234 correo juan.perez@gmail.com "
            "Authorization: Bearer abc.def token=s3cr3t valor 2026-03-02 sede 3")
    out = redact(line)
    for canary in ("79.123.456", "3105551234", "juan.perez@gmail.com", "abc.def", "s3cr3t"):
        assert canary not in out
    assert "2026-03-02" in out and "sede 3" in out


def test_log_file_is_redacted(tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    path = configure()
    try:
        logging.getLogger("cuadre.test").warning("NIT 900373115-3 de gerencia@empresa.com.co")
    finally:
        for h in list(logging.getLogger().handlers):
            if getattr(h, "_cuadre", False):
                logging.getLogger().removeHandler(h)
                h.close()
    text = path.read_text("utf-8")
    assert "900373115" not in text and "gerencia@empresa.com.co" not in text
    assert "NIT" in text
