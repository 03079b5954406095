"""Build benchmark: wall time of each pipeline step and of the whole CLI build."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pipeline import build_tables, load_corpus
from .release import verify_release, write_release


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def step_times(root: Path, out: Path) -> dict[str, float]:
    docs, t_load = timed(load_corpus, root / "annotations")
    tables, t_tables = timed(build_tables, docs)
    _, t_write = timed(write_release, tables, out)
    _, t_verify = timed(verify_release, out)
    return {"load + check annotations": t_load, "join + pandera + cross-checks": t_tables,
            "write + verify + swap": t_write, "validate (re-read)": t_verify}


def cli_build_time(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimcorpus.cli", "--root", str(root), "build"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


#: Everything the build reads or refreshes.
BUILD_INPUTS = ("annotations", "benchmark", "dataset", "dataset_card.md", "README.md")


def copy_project(src: Path, dest: Path) -> Path:
    """Copy the build's inputs and outputs of project ``src`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        if (src / name).exists():
            (shutil.copytree if (src / name).is_dir() else shutil.copy2)(src / name, dest / name)
    return dest


def run(root: Path, repeats: int = 5) -> str:
    """Median and max over ``repeats`` runs, as a Markdown table."""
    with tempfile.TemporaryDirectory() as tmp:
        work = copy_project(root, Path(tmp))
        steps = [step_times(work, work / "dataset") for _ in range(repeats)]
        cli = [cli_build_time(work) for _ in range(repeats)]
    lines = [f"build benchmark ({repeats} runs each; seconds, wall clock, time.perf_counter)",
             "| step | median | max |", "|---|---|---|"]
    for name in steps[0]:
        values = [s[name] for s in steps]
        lines.append(f"| {name} | {statistics.median(values):.3f} | {max(values):.3f} |")
    lines.append(f"| `claimcorpus build` (new process, imports included) | {statistics.median(cli):.3f} | "
                 f"{max(cli):.3f} |")
    return "\n".join(lines)
