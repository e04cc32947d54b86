"""Clientes, Pagos, Inventario: the findings of a reconciliation, side by side.

``entity_tab`` is one tab (summary by kind, the findings table, the side-by-side panel),
``findings_model`` its table model, ``summary`` the list of kinds, ``side_by_side`` the
records compared field by field, ``profile_picker`` what the window reconciles.
"""
