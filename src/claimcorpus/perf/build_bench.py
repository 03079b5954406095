"""Build benchmark: wall time of each build step and of the whole ``claimcorpus build`` command."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..paths import ANNOTATIONS, CARD, DATASET, FIGURES_KEY, README
from ..publish.figures import FOLDER
from .timing_table import median_max_table

#: Everything the build reads or refreshes.
BUILD_INPUTS = (ANNOTATIONS, "benchmark", DATASET, CARD, README)


def copy_project(src: Path, dest: Path) -> Path:
    """Copy the build's inputs and outputs of project ``src`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        if (src / name).exists():
            (shutil.copytree if (src / name).is_dir() else shutil.copy2)(src / name, dest / name)
    return dest


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


#: What ``verify_release`` times as its deep checks (a part of the validate row).
DEEP_CHECKS = "of which the deep checks added in 0.2.0 (nested spans, derived fields, hashes, Croissant, card)"

#: Table rows of the build's steps (the build's clock names, grouped).
STEP_GROUPS = {
    "load + check annotations (JSON Schema, invariants)": ("load + JSON Schema", "invariants"),
    "join + pandera + cross-table checks": ("join + encode", "pandera", "cross-table checks"),
    "write Parquet, card, figures, Croissant + verify + swap": ("write + verify release", "card, figures, Croissant",
                                                                "publish"),
}


def step_times(root: Path) -> dict[str, float]:
    """Seconds of each step of a build of ``root`` (figures reused when unchanged)."""
    from ..build.release_build import build_release
    from ..build.step_clock import StepClock
    from ..schema.features import features_of_schema
    from ..validate.verify import verify_release

    clock = StepClock()
    features_of_schema.cache_clear()  # each command runs in a new process, which parses the features once
    build_release(root, workers=1, clock=clock)
    features_of_schema.cache_clear()
    checks = StepClock()
    _, t_verify = timed(lambda: verify_release(root / "dataset", clock=checks))
    steps = {row: sum(clock.seconds.get(name, 0.0) for name in names) for row, names in STEP_GROUPS.items()}
    return {**steps, "`claimcorpus validate` work (re-read, all checks)": t_verify,
            DEEP_CHECKS: checks.seconds["deep checks"]}


def cli_build_time(root: Path, cold: bool) -> float:
    """Seconds of ``claimcorpus build`` in a new process; ``cold`` forces the figures to be redrawn."""
    if cold:
        (root / DATASET / FOLDER / FIGURES_KEY).unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimcorpus.cli", "--root", str(root), "build"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(root: Path, repeats: int = 5) -> str:
    """Median and max over ``repeats`` runs, as a Markdown table."""
    with tempfile.TemporaryDirectory() as tmp:
        work = copy_project(root, Path(tmp) / "project")
        steps = [step_times(work) for _ in range(repeats)]
        samples = {name: [s[name] for s in steps] for name in steps[0]}
        samples["`claimcorpus build`, new process, figures unchanged (reused)"] = [
            cli_build_time(work, cold=False) for _ in range(repeats)]
        samples["`claimcorpus build`, new process, figures redrawn"] = [
            cli_build_time(work, cold=True) for _ in range(repeats)]
    return median_max_table(f"build benchmark ({repeats} runs each; seconds, wall clock, time.perf_counter; "
                            "new-process rows include interpreter start and imports)", samples)
