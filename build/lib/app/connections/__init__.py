"""The two systems a reconciliation reads: what they are, where they are kept, how they open.

``profiles`` is a connection profile as data (two sources with their mappings, tolerances,
thresholds and system of record; never a secret) and its JSON; ``store`` keeps the profiles in
the data folder; ``credentials`` keeps a source's secret in the OS keyring; ``sources`` opens
the connector a source names (``--crm``/``--erp``, a profile's source); ``probe`` is «Probar
conexión»; ``systems`` is the one way to open a CRM and an ERP — the demo, a saved profile or
the ``--crm``/``--erp`` pair — and reconcile them (``open_systems``, ``reconcile_systems``).
"""
