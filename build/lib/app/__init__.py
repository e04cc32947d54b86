"""Cuadre's engine: pulls CRM and ERP records, reconciles them and reports what disagrees.

Nothing under ``app`` imports Qt; the window lives in ``ui`` and only adapts what this package
returns. ``tests/unit/test_architecture.py`` enforces it.
"""

__version__ = "0.1.0"
