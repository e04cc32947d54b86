"""Customers reconciled in little memory: a 10 M-row CRM export against a 1 M-row ERP export.

:func:`reconcile_customers` holds both sides whole, each record as Python objects: fine for a
dealership's million, not for a CRM export of ten million leads. Here the two sides come as
batches of canonical frames (``FileConnector.pull_batches``) and never sit in memory whole:

1. **spill**: each batch is cut by a hash of the document number into :data:`PARTS` parts
   written to a temporary folder (pickled frames). CRM records that are not customers are
   counted and dropped: leads that never bought are not owed to the ERP and the engine leaves
   them out of every comparison with it. Records without a document go to a residue part.
2. **by document**: each part's CRM and ERP records go through :func:`reconcile_customers`.
   A document lives in one part only, so its links, field differences, validations (DV,
   missing city or phone) and duplicate documents are exactly the engine's. What the document
   did not pair is set aside, with what the engine's fuzzy step would have linked in the part.
3. **residue**: everything the documents left unpaired, from every part, plus the records
   without a document, goes through the engine once: its fuzzy links, "only in" findings and
   fuzzy duplicate groups are the engine's over that residue.

Only findings are kept, with the counts of links by method: no frame of a whole side, no link
object per linked pair. Peak memory is one batch plus one part. What differs from reconciling
both sides whole: duplicate groups that would join a customer with a lead (leads are dropped),
and fuzzy duplicate groups between records that share no part (a group whose members have
different documents is looked for in the residue only), with the links such a group carries
to the other system (a person entered twice, once without the document).
"""

from __future__ import annotations

import pickle
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pandas as pd

from app.progress import CancelToken, Progress, Task, run
from app.reconcile.customers import reconcile_customers as _whole
from app.reconcile.profile import Profile
from app.reconcile.results import Duplicate, EntityResult, Mismatch

#: Parts the documents are hashed into: 1/16 of a million customers per part.
PARTS = 16
#: The findings the engine gives a record on its own (validations): kept from the part a
#: record was first compared in, never again from the residue.
VALIDATIONS = frozenset({"missing_document", "invalid_check_digit", "missing_city",
                         "missing_phone"})
_ONLY = frozenset({"only_in_crm", "only_in_erp"})


@dataclass
class Summary:
    """What a partitioned reconcile found: the findings, and counts of what it read."""

    crm_rows: int = 0          # records read from the CRM export
    crm_customers: int = 0     # of them, customers (the rest are leads, left out)
    erp_rows: int = 0
    links: Counter[str] = field(default_factory=Counter)  # by method
    mismatches: list[Mismatch] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    residue: tuple[int, int] = (0, 0)  # CRM and ERP records the documents left unpaired
    parts: int = PARTS


def _part(doc: object, parts: int) -> int:
    """The part of a document number; ``parts`` (the residue) for none."""
    if doc is None or doc != doc:  # None or NaN
        return parts
    return zlib.crc32(str(doc).encode()) % parts


class _Spill:
    """Frames appended to one file per part, read back part by part."""

    def __init__(self, folder: Path, side: str, parts: int) -> None:
        self.paths = [folder / f"{side}-{p}.pickle" for p in range(parts + 1)]
        self.parts = parts

    def add(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        where = [_part(d, self.parts) for d in frame["doc_number"].tolist()]
        for p, piece in frame.groupby(where, sort=False):
            with self.paths[cast(int, p)].open("ab") as stream:
                pickle.dump(piece, stream, protocol=pickle.HIGHEST_PROTOCOL)

    def load(self, p: int, like: pd.DataFrame) -> pd.DataFrame:
        pieces: list[pd.DataFrame] = []
        if self.paths[p].exists():
            with self.paths[p].open("rb") as stream:
                while True:
                    try:
                        pieces.append(pickle.load(stream))  # noqa: S301 - our own temp file
                    except EOFError:
                        break
        if not pieces:
            return like.iloc[0:0]
        return pd.concat(pieces, ignore_index=True)


def reconcile_customers(crm: Iterable[pd.DataFrame], erp: Iterable[pd.DataFrame],
                        profile: Profile | None = None, cancel: CancelToken | None = None,
                        parts: int = PARTS, folder: Path | None = None) -> Task[Summary]:
    """Customers from batches of canonical frames, in little memory (see the module)."""
    summary = Summary(parts=parts)
    with tempfile.TemporaryDirectory(prefix="cuadre-parts-", dir=folder) as tmp:
        crm_spill, erp_spill = _Spill(Path(tmp), "crm", parts), _Spill(Path(tmp), "erp", parts)
        like: dict[str, pd.DataFrame] = {}
        for frame in crm:
            summary.crm_rows += len(frame)
            customers = frame[frame["is_customer"].map(lambda v: v is True)]
            summary.crm_customers += len(customers)
            crm_spill.add(customers)
            like.setdefault("crm", frame.iloc[0:0])
            _check(cancel)
            yield Progress("read_crm", summary.crm_rows, 0)
        for frame in erp:
            summary.erp_rows += len(frame)
            erp_spill.add(frame)
            like.setdefault("erp", frame.iloc[0:0])
            _check(cancel)
            yield Progress("read_erp", summary.erp_rows, 0)
        empty_crm, empty_erp = like.get("crm"), like.get("erp")
        if empty_crm is None or empty_erp is None:
            return summary
        left_crm: list[pd.DataFrame] = []
        left_erp: list[pd.DataFrame] = []
        for p in range(parts):
            c, e = crm_spill.load(p, empty_crm), erp_spill.load(p, empty_erp)
            result = run(_whole(c, e, profile, cancel))
            _keep_by_document(summary, result, c, e, left_crm, left_erp)
            yield Progress("compare_customers", p + 1, parts + 1)
        lone_crm, lone_erp = crm_spill.load(parts, empty_crm), erp_spill.load(parts, empty_erp)
        lone = set(lone_crm["source_id"]) | set(lone_erp["source_id"])
        c = pd.concat([*left_crm, lone_crm], ignore_index=True)
        e = pd.concat([*left_erp, lone_erp], ignore_index=True)
        summary.residue = (len(c), len(e))
        del left_crm, left_erp
        result = run(_whole(c, e, profile, cancel))
        _keep_residue(summary, result, lone)
        yield Progress("compare_customers", parts + 1, parts + 1)
    return summary


def _keep_by_document(summary: Summary, result: EntityResult, crm: pd.DataFrame,
                      erp: pd.DataFrame, left_crm: list[pd.DataFrame],
                      left_erp: list[pd.DataFrame]) -> None:
    """A part's findings the document decides; its unpaired records set aside."""
    by_doc = [link for link in result.links if link.method == "doc_number"]
    summary.links["doc_number"] += len(by_doc)
    paired = {(link.crm_id, link.erp_id) for link in by_doc}
    crm_paired = {crm_id for crm_id, _ in paired}
    erp_paired = {erp_id for _, erp_id in paired}
    for m in result.mismatches:
        if m.kind in VALIDATIONS or (m.kind not in _ONLY and (m.crm_id, m.erp_id) in paired):
            summary.mismatches.append(m)
    summary.duplicates.extend(d for d in result.duplicates if d.method == "key")
    left_crm.append(crm[~crm["source_id"].isin(crm_paired)])
    left_erp.append(erp[~erp["source_id"].isin(erp_paired)])


def _keep_residue(summary: Summary, result: EntityResult, lone: set[str]) -> None:
    """The residue's findings: all but the validations of records a part already checked."""
    summary.links.update(link.method for link in result.links)
    for m in result.mismatches:
        if m.kind not in VALIDATIONS or (m.crm_id or m.erp_id) in lone:
            summary.mismatches.append(m)
    summary.duplicates.extend(result.duplicates)


def findings(summary: Summary) -> Iterator[tuple[str, str | None, str | None]]:
    """(kind, CRM id, ERP id) of each finding, for counting and comparing."""
    for m in summary.mismatches:
        yield m.kind, m.crm_id, m.erp_id
    for d in summary.duplicates:
        yield f"duplicate_{d.system.value}", ",".join(d.ids), None


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()


__all__ = ["PARTS", "Summary", "findings", "reconcile_customers"]
