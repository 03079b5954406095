"""Benchmarks of the build and of the baselines (``claimcorpus bench-*``).

Kept free of imports: the command line reads :data:`SIZES` when it starts.
"""

#: Corpus sizes (sentences) of ``claimcorpus bench-scale`` by default.
SIZES = (1_000, 10_000, 100_000, 1_000_000)
