"""Clientes, Pagos, Inventario: the findings of a reconciliation, side by side.

``entity_tab`` is one tab (the summary by kind from ``ui.common.summary``, the findings table,
the side-by-side panel and the corrections panel under it), ``findings_model`` its table model,
``findings_proxy`` the table's filters and order (computed by ``findings_order`` over columns,
on a worker when the table is big),
``finding_rows`` what a row adds to its finding from the records (both customers' names, a
one-sided row's values, the words a search finds), ``side_by_side`` the records compared
field by field, ``profile_picker`` what the window reconciles.

The findings' life (``app.findings``): ``life_widgets`` the state, owner and age filters over
the table and the panel that says where the current finding stands; ``finding_actions`` what
people do with the selected findings (assign, explain, reopen, match by hand, undo a match),
each call off the GUI thread; ``life_dialogs`` «Asignar a…» and «Explicar…»;
``candidates_dialog`` «Conciliar a mano…», the other system's records ranked, the difference
and its reason.
"""
