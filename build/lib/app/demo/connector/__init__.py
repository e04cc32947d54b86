"""Connectors for the demo CRM and demo ERP SQLite files (``app/demo/systems.py``).

``DemoCrm`` (``crm``) and ``DemoErp`` (``erp``) read each system's own tables and map them to
the canonical schema: document numbers without dots or DV, DIVIPOLA codes for free-text
cities, phones as 10 digits, amounts as ``Decimal``, timestamps with their zone
(``reading``). Besides what is reconciled, they give what the dealer insights read: the ERP's
invoices, workshop visits and contracts, the CRM's follow-ups (a CRM asked for an ERP-only
entity, or the other way round, raises ``ValueError``: the engine takes it as "not in this
source").

They are also writable, so the whole write-back loop works on the embedded demo
(``writing``): ``apply(correction)`` as a compare-and-set, creations of CRM follow-ups, and
``merge(request)`` all at once or not at all, each once per idempotency key; a canonical
value is written to the raw columns by the system's field writers (``fields``).
"""

from app.demo.connector.crm import DemoCrm
from app.demo.connector.erp import DemoErp

__all__ = ["DemoCrm", "DemoErp"]
