"""Generated blocks of the dataset card: statistics, agreement, benchmark tasks and baselines, as Markdown."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import document_folders
from ..corpus.jsonl import read_jsonl
from ..extend.agreement_file import read_report
from ..paths import ANNOTATIONS, ANNOTATORS, EVIDENCE_NAME, EVIDENCE_SEARCHES_NAME, GOLD, PROVENANCE_NAME
from ..schema.features import CONFIGS
from .benchmark_card import benchmark_blocks
from .figures import FIGURES, figure_path
from .summary import release_stats


def table(header: list[str], rows: list[list]) -> str:
    fmt = lambda v: "–" if v is None else str(v)  # noqa: E731
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def distribution_rows(group: dict[str, dict[str, int]]) -> list[list]:
    return [[f"`{field}`", sum(dist.values()), ", ".join(f"{k}: {v}" for k, v in dist.items())]
            for field, dist in group.items()]


def stats_block(tables: dict[str, pa.Table]) -> str:
    stats = release_stats(tables)
    counts = table(["item", "count"], [[k, stats[k]] for k in
                                       ("documents", "paragraphs", "sentences", "claims", "evidence",
                                        "artifacts", "sources", "hedge_cues")])
    parts = [counts]
    for title, key in (("Sentence-level labels (`sentences` config)", "sentence_labels"),
                       ("Atomic-claim labels (`claims` config)", "claim_labels"),
                       ("Evidence records (`evidence` config)", "evidence_labels"),
                       ("Nested items (`sources`, `hedge_cues`, `artifacts`)", "nested_labels"),
                       ("Declared extra layers (`annotations/layers/`)", "extra_layers")):
        if not stats[key]:
            continue
        parts.append(f"**{title}**\n\n" + table(["field", "items", "distribution"],
                                                 distribution_rows(stats[key])))
    if empty := [c for c in CONFIGS if tables[c].num_rows == 0]:
        names = ", ".join(f"`{c}`" for c in empty)
        parts.append(f"**Configs without rows**: {names} (e.g. `annotator_labels` of a corpus without annotator "
                     "passes). `datasets.load_dataset` cannot load a split of 0 rows, so they are left out of the "
                     "configs in the YAML header; their Parquet files are still in the release, listed in "
                     "`manifest.json` and `croissant.json`.")
    return "\n\n".join(parts)


def label_rows(fields: dict) -> list[list]:
    rows = []
    for field, res in fields.items():
        for pair, val in res["pairs"].items():
            rows.append([f"`{field}`", pair, res["n_items"], val["observed"], val["kappa"],
                         f"{res['alpha']} ({res['alpha_level']})"])
    return rows


def span_rows(spans: dict) -> list[list]:
    rows = []
    for layer, pairs in spans.items():
        for pair, res in pairs.items():
            lab = res["label_on_exact_matches"]
            kappa = next(iter(lab["pairs"].values()))["kappa"] if lab["pairs"] else None
            rows.append([f"`{layer}`", pair, res["n_a"], res["n_b"], res["exact"]["f1"], res["overlap_f1"],
                         lab["n_items"], kappa])
    return rows


LABEL_HEADER = ["field", "pair", "items", "observed", "Cohen's kappa", "Krippendorff's alpha"]
SPAN_HEADER = ["layer", "pair", "spans (first)", "spans (second)", "exact F1", "overlap F1", "matched",
               "label kappa"]


def document_agreement_md(doc_id: str, report: dict) -> list[str]:
    parts = [f"Document `{doc_id}`, annotators {', '.join(report['annotators'])}."]
    if report["sentence_labels"]:
        parts.append("**Sentence labels** (per sentence)\n\n"
                     + table(LABEL_HEADER, label_rows(report["sentence_labels"])))
    if report["spans"]:
        parts.append("**Spans** (exact and overlap F1; label agreement on exactly matched spans)\n\n"
                     + table(SPAN_HEADER, span_rows(report["spans"])))
    if report["claim_labels"]:
        parts.append("**Verification** (per gold atomic claim)\n\n"
                     + table(LABEL_HEADER, label_rows(report["claim_labels"])))
    return parts


def agreement_block(annotations_root: Path) -> str:
    """Tables from ``annotations/agreement.json`` (``claimcorpus agreement --update``)."""
    reports = read_report(annotations_root)
    parts = []
    for folder in document_folders(annotations_root):
        if folder.name in reports:
            parts += document_agreement_md(folder.name, reports[folder.name])
        else:
            parts.append(f"`{folder.name}`: fewer than two annotators; no agreement measured.")
    return "\n\n".join(parts)


def jsonl_count(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()) if path.is_file() else 0


ADJUDICATION_INTRO = (
    "Adjudication records in `gold/adjudication.jsonl`, each with its reason: a decision *between passes* "
    "(they disagreed, or the value they shared was overridden), a *case decision* (a ruling on this document "
    "under the guidelines, made when no pass disagreed), or a *re-audit* change (a gold value changed after "
    "the evidence re-audit, with the value before):")


def decision_kind(record: dict) -> str:
    """``between passes`` (two or more passes compared: they differed, or the value they shared was
    overridden), ``case decision`` (a ruling recorded for this document with no passes to compare) or
    ``re-audit`` (a gold value changed after an evidence re-audit)."""
    if record.get("note", "").startswith("evidence re-audit"):
        return "re-audit"
    return "between passes" if len(record["annotators"]) >= 2 else "case decision"


def adjudication_counts(path: Path) -> dict[tuple[str, str, str], int]:
    counts: dict[tuple[str, str, str], int] = {}
    for _, record in read_jsonl(path) if path.is_file() else []:
        kind = decision_kind(record)
        key = (record["layer"], kind, ", ".join(sorted(record["annotators"])) if kind == "between passes" else "–")
        counts[key] = counts.get(key, 0) + 1
    return counts


def process_block(annotations_root: Path) -> str:
    """Per document: passes, adjudication records per layer and kind, evidence and search records."""
    rows, decisions = [], []
    for folder in document_folders(annotations_root):
        names = sorted(p.name for p in (folder / ANNOTATORS).glob("*") if p.is_dir())
        rows.append([f"`{folder.name}`", ", ".join(names) or "–", jsonl_count(folder / EVIDENCE_NAME),
                     jsonl_count(folder / EVIDENCE_SEARCHES_NAME)])
        decisions += [[f"`{folder.name}`", f"`{layer}`", kind, who, n] for (layer, kind, who), n in
                      sorted(adjudication_counts(folder / GOLD / PROVENANCE_NAME).items())]
    return (table(["document", "passes", "evidence records", "logged searches without result"], rows)
            + "\n\n" + ADJUDICATION_INTRO + "\n\n"
            + table(["document", "layer", "kind", "between", "records"], decisions))


def figures_block(prefix: str) -> str:
    """Images of the release figures; ``prefix`` is where the release folder is from the card."""
    return "\n\n".join(f"![{caption}]({prefix}{figure_path(name)})" for name, caption in FIGURES.items())


def generated_blocks(root: Path, tables: dict[str, pa.Table], prefix: str = "dataset/") -> dict[str, str]:
    """Every generated block; ``prefix`` is the release folder's path from the card being rendered."""
    return {"stats": stats_block(tables), "agreement": agreement_block(root / ANNOTATIONS),
            "process": process_block(root / ANNOTATIONS), "figures": figures_block(prefix),
            **benchmark_blocks(root)}
