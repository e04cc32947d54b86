"""Conexiones: connection profiles — sources, column mappings, tolerances, Probar conexión."""
