"""How a REST API's answers read, and what an error answer to a write means.

The wire side of :mod:`app.connectors.rest.connector`: a body as JSON with exact Decimals, the list of
records in it (``items``/``data``/``results``…), its total, the ``Link: rel="next"`` target,
one record, a short error code (never the error's message: it may hold personal data),
canonical values as JSON carries them and compared as the reconciliation does; and
:func:`refused`, the :class:`~app.connectors.base.Outcome` of a write answered with an error
status — ``permanent`` when the same request would be refused again (a 4xx other than 408,
409, 425, 429), UNKNOWN when the write may have happened (502/504) or a request with the same
``Idempotency-Key`` is still being handled (409 ``idempotency_key_in_flight``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd

from app.connectors.base import Outcome, OutcomeStatus, SourceError
from app.connectors.files.headers import EXTRA_COLUMNS
from app.connectors.http import Response, refused_for_good, retry_after_of
from app.connectors.values import same_in_form
from app.domain.i18n import tr_app
from app.domain.schema import COLUMNS, Entity
from app.domain.values import bogota_moment

_LIST_KEYS = ("items", "data", "results", "records")
_TOTAL_KEYS = ("total", "total_count", "totalCount", "total_results", "count")
_ONE_KEYS = ("data", "item", "record", "result")
_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[^;,]+)*)')
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
#: Statuses after which a PATCH may or may not have been applied (a proxy gave up waiting).
_MAYBE_APPLIED = frozenset({502, 504})
#: Error codes of a 409 saying a request with the same Idempotency-Key is still being handled
#: (draft-ietf-httpapi-idempotency-key-header; Stripe's "idempotency_key_in_use").
_IN_FLIGHT = frozenset({"idempotency_key_in_flight", "idempotency_key_in_use",
                        "request_in_progress", "concurrent_request"})


def in_flight(response: Response) -> bool:
    return response.status == 409 and error_code(response) in _IN_FLIGHT


def refused(response: Response, where: str) -> Outcome:
    """The outcome of a write answered with an error status; it carries the status and, for
    429/503, the seconds ``Retry-After`` asked to wait. A 4xx other than 408/409/425/429 is
    ``permanent``: the same request would be refused again. A 409 saying the same key is still
    in flight is UNKNOWN: the earlier request may yet apply it."""
    status = response.status
    code = error_code(response) or f"http_{status}"

    def outcome(kind: OutcomeStatus, reason: str, detail: str) -> Outcome:
        return Outcome(kind, reason, detail, http_status=status,
                       retry_after=retry_after_of(response), permanent=refused_for_good(status))

    if in_flight(response):
        return outcome(OutcomeStatus.UNKNOWN, "in_flight",
                       f"{where} aún atiende un envío anterior con la misma clave (HTTP 409): "
                       "se leerá el registro antes de decidir.")
    if status in (409, 412):
        return outcome(OutcomeStatus.CONFLICT, "etag_mismatch" if status == 412 else code,
                       f"{where} rechazó el cambio porque el registro cambió (HTTP {status}).")
    if status in (401, 403):
        return outcome(OutcomeStatus.FAILED, "auth",
                       f"{where} rechazó las credenciales (HTTP {status}).")
    if status in (408, 425, 429):
        return outcome(OutcomeStatus.FAILED, code,
                       f"{where} no aceptó la solicitud ahora (HTTP {status}); reintente.")
    if status in _MAYBE_APPLIED:
        return outcome(OutcomeStatus.UNKNOWN, code,
                       f"{where} no confirmó el cambio (HTTP {status}): léalo de nuevo.")
    if status >= 500:
        return outcome(OutcomeStatus.FAILED, code, f"{where} falló (HTTP {status}).")
    return outcome(OutcomeStatus.REJECTED, code, f"{where} rechazó el cambio (HTTP {status}).")



def empty_frame(entity: Entity) -> pd.DataFrame:
    """The canonical frame with no rows (an incremental pull that found no change)."""
    columns = COLUMNS[entity] + EXTRA_COLUMNS.get(entity, ())
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns}, columns=list(columns))


def iso_moment(since: Any) -> str:
    """``since`` as ISO 8601 with its zone (Bogotá when it has none; a date is its midnight)."""
    if isinstance(since, str):
        return since
    if not isinstance(since, date):
        raise SourceError(tr_app("app.connectors", "La fecha desde la cual traer cambios no es válida."))
    return bogota_moment(since).isoformat()


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """Nested objects one level down as ``parent.child``; lists as JSON text."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                out[f"{key}.{sub}"] = _scalar(inner)
        else:
            out[str(key)] = _scalar(value)
    return out


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def ident(record: Any, id_field: str) -> Any:
    return record.get(id_field) if isinstance(record, dict) else None


def read_json(response: Response, where: str) -> Any:
    """The body as JSON, numbers with a fraction as exact Decimals (money is never a float)."""
    try:
        return json.loads(response.body.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(tr_app("app.connectors", "{where} respondió algo que no es JSON válido.").format(
                              where=where)) from None


def find_list(body: Any, key: str | None) -> list[Any] | None:
    if key:
        node = body
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node if isinstance(node, list) else None
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for name in _LIST_KEYS:
            value = body.get(name)
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                inner = find_list(value, None)
                if inner is not None:
                    return inner
    return None


def list_total(response: Response, body: Any, header: str) -> int | None:
    raw = response.header(header.lower()) if header else None
    if raw is not None and raw.strip().isdigit():
        return int(raw.strip())
    if isinstance(body, dict):
        for holder in (body, body.get("meta"), body.get("pagination")):
            if not isinstance(holder, dict):
                continue
            for name in _TOTAL_KEYS:
                value = holder.get(name)
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    return value
    return None


def next_link(response: Response) -> str | None:
    """The ``rel="next"`` target of a ``Link`` header (RFC 8288), or None."""
    header = response.header("link")
    if not header:
        return None
    for target, params in _LINK.findall(header):
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "rel" and "next" in value.strip().strip('"').lower().split():
                return target.strip()
    return None


def one_record(body: Any) -> dict[str, Any] | None:
    if isinstance(body, dict):
        for name in _ONE_KEYS:
            inner = body.get(name)
            if isinstance(inner, dict) and len(body) <= 3:
                return inner
        return body
    return None


def error_code(response: Response) -> str | None:
    """A short error code from a JSON error body (never its message: it may hold personal data)."""
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    code = body.get("error") or body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, str) and _CODE.match(code) else None


def wire(value: Any) -> Any:
    """A canonical value as JSON carries it: money and dates as text, the rest as is."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def same(current: Any, wanted: Any, field: str) -> bool:
    """Canonical values of ``field`` equal as the reconciliation would see them (None and ""
    alike, 5 = 5.00, a phone's spacing or an e-mail's case no difference)."""
    if current in (None, "") and wanted in (None, ""):
        return True
    if current == wanted:
        return True
    if isinstance(current, Decimal | int) and isinstance(wanted, Decimal | int | str):
        try:
            if Decimal(str(current)) == Decimal(str(wanted)):
                return True
        except ArithmeticError:
            pass
    if isinstance(current, date | datetime) and isinstance(wanted, str) \
            and current.isoformat() == wanted:
        return True
    return same_in_form(field, current, wanted)
