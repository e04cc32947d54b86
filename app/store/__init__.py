"""The local workspace store: people, corrections, the audit trail (SQLite or PostgreSQL)."""

from app.store.db import (
    Store,
    StoreError,
    configured_url,
    default_url,
    network_share,
    open_configured_store,
    open_store,
)
from app.store.models import ROLES, SCHEMA_VERSION, STATES

__all__ = ["ROLES", "SCHEMA_VERSION", "STATES", "Store", "StoreError", "configured_url",
           "default_url", "network_share", "open_configured_store", "open_store"]
