"""The local workspace store (SQLite or PostgreSQL): the lowest layer that keeps anything.

``models`` are the tables (people, corrections, the outbox, saved runs, the audit trail and its
head); ``db`` opens a store, creates or upgrades its schema and hands out read and write
sessions; ``triggers`` keep the trail append-only in the database itself; ``chain`` appends one
hash-chained audit row; ``values`` are the exact encodings the store hashes and keeps;
``errors`` is what it says when it cannot be used. It imports no use case: what is kept here is
decided by ``app.writeback`` and read back by ``app.audit``.
"""

from app.store.db import (
    Store,
    configured_url,
    default_url,
    network_share,
    open_configured_store,
    open_store,
)
from app.store.errors import StoreError
from app.store.models import ROLES, SCHEMA_VERSION, STATES

__all__ = ["ROLES", "SCHEMA_VERSION", "STATES", "Store", "StoreError", "configured_url",
           "default_url", "network_share", "open_configured_store", "open_store"]
