"""The two systems a reconciliation reads, and how they are opened.

``profiles`` holds connection profiles (two sources with their mappings, tolerances,
thresholds and system of record; never a secret) and their JSON store; ``sources`` reads a
source string (``--crm``/``--erp``: a file, a database URL, an API, ``odoo://…``) and opens its
connector; ``systems`` opens a profile's CRM and ERP and reconciles them.
"""
