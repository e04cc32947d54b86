"""What ``cuadre sandbox`` prints: where each emulated system listens, the source to give Cuadre
for it, and the commands that store its credential and reconcile it."""

from __future__ import annotations

from typing import Protocol


class Sandbox(Protocol):
    """What this uses of :class:`app.demo.sandbox.server.Sandbox` (which imports this module)."""

    @property
    def base_url(self) -> str: ...
    @property
    def token(self) -> str: ...
    @property
    def odoo_available(self) -> bool: ...
    @property
    def odoo_source(self) -> str: ...
    @property
    def hubspot_source(self) -> str: ...
    @property
    def siigo_source(self) -> str: ...
    @property
    def alegra_source(self) -> str: ...

    def url(self, system: str) -> str: ...


def instructions(sb: Sandbox) -> str:
    crm, erp = sb.url("crm"), sb.url("erp")
    systems = [("CRM (REST)", crm), ("ERP (REST)", erp)]
    if sb.odoo_available:
        systems.append(("ERP (Odoo)", sb.odoo_source))
    systems += [("CRM (HubSpot)", sb.hubspot_source), ("ERP (Siigo)", sb.siigo_source),
                ("ERP (Alegra)", sb.alegra_source), ("Token", sb.token)]
    width = max(len(label) for label, _ in systems) + 2
    lines = [f"Sandbox de Cuadre escuchando en {sb.base_url}"]
    lines += [f"  {label + ':':<{width}}{value}" for label, value in systems]
    sources = [source for label, source in systems if label != "Token"]
    lines += ["", "Guarde el token como credencial de cada fuente (se lo pedirá):"]
    lines += [f"  cuadre credentials set {source}" for source in sources]
    lines += ["Luego concilie:", f"  cuadre reconcile --crm {crm} --erp {erp}"]
    if sb.odoo_available:
        lines.append(f"  cuadre reconcile --crm {crm} --erp {sb.odoo_source}")
    lines += [f"  cuadre reconcile --crm {sb.hubspot_source} --erp {erp}",
              f"  cuadre reconcile --crm {crm} --erp {sb.siigo_source}",
              f"  cuadre reconcile --crm {crm} --erp {sb.alegra_source}",
              "", "Ctrl+C para detener."]
    return "\n".join(lines)
