"""Tablero: what the joined data says — summary, follow-ups, funnel, stock, renewal."""
