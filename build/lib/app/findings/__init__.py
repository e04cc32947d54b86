"""Findings that live across runs, matching by hand, and closing a period (DESIGN §5).

- ``keys``: a finding's stable key (entity, kind, field and the records' ids) and id, and what
  a run saw of it (:func:`~app.findings.keys.observe`).
- ``life``: a saved run updates its findings — new, seen again, back, resolved — in the
  transaction that saves it (``app.writeback.runs.save_run`` calls it).
- ``states``: where a finding stands (its own track, a correction's stage read from the
  store, resolved) and the reasons it may stand; ``views``: findings as people see them, with
  owner and age; ``work``: assign, explain, reopen — each one audited transaction.
- ``candidates``: the other system's records ranked for a finding without a counterpart, each
  with the reasons for its rank; ``matching``: a manual match (1:1, 1:n, n:1), its difference
  and reason (``writeoff``), undone by ``unmatch``, applied to every later run's report.
- ``periods``: a month × branch × entity certified by who proposes and signed off by who
  approves, with its certificate (run, counts, pesos, people, times, audit head).
- ``people`` reads who may do what from the workspace's people; ``errors`` is what these
  services say when they refuse.

It stands above the reconciliation and below the correction loop: it reads the correction
loop's rows from the store, never imports ``app.writeback``. No Qt.
"""

from app.findings.errors import (
    ConcurrentChange,
    FindingError,
    InvalidState,
    NotFound,
    NotPermitted,
)
from app.findings.states import FindingState, Reason, Track

__all__ = ["ConcurrentChange", "FindingError", "FindingState", "InvalidState", "NotFound",
           "NotPermitted", "Reason", "Track"]
