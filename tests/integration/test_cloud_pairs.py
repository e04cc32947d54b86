"""HubSpot as the CRM against Siigo Nube or Alegra as the ERP, all three served by one sandbox
over real HTTP: the dealership that runs only cloud systems gets the demo's findings (issue 19,
item 5). Each emulator keeps its documented rate limit off here (the limit tests count them);
the connectors are told the same, so no run waits a minute for Siigo's 100 requests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from app.connections.systems import adhoc_profile, reconcile_systems
from app.demo.connector import DemoCrm, DemoErp
from app.demo.sandbox import Sandbox
from app.domain.schema import Entity
from app.progress import run
from app.reconcile.engine import reconcile


@pytest.fixture(scope="module")
def served(demo_data, cuadre_data_dir) -> Iterator[Sandbox]:
    with Sandbox(port=0, data_dir=cuadre_data_dir, siigo_per_minute=0,
                 alegra_per_minute=0) as sb:
        yield sb


def findings(report: Any) -> dict[Entity, Counter[tuple[str, str | None]]]:
    """Every customer and payment finding, by kind and field (each ERP numbers its records its
    own way, so the records' ids are not compared)."""
    return {e: Counter((m.kind, m.field) for m in report[e].findings())
            for e in (Entity.CUSTOMERS, Entity.PAYMENTS)}


@pytest.mark.parametrize("erp", ["siigo", "alegra"])
def test_hubspot_against_a_cloud_erp_finds_what_the_demo_finds(served, demo_data, erp):
    demo = run(reconcile(DemoCrm(demo_data.crm), DemoErp(demo_data.erp)))
    pair = adhoc_profile(served.hubspot_source, getattr(served, f"{erp}_source"))
    profile = replace(pair, erp=replace(pair.erp, options={"requests_per_minute": 0}))
    report = run(reconcile_systems(profile, secrets=lambda ref: served.token))
    assert report.failures == {} and report.issues == []
    assert report.sources["crm"].startswith("HubSpot")
    assert findings(report) == findings(demo)
    assert sum(sum(c.values()) for c in findings(report).values()) > 500
