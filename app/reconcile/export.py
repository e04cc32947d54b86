"""The report as JSON (documented in the README) and as a short text summary.

The pieces both this and the physical count's export (``app/count/export.py``) write with —
a finding and a source issue as JSON, the summary rows and the plain-text table — are public
here, below the count.

Money is written as exact decimal strings ("1234567.50"), never floats; ids are each system's
own record ids, as text — or, for a file with no identifier column, the line a person sees
in it («línea 23»). What the reader must know before any figure comes first: the JSON's
first key, ``warnings``, and the summary's first line say which files had no identifier
column (the ``no_id_column`` source issue).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from decimal import Decimal
from typing import Any

from app import __version__
from app.connectors.base import SourceIssue
from app.connectors.files.sheet import NO_ID_COLUMN
from app.domain.i18n import tr_app, tr_marked
from app.domain.labels import ENTITY_LABELS, apart_label, kind_label
from app.domain.schema import Entity, System
from app.domain.values import format_cop, format_count, format_stake, money_str
from app.reconcile.results import Duplicate, Link, Mismatch, Report

_MONEY_FIELDS = {"crm_amount", "erp_amount", "at_stake", "apart"}


def mismatch_json(m: Mismatch) -> dict[str, Any]:
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


def warnings(issues: list[SourceIssue]) -> list[str]:
    """The sentences to read before the figures: one per file whose records have no id."""
    out: list[str] = []
    for issue in issues:
        if issue.reason != NO_ID_COLUMN:
            continue
        kind = said(ENTITY_LABELS.get(issue.entity, str(issue.entity))).lower()
        out.append(tr_app(
            "app.reconcile", "Atención: el archivo {file} ({system}, {entity}) no tiene columna "
            "de identificador; sus registros se nombran por su línea en el archivo («línea 2», "
            "«línea 3»…). Si la tiene con otro encabezado, indíquela en el mapeo como source_id."
        ).format(file=issue.value or "", system=issue.system.value.upper(), entity=kind))
    return out


def to_json(report: Report) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "warnings": warnings(report.issues),
        "cuadre_version": __version__,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat(),
        "sources": report.sources,
    }
    doc["pull"] = [p.to_json() for p in report.pulls]
    doc["comparison"] = [c.to_json() for c in report.compared]
    doc["source_issues"] = [issue_json(i) for i in report.issues]
    if report.failures:
        doc["unread"] = {entity.value: why for entity, why in report.failures.items()}
    for entity, result in report.results.items():
        doc[entity.value] = {
            "links": [_link(x) for x in result.links],
            "duplicates": [_duplicate(x) for x in result.duplicates],
            "mismatches": [mismatch_json(x) for x in result.mismatches],
            "summary": summary_json(result.summary(), result.apart()),
        }
    return doc


def pull_text(report: Report) -> str:
    """How the sources were read, in words. Everything read whole: one line with the count
    and why (a line per reason when they differ); else a heading, a line per system and
    entity, and how the comparison went."""
    from app.reconcile.incremental import describe_pulls, is_incremental

    if not report.pulls:
        return ""
    if not is_incremental(report.pulls):
        return _whole_text(report)
    lines = [tr_app("app.reconcile", "Lectura incremental (solo lo cambiado):"),
             *(f"  {line}" for line in describe_pulls(report.pulls))]
    mine = [c for c in report.compared if c.mode == "incremental"]
    if mine:
        lines.append(tr_app("app.reconcile", "Comparación incremental: {n} de {total} registros "
                            "comparados (los que tocan los cambios)").format(
            n=format_count(sum(c.records for c in mine)),
            total=format_count(sum(c.total for c in mine))))
    elif report.compared:
        lines.append(tr_app("app.reconcile", "Comparación completa: {total} registros "
                            "comparados").format(
            total=format_count(sum(c.total for c in report.compared))))
    return "\n".join(lines)


def _whole_text(report: Report) -> str:
    """«Lectura completa: 18.995 registros leídos (no hay una lectura anterior guardada).»;
    with several reasons, a line per reason naming what it concerns."""
    from app.reconcile.incremental import pull_place

    read = format_count(sum(p.records for p in report.pulls))
    why: dict[str, list[str]] = {}
    for p in report.pulls:
        why.setdefault(p.reason or "", []).append(pull_place(p))
    if len(why) == 1:
        (reason,) = why
        text = tr_app("app.reconcile", "Lectura completa: {n} registros leídos").format(n=read)
        return f"{text} ({reason})." if reason else f"{text}."
    lines = [tr_app("app.reconcile", "Lectura completa: {n} registros leídos:").format(n=read)]
    for reason, where in why.items():
        shown = reason or tr_app("app.reconcile", "sin motivo anotado")
        lines.append(f"  {shown[:1].upper()}{shown[1:]}: {', '.join(where)}.")
    return "\n".join(lines)


def said(label: str) -> str:
    """A Spanish name of :mod:`app.domain.labels` in the current language."""
    return tr_marked("labels", label)


def count_text(n: int) -> str:
    return format_count(n)


Summary = Sequence[tuple[str, int, Decimal]]


def summary_rows(label: str, entity: Entity, summary: Summary, apart: Summary = ()
                 ) -> list[tuple[str, str, str, str]]:
    """The table's rows of one entity: a row per kind (count, pesos at stake or «—»), its
    total, then each amount counted but not at stake, apart (no count: its kind's row has it)."""
    rows = [(label, said(kind_label(entity, kind)), count_text(count), format_stake(stake))
            for kind, count, stake in summary]
    rows.append((label, tr_app("app.reconcile", "Total"),
                 count_text(sum(c for _, c, _ in summary)),
                 format_stake(sum((s for _, _, s in summary), Decimal(0)))))
    not_at_stake = tr_app("app.reconcile", "{label} (no en juego)")
    rows += [(label, not_at_stake.format(label=said(apart_label(entity, kind))), "",
              format_cop(amount)) for kind, count, amount in apart if count]
    return rows


def summary_table(report: Report) -> str:
    """Plain-text table: entity, kind, count and pesos at stake, with totals per entity and the
    amounts shown apart; the :func:`warnings` first, each on its own line."""
    rows: list[tuple[str, str, str, str]] = []
    for entity, result in report.results.items():
        rows += summary_rows(said(ENTITY_LABELS[entity]), entity, result.summary(),
                             result.apart())
    table = text_table(summary_head(tr_app("app.reconcile", "Entidad")), rows)
    first = warnings(report.issues)
    return "\n".join(first) + "\n\n" + table if first else table


def summary_head(first: str) -> tuple[str, str, str, str]:
    """The summary table's heading, ``first`` over the first column."""
    return (first, tr_app("app.reconcile", "Diferencia"), tr_app("app.reconcile", "Cantidad"),
            tr_app("app.reconcile", "En juego"))


def summary_json(summary: Summary, apart: Summary = ()) -> dict[str, Any]:
    """Count and pesos at stake per finding kind, money as exact text; a kind whose amount is
    counted but not at stake has it as ``apart``."""
    doc: dict[str, Any] = {kind: {"count": count, "at_stake": money_str(stake)}
                           for kind, count, stake in summary}
    for kind, _count, amount in apart:
        doc.setdefault(kind, {"count": 0, "at_stake": "0.00"})["apart"] = money_str(amount)
    return doc


def issue_json(i: SourceIssue) -> dict[str, Any]:
    return {"system": i.system.value, "entity": i.entity.value, "source_id": i.source_id,
            "column": i.column, "reason": i.reason, "value": i.value}


def text_table(head: tuple[str, str, str, str], rows: list[tuple[str, str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = [
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}"
        for r in [head, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
