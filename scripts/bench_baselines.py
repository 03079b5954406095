"""Print the baselines benchmark table: python scripts/bench_baselines.py [--repeats N]."""

import argparse
from pathlib import Path

from claimcorpus.perf.baselines_bench import run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(run(Path(__file__).resolve().parents[1], args.repeats))
