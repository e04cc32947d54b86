"""Connection profiles: a dealership's two sources and its reconciliation choices, as data.

A :class:`ConnectionProfile` names the CRM and ERP sources (:class:`SourceConfig`: files per
entity, a database URL, a REST base URL or an Odoo URL, with their options and column
mappings), the payment tolerances, the matcher's auto/review thresholds and which system is
the system of record for each field (DESIGN §5). :func:`profile_to_json` and
:func:`profile_from_json` are its JSON form, as ``profiles.json`` keeps it
(:mod:`app.connections.store`).

A profile never holds a secret. Validation refuses an option whose name looks like one
(password, token, key…) and a URL with a password in it; the secret lives in the OS keyring
under the source's reference (:mod:`app.connections.credentials`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.i18n import mark_app, tr_app, tr_marked
from app.domain.schema import COLUMNS, Entity, System
from app.domain.sources import SourceError, SourceKind, SourceSpec, parse_source, secret_ref
from app.reconcile.profile import Profile
from app.reconcile.scoring import MatchSettings
from app.writeback.policy import DEFAULT_SYSTEM_OF_RECORD

#: The entities each system offers when its source does not list them (files always do).
DEFAULT_ENTITIES: dict[System, tuple[Entity, ...]] = {
    System.CRM: (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES, Entity.DEALS),
    System.ERP: (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.VEHICLES),
}
#: What each system may hold besides, read for the insights only ("para indicadores"): the
#: ERP's invoices, workshop visits and contracts, the CRM's follow-ups. A source without them
#: still reconciles; the insights that need them say they are not available.
OPTIONAL_ENTITIES: dict[System, tuple[Entity, ...]] = {
    System.CRM: (Entity.FOLLOWUPS,),
    System.ERP: (Entity.INVOICES, Entity.SERVICES, Entity.CONTRACTS),
}

#: What Siigo Nube and Alegra hold: customers and receipts (no vehicles), and invoices.
CLOUD_ERP_ENTITIES: dict[SourceKind, tuple[Entity, ...]] = {
    SourceKind.SIIGO: (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.INVOICES),
    SourceKind.ALEGRA: (Entity.CUSTOMERS, Entity.PAYMENTS, Entity.INVOICES),
}

_MATCH_DEFAULTS = MatchSettings()
_CANONICAL_FIELDS = frozenset(c for columns in COLUMNS.values() for c in columns)

# Option names that would hold a secret. Words are compared whole ("items_key" is the REST
# connector's "where the list is" option, not a key); fragments anywhere in the name.
_SECRET_WORDS = frozenset({
    "password", "passwd", "pwd", "pass", "passphrase", "contrasena", "clave", "token", "secret",
    "secreto", "apikey", "key", "credential", "credentials", "credencial", "credenciales",
    "bearer", "auth_token",
})
_SECRET_FRAGMENTS = ("password", "passwd", "apikey", "accesskey", "privatekey", "secret",
                     "token", "contrasena", "credencial", "credential")
_NOT_SECRET_OPTIONS = frozenset({"items_key"})
_URL_WITH_PASSWORD = re.compile(r"://[^/\s:@]*:[^/\s@]+@")


class ProfileError(ValueError):
    """A profile cannot be saved or used as it is. ``field`` says where (``"name"``,
    ``"crm.source"``, ``"erp.options"``, ``"thresholds"``…) so the window can show it inline."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


# --- the profile ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceConfig:
    """One system's source. ``kind`` is a :class:`SourceKind` value. A file source lists one
    file per entity in ``files`` (a file holds one entity); the others name one ``source``
    string as ``parse_source`` reads it. ``options`` are the connector's (tables or queries,
    paths, pagination, auth scheme, username, protocol…); ``mappings`` is ``{entity:
    {canonical field: source field or [fields]}}``."""

    kind: str = SourceKind.FILE.value
    source: str = ""
    files: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    mappings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def source_kind(self) -> SourceKind:
        return SourceKind(self.kind)

    def spec(self) -> SourceSpec:
        """The parsed source (not for files: those have one spec per entity)."""
        return parse_source(self.source, self.options)

    def entities(self, system: System | str) -> tuple[Entity, ...]:
        """What this source holds: the files given, the tables/queries/paths named, else the
        system's usual entities. Naming only what the insights read (an invoices table)
        leaves the usual entities as they were: it adds to them, it does not replace them."""
        if self.source_kind is SourceKind.FILE:
            return tuple(Entity(e) for e in self.files if self.files[e])
        if self.source_kind in CLOUD_ERP_ENTITIES:
            return CLOUD_ERP_ENTITIES[self.source_kind]
        named: dict[str, None] = {}
        for option in ("tables", "queries", "paths"):
            value = self.options.get(option)
            if isinstance(value, Mapping):
                named.update(dict.fromkeys(str(k) for k in value))
        optional = {e for extras in OPTIONAL_ENTITIES.values() for e in extras}
        usual = [e for e in Entity if e.value in named and e not in optional]
        if not usual:
            usual = list(DEFAULT_ENTITIES[System(system)])
        return (*usual, *(e for e in Entity if e.value in named and e in optional))

    def secret_ref(self) -> str | None:
        """The keyring entry this source's secret lives under; None when it needs none."""
        if self.source_kind is SourceKind.FILE or not self.source.strip():
            return None
        spec = self.spec()
        return secret_ref(spec) if spec.needs_secret else None

    def describe(self) -> str:
        """Where the data comes from, in a few words (never a secret)."""
        if self.source_kind is SourceKind.FILE:
            names = [Path(p).name for p in self.files.values() if p]
            return ", ".join(names) if names else tr_app("app.connections", "sin archivos")
        return self.source.strip() or tr_app("app.connections", "sin fuente")


@dataclass(frozen=True)
class ConnectionProfile:
    """Everything a reconciliation of one dealership needs, except secrets."""

    name: str
    crm: SourceConfig = field(default_factory=SourceConfig)
    erp: SourceConfig = field(default_factory=SourceConfig)
    amount_tolerance_abs: Decimal = Decimal(0)
    amount_tolerance_rel: Decimal = Decimal(0)
    date_window_days: int = 0
    auto_threshold: float = _MATCH_DEFAULTS.auto_threshold
    review_threshold: float = _MATCH_DEFAULTS.review_threshold
    system_of_record: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_SYSTEM_OF_RECORD))

    def source(self, system: System | str) -> SourceConfig:
        return self.crm if System(system) is System.CRM else self.erp

    def with_source(self, system: System | str, config: SourceConfig) -> ConnectionProfile:
        if System(system) is System.CRM:
            return replace(self, crm=config)
        return replace(self, erp=config)

    def to_reconcile_profile(self) -> Profile:
        """The engine's :class:`Profile`: tolerances and the matcher's thresholds."""
        return Profile(
            amount_tolerance_abs=self.amount_tolerance_abs,
            amount_tolerance_rel=self.amount_tolerance_rel,
            date_window_days=self.date_window_days,
            match=MatchSettings(auto_threshold=self.auto_threshold,
                                review_threshold=self.review_threshold),
        )

    def validate(self) -> None:
        """Raise :class:`ProfileError` (Spanish, with the field) for what cannot be saved."""
        if not self.name.strip():
            raise ProfileError(tr_app("app.connections", "Escriba un nombre para el perfil."),
                               "name")
        for system in System:
            _validate_source(self.source(system), system)
        if not self.amount_tolerance_abs.is_finite() or self.amount_tolerance_abs < 0:
            raise ProfileError(tr_app("app.connections", "La tolerancia en pesos no puede ser "
                                      "negativa."), "tolerances")
        if not self.amount_tolerance_rel.is_finite() or not (0 <= self.amount_tolerance_rel <= 1):
            raise ProfileError(tr_app("app.connections", "La tolerancia relativa debe estar entre "
                                      "0 % y 100 %."), "tolerances")
        if self.date_window_days < 0:
            raise ProfileError(tr_app("app.connections", "La ventana de fechas no puede ser "
                                      "negativa."), "tolerances")
        if not (0 < self.review_threshold < self.auto_threshold <= 1):
            raise ProfileError(tr_app("app.connections", "El umbral de revisión debe ser mayor "
                                      "que 0 y menor que el de enlace automático, que no puede "
                                      "pasar de 1."), "thresholds")
        for name, system_name in self.system_of_record.items():
            if name not in _CANONICAL_FIELDS:
                raise ProfileError(tr_app("app.connections", "«{field}» no es un campo "
                                          "conocido.").format(field=name), "system_of_record")
            if system_name not in ("crm", "erp"):
                raise ProfileError(tr_app("app.connections", "El sistema de registro de «{field}» "
                                          "debe ser CRM o ERP.").format(field=name),
                                   "system_of_record")


def of_system(system: System) -> str:
    """«del CRM» or «del ERP», for the sentences that name a system's source (in the current
    language)."""
    return (tr_app("app.connections", "del CRM") if system is System.CRM
            else tr_app("app.connections", "del ERP"))


def _validate_source(config: SourceConfig, system: System) -> None:
    where = f"{system.value}.source"
    try:
        kind = config.source_kind
    except ValueError:
        raise ProfileError(tr_app("app.connections", "Tipo de fuente {system} desconocido: "
                                  "«{kind}».").format(system=of_system(system), kind=config.kind),
                           where) from None
    refuse_secrets(config.options, f"{system.value}.options")
    for entity, mapping in config.mappings.items():
        _entity(entity, f"{system.value}.mappings")
        if not isinstance(mapping, Mapping):
            raise ProfileError(tr_app("app.connections", "Un mapeo de columnas debe ser {{campo: "
                                      "columna}}.").format(), f"{system.value}.mappings")
    if kind is SourceKind.FILE:
        files = {e: p for e, p in config.files.items() if str(p).strip()}
        if not files:
            raise ProfileError(tr_app("app.connections", "Indique al menos un archivo "
                                      "{system}.").format(system=of_system(system)), where)
        for entity, path in files.items():
            _entity(entity, where)
            if "://" in str(path):
                raise ProfileError(tr_app("app.connections", "«{path}» no es la ruta de un "
                                          "archivo.").format(path=path), where)
        return
    if not config.source.strip():
        raise ProfileError(tr_app("app.connections", "Indique la fuente {system}.").format(
            system=of_system(system)), where)
    try:
        spec = parse_source(config.source)
    except SourceError as exc:
        raise ProfileError(str(exc), where) from None
    if spec.kind is not kind:
        expected = {SourceKind.SQL: mark_app("app.connections", "una URL de base de datos "
                                             "(postgresql://…, sqlite:///…)"),
                    SourceKind.REST: mark_app("app.connections", "una URL http(s)://"),
                    SourceKind.ODOO: mark_app("app.connections",
                                              "una URL odoo://usuario@servidor/base"),
                    SourceKind.HUBSPOT: mark_app("app.connections",
                                                 "una fuente hubspot://PORTAL"),
                    SourceKind.FILE: mark_app("app.connections", "un archivo"),
                    SourceKind.SIIGO: mark_app("app.connections", "siigo://USUARIO@empresa"),
                    SourceKind.ALEGRA: mark_app("app.connections",
                                                "alegra://CORREO@empresa")}.get(kind, kind.value)
        raise ProfileError(tr_app("app.connections", "La fuente {system} debe ser {kind}.").format(
            system=of_system(system), kind=tr_marked("app.connections", expected)), where)


def _entity(value: str, where: str) -> Entity:
    try:
        return Entity(value)
    except ValueError:
        raise ProfileError(tr_app("app.connections", "«{value}» no es una entidad "
                                  "({entities}).").format(
            value=value, entities=", ".join(e.value for e in Entity)), where) from None


def looks_secret(key: str) -> bool:
    """Whether an option's name suggests it holds a secret (``password``, ``apiKey``…)."""
    if key in _NOT_SECRET_OPTIONS:
        return False
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()
    snake = snake.replace("ñ", "n")
    words = [w for w in re.split(r"[^a-z0-9]+", snake) if w]
    joined = "".join(words)
    return any(w in _SECRET_WORDS for w in words) or any(f in joined for f in _SECRET_FRAGMENTS)


def refuse_secrets(options: Any, where: str = "options", path: str = "") -> None:
    """Raise :class:`ProfileError` when ``options`` (nested) has a secret-looking key or a URL
    with a password. The message names the option, never its value."""
    if isinstance(options, Mapping):
        for key, value in options.items():
            name = f"{path}.{key}" if path else str(key)
            if looks_secret(str(key)):
                raise ProfileError(tr_app(
                    "app.connections", "La opción «{name}» parece una contraseña o un token: un "
                    "perfil no guarda secretos. Escríbalo en el campo de credencial; queda en el "
                    "almacén seguro del sistema.").format(name=name), where)
            refuse_secrets(value, where, name)
    elif isinstance(options, list | tuple):
        for item in options:
            refuse_secrets(item, where, path)
    elif isinstance(options, str) and _URL_WITH_PASSWORD.search(options):
        raise ProfileError(tr_app("app.connections", "La opción «{name}» lleva una contraseña "
                                  "dentro de una URL: un perfil no guarda secretos.").format(
            name=path), where)


# --- JSON -------------------------------------------------------------------------------------


def _source_to_json(config: SourceConfig) -> dict[str, Any]:
    return {"kind": config.kind, "source": config.source, "files": dict(config.files),
            "options": _plain(config.options),
            "mappings": {e: _plain(m) for e, m in config.mappings.items()}}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def profile_to_json(profile: ConnectionProfile) -> dict[str, Any]:
    return {
        "name": profile.name,
        "crm": _source_to_json(profile.crm),
        "erp": _source_to_json(profile.erp),
        "tolerances": {"amount_abs": str(profile.amount_tolerance_abs),
                       "amount_rel": str(profile.amount_tolerance_rel),
                       "date_window_days": profile.date_window_days},
        "thresholds": {"auto": profile.auto_threshold, "review": profile.review_threshold},
        "system_of_record": dict(profile.system_of_record),
    }


def _dict(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(tr_app("app.connections", "«{what}» debe ser un objeto.").format(
            what=what))
    return value


def _source_from_json(raw: Any, what: str) -> SourceConfig:
    data = _dict(raw, what)
    files = _dict(data.get("files"), f"{what}.files")
    mappings = _dict(data.get("mappings"), f"{what}.mappings")
    return SourceConfig(kind=str(data.get("kind") or SourceKind.FILE.value),
                        source=str(data.get("source") or ""),
                        files={str(k): str(v) for k, v in files.items()},
                        options=_dict(data.get("options"), f"{what}.options"),
                        mappings={str(e): _dict(m, f"{what}.mappings") for e, m in mappings.items()})


def _decimal(value: Any, what: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ProfileError(tr_app("app.connections", "«{what}» no es un número.").format(
            what=what)) from None
    if not number.is_finite():
        raise ProfileError(tr_app("app.connections", "«{what}» no es un número.").format(
            what=what))
    return number


def profile_from_json(raw: Any) -> ConnectionProfile:
    """A profile from its JSON object; raises :class:`ProfileError` for anything off."""
    data = _dict(raw, "perfil")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError(tr_app("app.connections", "Un perfil no tiene nombre."))
    tolerances = _dict(data.get("tolerances"), "tolerances")
    thresholds = _dict(data.get("thresholds"), "thresholds")
    defaults = ConnectionProfile(name)
    try:
        profile = ConnectionProfile(
            name=name.strip(),
            crm=_source_from_json(data.get("crm"), "crm"),
            erp=_source_from_json(data.get("erp"), "erp"),
            amount_tolerance_abs=_decimal(tolerances.get("amount_abs", 0), "amount_abs"),
            amount_tolerance_rel=_decimal(tolerances.get("amount_rel", 0), "amount_rel"),
            date_window_days=int(tolerances.get("date_window_days", 0)),
            auto_threshold=float(thresholds.get("auto", defaults.auto_threshold)),
            review_threshold=float(thresholds.get("review", defaults.review_threshold)),
            # Fields added to the defaults after the profile was saved take their default.
            system_of_record={**DEFAULT_SYSTEM_OF_RECORD, **{str(k): str(v) for k, v in _dict(
                data.get("system_of_record"), "system_of_record").items()}},
        )
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ProfileError):
            raise
        raise ProfileError(tr_app("app.connections", "Un valor numérico del perfil no es "
                                  "válido.")) from None
    profile.validate()
    return profile
