"""«Feed de anuncios…» (the «Inventario» view of the «Tablero»): the stock feed for ads, written
off the GUI thread.

A save dialog asks where, and its file type says which format: Meta's vehicle catalog,
Google's vehicle ads feed or the «Quedan N» lines (CSV each). The work —
reading the feed's settings (:func:`app.connections.feed.feed_settings`: the demo's, or
``feed.json`` in the data folder), building the rows and writing the file whole
(:func:`app.insights.feed.feed_task`) — runs on this object's own
:class:`~ui.common.tasks.TaskRunner`; the tab's «Cancelar» stops it. What was written and
every vehicle left out, with its reason, are said in a non-blocking message box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.insights.feed_settings import FeedSettingsError
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from ui.common import formatting as fmt
from ui.common.formatting import QT_TRANSLATE_NOOP
from ui.common.tasks import TaskRunner

if TYPE_CHECKING:  # the feed (pandas) loads with the first export
    from app.insights.feed import FeedResult

#: The save dialog's file types, one per format (their order is the formats').
FILTERS = (("meta", QT_TRANSLATE_NOOP("FeedExport", "Catálogo de vehículos de Meta (*.csv)")),
           ("google", QT_TRANSLATE_NOOP("FeedExport", "Anuncios de vehículos de Google (*.csv)")),
           ("csv", QT_TRANSLATE_NOOP("FeedExport", "Líneas «Quedan N» por modelo (*.csv)")))
DEFAULT_NAMES = {"meta": "feed_meta.csv", "google": "feed_google.csv", "csv": "quedan.csv"}


@dataclass(frozen=True)
class Written:
    """What the worker hands back: the feed, where, and the note about missing settings."""

    result: FeedResult
    path: Path
    note: str | None


class FeedExport(QObject):
    """Asks for the file, writes the feed on a worker, says what it did."""

    message = Signal(str)  # a sentence for the status bar and the view
    written = Signal(object)  # the FeedResult, once the file is in place

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(lambda: self.message.emit(self.tr(
            "Feed cancelado: no se escribió nada.")))
        self.last_details = ""

    def ask_file(self) -> tuple[Path, str] | None:
        """Where to write and in which format, from a save dialog (None: cancelled)."""
        filters = [self.tr(text) for _code, text in FILTERS]
        name, chosen = QFileDialog.getSaveFileName(
            self.widget, self.tr("Guardar el feed de anuncios"),
            str(Path.home() / DEFAULT_NAMES["meta"]), ";;".join(filters))
        if not name:
            return None
        code = next((c for (c, _t), f in zip(FILTERS, filters, strict=True) if f == chosen),
                    "meta")
        path = Path(name)
        return (path if path.suffix else path.with_suffix(".csv")), code

    def start(self, report: Report | None) -> str | None:
        """Ask where and write the feed of ``report``; None when started, else why not."""
        if report is None:
            return self.tr("Concilie primero (F5): el feed sale del inventario del ERP.")
        if self.runner.running:
            return self.tr("Espere: ya se está escribiendo un feed.")
        chosen = self.ask_file()
        if chosen is None:
            return self.tr("No se escribió el feed.")
        path, code = chosen
        self.message.emit(self.tr("Escribiendo el feed en {path}…").format(path=path))
        self.runner.start(lambda cancel: _task(report, code, path, cancel))
        return None

    def cancel(self) -> None:
        self.runner.cancel()

    @Slot(object)
    def _on_finished(self, outcome: Any) -> None:
        if isinstance(outcome, str):
            self._say_failure(outcome)
            return
        if not isinstance(outcome, Written):
            return
        result = outcome.result
        if result.unavailable:
            self._say_failure(result.unavailable)
            return
        omitted = len(result.omitted)
        text = (self.tr("Feed escrito en {path}: {rows} filas; {omitted} vehículos omitidos.")
                if omitted else self.tr("Feed escrito en {path}: {rows} filas.")).format(
            path=outcome.path, rows=fmt.count(len(result.rows)), omitted=fmt.count(omitted))
        from app.insights.feed import summary_lines

        lines = summary_lines(result)
        if outcome.note:
            lines.insert(0, outcome.note)
        self.last_details = "\n".join(lines)
        self.message.emit(text)
        self.written.emit(result)
        self.show_result(text, self.last_details)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say_failure(message)

    def _say_failure(self, why: str) -> None:
        text = self.tr("No se escribió el feed: {why}").format(why=why)
        self.last_details = ""
        self.message.emit(text)
        self.show_result(text, "")

    def show_result(self, text: str, details: str) -> None:
        """What was written and what was left out: a non-blocking message box."""
        box = QMessageBox(self.widget)
        box.setObjectName("feedBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Feed de anuncios"))
        box.setText(text)
        if details:
            first, _, rest = details.partition("\n")
            box.setInformativeText(first)
            if rest:
                box.setDetailedText(rest)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _task(report: Report, code: str, path: Path, cancel: CancelToken) -> Task[Written | str]:
    """Read the settings, build and write the feed (a settings or disk problem: a sentence)."""
    yield Progress("feed_settings", 0, 1)
    from app.connections.feed import feed_settings  # the demo's files: on the first export

    try:
        settings, where = feed_settings(report.sources)
    except FeedSettingsError as exc:
        return str(exc)
    from app.insights.data import from_report  # pandas: with the first export
    from app.insights.feed import feed_task, no_settings_line

    note = no_settings_line(where) if settings.source is None and code != "csv" else None
    try:
        result = yield from feed_task(from_report(report), settings, code, path, cancel=cancel)
    except OSError as exc:
        return fmt.tr("No se pudo escribir {path}: {why}").format(
            path=path, why=exc.strerror or type(exc).__name__)
    return Written(result, path, note)
