"""The task runner: results, progress, cancellation, failures and the newest-task-wins rule."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator

import pytest
from ui_fakes import failing_task, quick_task, slow_task

from app.progress import Progress
from ui.common.tasks import TaskRunner, user_message


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    yield runner
    assert runner.shutdown(), "the worker thread was still running"


def test_a_task_reports_progress_then_its_result(qtbot, runner: TaskRunner) -> None:
    seen: list[Progress] = []
    runner.progress.connect(seen.append)
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(quick_task("listo", steps=3))
    assert blocker.args == ["listo"]
    assert seen and seen[0].step == "compare_customers"
    assert not runner.running


def test_cancel_stops_a_running_task(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    finished: list[object] = []
    runner.finished.connect(finished.append)
    with qtbot.waitSignal(runner.progress, timeout=5000):
        runner.start(slow_task(started))
    assert runner.running and started.is_set()
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.cancel()
    assert not runner.running
    assert finished == []


def test_a_failure_becomes_a_spanish_message_and_a_log_entry(
    qtbot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="ui.common.tasks"):
        with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
            runner.start(failing_task(sqlite3.OperationalError("no such table: clientes")))
    message = blocker.args[0]
    assert message == "No se pudo leer una de las bases de datos de origen."
    assert "no such table" not in message  # the English detail stays in the log
    assert any(r.exc_info and "no such table" in str(r.exc_info[1]) for r in caplog.records)
    assert not runner.running


def test_starting_a_new_task_cancels_the_old_one_and_drops_its_results(
    qtbot, runner: TaskRunner
) -> None:
    started = threading.Event()
    results: list[object] = []
    cancelled: list[bool] = []
    runner.finished.connect(results.append)
    runner.cancelled.connect(lambda: cancelled.append(True))
    with qtbot.waitSignal(runner.progress, timeout=5000):
        runner.start(slow_task(started))
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(quick_task("nuevo"))
    assert results == ["nuevo"]
    assert cancelled == []  # the old task's cancellation is not news to anyone
    assert not runner.running


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (FileNotFoundError("x"), "No se encontró un archivo o carpeta que la tarea necesita."),
        (PermissionError("x"), "No hay permiso para leer o escribir en la carpeta de datos."),
        (ValueError("bad"), "Los datos de origen tienen un valor que no se pudo interpretar."),
        (RuntimeError("boom"), "La tarea falló por un error inesperado."),
    ],
)
def test_user_messages_are_spanish_sentences(exc: Exception, expected: str) -> None:
    assert user_message(exc) == expected
