"""A 1 GB CRM customers export (10 M rows) reconciled against a 1 M-row ERP export, in little
memory.

    python bench/big_file.py [--rows 10000000] [--erp 1000000] [--folder /tmp/cuadre-big]
                             [--encoding cp1252] [--keep]

Writes, in FOLDER, ``crm_contactos.csv`` — a Spanish CRM export (``;``, cp1252 by default,
«ID Lead», «Nro. identificación», «Etapa», dates day first) of ROWS contacts, of which about
ERP are customers (the rest leads) — and ``erp_terceros.csv`` (UTF-8, «ID Tercero», «Nombre /
Razón social», «NIT/CC») with ERP terceros: 97 % of the customers, 3 % only in the ERP, 1 % of
the customers without a document, some phones, e-mails and cities changed.

Then, in a child process (so its peak memory is its own), reads both with
``FileConnector.pull_batches`` and reconciles them with ``app.reconcile.partitioned``, and
prints the seconds, the peak memory (``ru_maxrss`` of that process, what ``/usr/bin/time -v``
calls "Maximum resident set size") and the findings by kind.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_CRM_HEADER = ("ID Lead;Nombres;Apellidos;Tipo documento;Nro. identificación;Celular;"
               "Correo electrónico;Ciudad;Etapa;Autoriza datos;Última actualización")
_ERP_HEADER = "ID Tercero;Nombre / Razón social;NIT/CC;Teléfono;Email;Ciudad"
_FIRST = ["José", "María", "Ángela", "Íñigo", "Luz Ángela", "Juan Pablo", "Ñusta", "Sofía",
          "Andrés", "Camila", "Julián", "Valentina", "Sebastián", "Lucía", "Martín", "Paula"]
_LAST = ["Pérez Gómez", "Rodríguez", "Muñoz Peña", "Martínez", "García López", "Hernández",
         "Castaño", "Ramírez", "Núñez", "Ospina Giraldo", "Zuluaga", "Suárez"]
_CITIES = ["Bogotá", "Medellín", "Cali", "Barranquilla", "Cúcuta", "Bucaramanga", "Pereira",
           "Manizales", "Ibagué", "Pasto"]


def write(folder: Path, rows: int, erp: int, encoding: str) -> tuple[Path, Path]:
    """The two exports; every (rows // erp)-th contact is a customer."""
    folder.mkdir(parents=True, exist_ok=True)
    crm_path, erp_path = folder / "crm_contactos.csv", folder / "erp_terceros.csv"
    step = max(1, rows // erp)
    with crm_path.open("w", encoding=encoding, newline="") as crm, \
            erp_path.open("w", encoding="utf-8", newline="") as out:
        crm.write(_CRM_HEADER + "\r\n")
        out.write(_ERP_HEADER + "\r\n")
        lines: list[str] = []
        terceros: list[str] = []
        for i in range(rows):
            first, last, city = _FIRST[i % 16], _LAST[(i // 16) % 12], _CITIES[(i // 7) % 10]
            doc = str(10_000_000 + i * 7)
            phone = f"3{(i * 7919) % 10**9:09d}"
            email = f"{first[0].lower()}{i}@correo.com.co"
            customer = i % step == 0
            has_doc = not (customer and i % 101 == 0)
            lines.append(f"L{i};{first};{last};CC;{doc if has_doc else ''};{phone};{email};{city};"
                         f"{'Cliente' if customer else 'Lead'};{'Sí' if i % 3 else 'No'};"
                         f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025 {i % 24:02d}:{i % 60:02d}")
            if customer and i % 37 != 0:  # 97 % of the customers are terceros in the ERP
                if i % 53 == 0:
                    phone = f"3{(i * 31) % 10**9:09d}"
                if i % 59 == 0:
                    email = email.upper()
                if i % 61 == 0:
                    city = "Tunja"
                terceros.append(f"T{i};{first.upper()} {last.upper()};{doc};{phone};{email};{city}")
            if (customer and i % 37 == 0) or i % (step * 33) == 1:  # only in the ERP
                terceros.append(f"T{i}x;Empresa {i} S.A.S.;{900_000_000 + i};601{i % 10**7:07d};;"
                                f"{city}")
            if len(lines) >= 100_000:
                crm.write("\r\n".join(lines) + "\r\n")
                lines.clear()
                out.write("\r\n".join(terceros) + "\r\n")
                terceros.clear()
        crm.write("\r\n".join(lines) + ("\r\n" if lines else ""))
        out.write("\r\n".join(terceros) + ("\r\n" if terceros else ""))
    return crm_path, erp_path


def child(crm_path: str, erp_path: str) -> None:
    """Read and reconcile; print one JSON line: seconds, peak MB, counts."""
    from app.connectors.files import FileConnector
    from app.domain.schema import Entity, System
    from app.progress import run
    from app.reconcile import partitioned

    started = time.monotonic()
    crm = FileConnector(crm_path, System.CRM, Entity.CUSTOMERS)
    erp = FileConnector(erp_path, System.ERP, Entity.CUSTOMERS)
    summary = run(partitioned.reconcile_customers(crm.pull_batches(Entity.CUSTOMERS),
                                                  erp.pull_batches(Entity.CUSTOMERS)))
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinds = Counter(kind for kind, *_ in partitioned.findings(summary))
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "crm_rows": summary.crm_rows,
                      "crm_customers": summary.crm_customers, "erp_rows": summary.erp_rows,
                      "links": dict(summary.links), "residue": summary.residue,
                      "issues": len(crm.issues()) + len(erp.issues()),
                      "encoding": crm.layout.get("encoding"), "findings": dict(kinds)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--erp", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/cuadre-big"))  # noqa: S108 - a bench
    parser.add_argument("--encoding", default="cp1252")
    parser.add_argument("--keep", action="store_true", help="keep the files afterwards")
    parser.add_argument("--reuse", action="store_true", help="read the files already in FOLDER")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    started = time.monotonic()
    crm_path, erp_path = args.folder / "crm_contactos.csv", args.folder / "erp_terceros.csv"
    if not (args.reuse and crm_path.exists() and erp_path.exists()):
        crm_path, erp_path = write(args.folder, args.rows, args.erp, args.encoding)
    size = crm_path.stat().st_size
    print(f"{crm_path.name}: {size / 1e9:.2f} GB, {args.rows:,} rows ({args.encoding}); "
          f"{erp_path.name}: {erp_path.stat().st_size / 1e6:.0f} MB in "
          f"{time.monotonic() - started:.0f} s", flush=True)
    try:
        done = subprocess.run([sys.executable, __file__, "--child", str(crm_path), str(erp_path)],
                              capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as exc:
        print(exc.stderr[-3000:])
        raise SystemExit(1) from None
    finally:
        if not args.keep:
            crm_path.unlink(missing_ok=True)
            erp_path.unlink(missing_ok=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"read and reconciled in {got['seconds']:.0f} s, peak memory {got['peak_mb']:,.0f} MB")
    print(f"CRM {got['crm_rows']:,} contacts ({got['crm_customers']:,} customers, "
          f"{got['encoding']}), ERP {got['erp_rows']:,} terceros; links {got['links']}; "
          f"residue {got['residue']}; reading issues {got['issues']:,}")
    print(f"findings: {got['findings']}")


if __name__ == "__main__":
    main()
