"""The sandbox CRM and ERP: real HTTP servers on 127.0.0.1 seeded with the demo data.

    with Sandbox(port=0) as sb:          # tests: sb.url("crm"), sb.token, sb.faults, sb.requests()
    serve(port, token=None)              # ``cuadre sandbox``: runs until Ctrl+C or SIGTERM

- ``server``: the HTTP side (requests read whole, faults, the request log, start and stop);
  ``rest_api`` answers the REST paths once per ``Idempotency-Key``; ``faults`` are the
  switchable faults.
- ``tables``: the demo files' tables read into memory; ``views``: what each system's API
  shows and accepts of them; ``store``: the live data, read and written under one lock.
- ``odoo``: the emulated Odoo 17 (XML-RPC and JSON-2) mounted beside them: its schema
  (``odoo_schema``), ORM (``odoo_orm``), methods' signatures (``odoo_signatures``), data
  from the demo ERP (``odoo_seed``) and the cases a real Odoo showed (``odoo_cases``).
"""

from app.demo.sandbox.faults import Faults
from app.demo.sandbox.instructions import instructions
from app.demo.sandbox.server import Sandbox, Seen, serve

__all__ = ["Faults", "Sandbox", "Seen", "instructions", "serve"]
