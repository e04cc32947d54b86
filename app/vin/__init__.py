"""«¿Dónde está este VIN?»: one vehicle across the CRM, the ERP and the last physical count.

- ``records``: what the two systems hold of one VIN — the vehicle in each system, the CRM's
  deal, the ERP's invoice, the customers' names — as plain dataclasses, built from the frames a
  reconciliation pulled (or a live read pulls).
- ``index``: a saved run keeps those records per VIN (the ``run_vins`` table), in the
  transaction that saves it (``app.writeback.runs.save_run`` calls it); only the latest run of
  a workspace keeps them. A VIN that agrees in both systems, with no finding, is there too.
- ``lookup``: the answer for a VIN or its last characters: the saved records, where and when
  it was last counted (``app.count.saved``), every finding on it still alive
  (``app.findings``) — read from the store in well under a second.
- ``live``: «Actualizar» / ``--live``: the two systems read again for that VIN, as a task
  with progress and cancel.

It stands above the findings and the count and below the correction loop. No Qt.
"""
