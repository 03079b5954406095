"""Print the scale benchmark table: python scripts/bench_scale.py [--sizes 1000 10000 ...] [--timeout S]."""

import argparse

from claimcorpus.scale_report import SIZES, run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="sentences per corpus")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per size")
    args = parser.parse_args()
    print(run(args.sizes, args.timeout))
