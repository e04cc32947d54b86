"""The sandbox CRM and ERP: real HTTP servers on 127.0.0.1 seeded with the demo data.

    with Sandbox(port=0) as sb:          # tests: sb.url("crm"), sb.token, sb.faults, sb.requests()
    serve(port, token=None)              # ``cuadre sandbox``: runs until Ctrl+C or SIGTERM

``store`` holds the data (each system's own tables, in memory), ``faults`` the switchable
faults, ``server`` the HTTP side and the mount of the Odoo emulator (``odoo``, when present).
"""

from app.demo.sandbox.faults import Faults
from app.demo.sandbox.server import Sandbox, Seen, instructions, serve

__all__ = ["Faults", "Sandbox", "Seen", "instructions", "serve"]
