"""Baselines benchmark: wall time of each baseline and of the whole ``claimcorpus baselines`` command."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..benchmark.baselines import run_baselines
from ..paths import DATASET
from .timing_table import median_max_table


def in_process(root: Path) -> dict[str, float]:
    """Seconds per baseline (prediction + scoring; MiniLM includes loading the model) and in all."""
    from ..benchmark.embeddings import load_model

    load_model.cache_clear()
    times: dict[str, float] = {}
    start = time.perf_counter()
    run_baselines(root / DATASET, root, times=times)
    return {**times, "all baselines, in process": time.perf_counter() - start}


def new_process(root: Path) -> float:
    """Seconds of ``claimcorpus baselines --out <tmp>`` in a new process (imports included)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "claimcorpus.cli", "--root", str(root), "baselines",
                        "--out", str(Path(tmp) / "baselines.json")], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


STEPS = {"majority": "majority (CV + scoring)", "rules": "rules (predict + scoring)",
         "tfidf_lr": "TF-IDF + LR (CV + scoring)", "minilm_lr": "MiniLM + LR (model load, encoding, CV, scoring)"}


def run(root: Path, repeats: int = 3) -> str:
    """Median and max over ``repeats`` runs, as a Markdown table."""
    runs = [in_process(root) for _ in range(repeats)]
    samples = {STEPS.get(name, name): [r[name] for r in runs] for name in runs[0]}
    samples["`claimcorpus baselines` (new process, imports included)"] = [new_process(root) for _ in range(repeats)]
    return median_max_table(f"baselines benchmark ({repeats} runs each; seconds, wall clock, time.perf_counter)",
                            samples)
