"""What a scheduled run changed, and whether it is worth an alert.

A saved run updates its workspace's findings (:mod:`app.findings.life`): the ones it found
for the first time — or again, after they had been resolved — begin their life with it
(``since_at`` ≥ the run's time, ``last_run`` = the run), and the ones it no longer found are
resolved by it (``resolved_run``). :func:`change_of` reads those, with their pesos at stake
as the run computed them (:mod:`app.reconcile.stake`), and the previous saved run for the
totals before. :func:`crossed` says which thresholds the change passes: a number of new
findings, pesos at stake in the new findings — either is enough; with neither set, any new
finding is. :func:`message` is the alert's subject and text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from app.domain.i18n import tr_app, tr_marked
from app.domain.labels import entity_label, kind_label
from app.domain.moments import moment_text
from app.domain.schema import Entity
from app.domain.values import format_cop, format_count
from app.store.db import Store
from app.store.models import FindingRow
from app.writeback.runs import RunView

#: Kinds a message lists at most (the rest are summed in one line).
LISTED_KINDS = 8


@dataclass(frozen=True, slots=True)
class KindChange:
    entity: str
    kind: str
    new: int
    pesos: Decimal

    def label(self) -> str:
        try:
            entity = Entity(self.entity)
        except ValueError:
            return f"{self.entity} · {self.kind}"
        return f"{tr_marked('labels', entity_label(entity))} · " \
               f"{tr_marked('labels', kind_label(entity, self.kind))}"


@dataclass(frozen=True, slots=True)
class Change:
    """What ``run`` changed against ``previous`` (None: the workspace's first run)."""

    profile: str
    run: RunView
    previous: RunView | None
    new: int
    new_pesos: Decimal
    resolved: int
    kinds: tuple[KindChange, ...]

    def to_json(self) -> dict[str, object]:
        return {"profile": self.profile, "run": self.run.id, "workspace": self.run.workspace,
                "previous": None if self.previous is None else self.previous.id,
                "findings": self.run.findings, "at_stake": str(self.run.at_stake),
                "new": self.new, "new_at_stake": str(self.new_pesos), "resolved": self.resolved,
                "new_by_kind": [{"entity": k.entity, "kind": k.kind, "count": k.new,
                                 "at_stake": str(k.pesos)} for k in self.kinds]}


@dataclass(frozen=True, slots=True)
class Thresholds:
    findings: int | None = None
    pesos: Decimal | None = None


def change_of(store: Store, profile: str, run: RunView, previous: RunView | None) -> Change:
    """What the saved ``run`` found new and resolved, by kind, with its pesos at stake."""
    with store.read() as session:
        new_rows = session.execute(
            select(FindingRow.entity, FindingRow.kind, FindingRow.at_stake)
            .where(FindingRow.workspace == run.workspace, FindingRow.last_run == run.id,
                   FindingRow.since_at >= run.saved_at)).all()
        resolved = session.scalar(select(func.count()).select_from(FindingRow).where(
            FindingRow.workspace == run.workspace, FindingRow.resolved_run == run.id)) or 0
    counts: Counter[tuple[str, str]] = Counter()
    pesos: dict[tuple[str, str], Decimal] = {}
    for entity, kind, stake in new_rows:
        counts[(entity, kind)] += 1
        pesos[(entity, kind)] = pesos.get((entity, kind), Decimal(0)) + Decimal(stake or 0)
    kinds = sorted((KindChange(e, k, n, pesos[(e, k)]) for (e, k), n in counts.items()),
                   key=lambda c: (-c.pesos, -c.new, c.entity, c.kind))
    return Change(profile, run, previous, len(new_rows), sum(pesos.values(), Decimal(0)),
                  int(resolved), tuple(kinds))


def crossed(change: Change, thresholds: Thresholds) -> list[str]:
    """The thresholds ``change`` passes, each said in a sentence (none: no alert)."""
    findings = thresholds.findings
    if findings is None and thresholds.pesos is None:
        findings = 1
    reasons = []
    if findings is not None and change.new >= max(findings, 1):
        reasons.append(tr_app("app.schedule", "{new} (umbral: {limit})").format(
            new=new_findings(change.new), limit=format_count(findings)))
    if thresholds.pesos is not None and change.new_pesos > 0 \
            and change.new_pesos >= thresholds.pesos:
        reasons.append(tr_app("app.schedule", "{pesos} en juego en hallazgos nuevos (umbral: "
                              "{limit})").format(pesos=format_cop(change.new_pesos),
                                                 limit=format_cop(thresholds.pesos)))
    return reasons


def new_findings(count: int) -> str:
    """«1 hallazgo nuevo», «3 hallazgos nuevos»."""
    if count == 1:
        return tr_app("app.schedule", "1 hallazgo nuevo")
    return tr_app("app.schedule", "{count} hallazgos nuevos").format(count=format_count(count))


def resolved_findings(count: int) -> str:
    """«1 resuelto», «0 resueltos»."""
    if count == 1:
        return tr_app("app.schedule", "1 resuelto")
    return tr_app("app.schedule", "{count} resueltos").format(count=format_count(count))


def headline(change: Change) -> str:
    """«3 hallazgos nuevos ($ 12.000.000 en juego), 1 resuelto»."""
    return tr_app("app.schedule", "{new} ({pesos} en juego), {resolved}").format(
        new=new_findings(change.new), pesos=format_cop(change.new_pesos),
        resolved=resolved_findings(change.resolved))


def message(change: Change, reasons: list[str], pdf_name: str | None) -> tuple[str, str]:
    """The alert's subject and text."""
    run, before = change.run, change.previous
    subject = tr_app("app.schedule", "Cuadre · {profile}: {headline}").format(
        profile=change.profile, headline=headline(change))
    lines = [tr_app("app.schedule", "La conciliación programada de «{profile}» del {when} "
                    "encontró:").format(profile=change.profile, when=moment_text(run.saved_at)),
             "",
             tr_app("app.schedule", "- Hallazgos nuevos: {count} ({pesos} en juego)").format(
                 count=format_count(change.new), pesos=format_cop(change.new_pesos)),
             tr_app("app.schedule", "- Resueltos desde la anterior: {count}").format(
                 count=format_count(change.resolved)),
             tr_app("app.schedule", "- Hallazgos en total: {count} ({pesos} en juego)").format(
                 count=format_count(run.findings), pesos=format_cop(run.at_stake))]
    if before is not None:
        lines.append(tr_app("app.schedule", "- En la anterior, del {when}: {count} ({pesos} "
                            "en juego)").format(when=moment_text(before.saved_at),
                                             count=format_count(before.findings),
                                             pesos=format_cop(before.at_stake)))
    else:
        lines.append(tr_app("app.schedule", "- Es la primera conciliación guardada de este "
                            "espacio de trabajo: todos sus hallazgos cuentan como nuevos."))
    if change.kinds:
        lines += ["", tr_app("app.schedule", "Nuevos por tipo:")]
        for kind in change.kinds[:LISTED_KINDS]:
            pesos = f" ({format_cop(kind.pesos)})" if kind.pesos else ""
            lines.append(f"- {kind.label()}: {format_count(kind.new)}{pesos}")
        rest = change.kinds[LISTED_KINDS:]
        if rest:
            lines.append(tr_app("app.schedule", "- Otros tipos: {count}").format(
                count=format_count(sum(k.new for k in rest))))
    if reasons:
        lines += ["", tr_app("app.schedule", "Supera el umbral: {reasons}.").format(
            reasons="; ".join(reasons))]
    lines.append("")
    if pdf_name:
        lines.append(tr_app("app.schedule", "El informe PDF va adjunto ({name}).").format(
            name=pdf_name))
    lines.append(tr_app("app.schedule", "Conciliación guardada {id} en el espacio de trabajo "
                        "«{workspace}»: «cuadre findings list» muestra los hallazgos.").format(
        id=run.id[:8], workspace=run.workspace))
    return subject, "\n".join(lines) + "\n"


def failure_message(profile: str, what: str, log_path: str) -> tuple[str, str]:
    """The alert of a scheduled run that failed."""
    subject = tr_app("app.schedule", "Cuadre · {profile}: la conciliación programada falló").format(
        profile=profile)
    body = tr_app("app.schedule", "La conciliación programada de «{profile}» no se completó:\n\n"
                  "{what}\n\nEl detalle quedó en {log}.\n").format(profile=profile, what=what,
                                                                     log=log_path)
    return subject, body
