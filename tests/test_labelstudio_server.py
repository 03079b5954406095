"""The Label Studio round trip against the real server (pinned label-studio, started on 127.0.0.1).

Exported config -> project (REST API), tasks with their predictions imported, one
annotation per task made from its prediction with one hedge cue relabelled, the
default JSON export downloaded and imported: every layer equals gold except that
label. The same export imported with ``--from-predictions`` is gold itself; a
snapshot with full users serves ``--completed-by <email>``, which the default export
(user ids only) refuses naming that setting. Skips only where the server is not
installed (``tests/labelstudio_server.py``); CI installs it and runs this test.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import pytest

from claimcorpus.cli import main

from . import labelstudio_server as ls
from .conftest import DOC, copy_project

LAYERS = ("sentence_labels", "sources", "hedge_cues", "artifacts", "claims")
CHANGED_TASK, NEW_CATEGORY = 1, "approximator"  # the second sentence's first hedge cue gets another category


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    exe, reason = ls.binary()
    if exe is None:
        pytest.skip(reason)
    assert Path(exe).is_file(), f"{reason}: no such file (the server is to be installed there)"
    early = ls.take_early()  # started when the tests were collected (conftest), else now
    srv, _, began = early or (ls.start(exe, tmp_path_factory.mktemp("label-studio")), None, time.monotonic())
    try:
        up = ls.wait_until_up(srv, began=began)
        print(f"label-studio ({reason}) up in {up:.0f} s")
        yield srv
    finally:
        ls.stop(srv)
        print(f"label-studio stopped after {time.monotonic() - began:.0f} s")


def cli(project: Path, *args) -> int:
    return main(["--root", str(project), *map(str, args)])


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def annotate_from_predictions(server: ls.Server, tasks: list[dict]) -> dict:
    """One annotation per task, its prediction's result (one hedge cue relabelled in one task)."""
    changed = None
    for pos, task in enumerate(sorted(tasks, key=lambda t: t["data"]["sentence_id"])):
        prediction = task["predictions"][0]
        result = copy.deepcopy(prediction["result"])
        if pos == CHANGED_TASK:
            cue = next(r for r in result if r["from_name"] == "hedge_cue")
            changed = {"sentence_id": task["data"]["sentence_id"], "text": cue["value"]["text"],
                       "was": cue["value"]["labels"][0]}
            cue["value"]["labels"] = [NEW_CATEGORY]
        server.request("POST", f"/api/tasks/{task['id']}/annotations",
                       {"result": result, "parent_prediction": prediction["id"]})
    assert changed and changed["was"] != NEW_CATEGORY
    return changed


def assert_gold_except(doc_folder: Path, annotator: str, changed: dict | None) -> None:
    folder = doc_folder / "annotators" / annotator
    for layer in LAYERS:
        got, gold = lines(folder / f"{layer}.jsonl"), lines(doc_folder / "gold" / f"{layer}.jsonl")
        if layer == "hedge_cues" and changed:
            rec = next(r for r in gold if r["sentence_id"] == changed["sentence_id"])
            cue = next(c for c in rec["hedge_cues"] if c["text"] == changed["text"])
            assert cue["category"] == changed["was"]
            cue["category"] = NEW_CATEGORY
        assert got == gold, layer


def test_round_trip_through_the_real_server(server, tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    doc_folder = project / "annotations" / "documents" / DOC
    tasks_file = tmp_path / "tasks.json"
    assert cli(project, "export-labelstudio", doc_folder, "--annotator", "gold", "--out", tasks_file) == 0
    config = tasks_file.with_name("tasks.label_config.xml").read_text(encoding="utf-8")
    exported = json.loads(tasks_file.read_text(encoding="utf-8"))

    made = server.request("POST", "/api/projects", {"title": "claimcorpus round trip", "label_config": config})
    assert made["label_config"].strip() == config.strip()  # accepted as written
    pid = made["id"]
    imported = server.request("POST", f"/api/projects/{pid}/import", exported)
    assert imported["task_count"] == len(exported) == 42 and imported["prediction_count"] == 42
    listed = server.request("GET", f"/api/tasks?project={pid}&page_size=1000&fields=all")
    tasks = listed["tasks"] if isinstance(listed, dict) else listed
    by_sid = {t["data"]["sentence_id"]: t for t in exported}
    for task in tasks:  # stored unchanged
        assert task["data"] == by_sid[task["data"]["sentence_id"]]["data"]
        assert [p["result"] for p in task["predictions"]] == \
            [p["result"] for p in by_sid[task["data"]["sentence_id"]]["predictions"]]
    changed = annotate_from_predictions(server, tasks)

    default = server.request("GET", f"/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true")
    assert all(isinstance(p, int) for t in default for p in t["predictions"])  # the default: prediction ids only
    default_file = tmp_path / "export-default.json"
    default_file.write_text(json.dumps(default), encoding="utf-8")
    assert cli(project, "import-labelstudio", default_file, doc_folder, "--annotator", "ls-pass") == 0
    assert_gold_except(doc_folder, "ls-pass", changed)
    assert cli(project, "import-labelstudio", default_file, doc_folder, "--annotator", "ls-pred",
               "--from-predictions") == 0
    assert_gold_except(doc_folder, "ls-pred", None)

    capsys.readouterr()
    assert cli(project, "import-labelstudio", default_file, doc_folder, "--annotator", "ls-email",
               "--completed-by", ls.USER) == 2
    assert '"annotations__completed_by": {"only_id": false}' in capsys.readouterr().err
    full = ls.snapshot(server, pid, {"predictions": {"only_id": False},
                                     "annotations__completed_by": {"only_id": False}})
    assert full[0]["annotations"][0]["completed_by"]["email"] == ls.USER
    full_file = tmp_path / "export-snapshot.json"
    full_file.write_text(json.dumps(full), encoding="utf-8")
    assert cli(project, "import-labelstudio", full_file, doc_folder, "--annotator", "ls-email",
               "--completed-by", ls.USER) == 0
    assert_gold_except(doc_folder, "ls-email", changed)
    assert cli(project, "import-labelstudio", full_file, doc_folder, "--annotator", "ls-snap-pred",
               "--from-predictions") == 0
    assert_gold_except(doc_folder, "ls-snap-pred", None)
