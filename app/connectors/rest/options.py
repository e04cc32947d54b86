"""A REST profile's options, checked once: a bad one is a SourceError naming it.

Options (all optional; a profile stores them as data):

===================  ==========================================================================
``paths``            ``{entity: path}`` relative to the base URL (default: the entity's name;
                     the insights' ``invoices``, ``services``, ``contracts``, ``followups``
                     are read when the API answers them — a 404 there is "not available")
``auth``             ``"bearer"`` (default), ``"basic"`` (``username`` + the secret) or ``"none"``
``headers``          extra fixed headers (never a secret: a secret belongs in the keyring)
``pagination``       ``"auto"`` (default: follow ``Link: rel="next"``, else pages), ``"page"``,
                     ``"offset"``, ``"link"`` or ``"none"``
``page_param``       ``"page"``; ``size_param`` ``"page_size"``; ``page_size`` 500;
                     ``first_page`` 1; ``offset_param`` ``"offset"``; ``limit_param`` ``"limit"``
``since_param``      ``"modified_since"`` (ISO 8601 with its zone; ``""``: the API has none)
``fields_param``     ``"fields"``: the parameter that asks for some fields only (``fields=id``
                     lists the ids, to find what was deleted; ``""``: the API has none)
``items_key``        where the list is in the body (dotted, e.g. ``"data.items"``; default: a
                     top-level list, or the first list under items/data/results/records)
``id_field``         ``"id"``: the record's id, for ``read`` and ``apply`` (``path/{id}``)
``total_header``     ``"X-Total-Count"``
``timeout``          seconds per request (30)
``retry_attempts``   tries of a read (5); ``retry_base_delay`` first backoff ceiling (0.5 s)
===================  ==========================================================================
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.connectors.base import SourceError
from app.domain.i18n import tr_app

log = logging.getLogger(__name__)

_PAGINATIONS = ("auto", "page", "offset", "link", "none")
_AUTHS = ("bearer", "basic", "none")


@dataclass(frozen=True, slots=True)
class RestOptions:
    """A REST profile's options, checked once (a bad one is a SourceError naming it)."""

    paths: Mapping[str, str] = field(default_factory=dict)
    auth: str = "bearer"
    username: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    pagination: str = "auto"
    page_param: str = "page"
    size_param: str = "page_size"
    page_size: int = 500
    first_page: int = 1
    offset_param: str = "offset"
    limit_param: str = "limit"
    since_param: str = "modified_since"
    fields_param: str = "fields"
    items_key: str | None = None
    id_field: str = "id"
    total_header: str = "X-Total-Count"
    timeout: float = 30.0
    retry_attempts: int = 5
    retry_base_delay: float = 0.5

    @classmethod
    def parse(cls, options: Mapping[str, Any]) -> RestOptions:
        known = set(cls.__dataclass_fields__)
        for name in sorted(set(options) - known):
            log.debug("REST option %r is not used", name)
        values = {k: v for k, v in options.items() if k in known and v is not None}
        texts = ("auth", "username", "pagination", "page_param", "size_param", "offset_param",
                 "limit_param", "since_param", "fields_param", "items_key", "id_field", "total_header")
        for name in texts:
            if name in values and not isinstance(values[name], str):
                raise SourceError(tr_app("app.connectors", "La opción «{name}» del perfil debe ser "
                                                           "texto.").format(
                                      name=name))
        for name in ("page_size", "first_page", "retry_attempts"):
            if name in values and (isinstance(values[name], bool) or not isinstance(values[name], int)
                                   or values[name] < (0 if name == "first_page" else 1)):
                raise SourceError(tr_app("app.connectors", "La opción «{name}» del perfil debe ser un "
                                                           "entero positivo.").format(name=name))
        for name in ("timeout", "retry_base_delay"):
            if name in values and (isinstance(values[name], bool)
                                   or not isinstance(values[name], int | float) or values[name] <= 0):
                raise SourceError(tr_app("app.connectors", "La opción «{name}» del perfil debe ser un "
                                                           "número positivo.").format(name=name))
        for name in ("paths", "headers"):
            if name in values and (not isinstance(values[name], Mapping) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in values[name].items())):
                raise SourceError(tr_app("app.connectors", "La opción «{name}» del perfil debe ser un "
                                                           "objeto de textos.").format(name=name))
        made = cls(**values)
        if made.auth not in _AUTHS:
            raise SourceError(tr_app("app.connectors", "La autenticación «{auth}» no se conoce: use "
                                                       "bearer, basic o none.").format(auth=made.auth))
        if made.pagination not in _PAGINATIONS:
            raise SourceError(tr_app("app.connectors", "La paginación «{pagination}» no se conoce: use "
                                                       "auto, page, offset, link o none.").format(
                                  pagination=made.pagination))
        if made.auth == "basic" and not made.username:
            raise SourceError(tr_app("app.connectors", "La autenticación basic necesita la opción "
                                                       "«username» en el perfil."))
        if any(k.lower() in ("authorization", "cookie", "proxy-authorization") for k in made.headers):
            raise SourceError(tr_app("app.connectors", "Las credenciales no van en «headers» del perfil: "
                                                       "se guardan con «cuadre credentials set»."))
        return made
