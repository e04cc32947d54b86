"""The closed periods (cierres) in the manager's PDF: the section «Cierres del periodo» and the
certificate's own page, a page two people sign.

A certificate (:class:`app.findings.periods.Certificate`) says which run it certifies, how many
findings of the period stood in each state and with how many pesos, who certified it and when,
who signed it off and when (or that it waits for that signature), the audit head recorded at
each step — what ``cuadre audit verify --anchor`` takes — and, once reopened, who reopened it,
when and why. The figures are the certificate's own (its stored body): pesos written by
:func:`app.domain.values.format_cop`, times in the reader's zone with the zone named
(:func:`app.domain.moments.moment_text`). People appear by their name and login.

Built on the PDF's story (:mod:`app.reports.pdf`), through the few things it offers
(:class:`Page`); no reportlab here beyond a page break.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol
from xml.sax.saxutils import escape

from app.domain.labels import ENTITY_LABELS, FINDING_STATE_LABELS, PERIOD_STATE_LABELS
from app.domain.moments import moment_text
from app.domain.values import format_cop, format_count
from app.findings.periods import Certificate
from app.reports import month_name

VERIFY = "cuadre audit verify --anchor"
PENDING = "pendiente de firma"


@dataclass(frozen=True, slots=True)
class Closings:
    """What a report carries of the workspace's closings: every certification (newest first,
    reopened ones too), the one whose page comes first (``cuadre report --period``), and the
    people's names by login."""

    certificates: Sequence[Certificate] = ()
    first: Certificate | None = None
    names: Mapping[str, str] = field(default_factory=dict)

    def who(self, login: str | None) -> str:
        """«Ana Gómez (ana)», or the login alone when the person is not known by name."""
        if not login:
            return "—"
        name = self.names.get(login, "").strip()
        return f"{name} ({login})" if name and name != login else login


class Page(Protocol):
    """What the PDF's story offers these sections (``app.reports.pdf._Story``)."""

    flow: list[Any]
    title: Any
    note: Any
    mono: Any
    lead: Any

    def text(self, markup: str, style: Any = None) -> None: ...

    def heading(self, title: str) -> None: ...

    def space(self, points: float = 6) -> None: ...

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], numeric: Sequence[int] = (), total: bool = False) -> None: ...


def period_title(c: Certificate) -> str:
    """«Pagos de noviembre de 2026, todas las sedes»."""
    where = c.period.branch or "todas las sedes"
    return f"{ENTITY_LABELS[c.period.entity]} de {month_name(c.period.month)}, {where}"


def when(moment: datetime | None) -> str:
    """A certificate's moment in the reader's zone, the zone named."""
    return moment_text(moment)


def state_rows(c: Certificate, *, all_states: bool) -> list[list[str]]:
    """[state, findings, pesos] per state of the certificate (those with findings unless
    ``all_states``), then the total."""
    counts, pesos = c.counts(), c.pesos()
    rows = [[FINDING_STATE_LABELS.get(state, state), format_count(count),
             format_cop(pesos.get(state, Decimal(0)))]
            for state, count in counts.items() if count or all_states]
    rows.append(["Total", format_count(c.total), format_cop(c.at_stake)])
    return rows


def _anchor_line(label: str, anchor: str | None) -> str:
    if not anchor:
        return ""
    seq, _, digest = anchor.partition(":")
    return (f"{escape(label)}: fila {escape(seq)}, huella "
            f"<font face='CuadreMono'>{escape(digest)}</font>")


def _people_lines(c: Certificate, closings: Closings) -> list[str]:
    lines = [f"<b>Certificó</b> (propone): {escape(closings.who(c.certified_by))}, "
             f"{escape(when(c.certified_at))}"]
    if c.comment:
        lines.append(f"Comentario: «{escape(c.comment)}»")
    if c.signed_by:
        lines.append(f"<b>Firmó</b> (aprueba): {escape(closings.who(c.signed_by))}, "
                     f"{escape(when(c.signed_at))}")
    elif c.state == "reopened":
        lines.append("<b>Firma</b> (aprueba): no se firmó antes de reabrirlo")
    else:
        lines.append(f"<b>Firma</b> (aprueba): {PENDING}")
    if c.reopened_by:
        lines.append(f"<b>Reabierto</b> por {escape(closings.who(c.reopened_by))}, "
                     f"{escape(when(c.reopened_at))}: «{escape(c.reopen_comment or '')}»")
    return lines


def closings_section(page: Page, closings: Closings) -> None:
    """«Cierres del periodo»: each certification of the workspace, newest first (nothing when
    it has none)."""
    if not closings.certificates:
        return
    page.heading("Cierres del periodo")
    live = sum(1 for c in closings.certificates if c.state != "reopened")
    made = len(closings.certificates)
    page.text(escape(f"{format_count(made)} {'cierre' if made == 1 else 'cierres'} en el "
                     f"espacio de trabajo ({format_count(live)} "
                     f"{'vigente' if live == 1 else 'vigentes'}). Cada uno certifica una "
                     "conciliación guardada: sus hallazgos por estado y sus pesos, quién lo "
                     "certificó, quién lo firmó y la cabeza del registro de auditoría en cada "
                     "paso."), page.note)
    page.space(4)
    for c in closings.certificates:
        state = PERIOD_STATE_LABELS.get(c.state, c.state)
        page.text(f"<b>{escape(period_title(c))}</b> — {escape(state)} "
                  f"· cierre {escape(c.id[:8])}", page.lead)
        page.text(escape(f"Conciliación certificada: {c.run_id}"), page.note)
        for line in _people_lines(c, closings):
            page.text(line, page.note)
        for label, anchor in (("Auditoría al certificar", c.certified_anchor),
                              ("Auditoría al firmar", c.signed_anchor)):
            line = _anchor_line(label, anchor)
            if line:
                page.text(line, page.note)
        page.space(2)
        page.table(["Estado", "Hallazgos", "Pesos"], state_rows(c, all_states=False),
                   (0.5, 0.2, 0.3), numeric=(1, 2), total=True)


def closings_rows(closings: Closings) -> tuple[list[str], list[list[Any]]]:
    """«Cierres del periodo» as a sheet's headers and rows (the workbook's): one row per
    certification and state of its findings, newest first; pesos as numbers, times in the
    reader's zone, the zone named."""
    headers = ["Cierre", "Periodo", "Estado del cierre", "Conciliación", "Certificó",
               "Certificado", "Firmó", "Firmado", "Reabierto por", "Reabierto",
               "Auditoría al certificar", "Auditoría al firmar", "Estado de los hallazgos",
               "Hallazgos", "Pesos en juego"]
    rows: list[list[Any]] = []
    for c in closings.certificates:
        head = [c.id, period_title(c), PERIOD_STATE_LABELS.get(c.state, c.state), c.run_id,
                closings.who(c.certified_by), when(c.certified_at),
                closings.who(c.signed_by) if c.signed_by else PENDING if c.state != "reopened"
                else "—", when(c.signed_at) if c.signed_at else None,
                closings.who(c.reopened_by) if c.reopened_by else None,
                when(c.reopened_at) if c.reopened_at else None,
                c.certified_anchor or None, c.signed_anchor or None]
        counts, pesos = c.counts(), c.pesos()
        for state, count in counts.items():
            if count:
                rows.append([*head, FINDING_STATE_LABELS.get(state, state), count,
                             pesos.get(state, Decimal(0))])
        rows.append([*head, "Total", c.total, c.at_stake])
    return headers, rows


def certificate_page(page: Page, closings: Closings) -> None:
    """The first page of ``cuadre report --period``: the certificate, with room for both
    signatures; a page break after it."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak

    c = closings.first
    if c is None:
        return
    command = ParagraphStyle("command", parent=page.mono, fontSize=7.5, leading=9.5)
    state = PERIOD_STATE_LABELS.get(c.state, c.state)
    page.text(escape(f"Certificado de cierre — {period_title(c)}"), page.title)
    page.text(escape(f"Espacio de trabajo «{c.workspace}» · cierre {c.id} · estado: "
                     f"{state.lower()}"), page.note)
    page.space(6)
    page.text(escape(f"Conciliación certificada: {c.run_id}"))
    page.text(escape(f"Hallazgos del periodo: {format_count(c.total)}, con "
                     f"{format_cop(c.at_stake)} en juego, todos explicados, corregidos, "
                     "conciliados o resueltos al certificar."))
    page.space(4)
    page.table(["Estado al certificar", "Hallazgos", "Pesos"], state_rows(c, all_states=True),
               (0.5, 0.2, 0.3), numeric=(1, 2), total=True)
    for line in _people_lines(c, closings):
        page.text(line)
    page.space(6)
    page.text("Cabeza del registro de auditoría registrada:", page.lead)
    for label, anchor in (("Al certificar", c.certified_anchor), ("Al firmar", c.signed_anchor)):
        if anchor:
            page.text(_anchor_line(label, anchor), page.note)
            page.text(escape(f"{VERIFY} {anchor}"), command)
    page.text(escape(f"Huella del certificado: sha256:{c.body_hash}"), page.note)
    page.space(28)
    _signatures(page, c, closings)
    page.flow.append(PageBreak())


def _signatures(page: Page, c: Certificate, closings: Closings) -> None:
    """Two signature lines: who certified and who signs off (blank when still pending)."""
    line = "_" * 34
    signer = closings.who(c.signed_by) if c.signed_by else PENDING
    signed_at = when(c.signed_at) if c.signed_at else ""
    page.table(["Certificó (propone)", "Firmó (aprueba)"],
               [[line, line], [closings.who(c.certified_by), signer],
                [when(c.certified_at), signed_at]],
               (0.5, 0.5))
