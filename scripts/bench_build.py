"""Print the build benchmark table: python scripts/bench_build.py [--repeats N]."""

import argparse
from pathlib import Path

from claimcorpus.perf.build_bench import run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(run(Path(__file__).resolve().parents[1], args.repeats))
