"""Cuadre's window (PySide6): thin Qt adapters over what ``app`` returns.

Nothing here decides what is a difference: ``app.reconcile`` does. The window runs the engine's
generator tasks on a worker thread (``ui.common.tasks``), adapts its results to Qt models
(``ui.models``) and shows them (``ui.widgets``, ``ui.windows``). All text is Spanish (es-CO)
and goes through Qt's translator so a second language can be added later.
"""
