"""``claimcorpus`` command line: one entry point; each command group's module owns its options and handlers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..errors import CorpusError, WorkerDied
from . import annotate, benchmark, labelstudio, perf, release

GROUPS = (release, annotate, labelstudio, benchmark, perf)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimcorpus", description=__doc__)
    p.add_argument("--root", type=Path, help="project root (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; a rejected input prints one ``error: ...`` line and returns 2; a dead worker or a
    failure of the system (a disk full or read-only, a permission refused) prints one and returns 1."""
    args = parser().parse_args(argv)
    args.root_given, args.root = args.root is not None, args.root or Path(".")
    args.annotations, args.dataset = args.root / paths.ANNOTATIONS, args.root / paths.DATASET
    args.schema_dir = args.root / paths.SCHEMA_DIR
    try:
        return args.handler(args)
    except (CorpusError, WorkerDied) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, CorpusError) else 1
    except OSError as exc:  # the input's own read errors are CorpusErrors; this is the machine's
        print(f"error: {system_failure(exc)}", file=sys.stderr)
        return 1


def system_failure(exc: OSError) -> str:
    """One line for an ``OSError`` of the system: what failed, on which file."""
    what = exc.strerror or str(exc) or type(exc).__name__
    where = " -> ".join(str(name) for name in (exc.filename, exc.filename2) if name is not None)
    return f"{what}: {where}" if where else what
