"""Top-level windows: the main window with one tab per entity."""
