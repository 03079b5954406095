"""The token view: documented tokenizer, BIO tags, round trip to character spans and its report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcorpus.benchmark.gold import load_gold
from claimcorpus.benchmark.tokens import bio_tags, spans_from_tags, token_rows, tokenize
from claimcorpus.cli import main

GOLD = Path(__file__).parent / "fixtures" / "benchmark" / "gold"


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_tokenizer_as_documented():
    assert words("The so-called strike, Iran’s 2nd.") == ["The", "so-called", "strike", ",", "Iran", "’s", "2nd", "."]


@pytest.mark.parametrize("spans", [[], [(0, 3)], [(0, 3), (4, 13)], [(4, 13), (14, 20)], [(20, 21)]])
def test_aligned_spans_round_trip(spans):
    tokens = tokenize("The so-called strike, hit.")
    tags, skipped = bio_tags(tokens, spans, "X")
    assert skipped == {} and spans_from_tags(tokens, tags) == sorted(spans)


def test_span_over_whitespace_only_is_reported():
    assert bio_tags(tokenize("a  b"), [(1, 2)], "X") == (["O", "O"], {(1, 2): "covers no token"})


def test_adjacent_spans_stay_apart():
    tokens = tokenize("a b c")
    tags, _ = bio_tags(tokens, [(0, 1), (2, 3)], "X")
    assert tags == ["B-X", "B-X", "O"]


def test_fixture_rows_and_report():
    rows, report = token_rows(load_gold(GOLD))
    by_id = {r["sentence_id"]: r for r in rows}
    row = by_id["fx-a-s000"]
    assert row["tokens"][:3] == ["Officials", "said", "the"]
    assert row["source_mention_tags"][:3] == ["B-SRC", "O", "O"]
    assert row["attribution_cue_tags"][:3] == ["O", "B-CUE", "O"]
    assert row["hedge_cue_tags"][row["tokens"].index("likely")] == "B-HEDGE"
    assert by_id["fx-b-s004"]["hedge_cue_tags"] is None  # not annotated: no tags, not all-O
    assert report.spans == {"source_mention": 7, "attribution_cue": 6, "hedge_cue": 4}
    found = {(p["sentence_id"], p["text"], p["reason"]) for p in report.problems}
    assert found == {("fx-b-s000", "Anna Berg", "overlaps another span of the layer"),
                     ("fx-b-s001", "Ruritania", "boundary inside a token")}
    assert next(p for p in report.problems if p["text"] == "Ruritania")["round_trip"] == [[2, 17]]


def test_export_tokens_cli(tmp_path, capsys):
    out = tmp_path / "tokens.jsonl"
    assert main(["export-tokens", "--gold", str(GOLD), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 11 and all(len(r["tokens"]) == len(r["offsets"]) for r in rows)
    printed = capsys.readouterr().out
    assert "hedge_cue: 4 spans, 4 round-trip exactly" in printed
    assert "source_mention: 7 spans, 5 round-trip exactly" in printed and "boundary inside a token" in printed
