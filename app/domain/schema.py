"""The canonical schema (DESIGN §3): the columns every connector's ``pull`` returns.

Identifiers are text, money is ``Decimal`` (object columns), dates are ``datetime.date`` and
timestamps are zone-aware ``datetime``. Missing values are ``None``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where frames are made: a command that needs none
    import pandas as pd  # (``cuadre --version``, ``cuadre vin``) starts without it


class Entity(StrEnum):
    CUSTOMERS = "customers"
    PAYMENTS = "payments"
    VEHICLES = "vehicles"
    DEALS = "deals"
    # Read for the dealer insights (app/insights), not reconciled: the ERP's invoices, workshop
    # visits and contracts (SOAT, insurance, financing), and the CRM's follow-up tasks.
    INVOICES = "invoices"
    SERVICES = "services"
    CONTRACTS = "contracts"
    FOLLOWUPS = "followups"


class System(StrEnum):
    CRM = "crm"
    ERP = "erp"


COLUMNS: dict[Entity, tuple[str, ...]] = {
    Entity.CUSTOMERS: (
        "source_id", "doc_type", "doc_number", "check_digit", "first_names", "last_names",
        "company_name", "phone", "email", "city_code", "city_name", "address",
        "habeas_data_consent", "consent_date", "consent_channel", "claim_in_progress",
        # CRM contacts are leads until they buy; only customers must exist in the ERP.
        "is_customer", "updated_at",
    ),
    Entity.PAYMENTS: (
        "source_id", "receipt_number", "invoice_number", "cufe", "customer_doc", "amount",
        "currency", "paid_on", "method", "status", "deal_id", "branch", "updated_at",
    ),
    Entity.VEHICLES: (
        "source_id", "vin", "make", "model", "model_year", "color", "status", "branch", "price",
        "customer_doc", "deal_id", "delivered_on", "updated_at",
        # The day the unit entered the dealership's stock (days in inventory); None if unknown.
        "received_on",
    ),
    Entity.DEALS: (
        "source_id", "customer_doc", "stage", "vin", "amount", "lead_source", "closed_on",
        "branch", "updated_at",
        "created_on",  # the day the lead came in (the funnel's month)
        "salesperson",  # who sells it (the deal's owner: «asesor comercial»), a name
    ),
    # ERP: DIAN invoices, with the VIN of the vehicle sold when the invoice is a vehicle sale.
    Entity.INVOICES: (
        "source_id", "invoice_number", "cufe", "customer_doc", "vin", "branch", "issued_on",
        "total", "status", "updated_at",
    ),
    # ERP workshop: one row per visit; the odometer reading when it was taken.
    Entity.SERVICES: (
        "source_id", "vin", "customer_doc", "kind", "visited_on", "odometer_km", "branch",
        "updated_at",
    ),
    # ERP: SOAT, insurance policies and financing of a vehicle, with the day each ends.
    Entity.CONTRACTS: (
        "source_id", "vin", "customer_doc", "kind", "provider", "starts_on", "ends_on",
        "updated_at",
    ),
    # CRM: follow-up tasks (a call at the first anniversary, before the SOAT expires…).
    Entity.FOLLOWUPS: (
        "source_id", "customer_doc", "vin", "kind", "due_on", "status", "note", "updated_at",
    ),
}

VEHICLE_STATUSES = ("available", "reserved", "sold", "delivered", "in_transit", "demo")
DEAL_STAGES = ("lead", "test_drive", "negotiation", "sold", "lost")
INVOICE_STATUSES = ("validated", "annulled", "draft")
SERVICE_KINDS = ("first_service", "maintenance", "repair", "warranty", "preparation")
CONTRACT_KINDS = ("soat", "insurance", "financing")
FOLLOWUP_KINDS = ("anniversary", "first_service", "soat", "insurance", "renewal", "other")
FOLLOWUP_STATUSES = ("open", "done", "cancelled")
#: The entities the engine reconciles; the others are read for the insights only.
RECONCILED = (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES)


def frame(entity: Entity, rows: list[dict[str, object]]) -> pd.DataFrame:
    """A canonical frame from row dicts: every column present, in order, as Python objects.

    Object dtype everywhere keeps ``None`` as ``None``, text as text (no NaN, no inferred
    numbers) and ``Decimal`` exact.
    """
    import pandas as pd

    columns = COLUMNS[entity]
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns}
    return pd.DataFrame(data, columns=list(columns))


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a canonical frame as dicts keyed by column name, values as stored.

    Faster than ``DataFrame.to_dict("records")``, which boxes every cell one by one.
    """
    columns = [str(c) for c in df.columns]
    values = [df[c].tolist() for c in df.columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
