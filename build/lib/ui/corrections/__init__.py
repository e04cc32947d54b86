"""Correcciones: proposing, deciding and sending corrections and merges in the window.

The panel under the side-by-side view, the queue tab, the push dialog, the merge dialog and the
people dialog; ``corrections_session`` is the window's one way to the correction loop.
"""
