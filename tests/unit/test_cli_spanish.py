"""The command line speaks Spanish when argparse speaks: «uso:», the headings, the help of -h
and every error, for ``cuadre`` and each subcommand — through the catalog
``resources/translations/argparse_es.po``, compiled as GNU msgfmt compiles it. What a person
types may be a code or its Spanish name (``--entity clientes``, ``--field correo``)."""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from app.cli.common import entity_type, field_code, whole_number
from app.cli.main import _parser, main
from app.cli.parser import CATALOG, Parser, catalog, compile_mo, read_po
from app.domain.schema import Entity

PO = Path(str(resources.files("resources").joinpath(*CATALOG)))
#: What argparse writes in English when nobody translates it.
ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "error: argument ",
           "invalid choice", "unrecognized arguments", "the following arguments are required",
           "expected one argument", "choose from")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]")


def _argparse_msgids() -> set[str]:
    """Every text the running Python's argparse asks gettext for (``_()``, ``ngettext()``), as
    a compiled catalog keys them."""
    tree = ast.parse(Path(argparse.__file__).read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("_", "ngettext"):
            texts = [a.value for a in node.args
                     if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if texts:
                found.add("\0".join(texts[:2]))
    # 3.11 and 3.12 pass the subparsers' default title through a variable.
    found.add("subcommands")
    return found


def _entries() -> dict[str, str]:
    return read_po(PO.read_text("utf-8"))


def test_every_text_argparse_writes_has_a_spanish_translation() -> None:
    entries = _entries()
    missing = sorted(m for m in _argparse_msgids() if m not in entries)
    assert not missing, f"sin traducir en {PO.name}: {missing}"


def test_translations_keep_the_placeholders_of_their_msgid() -> None:
    for msgid, msgstr in _entries().items():
        if not msgid:
            continue  # the header
        wanted = sorted(_PLACEHOLDER.findall(msgid.split("\0")[0]))
        for form in msgstr.split("\0"):
            assert sorted(_PLACEHOLDER.findall(form)) == wanted, (msgid, form)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt not installed")
def test_the_catalog_compiles_as_gnu_msgfmt_compiles_it(tmp_path: Path) -> None:
    gnu = tmp_path / "argparse.mo"
    subprocess.run(["msgfmt", "--check", "--no-hash", "-o", str(gnu), str(PO)], check=True)
    assert compile_mo(_entries()) == gnu.read_bytes()


def test_read_po_keeps_what_msgfmt_keeps() -> None:
    text = r'''
msgid ""
msgstr ""
"Language: es\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

# a comment
msgid "one line"
msgstr "una línea"

msgid ""
"two "
"lines"
msgstr "dos \"líneas\"\n"

#, fuzzy
msgid "unsure"
msgstr "dudosa"

msgid "untranslated"
msgstr ""

msgctxt "menu"
msgid "File"
msgstr "Archivo"

msgid "%s file"
msgid_plural "%s files"
msgstr[0] "%s archivo"
msgstr[1] "%s archivos"
'''
    entries = read_po(text)
    assert entries["one line"] == "una línea"
    assert entries["two lines"] == 'dos "líneas"\n'
    assert "unsure" not in entries and "untranslated" not in entries
    assert entries["menu\x04File"] == "Archivo"
    assert entries["%s file\0%s files"] == "%s archivo\0%s archivos"
    spoken = gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))
    assert spoken.gettext("two lines") == 'dos "líneas"\n'
    assert spoken.pgettext("menu", "File") == "Archivo"
    assert [spoken.ngettext("%s file", "%s files", n) % n for n in (1, 2)] == \
        ["1 archivo", "2 archivos"]
    with pytest.raises(ValueError, match="línea 3"):
        read_po('msgid "a"\nmsgstr "b"\nnot po at all\n')


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def test_every_command_s_help_is_in_spanish() -> None:
    parsers = list(_parsers(_parser()))
    assert len(parsers) > 30  # cuadre, its commands and their actions
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith(f"uso: {parser.prog}"), parser.prog
        assert "opciones:" in text and "-h, --help" in text and "mostrar esta ayuda y salir" in text
        assert not [w for w in ENGLISH if w in text], (parser.prog, text)
    # Nothing outside the parser changed language.
    assert vars(argparse)["_"] is gettext.gettext
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: x")


def test_every_value_an_option_takes_is_named_in_spanish() -> None:
    """argparse names a value after the option («--out OUT») unless told otherwise."""
    unnamed = [(parser.prog, action.option_strings) for parser in _parsers(_parser())
               for action in parser._actions
               if action.option_strings and action.nargs != 0 and action.metavar is None
               and not isinstance(action, argparse._HelpAction | argparse._VersionAction)]
    assert unnamed == []


def test_help_and_version_on_the_command_line(capsys) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["-h"])
    assert ended.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: cuadre [-h] [--version]") and "argumentos posicionales:" in out
    assert "mostrar la versión de Cuadre y salir" in out
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("Cuadre ")


@pytest.mark.parametrize(("argv", "says"), [
    (["volar"], "cuadre: error: argumento COMANDO: opción no válida: 'volar' (elija entre "
                "'reconcile', "),
    (["people", "list", "--sobra"], "cuadre: error: argumentos no reconocidos: --sobra"),
    (["people", "add"], "cuadre people add: error: faltan los argumentos obligatorios: "
                        "USUARIO, --name, --role"),
    (["audit", "verify", "--anchor"], "argumento --anchor: falta su valor"),
    (["workspace", "runs", "--json=si"], "argumento --json: no admite el valor 'si'"),
    (["insights", "stock", "--demo", "--slow-days", "pocos"],
     "argumento --slow-days: se esperaba un número entero, no «pocos»"),
    (["corrections", "list", "--entity", "motos"],
     "argumento --entity: «motos» no es una entidad: use clientes, pagos o vehículos"),
])
def test_errors_are_spanish_with_the_usage_and_exit_2(argv, says, capsys) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: cuadre") and says in err, err
    assert not [w for w in ENGLISH if w in err], err


def test_entities_and_fields_are_typed_by_code_or_spanish_name() -> None:
    entity = entity_type((Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES))
    assert [entity(w) for w in ("customers", "Clientes", "cliente", "PAGOS", "vehiculos",
                                "Inventario", "vehículo")] == \
        ["customers", "customers", "customers", "payments", "vehicles", "vehicles", "vehicles"]
    with pytest.raises(argparse.ArgumentTypeError, match="use clientes, pagos o vehículos"):
        entity("negocios")  # an entity, but not one this option takes
    assert [field_code(w) for w in ("correo", "Teléfono", "email", "cedula/nit", "zzz")] == \
        ["email", "phone", "email", "doc_number", "zzz"]
    assert whole_number(" 45 ") == 45
    with pytest.raises(argparse.ArgumentTypeError, match="no «4,5»"):
        whole_number("4,5")


def test_a_spanish_entity_reaches_the_command_as_its_code() -> None:
    args = _parser().parse_args(["reconcile", "--entity", "Pagos", "--crm", "a.csv",
                                 "--erp", "b.csv"])
    assert args.entity == "payments"


def test_a_hiding_parser_says_what_was_wrong_without_what_was_typed(capsys) -> None:
    parser = Parser(prog="x", hide_typed=True)
    parser.add_argument("--mode", choices=("a", "b"))
    with pytest.raises(SystemExit):
        parser.parse_args(["--mode", "s3cret"])
    err = capsys.readouterr().err
    assert "argumento --mode: se esperaba a o b" in err and "s3cret" not in err
    with pytest.raises(SystemExit):
        parser.parse_args(["s3cret", "t0ken"])
    err = capsys.readouterr().err
    assert "sobran 2 argumentos que «x» no espera" in err and "s3cret" not in err
    assert "t0ken" not in err
    assert catalog().gettext("usage: ") == "uso: "


#: People prove who they are since issue 17: their passphrase is in the test's keyring
#: (``people_secrets``, tests/conftest.py).
pytestmark = pytest.mark.usefixtures("people_secrets")
