"""The emulated Odoo's schema: the models and fields Cuadre reads, as a Colombian Odoo 17 has them.

``SCHEMA`` maps model → field → (type, relation). Besides the fields of the Community modules
(contacts, sale_stock, account, crm, l10n_co with l10n_latam_base), it holds those of
l10n_co_edi (``res.city.l10n_co_edi_code``, the CUFE) and a few Studio fields (``x_…``) a
profile may map. What Odoo computes is read-only here (``READONLY``), one2many fields are
computed from the many2one that points back (``INVERSES``), and a company's ``vat`` and
identification type reach its contacts and addresses (``COMMERCIAL_FIELDS``), as in Odoo.
"""

from __future__ import annotations

from typing import ClassVar

USER_ID = 2
USER_COMPANIES = (1, 2)
DEFAULT_COMPANY = 1
COLOMBIA = 49
SPAIN, USA = 68, 233  # res.country ids, as in a real database
COP = 8
PARTNER_OFFSET = 10  # terceros.id + this = res.partner id (1–3 are the companies and the admin)

M2O, M2M, O2M = "many2one", "many2many", "one2many"
_M2O, _M2M, _O2M = M2O, M2M, O2M

# model → field → (type, relation)
_M2O, _M2M, _O2M = "many2one", "many2many", "one2many"
SCHEMA: dict[str, dict[str, tuple[str, str | None]]] = {
    "res.company": {"name": ("char", None), "partner_id": (_M2O, "res.partner"),
                    "currency_id": (_M2O, "res.currency")},
    "res.currency": {"name": ("char", None), "symbol": ("char", None)},
    "res.users": {"name": ("char", None), "login": ("char", None),
                  "partner_id": (_M2O, "res.partner"), "company_id": (_M2O, "res.company"),
                  "company_ids": (_M2M, "res.company"), "active": ("boolean", None)},
    "res.country": {"name": ("char", None), "code": ("char", None)},
    "res.country.state": {"name": ("char", None), "code": ("char", None),
                          "country_id": (_M2O, "res.country"),
                          "l10n_co_edi_code": ("integer", None)},
    "res.city": {"name": ("char", None), "zipcode": ("char", None),
                 "state_id": (_M2O, "res.country.state"), "country_id": (_M2O, "res.country"),
                 "l10n_co_edi_code": ("integer", None)},
    "l10n_latam.identification.type": {
        "name": ("char", None), "l10n_co_document_code": ("char", None),
        "is_vat": ("boolean", None), "country_id": (_M2O, "res.country"),
        "sequence": ("integer", None), "active": ("boolean", None)},
    "res.partner": {
        "name": ("char", None), "is_company": ("boolean", None),
        "parent_id": (_M2O, "res.partner"), "type": ("selection", None), "vat": ("char", None),
        "l10n_latam_identification_type_id": (_M2O, "l10n_latam.identification.type"),
        "phone": ("char", None), "mobile": ("char", None), "email": ("char", None),
        "street": ("char", None), "street2": ("char", None), "city": ("char", None),
        "city_id": (_M2O, "res.city"), "state_id": (_M2O, "res.country.state"),
        "zip": ("char", None), "country_id": (_M2O, "res.country"),
        "company_id": (_M2O, "res.company"), "customer_rank": ("integer", None),
        "supplier_rank": ("integer", None), "active": ("boolean", None), "lang": ("char", None),
        "commercial_partner_id": (_M2O, "res.partner"),
        "x_autoriza_datos": ("boolean", None), "x_fecha_autorizacion": ("date", None),
        "x_canal_autorizacion": ("char", None), "x_reclamo_en_tramite": ("boolean", None)},
    "product.category": {"name": ("char", None), "complete_name": ("char", None),
                         "parent_id": (_M2O, "product.category")},
    "product.attribute": {"name": ("char", None)},
    "product.template.attribute.value": {"name": ("char", None),
                                         "attribute_id": (_M2O, "product.attribute")},
    "product.product": {
        "name": ("char", None), "default_code": ("char", None),
        "categ_id": (_M2O, "product.category"), "lst_price": ("float", None),
        "tracking": ("selection", None),
        "product_template_variant_value_ids": (_M2M, "product.template.attribute.value"),
        "product_template_attribute_value_ids": (_M2M, "product.template.attribute.value"),
        "active": ("boolean", None), "company_id": (_M2O, "res.company")},
    # repair_type_id is the repair module's, as are stock.picking.type's repair_operation code
    # and the repair.* models below (odoo_repair.py: a dealership with a workshop has it).
    "stock.warehouse": {"name": ("char", None), "code": ("char", None),
                        "company_id": (_M2O, "res.company"),
                        "lot_stock_id": (_M2O, "stock.location"), "active": ("boolean", None),
                        "repair_type_id": (_M2O, "stock.picking.type")},
    "stock.picking.type": {"name": ("char", None), "code": ("selection", None),
                           "warehouse_id": (_M2O, "stock.warehouse"),
                           "company_id": (_M2O, "res.company")},
    "uom.uom": {"name": ("char", None)},
    # repair_request is related to the sale line's description (written through, as Odoo does).
    "repair.order": {"name": ("char", None), "state": ("selection", None),
                     "partner_id": (_M2O, "res.partner"), "sale_order_id": (_M2O, "sale.order"),
                     "sale_order_line_id": (_M2O, "sale.order.line"),
                     "product_id": (_M2O, "product.product"), "product_qty": ("float", None),
                     "product_uom": (_M2O, "uom.uom"), "lot_id": (_M2O, "stock.lot"),
                     "picking_type_id": (_M2O, "stock.picking.type"),
                     "internal_notes": ("html", None), "repair_request": ("text", None),
                     "tag_ids": (_M2M, "repair.tags"), "schedule_date": ("datetime", None),
                     "company_id": (_M2O, "res.company")},
    "repair.tags": {"name": ("char", None)},
    "stock.location": {"name": ("char", None), "complete_name": ("char", None),
                       "usage": ("selection", None), "location_id": (_M2O, "stock.location"),
                       "warehouse_id": (_M2O, "stock.warehouse"),
                       "company_id": (_M2O, "res.company"), "active": ("boolean", None)},
    # sale_order_ids is sale_stock's: computed from the lot's *done* move lines to a customer
    # whose move came from a sale order line (so a reserved or undelivered unit has none).
    "stock.lot": {"name": ("char", None), "ref": ("char", None),
                  "product_id": (_M2O, "product.product"), "company_id": (_M2O, "res.company"),
                  "sale_order_ids": (_M2M, "sale.order"), "quant_ids": (_O2M, "stock.quant")},
    "stock.quant": {"product_id": (_M2O, "product.product"), "lot_id": (_M2O, "stock.lot"),
                    "location_id": (_M2O, "stock.location"), "quantity": ("float", None),
                    "reserved_quantity": ("float", None), "in_date": ("datetime", None),
                    "company_id": (_M2O, "res.company")},
    "sale.order": {"name": ("char", None), "partner_id": (_M2O, "res.partner"),
                   "partner_shipping_id": (_M2O, "res.partner"),
                   "state": ("selection", None), "invoice_status": ("selection", None),
                   "delivery_status": ("selection", None), "client_order_ref": ("char", None),
                   "warehouse_id": (_M2O, "stock.warehouse"), "date_order": ("datetime", None),
                   "amount_total": ("monetary", None), "company_id": (_M2O, "res.company"),
                   "team_id": (_M2O, "crm.team"), "order_line": (_O2M, "sale.order.line"),
                   "picking_ids": (_O2M, "stock.picking"), "invoice_ids": (_M2M, "account.move")},
    "sale.order.line": {"order_id": (_M2O, "sale.order"), "product_id": (_M2O, "product.product"),
                        "product_uom": (_M2O, "uom.uom"),
                        "order_partner_id": (_M2O, "res.partner"), "name": ("text", None),
                        "state": ("selection", None), "product_uom_qty": ("float", None),
                        "qty_delivered": ("float", None), "qty_invoiced": ("float", None),
                        "invoice_status": ("selection", None), "price_unit": ("float", None),
                        "move_ids": (_O2M, "stock.move"), "company_id": (_M2O, "res.company")},
    "stock.picking": {"name": ("char", None), "partner_id": (_M2O, "res.partner"),
                      "state": ("selection", None), "sale_id": (_M2O, "sale.order"),
                      "picking_type_code": ("selection", None), "origin": ("char", None),
                      "location_id": (_M2O, "stock.location"),
                      "location_dest_id": (_M2O, "stock.location"),
                      "scheduled_date": ("datetime", None), "date_done": ("datetime", None),
                      "move_ids": (_O2M, "stock.move"), "company_id": (_M2O, "res.company")},
    "stock.move": {"name": ("char", None), "product_id": (_M2O, "product.product"),
                   "sale_line_id": (_M2O, "sale.order.line"), "partner_id": (_M2O, "res.partner"),
                   "picking_id": (_M2O, "stock.picking"), "state": ("selection", None),
                   "origin": ("char", None), "reference": ("char", None),
                   "location_id": (_M2O, "stock.location"),
                   "location_dest_id": (_M2O, "stock.location"), "date": ("datetime", None),
                   "product_uom_qty": ("float", None), "move_line_ids": (_O2M, "stock.move.line"),
                   "company_id": (_M2O, "res.company")},
    # state is related to the move's (stored); picking_partner_id to the picking's partner.
    "stock.move.line": {"lot_id": (_M2O, "stock.lot"), "move_id": (_M2O, "stock.move"),
                        "picking_id": (_M2O, "stock.picking"), "product_id": (_M2O, "product.product"),
                        "state": ("selection", None), "quantity": ("float", None),
                        "picked": ("boolean", None), "location_id": (_M2O, "stock.location"),
                        "location_dest_id": (_M2O, "stock.location"),
                        "picking_partner_id": (_M2O, "res.partner"),
                        "picking_code": ("selection", None), "reference": ("char", None),
                        "origin": ("char", None), "date": ("datetime", None),
                        "company_id": (_M2O, "res.company")},
    "account.journal": {"name": ("char", None), "code": ("char", None),
                        "type": ("selection", None), "company_id": (_M2O, "res.company")},
    "account.payment.method.line": {"name": ("char", None),
                                    "journal_id": (_M2O, "account.journal")},
    "crm.team": {"name": ("char", None), "company_id": (_M2O, "res.company"),
                 "active": ("boolean", None)},
    "account.move": {
        "name": ("char", None), "move_type": ("selection", None), "state": ("selection", None),
        "partner_id": (_M2O, "res.partner"), "invoice_date": ("date", None),
        "date": ("date", None), "amount_total": ("monetary", None),
        "amount_residual": ("monetary", None), "payment_state": ("selection", None),
        "l10n_co_edi_cufe_cude_ref": ("char", None), "team_id": (_M2O, "crm.team"),
        "journal_id": (_M2O, "account.journal"), "company_id": (_M2O, "res.company"),
        "currency_id": (_M2O, "res.currency"), "ref": ("char", None),
        "narration": ("text", None), "invoice_origin": ("char", None),
        "x_vin": ("char", None)},  # a Studio field: the vehicle an invoice sells
    "account.payment": {
        "name": ("char", None), "amount": ("monetary", None), "date": ("date", None),
        "partner_id": (_M2O, "res.partner"), "payment_type": ("selection", None),
        "partner_type": ("selection", None), "state": ("selection", None),
        "journal_id": (_M2O, "account.journal"),
        "payment_method_line_id": (_M2O, "account.payment.method.line"),
        "reconciled_invoice_ids": (_M2M, "account.move"), "currency_id": (_M2O, "res.currency"),
        "ref": ("char", None), "company_id": (_M2O, "res.company")},
    "crm.stage": {"name": ("char", None), "sequence": ("integer", None),
                  "is_won": ("boolean", None)},
    "utm.source": {"name": ("char", None)},
    "crm.lead": {
        "name": ("char", None), "type": ("selection", None), "partner_id": (_M2O, "res.partner"),
        "stage_id": (_M2O, "crm.stage"), "probability": ("float", None),
        "expected_revenue": ("monetary", None), "date_closed": ("datetime", None),
        "source_id": (_M2O, "utm.source"), "team_id": (_M2O, "crm.team"),
        "user_id": (_M2O, "res.users"), "active": ("boolean", None),
        "company_id": (_M2O, "res.company"), "email_from": ("char", None),
        "phone": ("char", None), "x_vin": ("char", None)},
}
_MAGIC = {"id": ("integer", None), "display_name": ("char", None),
          "create_date": ("datetime", None), "write_date": ("datetime", None)}
for _fields in SCHEMA.values():
    _fields.update(_MAGIC)

#: Fields Odoo computes: a write to them is refused here (as a client bug would be noticed).
READONLY = {"id", "display_name", "create_date", "write_date", "complete_name", "warehouse_id",
            "quantity", "reserved_quantity", "amount_residual", "payment_state",
            "reconciled_invoice_ids", "sale_order_ids", "quant_ids", "amount_total",
            "commercial_partner_id", "order_line", "picking_ids", "move_ids", "move_line_ids",
            "picking_partner_id", "invoice_ids", "delivery_status", "qty_delivered",
            "qty_invoiced"}
#: One2many fields, computed from the many2one that points back: (model, field) → (comodel,
#: its many2one).
INVERSES = {
    ("stock.lot", "quant_ids"): ("stock.quant", "lot_id"),
    ("sale.order", "order_line"): ("sale.order.line", "order_id"),
    ("sale.order", "picking_ids"): ("stock.picking", "sale_id"),
    ("sale.order.line", "move_ids"): ("stock.move", "sale_line_id"),
    ("stock.picking", "move_ids"): ("stock.move", "picking_id"),
    ("stock.move", "move_line_ids"): ("stock.move.line", "move_id"),
}
#: Computed fields Odoo neither stores nor knows how to search: a domain leaf on one is left
#: out (Odoo 17 logs «Non-stored field … cannot be searched.» and matches every record).
NOT_SEARCHABLE = {("account.payment", "reconciled_invoice_ids"), ("stock.lot", "sale_order_ids")}
#: Fields base syncs from a company to its contacts and addresses (``_commercial_fields``).
COMMERCIAL_FIELDS = ("vat", "l10n_latam_identification_type_id")

#: What a posted journal entry (an invoice or a payment's) no longer lets change.
POSTED_LOCKED = {
    "account.move": {"partner_id", "invoice_date", "date", "amount_total", "currency_id",
                     "journal_id", "invoice_line_ids", "line_ids", "fiscal_position_id",
                     "invoice_payment_term_id", "l10n_co_edi_cufe_cude_ref", "name"},
    "account.payment": {"amount", "date", "partner_id", "journal_id", "currency_id", "name"},
}


# --- errors, as Odoo raises them -----------------------------------------------------------------


class OdooError(Exception):
    """An exception of Odoo's own: ``kind`` is the class (UserError, AccessError…). Odoo 17
    answers them over XML-RPC with fault code 2 (UserError and its kin: ValidationError,
    MissingError), 3 (AccessDenied) or 4 (AccessError) and the bare message, in the user's
    language (Spanish here, as for a user in es_CO)."""

    XMLRPC_CODES: ClassVar[dict[str, int]] = {
        "UserError": 2, "ValidationError": 2, "MissingError": 2, "AccessDenied": 3, "AccessError": 4}
    HTTP_STATUS: ClassVar[dict[str, int]] = {
        "UserError": 422, "ValidationError": 422, "MissingError": 404, "AccessDenied": 401,
        "AccessError": 403}

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
