"""Odoo, the ERP many Colombian dealerships run, over XML-RPC (Odoo ≤ 18) or JSON-2 (19+).

From the bottom up: ``values`` converts Odoo's values; ``rpc`` speaks the two protocols
(positional arguments, as Odoo's own code calls its ORM); ``operation`` is one operation's
connection, field lists and related records, asking the connector only for its settings
(a Protocol); ``stock`` reads vehicles (lots, quants, open deliveries, sale orders);
``session`` reads one entity's records as canonical rows; ``write`` applies one correction as
a compare-and-set; ``connector`` is the Connector, on top of them all.
"""
