"""``cuadre people``: who works in the workspace and what they may do.

    cuadre people add LOGIN --name "Ana Pérez" --role propone [--role aprueba] [--as ADMIN]
    cuadre people list [--json]
    cuadre people key request --as LOGIN
    cuadre people key approve LOGIN --as ADMIN

The first person of a new workspace must be an administrator (and needs no ``--as``); after
that only an administrator registers people (exit 3 otherwise).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import (
    EXIT_OK,
    actor,
    add_common,
    choice,
    emit_json,
    exit_codes_help,
    open_workspace,
    table,
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
    add_common(add)
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


def _role(word: str) -> str:
    code = _ROLE_ALIASES.get(word.strip().lower())
    return code or choice(word, ROLE_LABELS, tr_cli("cli.people", "rol"))


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as store:
        if args.people_action == "key":
            return _key(store, args)
        if args.people_action == "add":
            roles = [_role(r) for r in args.role]
            keyed = add_person(store, actor(args, required=False), args.login, args.name, roles)
            login = normalize_login(args.login)
            print(tr_cli(
                "cli.people", "«{login}» quedó registrado ({join}).").format(
                login=login, join=', '.join(ROLE_LABELS[r] for r in sorted(roles))))
            print(tr_cli("cli.people", "Su clave de firma quedó en el almacén de credenciales de "
                                       "este equipo.") if keyed else
                  tr_cli("cli.people", "Sin clave de firma: este espacio de trabajo no firma "
                                       "(no hay un almacén seguro de credenciales o quien "
                                       "registra no tiene clave)."))
            return EXIT_OK
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
