"""Performance benchmarks: bench-baselines, bench-scale."""

from __future__ import annotations

import sys

from ..perf import SIZES


def cmd_bench_baselines(args) -> int:
    from ..perf.baselines_bench import run

    print(run(args.root, args.repeats))
    sys.stdout.flush()
    return 0


def cmd_bench_scale(args) -> int:
    import subprocess

    from ..corpus.annotations import document_folders
    from ..errors import CorpusError
    from ..perf.scale_report import run
    from .release import positive

    folders = [f.resolve() for f in document_folders(args.annotations)]
    if not folders:
        raise CorpusError(args.annotations, "(folder)", "documents", "a document to clone (run from a checkout "
                          "or pass --root)", "no document folder")
    require_modules(args.scheduler)
    if args.batch_rows is not None:
        positive("--batch-rows", args.batch_rows)
    if args.rounds is not None:
        if not args.scheduler:
            raise CorpusError("--rounds", "(option)", "rounds", "--scheduler as well (it compares the cluster with "
                              "the process pool)", "--rounds alone")
        positive("--rounds", args.rounds, "builds")
    try:
        table = run(folders[0], args.sizes, args.timeout, args.workers, args.scheduler, args.batch_rows or 0,
                    args.rounds or 2)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as exc:
        print(f"error: bench-scale: {measurement_failure(exc)}", file=sys.stderr)
        return 1
    print(table)
    return 0


def measurement_failure(exc) -> str:
    """One line for a size's measuring process that ran out of ``--timeout`` or failed (its last stderr line)."""
    import subprocess

    from ..perf.build_run import failure_line

    if isinstance(exc, subprocess.TimeoutExpired):
        return f"measuring one size took more than --timeout {exc.timeout:g} s"
    return f"measuring one size failed: {failure_line(exc)}"


def require_modules(scheduler: str | None) -> None:
    """DuckDB (the input floor) and, with ``--scheduler``, ``distributed``: a one-line error naming the extra."""
    import importlib.util

    from ..errors import CorpusError

    needed = [("duckdb", "test", "bench-scale")]
    if scheduler:
        needed.append(("distributed", "cluster", "--scheduler"))
    for module, extra, what in needed:
        if importlib.util.find_spec(module) is None:
            raise CorpusError(what, "(option)", module, f"the '{module}' package (pip install 'claimcorpus[{extra}]')",
                              "not installed")


def register(sub) -> None:
    bb = sub.add_parser("bench-baselines", help="time the baselines; print a Markdown table")
    bb.add_argument("--repeats", type=int, default=3)
    bb.set_defaults(handler=cmd_bench_baselines)
    bs = sub.add_parser("bench-scale", help="build synthetic corpora of several sizes; print the scale table")
    bs.add_argument("--sizes", type=int, nargs="+", default=list(SIZES),
                    help="sentences per corpus (default: 1k 10k 100k 1M)")
    bs.add_argument("--workers", type=int, default=2, help="batch-joining processes (default: 2)")
    bs.add_argument("--timeout", type=float, default=3600, help="seconds allowed per size")
    bs.add_argument("--batch-rows", type=int, default=None, help="sentences per batch (default: the build's)")
    bs.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="join the batches on a Dask cluster: 'local' starts a LocalCluster of --workers processes, "
                         "or tcp://host:port (needs the cluster extra)")
    bs.add_argument("--rounds", type=int, default=None,
                    help="with --scheduler: builds of each size on the cluster and with the process pool, "
                         "in turn, for the cluster / pool row (default: 2)")
    bs.set_defaults(handler=cmd_bench_scale)
