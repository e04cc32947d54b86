"""The write-back loop from the command line, so a dealership can script it.

    cuadre people add LOGIN --name "…" --role propone --role aprueba [--as ADMIN] | list
    cuadre workspace reconcile (--demo | --profile NOMBRE | --crm FUENTE --erp FUENTE)
                               [--workspace NOMBRE] --as LOGIN | runs
    cuadre corrections proposals | list | propose | approve | reject | defer | edit
    cuadre push --as LOGIN (--demo | --profile NOMBRE | --crm FUENTE --erp FUENTE)
    cuadre outbox list | requeue ID…

Every command takes ``--store URL`` (or ``CUADRE_STORE``; default: the data folder's SQLite
file) and, where someone acts, ``--as LOGIN`` (or ``CUADRE_USER``). Exit codes: 0 done, 1
something failed or is left (a conflict, a failed send, an item still queued), 2 wrong usage,
3 refused by maker-checker or by the person's roles, 130 cancelled (Ctrl+C). The work itself is
the engine's (:mod:`app.writeback.decisions`, :mod:`app.writeback.corrections`, :mod:`app.writeback.push`,
:mod:`app.writeback.runs`): these modules only parse, call and print.
"""

from __future__ import annotations

import argparse
from typing import Any

#: The top-level ``cuadre`` commands this package adds.
COMMANDS = ("people", "workspace", "corrections", "push", "outbox")


def add_parsers(sub: Any) -> None:
    """Add the commands to ``cuadre``'s subcommands (``sub`` from ``add_subparsers``)."""
    from app.cli import corrections, people, push, workspace

    people.add_parser(sub)
    workspace.add_parser(sub)
    corrections.add_parser(sub)
    push.add_parsers(sub)


def run(args: argparse.Namespace) -> int:
    """Carry out one of :data:`COMMANDS`; returns the exit code."""
    from app.cli import common, corrections, people, push, workspace

    handlers = {"people": people.run, "workspace": workspace.run,
                "corrections": corrections.run, "push": push.run_push,
                "outbox": push.run_outbox}
    return common.guarded(handlers[args.command], args)
