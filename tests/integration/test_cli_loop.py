"""The whole write-back loop from the command line, as a dealership's script runs it (issue 5,
item 8): people, reconcile into the workspace, the proposals, propose as one person, approve as
another (self-approval refused with exit 3), push to the sandbox CRM and ERP over HTTP, the new
values in the systems, reconcile again (the findings are gone), ``audit verify`` exit 0, the
outbox all terminal — on SQLite, and the approve + push part on PostgreSQL. Ctrl+C during a
push stops between items with exit 130 and the next push finishes the rest, each record written
once.

Most steps call ``app.cli.main.main`` in this process (a subprocess costs a second of start-up each);
the steps whose exit code or signal handling is the point run ``cuadre`` as a real process.
The sandbox's token is stored the documented way (``cuadre credentials set``) in an in-memory
keyring; a real process gets its own in-memory keyring holding the same token (``DRIVER``).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from support.push_cases import Case, third_party_edit

from app.cli.main import main
from app.domain.schema import Entity
from app.domain.sources import secret_ref
from app.store import open_store
from app.store.models import AuditRow
from app.writeback.push import equal

REPO = Path(__file__).resolve().parents[2]

#: ``cuadre`` in a real process with an in-memory keyring holding the secrets the test gives
#: it (CUADRE_TEST_SECRETS, JSON {reference: secret}): the sandbox's token, and every person's
#: passphrase (``PeopleKeyring``, as ``people_secrets`` gives this process).
DRIVER = r"""
import json, os, sys
from support.memory_keyring import PeopleKeyring, installed
from support.push_cases import Case, third_party_edit
from app.security import passphrases
from app.security.secrets import set_secret

passphrases.PROFILE = "CHEAPEST"
with installed(PeopleKeyring()):
    for ref, secret in json.loads(os.environ.pop("CUADRE_TEST_SECRETS", "{}")).items():
        set_secret(ref, secret)
    from app.cli.main import main
    code = main(sys.argv[1:])
sys.exit(code)
"""


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cuadre:
    """``cuadre …`` in this process (``__call__``) or as a real process (``process``)."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 store: str) -> None:
        self.capsys, self.monkeypatch, self.store = capsys, monkeypatch, store
        self.secrets: dict[str, str] = {}
        monkeypatch.setenv("CUADRE_STORE", store)

    def __call__(self, *args: Any, stdin: str | None = None) -> Ran:
        previous = sys.stdin  # what people type otherwise: their passphrase (people_secrets)
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            self.capsys.readouterr()
            code = main([str(a) for a in args])
            out, err = self.capsys.readouterr()
        finally:
            sys.stdin = previous
        return Ran(code, out, err)

    def credentials(self, source: str, secret: str) -> None:
        """``cuadre credentials set SOURCE`` with the secret on stdin, as documented."""
        ran = self("credentials", "set", source, stdin=secret + "\n")
        assert ran.code == 0, ran.err
        self.secrets[secret_ref(source)] = secret

    def env(self) -> dict[str, str]:
        # The people's signing keys too: the real process acts as one of them, on this computer.
        keys = {name: value for (service, name), value in getattr(self, "ring", {}).items()
                if service == "Cuadre" and name.startswith("firma/")}
        return {**os.environ, "CUADRE_STORE": self.store,
                "CUADRE_TEST_SECRETS": json.dumps({**self.secrets, **keys}),
                "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])}

    def process(self, *args: Any) -> Ran:
        done = subprocess.run([sys.executable, "-c", DRIVER, *map(str, args)], cwd=REPO,
                              env=self.env(), capture_output=True, text=True, timeout=180,
                              check=False)
        return Ran(done.returncode, done.stdout, done.stderr)

    def start(self, *args: Any) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", DRIVER, *map(str, args)], cwd=REPO,
                                env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)


@pytest.fixture
def cuadre(capsys, monkeypatch, tmp_path, sandbox, people_secrets):
    cli = Cuadre(capsys, monkeypatch, f"sqlite:///{tmp_path / 'espacio.sqlite'}")
    cli.ring = people_secrets.entries  # type: ignore[attr-defined]
    cli.credentials(sandbox.url("crm"), sandbox.token)
    cli.credentials(sandbox.url("erp"), sandbox.token)
    return cli


def staff(cuadre: Cuadre) -> None:
    """admin; ana proposes; carla approves; beto does both (so maker-checker, not a missing
    role, is what refuses his own approval)."""
    assert cuadre("people", "add", "admin", "--name", "Administración", "--role", "administra")\
        .code == 0
    for login, name, roles in (("ana", "Ana Proponente", ["propone"]),
                               ("carla", "Carla Aprobadora", ["aprueba"]),
                               ("beto", "Beto Ambos", ["propone", "aprueba"])):
        options = [x for role in roles for x in ("--role", role)]
        ran = cuadre("people", "add", login, "--name", name, *options, "--as", "admin")
        assert ran.code == 0, ran.err


def sources(sandbox) -> list[str]:
    return ["--crm", sandbox.url("crm"), "--erp", sandbox.url("erp")]


def proposals(cuadre: Cuadre, *filters: str) -> dict[str, Any]:
    ran = cuadre("corrections", "proposals", "--json", *filters)
    assert ran.code == 0, ran.err
    return ran.json()


def held(rest, system: str, source_id: str, field: str) -> Any:
    record = rest(system).read(Entity.CUSTOMERS, source_id)
    return None if record is None else record.get(field)


def test_the_write_back_loop_runs_from_the_command_line(cuadre, sandbox, rest):
    staff(cuadre)
    first = cuadre("workspace", "reconcile", *sources(sandbox), "--workspace", "Sandbox",
                   "--as", "ana", "-q")
    assert first.code == 0, first.err

    # The run's e-mail fixes: the pushable ones, and the ones Ley 1581 keeps back, saying why.
    listed = proposals(cuadre, "--entity", "customers", "--field", "email")
    assert listed["run"]["workspace"] == "Sandbox" and sandbox.token not in json.dumps(listed)
    pushable = [p for p in listed["proposals"] if p["pushable"]]
    kept = [p for p in listed["proposals"] if not p["pushable"]]
    assert pushable and all(p["why_not"] is None and not p["corrections"] for p in pushable)
    assert kept and all("Ley 1581" in p["why_not"] for p in kept)

    # Ana proposes all of them at once.
    ran = cuadre("corrections", "propose", "--all", "--entity", "customers", "--field", "email",
                 "--as", "ana", "--comment", "lote nocturno", "--json")
    assert ran.code == 0, ran.err
    made = ran.json()["proposed"]
    assert len(made) == sum(len(p["changes"]) for p in pushable) and ran.json()["failed"] == []
    assert {m["proposer"] for m in made} == {"ana"} and {m["workspace"] for m in made} == {"Sandbox"}
    again = cuadre("corrections", "propose", "--all", "--entity", "customers", "--field", "email",
                   "--as", "ana", "--json")
    assert again.code == 0 and again.json()["proposed"] == [] \
        and again.json()["already_proposed"] == len(pushable)

    # Beto proposes a name fix and may not approve it himself: exit 3, it stays proposed; Carla
    # rejects it.
    name = next(p for p in proposals(cuadre, "--entity", "customers", "--field", "name")
                ["proposals"] if p["pushable"])
    ran = cuadre("corrections", "propose", name["ident"][:10], "--as", "beto", "--json")
    assert ran.code == 0, ran.err
    beto = [c["id"] for c in ran.json()["proposed"]]  # a name is up to three fields
    own = beto[0]
    refused = cuadre.process("corrections", "approve", own, "--as", "beto")
    assert refused.code == 3, refused.err
    assert "otra persona" in refused.err and "Traceback" not in refused.err
    state = cuadre("corrections", "list", "--state", "propuesta", "--json").json()
    assert own in {c["id"] for c in state}
    assert cuadre("corrections", "reject", *beto, "--as", "carla", "--comment", "no corresponde")\
        .code == 0

    # Carla approves everything Ana proposed, then pushes to both systems.
    ran = cuadre("corrections", "approve", "--all", "--as", "carla", "--json")
    assert ran.code == 0, ran.err
    assert sorted(c["id"] for c in ran.json()["done"]) == sorted(m["id"] for m in made)
    elsewhere = cuadre("push", *sources(sandbox), "--as", "carla")  # «Principal» ≠ «Sandbox»
    assert elsewhere.code == 0 and "otro espacio de trabajo («Sandbox»)" in elsewhere.err
    assert cuadre("outbox", "list", "--json").json() == []  # none of them sent there
    pushed = cuadre("push", *sources(sandbox), "--workspace", "Sandbox", "--as", "carla",
                    "--json")
    assert pushed.code == 0, pushed.err
    summary = pushed.json()
    assert summary["counts"] == {"applied": len(made)} and summary["remaining"] == 0

    # The systems hold the new values.
    for m in made:
        assert equal(held(rest, m["system"], m["source_id"], m["field"]), m["new"]), m

    # Reconciled again: those findings are gone.
    second = cuadre("workspace", "reconcile", *sources(sandbox), "--workspace", "Sandbox",
                    "--as", "carla", "-q", "--json")
    assert second.code == 0, second.err
    after = proposals(cuadre, "--entity", "customers", "--field", "email")
    assert after["run"]["id"] == second.json()["id"] != listed["run"]["id"]
    fixed = {(m["system"], m["source_id"]) for m in made}
    assert not fixed & {(p["target"], p["source_id"]) for p in after["proposals"]}
    assert len(after["proposals"]) == len(kept)  # only what Ley 1581 keeps back is left
    runs = cuadre("workspace", "runs", "--json").json()
    assert [r["id"] for r in runs] == [second.json()["id"], listed["run"]["id"]]

    # The trail is intact, tells the whole story, and the outbox is all terminal.
    verified = cuadre.process("audit", "verify")
    assert verified.code == 0, verified.err
    assert "íntegro" in verified.out
    rows = cuadre.process("outbox", "list", "--json")
    assert rows.code == 0, rows.err
    assert [r["state"] for r in rows.json()] == ["applied"] * len(made)
    assert all(r["terminal"] for r in rows.json())
    with open_store(cuadre.store) as store, store.read() as session:
        actions = list(session.scalars(select(AuditRow.action).order_by(AuditRow.seq)))
    assert actions.count("reconcile") == 2 and actions.count("push_applied") == len(made)
    assert actions.count("reject") == len(beto) and actions.count("approve") == len(made)


def test_wrong_usage_exits_2_and_a_missing_role_3_in_a_real_process(cuadre, sandbox):
    staff(cuadre)
    usage = cuadre.process("corrections", "approve", "--all")  # who approves?
    assert usage.code == 2 and "--as USUARIO" in usage.err and "Traceback" not in usage.err
    role = cuadre.process("push", *sources(sandbox), "--as", "ana")
    assert role.code == 3 and "solo aprobadores" in role.err
    assert [r for r in sandbox.requests("/crm") if r.method == "PATCH"] == []


def test_ctrl_c_stops_a_push_between_items_and_the_next_push_finishes(cuadre, sandbox, rest):
    staff(cuadre)
    assert cuadre("workspace", "reconcile", *sources(sandbox), "--entity", "customers",
                  "--as", "ana", "-q").code == 0
    idents = [p["ident"] for p in proposals(cuadre, "--entity", "customers", "--field", "email",
                                            "--pushable")["proposals"]][:8]
    assert len(idents) == 8
    assert cuadre("corrections", "propose", *idents, "--as", "ana").code == 0
    assert cuadre("corrections", "approve", "--all", "--as", "carla").code == 0

    sandbox.faults.add(delay=0.5, count=0, method="PATCH")  # every write takes a while
    push = cuadre.start("push", *sources(sandbox), "--as", "carla")
    assert push.stdout is not None
    for line in push.stdout:  # the first item is done: interrupt the rest
        if line.startswith("[1/"):
            push.send_signal(signal.SIGINT)
            break
    _, err = push.communicate(timeout=120)
    assert push.returncode == 130, err
    assert "Cancelado" in err and "Traceback" not in err
    states = [r["state"] for r in cuadre("outbox", "list", "--json").json()]
    assert len(states) == 8 and states.count("applied") >= 1 and states.count("queued") >= 1
    assert set(states) <= {"applied", "queued"}

    sandbox.faults.clear()
    finished = cuadre("push", *sources(sandbox), "--as", "carla", "--json")
    assert finished.code == 0, finished.err
    assert [r["state"] for r in cuadre("outbox", "list", "--json").json()] == ["applied"] * 8
    for row in cuadre("corrections", "list", "--json").json():  # each record written once
        path = f"/{row['system']}/customers/{row['source_id']}"
        assert len([r for r in sandbox.requests(path) if r.method == "PATCH"]) == 1, path
        assert equal(held(rest, row["system"], row["source_id"], row["field"]), row["new"])
    assert cuadre("audit", "verify").code == 0


def test_a_conflict_exits_1_and_redecide_sends_it_again(cuadre, sandbox, rest):
    staff(cuadre)
    assert cuadre("workspace", "reconcile", *sources(sandbox), "--entity", "customers",
                  "--as", "ana", "-q").code == 0
    idents = [p["ident"] for p in proposals(cuadre, "--entity", "customers", "--field", "email",
                                            "--pushable")["proposals"]][:2]
    made = cuadre("corrections", "propose", *idents, "--as", "ana", "--json").json()["proposed"]
    assert cuadre("corrections", "approve", "--all", "--as", "carla").code == 0
    clash = made[0]
    third_party_edit(sandbox, Case(clash["id"], clash["system"], clash["source_id"],
                                   clash["old"], clash["new"]), "otra.persona@correo.co")

    pushed = cuadre("push", *sources(sandbox), "--as", "carla", "--json")
    assert pushed.code == 1  # a conflict is left for a person
    assert pushed.json()["counts"] == {"applied": 1, "conflict": 1}
    [conflict] = cuadre("outbox", "list", "--state", "en conflicto", "--json").json()
    assert (conflict["correction_id"], conflict["found"]) == (clash["id"],
                                                              '"otra.persona@correo.co"')
    assert held(rest, clash["system"], clash["source_id"], "email") == "otra.persona@correo.co"

    again = cuadre("corrections", "redecide", clash["id"], "--as", "ana", "--json")
    assert again.code == 0, again.err
    assert (again.json()["state"], again.json()["old"], again.json()["new"]) == (
        "proposed", "otra.persona@correo.co", clash["new"])
    assert cuadre("corrections", "approve", clash["id"], "--as", "carla").code == 0
    assert cuadre("push", *sources(sandbox), "--as", "carla").code == 0
    assert equal(held(rest, clash["system"], clash["source_id"], "email"), clash["new"])
    assert cuadre("audit", "verify").code == 0


# --- PostgreSQL: the shared office workspace -------------------------------------------------

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def pg():
    from .postgres import postgres_server

    with postgres_server() as server:
        with server.admin_connect() as conn:  # the owner creates the people's login roles
            conn.execute(f'ALTER ROLE "{server.user}" CREATEROLE')
        yield server


@pytest.fixture
def pg_store(pg):
    """A fresh database per test, owned by the application role; dropped afterwards."""
    from psycopg import sql

    name = f"cuadre_cli_{next(_numbers)}"
    with pg.admin_connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(name), sql.Identifier(pg.user)))
    yield f"postgresql://{pg.user}@{pg.host}:{pg.port}/{name}"
    with pg.admin_connect() as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_approve_and_push_on_a_postgresql_workspace(cuadre, sandbox, rest, pg, pg_store,
                                                    monkeypatch):
    monkeypatch.setenv("CUADRE_STORE", pg_store)  # its password: in the keyring, as documented
    cuadre.store = pg_store
    cuadre.credentials(pg_store, pg.password)
    staff(cuadre)
    assert cuadre("workspace", "reconcile", *sources(sandbox), "--entity", "customers",
                  "--as", "ana", "-q").code == 0
    idents = [p["ident"] for p in proposals(cuadre, "--entity", "customers", "--field", "phone",
                                            "--pushable")["proposals"]][:5]
    made = cuadre("corrections", "propose", *idents, "--as", "beto", "--json").json()["proposed"]
    assert len(made) == 5

    refused = cuadre("corrections", "approve", made[0]["id"], "--as", "beto")
    assert refused.code == 3 and "otra persona" in refused.err
    monkeypatch.setenv("CUADRE_USER", "carla")  # identity from the environment
    approved = cuadre("corrections", "approve", "--all", "--json")
    assert approved.code == 0 and len(approved.json()["done"]) == len(made)
    pushed = cuadre("push", *sources(sandbox), "--json")
    assert pushed.code == 0, pushed.err
    assert pushed.json()["counts"] == {"applied": len(made)}
    for m in made:
        assert equal(held(rest, m["system"], m["source_id"], m["field"]), m["new"]), m
    assert [r["state"] for r in cuadre("outbox", "list", "--json").json()] == \
        ["applied"] * len(made)
    with open_store(pg_store, password=pg.password) as store:
        assert store.dialect == "postgresql"
    verified = cuadre.process("audit", "verify")  # a real process: the password from its keyring
    assert verified.code == 0, verified.err
    assert pg.password not in verified.out + verified.err
