"""Tablero: what the joined data says — summary, follow-ups, funnel, stock, renewal.

``dashboard_tab`` is the tab (it computes the insights on its worker and proposes follow-ups
through the corrections session); each view is its own module (``summary_view``,
``followups_view``, ``funnel_view``, ``stock_view``, ``renewal_view``) on the base in
``insight_view``; ``insight_table`` is the read-only table model and the texts their columns
share.
"""
