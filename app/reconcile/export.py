"""The report as JSON (documented in the README) and as a short text summary.

Money is written as exact decimal strings ("1234567.50"), never floats; ids are each system's
own record ids, as text.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from typing import Any

from app import __version__
from app.domain.schema import System
from app.domain.values import format_cop, money_str
from app.labels import ENTITY_LABELS, kind_label
from app.reconcile.results import Duplicate, Link, Mismatch, Report

_MONEY_FIELDS = {"crm_amount", "erp_amount", "at_stake"}


def _mismatch(m: Mismatch) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(m):
        value = getattr(m, f.name)
        if f.name in _MONEY_FIELDS:
            value = money_str(value)
        elif isinstance(value, System):
            value = value.value
        elif f.name == "ids":
            if not value:
                continue
            value = list(value)
        out[f.name] = value
    return out


def _link(link: Link) -> dict[str, Any]:
    return {"crm_id": link.crm_id, "erp_id": link.erp_id, "method": link.method,
            "band": link.band, "score": link.score, "levels": link.levels,
            "explanation": link.explanation}


def _duplicate(d: Duplicate) -> dict[str, Any]:
    return {"system": d.system.value, "key": d.key, "ids": list(d.ids), "method": d.method,
            "band": d.band, "score": d.score, "explanation": d.explanation}


def to_json(report: Report) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "cuadre_version": __version__,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat(),
        "sources": report.sources,
    }
    for entity, result in report.results.items():
        doc[entity.value] = {
            "links": [_link(x) for x in result.links],
            "duplicates": [_duplicate(x) for x in result.duplicates],
            "mismatches": [_mismatch(x) for x in result.mismatches],
            "summary": {
                kind: {"count": count, "at_stake": money_str(stake)}
                for kind, count, stake in result.summary()
            },
        }
    return doc


def summary_table(report: Report) -> str:
    """Plain-text table: entity, kind, count and pesos at stake, with totals per entity."""
    rows: list[tuple[str, str, str, str]] = []
    for entity, result in report.results.items():
        entity_total, entity_count = Decimal(0), 0
        for kind, count, stake in result.summary():
            rows.append((ENTITY_LABELS[entity], kind_label(entity, kind), f"{count:,}".replace(",", "."),
                         format_cop(stake) if stake else "—"))
            entity_total += stake
            entity_count += count
        rows.append((ENTITY_LABELS[entity], "Total", f"{entity_count:,}".replace(",", "."),
                     format_cop(entity_total)))
    head = ("Entidad", "Diferencia", "Cantidad", "En juego")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = [
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}"
        for r in [head, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
