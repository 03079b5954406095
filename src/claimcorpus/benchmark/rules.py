"""Rule-based baseline: lexicon matches (:mod:`.lexicons`) turned into a prediction per task."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..schema.labels import UNCERTAIN_STRICT, UNCERTAIN_WITH_ATTRIBUTED
from . import lexicons as lx
from .tasks import SPAN, Task

LEVEL_ORDER = ("certain", "attributed", "probable", "possible")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*")
BOUNDARY = re.compile(r"[,.;:\"“”()]")


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """Whole-word, case-insensitive alternation, longest phrase first."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


def find(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    return [m.span() for m in phrase_pattern(phrases).finditer(text)]


def has(text: str, phrases: tuple[str, ...]) -> bool:
    return phrase_pattern(phrases).search(text) is not None


def words_left(text: str, end: int, limit: int = 7) -> tuple[int, int] | None:
    """Span of up to ``limit`` words before ``end``, stopping at punctuation."""
    cut = max((m.end() for m in BOUNDARY.finditer(text, 0, end)), default=0)
    words = list(re.finditer(r"\S+", text[cut:end]))[-limit:]
    aux = {"has", "have", "had", "was", "were", "is", "are", "also", "later", "previously"}
    while words and words[-1].group().lower() in aux:
        words.pop()
    return (cut + words[0].start(), cut + words[-1].end()) if words else None


def words_right(text: str, start: int, limit: int = 8) -> tuple[int, int] | None:
    """Span of up to ``limit`` words after ``start``, up to punctuation or a relative pronoun."""
    stop = re.compile(r"[,.;:\"“”()]|\s(?:who|that|which|on condition)\b")
    match = stop.search(text, start)
    words = list(re.finditer(r"\S+", text[start:match.start() if match else len(text)]))[:limit]
    return (start + words[0].start(), start + words[-1].end()) if words else None


def mention_for(text: str, cue: tuple[int, int]) -> tuple[int, int] | None:
    """Guess the source mention of an attribution cue (left of a verb, right of 'according to')."""
    if text[cue[0]:cue[1]].lower() == "according to":
        return words_right(text, cue[1])
    return words_left(text, cue[0]) or words_right(text, cue[1])


def has_number(text: str) -> bool:
    """A digit group that is neither a year nor a day after a month name, or a number word."""
    for m in NUMBER.finditer(text):
        before = text[:m.start()].split()[-1:] or [""]
        if not re.fullmatch(r"(19|20)\d\d", m.group()) and before[0].lower() not in MONTHS:
            return True
    return has(text, lx.QUANTITY_WORDS)


def has_name(words: list[str]) -> bool:
    return any(w[:1].isupper() and w.lower().strip("’'s") not in lx.NOT_NAMES for w in words)


def source_type(mention: str | None) -> str:
    """Source type of a mention (``None``: no attribution, the author)."""
    if mention is None:
        return "author"
    words = mention.split()
    low = {w.lower().strip(".,’'") for w in words}
    if low & set(lx.MEDIA_WORDS):
        return "document_or_media"
    if low & set(lx.PEOPLE_PLURAL):
        return "named_group" if has_name(words) else "unnamed_group"
    if low & set(lx.PEOPLE_SINGULAR):
        return "named_individual" if has_name(words) else "unnamed_individual"
    if low & set(lx.GROUP_WORDS) or low == {"they"}:
        return "named_group"
    return "named_individual" if len(words) <= 3 else "named_group"


@dataclass
class Analysis:
    """What the lexicons find in one text."""

    text: str
    hedges: list[tuple[int, int, str]]
    cues: list[tuple[int, int]]
    mentions: list[tuple[int, int]]

    @property
    def source_type(self) -> str:
        first = self.mentions[0] if self.mentions else None
        return source_type(self.text[first[0]:first[1]] if first else None) if self.cues else "author"

    @property
    def hedge_level(self) -> str:
        levels = ["attributed" if self.cues else "certain"]
        for start, end, category in self.hedges:
            cue = self.text[start:end].lower()
            levels.append(lx.CUE_LEVEL.get(cue, lx.CATEGORY_LEVEL.get(category, "certain")))
        return max(levels, key=LEVEL_ORDER.index)

    @property
    def is_claim(self) -> bool:
        low = self.text.strip().lower()
        return not (low.endswith("?") or low.startswith(lx.BYLINE_STARTS) or len(low.split()) < 4
                    or has(low, lx.UNKNOWN_MARKERS))

    def claim_type(self, allow_not_claim: bool = True) -> str:
        """First matching type in the precedence causal > quantity > prediction > position > other."""
        if allow_not_claim and not self.is_claim:
            return "not_claim"
        if has(self.text, lx.CAUSAL):
            return "causal"
        if has_number(self.text):
            return "quantity"
        for label, markers in (("prediction", lx.PREDICTION), ("position", lx.POSITION), ("other", lx.MENTAL)):
            if has(self.text, markers):
                return label
        return "event"

    def worthiness(self) -> tuple[bool, float]:
        """Check-worthy guess and a score counting check-worthiness signals (for ranking)."""
        signals = [has_number(self.text), bool(self.cues), has(self.text, lx.CAUSAL),
                   has_name(self.text.split()[1:]), not has(self.text, lx.MENTAL)]
        worthy = self.is_claim and signals[-1]
        return worthy, float(sum(signals) + 2 * self.is_claim)


def analyse(text: str) -> Analysis:
    hedges = [(s, e, cat) for cat, cues in lx.HEDGE_CUES.items() for s, e in find(text, cues)]
    cues = find(text, lx.ATTRIBUTION_CUES)
    mentions = [m for m in (mention_for(text, c) for c in cues) if m]
    return Analysis(text, sorted(hedges), cues, sorted(set(mentions)))


def rule_prediction(task: Task, text: str) -> dict:
    """The rule baseline's prediction row body (``label``/``score`` or ``spans``) for one text."""
    a = analyse(text)
    if task.kind == SPAN:
        spans = {"hedge_cue_spans": [(s, e) for s, e, _ in a.hedges], "attribution_cue_spans": a.cues,
                 "source_mention_spans": a.mentions}[task.name]
        return {"spans": [list(s) for s in sorted(set(spans))]}
    worthy, score = a.worthiness()
    level = a.hedge_level
    ctype = a.claim_type(allow_not_claim=task.config == "sentences")
    status = ("not_checkable" if ctype in ("not_claim", "prediction", "other")
              else "unverified" if a.source_type in ("unnamed_individual", "unnamed_group") else "supported")
    label = {"is_claim": a.is_claim, "check_worthy": worthy, "claim_type": ctype, "hedge_level": level,
             "uncertain": level in UNCERTAIN_STRICT, "uncertain_incl_attributed": level in UNCERTAIN_WITH_ATTRIBUTED,
             "primary_source_type": a.source_type, "verification_status": status}
    if task.name == "attribution_detection":
        return {"label": a.source_type != "author"}
    return {"label": label[task.field], **({"score": score} if task.ranking else {})}
