"""Integration tests: connectors against real servers (HTTP on 127.0.0.1, SQLite, PostgreSQL)."""
