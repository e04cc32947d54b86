"""The SQL connector on real SQLite files: the demo CRM and ERP read as plain databases, and
small tables for bad cells, read-only queries and compare-and-set corrections."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from app.connections.sources import open_source
from app.connectors.base import Correction, OutcomeStatus, SourceError, pulling
from app.connectors.sql.connector import SqlConnector
from app.connectors.sql.query import checked_query
from app.demo.connector import DemoCrm, DemoErp
from app.domain.schema import COLUMNS, Entity, System
from app.progress import Cancelled, CancelToken, Progress, run
from app.reconcile.engine import reconcile

ENTITIES = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)

#: The demo ERP keeps payments and stock in several tables: a profile gives these queries.
#: Aliases name the columns as the synonyms know them ("modelo" holding years is the model
#: year; "prefijo" + "factura" make the invoice number).
ERP_QUERIES = {
    "payments": """
        SELECT r.id, r.numero AS recibo, f.prefijo, f.numero AS factura, f.cufe, t.nit,
               r.valor, r.fecha, r.medio AS medio_pago, 'posted' AS estado,
               s.nombre AS sede, r.modificado
        FROM recibos r
        LEFT JOIN facturas f ON f.id = r.factura_id
        LEFT JOIN terceros t ON t.id = r.tercero_id
        LEFT JOIN sedes s ON s.id = f.sede_id
    """,
    "vehicles": """
        SELECT i.id, i.vin, i.marca, i.linea, i.anio AS modelo, i.color, i.estado,
               s.nombre AS sede, t.nit AS documento_cliente, i.precio, i.fecha_entrega,
               i.modificado, i.fecha_ingreso
        FROM inventario i
        LEFT JOIN sedes s ON s.id = i.sede_id
        LEFT JOIN terceros t ON t.id = i.tercero_id;
    """,
}
#: What the insights read besides, as a profile would give it for the demo ERP: its tables
#: name the customer and the branch by id, so the queries join them.
ERP_EXTRA_QUERIES = {
    "invoices": """
        SELECT f.id, f.prefijo, f.numero, f.cufe, t.nit AS nit_cliente, f.vin,
               s.nombre AS sede, f.fecha AS fecha_factura, f.total, f.estado, f.modificado
        FROM facturas f
        LEFT JOIN terceros t ON t.id = f.tercero_id
        LEFT JOIN sedes s ON s.id = f.sede_id
    """,
    "services": """
        SELECT o.id AS ot, o.vin, t.nit AS nit_cliente, o.tipo AS tipo_servicio,
               o.fecha AS fecha_ingreso, o.kilometraje, s.nombre AS sede, o.modificado
        FROM ordenes_taller o
        LEFT JOIN terceros t ON t.id = o.tercero_id
        LEFT JOIN sedes s ON s.id = o.sede_id
    """,
    "contracts": """
        SELECT c.id, c.vin, t.nit AS nit_cliente, c.tipo, c.entidad, c.inicio, c.fin,
               c.modificado
        FROM contratos c LEFT JOIN terceros t ON t.id = c.tercero_id
    """,
}
CRM_EXTRA_QUERIES = {
    "followups": """
        SELECT s.id, c.numero_documento, s.vin, s.tipo, s.fecha AS fecha_vencimiento, s.estado,
               s.nota, s.actualizado
        FROM seguimientos s JOIN contactos c ON c.id = s.contacto_id
    """,
}
#: The CRM's contact stage says who is a customer, and "medio" is the payment method; neither
#: header is a synonym (yet), so the profile maps them.
CRM_MAPPING = {"customers": {"is_customer": "etapa"}, "payments": {"method": "medio"}}
#: The demo marks a merged record in this column (no canonical field holds it).
MERGE_MARK = ("fusionado_en", "unmapped_column")


@pytest.fixture
def demo(demo_data):
    """The demo CRM/ERP SQLite files (written once per session, see conftest); only read here."""
    return demo_data


@pytest.fixture
def opened():
    """Makes connectors and closes them all after the test."""
    made: list[SqlConnector] = []

    def make(url: str, system: str = "crm", **kwargs) -> SqlConnector:
        connector = SqlConnector(url, system, **kwargs)
        made.append(connector)
        return connector

    yield make
    for connector in made:
        connector.close()


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def same_frames(ours, theirs, columns) -> None:
    ours = ours.set_index("source_id")
    theirs = theirs.set_index("source_id")
    assert sorted(ours.index) == sorted(theirs.index)
    for name in columns:
        if name == "source_id":
            continue
        mine = ours[name].reindex(theirs.index).tolist()
        assert mine == theirs[name].tolist(), name


# --- the demo systems as plain databases ---------------------------------------------------------


def test_crm_tables_are_found_and_read_like_the_demo_connector(demo, opened):
    sql = opened(url(demo.crm), "crm", mapping=CRM_MAPPING)
    reference = DemoCrm(demo.crm)
    for entity in ENTITIES:
        same_frames(sql.pull(entity), reference.pull(entity), COLUMNS[entity])
    # The one column no canonical field holds: the demo's own merge mark (DESIGN §6: a
    # merged record is hidden by its system; the demo does it with this column).
    assert {(i.column, i.reason) for i in sql.issues()} == {MERGE_MARK}
    # Deals name their contact by id (the document needs a join, as in the ERP's queries).
    deals = [c for c in COLUMNS[Entity.DEALS] if c != "customer_doc"]
    same_frames(sql.pull(Entity.DEALS), reference.pull(Entity.DEALS), deals)
    assert {(i.column, i.reason) for i in sql.issues()} == {("contacto_id", "unmapped_column"),
                                                             MERGE_MARK}


def test_crm_without_a_mapping_still_reads_every_record_and_names_what_it_left_out(demo, opened):
    sql = opened(url(demo.crm), "crm")
    reference = DemoCrm(demo.crm)
    for entity in ENTITIES:
        keys = {Entity.CUSTOMERS: ["doc_number", "phone", "email", "city_code", "updated_at"],
                Entity.PAYMENTS: ["receipt_number", "invoice_number", "amount", "paid_on"],
                Entity.VEHICLES: ["vin", "status", "branch", "price", "model_year"]}[entity]
        same_frames(sql.pull(entity), reference.pull(entity), keys)
    # At most the two columns no synonym names (yet) are left out, and said so.
    left_out = {(i.entity, i.column, i.reason) for i in sql.issues()}
    assert left_out <= {(Entity.CUSTOMERS, "etapa", "unmapped_column"),
                        (Entity.PAYMENTS, "medio", "unmapped_column"),
                        (Entity.CUSTOMERS, *MERGE_MARK)}


def test_erp_through_queries_reads_like_the_demo_connector(demo, opened):
    # Customers are one flat table (terceros, found by name); payments and stock need joins.
    sql = opened(url(demo.erp), "erp", queries=ERP_QUERIES)
    reference = DemoErp(demo.erp)
    for entity in ENTITIES:
        same_frames(sql.pull(entity), reference.pull(entity), COLUMNS[entity])
    assert {(i.column, i.reason) for i in sql.issues()} == {MERGE_MARK}


def test_reconciling_two_databases_finds_what_the_demo_connectors_find(demo, opened):
    crm = opened(url(demo.crm), "crm", mapping=CRM_MAPPING, queries=CRM_EXTRA_QUERIES)
    erp = opened(url(demo.erp), "erp", queries={**ERP_QUERIES, **ERP_EXTRA_QUERIES})
    ours = run(reconcile(crm, erp))
    theirs = run(reconcile(DemoCrm(demo.crm), DemoErp(demo.erp)))
    for entity in ENTITIES:
        found = Counter(m.kind for m in ours[entity].findings())
        assert found == Counter(m.kind for m in theirs[entity].findings()), entity
        assert sum(found.values()) > 0
    assert "sqlite" in ours.sources["crm"]
    # The CRM's deals come along (for merges and data-subject exports): they name their
    # contact by id, which no canonical field holds.
    assert {(i.system, i.column, i.reason) for i in ours.issues} == {
        (System.CRM, *MERGE_MARK), (System.ERP, *MERGE_MARK),
        (System.CRM, "contacto_id", "unmapped_column")}
    assert ours.deals is not None and len(ours.deals) == len(theirs.deals)
    # What the insights read besides comes along, every row of the demo's tables.
    sizes = {Entity.INVOICES: ("erp", "facturas"), Entity.SERVICES: ("erp", "ordenes_taller"),
             Entity.CONTRACTS: ("erp", "contratos"), Entity.FOLLOWUPS: ("crm", "seguimientos")}
    for entity, (system, table) in sizes.items():
        path = demo.crm if system == "crm" else demo.erp
        assert len(ours.extras[entity]) == rows(path, f"SELECT COUNT(*) FROM {table}")[0][0] > 0
        assert list(ours.extras[entity].columns) == list(COLUMNS[entity])
    assert ours.extras[Entity.INVOICES]["customer_doc"].notna().all()
    assert ours.extras[Entity.FOLLOWUPS]["customer_doc"].notna().all()


def test_open_source_builds_the_sql_connector_from_a_profile(demo):
    connector = open_source(url(demo.erp), "erp", mapping=None, secrets=lambda ref: None)
    assert isinstance(connector, SqlConnector)
    try:
        assert len(connector.pull(Entity.CUSTOMERS)) == len(DemoErp(demo.erp).pull(Entity.CUSTOMERS))
    finally:
        connector.close()


def test_since_keeps_the_rows_changed_from_that_moment(demo, opened):
    sql = opened(url(demo.crm), "crm")
    every = DemoCrm(demo.crm).pull(Entity.PAYMENTS)
    stamps = sorted(every["updated_at"])
    since = stamps[len(stamps) // 2]
    recent = sql.pull(Entity.PAYMENTS, since=since)
    expected = set(every.loc[every["updated_at"] >= since, "source_id"])
    assert set(recent["source_id"]) == expected
    assert 0 < len(recent) < len(every)
    # A moment without zone is Bogotá's; the same moment gives the same rows.
    local = since.astimezone(since.tzinfo).replace(tzinfo=None)
    assert set(sql.pull(Entity.PAYMENTS, since=local)["source_id"]) == expected


def test_a_pull_reports_each_chunk_and_stops_when_cancelled(demo, opened):
    sql = opened(url(demo.crm), "crm", chunk_size=1000)
    total = sql.count(Entity.PAYMENTS)
    seen: list[Progress] = []
    frame = run(pulling(sql, Entity.PAYMENTS), seen.append)
    assert len(frame) == total
    assert [p.done for p in seen] == [*range(0, total, 1000), total]
    assert {p.total for p in seen} == {total}
    token = CancelToken()
    task = sql.pull_task(Entity.PAYMENTS, None, token)
    next(task)
    token.cancel()
    with pytest.raises(Cancelled):
        run(task)


# --- small databases ---------------------------------------------------------------------------


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A dealership database with its own column names, a bad cell or two, and room to write."""
    path = tmp_path / "concesionario.db"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE clientes (id INTEGER PRIMARY KEY, cedula TEXT, nombres TEXT,
                                   apellidos TEXT, celular TEXT, correo TEXT, ciudad TEXT,
                                   actualizado TEXT);
            INSERT INTO clientes VALUES
              (1, '79.456.123', 'Ana María', 'Gómez', '300 123 4567', 'ana@correo.co',
               'Bogotá', '2024-05-02T10:00:00-05:00'),
              (2, '1020304050', 'Luis', 'Peña', NULL, 'LUIS@CORREO.CO', 'Cali',
               'ayer por la tarde'),
              (3, '52111222', 'Carmen', 'Ruiz', '3157654321', NULL, 'Medellín',
               '2024-06-01T08:30:00-05:00');
            CREATE TABLE recaudos (codigo TEXT PRIMARY KEY, recibo TEXT, valor TEXT,
                                   fecha TEXT, actualizado TEXT);
            INSERT INTO recaudos VALUES
              ('R1', 'RC-1', '1500000.50', '2024-05-02', '2024-05-02T10:00:00-05:00'),
              ('R2', 'RC-2', 'mil pesos', '2024-05-03', '2024-05-03T10:00:00-05:00'),
              ('R3', 'RC-3', '2300000', '31/02/2024', '2024-05-04T10:00:00-05:00');
            CREATE TABLE vehiculos (id INTEGER PRIMARY KEY, vin TEXT, estado TEXT, sede TEXT);
            INSERT INTO vehiculos VALUES (10, '9BWZZZ377VT004251', 'Disponible', 'Norte'),
                                         (11, '9BWZZZ377VT004252', 'Vendido', 'Norte');
        """)
    conn.close()
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_bad_cell_is_an_issue_and_every_good_row_stays(shop, opened):
    sql = opened(url(shop), "erp", tables={"payments": "recaudos"})
    payments = sql.pull(Entity.PAYMENTS).set_index("source_id")
    assert list(payments.index) == ["R1", "R2", "R3"]
    assert payments.loc["R1", "amount"] == Decimal("1500000.50")
    assert payments.loc["R2", "amount"] is None and payments.loc["R3", "paid_on"] is None
    assert payments.loc["R3", "amount"] == Decimal("2300000")
    bad = {(i.source_id, i.column, i.reason, i.value) for i in sql.issues()}
    assert bad == {("R2", "valor", "unparseable", "mil pesos"),
                   ("R3", "fecha", "unparseable", "31/02/2024")}
    customers = sql.pull(Entity.CUSTOMERS).set_index("source_id")
    assert customers.loc["1", "doc_number"] == "79456123" and customers.loc["1", "phone"] == "3001234567"
    assert customers.loc["2", "updated_at"] is None and customers.loc["2", "email"] == "luis@correo.co"
    assert ("2", "actualizado", "unparseable") in {(i.source_id, i.column, i.reason) for i in sql.issues()}
    assert {i.entity for i in sql.issues()} == {Entity.PAYMENTS, Entity.CUSTOMERS}


def test_a_table_that_is_not_there_is_a_clear_error(shop, demo, opened):
    sql = opened(url(shop), "erp", tables={"customers": "terceros"})
    with pytest.raises(SourceError, match="No existe la tabla «terceros»"):
        sql.pull(Entity.CUSTOMERS)
    with pytest.raises(SourceError, match=r"No se encontró una tabla de negocios.*recaudos"):
        opened(url(shop), "erp").pull(Entity.DEALS)
    missing = opened(url(shop), "erp", queries={"payments": "SELECT * FROM pagos_2023"})
    with pytest.raises(SourceError, match="una tabla no existe"):
        missing.pull(Entity.PAYMENTS)
    no_column = opened(url(shop), "erp",
                       queries={"payments": "SELECT codigo, valor, recibo_caja FROM recaudos"})
    with pytest.raises(SourceError, match="una columna no existe"):
        no_column.pull(Entity.PAYMENTS)
    # A table named in other case is found (PostgreSQL folds unquoted names to lower case).
    assert len(opened(url(shop), "erp", tables={"vehicles": "VEHICULOS"}).pull(Entity.VEHICLES)) == 2
    with pytest.raises(SourceError, match="«codigo_vehiculo» indicada como identificador"):
        opened(url(shop), "erp", tables={"vehicles": "vehiculos"},
               id_column={"vehicles": "codigo_vehiculo"}).pull(Entity.VEHICLES)


def test_the_insights_tables_are_found_by_their_usual_names(tmp_path, opened):
    path = tmp_path / "dms.db"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE facturas (id INTEGER PRIMARY KEY, prefijo TEXT, numero TEXT, cufe TEXT,
                                   nit TEXT, vin TEXT, sede TEXT, fecha_emision TEXT,
                                   valor_total TEXT, estado TEXT);
            INSERT INTO facturas VALUES
              (1, 'FV', '457', 'ab12', '800191045', '9bwzzz377vt004251', 'Norte', '2026-03-15',
               '123456789.50', 'VALIDADA DIAN'),
              (2, 'FV', '458', NULL, '52326162', NULL, 'Norte', 'el martes', '10', 'ANULADA');
            CREATE TABLE ordenes_taller (ot TEXT PRIMARY KEY, vin TEXT, tipo_servicio TEXT,
                                         fecha_ingreso TEXT, kilometraje INTEGER, taller TEXT);
            INSERT INTO ordenes_taller VALUES
              ('OT-1', '9BWZZZ377VT004251', 'PRIMER SERVICIO', '2026-05-05', 4760, 'Norte'),
              ('OT-2', '9BWZZZ377VT004251', 'Lavado', '2026-06-05', NULL, 'Norte');
            CREATE TABLE polizas (poliza TEXT PRIMARY KEY, vin TEXT, tipo TEXT,
                                  aseguradora TEXT, inicio_vigencia TEXT, fin_vigencia TEXT);
            INSERT INTO polizas VALUES
              ('P-1', '9BWZZZ377VT004251', 'TODO RIESGO', 'SURA', '2026-03-15', '2027-03-14');
            CREATE TABLE tareas (id TEXT PRIMARY KEY, documento_cliente TEXT, vin TEXT,
                                 tipo TEXT, fecha_vencimiento TEXT, estado TEXT, nota TEXT);
            INSERT INTO tareas VALUES
              ('T-1', '79845123', '9BWZZZ377VT004251', 'Aniversario', '2027-03-15',
               'Pendiente', 'Felicitar');
        """)
    conn.close()
    erp = opened(url(path), "erp")
    invoices = erp.pull(Entity.INVOICES).set_index("source_id")
    assert invoices.loc["1", "invoice_number"] == "FV-457"
    assert invoices.loc["1", "total"] == Decimal("123456789.50")
    assert invoices.loc["1", "issued_on"] == date(2026, 3, 15)
    assert invoices.loc["1", "vin"] == "9BWZZZ377VT004251"
    assert list(invoices["status"]) == ["validated", "annulled"]
    services = erp.pull(Entity.SERVICES).set_index("source_id")
    assert services.loc["OT-1", "kind"] == "first_service"
    assert services.loc["OT-1", "odometer_km"] == 4760
    assert type(services.loc["OT-1", "odometer_km"]) is int
    assert services.loc["OT-1", "branch"] == "Norte"
    contracts = erp.pull(Entity.CONTRACTS).set_index("source_id")
    assert contracts.loc["P-1", ["kind", "provider", "ends_on"]].tolist() == [
        "insurance", "SURA", date(2027, 3, 14)]
    # Unreadable cells are issues; their rows stay.
    assert {(i.entity, i.source_id, i.column, i.reason) for i in erp.issues()} == {
        (Entity.INVOICES, "2", "fecha_emision", "unparseable"),
        (Entity.SERVICES, "OT-2", "tipo_servicio", "unparseable")}
    crm = opened(url(path), "crm")
    [task] = crm.pull(Entity.FOLLOWUPS).to_dict("records")
    assert (task["kind"], task["due_on"], task["status"], task["customer_doc"]) == (
        "anniversary", date(2027, 3, 15), "open", "79845123")


def test_a_database_without_the_insights_tables_says_so_before_reading_anything(shop, opened):
    statements: list[str] = []
    sql = opened(url(shop), "erp")

    @event.listens_for(sql.engine, "before_cursor_execute")
    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    for entity, name, first in ((Entity.INVOICES, "facturas", "invoices"),
                                (Entity.SERVICES, "visitas al taller", "services"),
                                (Entity.CONTRACTS, r"contratos \(SOAT, seguros y créditos\)",
                                 "contracts"),
                                (Entity.FOLLOWUPS, "seguimientos", "followups")):
        with pytest.raises(SourceError, match=rf"No se encontró una tabla de {name} .*"
                                              rf"\(se buscó {first}, .*Tablas: clientes, "
                                              r"recaudos, vehiculos\."):
            sql.pull(entity)
    # Only the catalogue was asked: no row of any table was counted or read.
    assert statements and not any("count(" in s.lower() for s in statements)
    assert not any(t in s for s in statements for t in ("FROM clientes", "FROM recaudos",
                                                        "FROM vehiculos"))
    # The reconciliation goes on without them.
    report = run(reconcile(opened(url(shop), "crm", tables={"customers": "clientes"}), sql,
                           entities=(Entity.CUSTOMERS,)))
    assert report.extras == {} and Entity.CUSTOMERS in report.results


def test_a_database_file_that_does_not_exist_is_refused_and_not_created(tmp_path):
    missing = tmp_path / "no_existe.db"
    with pytest.raises(SourceError, match=r"No se encuentra el archivo de base de datos no_existe\.db"):
        SqlConnector(url(missing), "crm")
    assert not missing.exists()


@pytest.mark.parametrize("query", [
    "DELETE FROM recaudos",
    "SELECT * FROM recaudos; DELETE FROM recaudos",
    "SELECT * FROM recaudos; -- nada más\n DROP TABLE recaudos",
    "WITH borrados AS (DELETE FROM recaudos RETURNING *) SELECT * FROM borrados",
    "SELECT * INTO copia FROM recaudos",
    "UPDATE recaudos SET valor = '0'",
    "PRAGMA writable_schema = 1",
    "SELECT * FROM recaudos WHERE recibo = 'RC-1",
    "   ",
])
def test_only_one_read_only_select_is_accepted(shop, query):
    with pytest.raises(SourceError, match="consulta de pagos"):
        SqlConnector(url(shop), "erp", queries={"payments": query})
    assert len(rows(shop, "SELECT * FROM recaudos")) == 3


def test_a_select_may_hold_semicolons_colons_and_keywords_in_its_strings(shop, opened):
    query = """
        -- pagos con recibo; los borrados no (DELETE) /* ni este ; */
        SELECT codigo AS id, recibo, valor, fecha, 'update; 10:30 :x' AS nota
        FROM recaudos WHERE recibo <> 'DROP TABLE x;' ;;
    """
    sql = opened(url(shop), "erp", queries={"payments": query})
    payments = sql.pull(Entity.PAYMENTS)
    assert list(payments["source_id"]) == ["R1", "R2", "R3"]
    assert ("nota", "unmapped_column") in {(i.column, i.reason) for i in sql.issues()}
    assert sql.count(Entity.PAYMENTS) == 3
    assert sql.read(Entity.PAYMENTS, "R3")["receipt_number"] == "RC-3"
    assert sql.read(Entity.PAYMENTS, "R9") is None


@pytest.mark.parametrize(("backend", "query", "runs"), [
    ("postgresql", "SELECT $$a; DELETE$$ AS x, $t$;$t$ AS y FROM t;",
     "SELECT $$a; DELETE$$ AS x, $t$;$t$ AS y FROM t"),
    ("postgresql", "SELECT fecha::date, ' :nota' FROM t -- fin", "SELECT fecha::date, ' \\:nota' FROM t"),
    ("postgresql", "(SELECT 1) UNION (SELECT 2)", "(SELECT 1) UNION (SELECT 2)"),
    ("mysql", "SELECT 'it\\'s; DROP' AS x FROM t", "SELECT 'it\\'s; DROP' AS x FROM t"),
    ("sqlite", 'SELECT "update", [delete] FROM t', 'SELECT "update", [delete] FROM t'),
])
def test_the_read_only_check_looks_past_literals_and_quoted_names(backend, query, runs):
    assert checked_query(query, "La consulta de pagos", backend) == runs


@pytest.mark.parametrize(("backend", "query"), [
    ("postgresql", "SELECT $$a$$; DELETE FROM t"),
    ("postgresql", "SELECT $x$ sin cerrar"),
    ("postgresql", "SELECT 1 /* sin cerrar"),
    ("postgresql", "EXPLAIN ANALYZE SELECT 1"),
    ("mysql", "SELECT 'a\\'; DELETE FROM t; SELECT 'b'"),
    ("mysql", "SELECT * FROM t INTO OUTFILE '/tmp/x'"),
    ("postgresql", "SELECT * FROM t FOR UPDATE"),
])
def test_the_read_only_check_refuses_what_could_write_or_lock(backend, query):
    with pytest.raises(SourceError, match="La consulta de pagos"):
        checked_query(query, "La consulta de pagos", backend)


# --- corrections ------------------------------------------------------------------------------


def correction(sid: str, changes: dict, expected: dict, entity: Entity = Entity.CUSTOMERS) -> Correction:
    return Correction(entity, sid, changes, expected, key="k-" + sid)


def test_a_correction_is_applied_and_read_back(shop, opened):
    sql = opened(url(shop), "erp")
    before = sql.read(Entity.CUSTOMERS, "1")
    assert before is not None and before["phone"] == "3001234567"
    outcome = sql.apply(correction("1", {"phone": "3109876543", "email": "ana.gomez@correo.co"},
                                   {"phone": "3001234567", "email": "ana@correo.co"}))
    assert outcome.status is OutcomeStatus.APPLIED and outcome.reason == ""
    assert outcome.record is not None and outcome.record["phone"] == "3109876543"
    assert rows(shop, "SELECT celular, correo FROM clientes WHERE id = 1") == [
        ("3109876543", "ana.gomez@correo.co")]
    # Sent again (a retry after an unknown outcome): nothing to do, and said so.
    again = sql.apply(correction("1", {"phone": "3109876543"}, {"phone": "3001234567"}))
    assert (again.status, again.reason) == (OutcomeStatus.APPLIED, "already_applied")


def test_a_correction_on_a_record_that_changed_since_approval_is_a_conflict(shop, opened):
    sql = opened(url(shop), "erp")
    outcome = sql.apply(correction("3", {"phone": "3000000000"}, {"phone": "3157777777"}))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "expected_mismatch")
    assert outcome.record is not None and outcome.record["phone"] == "3157654321"
    assert rows(shop, "SELECT celular FROM clientes WHERE id = 3") == [("3157654321",)]


def test_a_write_that_races_the_correction_makes_it_a_conflict(shop, opened, monkeypatch):
    sql = opened(url(shop), "erp")
    read = SqlConnector.fetch_one

    def read_then_someone_writes(self, conn, src, source_id, lock=False):
        row = read(self, conn, src, source_id, lock)
        if lock:  # between our read and our UPDATE, another program changes the phone
            other = sqlite3.connect(shop)
            with other:
                other.execute("UPDATE clientes SET celular = '3201112233' WHERE id = 3")
            other.close()
        return row

    monkeypatch.setattr(SqlConnector, "fetch_one", read_then_someone_writes)
    outcome = sql.apply(correction("3", {"phone": "3000000000"}, {"phone": "3157654321"}))
    assert (outcome.status, outcome.reason) == (OutcomeStatus.CONFLICT, "expected_mismatch")
    assert rows(shop, "SELECT celular FROM clientes WHERE id = 3") == [("3201112233",)]


def test_corrections_that_cannot_be_written_are_rejected(shop, opened):
    sql = opened(url(shop), "erp", queries={"payments": "SELECT codigo AS id, recibo, valor FROM recaudos"})
    cases = [
        (correction("R1", {"amount": Decimal(1)}, {}, Entity.PAYMENTS), "read_only"),
        (correction("99", {"phone": "3000000000"}, {"phone": None}), "not_found"),
        (correction("abc", {"phone": "3000000000"}, {}), "not_found"),
        # The city code is derived from the city's name: no column holds it.
        (correction("1", {"city_code": "11001"}, {}), "field_not_writable"),
        (correction("1", {"source_id": "7"}, {}), "field_not_writable"),
    ]
    for fix, reason in cases:
        outcome = sql.apply(fix)
        assert (outcome.status, outcome.reason) == (OutcomeStatus.REJECTED, reason), reason
        assert outcome.detail
    assert rows(shop, "SELECT count(*) FROM clientes WHERE id = 1 AND celular = '300 123 4567'") == [(1,)]


def test_a_status_is_written_in_the_words_the_table_uses(shop, opened):
    sql = opened(url(shop), "erp")
    outcome = sql.apply(correction("10", {"status": "sold"}, {"status": "available"}, Entity.VEHICLES))
    assert outcome.status is OutcomeStatus.APPLIED
    assert outcome.record is not None and outcome.record["status"] == "sold"
    assert rows(shop, "SELECT estado FROM vehiculos WHERE id = 10") == [("Vendido",)]


def test_amounts_and_dates_are_written_as_the_column_keeps_them(shop, opened):
    sql = opened(url(shop), "erp", tables={"payments": "recaudos"})
    outcome = sql.apply(correction("R2", {"amount": Decimal("1750000.00"), "paid_on": "2024-05-06"},
                                   {"amount": None}, Entity.PAYMENTS))
    assert outcome.status is OutcomeStatus.APPLIED, outcome.detail
    assert outcome.record is not None and outcome.record["amount"] == Decimal("1750000.00")
    assert rows(shop, "SELECT valor, fecha FROM recaudos WHERE codigo = 'R2'") == [
        ("1750000.00", "2024-05-06")]


# --- URLs, drivers, options ---------------------------------------------------------------------


def test_the_password_never_shows_and_the_installed_driver_is_used(opened):
    secret = "Canario-7f3a9c"
    sql = opened("postgresql://lectura@db.concesionario.local:5432/erp", "erp", password=secret)
    assert sql.url.drivername == "postgresql+psycopg"
    assert secret not in sql.describe() and secret not in repr(sql.engine)
    assert "lectura@db.concesionario.local:5432/erp" in sql.describe()
    assert opened("mysql://lectura@db.local/crm", "crm").url.drivername == "mysql+pymysql"
    assert opened("postgres://lectura@db.local/crm", "crm").url.drivername == "postgresql+psycopg"
    with pytest.raises(SourceError, match="no debe llevar la contraseña"):
        SqlConnector(f"postgresql://lectura:{secret}@db.local/erp", "erp")


def test_sql_server_without_its_driver_says_what_to_install():
    with pytest.raises(SourceError, match="instale el controlador pyodbc"):
        SqlConnector("mssql+pyodbc://lectura@sqlserver.local/erp?driver=ODBC+Driver+18+for+SQL+Server",
                     "erp")


@pytest.mark.parametrize(("options", "message"), [
    ({"table": {"customers": "x"}}, "Opciones desconocidas para una base de datos: table"),
    ({"tables": {"clientes": "x"}}, "«clientes» no es una entidad"),
    ({"tables": {"payments": "recaudos"}, "queries": {"payments": "SELECT 1"}}, "deje solo una"),
    ({"chunk_size": 0}, "chunk_size"),
    ({"mapping": {"doc_number": "cedula"}}, "El mapeo de una base de datos va por entidad"),
    ({"mapping": {"customers": {"cedula": "cedula"}}}, "columnas que no existen: cedula"),
])
def test_bad_options_are_refused_in_spanish(shop, options, message):
    with pytest.raises(SourceError, match=message):
        SqlConnector(url(shop), "erp", **options)


def test_since_accepts_a_date_and_refuses_nonsense(shop, opened):
    sql = opened(url(shop), "erp")
    recent = sql.pull(Entity.CUSTOMERS, since=datetime(2024, 5, 15).date())
    # Row 2's change time cannot be read: kept, since it may have changed.
    assert sorted(recent["source_id"]) == ["2", "3"]
    with pytest.raises(SourceError):
        sql.pull(Entity.CUSTOMERS, since="la semana pasada")


def test_an_id_that_is_also_a_field_feeds_both(tmp_path, opened):
    path = tmp_path / "patio.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE stock (chasis TEXT PRIMARY KEY, marca TEXT, estado TEXT)")
        conn.execute("INSERT INTO stock VALUES ('9bwzzz377vt004251', 'Renault', 'Reservado')")
    conn.close()
    sql = opened(url(path), "erp", tables={"vehicles": "stock"})
    vehicles = sql.pull(Entity.VEHICLES)
    assert vehicles.loc[0, "source_id"] == "9bwzzz377vt004251"
    assert vehicles.loc[0, "vin"] == "9BWZZZ377VT004251"
    assert sql.issues() == []
    outcome = sql.apply(correction("9bwzzz377vt004251", {"status": "available"}, {"status": "reserved"},
                                   Entity.VEHICLES))
    assert outcome.status is OutcomeStatus.APPLIED and outcome.record["status"] == "available"
    assert rows(path, "SELECT estado FROM stock") == [("available",)]  # no row says it otherwise


def test_an_empty_table_is_still_checked_and_gives_an_empty_frame(tmp_path, opened):
    path = tmp_path / "vacia.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE pagos (id TEXT PRIMARY KEY, recibo TEXT, valor TEXT)")
        conn.execute("CREATE TABLE vehiculos (id TEXT PRIMARY KEY, marca TEXT)")
    conn.close()
    sql = opened(url(path), "crm")
    payments = sql.pull(Entity.PAYMENTS)
    assert len(payments) == 0 and list(payments.columns)[: len(COLUMNS[Entity.PAYMENTS])] == list(
        COLUMNS[Entity.PAYMENTS])
    with pytest.raises(SourceError, match="no parecen de vehículos"):
        sql.pull(Entity.VEHICLES)  # no VIN column: refused even without a row
