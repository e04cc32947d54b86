"""Clientes, Pagos, Inventario: the findings of a reconciliation, side by side.

``entity_tab`` is one tab (the summary by kind from ``ui.common.summary``, the findings table,
the side-by-side panel and the corrections panel under it), ``findings_model`` its table model,
``finding_rows`` what a row adds to its finding from the records (both customers' names, a
one-sided row's values, the words a search finds), ``side_by_side`` the records compared
field by field, ``profile_picker`` what the window reconciles.
"""
