"""Connectors: each pulls one system's records into the canonical schema (DESIGN §2–3)."""
