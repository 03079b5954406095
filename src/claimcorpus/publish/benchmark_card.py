"""Card blocks of the benchmark: the task table and the baseline results (from the committed JSON)."""

from __future__ import annotations

import re
from pathlib import Path

from ..benchmark.catalogue import BASELINES, RESULTS, card_metrics
from ..benchmark.tasks import BINARY, MULTICLASS, TASKS
from ..guard.safe_json import read_json_file
from ..paths import CARD

METRIC_NAMES = {"f1": "F1 (positive class)", "macro_f1": "macro-F1", "map": "MAP", "exact_f1": "exact span F1",
                "overlap_f1": "overlap span F1"}
RANKING_TEXT = "; MAP, R-precision, RR, P@1/3/5/10/20/30 when predictions carry scores"
DETECTABLE = "detectable difference"
BEST, BELOW, WITHHELD = "best", " ▼", " ◦"
BASELINE_TITLES = {"majority": "majority", "rules": "rules", "tfidf_lr": "TF-IDF + LR", "minilm_lr": "MiniLM + LR"}


SIGNIFICANCE_NOTE = (
    "Bold: the best value of the row. ▼: significantly below the best (paired bootstrap over the same "
    "1000 resamples of the scored rows, two-sided p < 0.05, p from the percentile interval of the "
    "difference; `claimcorpus compare`); unmarked values are not distinguishable from the best. "
    "◦: not compared (scores of that baseline nearly tied, so its ranking could differ between CPUs). "
    "Detectable difference: the median half-width of the paired 95% intervals of the difference over "
    "every pair of baselines that differ on some resample; a difference well below it is noise for "
    "systems that disagree as much as these do, and systems that disagree on fewer rows can separate "
    "at smaller differences. It is a scale for this corpus, not a power calculation. Ranking metrics "
    "(MAP) are computed over one ranked list per document and resample the sentences or claims of that "
    "list, not documents: they say nothing about variation between articles. "
    "Method: [docs/benchmark.md](docs/benchmark.md#comparing-two-systems).")


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def metrics_text(task) -> str:
    if task.kind == BINARY:
        text = "F1 of the positive class, accuracy"
        return text + RANKING_TEXT if task.ranking else text
    if task.kind == MULTICLASS:
        return "macro-F1, accuracy"
    return "exact, overlap and character-level span P/R/F1"


def tasks_block() -> str:
    """The task table: one row per task of :data:`.tasks.TASKS`."""
    rows = [[f"`{t.name}`", f"`{t.config}`", t.description, f"`{t.field}`", t.kind, metrics_text(t),
             t.anchor + (" — **evidence-dependent**" if t.evidence_dependent else "")] for t in TASKS.values()]
    notes = ("Every metric comes with a 95% bootstrap confidence interval (1000 resamples of the "
             "scored rows, seed 0) and a per-class table. Span offsets are relative to the sentence "
             "`text`. Evidence-dependent tasks cannot be solved from the text alone: the verdict rests "
             "on the `evidence` config. Predictions format, scorer and baselines: "
             "[docs/benchmark.md](docs/benchmark.md).")
    return md_table(["task", "config", "predicts", "gold field", "kind", "metrics", "anchor"], rows) + "\n\n" + notes


def cell(result: dict | None, metric: str, mark: str = "") -> str:
    if result is None or result["metrics"].get(metric) is None:
        return "–"
    lo, hi = result["ci95"].get(metric, [None, None])
    value = f"{result['metrics'][metric]:.3f}"
    value = f"**{value}**" if mark == BEST else value + mark
    return value if lo is None else f"{value} [{lo:.3f}, {hi:.3f}]"


def mark(comparison: dict | None, name: str) -> str:
    """:data:`BEST`, :data:`BELOW`, :data:`WITHHELD` or nothing, for one baseline in one row."""
    if comparison is None:
        return ""
    if name in comparison["best"]:
        return BEST
    if name in comparison["withheld"]:
        return WITHHELD
    entry = comparison["vs_best"].get(name)
    return BELOW if entry and entry["significant"] else ""


def detectable(comparison: dict | None) -> str:
    return "–" if comparison is None or comparison["detectable"] is None else f"±{comparison['detectable']:.3f}"


def result_rows(results: dict, names: list[str], comparisons: dict | None = None) -> list[list[str]]:
    """Rows of the baseline table; with ``comparisons``, marks and the detectable difference too."""
    rows = []
    for task in [t for t in TASKS if t in results]:
        entry = results[task]
        label = f"`{task}`" + (" †" if TASKS[task].evidence_dependent else "")
        extra = [] if comparisons is None else ["–"]
        if "unavailable" in entry:
            rows.append([label, "–", "–"] + ["–"] * len(names) + extra)
            continue
        if not entry:  # no applicable baseline among those run
            continue
        first = next(iter(entry.values()))
        for metric in card_metrics(TASKS[task]):
            if any(entry[b]["metrics"].get(metric) is not None for b in entry):
                comparison = None if comparisons is None else comparisons.get(task, {}).get(metric)
                cells = [cell(entry.get(b), metric, mark(comparison, b)) for b in names]
                extra = [] if comparisons is None else [detectable(comparison)]
                rows.append([label, METRIC_NAMES[metric], first["n"], *cells, *extra])
    return rows


def baselines_block(root: Path) -> str:
    """The baseline table rendered from ``benchmark/baselines.json`` (``claimcorpus baselines``)."""
    path = root / RESULTS
    if not path.is_file():
        return "No baseline results yet: run `claimcorpus baselines`."
    data = read_json_file(path)
    names = [n for n in BASELINES if n in data["baselines"]]
    comparisons = data.get("comparisons")
    table = md_table(["task", "metric", "n"] + [BASELINE_TITLES.get(n, n) for n in names]
                     + ([] if comparisons is None else [DETECTABLE]),
                     result_rows(data["results"], names, comparisons))
    missing = [t for t, e in data["results"].items() if "unavailable" in e]
    notes = [f"Protocol: {data['protocol']}. Values with 95% bootstrap CIs; full per-class results in "
             f"[`{RESULTS.as_posix()}`]({RESULTS.as_posix()}).",
             "Baselines: " + "; ".join(f"**{BASELINE_TITLES.get(n, n)}**: {data['baselines'][n]}"
                                       for n in names) + ".",
             "† Evidence-dependent: the verdict rests on the `evidence` records; these baselines see the text only.",
             "The lexicons were written from the annotation guidelines, whose examples come from this "
             "article: the rule baseline has seen the test data through them and is optimistic."]
    if comparisons is not None:
        notes.append(SIGNIFICANCE_NOTE)
    if missing:
        notes.append(f"No gold labels in the release yet for: {', '.join(f'`{t}`' for t in missing)}.")
    return table + "\n\n" + "\n\n".join(notes)


def benchmark_blocks(root: Path) -> dict[str, str]:
    return {"benchmark_tasks": tasks_block(), "baselines": baselines_block(root)}


def refresh_card(root: Path) -> bool:
    """Rewrite only the benchmark blocks of ``dataset_card.md``; True if it changed."""
    from .card import BLOCK  # the card module imports card_blocks, which imports this module

    blocks = benchmark_blocks(root)

    def fill(m: re.Match) -> str:
        name = m.group("name")
        return m.group(1) + blocks[name].rstrip("\n") + "\n" + m.group(3) if name in blocks else m.group(0)

    path = root / CARD
    old = path.read_text(encoding="utf-8")
    new = BLOCK.sub(fill, old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old
