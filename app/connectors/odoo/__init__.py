"""Odoo, the ERP many Colombian dealerships run, over XML-RPC (Odoo ≤ 18) or JSON-2 (19+).

``rpc`` speaks the two protocols (positional arguments, as Odoo's own code calls its ORM);
``connector`` is the Connector; ``session`` reads one entity's records with their related
records; ``stock`` reads vehicles (lots, quants, open deliveries, sale orders); ``write``
applies one correction as a compare-and-set; ``values`` converts Odoo's values.
"""
