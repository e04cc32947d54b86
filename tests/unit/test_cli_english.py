"""The command line in English: ``LANG=en_US.UTF-8`` (or ``CUADRE_LANG=en``) and argparse keeps
its own English, the parsers' texts and every line the commands print are the English of
``resources/translations/cuadre_cli_en.ts``; with ``es_CO`` or nothing set, all of it stays
Spanish. Every text marked with ``tr_cli``/``mark_cli`` in ``app/cli`` has a finished English
translation (Qt's lupdate run again, compared with the .ts), and no literal a command prints or
shows in its help escapes the marks."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.cli import i18n
from app.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "app" / "cli"
#: Words that only the Spanish command line writes.
SPANISH = ("uso:", "opciones", "argumentos posicionales", "hallazgos", "Códigos de salida",
           "muestra esta ayuda", "elección no válida", "Motivo", "No hay personas")
ENGLISH = ("usage:", "options:", "show this help message")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_translations",
                                                  ROOT / "tools" / "cli_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cli_translations", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def speak(monkeypatch):
    """Set the environment's language as a shell would (``None``: nothing set)."""

    def set_language(lang: str | None, variable: str = "LANG") -> None:
        for name in i18n.LANGUAGE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        if lang is not None:
            monkeypatch.setenv(variable, lang)

    return set_language


@pytest.fixture
def cuadre(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CUADRE_STORE", f"sqlite:///{tmp_path / 'espacio.sqlite'}")
    monkeypatch.delenv("CUADRE_USER", raising=False)
    monkeypatch.delenv("CUADRE_WORKSPACE", raising=False)

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # --help and usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return call


def _no_spanish(text: str) -> None:
    found = [word for word in SPANISH if word.lower() in text.lower()]
    assert not found, f"Spanish left in the English command line: {found}\n{text}"


# --- choosing the language -----------------------------------------------------------------


@pytest.mark.parametrize(("variable", "value", "expected"), [
    ("LANG", "en_US.UTF-8", "en"), ("LANG", "en", "en"), ("LC_ALL", "en_GB.UTF-8", "en"),
    ("LC_MESSAGES", "en_US", "en"), ("CUADRE_LANG", "EN", "en"), ("LANG", "es_CO.UTF-8", "es"),
    ("LANG", "C.UTF-8", "es"), ("LANG", "fr_FR.UTF-8", "es"), ("LANG", None, "es"),
])
def test_the_environment_chooses_the_language(speak, variable, value, expected) -> None:
    speak(value, variable)
    assert i18n.language() == expected


def test_the_first_variable_set_wins(speak, monkeypatch) -> None:
    speak("es_CO.UTF-8", "LC_ALL")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.language() == "es"  # LC_ALL before LANG, as the C library reads them
    monkeypatch.setenv("CUADRE_LANG", "en")
    assert i18n.language() == "en"
    monkeypatch.setenv("LC_ALL", "")  # empty: not set
    monkeypatch.setenv("CUADRE_LANG", "")
    assert i18n.language() == "en"


# --- English ---------------------------------------------------------------------------------


def test_cuadre_help_is_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, out, _ = cuadre("--help")
    assert code == 0
    assert all(word in out for word in ENGLISH)
    assert "Reconciles the dealership's CRM and ERP" in out
    assert "COMMAND" in out and "open with the demo dealership" in out
    assert "write the summary for management (PDF)" in out
    _no_spanish(out)


def test_findings_help_is_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, out, _ = cuadre("findings", "--help")
    assert code == 0
    assert all(word in out for word in ENGLISH)
    assert "ACTION" in out and "list the findings" in out and "Exit codes: 0 done" in out
    _no_spanish(out)
    code, out, _ = cuadre("findings", "list", "--help")
    assert "--state STATE" in out and "open, assigned, explained" in out
    _no_spanish(out)


def test_a_usage_error_is_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, _, err = cuadre("reconcil")
    assert code == 2
    assert "usage: cuadre" in err and "invalid choice: 'reconcil'" in err
    _no_spanish(err)
    code, _, err = cuadre("findings", "assign")
    assert code == 2 and "the following arguments are required" in err
    _no_spanish(err)


def test_a_hidden_argument_is_refused_in_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, _, err = cuadre("credentials", "check", "x", "s3cr3t-token")
    assert code == 2
    assert "one argument that «cuadre credentials check» does not expect" in err
    assert "s3cr3t-token" not in err
    _no_spanish(err)


def test_listings_and_sentences_are_english(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    code, out, _ = cuadre("findings", "reasons")
    assert code == 0
    assert out.splitlines()[0].split() == ["Code", "Reason"]
    assert "Payment in transit" in out and "Bank fee" in out
    _no_spanish(out)
    code, out, _ = cuadre("people", "list")
    assert code == 0 and out.startswith("Nobody is registered")
    code, out, _ = cuadre("people", "add", "ana", "--name", "Ana Pérez", "--role", "admin",
                          "--role", "approver")
    assert code == 0 and out.splitlines() == [
        "«ana» is registered (administers, approves).",
        "Their signing key is in this computer's credential store."]
    code, out, _ = cuadre("people", "list")
    assert out.splitlines()[0].split() == ["Login", "Name", "Roles"]
    assert "approves, administers" in out
    code, _, err = cuadre("findings", "list", "--state", "nonsense")
    assert code == 2 and "unknown state «nonsense»; use one of:" in err and "open" in err
    _no_spanish(err)


def test_typed_names_may_be_english_spanish_or_codes(speak, cuadre) -> None:
    speak("en_US.UTF-8")
    assert cuadre("people", "add", "admin", "--name", "Admin", "--role", "administers")[0] == 0
    for login, role in (("ana", "approves"), ("beto", "aprueba"), ("carla", "approver")):
        code, out, err = cuadre("people", "add", login, "--name", login, "--role", role,
                                "--as", "admin")
        assert code == 0, err
        assert out.splitlines()[0] == f"«{login}» is registered (approves)."
    code, _, err = cuadre("findings", "list", "--state", "ABIERTA", "--entity", "payments")
    assert code == 1  # past the options: nothing is saved yet
    assert "unknown state" not in err and "is not an entity" not in err


# --- Spanish stays ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es_CO.UTF-8", None])
def test_spanish_or_nothing_keeps_the_command_line_spanish(speak, cuadre, lang) -> None:
    speak(lang)
    code, out, _ = cuadre("findings", "--help")
    assert code == 0
    assert "uso: cuadre findings" in out and "Códigos de salida" in out
    assert "usage:" not in out and "Exit codes" not in out
    code, out, _ = cuadre("findings", "reasons")
    assert "Pago en tránsito" in out and "Payment in transit" not in out
    code, _, err = cuadre("reconcil")
    assert code == 2 and "uso: cuadre" in err and "invalid choice" not in err


# --- the translation source ------------------------------------------------------------------


def test_every_marked_text_has_a_finished_english_translation() -> None:
    """Qt's lupdate reads app/cli again into a scratch .ts; every message it finds is in the
    committed one, translated, with the same ``{fields}``, and nothing stale is left there."""
    tool = _tool()
    assert tool.problems("en") == []


def test_lupdate_sees_the_marks(tmp_path) -> None:
    """The aliases really make lupdate extract ``tr_cli`` and ``mark_cli`` (a sample module)."""
    tool = _tool()
    sample = tmp_path / "sample.py"
    sample.write_text('tr_cli("cli.x", "uno {n}").format(n=1)\nY = mark_cli("cli.y", "dos")\n'
                      'print("tres")\n', encoding="utf-8")
    found = tool.lupdate_catalog([sample])
    assert found == {"cli.x": {"uno {n}": None}, "cli.y": {"dos": None}}


def _escaped(source: str) -> list[str]:
    """Literals with words in what a command prints or shows in its help (print, fail, usage,
    help=, description=, metavar=, epilog=, the refusals it raises) that no mark wraps."""
    keywords = {"help", "description", "epilog", "metavar"}
    first = {"print", "usage", "UsageError", "ArgumentTypeError", "CheckFailed", "NotAllowed",
             "write"}
    word = re.compile(r"[^\W\d_]{3,}")
    names = {"cuadre", "CRM", "ERP", "VIN", "JSON", "URL"}
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        shown = [k.value for k in node.keywords if k.arg in keywords]
        shown += node.args[:1] if name in first else node.args[1:2] if name == "fail" else []
        while shown:
            value = shown.pop()
            if isinstance(value, ast.BinOp | ast.IfExp):
                shown += [value.left, value.right] if isinstance(value, ast.BinOp) \
                    else [value.body, value.orelse]
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                text = value.value
            elif isinstance(value, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "" for v in value.values)
            else:
                continue
            text = re.sub(r"--[\w-]+", "", text)
            if [w for w in word.findall(text) if w not in names]:
                found.append(f"{value.lineno}: {text[:60]!r}")
    return found


def test_the_escape_check_finds_an_unmarked_literal() -> None:
    assert _escaped('print(f"{n} hallazgos")\nfail(args, "no se pudo")\n'
                    'p.add_argument("--x", help="ayuda")\nprint(tr_cli("c", "bien"))\n'
                    'print(f"{a}  {b} · --all")\n') == ["1: ' hallazgos'", "2: 'no se pudo'",
                                                        "3: 'ayuda'"]


def test_no_printed_or_help_literal_escapes_tr_cli() -> None:
    escaped = {path.name: found for path in sorted(CLI.glob("*.py"))
               if (found := _escaped(path.read_text("utf-8")))}
    assert escaped == {}


# --- built or not ------------------------------------------------------------------------------


def test_read_ts_keeps_only_finished_translations() -> None:
    text = """<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1">
    <context><name>cli</name>
    <message><source>hecho</source><translation>done</translation></message>
    <message><source>a medias</source><translation type="unfinished">half</translation></message>
    <message><source>viejo</source><translation type="vanished">old</translation></message>
    <message><source>vacío</source><translation></translation></message>
    </context></TS>"""
    assert i18n.read_ts(text) == {"cli": {"hecho": "done"}}


def test_build_writes_what_the_command_line_reads_from_the_ts(tmp_path, monkeypatch) -> None:
    """A fresh checkout (no JSON) and a built one speak the same: ``build`` writes the finished
    translations of the .ts, and lrelease the .qm beside it."""
    tool = _tool()
    source = tool.ts_path("en")
    monkeypatch.setattr(tool, "TS_DIR", tmp_path)
    (tmp_path / source.name).write_text(source.read_text("utf-8"), encoding="utf-8")
    tool.build()
    built = json.loads((tmp_path / "cuadre_cli_en.json").read_text("utf-8"))
    assert built == i18n.read_ts(source.read_text("utf-8"))
    assert built["cli.findings"]["{n} hallazgos"] == "{n} findings"
    assert (tmp_path / "cuadre_cli_en.qm").stat().st_size > 1000


def test_a_stale_or_missing_json_is_not_read(tmp_path, monkeypatch) -> None:
    ts = tmp_path / "cuadre_cli_en.ts"
    ts.write_text('<TS><context><name>c</name><message><source>hola</source>'
                  '<translation>hello</translation></message></context></TS>', encoding="utf-8")
    from app.domain import i18n as engine

    monkeypatch.setattr(engine, "_translations_dir", lambda: tmp_path)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("en") == {"c": {"hola": "hello"}}  # no JSON: the .ts
        built = tmp_path / "cuadre_cli_en.json"
        built.write_text('{"c": {"hola": "hi"}}', encoding="utf-8")
        i18n.catalog.cache_clear()
        assert i18n.catalog("en") == {"c": {"hola": "hi"}}  # newer JSON: the JSON
        import os

        os.utime(built, (1, 1))
        i18n.catalog.cache_clear()
        assert i18n.catalog("en") == {"c": {"hola": "hello"}}  # older JSON: the .ts
    finally:
        i18n.catalog.cache_clear()


#: Words only Spanish help has: articles, prepositions and the metavars' Spanish names.
_SPANISH_WORDS = re.compile(
    r"\b(el|la|los|las|del|que|por|para|con|una|sin|solo|hay|desde|también|hallazgos?|"
    r"correcci[oó]n(es)?|ACCIÓN|USUARIO|NOMBRE|TEXTO|ESTADO|ENTIDAD|CAMPO|VALOR|FUENTE|"
    r"ARCHIVO|SEDE|MOTIVO|CANDIDATO|GRUPOS|INDICADOR|COMANDO|ROL|SISTEMA|PUERTO|AAAA-MM)\b")


def test_every_command_s_help_is_english(speak) -> None:
    import argparse

    from app.cli.main import _parser

    speak("en_US.UTF-8")

    def parsers(parser: argparse.ArgumentParser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in dict.fromkeys(action.choices.values()):
                    yield from parsers(sub)

    found = list(parsers(_parser()))
    assert len(found) > 30
    spanish = {}
    for parser in found:
        text = parser.format_help()
        assert text.startswith(f"usage: {parser.prog}") and "options:" in text, parser.prog
        if words := sorted({m.group(0) for m in _SPANISH_WORDS.finditer(text)}):
            spanish[parser.prog] = words
    assert spanish == {}


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
