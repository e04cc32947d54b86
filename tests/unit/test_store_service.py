"""The correction service and maker-checker on SQLite (the same cases run on PostgreSQL in
``tests/integration/test_store_postgres.py``)."""

from __future__ import annotations

import pytest
from support.store_cases import *  # noqa: F403

from app.store import open_store


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'workspace.sqlite'}") as opened:
        yield opened
        with opened.engine.connect() as conn:  # whatever the test did, the file is sound
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
