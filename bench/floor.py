"""The floor: what a bare columnar script needs for Cuadre's exact part, in polars and in DuckDB.

Each reads the same two canonical customer frames ``bench/peers.py`` hands every tool,
normalizes the document (letters and digits, upper case), the name (first and last names or
the company, accents and case folded, punctuation out), the phone (digits, +57 dropped), the
e-mail (trimmed, lower case) and the city (trimmed), joins on the document and counts, per
field, the linked pairs that differ. No validation, no duplicates, no findings written: a
floor, not a reconciler. Imported by ``peers.py`` (tools ``floor-polars`` and
``floor-duckdb``); ``csv_end_to_end.py`` runs :func:`polars_csv` on the exported files.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

FIELDS = ("name", "phone", "email", "city")


def _polars_frame(columns: dict[str, list[Any]]) -> Any:
    import polars as pl

    return pl.DataFrame({k: pl.Series(v, dtype=pl.String, strict=False) for k, v in columns.items()})


def _polars_normalized(df: Any, name: Any) -> Any:
    import polars as pl

    def text(c: Any) -> Any:
        return (c.str.normalize("NFKD").str.replace_all(r"[^\x00-\x7F]", "").str.to_lowercase()
                .str.replace_all(r"[^0-9a-z]+", " ").str.strip_chars())

    digits = pl.col("phone").str.replace_all(r"[^0-9]", "")
    return df.select(
        pl.col("source_id"),
        doc=pl.col("doc_number").str.replace_all(r"[^0-9A-Za-z]", "").str.to_uppercase(),
        name=text(name),
        phone=digits.str.slice(-10),
        email=pl.col("email").str.strip_chars().str.to_lowercase(),
        city=pl.col("city_code").str.strip_chars(),
    ).filter(pl.col("doc").is_not_null() & (pl.col("doc") != ""))


def _polars_compare(crm: Any, erp: Any) -> tuple[set[tuple[str, str]], dict[str, int]]:
    import polars as pl

    joined = crm.join(erp, on="doc", suffix="_erp")
    differ = joined.select([(pl.col(f) != pl.col(f"{f}_erp")).fill_null(False).sum().alias(f)
                            for f in FIELDS]).row(0, named=True)
    pairs = set(joined.select("source_id", "source_id_erp").iter_rows())
    return pairs, differ


def _person_name() -> Any:
    import polars as pl

    person = pl.concat_str([pl.col("first_names").fill_null(""), pl.lit(" "),
                            pl.col("last_names").fill_null("")])
    return pl.coalesce(pl.col("company_name"), person)


def polars_frames(crm: Any, erp: Any) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """The floor in polars over two pandas frames (object columns, as the engine gets them)."""
    wanted = ("source_id", "doc_number", "first_names", "last_names", "company_name", "phone",
              "email", "city_code")
    sides = [_polars_frame({c: df[c].tolist() for c in wanted}) for df in (crm, erp)]
    return _polars_compare(*(_polars_normalized(s, _person_name()) for s in sides))


_DUCKDB_SQL = """
WITH c AS (SELECT source_id, {norm} FROM crm), e AS (SELECT source_id, {norm} FROM erp)
SELECT c.source_id AS crm_id, e.source_id AS erp_id,
       c.name <> e.name AS name, c.phone <> e.phone AS phone, c.email <> e.email AS email,
       c.city <> e.city AS city
FROM c JOIN e USING (doc) WHERE doc <> ''
"""
_DUCKDB_NORM = """
    upper(regexp_replace(doc_number, '[^0-9A-Za-z]', '', 'g')) AS doc,
    trim(regexp_replace(lower(strip_accents(coalesce(company_name,
        coalesce(first_names, '') || ' ' || coalesce(last_names, '')))), '[^0-9a-z]+', ' ', 'g'))
        AS name,
    right(regexp_replace(phone, '[^0-9]', '', 'g'), 10) AS phone,
    lower(trim(email)) AS email, trim(city_code) AS city
"""


def duckdb_frames(crm: Any, erp: Any) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """The floor as one DuckDB query over the two pandas frames (scanned in place)."""
    import duckdb

    wanted = ["source_id", "doc_number", "first_names", "last_names", "company_name", "phone",
              "email", "city_code"]
    con = duckdb.connect()
    con.register("crm", crm[wanted])
    con.register("erp", erp[wanted])
    found = con.execute(_DUCKDB_SQL.format(norm=_DUCKDB_NORM)).fetchall()
    pairs = {(c, e) for c, e, *_ in found}
    differ = {f: sum(1 for row in found if row[2 + k]) for k, f in enumerate(FIELDS)}
    return pairs, differ


def polars_csv(crm_csv: Path, erp_csv: Path) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """The floor from the exported files (``app.demo.linkage.write_exports`` headers): the
    Spanish CRM's CSV in cp1252 with «;», the ERP's terceros CSV in UTF-8 with one name column."""
    import polars as pl

    crm_text = crm_csv.read_bytes().decode("cp1252")
    crm = pl.read_csv(io.StringIO(crm_text), separator=";", infer_schema=False).rename({
        "ID Lead": "source_id", "Nro. identificación": "doc_number", "Nombres": "first_names",
        "Apellidos": "last_names", "Celular": "phone", "Correo electrónico": "email",
        "Ciudad": "city_code"})
    erp = pl.read_csv(erp_csv, infer_schema=False).rename({
        "ID Tercero": "source_id", "Nro. identificación": "doc_number",
        "Nombre / Razón social": "full_name", "Celular": "phone", "Correo": "email",
        "Código DANE": "city_code"})
    # The CRM names its cities, the ERP codes them: the floor reads the CRM's city as typed.
    crm_n = _polars_normalized(crm.with_columns(pl.col("doc_number").str.replace_all(r"\.", "")),
                               pl.concat_str([pl.col("first_names").fill_null(""), pl.lit(" "),
                                              pl.col("last_names").fill_null("")]))
    erp_n = _polars_normalized(erp.with_columns(pl.col("doc_number").str.replace_all(r"\.", "")),
                               pl.col("full_name"))
    return _polars_compare(crm_n, erp_n)


if __name__ == "__main__":  # the bare script csv_end_to_end.py times: python bench/floor.py CRM ERP
    import sys

    found, differing = polars_csv(Path(sys.argv[1]), Path(sys.argv[2]))
    print(len(found), differing)
