"""``cuadre people``: who works in the workspace and what they may do.

    cuadre people add LOGIN --name "Ana Pérez" --role propone [--role aprueba] [--as ADMIN]
    cuadre people list [--json]

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


def _role(word: str) -> str:
    code = _ROLE_ALIASES.get(word.strip().lower())
    return code or choice(word, ROLE_LABELS, tr_cli("cli.people", "rol"))


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as store:
        if args.people_action == "add":
            roles = [_role(r) for r in args.role]
            add_person(store, actor(args, required=False), args.login, args.name, roles)
            login = normalize_login(args.login)
            print(tr_cli(
                "cli.people", "«{login}» quedó registrado ({join}).").format(
                login=login, join=', '.join(ROLE_LABELS[r] for r in sorted(roles))))
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
