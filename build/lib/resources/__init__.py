"""Bundled data files (DIVIPOLA list, style sheet, icons), read with importlib.resources."""
