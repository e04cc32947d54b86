"""A real workspace store after a realistic session, built once, for the attacker's suite.

The session (``golden``), on a SQLite file with every person's key in an in-memory keyring and
the sandbox CRM/ERP on 127.0.0.1: the administrator registers ana (proposes), carla
(approves) and beto (both); ana proposes customers' e-mails, carla approves, carla pushes
them (applied); ana proposes a merge of two duplicates, carla approves, carla pushes it
(applied); carla loses her key, asks for a new one and the administrator approves it; ana
proposes two more, carla approves them with the new key, pushes one; beto proposes one that
stays proposed and another that carla approves and that stays approved (not pushed); two
reconciliations are saved, two findings explained, March certified by ana and signed off by
carla. The file, the keyring's entries and the final anchor are what every case starts from:
each case copies the file.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support.memory_keyring import MemoryKeyring, installed
from support.proposals import erp_pay, pay, report
from support.push_cases import approved

from app.audit import verify
from app.audit.log import Anchor
from app.demo import DemoFiles, ensure_demo
from app.demo.sandbox import Sandbox
from app.domain.schema import Entity, System
from app.findings import work
from app.findings.periods import certify, signoff
from app.findings.views import findings
from app.progress import run
from app.reconcile.engine import reconcile
from app.reconcile.results import Duplicate
from app.security import passphrases, signing
from app.store import open_store
from app.writeback import corrections as c
from app.writeback.identity import url_key
from app.writeback.keys import approve_key, request_key
from app.writeback.merges import merge_proposal
from app.writeback.merging import merge_context, plan_merge, propose_plan
from app.writeback.people import add_person
from app.writeback.push import push
from app.writeback.runs import save_run
from security.tampering import connectors

WS = "Concesionario Norte"
TWIN_OF = "C-00600"
TWIN = "C-09001"


@dataclass
class Golden:
    path: Path
    keys: dict[tuple[str, str], str]  # the keyring's entries (everyone's private keys)
    anchor: Anchor
    pending: str  # approved by carla, not pushed: what a push would send
    proposed: str  # proposed by beto, never approved
    lost_key: Any  # carla's first private key, lost (and found by the attacker)
    ids: dict[str, str] = field(default_factory=dict)

    def copy(self, folder: Path) -> Path:
        target = folder / "espacio.sqlite"
        shutil.copyfile(self.path, target)
        return target

    def keyring(self, *logins: str) -> MemoryKeyring:
        """A keyring holding only these people's keys (all of them when none is named)."""
        ring = MemoryKeyring()
        ring.entries = {k: v for k, v in self.keys.items()
                        if not logins or _owner(k[1]) in logins}
        return ring


def passphrase(login: str) -> str:
    """What ``login`` proves who they are with, in the golden workspace."""
    return f"clave-de-{login}-en-pruebas"


def _owner(entry: str) -> str:
    """Whose keyring entry this is: ``firma/<workspace>/<login>/<key>`` (a signing key) or
    ``persona:<login>@<workspace>`` (a passphrase)."""
    if entry.startswith("firma/"):
        return entry.split("/")[2]
    return entry.split(":", 1)[1].rsplit("@", 1)[0]


@pytest.fixture(scope="session")
def demo_files(cuadre_data_dir: Path) -> DemoFiles:
    return run(ensure_demo(data_dir=cuadre_data_dir))


@pytest.fixture(scope="session")
def sandbox(demo_files: DemoFiles, cuadre_data_dir: Path) -> Iterator[Sandbox]:
    with Sandbox(port=0, data_dir=cuadre_data_dir) as sb:
        _twin(sb)
        yield sb


def _twin(sandbox: Sandbox) -> None:
    """A duplicate of a CRM customer (the cédula typed with one wrong digit)."""
    t = sandbox.store.tables["crm"]
    base = t["contactos"][TWIN_OF]
    doc = base["numero_documento"]
    t["contactos"][TWIN] = {**base, "id": TWIN, "celular": "3157778899",
                            "numero_documento": doc[:-1] + str((int(doc[-1]) + 1) % 10),
                            "actualizado": "2024-01-10T09:00:00-05:00"}


def _merge(store: Any, made: dict[System, Any]) -> str:
    result = run(reconcile(made[System.CRM], made[System.ERP], entities=(Entity.CUSTOMERS,)))
    proposal = merge_proposal(result.results[Entity.CUSTOMERS],
                              Duplicate(System.CRM, None, (TWIN_OF, TWIN), method="fuzzy"))
    plan = plan_merge(merge_context(proposal, result, deals=made[System.CRM].pull(
        Entity.DEALS)), {"phone": TWIN})
    view = propose_plan(store, "ana", plan, comment="la misma persona")
    return c.approve(store, "carla", view.id).id


def _period(store: Any) -> str:
    crm = [pay("P2", receipt="RC-2", invoice="FEB-2", amount="900000", paid=date(2026, 3, 4)),
           pay("P4", receipt="RC-4", invoice="FEC-4", amount="300000", paid=date(2026, 3, 28))]
    erp = [erp_pay("9", receipt="RC-9", invoice="FEB-9", amount="700000", paid=date(2026, 3, 5)),
           erp_pay("2", receipt="RC-2", invoice="FEB-2", amount="900000", paid=date(2026, 3, 4))]
    save_run(store, "ana", report(payments=(crm, erp)), "prueba", WS)
    for view in findings(store, WS):
        work.explain(store, "ana", WS, view.id, "typo", "Revisado con tesorería")
    made = certify(store, "ana", WS, "2026-03", "payments", comment="Marzo cuadrado")
    return signoff(store, "carla", made.id, "Revisado").id


@pytest.fixture(scope="session")
def golden(tmp_path_factory: pytest.TempPathFactory, sandbox: Sandbox) -> Golden:
    path = tmp_path_factory.mktemp("golden") / "espacio.sqlite"
    ring = MemoryKeyring()
    made = connectors(sandbox)
    url = f"sqlite:///{path}"
    profile, passphrases.PROFILE = passphrases.PROFILE, "CHEAPEST"  # hashing is not under test
    with installed(ring), open_store(url) as store:
        for actor, login, name, roles in (
                (None, "admin", "Administración", ["admin"]),
                ("admin", "ana", "Ana Proponente", ["proposer"]),
                ("admin", "carla", "Carla Aprobadora", ["approver"]),
                ("admin", "beto", "Beto Ambos", ["proposer", "approver"])):
            add_person(store, actor, login, name, roles, passphrase(login))
            # Each person remembered their passphrase on their own computer (issue 17, item 1).
            passphrases.remember(url_key(url), login, passphrase(login))
        first = approved(store, sandbox, 3, tag="a")
        merged = _merge(store, made)
        assert push(store, made, "carla").counts == {"applied": 4}
        lost = [k for k in ring.entries if k[1].startswith("firma/") and "/carla/" in k[1]]
        [lost_key] = [signing.Ed25519PrivateKey.from_private_bytes(base64.b64decode(
            ring.entries[entry][len("ed25519:"):])) for entry in lost]
        for entry in lost:  # carla's laptop is stolen: her key is gone from the keyring
            del ring.entries[entry]
        signing.forget_cached()
        request_key(store, "carla")
        approve_key(store, "admin", "carla")
        later = approved(store, sandbox, 5, tag="b")[3:]  # the first three stay approved
        assert push(store, made, "carla", only=[later[0].correction_id]).counts == {
            "applied": 1}
        proposed = c.propose(store, "beto", entity="customers", system="crm",
                             source_id=first[0].source_id, field="phone", old=None,
                             new="3001234567").id
        pending = c.propose(store, "beto", entity="customers", system="erp",
                            source_id=later[1].source_id, field="phone", old=None,
                            new="3109876543").id
        c.approve(store, "carla", pending)
        period = _period(store)
        result = verify(store)
        assert result.ok, result.message
        anchor = result.anchor()
        assert anchor is not None
    passphrases.PROFILE = profile
    for connector in made.values():
        connector.close()
    signing.forget_cached()
    return Golden(path, dict(ring.entries), anchor, pending, proposed, lost_key,
                  {"merge": merged, "period": period, "first": first[0].correction_id,
                   "approved": later[1].correction_id})
