"""The sandbox's Odoo emulator served on 127.0.0.1 for a test module, and a handle on it.

``served(erp_sqlite)`` starts the emulator (seeded from the demo ERP and the cases a real Odoo
17 showed) on a free port and stops it — every request thread joined — when the block ends;
``Odoo`` opens connectors on it and puts its data back as seeded (``reset``).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from app.connectors.odoo.connector import OdooConnector
from app.demo.sandbox.odoo import OdooApp, make_app

KEY = "clave-api-odoo-7f3a9c"  # the emulator's API key; must never show in a message


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = False
    block_on_close = True  # server_close() joins the request threads: no socket left open

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out and hung up is part of the tests, not an error."""


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Odoo:
    url: str
    app: OdooApp
    pristine: dict[str, Any]

    @property
    def state(self):
        return self.app.state

    def connector(self, protocol: str = "xmlrpc", secret: str | None = KEY,
                  **options: Any) -> OdooConnector:
        return OdooConnector(self.url, "sandbox", "admin", secret, protocol=protocol, **options)

    def reset(self) -> None:
        state = self.state
        with state.lock:
            state.tables = copy.deepcopy(self.pristine)
            state.calls.clear()
            state.none_returning.clear()
            state.write_delay = 0.0
        self.app.server_version = "17.0"

    def writes(self) -> list[tuple[str, str, str]]:
        return [c for c in self.state.calls if c[2] == "write"]

    @contextmanager
    def writable(self) -> Iterator[Odoo]:
        """The emulator for a test that writes and turns knobs, put back as seeded after."""
        self.state.calls.clear()
        try:
            yield self
        finally:
            self.reset()


@contextmanager
def served(erp_sqlite: Path) -> Iterator[Odoo]:
    """The emulator seeded from ``erp_sqlite`` on a free port of 127.0.0.1, for the block."""
    app = make_app(erp_sqlite, KEY)
    server = make_server("127.0.0.1", 0, app, server_class=_Server, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield Odoo(f"http://127.0.0.1:{server.server_port}", app, copy.deepcopy(app.state.tables))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
