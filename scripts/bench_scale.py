"""Print the scale benchmark table: python scripts/bench_scale.py [--sizes 1000 10000 ...] [--workers W].

The same as ``claimcorpus bench-scale``."""

import sys

from claimcorpus.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench-scale", *sys.argv[1:]]))
