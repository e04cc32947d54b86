"""``cuadre people``: who works in the workspace, what they may do, and how they prove it.

    cuadre people add LOGIN --name "Ana Pérez" --role propone [--role aprueba] [--as ADMIN]
    cuadre people list [--json]
    cuadre people login LOGIN          the person's secret, checked and kept in the OS keyring
    cuadre people logout LOGIN         forgotten on this computer
    cuadre people passphrase LOGIN [--reset --as ADMIN]
    cuadre people key request --as LOGIN
    cuadre people key approve LOGIN --as ADMIN

The first person of a new workspace must be an administrator (and needs no ``--as``); after
that only an administrator registers people (exit 3 otherwise). Secrets are read from a hidden
prompt, or one line each from stdin — never from an argument or the environment
(:mod:`app.writeback.identity`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.cli.common import (
    EXIT_OK,
    actor,
    add_common,
    choice,
    emit_json,
    exit_codes_help,
    open_workspace,
    store_url,
    table,
    usage,
)
from app.cli.i18n import tr_cli
from app.cli.labels import ROLE_LABELS, role_words
from app.domain.labels import ROLE_VERBS
from app.writeback.people import add_person, normalize_login, people

#: Besides a role's code and its word («aprueba»), the command accepts its verb («aprobar»).
_ROLE_ALIASES = {**{verb: role for role, verb in ROLE_VERBS.items()}, "administrador": "admin"}


def add_parser(sub: Any) -> None:
    command = sub.add_parser("people", help=tr_cli(
        "cli.people", "personas del espacio de trabajo y sus roles"),
                             description=tr_cli(
                                 "cli.people", "Registra o lista a las personas del espacio de trabajo y "
                                               "sus roles (propone, aprueba, audita, administra)."))
    command.epilog = exit_codes_help()
    actions = command.add_subparsers(dest="people_action", metavar=tr_cli("cli.people", "ACCIÓN"),
                                     required=True)
    add = actions.add_parser(
        "add", help=tr_cli("cli.people", "registrar a una persona"),
        description=tr_cli(
            "cli.people", "Registra a una persona con sus roles. La primera persona de un espacio nuevo "
                          "debe ser administradora; después, solo un administrador (--as) registra "
                          "personas."))
    add.add_argument("login", metavar=tr_cli("cli.people", "USUARIO"), help=tr_cli(
        "cli.people", "su usuario (se guarda en minúsculas)"))
    add.add_argument("--name", required=True, metavar=tr_cli("cli.people", "NOMBRE"), help=tr_cli(
        "cli.people", "su nombre completo"))
    add.add_argument("--role", action="append", required=True, metavar=tr_cli("cli.people", "ROL"),
                     help=tr_cli("cli.people", "propone, aprueba, audita o administra (repita para varios)"))
    add.add_argument("--demo", action="store_true", help=tr_cli(
        "cli.people", "solo para la primera persona: el espacio de trabajo queda de "
                      "demostración y sus personas no necesitan clave (una generada, guardada en "
                      "el propio espacio: no protege nada)"))
    add_common(add)
    _secret_parsers(actions)
    listing = actions.add_parser("list", help=tr_cli("cli.people", "listar a las personas y sus roles"),
                                 description=tr_cli(
                                     "cli.people", "Lista a las personas activas y sus roles."))
    add_common(listing, actor=False, json_output=True)
    _key_parsers(actions)


def _key_parsers(actions: Any) -> None:
    key = actions.add_parser(
        "key", help=tr_cli("cli.people", "pedir o aprobar una clave de firma nueva"),
        description=tr_cli(
            "cli.people", "Una clave de firma nueva para quien perdió la suya (o no tenía): la "
                          "persona la pide en su propio equipo (request) y otro administrador "
                          "la aprueba (approve). Lo que firmó la clave anterior sigue "
                          "verificable."))
    steps = key.add_subparsers(dest="key_action", metavar=tr_cli("cli.people", "PASO"),
                               required=True)
    request = steps.add_parser("request", help=tr_cli(
        "cli.people", "crear una clave nueva en este equipo y pedir su aprobación"))
    add_common(request)
    approve = steps.add_parser("approve", help=tr_cli(
        "cli.people", "aprobar la clave pedida por una persona (un administrador)"))
    approve.add_argument("login", metavar=tr_cli("cli.people", "USUARIO"), help=tr_cli(
        "cli.people", "quien pidió la clave"))
    add_common(approve)


def _key(store: Any, args: argparse.Namespace) -> int:
    from app.writeback.keys import approve_key, request_key

    if args.key_action == "request":
        login = str(actor(args))
        kid = request_key(store, login)
        print(tr_cli("cli.people", "Clave de firma {kid} creada en el almacén de credenciales "
                                   "de este equipo para «{login}»: falta que un administrador "
                                   "la apruebe («cuadre people key approve {login} --as "
                                   "ADMINISTRADOR»).").format(kid=kid, login=login))
        return EXIT_OK
    login = normalize_login(args.login)
    kid = approve_key(store, str(actor(args)), login)
    print(tr_cli("cli.people", "Clave de firma {kid} de «{login}» aprobada: desde ahora firma "
                               "con ella.").format(kid=kid, login=login))
    return EXIT_OK


def _secret_parsers(actions: Any) -> None:
    login = actions.add_parser(
        "login", help=tr_cli("cli.people", "guardar la clave de una persona en este equipo"),
        description=tr_cli("cli.people", "Pide la clave de la persona (oculta, o una línea de la "
                           "entrada estándar), la comprueba y la guarda en el almacén seguro del "
                           "sistema: desde entonces --as USUARIO la usa sin pedirla."))
    login.add_argument("login", metavar=tr_cli("cli.people", "USUARIO"))
    add_common(login, actor=False)
    logout = actions.add_parser(
        "logout", help=tr_cli("cli.people", "olvidar en este equipo la clave de una persona"),
        description=tr_cli("cli.people", "Borra la clave de la persona del almacén seguro de este "
                           "equipo."))
    logout.add_argument("login", metavar=tr_cli("cli.people", "USUARIO"))
    add_common(logout, actor=False)
    change = actions.add_parser(
        "passphrase", help=tr_cli("cli.people", "cambiar la clave de una persona"),
        description=tr_cli("cli.people", "Cambia la clave de la persona: pide la actual y la nueva "
                           "dos veces. Con --reset y --as ADMINISTRADOR, un administrador le da "
                           "una nueva sin conocer la anterior (clave perdida)."))
    change.add_argument("login", metavar=tr_cli("cli.people", "USUARIO"))
    change.add_argument("--reset", action="store_true", help=tr_cli(
        "cli.people", "un administrador (--as) da una clave nueva"))
    add_common(change)


def _read(prompt: str) -> str:
    """One secret: from a hidden prompt on a terminal, else one line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            return ""
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        return ""
    return line.rstrip("\r\n")


def _new_secret(login: str, *, optional: bool = False) -> str | None:
    """A new secret for ``login``, typed twice on a terminal (once from a pipe)."""
    first = _read(tr_cli("cli.people", "Clave nueva de «{login}»: ").format(login=login))
    if not first and optional:
        return None
    if sys.stdin is not None and sys.stdin.isatty():
        again = _read(tr_cli("cli.people", "Repítala: "))
        if again != first:
            raise usage(tr_cli("cli.people", "las dos claves no coinciden; no se cambió nada"))
    if not first:
        raise usage(tr_cli("cli.people", "no se recibió ninguna clave; no se cambió nada"))
    return first


def _role(word: str) -> str:
    code = _ROLE_ALIASES.get(word.strip().lower())
    return code or choice(word, ROLE_LABELS, tr_cli("cli.people", "rol"))


def run(args: argparse.Namespace) -> int:
    if args.people_action in ("login", "logout", "passphrase"):
        return _secrets(args)
    if args.people_action == "add":
        return _add(args)
    with open_workspace(args) as store:
        if args.people_action == "key":
            return _key(store, args)
        registered = people(store)
    if args.json:
        emit_json([{"login": p.login, "name": p.name, "roles": sorted(p.roles)}
                   for p in registered])
    elif not registered:
        print(tr_cli(
            "cli.people", "No hay personas registradas: la primera se registra con «cuadre people add "
                          "USUARIO --name NOMBRE --role administra»."))
    else:
        print(table((tr_cli("cli.people", "Usuario"), tr_cli("cli.people", "Nombre"), tr_cli(
            "cli.people", "Roles")),
                    [(p.login, p.name, role_words(p.roles)) for p in registered]))
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    """The first person is registered by whoever opens a new workspace (on PostgreSQL, its
    owner); the next ones by an administrator who proved who they are."""
    from app.security.secrets import SecretStoreError
    from app.store import open_configured_store
    from app.writeback.identity import is_demo_store, log_in, mark_demo

    roles = [_role(r) for r in args.role]
    login = normalize_login(args.login)
    who = actor(args, required=False)
    with open_configured_store(store_url(args)) as store:
        first = not people(store)
    if first:
        store = open_configured_store(store_url(args))
    else:
        store = open_workspace(args)
    with store:
        if args.demo:
            if not first:
                raise usage(tr_cli("cli.people", "--demo solo vale para la primera persona: un "
                                   "espacio de trabajo con personas no se vuelve de "
                                   "demostración"))
            mark_demo(store)
        demo = is_demo_store(store)
        secret = None if demo else _new_secret(login, optional=True)
        if secret is None and first and not demo:
            raise usage(tr_cli("cli.people", "la primera persona necesita una clave (nadie más "
                               "podría dársela): escríbala cuando se le pida, o en una línea de "
                               "la entrada estándar"))
        keyed = add_person(store, who, login, args.name, roles, secret)
    print(tr_cli("cli.people", "«{login}» quedó registrado ({join}).").format(
        login=login, join=', '.join(ROLE_LABELS[r] for r in sorted(roles))))
    print(tr_cli("cli.people", "Su clave de firma quedó en el almacén de credenciales de "
                               "este equipo.") if keyed else
          tr_cli("cli.people", "Sin clave de firma: este espacio de trabajo no firma "
                               "(no hay un almacén seguro de credenciales o quien "
                               "registra no tiene clave)."))
    if secret is None:
        return EXIT_OK
    # What to do next goes to stderr: stdout says only what was done, as before.
    if first:  # the first person is the one at this keyboard: remembered here
        try:
            log_in(store_url(args), login, secret)
            print(tr_cli("cli.people", "Su clave quedó guardada en el almacén seguro de este "
                         "equipo."), file=sys.stderr)
        except SecretStoreError as exc:
            print(tr_cli("cli.people", "Su clave no se guardó en este equipo ({why}): "
                         "«cuadre people login {login}» la guarda cuando haya un almacén "
                         "seguro.").format(why=exc, login=login), file=sys.stderr)
    else:
        print(tr_cli("cli.people", "Entréguele su clave inicial; en su equipo, «cuadre people "
                     "login {login}» la guarda y «cuadre people passphrase {login}» la "
                     "cambia.").format(login=login), file=sys.stderr)
    return EXIT_OK


def _secrets(args: argparse.Namespace) -> int:
    from app.writeback import identity

    login = normalize_login(args.login)
    url = store_url(args)
    if args.people_action == "logout":
        gone = identity.log_out(url, login)
        print(tr_cli("cli.people", "Se olvidó la clave de «{login}» en este equipo.").format(
            login=login) if gone else tr_cli(
            "cli.people", "Este equipo no tenía guardada la clave de «{login}».").format(
            login=login))
        return EXIT_OK
    if args.people_action == "login":
        secret = _read(tr_cli("cli.people", "Clave de «{login}»: ").format(login=login))
        if not secret:
            raise usage(tr_cli("cli.people", "no se recibió ninguna clave"))
        identity.log_in(url, login, secret)
        print(tr_cli("cli.people", "Clave de «{login}» comprobada y guardada en el almacén "
                     "seguro de este equipo.").format(login=login))
        return EXIT_OK
    if args.reset:
        return _reset(args, login)
    old = _read(tr_cli("cli.people", "Clave actual de «{login}»: ").format(login=login))
    new = _new_secret(login)
    assert new is not None
    identity.change_secret(url, login, old, new)
    print(tr_cli("cli.people", "La clave de «{login}» cambió.").format(login=login))
    return EXIT_OK


def _reset(args: argparse.Namespace, login: str) -> int:
    from app.writeback import identity
    from app.writeback.people import Role, require_role

    admin = actor(args)
    assert admin is not None
    with open_workspace(args) as store:
        require_role(store, admin, Role.ADMIN, identity.GIVING_SECRETS)
        new = _new_secret(login)
        assert new is not None
        identity.reset_secret(store, admin, login, new)
    print(tr_cli("cli.people", "«{login}» tiene una clave nueva: entréguesela; «cuadre people "
                 "login {login}» la guarda en su equipo.").format(login=login))
    return EXIT_OK
