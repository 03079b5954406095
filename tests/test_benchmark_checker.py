"""The format checker: one test per rejection, each message naming the file and the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcorpus.benchmark.checker import check_file
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.predictions import PredictionsError
from claimcorpus.benchmark.tasks import get_task
from claimcorpus.cli import main

GOLD = Path(__file__).parent / "fixtures" / "benchmark" / "gold"
SENTENCES = ["fx-a-s000", "fx-a-s001", "fx-a-s002", "fx-a-s003", "fx-a-s004", "fx-a-s005",
             "fx-b-s000", "fx-b-s001", "fx-b-s002", "fx-b-s003", "fx-b-s004"]


def rows(label=True, **extra) -> list[dict]:
    return [{"id": i, "label": label, **extra} for i in SENTENCES]


def write(tmp_path: Path, records: list, name: str = "p.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def rejected(task: str, path: Path) -> str:
    with pytest.raises(PredictionsError) as err:
        check_file(task_data(load_gold(GOLD), get_task(task)), path)
    return str(err.value)


def test_valid_file_is_accepted(tmp_path):
    preds = check_file(task_data(load_gold(GOLD), get_task("claim_detection")), write(tmp_path, rows()))
    assert len(preds.values) == len(SENTENCES) and preds.scores is None


def test_missing_id(tmp_path):
    path = write(tmp_path, rows()[:-1])
    assert f"{path}: missing prediction for id 'fx-b-s004'" in rejected("claim_detection", path)


def test_extra_unknown_id(tmp_path):
    path = write(tmp_path, rows() + [{"id": "fx-z-s999", "label": True}])
    assert f"{path}:12: id: unknown id 'fx-z-s999'" in rejected("claim_detection", path)


def test_duplicate_id(tmp_path):
    path = write(tmp_path, rows() + [{"id": "fx-a-s001", "label": False}])
    assert f"{path}:12: id: duplicate id 'fx-a-s001' (first at {path}:2)" in rejected("claim_detection", path)


def test_id_of_the_other_config(tmp_path):
    path = write(tmp_path, rows() + [{"id": "fx-a-s000-c1", "label": True}])
    message = rejected("claim_detection", path)
    assert f"{path}:12: id: 'fx-a-s000-c1' is an id of the claims config; task claim_detection is scored on sentences" \
        in message


def test_sentence_id_in_a_claim_task(tmp_path):
    path = write(tmp_path, [{"id": "fx-a-s000", "label": "event"}])
    assert f"{path}:1: id: 'fx-a-s000' is an id of the sentences config" in rejected("claims_claim_type", path)


def test_unknown_label(tmp_path):
    path = write(tmp_path, rows("event")[:3] + [{"id": "fx-a-s003", "label": "opinion"}] + rows("event")[4:])
    assert f"{path}:4: label: unknown label 'opinion'" in rejected("claim_type", path)


def test_wrong_label_type_binary(tmp_path):
    path = write(tmp_path, rows("true"))
    message = rejected("claim_detection", path)
    assert f"{path}:1: label: expected a JSON boolean (true or false), found 'true'" in message


def test_wrong_label_type_multiclass(tmp_path):
    path = write(tmp_path, rows(3))
    assert f"{path}:1: label: expected a string, found int 3" in rejected("claim_type", path)


def test_wrong_score_type(tmp_path):
    path = write(tmp_path, rows(score="0.5"))
    assert f"{path}:1: score: expected a number, found str '0.5'" in rejected("check_worthiness", path)


def test_non_finite_score(tmp_path):
    path = write(tmp_path, ['{"id": "fx-a-s000", "label": true, "score": NaN}'])
    assert f"{path}:1: score: expected a finite number" in rejected("check_worthiness", path)


def test_score_on_some_rows_only(tmp_path):
    records = rows(score=0.5)
    del records[2]["score"]
    path = write(tmp_path, records)
    assert f"{path}: 'score' on 10 of 11 rows" in rejected("check_worthiness", path)


def test_score_on_a_multiclass_task(tmp_path):
    path = write(tmp_path, rows("event", score=0.2))
    assert f"{path}:1: score: scores are defined for binary tasks only" in rejected("claim_type", path)


def test_unknown_key(tmp_path):
    path = write(tmp_path, rows(confidence=0.3))
    assert f"{path}:1: unknown key 'confidence'" in rejected("claim_detection", path)


def test_missing_label_key(tmp_path):
    path = write(tmp_path, [{"id": i} for i in SENTENCES])
    assert rejected("claim_detection", path) == f"{path}: no row has a 'label' (expected one per row)"
    records = [{"id": i, "label": True} for i in SENTENCES]
    del records[3]["label"]
    path = write(tmp_path, records)
    assert rejected("claim_detection", path) == f"{path}:4: missing key 'label'"


def test_wrong_id_type(tmp_path):
    path = write(tmp_path, [{"id": 7, "label": True}])
    assert f"{path}:1: id: expected a string, found int 7" in rejected("claim_detection", path)


def test_invalid_json_line(tmp_path):
    path = write(tmp_path, [json.dumps(r) for r in rows()[:2]] + ['{"id": "fx-a-s002", "label": tru'])
    assert f"{path}:3: invalid JSON" in rejected("claim_detection", path)


def test_line_that_is_not_an_object(tmp_path):
    path = write(tmp_path, ['["fx-a-s000", true]'])
    assert f"{path}:1: expected a JSON object, found list" in rejected("claim_detection", path)


def test_empty_line_is_not_skipped(tmp_path):
    path = write(tmp_path, [json.dumps(r) for r in rows()[:5]] + [""] + [json.dumps(r) for r in rows()[5:]])
    assert f"{path}:6: empty line" in rejected("claim_detection", path)


def test_spans_not_pairs(tmp_path):
    path = write(tmp_path, [{"id": "fx-a-s000", "spans": [[0, 4, 7]]}])
    assert f"{path}:1: spans: expected [start, end] integer pairs, found [0, 4, 7]" in rejected("hedge_cue_spans", path)


def test_span_outside_the_sentence(tmp_path):
    path = write(tmp_path, [{"id": "fx-b-s003", "spans": [[10, 40]]}])
    assert f"{path}:1: spans: [10, 40] is not a non-empty span of the sentence (0..23)" in \
        rejected("hedge_cue_spans", path)


def test_empty_span(tmp_path):
    path = write(tmp_path, [{"id": "fx-a-s000", "spans": [[5, 5]]}])
    assert f"{path}:1: spans: [5, 5] is not a non-empty span" in rejected("hedge_cue_spans", path)


def test_duplicate_span(tmp_path):
    path = write(tmp_path, [{"id": "fx-a-s000", "spans": [[0, 4], [0, 4]]}])
    assert f"{path}:1: spans: duplicate span" in rejected("hedge_cue_spans", path)


def test_label_row_in_a_span_task(tmp_path):
    path = write(tmp_path, [{"id": "fx-a-s000", "label": True}])
    message = rejected("hedge_cue_spans", path)
    assert f"{path}:1: unknown key 'label'" in message and f"{path}:1: missing key 'spans'" in message


@pytest.mark.parametrize(("task", "content", "expected"), [
    ("claim_type", "id\tlabel\nfx-a-s000\tevent\n", [": TSV predictions are accepted for binary tasks only"]),
    ("claim_detection", "tweet_id\tclass_label\nfx-a-s000\t1\n",
     [":1: expected a header line, one of 'id<TAB>label', "]),
    ("check_worthiness", "id\tlabel\tscore\nfx-a-s000\t1\n",
     [":2: expected 3 tab-separated fields (id<TAB>label<TAB>score), found 2"]),
    ("check_worthiness", "id\tlabel\tscore\nfx-a-s000\tmaybe\thigh\n",
     [":2: label: expected 1/0, true/false or yes/no, found 'maybe'", ":2: score: expected a number, found 'high'"]),
], ids=["multiclass-task", "bad-header", "wrong-field-count", "bad-label-and-score"])
def test_tsv_rejections(tmp_path, task, content, expected):
    path = tmp_path / "p.tsv"
    path.write_text(content, encoding="utf-8")
    message = rejected(task, path)
    for text in expected:
        assert f"{path}{text}" in message


def test_unknown_file_format(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,label\n", encoding="utf-8")
    assert f"{path}: unknown predictions format" in rejected("claim_detection", path)


def test_every_problem_is_reported(tmp_path):
    path = write(tmp_path, [{"id": "fx-a-s000", "label": "x"}, {"id": "fx-a-s001", "label": 1}])
    with pytest.raises(PredictionsError) as err:
        check_file(task_data(load_gold(GOLD), get_task("claim_detection")), path)
    assert len(err.value.problems) == 2 + 9  # two bad lines, nine missing ids (not the two rejected ones)


def test_cli_check_predictions(tmp_path, capsys):
    good, bad = write(tmp_path, rows(), "good.jsonl"), write(tmp_path, rows()[:-1], "bad.jsonl")
    assert main(["check-predictions", "claim_detection", str(good), "--gold", str(GOLD)]) == 0
    assert "11 predictions for task claim_detection, format OK" in capsys.readouterr().out
    assert main(["check-predictions", "claim_detection", str(bad), "--gold", str(GOLD)]) == 2
    assert f"{bad}: missing prediction for id 'fx-b-s004'" in capsys.readouterr().err


def test_scoring_a_task_without_gold_labels_fails(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("sentences", "claims"):
        lines = (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        nulled = [json.dumps({**json.loads(line), "verification_status": None}) for line in lines]
        (gold / f"{name}.jsonl").write_text("\n".join(nulled) + "\n", encoding="utf-8")
    path = write(tmp_path, rows("supported"))
    assert main(["score", "verification_status", str(path), "--gold", str(gold)]) == 2
    assert "null in every row" in capsys.readouterr().err


def tsv(tmp_path: Path, header: str, rows: list[str]) -> Path:
    path = tmp_path / "p.tsv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def doc_of(sentence_id: str) -> str:
    return sentence_id.rsplit("-", 1)[0]


@pytest.mark.parametrize(("header", "row"), [
    ("topic_id\ttweet_id\tscore\trun_id", lambda i, k: f"{doc_of(i)}\t{i}\t{k / 10}\tModel_1"),
    ("topic\ttweet_id\tclass_label\trun_id", lambda i, k: f"{doc_of(i)}\t{i}\t{k % 2}\tModel_1"),
    ("tweet_id\tclass_label\trun_id", lambda i, k: f"{i}\t{'Yes' if k % 2 else 'No'}\tModel_1"),
    ("ID\tClass_Label\tRun_ID", lambda i, k: f"{i}\t{'yes' if k % 2 else 'no'}\tr-2"),
    ("id\tscore", lambda i, k: f"{i}\t{k}"),
], ids=["2021-task1a", "2022-task1", "2023-task1", "2024-task1", "scores-only"])
def test_checkthat_layouts_are_accepted(tmp_path, header, row):
    path = tsv(tmp_path, header, [row(i, k) for k, i in enumerate(SENTENCES)])
    preds = check_file(task_data(load_gold(GOLD), get_task("check_worthiness")), path)
    assert sorted(preds.values) == SENTENCES
    if "score" in header:
        assert preds.labelled is False and preds.scores["fx-a-s003"] == (0.3 if "topic" in header else 3.0)
    else:
        assert preds.labelled is True and preds.scores is None
        assert preds.values["fx-a-s001"] is True and preds.values["fx-a-s000"] is False


def test_checkthat_topic_must_be_the_document(tmp_path):
    rows = [f"{doc_of(i)}\t{i}\t0.5\tModel_1" for i in SENTENCES]
    rows[2] = "fx-b\tfx-a-s002\t0.5\tModel_1"
    path = tsv(tmp_path, "topic_id\ttweet_id\tscore\trun_id", rows)
    assert rejected("check_worthiness", path) == \
        f"{path}:4: topic: 'fx-b' is not the document of 'fx-a-s002' (expected 'fx-a')"


def test_a_bad_header_is_reported_once(tmp_path):
    path = tsv(tmp_path, "line_number\tscore", [f"{k}\t0.5" for k in range(1, 12)])
    with pytest.raises(PredictionsError) as err:
        check_file(task_data(load_gold(GOLD), get_task("check_worthiness")), path)
    assert len(err.value.problems) == 1 and "\n" not in str(err.value)
    assert str(err.value).startswith(f"{path}:1: expected a header line, one of 'id<TAB>label', ")
    assert str(err.value).endswith("; found 'line_number\\tscore'")


def test_ids_of_another_dataset_are_reported_once(tmp_path):
    path = tsv(tmp_path, "id\tclass_label\trun_id", [f"{1235648554338791427 + k}\tNo\tModel_1" for k in range(11)])
    assert rejected("check_worthiness", path) == (
        f"{path}: none of its 11 ids is an id of this corpus (expected the sentence_id values of "
        f"{GOLD / 'sentences.jsonl'}; CheckThat! files: the tweet_id or id column)")


def test_scores_without_labels_only_for_ranking_tasks(tmp_path):
    path = write(tmp_path, [{"id": i, "score": 0.5} for i in SENTENCES])
    assert check_file(task_data(load_gold(GOLD), get_task("check_worthiness")), path).labelled is False
    assert rejected("claim_detection", path) == (
        f"{path}: no row has a 'label' (task claim_detection needs one per row; scores without labels are "
        "scored as a ranking, for check_worthiness, claims_check_worthiness only)")
    records = [{"id": i, "score": 0.5} for i in SENTENCES]
    del records[4]["score"]
    path = write(tmp_path, records)
    assert f"{path}:5: missing key 'score'" in rejected("check_worthiness", path)


def test_unreadable_lines_do_not_cascade_into_missing_ids(tmp_path):
    path = write(tmp_path, [json.dumps(r) for r in rows()[:8]] + ["{bad", "{bad", "{bad"])
    with pytest.raises(PredictionsError) as err:
        check_file(task_data(load_gold(GOLD), get_task("claim_detection")), path)
    assert err.value.problems[3:] == [
        f"{path}: 3 id(s) have no prediction (3 line(s) above could not be matched to an id)"]


def test_more_than_25_problems_are_counted(tmp_path):
    # 6 known ids, 34 unknown ones (34 problems), the 5 fx-b ids missing (one problem: lines were rejected)
    path = write(tmp_path, [{"id": f"fx-a-s{k:03d}", "label": True} for k in range(40)])
    message = rejected("claim_detection", path)
    assert message.startswith("35 problem(s) in predictions:\n")
    assert message.count("\n") == 26 and message.endswith("\n  ... and 10 more")


def test_an_empty_file_is_one_problem(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text("", encoding="utf-8")
    assert rejected("claim_detection", path) == f"{path}: no predictions (expected one per sentence_id of " \
        f"{GOLD / 'sentences.jsonl'})"
