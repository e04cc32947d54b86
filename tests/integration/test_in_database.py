"""Two customers databases reconciled with the diff inside the servers
(``app.reconcile.indatabase``): the same findings as pulling both whole, from far fewer rows,
on real SQLite files and a real PostgreSQL server (``postgres.py``)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.connections.systems import adhoc_profile, reconcile_systems
from app.domain.schema import Entity
from app.progress import Cancelled, CancelToken, Progress, run
from app.reconcile.results import Report

from .postgres import PostgresServer, postgres_server

_CITIES = ["Bogotá", "Medellín", "Cali", "Cúcuta", "Pasto"]
_CRM = ("CREATE TABLE contactos (id text PRIMARY KEY, documento text, nombres text, "
        "apellidos text, celular text, correo text, ciudad text, etapa text)")
_ERP = ("CREATE TABLE terceros (id text PRIMARY KEY, nit text, nombres text, apellidos text, "
        "telefono text, email text, ciudad text)")
Row = tuple[Any, ...]


def tables(n: int = 3000) -> tuple[list[Row], list[Row]]:
    """A CRM and an ERP mostly alike, with every kind of finding somewhere."""
    crm, erp = [], []
    for i in range(n):
        doc = str(10_000_000 + 7 * i)
        person = (f"Nombre{i % 50}", f"Apellido{i}", f"3{i:09d}", f"c{i}@correo.co",
                  _CITIES[i % 5])
        crm.append((f"C{i}", doc, *person, "Cliente"))
        erp.append((f"T{i}", doc, *person))
    crm[3] = (*crm[3][:4], None, *crm[3][5:])                    # no phone on one side
    crm[4] = (*crm[4][:4], "123", *crm[4][5:])                   # not a phone
    erp[5] = (*erp[5][:4], None, *erp[5][5:])
    crm[6] = (*crm[6][:6], "Gotham", crm[6][7])                  # a city DIVIPOLA lacks
    erp[6] = (*erp[6][:6], "Gotham")                             # ... on both sides
    crm[7] = (*crm[7][:7], "Lead")                               # a lead
    crm[8] = (crm[8][0], None, *crm[8][2:])                      # no document
    crm[9] = (crm[9][0], f"CC {crm[9][1]}", *crm[9][2:])         # the document with its type
    crm[10] = (crm[10][0], crm[11][1], *crm[10][2:])             # a document held twice
    crm[12] = (*crm[12][:5], "OTRO@correo.co", *crm[12][6:])     # a changed e-mail
    erp[13] = (*erp[13][:6], "Cali" if erp[13][6] != "Cali" else "Pasto")  # a changed city
    erp[14] = (*erp[14][:2], "Otro", *erp[14][3:])               # a changed name
    far = 2 * n // 3
    erp[far] = (*erp[far][:3], "Distinto", *erp[far][4:])         # far from the others
    del crm[20]                                                  # only in the ERP
    del erp[30]                                                  # only in the CRM
    crm.append(("C-nuevo", "99999999", "Ana", "Nueva", "3001112233", "ana@x.co", "Cali",
                "Cliente"))
    return crm, erp


def _load_sqlite(path: Path, create: str, rows: list[Row]) -> str:
    with sqlite3.connect(path) as db:
        db.execute(create)
        db.executemany(f"INSERT INTO {create.split()[2]} VALUES "
                       f"({', '.join('?' * len(rows[0]))})", rows)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


def _load_pg(pg: PostgresServer, database: str, create: str, rows: list[Row]) -> str:
    import psycopg

    with pg.admin_connect() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")
        admin.execute(f"CREATE DATABASE {database} OWNER {pg.user}")
    with psycopg.connect(host=pg.host, port=pg.port, user=pg.user, password=pg.password,
                         dbname=database, autocommit=True) as conn:
        conn.execute(create)
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {create.split()[2]} VALUES "
                            f"({', '.join(['%s'] * len(rows[0]))})", rows)
    return f"postgresql://{pg.user}@{pg.host}:{pg.port}/{database}"


def _both(crm: str, erp: str, secrets: Callable[[str], str | None], **kw: Any) -> Report:
    profile = adhoc_profile(crm, erp, entity=Entity.CUSTOMERS)
    return run(reconcile_systems(profile, entity=Entity.CUSTOMERS, secrets=secrets, **kw))


def _same_findings(crm: str, erp: str, secrets: Callable[[str], str | None]) -> None:
    whole = _both(crm, erp, secrets, in_database=False)[Entity.CUSTOMERS]
    seen: list[Progress] = []
    profile = adhoc_profile(crm, erp, entity=Entity.CUSTOMERS)
    inside = run(reconcile_systems(profile, secrets=secrets, in_database=True),
                 seen.append)[Entity.CUSTOMERS]
    assert whole.moved is None and inside.moved is not None
    assert Counter(inside.mismatches) == Counter(whole.mismatches)
    kinds = Counter(m.kind for m in whole.mismatches)
    assert {"only_in_crm", "only_in_erp", "email_differs", "city_differs", "name_differs",
            "missing_phone", "missing_city", "missing_document"} <= set(kinds)
    keyed = Counter(d for d in whole.duplicates if d.method == "key")
    assert keyed and Counter(d for d in inside.duplicates if d.method == "key") == keyed
    assert set(inside.duplicates) <= set(whole.duplicates)
    assert {repr(x) for x in inside.links} <= {repr(x) for x in whole.links}
    assert inside.moved.of == 3000 + 2999  # both tables, as the servers counted them
    assert inside.moved.rows < inside.moved.of / 10  # most rows stayed in the servers
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_sqlite_pair_gives_the_findings_of_a_full_pull(tmp_path: Path) -> None:
    crm_rows, erp_rows = tables()
    crm = _load_sqlite(tmp_path / "crm.db", _CRM, crm_rows)
    erp = _load_sqlite(tmp_path / "erp.db", _ERP, erp_rows)
    _same_findings(crm, erp, lambda ref: None)


def test_postgres_pair_gives_the_findings_of_a_full_pull(pg: PostgresServer) -> None:
    crm_rows, erp_rows = tables()
    crm = _load_pg(pg, "crm_grande", _CRM, crm_rows)
    erp = _load_pg(pg, "erp_grande", _ERP, erp_rows)
    _same_findings(crm, erp, lambda ref: pg.password)


def test_automatic_above_a_row_count_and_cancel(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    crm_rows, erp_rows = tables(600)
    crm = _load_sqlite(tmp_path / "crm.db", _CRM, crm_rows)
    erp = _load_sqlite(tmp_path / "erp.db", _ERP, erp_rows)
    assert _both(crm, erp, lambda ref: None)[Entity.CUSTOMERS].moved is None
    monkeypatch.setenv("CUADRE_IN_DATABASE_ROWS", "500")
    assert _both(crm, erp, lambda ref: None)[Entity.CUSTOMERS].moved is not None
    token = CancelToken()
    task = reconcile_systems(adhoc_profile(crm, erp, entity=Entity.CUSTOMERS), token,
                             in_database=True)
    for p in task:
        if p.step == "compare_customers":
            token.cancel()
            break
    with pytest.raises(Cancelled):
        run(task)


def test_the_command_line_says_which_path_ran(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    crm_rows, erp_rows = tables(600)
    crm = _load_sqlite(tmp_path / "crm.db", _CRM, crm_rows)
    erp = _load_sqlite(tmp_path / "erp.db", _ERP, erp_rows)
    assert main(["reconcile", "--crm", crm, "--erp", erp, "--entity", "customers",
                 "--in-database"]) == 0
    said = capsys.readouterr().out
    assert "Clientes: comparados dentro de las bases de datos; salieron " in said
    assert "de 1.199 filas (" in said
