"""Siigo Nube and Alegra sources as the user writes them: ``siigo://USUARIO@empresa`` and
``alegra://CORREO@empresa``.

The cloud ERPs live at one address each (``https://api.siigo.com``, ``https://api.alegra.com``):
the part after the ``@`` is not a server but the company, a name the user picks for the
account (a Siigo user's access key and an Alegra user's token belong to one company), so the
same user of two companies has two sources and two keyring entries. The user is Siigo's API
user or Alegra's e-mail (which has an ``@`` of its own: the last ``@`` separates the company).

The same APIs served elsewhere — the sandbox on 127.0.0.1, a company proxy — are named with
the server instead of the company: ``siigo+https://USUARIO@servidor:puerto`` (or
``siigo+http://`` on this machine only: a secret never crosses a network in clear text), and
likewise ``alegra+https://``/``alegra+http://``.

A source string never holds the secret (the access key, the API token): it lives in the OS
keyring under the canonical form returned here.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote, urlsplit

from app.domain.i18n import tr_app

#: The service each scheme names, where it is served.
SERVICES = {"siigo": "https://api.siigo.com", "alegra": "https://api.alegra.com"}
SCHEMES = tuple(f"{name}{suffix}" for name in SERVICES for suffix in ("", "+http", "+https"))
_COMPANY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


def service_of(scheme: str) -> str:
    """``"siigo"`` or ``"alegra"`` for any of their schemes."""
    return scheme.lower().split("+", 1)[0]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def canonical(raw: str, error: type[Exception]) -> str:
    """The canonical form of a Siigo or Alegra source (its keyring reference); ``error`` (the
    domain's SourceError) with a Spanish sentence when it is not one."""
    scheme = raw.split("://", 1)[0].lower()
    service = service_of(scheme)
    parts = urlsplit(raw)
    if parts.password:
        raise error(tr_app("app.domain", "La fuente no debe llevar la contraseña escrita: "
                           "guárdela con «cuadre credentials set FUENTE» (queda en el "
                           "almacén seguro del sistema)."))
    user = unquote(parts.username or "").strip()
    example = ("siigo://USUARIO@empresa" if service == "siigo" else "alegra://CORREO@empresa")
    if not user or not parts.hostname:
        raise error(tr_app("app.domain", "Una fuente {service} se escribe {example} (o "
                           "{service}+https://USUARIO@SERVIDOR para otro servidor).").format(
            service=service.capitalize(), example=example))
    if parts.query or parts.fragment:
        raise error(tr_app("app.domain", "La fuente no debe llevar parámetros (?…)."))
    if service == "alegra" and "@" not in user:
        raise error(tr_app("app.domain", "El usuario de Alegra es su correo: "
                           "alegra://CORREO@empresa."))
    host = parts.hostname.lower()
    if scheme == service:
        if parts.port is not None or parts.path.strip("/") or not _COMPANY.match(host):
            raise error(tr_app("app.domain", "Después de la @ va el nombre de la empresa (letras, "
                               "números, - o _), no un servidor: {example}.").format(
                example=example))
        return f"{service}://{user}@{host}"
    try:
        port = parts.port
    except ValueError:
        raise error(tr_app("app.domain", "El puerto de la fuente no es válido.")) from None
    if parts.path.strip("/"):
        raise error(tr_app("app.domain", "Una fuente {service} en otro servidor se escribe "
                           "{scheme}://USUARIO@SERVIDOR:PUERTO, sin ruta.").format(
            service=service.capitalize(), scheme=scheme))
    if scheme.endswith("+http") and not is_loopback(host):
        raise error(tr_app("app.domain", "Sin TLS ({scheme}://) solo se admite en este equipo "
                           "(127.0.0.1): la clave viajaría sin cifrar. Use "
                           "{service}+https://.").format(scheme=scheme, service=service))
    netloc = f"{user}@{host}" + (f":{port}" if port else "")
    return f"{scheme}://{netloc}"


def base_url(location: str) -> str:
    """Where a canonical source's API is served: the service's own address for
    ``siigo://…@empresa``, the named server for the ``+http(s)`` forms."""
    scheme, _, rest = location.partition("://")
    service = service_of(scheme)
    if scheme == service:
        return SERVICES[service]
    hostport = rest.rpartition("@")[2]
    return f"{scheme.split('+', 1)[1]}://{hostport}"


def user_of(location: str) -> str:
    """The user (Siigo's API user, Alegra's e-mail) of a canonical source."""
    return location.partition("://")[2].rpartition("@")[0]
