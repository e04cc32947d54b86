"""Cuadre's window (PySide6): thin Qt adapters over what ``app`` returns.

Nothing here decides what is a difference: ``app.reconcile`` does. ``main`` starts the
application and ``main_window`` holds the tabs; each feature has its folder — ``reconcile``
(Clientes, Pagos, Inventario), ``count`` (Conteo físico), ``dashboard`` (Tablero), ``audit``
(Auditoría), and under them what the tabs embed: ``corrections`` (proposing, deciding and
sending) and ``connections`` (the profiles). ``common`` is what every screen shares: the
worker that runs the engine's generator tasks off the GUI thread, formatting, table models and
views. ``selftest`` is the window's part of ``cuadre --self-test``. The layers go one way
(contract ``ui-layers`` in ``pyproject.toml``). All text is Spanish (es-CO) and goes through
Qt's translator so a second language can be added later.
"""
