"""The sandbox's Siigo Nube and Alegra: which emulator serves a path, and how to name it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import app.demo.sandbox.alegra as alegra
import app.demo.sandbox.siigo as siigo


class CloudErps:
    """The sandbox's Siigo and Alegra emulators, built on the first request to each (seeding
    reads the demo ERP), at their own paths: Siigo's ``/auth`` and ``/v1/``, Alegra's
    ``/api/v1/``. Siigo's access key and Alegra's token are the sandbox's token."""

    def __init__(self, siigo_per_minute: int = 100, alegra_per_minute: int = 150) -> None:
        self.limits = {"siigo": siigo_per_minute, "alegra": alegra_per_minute}
        self._built: dict[str, Any] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _name(path: str) -> str | None:
        if path.startswith(siigo.PREFIXES):
            return "siigo"
        return "alegra" if path.startswith(alegra.PREFIXES) else None

    def serving(self, path: str, erp: Path | None, token: str) -> Any:
        name = self._name(path)
        if name is None or erp is None:
            return None
        with self._lock:
            if name not in self._built:
                factory: Any = siigo.SiigoEmulator if name == "siigo" else alegra.AlegraEmulator
                self._built[name] = factory(erp, token, per_minute=self.limits[name])
            return self._built[name]

    @staticmethod
    def source(name: str, host: str, port: int) -> str:
        """How Cuadre names the emulator: ``siigo+http://USUARIO@127.0.0.1:P``."""
        user = siigo.USER if name == "siigo" else alegra.USER
        return f"{name}+http://{user}@{host}:{port}"
