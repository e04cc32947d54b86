"""Writes to Odoo: one approved correction as a compare-and-set ``write``, and its outcome.

Odoo has no optimistic locking (since 16) and ``write_date`` changes on every write, even one
that changes nothing, so the precondition is checked on values: read the record, answer
*applied* when it already holds the new values (nothing is sent), *conflict* when it no longer
holds the values read at approval, else ``write`` and read back (DESIGN §6).

What Odoo will not take is refused before it is sent: a posted journal entry (an invoice, a
payment's) is never edited — a credit note or a reversal is the way; stock moves, not edits,
change the inventory; a canonical field with no Odoo field (Habeas Data consent, unless the
profile maps it to a custom field) has nowhere to go. Odoo's own refusals (a DV its
``base_vat`` rejects, a record rule) come back as *rejected*, its transaction rolled back.
Every refusal that sending again cannot change is ``Outcome.permanent`` (see :func:`refusal`):
a UserError, AccessError or MissingError, a posted entry, a TypeError or ValueError raised by
Odoo, a 4xx other than 408/409/425/429; the push does not retry those.

Two outcomes need the read-back: the XML-RPC fault for a method that returned ``None``
happens after the write was committed, and a timeout leaves the write *unknown*.

An answer with an HTTP error status (JSON-2 over HTTP, or XML-RPC's transport) gives an
outcome carrying the status (``Outcome.http_status``) and, for 429/503 over JSON-2, the seconds
``Retry-After`` asked (``Outcome.retry_after``): the push waits that long before trying again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.connectors.base import AuthError, Correction, Outcome, OutcomeStatus, SourceError
from app.connectors.http import NetworkError, StatusError
from app.connectors.odoo.rpc import OdooFault
from app.connectors.odoo.values import CO_DOCUMENT_TYPES, POSTED_STATES, m2o, split_vat, to_odoo
from app.connectors.values import as_text, comparable
from app.domain import divipola
from app.domain.schema import Entity
from app.domain.values import clean_text, normalize_doc_number

if TYPE_CHECKING:
    from app.connectors.odoo.session import Session

#: What a payment correction may change in Odoo (while its journal entry is a draft).
_PAYMENT_FIELDS = ("amount", "paid_on", "receipt_number", "customer_doc")
_POSTED_DETAIL = ("El documento contable ya está publicado en Odoo y no se edita: registre la "
                  "corrección con una nota crédito (o reversando el pago) en Odoo.")


class Writer:
    """One correction: read, compare, write, read back."""

    def __init__(self, s: Session, rid: int, correction: Correction) -> None:
        self.s = s
        self.rid = rid
        self.changes = dict(correction.changes)
        self.expected = dict(correction.expected)

    def apply(self) -> Outcome:
        """The outcome of the whole compare-and-set; an HTTP error status (reading or writing)
        is a FAILED outcome that carries it."""
        try:
            return self._apply()
        except StatusError as exc:
            reason = "auth" if isinstance(exc, AuthError) else f"http_{exc.status}"
            refused = exc.status is not None and 400 <= exc.status < 500 and \
                exc.status not in _TRANSIENT
            return Outcome(OutcomeStatus.FAILED, reason, str(exc), http_status=exc.status,
                           retry_after=exc.retry_after, permanent=refused)

    def _apply(self) -> Outcome:
        s = self.s
        raw, current = s.one(self.rid)
        if raw is None or current is None:
            return Outcome(OutcomeStatus.REJECTED, "not_found",
                           "El registro ya no existe en Odoo (o no es visible para este usuario).")
        if not self.differing(current, self.changes):
            return Outcome(OutcomeStatus.APPLIED, "already_applied",
                           "Odoo ya tenía estos valores: no se escribió nada.", current)
        stale = self.differing(current, self.expected)
        if stale:
            return Outcome(OutcomeStatus.CONFLICT, "changed_since_approval",
                           "El registro cambió en Odoo desde la aprobación (" + ", ".join(stale)
                           + "): revise y apruebe de nuevo.", current)
        prepared = self.vals(raw, current)
        if isinstance(prepared, Outcome):
            return prepared
        none_result = False
        try:
            # Positional, as Odoo calls it: modules name write's parameter ``values`` or
            # ``vals`` (res.partner's is ``values`` with base_vat), so no keyword is safe.
            s.rpc.call(s.model, "write", [[self.rid], prepared],
                       context=s.conn.context(archived=True), write=True)
        except OdooFault as fault:
            if fault.kind != "none_result":
                return refusal(fault)
            none_result = True  # the write happened; XML-RPC could not say so: read back
        except NetworkError as exc:
            if exc.maybe_sent:
                return Outcome(OutcomeStatus.UNKNOWN, "timeout", str(exc) + " Lea el registro "
                               "antes de reenviar.")
            return Outcome(OutcomeStatus.FAILED, "unreachable", str(exc))
        try:
            _raw, after = s.one(self.rid)
        except SourceError as exc:
            return Outcome(OutcomeStatus.UNKNOWN, "read_back_failed", str(exc))
        if after is None:
            return Outcome(OutcomeStatus.CONFLICT, "deleted", "El registro desapareció de Odoo.")
        if not self.differing(after, self.changes):
            return Outcome(OutcomeStatus.APPLIED, "none_result" if none_result else "", "", after)
        if none_result and not self.differing(after, {k: current.get(k) for k in self.changes}):
            return Outcome(OutcomeStatus.FAILED, "not_written",
                           "Odoo respondió con una falla y el registro sigue igual: no se aplicó.",
                           after)
        return Outcome(OutcomeStatus.CONFLICT, "read_back_differs",
                       "Odoo aceptó el cambio pero guarda otro valor: revise el registro.", after)

    def differing(self, record: Mapping[str, Any], values: Mapping[str, Any]) -> list[str]:
        """The fields of ``values`` the record does not hold (names compared whole)."""
        out = []
        names = {"first_names", "last_names"} & set(values)
        whole = (self.s.entity is Entity.CUSTOMERS and names
                 and not self.s.has("res.partner", "firstname"))
        for column, value in values.items():
            if whole and column in names:
                continue
            if comparable(column, record.get(column)) != comparable(column, value):
                out.append(column)
        if whole:
            target = " ".join(str(p) for p in (values.get("first_names", record.get("first_names")),
                                               values.get("last_names", record.get("last_names")))
                              if p)
            held = record.get("full_name") or " ".join(
                str(p) for p in (record.get("first_names"), record.get("last_names")) if p)
            if clean_text(target) != clean_text(held):
                out.extend(sorted(names))
        return out

    def vals(self, raw: dict[str, Any], current: dict[str, Any]) -> dict[str, Any] | Outcome:
        """What ``write`` sends, or why nothing can be sent."""
        entity = self.s.entity
        vals: dict[str, Any] = {}
        rest: dict[str, Any] = {}
        for column, value in self.changes.items():
            field = self.s.mapped.get(column)
            if field:
                vals[field] = to_odoo(column, value)
            else:
                rest[column] = value
        builders = {Entity.CUSTOMERS: self._partner, Entity.PAYMENTS: self._payment,
                    Entity.DEALS: self._lead}
        if rest and entity is Entity.VEHICLES:
            return Outcome(OutcomeStatus.REJECTED, "read_only",
                           "En Odoo el inventario cambia con movimientos de inventario (traslados, "
                           "entregas), no editando el lote: haga el movimiento en Odoo.")
        if rest:
            result = builders[entity](raw, current, rest, vals)
            if isinstance(result, Outcome):
                return result
        return vals

    def _unsupported(self, columns: Sequence[str]) -> Outcome:
        return Outcome(OutcomeStatus.REJECTED, "unsupported_field",
                       "Odoo no tiene dónde guardar: " + ", ".join(sorted(columns))
                       + " (asigne un campo de Odoo en el mapeo del perfil).")

    def _partner(self, raw: dict[str, Any], current: dict[str, Any], changes: dict[str, Any],
                 vals: dict[str, Any]) -> Outcome | None:
        s = self.s
        unsupported = []
        for column, value in changes.items():
            if column == "phone":
                target = "mobile" if s.has("res.partner", "mobile") and as_text(raw.get("mobile")) \
                    else "phone"
                vals[target] = value or False
            elif column == "phone_alt":
                vals["phone"] = value or False
            elif column == "email":
                vals["email"] = value or False
            elif column == "address":
                vals["street"] = value or False
                if s.has("res.partner", "street2"):
                    vals["street2"] = False
            elif column not in ("city_code", "city_name", "first_names", "last_names",
                                "company_name", "full_name", "doc_number", "check_digit",
                                "doc_type"):
                unsupported.append(column)
        if unsupported:
            return self._unsupported(unsupported)
        if {"city_code", "city_name"} & set(changes):
            self._city_vals(changes, current, vals)
        if {"first_names", "last_names", "company_name", "full_name"} & set(changes):
            self._name_vals(raw, current, changes, vals)
        if {"doc_number", "check_digit", "doc_type"} & set(changes):
            return self._doc_vals(current, changes, vals)
        return None

    def _city_vals(self, changes: Mapping[str, Any], current: Mapping[str, Any],
                   vals: dict[str, Any]) -> None:
        """``city`` as typed and ``city_id`` by DANE code (base_address_extended's res.city)."""
        s = self.s
        code = changes.get("city_code", current.get("city_code") if "city_name" not in changes
                           else None)
        name = changes.get("city_name")
        if code is None and name:
            code = divipola.city_code(name)
        if code is not None:
            code = str(code).zfill(5)
        vals["city"] = name or divipola.city_name(code) or False
        if s.has("res.partner", "city_id"):
            city_id: int | bool = False
            if code is not None and s.has("res.city", "l10n_co_edi_code"):
                found = s.call("res.city", "search_read", [("l10n_co_edi_code", "=", int(code))],
                               ["name"], limit=1)
                city_id = int(found[0]["id"]) if found else False
            vals["city_id"] = city_id

    def _name_vals(self, raw: Mapping[str, Any], current: Mapping[str, Any],
                   changes: Mapping[str, Any], vals: dict[str, Any]) -> None:
        if raw.get("is_company") or "company_name" in changes:
            name = changes.get("company_name") or changes.get("full_name")
            if name:
                vals["name"] = name
            return
        first = changes.get("first_names", current.get("first_names"))
        last = changes.get("last_names", current.get("last_names"))
        if self.s.has("res.partner", "firstname"):
            vals["firstname"] = first or False
            vals["lastname"] = last or False
            return
        whole = changes.get("full_name") or " ".join(str(p) for p in (first, last) if p)
        if whole:
            vals["name"] = whole

    def _doc_vals(self, current: Mapping[str, Any], changes: Mapping[str, Any],
                  vals: dict[str, Any]) -> Outcome | None:
        s = self.s
        doc_type = changes.get("doc_type", current.get("doc_type"))
        number = changes.get("doc_number", current.get("doc_number"))
        dv = changes.get("check_digit", current.get("check_digit"))
        vals["vat"] = (f"{number}-{dv}" if doc_type == "NIT" and number and dv else number) or False
        if "doc_type" in changes and s.has("res.partner", "l10n_latam_identification_type_id"):
            codes = [k for k, v in CO_DOCUMENT_TYPES.items() if v == doc_type]
            found = s.call("l10n_latam.identification.type", "search_read",
                           [("l10n_co_document_code", "in", codes)], ["name"],
                           limit=1) if codes and s.has("l10n_latam.identification.type",
                                                       "l10n_co_document_code") else []
            if not found:
                return Outcome(OutcomeStatus.REJECTED, "unsupported_value",
                               f"Odoo no tiene el tipo de documento {doc_type}.")
            vals["l10n_latam_identification_type_id"] = int(found[0]["id"])
        return None

    def _payment(self, raw: dict[str, Any], current: dict[str, Any], changes: dict[str, Any],
                 vals: dict[str, Any]) -> Outcome | None:
        if {"invoice_number", "cufe"} & set(changes):
            return Outcome(OutcomeStatus.REJECTED, "posted_invoice",
                           "La factura electrónica y su conciliación no se editan desde aquí: si "
                           "el pago corresponde a otra factura, corríjalo en Odoo con una nota "
                           "crédito o conciliando de nuevo.")
        unsupported = sorted(set(changes) - set(_PAYMENT_FIELDS))
        if unsupported:
            return self._unsupported(unsupported)
        if as_text(raw.get("state")) in POSTED_STATES:  # its journal entry is posted
            return Outcome(OutcomeStatus.REJECTED, "posted_invoice", _POSTED_DETAIL)
        for column, value in changes.items():
            if column == "amount":
                vals["amount"] = float(value) if value is not None else 0.0
            elif column == "paid_on":
                vals["date"] = str(value)[:10] if value is not None else False
            elif column == "receipt_number":
                vals["name"] = value or False
            elif column == "customer_doc":
                partner = self._partner_by_doc(value)
                if partner is None:
                    return Outcome(OutcomeStatus.REJECTED, "unknown_customer",
                                   "No hay en Odoo un cliente único con ese documento.")
                vals["partner_id"] = partner
        return None

    def _partner_by_doc(self, number: Any) -> int | None:
        wanted = normalize_doc_number(number)
        if not wanted:
            return None
        # The last characters survive any way of writing it ("52.326.162", "900123456-7").
        found = self.s.call("res.partner", "search_read", [("vat", "ilike", wanted[-3:])],
                            self.s.want("res.partner", ["vat", "l10n_latam_identification_type_id",
                                                        "country_id"]))
        types = self.s.doc_types([t for p in found if (t := m2o(
            p.get("l10n_latam_identification_type_id"))[0]) is not None])
        same = [int(p["id"]) for p in found
                if split_vat(as_text(p.get("vat")), self.s.doc_type(p, types, None))[0] == wanted]
        return same[0] if len(same) == 1 else None

    def _lead(self, raw: dict[str, Any], current: dict[str, Any], changes: dict[str, Any],
              vals: dict[str, Any]) -> Outcome | None:
        unsupported = []
        for column, value in changes.items():
            if column == "amount":
                vals["expected_revenue"] = float(value) if value is not None else 0.0
            elif column == "closed_on":
                vals["date_closed"] = f"{str(value)[:10]} 17:00:00" if value else False
            elif column == "lead_source":
                found = self.s.call("utm.source", "search_read", [("name", "=ilike", value)],
                                    ["name"], limit=1) if value else []
                if value and not found:
                    return Outcome(OutcomeStatus.REJECTED, "unsupported_value",
                                   "Odoo no tiene ese origen de oportunidades (utm.source).")
                vals["source_id"] = int(found[0]["id"]) if found else False
            else:
                unsupported.append(column)
        return self._unsupported(unsupported) if unsupported else None


#: HTTP statuses that may pass: a timeout, a conflict, too early, too many requests.
_TRANSIENT = frozenset({408, 409, 425, 429})


def refusal(fault: OdooFault) -> Outcome:
    """The outcome of a write Odoo refused (its transaction was rolled back), with the HTTP
    status JSON-2 answered it with. What sending again cannot change is ``permanent``: Odoo's
    business rules, rights and missing records, and a TypeError or ValueError raised by Odoo
    (``bad_request``: the call itself is wrong for this server). A fault naming no known
    exception (``server``: a serialization failure, a worker killed) and a 408/409/425/429 may
    pass and stay retriable."""
    code = fault.code
    status = code if isinstance(code, int) and not isinstance(code, bool) and \
        400 <= code <= 599 else None
    if status in _TRANSIENT:
        return Outcome(OutcomeStatus.FAILED, f"http_{status}", str(fault), http_status=status)
    outcome = _refusal(fault)
    return Outcome(outcome.status, outcome.reason, outcome.detail, outcome.record,
                   http_status=status, permanent=fault.kind != "server")


def _refusal(fault: OdooFault) -> Outcome:
    if fault.kind == "posted":
        return Outcome(OutcomeStatus.REJECTED, "posted_invoice", _POSTED_DETAIL)
    if fault.kind == "user_error":
        return Outcome(OutcomeStatus.REJECTED, "validation",
                       "Odoo rechazó el cambio por una regla de validación (por ejemplo, un NIT "
                       "con dígito de verificación errado).")
    if fault.kind == "access_error":
        return Outcome(OutcomeStatus.REJECTED, "access_denied", str(fault))
    if fault.kind == "missing":
        return Outcome(OutcomeStatus.REJECTED, "not_found", str(fault))
    if fault.kind == "access_denied":
        return Outcome(OutcomeStatus.FAILED, "auth", str(fault))
    if fault.kind == "bad_request":
        return Outcome(OutcomeStatus.FAILED, "bad_request",
                       f"{fault} Enviarla de nuevo no cambiará la respuesta: revise la versión "
                       "de Odoo y sus módulos.")
    return Outcome(OutcomeStatus.FAILED, fault.kind, str(fault))
