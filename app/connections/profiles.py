"""Connection profiles: a dealership's two sources and its reconciliation choices, as data.

A :class:`ConnectionProfile` names the CRM and ERP sources (:class:`SourceConfig`: files per
entity, a database URL, a REST base URL or an Odoo URL, with their options and column
mappings), the payment tolerances, the matcher's auto/review thresholds and which system is
the system of record for each field (DESIGN §5). :class:`ProfileStore` keeps every profile in
one ``profiles.json`` in the data folder, written atomically (a temporary file renamed over the
old one), so the file on disk is always complete.

A profile never holds a secret. Saving refuses an option whose name looks like one (password,
token, key…) and a URL with a password in it; the secret lives in the OS keyring under the
source's reference (``app.connections.sources.secret_ref``) and is reached through
``app.security.secrets`` (:func:`default_secrets`), which refuses insecure backends.

:func:`test_connection` is "Probar conexión": it opens a system's source and counts the records
of each entity, or says in Spanish why it cannot.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol, cast

from app.connections.sources import SecretLookup, open_source
from app.connectors.base import Connector, SourceError, pulling
from app.domain.schema import COLUMNS, Entity, System
from app.domain.sources import SourceKind, SourceSpec, parse_source, secret_ref
from app.paths import data_dir
from app.progress import CancelToken, Progress, Task
from app.reconcile.profile import Profile
from app.reconcile.scoring import MatchSettings
from app.writeback.policy import DEFAULT_SYSTEM_OF_RECORD

log = logging.getLogger(__name__)

FORMAT = "cuadre-perfiles"
VERSION = 1
FILE_NAME = "profiles.json"

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


class ProfileFileDamaged(ProfileError):
    """``profiles.json`` could not be read at all; it was moved aside to ``moved_to``."""

    def __init__(self, message: str, moved_to: Path | None) -> None:
        super().__init__(message, "file")
        self.moved_to = moved_to


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
            return ", ".join(names) if names else "sin archivos"
        return self.source.strip() or "sin fuente"


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
            raise ProfileError("Escriba un nombre para el perfil.", "name")
        for system in System:
            _validate_source(self.source(system), system)
        if not self.amount_tolerance_abs.is_finite() or self.amount_tolerance_abs < 0:
            raise ProfileError("La tolerancia en pesos no puede ser negativa.", "tolerances")
        if not self.amount_tolerance_rel.is_finite() or not (0 <= self.amount_tolerance_rel <= 1):
            raise ProfileError("La tolerancia relativa debe estar entre 0 % y 100 %.", "tolerances")
        if self.date_window_days < 0:
            raise ProfileError("La ventana de fechas no puede ser negativa.", "tolerances")
        if not (0 < self.review_threshold < self.auto_threshold <= 1):
            raise ProfileError("El umbral de revisión debe ser mayor que 0 y menor que el de "
                               "enlace automático, que no puede pasar de 1.", "thresholds")
        for name, system_name in self.system_of_record.items():
            if name not in _CANONICAL_FIELDS:
                raise ProfileError(f"«{name}» no es un campo conocido.", "system_of_record")
            if system_name not in ("crm", "erp"):
                raise ProfileError(f"El sistema de registro de «{name}» debe ser CRM o ERP.",
                                   "system_of_record")


def _system_word(system: System) -> str:
    return "del CRM" if system is System.CRM else "del ERP"


def _validate_source(config: SourceConfig, system: System) -> None:
    where = f"{system.value}.source"
    try:
        kind = config.source_kind
    except ValueError:
        raise ProfileError(f"Tipo de fuente {_system_word(system)} desconocido: «{config.kind}».",
                           where) from None
    refuse_secrets(config.options, f"{system.value}.options")
    for entity, mapping in config.mappings.items():
        _entity(entity, f"{system.value}.mappings")
        if not isinstance(mapping, Mapping):
            raise ProfileError("Un mapeo de columnas debe ser {campo: columna}.",
                               f"{system.value}.mappings")
    if kind is SourceKind.FILE:
        files = {e: p for e, p in config.files.items() if str(p).strip()}
        if not files:
            raise ProfileError(f"Indique al menos un archivo {_system_word(system)}.", where)
        for entity, path in files.items():
            _entity(entity, where)
            if "://" in str(path):
                raise ProfileError(f"«{path}» no es la ruta de un archivo.", where)
        return
    if not config.source.strip():
        raise ProfileError(f"Indique la fuente {_system_word(system)}.", where)
    try:
        spec = parse_source(config.source)
    except SourceError as exc:
        raise ProfileError(str(exc), where) from None
    if spec.kind is not kind:
        expected = {SourceKind.SQL: "una URL de base de datos (postgresql://…, sqlite:///…)",
                    SourceKind.REST: "una URL http(s)://",
                    SourceKind.ODOO: "una URL odoo://usuario@servidor/base",
                    SourceKind.FILE: "un archivo"}[kind]
        raise ProfileError(f"La fuente {_system_word(system)} debe ser {expected}.", where)


def _entity(value: str, where: str) -> Entity:
    try:
        return Entity(value)
    except ValueError:
        raise ProfileError(f"«{value}» no es una entidad "
                           f"({', '.join(e.value for e in Entity)}).", where) from None


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
                raise ProfileError(
                    f"La opción «{name}» parece una contraseña o un token: un perfil no guarda "
                    "secretos. Escríbalo en el campo de credencial; queda en el almacén seguro "
                    "del sistema.", where)
            refuse_secrets(value, where, name)
    elif isinstance(options, list | tuple):
        for item in options:
            refuse_secrets(item, where, path)
    elif isinstance(options, str) and _URL_WITH_PASSWORD.search(options):
        raise ProfileError(f"La opción «{path}» lleva una contraseña dentro de una URL: un perfil "
                           "no guarda secretos.", where)


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
        raise ProfileError(f"«{what}» debe ser un objeto.")
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
        raise ProfileError(f"«{what}» no es un número.") from None
    if not number.is_finite():
        raise ProfileError(f"«{what}» no es un número.")
    return number


def profile_from_json(raw: Any) -> ConnectionProfile:
    """A profile from its JSON object; raises :class:`ProfileError` for anything off."""
    data = _dict(raw, "perfil")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError("Un perfil no tiene nombre.")
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
        raise ProfileError("Un valor numérico del perfil no es válido.") from None
    profile.validate()
    return profile


# --- the store --------------------------------------------------------------------------------


#: A name no profile can have (names are stripped text): "this profile is new".
_NEW = "\0"


class ProfileStore:
    """Every profile in ``<data folder>/profiles.json``: read, changed and written whole.

    A profile entry that cannot be read is kept in the file exactly as it was (and listed in
    :attr:`problems`), so saving another profile never loses it; the file is also copied to a
    ``.bak`` the first time. A file that cannot be read at all is moved aside and
    :class:`ProfileFileDamaged` raised: the next save starts a new file, the old stays.

    The file also remembers which profile the window reconciles (:meth:`active`; none means
    the demo): a name, never a secret. Renaming the profile carries the choice along;
    deleting it forgets the choice.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        #: Spanish sentences about entries the last load could not read.
        self.problems: list[str] = []
        self._unreadable: list[Any] = []
        self._active: str | None = None

    @property
    def folder(self) -> Path:
        # Resolved on use, so CUADRE_DATA_DIR set after construction (tests) is honoured.
        return self._folder if self._folder is not None else data_dir()

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    # -- reading -------------------------------------------------------------------------------

    def load(self) -> list[ConnectionProfile]:
        """Every readable profile, in the file's order ([] when there is no file yet)."""
        path = self.path
        self.problems, self._unreadable, self._active = [], [], None
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ProfileError(f"No se puede leer el archivo de perfiles {path.name}: "
                               f"{exc.strerror or 'error de disco'}.", "file") from None
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a profiles file")
            version = data.get("version")
            if not isinstance(version, int):
                raise ValueError("no version")
            entries = data.get("profiles")
            if not isinstance(entries, list):
                raise ValueError("no profile list")
        except ValueError:
            moved = self._move_aside(path)
            where = f"«{moved.name}»" if moved else "su lugar (no se pudo apartar)"
            raise ProfileFileDamaged(
                f"El archivo de perfiles {path.name} está dañado y no se pudo leer. Se conservó "
                f"como {where} en la carpeta de datos; los perfiles nuevos se guardarán en un "
                "archivo nuevo.", moved) from None
        if version > VERSION:
            raise ProfileError(
                f"El archivo de perfiles {path.name} es de una versión más nueva de Cuadre "
                f"(formato {version}). Actualice Cuadre para usarlo; no se modificó.", "file")
        profiles: list[ConnectionProfile] = []
        seen: set[str] = set()
        for number, entry in enumerate(entries, start=1):
            try:
                profile = profile_from_json(entry)
                if profile.name.casefold() in seen:
                    raise ProfileError("Su nombre se repite.")
            except ProfileError as exc:
                self._unreadable.append(entry)
                label = entry.get("name") if isinstance(entry, dict) else None
                named = f"«{label}»" if isinstance(label, str) and label else f"n.º {number}"
                self.problems.append(f"El perfil {named} no se pudo leer: {exc} Se dejó sin "
                                     "cambios en el archivo.")
                continue
            seen.add(profile.name.casefold())
            profiles.append(profile)
        active = data.get("active")
        if isinstance(active, str) and active.strip():
            self._active = active.strip()
        if self.problems:
            self._backup(path)
        return profiles

    def names(self) -> list[str]:
        return [p.name for p in self.load()]

    def get(self, name: str) -> ConnectionProfile | None:
        wanted = name.strip().casefold()
        return next((p for p in self.load() if p.name.casefold() == wanted), None)

    def active(self) -> str | None:
        """The name of the profile the window reconciles; None for the demo (or when the
        remembered profile is gone)."""
        profiles = self.load()
        wanted = (self._active or "").casefold()
        return next((p.name for p in profiles if wanted and p.name.casefold() == wanted), None)

    def set_active(self, name: str | None) -> None:
        """Remember ``name`` (None: the demo) as the profile the window reconciles."""
        profiles = self.load()
        if name is None:
            if self._active is None:
                return
            self._active = None
        else:
            profile = next((p for p in profiles if p.name.casefold() == name.strip().casefold()),
                           None)
            if profile is None:
                raise ProfileError(f"No existe el perfil «{name}».", "name")
            if self._active == profile.name:
                return
            self._active = profile.name
        self._write(profiles)

    # -- writing -------------------------------------------------------------------------------

    def save(self, profile: ConnectionProfile, previous_name: str | None = None) -> None:
        """Add ``profile``, or replace the one named ``previous_name`` (its old name when it is
        renamed; by default its own name). Another profile with the same name is refused."""
        profile.validate()
        profile = replace(profile, name=profile.name.strip())
        profiles = self.load()
        old = (previous_name if previous_name is not None else profile.name).strip().casefold()
        new = profile.name.casefold()
        if new != old and any(p.name.casefold() == new for p in profiles):
            raise ProfileError(f"Ya existe un perfil llamado «{profile.name}».", "name")
        at = next((i for i, p in enumerate(profiles) if p.name.casefold() == old), None)
        if at is None:
            profiles.append(profile)
        else:
            profiles[at] = profile
            if self._active is not None and self._active.casefold() == old:
                self._active = profile.name  # a renamed profile stays the chosen one
        self._write(profiles)

    def add(self, profile: ConnectionProfile) -> None:
        """Add a new profile; one with the same name (any case) is refused, never replaced."""
        self.save(profile, previous_name=_NEW)

    def delete(self, name: str) -> bool:
        """Remove the profile called ``name``; False when there was none."""
        profiles = self.load()
        kept = [p for p in profiles if p.name.casefold() != name.strip().casefold()]
        if len(kept) == len(profiles):
            return False
        if self._active is not None and self._active.casefold() == name.strip().casefold():
            self._active = None
        self._write(kept)
        return True

    def rename(self, old: str, new: str) -> ConnectionProfile:
        profile = self.get(old)
        if profile is None:
            raise ProfileError(f"No existe el perfil «{old}».", "name")
        renamed = replace(profile, name=new.strip())
        self.save(renamed, previous_name=old)
        return renamed

    def _write(self, profiles: Iterable[ConnectionProfile]) -> None:
        entries = [profile_to_json(p) for p in profiles] + list(self._unreadable)
        data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "profiles": entries}
        if self._active is not None:
            data["active"] = self._active
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        folder = self.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".profiles-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
                    stream.write(text)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise ProfileError(f"No se pudo guardar el archivo de perfiles: "
                               f"{exc.strerror or 'error de disco'}. Los perfiles guardados antes "
                               "siguen intactos.", "file") from None

    # -- keeping damaged files -------------------------------------------------------------

    def _free_backup_name(self, path: Path) -> Path:
        candidate = path.with_name(path.name + ".bak")
        n = 2
        while candidate.exists():
            candidate = path.with_name(f"{path.name}.bak{n}")
            n += 1
        return candidate

    def _backup(self, path: Path) -> None:
        """Copy a file with unreadable entries once (a .bak with the same bytes is enough)."""
        data = path.read_bytes()
        for existing in sorted(path.parent.glob(path.name + ".bak*")):
            try:
                if existing.read_bytes() == data:
                    return
            except OSError:
                continue
        try:
            shutil.copy2(path, self._free_backup_name(path))
        except OSError:
            log.warning("could not back up the profiles file")

    def _move_aside(self, path: Path) -> Path | None:
        target = self._free_backup_name(path)
        try:
            os.replace(path, target)
        except OSError:
            log.warning("could not move the damaged profiles file aside")
            return None
        return target


# --- secrets ----------------------------------------------------------------------------------


class SecretsApi(Protocol):
    """What ``app.security.secrets`` offers (the module itself is one)."""

    def get_secret(self, ref: str) -> str | None: ...

    def set_secret(self, ref: str, secret: str) -> None: ...

    def delete_secret(self, ref: str) -> bool: ...

    def backend_status(self) -> tuple[bool, str]: ...


class _NoSecretStore:
    """Stands in when this build has no ``app.security.secrets``: it stores nothing."""

    reason = "Esta instalación de Cuadre no tiene acceso al almacén seguro de credenciales."

    def get_secret(self, ref: str) -> str | None:
        return None

    def set_secret(self, ref: str, secret: str) -> None:
        raise ProfileError(self.reason, "secret")

    def delete_secret(self, ref: str) -> bool:
        return False

    def backend_status(self) -> tuple[bool, str]:
        return False, self.reason


def default_secrets() -> SecretsApi:
    """``app.security.secrets`` (the OS keyring), or a stand-in that stores nothing."""
    try:
        module = importlib.import_module("app.security.secrets")
    except ImportError:
        return _NoSecretStore()
    return cast(SecretsApi, module)


def has_secret(source: str, secrets: SecretsApi | None = None) -> bool:
    """Whether the keyring holds the secret of ``source`` (never returns the secret)."""
    api = secrets or default_secrets()
    try:
        return api.get_secret(secret_ref(source)) is not None
    except Exception:  # a keyring that cannot be read holds nothing we can use
        log.warning("could not read the secret store")
        return False


@dataclass(frozen=True, slots=True)
class SecretOutcome:
    """What happened to a secret typed in the window: saved (and where), or why not."""

    saved: bool
    message: str


def store_secret(source: str, secret: str, secrets: SecretsApi | None = None) -> SecretOutcome:
    """Put ``secret`` in the OS keyring under the source's reference. An insecure or missing
    backend is refused with its reason; nothing is written anywhere else."""
    api = secrets or default_secrets()
    if not secret:
        return SecretOutcome(False, "No se escribió ninguna credencial.")
    try:
        ref = secret_ref(source)
    except SourceError as exc:
        return SecretOutcome(False, str(exc))
    try:
        secure, backend = api.backend_status()
    except Exception:
        log.warning("could not query the secret store")
        return SecretOutcome(False, "No se pudo consultar el almacén seguro de credenciales.")
    if not secure:
        return SecretOutcome(False, f"No se guardó la credencial: {_sentence(backend)}")
    known = getattr(api, "SecretStoreError", None)
    try:
        api.set_secret(ref, secret)
    except ProfileError as exc:
        return SecretOutcome(False, f"No se guardó la credencial: {_sentence(str(exc))}")
    except Exception as exc:
        if isinstance(known, type) and isinstance(exc, known):
            return SecretOutcome(False, f"No se guardó la credencial: {_sentence(str(exc))}")
        log.warning("the secret store failed: %s", type(exc).__name__)
        return SecretOutcome(False, "No se guardó la credencial: el almacén seguro del sistema "
                                    "falló.")
    return SecretOutcome(True, f"Credencial guardada en {backend}.")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def forget_secret(source: str, secrets: SecretsApi | None = None) -> bool:
    """Remove the source's secret from the keyring; True when one was there."""
    api = secrets or default_secrets()
    try:
        return bool(api.delete_secret(secret_ref(source)))
    except Exception:
        log.warning("could not delete from the secret store")
        return False


# --- Probar conexión ----------------------------------------------------------------------


def open_connector(config: SourceConfig, system: System | str, entity: Entity | None = None, *,
                   secrets: SecretLookup | None = None) -> Connector:
    """The connector for ``config`` (for a file source, the file of ``entity``)."""
    system = System(system)
    mappings = {str(e): dict(m) for e, m in config.mappings.items()}
    if config.source_kind is SourceKind.FILE:
        if entity is None or not config.files.get(entity.value):
            raise SourceError("Esta fuente no tiene un archivo para esa entidad.")
        spec = parse_source(config.files[entity.value], config.options)
        if spec.kind is not SourceKind.FILE:
            raise SourceError(f"«{config.files[entity.value]}» no es la ruta de un archivo.")
        # Only this file's own mapping: given all of them, a file without one would be read
        # with the whole {entity: mapping} dict as its mapping.
        own = mappings.get(entity.value)
        return open_source(spec, system, entity=entity, mapping=own or None, secrets=secrets)
    return open_source(config.spec(), system, mapping=mappings or None, secrets=secrets)


def _count(connector: Connector, entity: Entity, cancel: CancelToken | None) -> Task[int]:
    counter = getattr(connector, "count", None)
    if callable(counter):
        return int(counter(entity))
    frame = yield from pulling(connector, entity, cancel=cancel)
    return len(frame)


def _close(connector: Any) -> None:
    close = getattr(connector, "close", None)
    if callable(close):
        try:
            close()
        except Exception:
            log.warning("closing a connector failed: %s", type(connector).__name__)


def _failure(exc: BaseException) -> str:
    if isinstance(exc, SourceError):
        return str(exc)
    if isinstance(exc, ImportError):
        return "Este tipo de fuente no está disponible en esta instalación de Cuadre."
    if isinstance(exc, PermissionError):
        return "No hay permiso para leer la fuente."
    if isinstance(exc, OSError):
        return "No se pudo leer la fuente (error de disco o de red)."
    # Only the type is logged: another library's message may quote a URL or a value.
    log.warning("connection test failed: %s", type(exc).__name__)
    return "La fuente respondió algo que no se pudo interpretar."


def test_connection(profile: ConnectionProfile, system: System | str,
                    cancel: CancelToken | None = None, *,
                    secrets: SecretLookup | None = None) -> Task[dict[str, Any]]:
    """Open the source of ``system`` and count the records of each entity it holds.

    Returns ``{"system", "source", "counts": {entity: n}, "issues": {entity: n},
    "errors": {entity: message}, "error": message or None, "ok": bool}``: a source that
    cannot be opened at all (bad URL, refused credentials…) fills ``error``; an entity that
    fails alone fills ``errors``. Messages are the connectors' Spanish sentences.
    """
    system = System(system)
    config = profile.source(system)
    result: dict[str, Any] = {"system": system.value, "source": config.describe(), "counts": {},
                              "issues": {}, "errors": {}, "error": None, "ok": False}
    entities = config.entities(system)
    if not entities:
        result["error"] = f"La fuente {_system_word(system)} no tiene archivos ni entidades."
        return result
    shared: Connector | None = None
    try:
        if config.source_kind is not SourceKind.FILE:
            yield Progress(f"test_{system.value}_open", 0, len(entities))
            shared = open_connector(config, system, secrets=secrets)
        for done, entity in enumerate(entities):
            if cancel is not None:
                cancel.check()
            yield Progress(f"test_{system.value}_{entity.value}", done, len(entities))
            connector = shared
            try:
                if connector is None:
                    connector = open_connector(config, system, entity, secrets=secrets)
                result["counts"][entity.value] = yield from _count(connector, entity, cancel)
                issues = connector.issues()
                if issues:
                    result["issues"][entity.value] = len(issues)
            except SourceError as exc:
                if shared is not None and isinstance(exc, _fatal_errors()):
                    raise
                result["errors"][entity.value] = str(exc)
            except (ImportError, OSError, ValueError, KeyError, TypeError) as exc:
                result["errors"][entity.value] = _failure(exc)
            finally:
                if connector is not None and connector is not shared:
                    _close(connector)
        yield Progress(f"test_{system.value}_done", len(entities), len(entities))
    except (SourceError, ImportError, OSError, ValueError, KeyError, TypeError) as exc:
        result["error"] = _failure(exc)
    finally:
        if shared is not None:
            _close(shared)
    result["ok"] = result["error"] is None and not result["errors"]
    return result


def _fatal_errors() -> tuple[type[Exception], ...]:
    """Errors that make every other entity of a shared connection fail the same way."""
    from app.connectors.base import AuthError
    from app.connectors.http import NetworkError

    return (AuthError, NetworkError)


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
