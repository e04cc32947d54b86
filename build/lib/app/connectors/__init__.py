"""Connectors: each pulls one real system's records into the canonical schema (DESIGN §2–3).

``base`` is the one small protocol they implement (pull, read, apply → ``Outcome``) and what
they report and raise; ``values`` how they all compare values in a compare-and-set;
``creations`` and ``merge_check`` how a creation and a merge are recognised and checked;
``http`` the HTTP client REST and Odoo share. One package per family, each standing alone:
``files`` (CSV/XLSX exports; its readers are shared), ``sql`` (any SQLAlchemy URL), ``rest``
(a REST/JSON API), ``odoo`` (XML-RPC or JSON-2). The demo's fakes live in ``app/demo``.
"""
