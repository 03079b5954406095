"""The benchmark tasks, defined once: config, label field, kind, metrics and anchor scheme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..schema.labels import CLAIM_TYPES, HEDGE_LEVELS, SOURCE_TYPES, VERIFICATION_STATUSES
from .ranking import RANKING_METRICS

BINARY, MULTICLASS, SPAN = "binary", "multiclass", "span"
BOOL_LABELS = (False, True)


@dataclass(frozen=True)
class Task:
    """One benchmark task: what is predicted for each row of ``config`` and how it is scored."""

    name: str
    config: str
    kind: str
    field: str
    description: str
    anchor: str
    labels: tuple = BOOL_LABELS
    ranking: bool = False
    evidence_dependent: bool = False
    derive: Callable[[dict], object] | None = None

    @property
    def id_column(self) -> str:
        return "sentence_id" if self.config == "sentences" else "claim_id"

    @property
    def headline(self) -> tuple[str, ...]:
        """Metrics reported with a bootstrap confidence interval (the first is the main one)."""
        if self.kind == BINARY:
            return ("f1", "accuracy") + (RANKING_METRICS if self.ranking else ())
        if self.kind == MULTICLASS:
            return ("macro_f1", "accuracy")
        return ("exact_f1", "overlap_f1", "char_f1")

    def gold(self, row: dict) -> object:
        """Gold value of a row (``None`` = not labelled); spans are sentence-relative."""
        return self.derive(row) if self.derive else row[self.field]


def attributed(row: dict) -> bool | None:
    """Attribution detection: the main claim's source is not the author."""
    source = row["primary_source_type"]
    return None if source is None else source != "author"


def span_getter(layer: str) -> Callable[[dict], list[tuple[int, int]] | None]:
    """Sentence-relative ``(start, end)`` spans of one span layer, deduplicated and sorted."""

    def get(row: dict) -> list[tuple[int, int]] | None:
        items = row["hedge_cues"] if layer == "hedge_cue" else row["sources"]
        if items is None:
            return None
        key = {"hedge_cue": ("start", "end"), "source_mention": ("mention_start", "mention_end"),
               "attribution_cue": ("cue_start", "cue_end")}[layer]
        spans = {(it[key[0]] - row["start"], it[key[1]] - row["start"]) for it in items
                 if it[key[0]] is not None}
        return sorted(spans)

    return get


SENTENCE_TASKS = (
    Task("claim_detection", "sentences", BINARY, "is_claim",
         "Does the sentence make at least one verifiable factual assertion?", "CheckThat! 2020 claim"),
    Task("check_worthiness", "sentences", BINARY, "check_worthy",
         "Would a professional fact-checker want to verify it?",
         "CheckThat! 2022-24 class_label (F1); CheckThat! 2018-21 (MAP, R-precision, RR, P@k)", ranking=True),
    Task("claim_type", "sentences", MULTICLASS, "claim_type", "Type of the main claim.",
         "Full Fact; AVeriTeC claim types", CLAIM_TYPES),
    Task("hedge_uncertain", "sentences", BINARY, "uncertain",
         "Is the author's commitment uncertain (hedge_level probable or possible)?",
         "CoNLL-2010 Task 1 (uncertain class)"),
    Task("hedge_uncertain_incl_attributed", "sentences", BINARY, "uncertain_incl_attributed",
         "Uncertain, counting neutral attribution as uncertain too (attributed, probable, possible).",
         "CoNLL-2010 Task 1, FactBank Uu counted uncertain"),
    Task("hedge_level", "sentences", MULTICLASS, "hedge_level",
         "Author's commitment to the main claim (4 levels).", "FactBank CT / Uu / PR / PS", HEDGE_LEVELS),
    Task("source_type", "sentences", MULTICLASS, "primary_source_type", "Type of the main claim's source.",
         "Spangher et al. 2023 source types; PARC 3.0", SOURCE_TYPES),
    Task("attribution_detection", "sentences", BINARY, "primary_source_type != author",
         "Is the main claim attributed to a source other than the author?", "PARC 3.0 attribution",
         derive=attributed),
    Task("verification_status", "sentences", MULTICLASS, "verification_status",
         "Verification status of the main claim (needs the evidence records, not the text alone).",
         "AVeriTeC verdicts; FEVER", VERIFICATION_STATUSES, evidence_dependent=True),
    Task("source_mention_spans", "sentences", SPAN, "sources.mention",
         "Character spans of source mentions in the sentence.", "PARC 3.0 source spans; PolNeAR", (),
         derive=span_getter("source_mention")),
    Task("attribution_cue_spans", "sentences", SPAN, "sources.cue",
         "Character spans of attribution cues (said, according to, ...).", "PARC 3.0 cue spans", (),
         derive=span_getter("attribution_cue")),
    Task("hedge_cue_spans", "sentences", SPAN, "hedge_cues",
         "Character spans of hedge cues.", "CoNLL-2010 Task 2 cue detection; Szeged Uncertainty Corpus", (),
         derive=span_getter("hedge_cue")),
)

CLAIM_TASKS = (
    Task("claims_claim_type", "claims", MULTICLASS, "claim_type",
         "Type of an atomic claim, from its decontextualised text.", "Full Fact; AVeriTeC", CLAIM_TYPES),
    Task("claims_check_worthiness", "claims", BINARY, "check_worthy",
         "Is the atomic claim check-worthy?", "CheckThat! 2022-24 (F1); 2018-21 (MAP, R-precision, RR, P@k)",
         ranking=True),
    Task("claims_verification_status", "claims", MULTICLASS, "verification_status",
         "Verification status of the atomic claim (evidence-dependent).", "AVeriTeC verdicts",
         VERIFICATION_STATUSES, evidence_dependent=True),
)

TASKS: dict[str, Task] = {task.name: task for task in SENTENCE_TASKS + CLAIM_TASKS}


def get_task(name: str) -> Task:
    from ..errors import CorpusError

    if name not in TASKS:
        raise CorpusError("(task)", name, "task", f"one of {', '.join(TASKS)}", name)
    return TASKS[name]
