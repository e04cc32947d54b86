"""Siigo Nube as Cuadre's ERP: customers, invoices and receipts, and customer corrections.

What is read (Siigo API reference, https://siigoapi.docs.apiary.io/; its generated SDK's
CustomerApi, InvoiceApi and VoucherApi pages give the same paths and filters):

- customers ← ``GET /v1/customers`` (``type=Customer``);
- payments ← ``GET /v1/vouchers`` (recibos de caja), each tied to the invoice its
  ``items[].due`` pays — number, CUFE and branch (the invoice's cost center, ``GET
  /v1/cost-centers``) come from ``GET /v1/invoices``;
- invoices (for the insights) ← ``GET /v1/invoices``.

``since`` becomes ``updated_start`` (``last_updated`` ≥ since), which all three lists take;
pages are ``page``/``page_size`` (100, Siigo's maximum). Siigo has no vehicles.

Writes: a customer correction is a compare-and-set — the customer is read (``GET
/v1/customers/{id}``), compared with what was approved, sent whole with the changes (``PUT``,
which replaces the record) and read back. A customer Cuadre creates is a ``POST`` with the
correction's ``Idempotency-Key``. Receipts and invoices are never edited: an invoice the DIAN
accepted is fiscal history (a credit-note task is proposed upstream, ``app.writeback.fiscal``),
so a payment correction is refused as ``posted_invoice``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from app.connectors import creations
from app.connectors.base import (
    AuthError,
    Correction,
    Outcome,
    OutcomeStatus,
    SourceError,
    SourceIssue,
    in_spanish,
)
from app.connectors.http import NetworkError, RetryPolicy, StatusError, refused_for_good
from app.connectors.siigo import values
from app.connectors.siigo.wire import MAX_PAGE_SIZE, PARTNER_ID, REQUESTS_PER_MINUTE, SiigoApi, siigo_date
from app.connectors.values import comparable
from app.domain.i18n import tr_app
from app.domain.schema import Entity, System, frame
from app.progress import CancelToken, Progress, Task, run

_PATHS = {Entity.CUSTOMERS: "/v1/customers", Entity.PAYMENTS: "/v1/vouchers",
          Entity.INVOICES: "/v1/invoices"}


class SiigoConnector:
    """One Siigo Nube company. ``secret`` is the API user's access key.

    Options: ``page_size`` (≤ 100), ``partner_id`` (the ``Partner-Id`` header, «Cuadre»),
    ``requests_per_minute`` (100, Siigo's limit), ``timeout`` (seconds), ``attempts`` (tries
    of a read).
    """

    def __init__(self, base_url: str, username: str, secret: str | None, *,
                 system: System = System.ERP, label: str = "", page_size: int = MAX_PAGE_SIZE,
                 partner_id: str = PARTNER_ID, requests_per_minute: int = REQUESTS_PER_MINUTE,
                 timeout: float = 30.0, attempts: int = 5, retry_delay: float = 0.5,
                 mapping: Mapping[str, Any] | None = None) -> None:
        if not 1 <= int(page_size) <= MAX_PAGE_SIZE:
            raise SourceError(tr_app("app.connectors", "Siigo entrega a lo sumo {n} registros por "
                                     "página: «page_size» debe estar entre 1 y {n}.").format(
                n=MAX_PAGE_SIZE))
        self.system = system
        self.label = label
        self.page_size = int(page_size)
        self.api = SiigoApi(base_url, username, secret, partner_id=partner_id, timeout=timeout,
                            policy=RetryPolicy(attempts=attempts, base_delay=retry_delay),
                            requests_per_minute=requests_per_minute)
        self._issues: list[SourceIssue] = []
        self._centers: dict[Any, str] | None = None
        self._invoices: dict[str, dict[str, Any]] | None = None
        #: Every invoice as read for this run's payments: the invoices' own pull reuses it.
        self._invoice_rows: list[dict[str, Any]] | None = None

    def describe(self) -> str:
        return f"Siigo Nube {self.label or self.api.where()}"

    def issues(self) -> list[SourceIssue]:
        return list(self._issues)

    def close(self) -> None:
        self.api.close()

    # --- reading -------------------------------------------------------------------------------

    def _path(self, entity: Entity) -> str:
        path = _PATHS.get(entity)
        if path is None:
            raise SourceError(tr_app("app.connectors", "Siigo Nube no guarda {what}: Cuadre lee "
                                     "de Siigo clientes, pagos (recibos de caja) y facturas.").format(
                what=entity.value))
        return path

    def count(self, entity: Entity) -> int:
        answer = self.api.call("GET", self._path(entity), params={"page": 1, "page_size": 1})
        body = answer.json()
        return int(((body or {}).get("pagination") or {}).get("total_results") or 0)

    def _list(self, entity: Entity, since: Any, cancel: CancelToken | None,
              label: str) -> Task[list[dict[str, Any]]]:
        params: dict[str, Any] = {"type": "Customer"} if entity is Entity.CUSTOMERS else {}
        if isinstance(since, datetime):
            params["updated_start"] = siigo_date(since)
        self.api.cancel = cancel
        rows: list[dict[str, Any]] = []
        for results, total in self.api.pages(self._path(entity), params, self.page_size):
            rows.extend(results)
            yield Progress(label, len(rows), max(total, len(rows)))
        return rows

    def centers(self) -> dict[Any, str]:
        """Cost centers by id (a branch's name), read once."""
        if self._centers is None:
            body = self.api.call("GET", "/v1/cost-centers").json()
            items = body if isinstance(body, list) else []
            self._centers = {c.get("id"): str(c.get("name")) for c in items
                             if isinstance(c, Mapping) and c.get("name")}
        return self._centers

    def pull_task(self, entity: Entity, since: Any = None,
                  cancel: CancelToken | None = None) -> Task[pd.DataFrame]:
        entity = Entity(entity)
        self._path(entity)
        if entity is Entity.CUSTOMERS:
            raw = yield from self._list(entity, since, cancel, "pull_customers")
            return frame(entity, [values.customer(r) for r in raw])
        centers = self.centers()
        whole = entity is Entity.PAYMENTS or since is None
        if whole and self._invoice_rows is not None:  # read for the payments already
            invoices = self._invoice_rows
        else:
            invoices = yield from self._list(Entity.INVOICES, None if whole else since, cancel,
                                             "pull_invoices")
            if whole:
                self._invoice_rows = invoices
        if entity is Entity.INVOICES:
            return frame(entity, [values.invoice(r, centers) for r in invoices])
        by_due = {values.due_key(i.get("prefix"), i.get("number")): i for i in invoices}
        self._invoices = by_due
        receipts = yield from self._list(entity, since, cancel, "pull_payments")
        return frame(entity, [values.payment(r, by_due, centers) for r in receipts])

    def pull(self, entity: Entity, since: Any = None) -> pd.DataFrame:
        return run(self.pull_task(entity, since))

    def _raw(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        try:
            body = self.api.call("GET", f"{self._path(entity)}/{source_id}").json()
        except StatusError as exc:
            if exc.status == 404:
                return None
            raise
        return body if isinstance(body, dict) else None

    @in_spanish
    def read(self, entity: Entity, source_id: str) -> dict[str, Any] | None:
        entity = Entity(entity)
        if entity is Entity.CUSTOMERS:
            doc = creations.key_document(source_id)
            if doc is not None:
                return self._by_document(doc)
        raw = self._raw(entity, source_id)
        if raw is None:
            return None
        if entity is Entity.CUSTOMERS:
            return values.customer(raw)
        if entity is Entity.INVOICES:
            return values.invoice(raw, self.centers())
        return self._payment(raw)

    def _payment(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        if self._invoices is None:  # read once: a receipt names its invoice by prefix and number
            listed = run(self._list(Entity.INVOICES, None, None, "pull_invoices"))
            self._invoices = {values.due_key(i.get("prefix"), i.get("number")): i for i in listed}
        return values.payment(raw, self._invoices, self.centers())

    def _by_document(self, doc: str) -> dict[str, Any] | None:
        body = self.api.call("GET", "/v1/customers", params={
            "identification": doc, "page": 1, "page_size": 1}).json()
        results = (body or {}).get("results") or []
        return values.customer(results[0]) if results else None

    # --- writing -------------------------------------------------------------------------------

    @in_spanish
    def apply(self, correction: Correction) -> Outcome:
        """One compare-and-set write; never raises for what an Outcome can say."""
        entity = Entity(correction.entity)
        try:
            if entity is Entity.CUSTOMERS and creations.is_creation(correction):
                return self._create(correction)
            if entity is Entity.PAYMENTS:
                return Outcome(OutcomeStatus.REJECTED, "posted_invoice",
                               "Siigo no permite editar un recibo de caja ni una factura "
                               "aceptada por la DIAN: emita una nota crédito en Siigo.",
                               permanent=True)
            if entity is not Entity.CUSTOMERS:
                return Outcome(OutcomeStatus.REJECTED, "read_only",
                               "Cuadre solo corrige clientes en Siigo.", permanent=True)
            return self._update(correction)
        except AuthError as exc:
            return Outcome(OutcomeStatus.FAILED, "auth", str(exc), permanent=True)
        except NetworkError as exc:
            if exc.maybe_sent:
                return Outcome(OutcomeStatus.UNKNOWN, "timeout",
                               str(exc) + " Lea el registro antes de reenviar.")
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        except StatusError as exc:
            return Outcome(OutcomeStatus.REJECTED if refused_for_good(exc.status)
                           else OutcomeStatus.FAILED, f"http_{exc.status}", str(exc),
                           http_status=exc.status, retry_after=exc.retry_after,
                           permanent=refused_for_good(exc.status))
        except SourceError as exc:
            return Outcome(OutcomeStatus.FAILED, "source_error", str(exc))

    def _update(self, c: Correction) -> Outcome:
        unknown = set(c.changes) - values.WRITABLE
        if unknown:
            return Outcome(OutcomeStatus.REJECTED, "field_not_writable",
                           "Siigo no recibe estos campos desde Cuadre: "
                           + ", ".join(sorted(unknown)) + ".", permanent=True)
        raw = self._raw(Entity.CUSTOMERS, c.source_id)
        if raw is None:
            return Outcome(OutcomeStatus.CONFLICT, "not_found", "Siigo ya no tiene este cliente.")
        now = values.customer(raw)
        if all(comparable(k, now.get(k)) == comparable(k, v) for k, v in c.changes.items()):
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           "Siigo ya tenía estos valores: no se escribió nada.", now)
        stale = [k for k, v in c.expected.items() if comparable(k, now.get(k)) != comparable(k, v)]
        if stale:
            return Outcome(OutcomeStatus.CONFLICT, "changed_since_approval",
                           "El cliente cambió en Siigo desde que se aprobó la corrección.", now)
        self.api.call("PUT", f"/v1/customers/{c.source_id}",
                      body=values.customer_body(raw, c.changes), key=c.key or None)
        return self._read_back(c.source_id, c.changes, "Cliente corregido en Siigo.")

    def _create(self, c: Correction) -> Outcome:
        doc = creations.key_document(c.source_id) or ""
        current = self._by_document(doc)
        if current is not None:
            same = all(comparable(k, current.get(k)) == comparable(k, v)
                       for k, v in c.changes.items() if k in values.WRITABLE)
            return Outcome(OutcomeStatus.APPLIED if same else OutcomeStatus.CONFLICT,
                           "already_applied" if same else "already_exists",
                           "Siigo ya tenía este cliente: no se creó otro." if same else
                           "Siigo ya tiene un cliente con ese documento y otros datos: no se "
                           "creó otro.", current)
        self.api.call("POST", "/v1/customers", body=values.new_customer_body(
            {**c.changes, "doc_number": c.changes.get("doc_number") or doc}), key=c.key or None)
        return self._read_back(c.source_id, c.changes, "Cliente creado en Siigo.")

    def _read_back(self, source_id: str, changes: Mapping[str, Any], done: str) -> Outcome:
        after = self.read(Entity.CUSTOMERS, source_id)
        wanted = {k: v for k, v in changes.items() if k in values.WRITABLE}
        if after is not None and all(comparable(k, after.get(k)) == comparable(k, v)
                                     for k, v in wanted.items()):
            return Outcome(OutcomeStatus.APPLIED, "", done, after)
        return Outcome(OutcomeStatus.CONFLICT, "read_back_differs",
                       "Siigo aceptó el cambio pero el cliente no quedó como se esperaba: "
                       "revíselo en Siigo.", after)


__all__ = ["SiigoConnector"]
