"""Conteo físico: the branch manager's tab — scan or type VINs, import a count, compare."""
