"""One operation on one Odoo entity (a pull, a read or a write) and the canonical rows it reads.

A :class:`Session` is an :class:`~app.connectors.odoo.operation.Operation` (one connection, its
field lists and related-record caches) for one entity: the fields and the domain it reads, and
each entity's canonical rows built from Odoo's records by the rules the connector's module
docstring states (vehicles: ``stock``; values: ``values``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import app.connectors.files.cells as cells
from app.connectors.files.connector import normalize_invoice
from app.connectors.odoo.operation import Operation
from app.connectors.odoo.stock import changed_lots, vehicles
from app.connectors.odoo.values import (
    day,
    ids_of,
    local_day,
    m2o,
    reader,
    since_utc,
    split_person_name,
    split_vat,
    stamp,
)
from app.connectors.values import as_text, money
from app.domain import divipola
from app.domain.schema import Entity
from app.domain.values import fold, normalize_email, normalize_phone

# --- what is read from where ---------------------------------------------------------------------

#: The fields each entity's model is asked for, when the database has them.
_FIELDS = {
    Entity.CUSTOMERS: (
        "name", "is_company", "vat", "l10n_latam_identification_type_id", "l10n_co_document_type",
        "l10n_co_verification_code", "firstname", "lastname", "lastname2", "phone", "mobile",
        "email", "street", "street2", "city", "city_id", "country_id", "customer_rank",
        "supplier_rank", "write_date"),
    Entity.PAYMENTS: (
        "name", "amount", "date", "partner_id", "reconciled_invoice_ids", "state", "journal_id",
        "payment_method_line_id", "currency_id", "write_date"),
    Entity.VEHICLES: ("name", "product_id", "sale_order_ids", "write_date"),
    Entity.DEALS: (
        "name", "partner_id", "stage_id", "probability", "expected_revenue", "date_closed",
        "source_id", "team_id", "user_id", "active", "won_status", "create_date", "write_date"),
    Entity.INVOICES: (
        "name", "move_type", "state", "partner_id", "invoice_date", "amount_total", "team_id",
        "currency_id", "write_date", "l10n_co_edi_cufe_cude_ref", "l10n_co_dian_cufe_cude_ref"),
}
#: Each entity's records among the model's: people and companies with a document, customer
#: receipts… (customers: ``Session.domain`` also leaves out companies' contacts, suppliers and
#: the companies' own partners).
_BASE_DOMAINS: dict[Entity, tuple[tuple[str, str, Any], ...]] = {
    Entity.CUSTOMERS: (("vat", "!=", False),),
    Entity.PAYMENTS: (("payment_type", "=", "inbound"), ("partner_type", "=", "customer")),
    Entity.VEHICLES: (),
    Entity.DEALS: (),
    Entity.INVOICES: (("move_type", "=", "out_invoice"), ("state", "in", ["posted", "cancel"])),
}
#: The CUFE/CUDE of an electronic invoice, as Colombian e-invoicing modules call it.
_CUFE_FIELDS = ("l10n_co_edi_cufe_cude_ref", "l10n_co_dian_cufe_cude_ref")
_PAYMENT_STATUS = {"posted": "posted", "paid": "posted", "in_process": "posted", "draft": "draft",
                   "cancel": "cancelled", "canceled": "cancelled", "rejected": "rejected"}
_INVOICE_STATUS = {"posted": "validated", "cancel": "annulled", "draft": "draft"}
#: Odoo's default pipeline stages, in English and Spanish, beside the CRM names files use.
_STAGES = {fold(k): v for k, v in {
    "New": "lead", "Nuevo": "lead", "Qualified": "lead", "Calificado": "lead",
    "Proposition": "negotiation", "Propuesta": "negotiation", "Won": "sold", "Ganado": "sold",
}.items()}


class Session(Operation):
    """One pull, read or write of one entity: its fields, its domain and the canonical rows of
    its records."""

    def fields(self) -> list[str]:
        own = self.want(self.model, _FIELDS[self.entity])
        if self.entity is Entity.DEALS and "active" not in own and self.has(self.model, "active"):
            own.append("active")
        return own + [f for f in self.mapped.values() if f not in own]

    def domain(self, since: Any) -> list[Any]:
        base: list[Any] = [leaf for leaf in _BASE_DOMAINS[self.entity]
                           if self.has(self.model, leaf[0])]
        if self.entity is Entity.CUSTOMERS:
            base += self._customer_leaves()
        domain: list[Any] = [*base, *self.conn.domains.get(self.entity, [])]
        moment = since_utc(since)
        if moment is None:
            return domain
        if self.entity is Entity.VEHICLES:
            # A unit that moved, was reserved or sold changed its quants, move lines or order.
            lots = changed_lots(self, moment)
            return [*domain, "|", ("write_date", ">=", moment), ("id", "in", lots)]
        return [*domain, ("write_date", ">=", moment)]

    def _customer_leaves(self) -> list[Any]:
        """The partners that are not customers by document (the module docstring): a company's
        contacts and addresses, pure suppliers, the companies' own partners."""
        leaves: list[Any] = []
        if self.has("res.partner", "parent_id") and self.has("res.partner", "is_company"):
            leaves += ["|", ("is_company", "=", True), ("parent_id", "=", False)]
        if self.has("res.partner", "supplier_rank") and self.has("res.partner", "customer_rank"):
            leaves += ["|", ("customer_rank", ">", 0), ("supplier_rank", "=", 0)]
        if self.has("res.company", "partner_id"):
            own = self.call("res.company", "search_read", [], ["partner_id"])
            ids = sorted({i for c in own if (i := m2o(c.get("partner_id"))[0]) is not None})
            if ids:
                leaves.append(("id", "not in", ids))
        return leaves

    # --- canonical rows ----------------------------------------------------------------------

    def one(self, rid: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(the raw record, its canonical row) of one id, or (None, None)."""
        found = self.rpc.call(self.model, "search_read", [[("id", "=", rid)], self.fields()],
                              context=self.conn.context(archived=True))
        if not found:
            return None, None
        return found[0], self.rows(found)[0]

    def rows(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if self.entity is Entity.VEHICLES:
            out = vehicles(self, records)
        else:
            build = {Entity.CUSTOMERS: self._customers, Entity.PAYMENTS: self._payments,
                     Entity.DEALS: self._deals, Entity.INVOICES: self._invoices}[self.entity]
            out = build(records)
        for rec, row in zip(records, out, strict=True):
            for column, field in self.mapped.items():
                row[column] = self.cell(row["source_id"], column, reader(column, self.entity),
                                        rec.get(field))
        return out

    def _customers(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        types = self.doc_types([i for r in records if (i := m2o(
            r.get("l10n_latam_identification_type_id"))[0]) is not None])
        cities = self.records("res.city", [i for r in records if (i := m2o(r.get("city_id"))[0])
                                           is not None], ["name", "l10n_co_edi_code"])
        split_names = self.has("res.partner", "firstname")
        out = []
        for r in records:
            sid = str(r["id"])
            doc_type = self.doc_type(r, types, sid)
            vat = as_text(r.get("vat"))
            number, dv = split_vat(vat, doc_type)
            if vat is not None and number is None:
                self.report(sid, "doc_number", "unparseable", vat)
            verification = as_text(r.get("l10n_co_verification_code"))
            if dv is None and doc_type == "NIT" and verification and verification.isdigit():
                dv = verification
            name = as_text(r.get("name"))
            first: str | None
            last: str | None
            company = name if r.get("is_company") else None
            if company:
                first = last = None
            elif split_names:
                first = as_text(r.get("firstname"))
                last = " ".join(p for p in (as_text(r.get("lastname")), as_text(r.get("lastname2")))
                                if p) or None
            else:
                first, last = split_person_name(name)
            mobile, landline = as_text(r.get("mobile")), as_text(r.get("phone"))
            m, p = normalize_phone(mobile), normalize_phone(landline)
            phone = m or p or mobile or landline
            alt = (p or landline) if m and landline else None
            code, city = self._city(sid, r, cities)
            out.append({
                "source_id": sid, "doc_type": doc_type, "doc_number": number, "check_digit": dv,
                "first_names": first, "last_names": last, "company_name": company,
                "phone": phone, "email": normalize_email(as_text(r.get("email"))),
                "city_code": code, "city_name": city,
                "address": " ".join(a for a in (as_text(r.get("street")), as_text(r.get("street2")))
                                    if a) or None,
                "habeas_data_consent": None, "consent_date": None, "consent_channel": None,
                "claim_in_progress": None,
                # Read by document, a contact never invoiced is a customer here; the default
                # domain already left pure suppliers out.
                "is_customer": (int(r.get("customer_rank") or 0) > 0
                                or not int(r.get("supplier_rank") or 0)
                                if "customer_rank" in r else True),
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
                "full_name": name, "phone_alt": alt,
            })
        return out

    def _city(self, sid: str, r: dict[str, Any], cities: Mapping[int, dict[str, Any]]
              ) -> tuple[str | None, str | None]:
        """(DANE code, name): the city record's l10n_co_edi_code, else DIVIPOLA by name."""
        cid, cname = m2o(r.get("city_id"))
        typed = as_text(r.get("city"))
        name = typed or cname
        if self._foreign(r):  # Miami has no DANE code: not a finding, just not Colombian
            return None, name
        code: str | None = None
        if cid is not None:
            raw = str(cities.get(cid, {}).get("l10n_co_edi_code") or "").strip()
            if raw.isdigit() and int(raw) > 0:
                code = raw.lstrip("0").zfill(5)  # an Integer field: 5001 is Medellín's 05001
        if code is None and name is not None:
            code = divipola.city_code(name)
            if code is None:
                self.report(sid, "city_name", "unknown_city", name)
        return code, name or divipola.city_name(code)

    def _payments(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        cufe_field = next((f for f in _CUFE_FIELDS if self.has("account.move", f)), None)
        invoices = self.records("account.move", [i for r in records
                                                 for i in ids_of(r.get("reconciled_invoice_ids"))],
                                ["name", "state", "team_id", *([cufe_field] if cufe_field else [])])
        docs = self.partner_docs([i for r in records if (i := m2o(r.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            linked = sorted((invoices[i] for i in ids_of(r.get("reconciled_invoice_ids"))
                             if i in invoices), key=lambda m: str(m.get("name") or ""))
            invoice = linked[0] if linked else {}
            if len(linked) > 1:
                self.report(sid, "invoice_number", "several_invoices",
                            ", ".join(str(m.get("name")) for m in linked))
            state = as_text(r.get("state"))
            method = m2o(r.get("payment_method_line_id"))[1] or m2o(r.get("journal_id"))[1]
            receipt = as_text(r.get("name"))
            out.append({
                "source_id": sid, "receipt_number": None if receipt == "/" else receipt,
                "invoice_number": normalize_invoice(as_text(invoice.get("name"))),
                "cufe": as_text(invoice.get(cufe_field)) if cufe_field else None,
                "customer_doc": docs.get(m2o(r.get("partner_id"))[0] or 0),
                "amount": self.cell(sid, "amount", money, r.get("amount")),
                "currency": (m2o(r.get("currency_id"))[1] or "COP").upper(),
                "paid_on": self.cell(sid, "paid_on", day, r.get("date")),
                "method": method, "status": _PAYMENT_STATUS.get(state or "", state),
                "deal_id": None, "branch": m2o(invoice.get("team_id"))[1],
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
            })
        return out

    def _deals(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stages = self.records("crm.stage", [i for r in records if (i := m2o(r.get("stage_id"))[0])
                                            is not None], ["name", "is_won"])
        docs = self.partner_docs([i for r in records if (i := m2o(r.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            out.append({
                "source_id": sid, "customer_doc": docs.get(m2o(r.get("partner_id"))[0] or 0),
                "stage": self._stage(sid, r, stages), "vin": None,
                "amount": self.cell(sid, "amount", money, r.get("expected_revenue")),
                "lead_source": m2o(r.get("source_id"))[1],
                "closed_on": self.cell(sid, "closed_on", local_day, r.get("date_closed")),
                "branch": m2o(r.get("team_id"))[1],
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
                "created_on": self.cell(sid, "created_on", local_day, r.get("create_date")),
                "salesperson": m2o(r.get("user_id"))[1],  # the salesperson (res.users)
            })
        return out

    def _invoices(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        docs = self.partner_docs([i for r in records if (i := m2o(r.get("partner_id"))[0])
                                  is not None])
        out = []
        for r in records:
            sid = str(r["id"])
            state = as_text(r.get("state"))
            cufe = next((c for f in _CUFE_FIELDS if (c := as_text(r.get(f)))), None)
            out.append({
                "source_id": sid, "invoice_number": normalize_invoice(as_text(r.get("name"))),
                "cufe": cufe, "customer_doc": docs.get(m2o(r.get("partner_id"))[0] or 0),
                "vin": None, "branch": m2o(r.get("team_id"))[1],
                "issued_on": self.cell(sid, "issued_on", day, r.get("invoice_date")),
                "total": self.cell(sid, "total", money, r.get("amount_total")),
                "status": _INVOICE_STATUS.get(state or "", state),
                "updated_at": self.cell(sid, "updated_at", stamp, r.get("write_date")),
            })
        return out

    def _stage(self, sid: str, r: dict[str, Any], stages: Mapping[int, dict[str, Any]]) -> str | None:
        """Won and lost first (Odoo 18's ``won_status``, else is_won / archived at 0 %)."""
        won_status = as_text(r.get("won_status"))
        if won_status in ("won", "lost"):
            return "sold" if won_status == "won" else "lost"
        stage_id, stage_name = m2o(r.get("stage_id"))
        stage = stages.get(stage_id or 0, {})
        probability = float(r.get("probability") or 0)
        if stage.get("is_won") or (probability >= 100 and r.get("active", True)):
            return "sold"
        if r.get("active") is False and probability <= 0:
            return "lost"
        name = stage_name or as_text(stage.get("name"))
        if name is None:
            return "lead"
        code = _STAGES.get(fold(name))
        if code is None:
            try:
                code = cells.coded(cells.DEAL_STAGE)(name)
            except ValueError:
                self.report(sid, "stage", "unknown_stage", name)
        return code
