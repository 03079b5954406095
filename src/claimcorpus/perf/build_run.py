"""One timed build in a process of its own, so its peak memory is the build's alone.

:func:`run_build` starts ``python -c`` running :func:`main`, not ``python -m``: a spawned worker
imports a ``-m`` main module, and would load what the benchmark imports (DuckDB, polars), which
``claimcorpus build``'s workers do not.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

from .tree_memory import TreeMemory

ENTRY = "import sys; from claimcorpus.perf.build_run import main; main(sys.argv[1:])"


def run_build(root: Path, out: Path, workers: int, scheduler: str | None = None, batch_rows: int = 0) -> dict:
    """Build ``root`` into ``out`` in a new process; what :func:`main` printed, with the peak RSS and PSS
    of the whole process tree (``peak_tree_rss_bytes``, ``peak_tree_pss_bytes``; :mod:`.tree_memory`).
    ``batch_rows`` 0: the build's default."""
    args = [str(root), str(out), str(workers), str(batch_rows), *([scheduler] if scheduler else [])]
    sampler = TreeMemory()
    with subprocess.Popen([sys.executable, "-c", ENTRY, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as build:
        try:
            with sampler.sampling(build.pid) as peak:
                stdout, stderr = build.communicate()
        except BaseException:  # interrupted: the build must not go on writing into ``out``
            build.kill()
            raise
    if build.returncode:
        raise subprocess.CalledProcessError(build.returncode, build.args, stdout, stderr)
    return {**json.loads(stdout.strip().splitlines()[-1]), "peak_tree_rss_bytes": peak.rss,
            "peak_tree_pss_bytes": peak.pss}


def failure_line(exc: subprocess.CalledProcessError) -> str:
    """The last line a failed measuring process wrote to stderr (its own error), or its exit status."""
    return ((exc.stderr or "").strip().splitlines() or [f"exit status {exc.returncode}"])[-1]


def main(argv: list[str]) -> None:
    """Build (:func:`claimcorpus.build.chain.write_tables`, manifest, checksums) and print one JSON object:
    step seconds (``build``: the wall time; worker steps add up over workers), batches, the runner, Arrow bytes and the
    peak RSS of this process and of its largest worker. Arrow's memory pool is chosen as ``claimcorpus build``
    chooses it."""
    from ..build.memory_pool import use_system_pool

    use_system_pool()
    from ..build.chain import write_tables
    from ..build.plan import BATCH_ROWS
    from ..build.release_build import seal
    from ..build.runners import uses_pool
    from ..build.step_clock import StepClock

    root, out, workers, scheduler = Path(argv[0]), Path(argv[1]), int(argv[2]), (argv[4:] or [None])[0]
    batch_rows = int(argv[3]) or BATCH_ROWS
    clock = StepClock()
    with clock("build"):
        written = write_tables(root, out, workers=workers, clock=clock, scheduler=scheduler, batch_rows=batch_rows)
        seal(out, written.files, root, clock)
    runner = "cluster" if scheduler else "process pool" if uses_pool(workers, written.batches) else "in process"
    print(json.dumps({"seconds": clock.seconds, "batches": written.batches, "batch_rows": batch_rows, "runner": runner,
                      "arrow_bytes": written.arrow_bytes,
                      "peak_rss_build_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      "peak_rss_worker_bytes": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))
