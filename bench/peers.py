"""Cuadre against its peers on customer linkage: wall time, peak memory, precision and recall.

    .venv-bench/bin/python bench/peers.py [--sizes 10000 100000] \
        [--tools cuadre,cuadre-files,datacompy,recordlinkage,splink] [--copies 0.02] \
        [--timeout 600]

All tools see the same labelled set (``app.demo.linkage.generate_labelled(size, seed=7)``):
SIZE customers per side, about 5 % of them with broken keys, homonyms, people in one system
only and leads entered twice; with ``--copies RATE``, that share of the linked people is also
entered twice in the CRM and (drawn apart) twice in the ERP, with the same document or none,
and each copy's link to its counterpart is a true link. Each (tool, size) runs in its own
process, so the peak memory (``ru_maxrss``) is that run's own; the data are regenerated
deterministically in every child.

- **cuadre** — ``app.reconcile.engine.reconcile`` on customers (keys, then its fuzzy residue,
  then duplicates within each system). Its stages are timed by the engine itself: "exact" is
  preparing every record (names folded, phones read), validating, the document join and a
  comparison of every linked pair; "residue" is blocking and scoring what the join left; the
  total adds the duplicate search within each system, which no peer here does.
- **cuadre-files** — the same engine, but the set is first written as the exports people bring
  (a Spanish CRM's CSV: «ID Lead», «Nro. identificación», «Celular», cp1252 and «;»; the ERP's
  terceros as XLSX: «ID Tercero», «Nombre / Razón social», «Código DANE»;
  ``app.demo.linkage.write_exports``) and read back with ``app.connectors.files.FileConnector``;
  its seconds include reading the two files (writing them is not timed).
- **datacompy** — ``PandasCompare`` of the CRM and ERP frames joined on ``doc_number``: the
  exact part only.
- **recordlinkage** and **splink** — the residue only (rows the exact ``doc_number`` join
  leaves unpaired, computed the same way in every child): their "residue" seconds are the
  tool's own work on it (normalising names included); their totals add the pairs and the
  seconds of that join (a pandas ``merge``).

Precision and recall count (CRM id, ERP id) pairs against the generator's true links: the exact
part against the true links keys can make, the residue against ``residue_links``, the total
against all. "homonyms" counts links to another person with the same name and city. Seconds
exclude imports and data generation; peak MB is the whole child process ("data MB" is the
peak once the data are generated, before the tool is imported). Not a test: figures depend
on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from harness import Pairs, peak_mb, print_row, report, score, spawn

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("cuadre", "cuadre-files", "datacompy", "recordlinkage", "splink")
#: How the parent passes ``--copies`` to its children (whose arguments are the tool and size).
COPIES_ENV = "CUADRE_BENCH_COPIES"
SPLINK_THRESHOLD = 0.9  # match probability a splink pair needs to count as a link
RL_NAME_JW = 0.85  # recordlinkage: Jaro-Winkler from which two names count as agreeing
RL_DOC_LEV = 0.75  # recordlinkage: Levenshtein similarity from which two documents agree



@dataclass(frozen=True, slots=True)
class Split:
    """The labelled set cut the same way for every peer."""

    crm: pd.DataFrame
    erp: pd.DataFrame
    key_pairs: Pairs  # (crm, erp) pairs with the same non-empty doc_number
    key_seconds: float
    crm_residue: pd.DataFrame  # CRM rows no key pair covers
    erp_residue: pd.DataFrame
    truth: dict[str, frozenset[tuple[str, str]]]  # part -> true links
    homonyms: frozenset[tuple[str, str]]
    labelled: Any  # the LabelledSet, for the tools that write it out as files


# --- data, shared by all tools ---------------------------------------------------------------

def load(size: int) -> Split:
    """Generate the labelled set and split it into the exact join and the residue."""
    sys.path.insert(0, str(ROOT))
    from app.demo.linkage import generate_labelled

    data = generate_labelled(size, seed=7, copy_rate=float(os.environ.get(COPIES_ENV) or 0))
    start = time.perf_counter()
    key_pairs = doc_join(data.crm, data.erp)
    key_seconds = time.perf_counter() - start
    crm_paired = {c for c, _ in key_pairs}
    erp_paired = {e for _, e in key_pairs}
    truth = {
        "exact": data.true_links - data.residue_links,
        "residue": data.residue_links,
        "total": data.true_links,
    }
    return Split(
        crm=data.crm, erp=data.erp, key_pairs=key_pairs, key_seconds=key_seconds,
        crm_residue=data.crm[~data.crm["source_id"].isin(crm_paired)],
        erp_residue=data.erp[~data.erp["source_id"].isin(erp_paired)],
        truth=truth, homonyms=data.homonyms, labelled=data,
    )


def doc_join(crm: pd.DataFrame, erp: pd.DataFrame) -> Pairs:
    """Pairs of records whose (non-empty) document numbers are equal."""
    left = crm.loc[crm["doc_number"].notna(), ["source_id", "doc_number"]]
    right = erp.loc[erp["doc_number"].notna(), ["source_id", "doc_number"]]
    joined = left.merge(right, on="doc_number", suffixes=("_crm", "_erp"))
    return set(zip(joined["source_id_crm"], joined["source_id_erp"], strict=True))


def plain(text: object) -> str | None:
    """Lower case, no accents, letters and digits separated by single spaces."""
    if text is None or text is pd.NA or (isinstance(text, float) and text != text):
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.lower().split()) or None


def peer_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The columns the generic peers compare, normalised the same way for both sides."""
    persons = (df["first_names"].fillna("") + " " + df["last_names"].fillna("")).map(plain)
    name = persons.where(persons.notna(), df["company_name"].map(plain))
    return pd.DataFrame({
        "unique_id": df["source_id"].astype(str),
        "name": name,
        "first_token": name.map(lambda n: n.split()[0] if n else None),
        "phone": df["phone"].map(plain),
        "email": df["email"].map(plain),
        "city": df["city_code"].map(plain),
        "doc": df["doc_number"].map(plain),
    }).reset_index(drop=True)


# --- the tools: each returns {part: (pairs, seconds)} -----------------------------------------

def run_cuadre(split: Split) -> dict[str, tuple[Pairs, float | None]]:
    """The engine on customers only, over in-memory frames (as bench/matching.py does)."""
    from app.domain.schema import Entity, System

    class Frames:  # a connector over an in-memory frame
        def __init__(self, system: System, df: pd.DataFrame) -> None:
            self.system, self.df = system, df

        def describe(self) -> str:
            return "labelled"

        def pull(self, entity: Entity, since: object = None) -> pd.DataFrame:
            return self.df

        def issues(self) -> list[object]:
            return []

    return cuadre_parts(Frames(System.CRM, split.crm), Frames(System.ERP, split.erp))


def run_cuadre_files(split: Split) -> dict[str, tuple[Pairs, float | None]]:
    """The engine on the set written as a CRM's CSV and an ERP's XLSX, read back as files."""
    from app.connectors.files import FileConnector
    from app.demo.linkage import write_exports

    with tempfile.TemporaryDirectory() as folder:
        crm_path, erp_path = write_exports(split.labelled, Path(folder), "es")
        return cuadre_parts(FileConnector(crm_path, "crm", "customers"),
                            FileConnector(erp_path, "erp", "customers"))


def cuadre_parts(crm: Any, erp: Any) -> dict[str, tuple[Pairs, float | None]]:
    """Cuadre's links, split into key links and the rest (fuzzy and through duplicates)."""
    from app.domain.schema import Entity
    from app.progress import run
    from app.reconcile.engine import reconcile

    start = time.perf_counter()
    report = run(reconcile(crm, erp, entities=(Entity.CUSTOMERS,), extra=False))
    seconds = time.perf_counter() - start
    result = report[Entity.CUSTOMERS]
    exact = {(x.crm_id, x.erp_id) for x in result.links if x.method != "fuzzy"}
    fuzzy = {(x.crm_id, x.erp_id) for x in result.links if x.method == "fuzzy"}
    stages = result.timings
    return {"exact": (exact, stages.get("exact")), "residue": (fuzzy, stages.get("residue")),
            "total": (exact | fuzzy, seconds)}


def run_datacompy(split: Split) -> dict[str, tuple[Pairs, float | None]]:
    """datacompy's pandas Compare joined on doc_number: the rows it finds in both frames."""
    import datacompy

    start = time.perf_counter()
    compare = datacompy.PandasCompare(split.crm, split.erp, join_columns="doc_number",
                                      df1_name="crm", df2_name="erp")
    both = compare.intersect_rows
    pairs = set(zip(both["source_id_crm"], both["source_id_erp"], strict=True))
    seconds = time.perf_counter() - start
    return {"exact": (pairs, seconds), "total": (pairs, seconds)}


def run_recordlinkage(split: Split) -> dict[str, tuple[Pairs, float | None]]:
    """recordlinkage on the residue: blocks and a sorted neighbourhood, ECM on five fields."""
    import recordlinkage

    start = time.perf_counter()
    crm, erp = peer_frame(split.crm_residue), peer_frame(split.erp_residue)
    indexer = recordlinkage.Index()
    indexer.block("phone")
    indexer.block("email")
    indexer.sortedneighbourhood("name", window=9)
    candidates = indexer.index(crm, erp)
    compare = recordlinkage.Compare()
    compare.string("name", "name", method="jarowinkler", threshold=RL_NAME_JW, label="name")
    compare.exact("phone", "phone", label="phone")
    compare.exact("email", "email", label="email")
    compare.exact("city", "city", label="city")
    compare.string("doc", "doc", method="levenshtein", threshold=RL_DOC_LEV, label="doc")
    features = compare.compute(candidates, crm, erp)
    # Unsupervised Fellegi-Sunter: the toolkit's ECM fitted on the binary agreement vectors.
    chosen = recordlinkage.ECMClassifier(binarize=0.5).fit_predict(features)
    pairs = {(crm.at[i, "unique_id"], erp.at[j, "unique_id"]) for i, j in chosen}
    seconds = time.perf_counter() - start
    return with_key_pairs(split, pairs, seconds)


def run_splink(split: Split) -> dict[str, tuple[Pairs, float | None]]:
    """splink 5 (DuckDB) on the residue: u by sampling, m by EM, links above a probability."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start = time.perf_counter()
    db_api = DuckDBAPI()
    tables = [db_api.register(peer_frame(split.crm_residue), dataset_display_name="crm"),
              db_api.register(peer_frame(split.erp_residue), dataset_display_name="erp")]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.92, 0.8]),
            cl.ExactMatch("phone"),
            cl.ExactMatch("email"),
            cl.ExactMatch("city"),
            cl.LevenshteinAtThresholds("doc", [1, 2]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("phone"), block_on("email"), block_on("first_token"),
        ],
        retain_matching_columns=False,
    )
    linker = Linker(tables, settings, log_level=None)
    train_splink(linker, block_on)
    predictions = linker.inference.predict(threshold_match_probability=SPLINK_THRESHOLD)
    found = predictions.as_pandas_dataframe()
    pairs = {crm_first(left, right) for left, right
             in zip(found["unique_id_l"], found["unique_id_r"], strict=True)}
    seconds = time.perf_counter() - start
    return with_key_pairs(split, pairs, seconds)


def train_splink(linker: Any, block_on: Callable[..., Any]) -> None:
    """Prior from a strict rule, u by random sampling, m by EM on two blocking rules.

    EM is trained on phone blocks and on e-mail blocks, where most pairs are matches; trained
    on first-name blocks (matches far under 1 % of pairs) it settled on a wrong optimum here
    (m of an equal phone 0.04) and missed a tenth of the residue.
    """
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("phone", "email")], recall=0.7)
    training.estimate_u_using_random_sampling(max_pairs=2e6, seed=7)
    # An EM session cannot estimate the fields of its own blocking rule: run two.
    training.estimate_parameters_using_expectation_maximisation(block_on("phone"))
    training.estimate_parameters_using_expectation_maximisation(block_on("email"))


def crm_first(left: str, right: str) -> tuple[str, str]:
    """A predicted pair as (crm id, erp id); CRM ids start with "C", ERP ids do not."""
    return (left, right) if left.startswith("C") else (right, left)


def with_key_pairs(split: Split, residue: Pairs,
                   seconds: float) -> dict[str, tuple[Pairs, float | None]]:
    """A residue-only peer's parts, its total adding the shared doc_number join."""
    return {"residue": (residue, seconds),
            "total": (split.key_pairs | residue, seconds + split.key_seconds)}


RUNNERS: dict[str, Callable[[Split], dict[str, tuple[Pairs, float | None]]]] = {
    "cuadre": run_cuadre, "cuadre-files": run_cuadre_files, "datacompy": run_datacompy,
    "recordlinkage": run_recordlinkage, "splink": run_splink,
}


# --- scoring and the child process ----------------------------------------------------------

def child(tool: str, size: int) -> list[dict[str, Any]]:
    """Run one tool on one size in this process; one row per part."""
    split = load(size)
    data_mb = peak_mb()
    parts = RUNNERS[tool](split)
    mb = peak_mb()
    return [{"tool": tool, "size": size, "part": part, "seconds": seconds, "peak_mb": mb,
             "data_mb": data_mb, **score(pairs, split.truth[part]),
             "homonyms": len(pairs & split.homonyms)}
            for part, (pairs, seconds) in parts.items()]


# --- the table --------------------------------------------------------------------------------

HEADER = ("tool", "size", "part", "seconds", "peak MB", "data MB", "links",
          "precision", "recall", "F1", "homonyms")


def cells(row: dict[str, Any]) -> list[str]:
    if "error" in row:
        return [row["tool"], f"{row['size']:,}", "error", row["error"], *[""] * 7]
    seconds = "—" if row["seconds"] is None else f"{row['seconds']:.2f}"
    return [row["tool"], f"{row['size']:,}", row["part"], seconds, f"{row['peak_mb']:.0f}",
            f"{row['data_mb']:.0f}", f"{row['links']:,}", f"{row['precision']:.4f}",
            f"{row['recall']:.4f}", f"{row['f1']:.4f}", str(row["homonyms"])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per tool and size")
    parser.add_argument("--copies", type=float, default=0.0,
                        help="share of linked people entered twice in each system (0.02: 2 %%)")
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rows = child(args.child[0], int(args.child[1]))
        report(rows)
        return 0
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    os.environ[COPIES_ENV] = str(args.copies)  # read by every child's load()
    print_row(HEADER)
    print_row(["---"] * len(HEADER))
    for size in args.sizes:
        for tool in tools:
            for row in spawn(__file__, tool, size, args.timeout):
                print_row(cells(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
