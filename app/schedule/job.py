"""The run the scheduler starts: ``cuadre schedule run --profile NOMBRE``.

:func:`scheduled_run` reconciles the profile, saves the reconciliation in the workspace (as
``cuadre workspace reconcile`` does, so the window, the findings and the corrections see it),
compares it with the previous saved run (:mod:`app.schedule.alerts`) and, when a threshold is
passed, writes the manager's PDF and sends the alert: e-mail with the PDF attached
(:mod:`app.schedule.mail`) and/or a desktop notification (:mod:`app.schedule.notify`).

Nobody watches a scheduled run, so everything it does — and every failure — goes to its own
log, ``<data folder>/logs/schedule.log``, PII and secrets masked
(:class:`app.security.logs.RedactingFormatter`); a run that fails says so by the alert's
channels too, when they work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.i18n import speaking, tr_app
from app.paths import data_dir
from app.schedule.alerts import Change, Thresholds, change_of, crossed, failure_message, message
from app.schedule.backends import slug
from app.schedule.config import ScheduleEntry, load_smtp
from app.schedule.errors import ScheduleError
from app.schedule.runner import Runner

if TYPE_CHECKING:
    from app.connections.profiles import ConnectionProfile
    from app.reconcile.results import Report
    from app.writeback.runs import RunView

log = logging.getLogger("cuadre.schedule")

LOG_NAME = "schedule.log"
REPORTS_FOLDER = "informes"
#: PDFs kept per profile; older ones are removed after a new one is written.
KEEP_REPORTS = 30


def log_path() -> Path:
    return data_dir() / "logs" / LOG_NAME


@contextmanager
def schedule_log() -> Iterator[Path]:
    """The schedule's own log file, PII masked, for the length of the block."""
    from app.security.logs import RedactingFormatter

    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    previous = log.level
    log.setLevel(logging.INFO)
    try:
        yield path
    finally:
        log.removeHandler(handler)
        log.setLevel(previous)
        handler.close()


@dataclass
class Outcome:
    """What one scheduled run did."""

    profile: str
    change: Change | None = None
    reasons: list[str] = field(default_factory=list)
    pdf: Path | None = None
    mailed: tuple[str, ...] = ()
    notified: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def failed(self, what: str) -> None:
        self.problems.append(what)
        log.error("%s: %s", self.profile, what)


def scheduled_run(entry: ScheduleEntry, runner: Runner, *, platform: str | None = None,
                  progress: Callable[[object], None] | None = None) -> Outcome:
    """Reconcile, save, compare and alert for ``entry``; never raises for what a source, the
    store, the PDF, the mail server or the desktop does: it is in the outcome and the log."""
    outcome = Outcome(entry.profile)
    with schedule_log() as where:
        log.info("%s: scheduled run started", entry.profile)
        try:
            saved = _reconcile_and_save(entry, outcome, progress)
        except Exception as exc:  # whatever stops the run is logged and alerted
            what = _reason(exc)
            log.exception("%s: scheduled run failed", entry.profile)
            outcome.failed(what)
            subject, body = failure_message(entry.profile, what, str(where))
            _alert(entry, outcome, runner, (subject, body, what), None, platform)
            return outcome
        if saved is not None:
            _alert_change(entry, outcome, runner, saved, platform)
        log.info("%s: scheduled run ended (%s)", entry.profile,
                 "ok" if outcome.ok else f"{len(outcome.problems)} problem(s)")
    return outcome


def _reason(exc: Exception) -> str:
    from app.connections.profiles import ProfileError
    from app.connectors.base import SourceError
    from app.store.errors import StoreError
    from app.writeback.errors import CorrectionError

    if isinstance(exc, ScheduleError | SourceError | StoreError | CorrectionError | ProfileError):
        return str(exc)
    if isinstance(exc, OSError):
        return tr_app("app.schedule", "no se pudo leer o escribir un archivo: {why}").format(
            why=exc.strerror or type(exc).__name__)
    return tr_app("app.schedule", "error inesperado ({kind})").format(kind=type(exc).__name__)


def _profile(name: str) -> ConnectionProfile:
    from app.connections.store import ProfileStore

    profile = ProfileStore().get(name)
    if profile is None:
        raise ScheduleError(tr_app("app.schedule", "ya no existe el perfil «{name}»: bórrelo de "
                                   "las programaciones («cuadre schedule remove --profile …») o "
                                   "vuelva a crearlo").format(name=name))
    return profile


@dataclass(frozen=True, slots=True)
class _Saved:
    store_url: str | None
    run: RunView
    previous: RunView | None
    report: Report
    change: Change


def _reconcile_and_save(entry: ScheduleEntry, outcome: Outcome,
                        progress: Callable[[object], None] | None) -> _Saved | None:
    from app.connections.systems import reconcile_systems
    from app.progress import run
    from app.store import open_configured_store
    from app.writeback.runs import latest_run, save_run

    profile = _profile(entry.profile)
    report = run(reconcile_systems(profile), progress)
    workspace = entry.workspace or profile.name
    source = tr_app("app.schedule", "perfil «{name}» (programada)").format(name=profile.name)
    # Saved in the name of who scheduled it, who proved it then (``cuadre schedule add``); a
    # scheduled job only saves runs: proposing, approving and pushing need the person's secret.
    with open_configured_store(entry.store) as store:
        previous = latest_run(store, workspace)
        saved = save_run(store, entry.actor, report, source, workspace,
                         dict(profile.system_of_record))
        change = change_of(store, profile.name, saved, previous)
    outcome.change = change
    log.info("%s: run %s saved: %d findings, %d new, %d resolved", entry.profile, saved.id[:8],
             saved.findings, change.new, change.resolved)
    for why in report.failures.values():
        outcome.failed(tr_app("app.schedule", "no se concilió: {why}").format(why=why))
    return _Saved(entry.store, saved, previous, report, change)


def _alert_change(entry: ScheduleEntry, outcome: Outcome, runner: Runner, saved: _Saved,
                  platform: str | None) -> None:
    outcome.reasons = crossed(saved.change, Thresholds(entry.threshold_findings,
                                                       entry.threshold_pesos))
    unread = list(outcome.problems)  # what the run could not reconcile
    if not outcome.reasons:
        log.info("%s: no threshold passed, no alert", entry.profile)
        if unread:  # still worth saying: part of the data was not looked at
            subject, body = failure_message(entry.profile, "; ".join(unread), str(log_path()))
            _alert(entry, outcome, runner, (subject, body, "; ".join(unread)), None, platform)
        return
    if not entry.emails and not entry.notify:
        log.info("%s: thresholds passed, but no alert is configured", entry.profile)
        return
    pdf = None
    if entry.emails:
        try:
            pdf = write_pdf(entry, saved)
            outcome.pdf = pdf
        except Exception as exc:
            log.exception("%s: the PDF could not be written", entry.profile)
            outcome.failed(tr_app("app.schedule", "no se pudo escribir el informe PDF: "
                                  "{why}").format(why=_reason(exc)))
    subject, body = message(saved.change, outcome.reasons, pdf.name if pdf else None)
    if unread:
        body += "\n" + tr_app("app.schedule", "Atención: {what}.").format(what="; ".join(unread)) + "\n"
    short = tr_app("app.schedule", "Supera el umbral: {reasons}.").format(
        reasons="; ".join(outcome.reasons))
    _alert(entry, outcome, runner, (subject, body, short), pdf, platform)


def _alert(entry: ScheduleEntry, outcome: Outcome, runner: Runner, texts: tuple[str, str, str],
           pdf: Path | None, platform: str | None) -> None:
    """Send the alert by every channel ``entry`` asks for — ``texts``: the subject, the
    e-mail's text and the notification's; what fails is in the outcome."""
    subject, body, short = texts
    if entry.emails:
        try:
            _mail(entry, subject, body, pdf)
            outcome.mailed = entry.emails
            log.info("%s: alert mailed to %d recipient(s)", entry.profile, len(entry.emails))
        except ScheduleError as exc:
            outcome.failed(tr_app("app.schedule", "no se envió el correo: {why}").format(why=exc))
        except OSError as exc:
            outcome.failed(tr_app("app.schedule", "no se envió el correo: {why}").format(
                why=_reason(exc)))
    if entry.notify:
        from app.schedule.notify import notify

        outcome.notified = notify(runner, subject, short, platform=platform)
        if not outcome.notified:
            log.warning("%s: desktop notification not shown (no tool, or it failed)",
                        entry.profile)


def _mail(entry: ScheduleEntry, subject: str, body: str, pdf: Path | None) -> None:
    from app.schedule.mail import build_message, send
    from app.security.secrets import SecretStoreError, get_secret

    settings = load_smtp()
    if settings is None:
        raise ScheduleError(tr_app("app.schedule", "no está configurado el servidor de correo: "
                                   "«cuadre schedule smtp set …»"))
    try:
        password = get_secret(settings.secret_ref())
    except SecretStoreError as exc:
        raise ScheduleError(str(exc)) from None
    send(settings, password, build_message(settings, entry.emails, subject, body, pdf))


def write_pdf(entry: ScheduleEntry, saved: _Saved, *, folder: Path | None = None) -> Path:
    """The manager's PDF of the run (with the workspace's trend and the audit chain's head),
    in ``<data folder>/informes/<perfil>/``; the oldest beyond :data:`KEEP_REPORTS` removed."""
    from app.audit.log import head
    from app.insights import compute
    from app.reports.pdf import manager_summary
    from app.store import open_configured_store
    from app.writeback.runs import runs

    target = folder or data_dir() / REPORTS_FOLDER / slug(entry.profile)
    target.mkdir(parents=True, exist_ok=True)
    stamp = saved.run.saved_at.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path = target / f"cuadre-{slug(entry.profile)}-{stamp}.pdf"
    with open_configured_store(saved.store_url) as store:
        trend = runs(store, saved.run.workspace)
        anchor = head(store)
    with speaking("es"):  # the dealership's documents are Spanish, whatever the terminal speaks
        insights = compute(saved.report, runs=trend)
        manager_summary(path, insights, dealership=saved.change.profile,
                        generated_at=datetime.now(UTC), audit_head=f"{anchor.seq}:{anchor.hash}",
                        report=saved.report)
    for old in sorted(target.glob("cuadre-*.pdf"))[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)
    return path
