"""A REST ERP reserves a VIN with a sale order: the reservation Cuadre proposes when the CRM
sold a unit the ERP still offers (:func:`app.connectors.creations.reserves`), and its undo.

An ERP's API does not let a client edit a unit into «reserved»: it registers an order for the
customer, which reserves the unit. So a reservation is:

1. read the unit (``GET <vehicles>/<id>``) and compare: it already holds the reservation →
   APPLIED, nothing sent; it no longer holds what was read at approval → CONFLICT;
2. ``POST <orders>`` (the profile's ``paths["orders"]``, by default ``orders``) with
   ``{"id": <Cuadre's order reference>, "vehiculo_id", "nit_cliente", "alistamiento": true}``
   and the correction's ``Idempotency-Key`` — the reference is the same for the same unit and
   customer, so a resend finds the order instead of making a second one;
3. read the unit back: APPLIED when it is reserved for the customer.

Its undo is ``POST <orders>/<reference>/cancel``: the order cancelled, the unit released.
A refusal is mapped as any write's (:func:`app.connectors.rest.wire.refused`); 409
``not_available`` (another branch took the unit) is a CONFLICT; 422 ``unknown_customer``
(the ERP lacks the customer) is REJECTED, permanent: create the customer first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from app.connectors import creations
from app.connectors.base import Correction, Outcome, OutcomeStatus
from app.connectors.rest.wire import error_code, in_flight, refused, same
from app.domain.schema import Entity

if TYPE_CHECKING:
    from app.connectors.rest.api import RestApi


def reserve(api: RestApi, c: Correction, doc: str, *, cancel: bool) -> Outcome:
    """Register (or, ``cancel``, cancel) the order behind a reservation, once; the read and
    network errors are the caller's (``RestConnector.apply`` maps them)."""
    found = api._fetch(Entity.VEHICLES, c.source_id)
    if found is None:
        return Outcome(OutcomeStatus.CONFLICT, "not_found", "El vehículo ya no existe en el ERP.")
    current = api._canonical(Entity.VEHICLES, found[0])
    if all(same(current.get(k), v, k) for k, v in c.changes.items()):
        return Outcome(OutcomeStatus.APPLIED, "already_applied",
                       "El ERP ya tenía el vehículo así: no se envió nada.", current)
    differs = sorted(k for k, v in c.expected.items() if not same(current.get(k), v, k))
    if differs:
        return Outcome(OutcomeStatus.CONFLICT, "expected_mismatch",
                       "El vehículo cambió en el ERP desde la aprobación: " + ", ".join(differs)
                       + ".", current)
    ref = creations.order_ref(c.source_id, doc)
    base = api.options.paths.get("orders", "orders").rstrip("/")
    if cancel:
        path, body = f"{base}/{quote(ref, safe='')}/cancel", {}
    else:
        path, body = base, {"id": ref, "vehiculo_id": c.source_id, "nit_cliente": doc,
                            "alistamiento": True}
    where = api._where(path)
    response = api._send("POST", path, body, c.key)
    if isinstance(response, Outcome):
        return response
    status = response.status
    if 200 <= status < 300:
        after = api._fetch(Entity.VEHICLES, c.source_id)
        record = api._canonical(Entity.VEHICLES, after[0]) if after is not None else None
        if record is None or not all(same(record.get(k), v, k) for k, v in c.changes.items()):
            return Outcome(OutcomeStatus.CONFLICT, "read_back_differs",
                           f"{where} aceptó el pedido pero el vehículo no quedó como se "
                           "esperaba: revíselo en el ERP.", record, http_status=status)
        done = (f"Pedido {ref} anulado y vehículo liberado." if cancel else
                f"Pedido {ref} registrado en el ERP: el VIN queda reservado (con su "
                "alistamiento, si el ERP tiene taller).")
        return Outcome(OutcomeStatus.APPLIED, "", done, record, http_status=status)
    if status in (404, 405, 501) and not cancel:
        return Outcome(OutcomeStatus.REJECTED, "create_unsupported",
                       f"{where} no registra pedidos desde Cuadre (HTTP {status}): registre el "
                       "pedido en el propio ERP.", http_status=status, permanent=status < 500)
    if status == 409 and not in_flight(response):
        return Outcome(OutcomeStatus.CONFLICT, error_code(response) or "not_available",
                       f"{where}: el vehículo ya no está disponible (otra sede lo reservó o lo "
                       "vendió) o el pedido existe con otros datos (HTTP 409).",
                       http_status=status)
    if status == 422 and error_code(response) == "unknown_customer":
        return Outcome(OutcomeStatus.REJECTED, "unknown_customer",
                       f"{where} no tiene al cliente {doc}: créelo primero en el ERP y envíe de "
                       "nuevo.", http_status=status, permanent=True)
    return refused(response, where)
