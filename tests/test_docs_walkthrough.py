"""docs/extending.md section 6, run as written: one new document from add-document to a built release.

Every fenced block marked ``bash walkthrough`` runs, in order, with bash (``-euo
pipefail``) from the root of a temporary copy of the project, with the ``claimcorpus``
and ``python`` of this environment first on PATH. The committed release is not touched.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from claimcorpus.schema.labels import CLAIM_TYPES, HEDGE_LEVELS

from .conftest import ROOT, copy_project, tree_digest

DOCS = ROOT / "docs" / "extending.md"
BLOCK = re.compile(r"^```bash walkthrough\n(.*?)^```$", re.S | re.M)
DOC_ID = "bridge-closure-2024"


def walkthrough_blocks() -> list[str]:
    return BLOCK.findall(DOCS.read_text(encoding="utf-8"))


def test_the_walkthrough_has_every_step():
    text = "\n".join(walkthrough_blocks())
    for command in ("add-document", "accept-sentences", "export-labelstudio", "import-labelstudio", "agreement",
                    "adjudicate", "claimcorpus build", "claimcorpus validate"):
        assert command in text, command


def test_the_documented_commands_take_a_new_document_into_the_release(tmp_path):
    committed = tree_digest(ROOT / "dataset")
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    outputs = []
    for n, block in enumerate(walkthrough_blocks(), start=1):
        run = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=project, env=env, capture_output=True,
                             text=True, timeout=600)
        assert run.returncode == 0, f"block {n} failed ({run.returncode}):\n{block}\n{run.stdout}\n{run.stderr}"
        outputs.append(run.stdout)

    tasks = json.loads((project / "ls" / "tasks.json").read_text(encoding="utf-8"))
    assert all(t["predictions"][0]["model_version"].startswith("claimcorpus ") for t in tasks)
    rows = [r for r in pq.read_table(project / "dataset" / "sentences").to_pylist() if r["doc_id"] == DOC_ID]
    sentences = [json.loads(line) for line in
                 (project / "annotations" / "documents" / DOC_ID / "sentences.jsonl").read_text().splitlines()]
    assert [r["text"] for r in rows] == [s["text"] for s in sentences] and len(rows) == 4
    assert str(sorted(r["sentence_id"] for r in rows)) in outputs[-1]
    second = next(r for r in rows if r["sentence_id"] == f"{DOC_ID}-s001")
    assert (second["claim_type"], second["hedge_level"]) == (CLAIM_TYPES.index("prediction"),
                                                             HEDGE_LEVELS.index("possible"))  # the decisions
    passes = [r for r in pq.read_table(project / "dataset" / "annotator_labels").to_pylist()
              if r["sentence_id"].startswith(DOC_ID)]
    assert len(passes) == 8
    assert tree_digest(ROOT / "dataset") == committed
