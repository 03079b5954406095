"""The scale benchmark: its table, derived figures and the CLI that prints it."""

from __future__ import annotations

import sys

from claimcorpus.cli import main
from claimcorpus.perf.scale_report import INPUT_FLOORS, PARENT_STEPS, WORKER_STEPS, derived, rows_of, slope, table

MIB = 2**20


def measurement(n: int, build: float, workers: int = 2) -> dict:
    seconds = {step: 1.0 for step in WORKER_STEPS + PARENT_STEPS}
    seconds.update({"build": build, "floor write": 2.0, "floor read": 0.5, "JSON Schema only": 0.5,
                    "Parquet write (release shards)": 2.5, "Parquet read (release shards)": 0.5,
                    "load_dataset cold": 1.0, "load_dataset warm": 0.1,
                    INPUT_FLOORS["pyarrow.json"]: build / 4, INPUT_FLOORS["duckdb"]: build / 5,
                    INPUT_FLOORS["polars"]: build / 2})
    return {"sentences": n, "documents": n // 42, "workers": workers, "seconds": seconds, "batches": 1,
            "batch_rows": 5000,
            "scheduler": None, "input_records": {"pyarrow.json": 3 * n, "duckdb": 3 * n, "polars": 3 * n},
            "schema_sample": {"records": 1000, "sentences": 84}, "arrow_bytes": 100 * MIB,
            "peak_rss_build_bytes": 150 * MIB, "peak_rss_worker_bytes": 25 * MIB, "peak_rss_bytes": 400 * MIB,
            "peak_tree_rss_bytes": 180 * MIB, "peak_tree_pss_bytes": 150 * MIB}


def test_ratios_slope_and_memory_are_derived_from_the_measurements():
    small, large = measurement(1_000, 5.0), measurement(100_000, 250.0)
    assert derived(large) == {"build": 250.0, "floor": 2.5, "n": 100_000, "rss": 200 * MIB,
                              "pyarrow.json": 62.5, "duckdb": 50.0, "polars": 125.0}
    rows = dict(rows_of([small, large]))
    assert rows["**build / output floor (target <= 3)**"] == ["2.0", "100.0"]
    assert rows["**build / pyarrow.json input floor**"] == ["4.0", "4.0"]
    assert rows["**build / DuckDB input floor**"] == ["5.0", "5.0"]
    assert rows["**build / polars input floor**"] == ["2.0", "2.0"]
    assert rows["input floor: polars scan_ndjson (per file name) + sink_parquet, s"] == ["2.50", "125.00"]
    assert rows["input floor: DuckDB read_json_auto (globs) + COPY to Parquet, s"] == ["1.00", "50.00"]
    assert rows["build peak RSS (main + workers x worker) / Arrow tables: upper bound"] == ["2.0", "2.0"]
    assert rows["peak memory of the whole build (all processes, sampled every 0.1 s), MiB: RSS / PSS (Linux)"] == \
        ["180 / 150", "180 / 150"]
    assert rows["**peak PSS of the whole build / Arrow tables (target <= 2)**"] == ["1.5", "1.5"]
    no_pss = dict(rows_of([{**large, "peak_tree_pss_bytes": 0}]))  # PSS is not read off Linux
    assert no_pss["**peak PSS of the whole build / Arrow tables (target <= 2)**"] == ["-"]
    assert rows["build throughput, sentences/s"] == ["200", "400"]
    assert slope([small, large]) == f"{0.85:.2f}"  # log(50) / log(100)
    assert table([small, large]).splitlines()[0] == "| | 1,000 sentences | 100,000 sentences |"
    assert "; sentences per batch: 5,000; " in table([small, large]).splitlines()[-1]


def test_cli_prints_one_column_per_size(capsys):
    assert main(["bench-scale", "--sizes", "100", "300", "--workers", "1", "--timeout", "600",
                 "--batch-rows", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| | 126 sentences | 336 sentences |"
    body = [line for line in lines[2:] if line.startswith("| ")]
    assert len(body) == len(rows_of([measurement(1, 1.0)]))
    assert all(line.count(" | ") == 2 for line in body)
    for name in ("| **build / output floor", "| **build / pyarrow.json input floor", "| **build / DuckDB input floor",
                 "| **build / polars input floor"):
        ratio = next(line for line in body if line.startswith(name))
        assert all(float(x) > 0 for x in ratio.strip("| ").split(" | ")[1:])
    records = next(line for line in body if line.startswith("| input floors: JSON Lines records read"))
    assert "(pyarrow.json / DuckDB / polars)" in records
    for cell in records.strip("| ").split(" | ")[1:]:
        arrow, duck, polars = cell.split(" / ")
        assert arrow == duck == polars and int(arrow.replace(",", "")) > 0  # every reader saw every record
    assert lines[-1].startswith("worker processes: 1; runner: in process; sentences per batch: 100; log-log slope")
    batches = next(line for line in body if line.startswith("| documents / batches"))
    docs, n_batches = batches.strip("| ").split(" | ")[2].split(" / ")
    assert docs == "8" and int(n_batches) > 1  # 336 sentences, which the default would build as one batch
    memory = next(line for line in body if line.startswith("| peak memory of the whole build"))
    for cell in memory.strip("| ").split(" | ")[1:]:
        rss, pss = cell.split(" / ")
        assert int(rss.replace(",", "")) > 0  # a build process was sampled
        if sys.platform.startswith("linux"):
            assert 0 < int(pss.replace(",", "")) <= int(rss.replace(",", ""))  # PSS never exceeds RSS


def test_the_generated_corpus_is_flushed_to_disk_before_the_build(tmp_path, monkeypatch):
    """The build must not run during the writeback of the files just generated (it made 1M about 30% slower)."""
    import os

    from claimcorpus.perf import scale_bench

    from .conftest import DOC, ROOT

    syncs = []
    monkeypatch.setattr(os, "sync", lambda: syncs.append(sorted(p.name for p in tmp_path.iterdir())))
    seconds = scale_bench.measure(100, tmp_path, 1, ROOT / "annotations" / "documents" / DOC)["seconds"]
    assert syncs == [["annotations"]]  # after generating, before the build wrote dataset/
    steps = list(seconds)
    assert steps.index("generate corpus") < steps.index("flush generated corpus") < steps.index("load + JSON Schema")


def test_a_batch_size_below_one_is_a_one_line_error(capsys):
    assert main(["bench-scale", "--sizes", "100", "--batch-rows", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --batch-rows: ") and "a positive number of rows" in err


COMPARED = "builds on the cluster / with the process pool, in turn, same corpus, s"
CLUSTER_RATIO = "**cluster / process pool, mean build times (target <= 1.2)**"


def test_the_cluster_is_compared_with_the_pool_on_the_means_of_builds_in_turn():
    plain = measurement(1_000, 5.0)
    pool = ["process pool"] * 2
    compared = {**measurement(100_000, 12.0), "scheduler": "local",
                "runner_comparison": {"cluster": [12.0, 11.0], "pool": [10.0, 10.5], "pool_runners": pool}}
    one_batch = {**compared, "runner_comparison": {**compared["runner_comparison"],
                                                   "pool_runners": ["in process"] * 2}}
    assert COMPARED not in dict(rows_of([plain])) and CLUSTER_RATIO not in dict(rows_of([plain]))
    rows = dict(rows_of([plain, compared, one_batch]))
    assert rows[COMPARED] == ["-", "12.00, 11.00 / 10.00, 10.50", "12.00, 11.00 / 10.00, 10.50 (in process)"]
    assert rows[CLUSTER_RATIO] == ["-", "1.12", "-"]  # 11.5 / 10.25; no pool ran for the last


def test_the_runners_take_turns_on_the_same_corpus(tmp_path, monkeypatch):
    from claimcorpus.perf import scale_bench

    calls = []

    def build(root, out, workers, scheduler, batch_rows):
        assert not out.exists()  # each build starts from an empty output
        out.mkdir()
        calls.append(scheduler)
        return {"seconds": {"build": float(len(calls))}, "runner": "cluster" if scheduler else "process pool"}

    monkeypatch.setattr(scale_bench, "run_build", build)
    builds = scale_bench.runner_comparison(tmp_path / "in", tmp_path / "out", 2, "local", 0, 3, 0.5)
    assert calls == [None, None, "local", "local", None]  # after the table's own cluster build: C P P C C P
    assert builds == {"cluster": [0.5, 3.0, 4.0], "pool": [1.0, 2.0, 5.0], "pool_runners": ["process pool"] * 3}
    assert not (tmp_path / "out").exists()
    calls.clear()
    assert scale_bench.runner_comparison(tmp_path / "in", tmp_path / "out", 2, "local", 0, 1, 0.5)["pool"] == [1.0]
    assert calls == [None]


def test_cli_with_a_scheduler_compares_the_cluster_with_the_pool(capsys):
    import pytest

    pytest.importorskip("distributed")
    assert main(["bench-scale", "--sizes", "100", "--workers", "2", "--batch-rows", "50", "--scheduler", "local",
                 "--rounds", "1", "--timeout", "600"]) == 0
    rows = {line.split(" | ")[0].lstrip("| "): line.strip("| ").split(" | ")[1:]
            for line in capsys.readouterr().out.splitlines() if line.startswith("| ")}
    cluster, pool = (float(s) for s in rows[COMPARED][0].split(" / "))  # two batches: the pool ran
    assert cluster == float(rows["**build wall time (stream, validate, write, verify), s**"][0]) and pool > 0
    (shown,) = rows[CLUSTER_RATIO]  # of the unrounded seconds: within what rounding both to 0.01 allows
    assert (cluster - 0.005) / (pool + 0.005) - 0.005 <= float(shown) <= (cluster + 0.005) / (pool - 0.005) + 0.005


def test_rounds_below_one_or_without_a_scheduler_are_one_line_errors(capsys):
    assert main(["bench-scale", "--sizes", "100", "--scheduler", "local", "--rounds", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --rounds: ") and "a positive number of builds" in err
    assert main(["bench-scale", "--sizes", "100", "--rounds", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected --scheduler as well" in err


def test_a_size_over_its_timeout_is_one_line_and_exit_1(capsys):
    assert main(["bench-scale", "--sizes", "100", "--timeout", "0.01"]) == 1
    err = capsys.readouterr().err
    assert err == "error: bench-scale: measuring one size took more than --timeout 0.01 s\n"


def test_a_size_whose_build_fails_is_one_line_naming_the_builds_error(capsys):
    import pytest

    pytest.importorskip("distributed")
    assert main(["bench-scale", "--sizes", "100", "--scheduler", "tcp://127.0.0.1:9", "--timeout", "600"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: bench-scale: measuring one size failed: the build failed: ")
    assert "tcp://127.0.0.1:9" in err and "reachable within" in err and "Traceback" not in err
