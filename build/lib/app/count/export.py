"""The physical count as JSON (``cuadre count --out``) and as a short text summary.

Written with the reconciliation report's pieces (:mod:`app.reconcile.export`): a finding and a
source issue read the same in both files, and money is exact decimal text, never a float.
"""

from __future__ import annotations

from typing import Any

from app import __version__
from app.connectors.base import SourceIssue
from app.count.compare import CountResult
from app.domain.i18n import tr_app
from app.domain.schema import Entity
from app.reconcile.export import (
    count_text,
    issue_json,
    mismatch_json,
    summary_head,
    summary_json,
    summary_rows,
    text_table,
)


def count_summary_table(result: CountResult) -> str:
    """The physical count's findings per kind, with the counts behind them."""
    head = tr_app("app.count", "{branch}: {expected} vehículos en el patio según el ERP, "
                  "{counted} VIN contados, {confirmed} confirmados").format(
        branch=result.branch, expected=count_text(result.expected),
        counted=count_text(result.counted), confirmed=count_text(result.confirmed))
    rows = summary_rows(tr_app("app.count", "Conteo"), Entity.VEHICLES, result.summary())
    return head + "\n\n" + text_table(summary_head(""), rows)


def count_to_json(result: CountResult, issues: list[SourceIssue]) -> dict[str, Any]:
    """The count's figures, its findings and what could not be read in its file."""
    return {
        "cuadre_version": __version__,
        "branch": result.branch,
        "expected": result.expected, "scans": result.scans, "counted": result.counted,
        "confirmed": result.confirmed, "other_branch_rows": result.other_branch_rows,
        "findings": [mismatch_json(m) for m in result.findings],
        "summary": summary_json(result.summary()),
        "source_issues": [issue_json(i) for i in issues],
    }
