"""A build worker loads neither ``datasets`` nor pandera: the batch carries the Arrow schemas.

Each spawned worker imports the job's module and the command line's (the console script's main
module); the main process keeps the libraries that validate and describe the release. (pandas is
loaded in a worker all the same: pyarrow imports it on its first conversion of Python values.)
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

from claimcorpus.build.handoff import BatchFiles, read_back
from claimcorpus.build.plan import plan_batches
from claimcorpus.build.steps import join_batch
from claimcorpus.schema.features import table_schemas

from .conftest import ROOT

HEAVY = ("datasets", "pandera", "polars", "duckdb")


def run_fresh(code: str) -> dict:
    """``code`` in a new interpreter; it prints one JSON object, with ``loaded``: the heavy modules it imported."""
    code += f"; import json, sys; print(json.dumps({{**out, 'loaded': [m for m in {HEAVY!r} if m in sys.modules]}}))"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def test_a_worker_joins_a_batch_without_the_heavy_libraries(tmp_path):
    (batch,) = plan_batches(ROOT / "annotations", table_schemas(), 10**9)
    path = tmp_path / "batch.pickle"
    path.write_bytes(pickle.dumps(batch))
    (tmp_path / "handoff").mkdir()
    # what a pool worker runs: its initializer, then the job that hands the batch over as files
    out = run_fresh("import pickle; from claimcorpus.build.memory_pool import use_system_pool; use_system_pool(); "
                    "from claimcorpus.build.handoff import join_to_files; "
                    f"sent = join_to_files(pickle.loads(open({str(path)!r}, 'rb').read()), "
                    f"{str(tmp_path / 'handoff')!r}); out = {{'files': sent.files}}")
    assert out.pop("loaded") == []
    tables = read_back(BatchFiles(out.pop("files"))).tables
    out = {c: [t.num_rows, t.schema.metadata[b"huggingface"].decode()] for c, t in tables.items()}
    here = join_batch(batch).tables
    assert out == {c: [t.num_rows, t.schema.metadata[b"huggingface"].decode()] for c, t in here.items()}
    assert out["sentences"][0] > 0


def test_the_command_line_starts_without_them():
    assert run_fresh("import claimcorpus.cli; out = {}")["loaded"] == []


def test_a_worker_chooses_its_arrow_pool_before_pyarrow_is_imported():
    """A spawned worker imports its main module (the command line's) and its initializer's module first; neither
    may import pyarrow, which reads ARROW_DEFAULT_MEMORY_POOL once, when it is imported."""
    out = run_fresh("import sys, claimcorpus.cli, claimcorpus.build.memory_pool as m; "
                    "before = 'pyarrow' in sys.modules; m.use_system_pool(); import pyarrow as pa; "
                    "out = {'before': before, 'pool': pa.default_memory_pool().backend_name}")
    assert out == {"before": False, "pool": "system", "loaded": []}
