"""Majority votes per field, adjudicator decisions for the rest, and their provenance.

A value wins when more than half of the annotators gave it. An explicit
decision (``{layer, item, field, gold, reason}``, one JSON line each) settles
an item without a majority, or overrides one; every non-unanimous or decided
value becomes a line of ``gold/adjudication.jsonl``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator

from ..corpus.jsonl import read_jsonl
from ..errors import CorpusError
from ..schema.json_schema import record_schema
from ..schema.jsonschemas import check_with
from ..schema.records import DECISION

UNDECIDED = object()
DECISION_SCHEMA = record_schema(DECISION)


class UndecidedError(CorpusError):
    """Items without a majority or decision; ``template`` holds a decision line to fill in for each."""

    def __init__(self, file, needed: list[dict]):
        names = [f"{n['layer']} {n['item']} {n['field']}" for n in needed]
        super().__init__(file, f"{len(needed)} items", "(decisions)",
                         "a decision {layer, item, field, gold, reason} for each (nothing was written)", names)
        self.template = [{**{k: n[k] for k in ("layer", "item", "field", "annotators")}, "gold": None,
                          "reason": "", "note": n["why"]} for n in needed]


def majority(values: dict[str, object]) -> tuple[object, int] | None:
    """The value more than half of the annotators gave, with its count; ``None`` if none."""
    if not values:
        return None
    counts = Counter(json.dumps(v, sort_keys=True) for v in values.values())
    top, k = counts.most_common(1)[0]
    return (json.loads(top), k) if 2 * k > len(values) else None


def load_decisions(path: Path) -> dict[tuple[str, str, str], tuple[int, dict]]:
    """Decisions by ``(layer, item, field)``, with their line numbers; none if no file."""
    if not path.is_file():
        return {}
    checker, out = Draft202012Validator(DECISION_SCHEMA), {}
    for line, rec in read_jsonl(path):
        check_with(checker, rec, path, f"line {line}")
        key = (rec["layer"], rec["item"], rec["field"])
        if key in out:
            raise CorpusError(path, f"line {line}", "item", f"one decision per item and field (also line "
                              f"{out[key][0]})", list(key))
        out[key] = (line, rec)
    return out


@dataclass
class Resolver:
    """Resolves fields by decision or majority; collects provenance and undecided items."""

    decisions: dict
    decisions_path: Path
    log: list[dict] = field(default_factory=list)
    needed: list[dict] = field(default_factory=list)
    used: set = field(default_factory=set)

    def record(self, layer: str, item: str, name: str, values: dict, gold, reason: str) -> None:
        self.log.append({"layer": layer, "item": item, "field": name, "annotators": values, "gold": gold,
                         "reason": reason})

    def resolve(self, layer: str, item: str, name: str, values: dict,
                valid: Callable[[object], bool] | None = None, why: str = "no majority"):
        """The decided value, else the majority value (if ``valid``), else ``UNDECIDED``."""
        key = (layer, item, name)
        if key in self.decisions:
            self.used.add(key)
            gold = self.decisions[key][1]["gold"]
            self.record(layer, item, name, values, gold, self.decisions[key][1]["reason"])
            return gold
        win = majority(values)
        if win is None or (valid is not None and not valid(win[0])):
            self.needed.append({"layer": layer, "item": item, "field": name, "annotators": values,
                                "why": why if win is not None else "no majority"})
            return UNDECIDED
        if win[1] < len(values):
            self.record(layer, item, name, values, win[0], f"majority {win[1]}/{len(values)}")
        return win[0]

    def finish(self) -> None:
        """Fail on decisions nothing used, then on items still needing a decision."""
        for key in sorted(set(self.decisions) - self.used):
            raise CorpusError(self.decisions_path, f"line {self.decisions[key][0]}", "item",
                              "a layer/item/field that adjudicate votes on (check the spelling, or the item "
                              "was dropped by its presence vote)", list(key))
        if self.needed:
            raise UndecidedError(self.decisions_path, self.needed)
