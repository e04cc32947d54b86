"""The pushing process of the crash tests: open the store file, push, maybe die on the way.

    python tests/support/push_child.py run STORE_URL CRM_URL ERP_URL STEPS_FILE KILL_AT
    python tests/support/push_child.py serve STORE_URL CRM_URL ERP_URL STEPS_FILE

The sandbox token comes in ``CUADRE_SANDBOX_TOKEN`` and a PostgreSQL store's password, if any,
in ``CUADRE_STORE_PASSWORD`` (not in the command line). ``KILL_AT`` k > 0: after the k-th
step of this run, the step's name is appended to ``STEPS_FILE`` and the process sends itself
SIGKILL: no cleanup, no flush, exactly a crash. ``k:STEP``: at the k-th step named STEP.
0: push to the end. The steps are the push's ``hook`` (a commit, or a call to the sandbox
returning) and ``sending:body``: a write with half its body on the wire (the connectors'
``midway``), so a kill there leaves the sandbox a request cut in the middle.

``run`` is one fresh interpreter per push. ``serve`` imports the code once, then for every
line ``KILL_AT`` read from stdin forks a fresh process that opens the store file itself and
pushes (the server never opens the store, so nothing but the imported code is shared), waits
for it and prints its exit code (``-9``: killed) on a line: the same crash, without paying the
interpreter's start-up a few hundred times.
"""

from __future__ import annotations

import os
import signal
import sys


def push_once(store_url: str, crm_url: str, erp_url: str, steps_file: str, kill_at: str) -> None:
    from app.connectors.http import RetryPolicy
    from app.connectors.rest.connector import RestConnector
    from app.domain.schema import System
    from app.store import open_store
    from app.writeback.push import push

    at, _, only = kill_at.partition(":")
    count = 0

    def hook(step: str, item_id: int) -> None:
        nonlocal count
        if only and step != only:
            return
        count += 1
        if count == int(at):
            with open(steps_file, "a", encoding="utf-8") as out:
                out.write(f"{step}\n")
            os.kill(os.getpid(), signal.SIGKILL)

    token = os.environ["CUADRE_SANDBOX_TOKEN"]
    options = {"retry_base_delay": 0.01, "timeout": 10.0}
    password = os.environ.get("CUADRE_STORE_PASSWORD") or None
    with open_store(store_url, password=password) as store, \
            RestConnector(crm_url, "crm", secret=token, **options) as crm, \
            RestConnector(erp_url, "erp", secret=token, **options) as erp:
        for connector in (crm, erp):
            connector.midway = lambda: hook("sending:body", 0)
        push(store, {System.CRM: crm, System.ERP: erp}, "carla",
             policy=RetryPolicy(attempts=5, base_delay=0.01, max_delay=0.05), hook=hook)


def serve(store_url: str, crm_url: str, erp_url: str, steps_file: str) -> None:
    import traceback

    # Imported once, before any fork (the store is not opened here).
    import app.connectors.rest.connector
    import app.writeback.push  # noqa: F401

    for line in sys.stdin:
        kill_at = line.strip()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the pushing process
            code = 0
            try:
                push_once(store_url, crm_url, erp_url, steps_file, kill_at)
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


def main(argv: list[str]) -> int:
    mode, store_url, crm_url, erp_url, steps_file, *rest = argv
    if mode == "serve":
        serve(store_url, crm_url, erp_url, steps_file)
    else:
        push_once(store_url, crm_url, erp_url, steps_file, rest[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
