"""Scale benchmark, one corpus size: every build step timed on a synthetic corpus.

Run as ``python -m claimcorpus.scale_bench <sentences> <workdir>`` (one process
per size, so peak memory is that size's own); prints one JSON object.
:mod:`claimcorpus.scale_report` runs it for several sizes and prints the table.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from .card import front_matter
from .jsonschemas import check_record
from .release import PARQUET_OPTIONS, read_tables, write_shards
from .stream_build import build_streaming
from .synthetic import sentences_per_document, write_corpus

TEMPLATE = Path(__file__).resolve().parents[2] / "annotations" / "documents" / "al-tanf-drone-2021"
SCHEMA_OF = {"sentences.jsonl": "sentences", "evidence.jsonl": "evidence"}


class Clock:
    """Seconds per named step (``with clock("step"): ...``)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str):
        self.name = name
        return self

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *exc) -> None:
        self.seconds[self.name] = self.seconds.get(self.name, 0.0) + time.perf_counter() - self.start


def schema_check_all(docs) -> int:
    """Re-run the per-line JSON Schema check (compiled validator) over every record; return the count."""
    count = 0
    for doc in docs:
        parts = [("sentences", doc.sentences), ("evidence", doc.evidence), *doc.layers.items()]
        for name, records in parts:
            for line, rec in records.rows if records else []:
                check_record(name, rec, records.path, records.where(line))
                count += 1
    return count


def build_steps(root: Path, out: Path, clock: Clock) -> dict:
    """The streaming build of ``root`` (:func:`claimcorpus.stream_build.build_streaming`), step by step.

    The JSON Schema check is re-timed alone on each batch's records, outside the build's steps."""
    records = []

    def schema_only(docs) -> None:
        with clock("JSON Schema only"):
            records.append(schema_check_all(docs))

    result = build_streaming(root, out, timer=clock, on_batch=schema_only)
    return {"result": result, "records": sum(records),
            "peak_rss_build_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def io_steps(tables: dict, scratch: Path, clock: Clock) -> None:
    """Parquet write/read through the release code, and the floor: bare pyarrow, no validation."""
    with clock("Parquet write (release shards)"):
        write_shards(tables, scratch / "shards")
    with clock("Parquet read (release shards)"):
        read_tables(scratch / "shards")
    with clock("floor write"):
        for config, table in tables.items():
            pq.write_table(table, scratch / f"floor-{config}.parquet", **PARQUET_OPTIONS)
    with clock("floor read"):
        for config in tables:
            pq.read_table(scratch / f"floor-{config}.parquet")


def load_dataset_steps(release: Path, tables: dict, cache: Path, clock: Clock) -> None:
    """``load_dataset(<release>, "sentences")`` into an empty cache, then again (warm)."""
    import datasets

    (release / "README.md").write_text(front_matter(tables, "", with_info=False), encoding="utf-8")
    datasets.disable_progress_bars()
    for step in ("load_dataset cold", "load_dataset warm"):
        with clock(step):
            datasets.load_dataset(str(release), "sentences", cache_dir=str(cache), split="test")


def measure(n_sentences: int, work: Path) -> dict:
    """Generate a corpus of about ``n_sentences`` and time every step; peak RSS at the end."""
    per_doc = sentences_per_document(TEMPLATE)
    n_docs = -(-n_sentences // per_doc)
    clock = Clock()
    with clock("generate corpus"):
        write_corpus(TEMPLATE, work / "annotations", n_docs)
    built = build_steps(work / "annotations", work / "dataset", clock)
    tables = read_tables(work / "dataset")
    io_steps(tables, work / "scratch", clock)
    load_dataset_steps(work / "dataset", tables, work / "hf-cache", clock)
    return {"sentences": tables["sentences"].num_rows, "documents": n_docs, "records": built["records"],
            "rows": {c: t.num_rows for c, t in tables.items()},
            "arrow_bytes": built["result"].arrow_bytes, "peak_rss_build_bytes": built["peak_rss_build_bytes"],
            "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "seconds": clock.seconds}


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]), Path(sys.argv[2]))))
