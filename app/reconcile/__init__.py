"""Reconciliation: exact keys first (this package), fuzzy residue next; typed results."""
