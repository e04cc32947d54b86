"""``cuadre reconcile`` reads a customers export too big to read whole in batches and
reconciles it part by part (``app.reconcile.streamed``), by itself above a size: the report
it writes holds the same links, findings and duplicate documents as the in-memory path."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.connections.systems import adhoc_profile, reconcile_systems
from app.demo.linkage import generate_labelled, write_exports
from app.domain.schema import Entity
from app.progress import Cancelled, CancelToken, Progress, run
from app.reconcile import streamed


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("big")
    crm, erp = write_exports(generate_labelled(1200, seed=5), folder)
    lines = crm.read_text("cp1252").splitlines()
    extra = []
    for n, line in enumerate(lines[10:40:3]):  # documents held twice, and leads
        cells = line.split(";")
        cells[0] = f"{cells[0]}-otra"
        if n % 2:
            cells[4] = "3001234567"  # the same document, another phone
        extra.append(";".join(cells))
        extra.append(";".join([f"L{n}", str(70_000_000 + n), "Ana", "Lead Pérez", "3105550000",
                               "", "Cali", "Lead"]))
    crm.write_text("\r\n".join([*lines, *extra]) + "\r\n", "cp1252")
    return crm, erp


def _reconciled(crm: Path, erp: Path, out: Path, *extra: str) -> dict[str, Any]:
    code = main(["reconcile", "--entity", "customers", "--crm", str(crm), "--erp", str(erp),
                 "--out", str(out), *extra])
    assert code == 0
    doc: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return doc


def _keyed(rows: list[dict[str, Any]]) -> Counter[str]:
    return Counter(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def test_a_big_export_takes_the_streamed_path_with_the_same_report(
        exports: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crm, erp = exports
    assert crm.stat().st_size > 100_000  # crosses the lowered threshold below
    whole = _reconciled(crm, erp, tmp_path / "whole.json")
    said = capsys.readouterr().out
    assert "por lotes" not in said
    big = _reconciled(crm, erp, tmp_path / "big.json", "--stream-mb", "0.1")
    said = capsys.readouterr().out
    assert "Clientes: archivo grande; se leyó por lotes y se concilió por partes" in said
    a, b = whole["customers"], big["customers"]
    assert len(a["links"]) > 500 and len(a["mismatches"]) > 50
    for part in ("links", "mismatches"):
        assert _keyed(b[part]) == _keyed(a[part]), part
    # Duplicate documents all; fuzzy duplicate groups (a person entered twice, once without
    # the document) only among what the documents left unpaired: a subset (said in README).
    by_key = [d for d in a["duplicates"] if d["method"] == "key"]
    assert by_key and _keyed([d for d in b["duplicates"] if d["method"] == "key"]) == _keyed(by_key)
    assert not _keyed(b["duplicates"]) - _keyed(a["duplicates"])
    for kind, row in a["summary"].items():
        assert kind == "possible_duplicate" or b["summary"][kind] == row, kind
    assert whole["source_issues"] == big["source_issues"]


def test_the_threshold_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(streamed.ENV, "1,5")
    assert streamed.threshold() == 1_500_000
    monkeypatch.setenv(streamed.ENV, "mucho")
    assert streamed.threshold() == int(streamed.DEFAULT_MB * 1_000_000)
    assert streamed.threshold(0) == 0


def test_a_wrong_size_is_a_usage_error(exports: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    crm, erp = exports
    with pytest.raises(SystemExit) as stop:
        main(["reconcile", "--entity", "customers", "--crm", str(crm), "--erp", str(erp),
              "--stream-mb", "-3"])
    assert stop.value.code == 2
    assert "se esperaba un tamaño en MB" in capsys.readouterr().err


def test_progress_and_cancel_on_the_streamed_path(exports: tuple[Path, Path]) -> None:
    crm, erp = exports
    profile = adhoc_profile(str(crm), str(erp), entity=Entity.CUSTOMERS)
    seen: list[Progress] = []
    report = run(reconcile_systems(profile, stream_bytes=0), seen.append)
    assert report[Entity.CUSTOMERS].streamed
    steps = [p.step for p in seen]
    assert {"pull_crm_customers", "pull_erp_customers", "compare_customers"} <= set(steps)
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    token = CancelToken()
    task = reconcile_systems(profile, token, stream_bytes=0)
    for p in task:
        if p.step == "compare_customers":
            token.cancel()
            break
    with pytest.raises(Cancelled):
        run(task)


class _Whole:
    """A side that cannot give batches (a database, an API): pulled whole beside the file."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.system = inner, inner.system

    def describe(self) -> str:
        return "whole"

    def pull(self, entity: Entity, since: Any = None) -> Any:
        return self.inner.pull(entity)

    def issues(self) -> list[Any]:
        return self.inner.issues()


def test_a_big_file_beside_a_source_pulled_whole(exports: tuple[Path, Path]) -> None:
    from app.connectors.files import FileConnector
    from app.domain.schema import System
    from app.reconcile.customers import reconcile_customers

    crm_path, erp_path = exports
    crm = FileConnector(crm_path, System.CRM, Entity.CUSTOMERS)
    erp = _Whole(FileConnector(erp_path, System.ERP, Entity.CUSTOMERS))
    chosen = streamed.plan(crm, erp, Entity.CUSTOMERS, 1000)
    assert chosen is not None and chosen.size == crm_path.stat().st_size
    seen: list[Progress] = []
    result = run(streamed.reconcile_streamed(crm, erp, chosen), seen.append)
    whole = run(reconcile_customers(crm.pull(Entity.CUSTOMERS), erp.pull(Entity.CUSTOMERS)))
    assert Counter(result.mismatches) == Counter(whole.mismatches)
    assert seen[0].step == "pull_erp_customers"
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions)
    assert streamed.plan(crm, erp, Entity.PAYMENTS, 0) is None
    assert streamed.plan(crm, erp, Entity.CUSTOMERS, crm_path.stat().st_size + 1) is None


def test_the_window_s_run_of_a_profile_follows_the_environment(
        exports: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """What the window's «Reconciliar» runs for a profile (``reconcile_systems(profile,
    cancel, secrets=…)``, no size given) takes the path the size calls for."""
    crm, erp = exports
    profile = adhoc_profile(str(crm), str(erp), entity=Entity.CUSTOMERS)
    assert not run(reconcile_systems(profile, CancelToken(), secrets=lambda ref: None)
                   )[Entity.CUSTOMERS].streamed
    monkeypatch.setenv(streamed.ENV, "0,1")
    assert run(reconcile_systems(profile, CancelToken(), secrets=lambda ref: None)
               )[Entity.CUSTOMERS].streamed
