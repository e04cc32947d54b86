"""Fixtures for the integration tests: the sandbox CRM/ERP servers on 127.0.0.1.

``sandbox`` is a fresh server per test (the demo data in memory, no faults), so a test may
write and inject faults freely; the demo files are generated once per session in the session's
data folder (``CUADRE_DATA_DIR``, a temporary folder — never the user's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.demo import DemoFiles, ensure_demo
from app.demo.sandbox import Sandbox
from app.progress import run


@pytest.fixture(scope="session")
def demo_data(cuadre_data_dir: Path) -> DemoFiles:
    """The demo CRM/ERP SQLite files the sandbox serves (written once per session)."""
    return run(ensure_demo(data_dir=cuadre_data_dir))


@pytest.fixture
def sandbox(demo_data: DemoFiles, cuadre_data_dir: Path) -> Iterator[Sandbox]:
    """A running sandbox on a free port of 127.0.0.1, stopped (every thread joined) after."""
    with Sandbox(port=0, data_dir=cuadre_data_dir) as sb:
        yield sb


@pytest.fixture
def rest(sandbox: Sandbox) -> Iterator[Callable[..., Any]]:
    """``rest("crm", **options)``: a RestConnector on the sandbox with its token and quick
    retries (tests wait tenths of a second, not the production backoff); closed after."""
    from app.connectors.rest.connector import RestConnector

    made: list[RestConnector] = []

    def make(system: str, **options: Any) -> RestConnector:
        options.setdefault("retry_base_delay", 0.01)
        secret = options.pop("secret", sandbox.token)
        connector = RestConnector(sandbox.url(system), system, secret=secret, **options)
        made.append(connector)
        return connector

    yield make
    for connector in made:
        connector.close()
