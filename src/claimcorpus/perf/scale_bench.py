"""Scale benchmark, one corpus size: every build step timed on a synthetic corpus.

Run as ``python -m claimcorpus.perf.scale_bench <sentences> <workdir> <workers> <template doc folder> <batch rows>
[<scheduler> <rounds>]`` (batch rows 0: the build's default)
(one process per size); prints one JSON object. The build runs in a process of its own
(:mod:`claimcorpus.perf.build_run`), so its peak memory is the build's. In the same run as the
build, the input floors (:mod:`claimcorpus.perf.input_floor`) read the same annotation files into Arrow and
write Parquet; with a scheduler, the same corpus is built with the process pool and on the cluster in
turn (``rounds`` builds each, default 2, the first cluster build being the table's): the pool's builds
are the cluster runner's floor.
:mod:`claimcorpus.perf.scale_report` runs it for several sizes and prints the table.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from ..build.plan import plan_batches
from ..build.step_clock import StepClock
from ..corpus.annotations import load_annotated
from ..paths import ANNOTATIONS, DATASET, README
from ..publish.card import front_matter
from ..release.release import PARQUET_OPTIONS, read_tables
from ..release.shard_writer import ShardWriter
from ..schema.features import table_schemas
from ..schema.jsonschemas import check_records
from .build_run import failure_line, run_build
from .input_floor import FLOORS
from .synthetic import sentences_per_document, write_corpus

#: Sentences whose records are re-checked alone to time the JSON Schema validator.
SCHEMA_SAMPLE = 20_000


def build_steps(root: Path, out: Path, clock: StepClock, workers: int, scheduler: str | None = None,
                batch_rows: int = 0) -> dict:
    """The build (:func:`claimcorpus.perf.build_run.main`) in a process of its own, its steps added to ``clock``."""
    built = run_build(root, out, workers, scheduler, batch_rows)
    clock.add(built.pop("seconds"))
    return built


def runner_comparison(root: Path, out: Path, workers: int, scheduler: str, batch_rows: int, rounds: int,
                      first: float) -> dict:
    """Build seconds on the cluster ``scheduler`` and with the process pool on the same corpus into ``out``
    (emptied each time), ``rounds`` builds each in the order cluster, pool, pool, cluster, cluster, pool, ...
    (so neither runner always goes first), the first cluster build being the one of ``first`` seconds; and
    the runners the pool's builds used (one worker or one batch: ``in process``)."""
    builds: dict = {"cluster": [first], "pool": [], "pool_runners": []}
    for turn in range(1, 2 * rounds):
        runner = "pool" if (turn + 1) // 2 % 2 else "cluster"
        shutil.rmtree(out, ignore_errors=True)
        built = run_build(root, out, workers, None if runner == "pool" else scheduler, batch_rows)
        builds[runner].append(built["seconds"]["build"])
        if runner == "pool":
            builds["pool_runners"].append(built["runner"])
    shutil.rmtree(out, ignore_errors=True)
    return builds


def schema_sample(root: Path, clock: StepClock, sentences: int = SCHEMA_SAMPLE) -> dict:
    """The per-line JSON Schema check alone over every record of the first documents (about ``sentences``)."""
    docs = [load_annotated(folder) for folder in plan_batches(root, table_schemas(), sentences)[0].folders]
    records = 0
    with clock("JSON Schema only"):
        for doc in docs:
            for name, recs in [("sentences", doc.sentences), ("evidence", doc.evidence), *doc.layers.items()]:
                if recs is not None:
                    check_records(name, recs.rows, recs.path, recs.where)
                    records += len(recs.rows)
    return {"records": records, "sentences": sum(len(d.sentences.rows) for d in docs)}


def io_steps(tables: dict, scratch: Path, clock: StepClock) -> None:
    """Parquet write/read through the release code, and the floor: bare pyarrow, no validation."""
    with clock("Parquet write (release shards)"):
        for config, table in tables.items():
            ShardWriter.write_table(config, scratch / "shards", table)
    with clock("Parquet read (release shards)"):
        read_tables(scratch / "shards")
    with clock("floor write"):
        for config, table in tables.items():
            pq.write_table(table, scratch / f"floor-{config}.parquet", **PARQUET_OPTIONS)
    with clock("floor read"):
        for config in tables:
            pq.read_table(scratch / f"floor-{config}.parquet")


def input_floor_steps(root: Path, scratch: Path, clock: StepClock) -> dict[str, int]:
    """The annotation files read into Arrow and written as Parquet, no checks: pyarrow.json, DuckDB, polars."""
    records = {}
    for name, floor in FLOORS.items():
        with clock(floor.step):
            records[name] = floor.read(root, scratch / f"input-{name}")
    return records


def load_dataset_steps(release: Path, tables: dict, cache: Path, clock: StepClock) -> None:
    """``load_dataset(<release>, "sentences")`` into an empty cache, then again (warm)."""
    import datasets

    (release / README).write_text(front_matter(tables, "", with_info=False), encoding="utf-8")
    datasets.disable_progress_bars()
    for step in ("load_dataset cold", "load_dataset warm"):
        with clock(step):
            datasets.load_dataset(str(release), "sentences", cache_dir=str(cache), split="test")


def measure(n_sentences: int, work: Path, workers: int, template: Path, scheduler: str | None = None,
            batch_rows: int = 0, rounds: int = 2) -> dict:
    """Generate a corpus of about ``n_sentences`` from ``template``, build it with ``workers`` (on the Dask
    cluster ``scheduler`` when given, then ``rounds`` times each on it and with the process pool), time every
    step and the input floors."""
    per_doc = sentences_per_document(template)
    n_docs = -(-n_sentences // per_doc)
    clock = StepClock()
    with clock("generate corpus"):
        write_corpus(template, work / ANNOTATIONS, n_docs)
    with clock("flush generated corpus"):  # so the build does not run during the writeback of its input
        os.sync()
    built = build_steps(work / ANNOTATIONS, work / DATASET, clock, workers, scheduler, batch_rows)
    runners = runner_comparison(work / ANNOTATIONS, work / "compare", workers, scheduler, batch_rows, rounds,
                                clock.seconds["build"]) if scheduler else None
    input_records = input_floor_steps(work / ANNOTATIONS, work / "scratch", clock)
    sample = schema_sample(work / ANNOTATIONS, clock)
    tables = read_tables(work / DATASET)
    io_steps(tables, work / "scratch", clock)
    load_dataset_steps(work / DATASET, tables, work / "hf-cache", clock)
    return {"sentences": tables["sentences"].num_rows, "documents": n_docs, "workers": workers,
            "scheduler": scheduler, "batches": built["batches"], "batch_rows": built["batch_rows"],
            "schema_sample": sample, "runner_comparison": runners,
            "input_records": input_records,
            "rows": {c: t.num_rows for c, t in tables.items()},
            "arrow_bytes": built["arrow_bytes"], "peak_rss_build_bytes": built["peak_rss_build_bytes"],
            "peak_rss_worker_bytes": built["peak_rss_worker_bytes"] if workers > 1 else 0,
            "peak_tree_rss_bytes": built["peak_tree_rss_bytes"], "peak_tree_pss_bytes": built["peak_tree_pss_bytes"],
            "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "seconds": clock.seconds}


if __name__ == "__main__":
    scheduler = sys.argv[6] if len(sys.argv) > 6 else None
    rounds = int(sys.argv[7]) if len(sys.argv) > 7 else 2
    try:
        measured = measure(int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), scheduler,
                           int(sys.argv[5]), rounds)
    except subprocess.CalledProcessError as exc:  # a build failed: its own last line, not this traceback
        sys.exit(f"the build failed: {failure_line(exc)}")
    print(json.dumps(measured))
