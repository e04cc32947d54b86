"""Qt item models that adapt the engine's results (lists of findings) for views."""
