"""Scale benchmark table: one process per corpus size, one Markdown column per size."""

from __future__ import annotations

import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from . import SIZES
from .input_floor import FLOORS, INPUT_FLOORS

WORKER_STEPS = ("load + JSON Schema", "invariants", "join + encode")
PARENT_STEPS = ("pandera", "cross-table checks", "write + verify release")


def run_size(n: int, timeout: float, workers: int, template: Path, scheduler: str | None = None,
             batch_rows: int = 0, rounds: int = 2) -> dict:
    """Measure one size in a new process (its own peak RSS), in a scratch folder (``batch_rows`` 0: the default;
    ``rounds``: builds on the cluster ``scheduler`` and with the process pool each, in turn)."""
    with tempfile.TemporaryDirectory(prefix="claimcorpus-scale-", ignore_cleanup_errors=True) as tmp:
        args = [sys.executable, "-m", "claimcorpus.perf.scale_bench", str(n), tmp, str(workers), str(template),
                str(batch_rows), *([scheduler, str(rounds)] if scheduler else [])]
        # a session of its own: on a timeout its whole process group goes (the build and its workers too)
        with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True) as measuring:
            try:
                stdout, stderr = measuring.communicate(timeout=timeout)
            except BaseException:  # the timeout, or an interrupt
                if hasattr(os, "killpg"):
                    os.killpg(measuring.pid, signal.SIGKILL)
                else:  # no process groups: the measuring process alone
                    measuring.kill()
                measuring.wait()
                raise
    if measuring.returncode:
        raise subprocess.CalledProcessError(measuring.returncode, args, stdout, stderr)
    return json.loads(stdout.strip().splitlines()[-1])


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds else "-"


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.0f}"


def derived(m: dict) -> dict:
    """Build, floors and memory figures of one measurement."""
    s = m["seconds"]
    rss = m["peak_rss_build_bytes"] + m["workers"] * m["peak_rss_worker_bytes"]
    return {"build": s["build"], "floor": s["floor write"] + s["floor read"], "n": m["sentences"], "rss": rss,
            **{reader: s[step] for reader, step in INPUT_FLOORS.items()}}


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b else "-"


def step_rows(ms: list[dict], steps: tuple[str, ...], where: str) -> list[tuple[str, list[str]]]:
    return [(f"{where}: {step}, s", [f"{m['seconds'].get(step, 0.0):.2f}" for m in ms]) for step in steps]


def rows_of(ms: list[dict]) -> list[tuple[str, list[str]]]:
    d = [derived(m) for m in ms]
    s = [m["seconds"] for m in ms]
    return [
        ("documents / batches", [f"{m['documents']:,} / {m['batches']:,}" for m in ms]),
        ("**build wall time (stream, validate, write, verify), s**", [f"{x['build']:.2f}" for x in d]),
        ("build throughput, sentences/s", [rate(x["n"], x["build"]) for x in d]),
        ("build s per 1k sentences (slope)", [f"{1000 * x['build'] / x['n']:.3f}" for x in d]),
        *step_rows(ms, WORKER_STEPS, "workers (summed)"),
        *step_rows(ms, PARENT_STEPS, "main process"),
        ("JSON Schema (compiled) alone, records/s (first ~20k sentences)",
         [f"{rate(m['schema_sample']['records'], t['JSON Schema only'])} ({m['schema_sample']['records']:,})"
          for m, t in zip(ms, s)]),
        ("cross-file invariants, sentences/s per process", [rate(x["n"], t["invariants"]) for x, t in zip(d, s)]),
        ("pandera (all tables), sentences/s", [rate(x["n"], t["pandera"]) for x, t in zip(d, s)]),
        ("cross-table checks (FK, spans), sentences/s", [rate(x["n"], t["cross-table checks"]) for x, t in zip(d, s)]),
        ("Parquet write (shard writer: row groups, read-back check) / read (release shards), s",
         [f"{t['Parquet write (release shards)']:.2f} / {t['Parquet read (release shards)']:.2f}" for t in s]),
        ("output floor: pyarrow write / read of the tables, no validation, s",
         [f"{t['floor write']:.2f} / {t['floor read']:.2f}" for t in s]),
        ("**build / output floor (target <= 3)**", [ratio(x["build"], x["floor"]) for x in d]),
        *input_floor_rows(ms, d),
        ("load_dataset sentences cold / warm, s",
         [f"{t['load_dataset cold']:.2f} / {t['load_dataset warm']:.2f}" for t in s]),
        ("Arrow tables, MiB", [mib(m["arrow_bytes"]) for m in ms]),
        ("peak RSS, MiB: build main process / one build worker / benchmark process (corpus, floors)",
         [f"{mib(m['peak_rss_build_bytes'])} / {mib(m['peak_rss_worker_bytes'])} / {mib(m['peak_rss_bytes'])}"
          for m in ms]),
        ("build peak RSS (main + workers x worker) / Arrow tables: upper bound",
         [f"{x['rss'] / m['arrow_bytes']:.1f}" for x, m in zip(d, ms)]),
        ("peak memory of the whole build (all processes, sampled every 0.1 s), MiB: RSS / PSS (Linux)",
         [f"{mib(m['peak_tree_rss_bytes'])} / {mib(m['peak_tree_pss_bytes']) if m['peak_tree_pss_bytes'] else '-'}"
          for m in ms]),
        ("**peak PSS of the whole build / Arrow tables (target <= 2)**",
         [ratio(m["peak_tree_pss_bytes"], m["arrow_bytes"]) if m["peak_tree_pss_bytes"] else "-" for m in ms]),
        *runner_rows(ms),
    ]


def runner_rows(ms: list[dict]) -> list[tuple[str, list[str]]]:
    """The builds on the cluster and with the process pool, in turn on the same corpus, and the ratio of their
    means (none without a scheduler; ``-`` where the pool's side ran in process: one worker or one batch)."""
    builds = [m.get("runner_comparison") for m in ms]
    if not any(builds):
        return []
    pooled = [bool(b) and set(b["pool_runners"]) == {"process pool"} for b in builds]
    times = [" / ".join(", ".join(f"{s:.2f}" for s in b[runner]) for runner in ("cluster", "pool"))
             + ("" if pool else " (in process)") if b else "-" for b, pool in zip(builds, pooled)]
    ratios = [f"{statistics.mean(b['cluster']) / statistics.mean(b['pool']):.2f}" if pool else "-"
              for b, pool in zip(builds, pooled)]
    return [("builds on the cluster / with the process pool, in turn, same corpus, s", times),
            ("**cluster / process pool, mean build times (target <= 1.2)**", ratios)]


def input_floor_rows(ms: list[dict], d: list[dict]) -> list[tuple[str, list[str]]]:
    """Seconds of each input floor, the records each reader saw, and build / floor for each."""
    names = " / ".join(floor.short for floor in FLOORS.values())
    return [
        *[(f"input floor: {floor.label}, s", [f"{x[reader]:.2f}" for x in d]) for reader, floor in FLOORS.items()],
        (f"input floors: JSON Lines records read ({names})",
         [" / ".join(f"{m['input_records'][reader]:,}" for reader in FLOORS) for m in ms]),
        *[(f"**build / {floor.short} input floor**", [ratio(x["build"], x[reader]) for x in d])
          for reader, floor in FLOORS.items()],
    ]


def slope(ms: list[dict]) -> str:
    """Log-log slope of build time against sentences between the smallest and largest size (1 = linear)."""
    if len(ms) < 2:
        return "-"
    a, b = derived(ms[0]), derived(ms[-1])
    return f"{math.log(b['build'] / a['build']) / math.log(b['n'] / a['n']):.2f}"


def table(ms: list[dict]) -> str:
    head = "| | " + " | ".join(f"{m['sentences']:,} sentences" for m in ms) + " |"
    lines = [head, "|---" * (len(ms) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(values) + " |" for name, values in rows_of(ms)]
    workers = ", ".join(sorted({str(m["workers"]) for m in ms}))
    runner = ", ".join(sorted({runner_name(m) for m in ms}))
    batch_rows = ", ".join(sorted({f"{m['batch_rows']:,}" for m in ms}))
    return ("\n".join(lines) + f"\n\nworker processes: {workers}; runner: {runner}; sentences per batch: {batch_rows}; "
            f"log-log slope of build time vs sentences, first to last size: {slope(ms)}")


def runner_name(m: dict) -> str:
    scheduler = m.get("scheduler")
    if scheduler:
        return "Dask LocalCluster" if scheduler == "local" else f"Dask scheduler {scheduler}"
    return "process pool" if m["workers"] > 1 else "in process"


def run(template: Path, sizes=SIZES, timeout: float = 3600, workers: int = 2, scheduler: str | None = None,
        batch_rows: int = 0, rounds: int = 2) -> str:
    """The Markdown table for ``sizes`` (each size in its own process), corpora cloned from ``template``;
    batches joined by ``workers`` processes, or on the Dask cluster ``scheduler`` (``"local"``: a LocalCluster),
    which is then compared with the process pool in ``rounds`` builds each."""
    return table([run_size(n, timeout, workers, template, scheduler, batch_rows, rounds) for n in sizes])
