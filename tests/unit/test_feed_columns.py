"""``cuadre feed`` on the demo: the three formats, and the files Meta and Google would read held
to the column lists each documents (``tests/data/feeds/*.txt``): every required column present,
no name they do not know, every value of the shape they ask for."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.demo import DemoFiles, ensure_demo
from app.domain.values import vin_problem
from app.progress import run

FIELDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


@dataclass(frozen=True)
class Field:
    name: str
    level: str  # required | recommended | optional
    rule: str


def documented(name: str) -> dict[str, Field]:
    """The fields of ``tests/data/feeds/<name>``: name, requirement, the rule of its value."""
    out = {}
    for line in (FIELDS / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            field_name, level, rule = line.split("\t")
            out[field_name] = Field(field_name, level, rule)
    return out


_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")
_MONEY = re.compile(r"^\d+\.\d{2} [A-Z]{3}$")


def problem(value: str, rule: str) -> str | None:
    """Why ``value`` breaks ``rule`` (the data files' little language), None when it does not."""
    kind, _, arg = rule.partition(":")
    checks = {
        "text": lambda: not arg or len(value) <= int(arg),
        "url": lambda: bool(_URL.match(value)),
        "url{store_code}": lambda: "{store_code}" in value
        and bool(_URL.match(value.replace("{store_code}", "X"))),
        "vin17": lambda: len(value) == 17 and vin_problem(value) is None,
        "year": lambda: bool(re.fullmatch(r"(19|20)\d\d", value)),
        "int": lambda: value.isdigit(),
        "money": lambda: bool(_MONEY.match(value)) and value.endswith(" COP"),
        "date": lambda: bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value)),
        "country2": lambda: bool(re.fullmatch(r"[A-Z]{2}", value)),
        "mileage": lambda: bool(re.fullmatch(r"\d+ (KM|km|Km|Miles|MILES|miles)", value)),
        "fulfillment": lambda: bool(re.fullmatch(r"in_store:[^\s:]+(:[^\s:]+)*|online", value)),
        "enum": lambda: value in arg.split(",")
        or (value.upper() in arg.split(",") and arg.isupper()),
    }
    return None if checks[kind]() else f"{value!r} does not follow {rule}"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> DemoFiles:
    return run(ensure_demo(data_dir=tmp_path_factory.mktemp("demo-feed")))


@pytest.fixture
def cuadre(capsys, generated, monkeypatch):
    monkeypatch.setenv("CUADRE_DATA_DIR", str(generated.crm.parent.parent))

    def call(*args: Any) -> Ran:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return call


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


@pytest.mark.parametrize(("fmt", "fields"), [("meta", "meta_vehicle_fields.txt"),
                                             ("google", "google_vehicle_fields.txt")])
def test_the_catalogs_follow_the_documented_columns(cuadre, tmp_path, fmt, fields):
    out = tmp_path / f"{fmt}.csv"
    ran = cuadre("feed", "--format", fmt, "--out", out, "--demo", "-q")
    assert ran.code == 0, ran.err
    spec = documented(fields)
    head, rows = read(out)
    assert [h for h in head if h not in spec] == []  # names exact
    assert [f.name for f in spec.values() if f.level == "required" and f.name not in head] == []
    assert len(rows) > 150
    bad = [(row.get("vin"), name, why) for row in rows for name in head
           if (value := row[name]) or spec[name].level == "required"
           if (why := problem(value, spec[name].rule) if value else "empty")]
    assert bad == []
    vins = [row["vin"] for row in rows]
    assert len(vins) == len(set(vins))  # one row per VIN
    assert f"Feed escrito en {out}: {len(rows)} filas." in ran.out


def test_the_checker_catches_what_the_platforms_refuse():
    assert problem("150000000.00 COP", "money") is None
    assert problem("150000000 COP", "money") and problem("$ 150.000.000", "money")
    assert problem("26", "year") and problem("2026", "year") is None
    assert problem("9BRKZAAG7SU00001", "vin17") and problem("9BRKZAAG7SU000001", "vin17") is None
    assert problem("usado", "enum:NEW,USED,CPO") and problem("used", "enum:NEW,USED,CPO") is None
    assert problem("New", "enum:new,used") and problem("0 KM", "mileage") is None
    assert problem("0", "mileage") and problem("https://a.example/x", "url{store_code}")
    assert problem("in_store:BOG", "fulfillment") is None and problem("BOG", "fulfillment")


def test_the_summary_lists_every_vehicle_and_the_quedan_lines(cuadre, tmp_path, generated):
    out = tmp_path / "meta.csv"
    ran = cuadre("feed", "--format", "meta", "--out", out, "--demo", "-q")
    assert ran.code == 0, ran.err
    first = ran.out.splitlines()[0]
    records, written, omitted, other = map(int, re.findall(r"\d+", first.replace(".", "")))
    assert records == written + omitted + other and written == len(read(out)[1])
    assert "Disponibles por modelo:" in ran.out and "  Quedan " in ran.out
    listed = [line for line in ran.out.splitlines() if line.startswith("  ") and "·" in line]
    assert len(listed) == omitted and all(": " in line for line in listed)
    assert "sin foto (image_link)" in ran.out


def test_csv_writes_the_quedan_lines(cuadre, tmp_path):
    out = tmp_path / "quedan.csv"
    ran = cuadre("feed", "--format", "csv", "--out", out, "--demo", "-q", "--json")
    assert ran.code == 0, ran.err
    doc = json.loads(ran.out)
    head, rows = read(out)
    assert head == ["make", "model", "branch", "available", "text"]
    totals = [r for r in rows if not r["branch"]]
    assert sum(int(r["available"]) for r in totals) == doc["vehicles_written"]
    for total in totals:
        per_branch = [r for r in rows if r["branch"] and r["model"] == total["model"]
                      and r["make"] == total["make"]]
        assert sum(int(r["available"]) for r in per_branch) == int(total["available"])
        assert re.fullmatch(r"Queda(n)? \d+ .+", total["text"])
    assert doc["records"] == (doc["records_written"] + sum(o["records"] for o in doc["omitted"])
                              + sum(doc["not_offered"].values()))


def test_wrong_usage_and_a_bad_settings_file(cuadre, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["feed", "--format", "tiktok", "--out", str(tmp_path / "x.csv"), "--demo"])
    assert stopped.value.code == 2 and "'tiktok'" in capsys.readouterr().err
    ran = cuadre("feed", "--format", "meta", "--out", tmp_path / "no" / "x.csv", "--demo")
    assert ran.code == 1 and "no existe la carpeta" in ran.err
    bad = tmp_path / "feed.json"
    bad.write_text('{"vehicle_url": "https://x.example/sin-vin"}', "utf-8")
    ran = cuadre("feed", "--format", "meta", "--out", tmp_path / "x.csv", "--demo", "-q",
                 "--settings", bad)
    assert ran.code == 1 and "{vin}" in ran.err and "Traceback" not in ran.err
    assert not (tmp_path / "x.csv").exists()


def test_exports_of_a_dealership_with_its_own_settings(cuadre, tmp_path):
    """``--crm``/``--erp`` exports and ``--settings``: the VIN listed twice goes once; a branch
    the settings do not have and a unit with no photo are listed with the reason."""
    head = "VIN,Marca,Línea,Modelo,Color,Estado,Sede,Precio,Cédula,Fecha de ingreso\n"
    erp = tmp_path / "inventario.csv"
    erp.write_text(head + "\n".join((
        "9BRKZAAG7SU000001,Toyota,Hilux,2026,Blanco,available,Bogotá,185000000,,2026-10-01",
        "9BRKZAAG7SU000001,Toyota,Hilux,2026,Blanco,available,Bogotá,185000000,,2026-10-01",
        "9BRKZAAG7SU000002,Toyota,Hilux,2026,Gris,available,Bogotá,186000000,,2026-10-02",
        "9BRKZAAG7SU000003,Mazda,CX-30,2026,Rojo,available,Cali,140000000,,2026-10-03",
        "9BRKZAAG7SU000004,Mazda,CX-30,2026,Rojo,reserved,Bogotá,140000000,79111222,2026-10-03",
    )) + "\n", "utf-8")
    crm = tmp_path / "crm.csv"
    crm.write_text(head + "9BRKZAAG7SU000001,Toyota,Hilux,2026,Blanco,available,Bogotá,"
                   "185000000,,2026-10-01\n", "utf-8")
    (tmp_path / "fotos.csv").write_text(
        "vin;image_link\n9BRKZAAG7SU000001;https://autos.example/1.jpg\n"
        "9BRKZAAG7SU000003;https://autos.example/3.jpg\n", "utf-8")
    settings = tmp_path / "feed.json"
    settings.write_text(json.dumps({
        "vehicle_url": "https://autos.example/v/{vin}", "vehicles_file": "fotos.csv",
        "branches": {"bogota": {"store_code": "B1", "address": "Calle 1 # 2-3",
                                "city": "Bogotá", "region": "Bogotá D.C.", "country": "co"}}}),
        "utf-8")
    out = tmp_path / "google.csv"
    ran = cuadre("feed", "--format", "google", "--out", out, "--crm", crm, "--erp", erp,
                 "--entity", "vehicles", "--settings", settings, "-q")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0] == ("5 vehículos en el ERP: 2 en el archivo, 2 omitidos, 1 no disponibles "
                        "o reservados.")
    assert "Aviso: el VIN 9BRKZAAG7SU000001 aparece 2 veces en el ERP; se cuenta una sola vez." \
        in lines
    assert ("  9BRKZAAG7SU000002 · Toyota Hilux · Bogotá: sin foto (image_link) en el archivo "
            "de fotos") in lines
    assert ("  9BRKZAAG7SU000003 · Mazda CX-30 · Cali: la sede «Cali» no está en la "
            "configuración del feed") in lines
    assert [r["vin"] for r in read(out)[1]] == ["9BRKZAAG7SU000001"]
    assert read(out)[1][0]["vehicle_fulfillment(option:store_code)"] == "in_store:B1"
