"""The table both benchmark commands print: median and max wall time per step."""

from __future__ import annotations

import statistics


def median_max_table(title: str, samples: dict[str, list[float]]) -> str:
    """``samples[step]`` are seconds over repeated runs; one Markdown row per step."""
    lines = [title, "", "| step | median | max |", "|---|---|---|"]
    lines += [f"| {step} | {statistics.median(v):.3f} | {max(v):.3f} |" for step, v in samples.items()]
    return "\n".join(lines)
