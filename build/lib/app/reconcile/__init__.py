"""Reconciliation: the two systems' records of each entity linked, and what differs typed.

``engine`` runs it (pull both systems, reconcile each entity, return a ``Report``); per entity,
``customers``, ``payments`` and ``vehicles`` link records by exact keys first (``keys``, with
``groups`` for duplicates), then the residue by fuzzy matching under blocking (``fuzzy``,
``scoring``, ``names``), and ``explain`` says in one sentence why two records were linked.
``results`` holds what a run finds (links, duplicate groups, typed mismatches); ``profile`` a
dealership's tolerances; ``export`` writes the report as JSON and as a text summary; ``gcpause``
keeps the garbage collector out of the way of a big run.
"""
