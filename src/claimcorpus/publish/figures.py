"""PNG figures of a release (matplotlib, Agg), byte-identical across runs.

Determinism: matplotlib's default style plus fixed ``RC`` (bundled DejaVu Sans,
fixed sizes and dpi), no pyplot state, and no ``Software`` or time metadata in
the PNG. matplotlib is imported inside the functions: importing this module is
cheap, so the card can use ``FIGURES`` without paying for it.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from .figure_data import DISTRIBUTION_FIELDS, UNLABELLED, counts, crosstab
from .palette import BAR_COLOUR, UNLABELLED_COLOUR, VERIFICATION_COLOURS

FOLDER = "figures"
#: File stem -> caption (alt text in the card), in card order.
FIGURES = {
    "label_distribution": "Label distribution of the sentence-level fields (sentences config)",
    "source_hedge": "Primary source type by hedge level (sentences config)",
    "verification_by_source": "Verification status by source type (claims config)",
}
RC = {"font.family": "DejaVu Sans", "font.size": 8, "axes.titlesize": 9, "figure.dpi": 100,
      "savefig.dpi": 100, "axes.spines.top": False, "axes.spines.right": False}


def figure_path(name: str) -> str:
    """Path of a figure relative to the release folder."""
    return f"{FOLDER}/{name}.png"


def new_figure(width: float, height: float, **margins):
    """A figure with fixed margins: no layout engine (slow, and margins that depend on text extents)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(**margins)
    FigureCanvasAgg(fig)
    return fig


def empty_note(ax, total: int) -> None:
    if total == 0:
        ax.text(0.5, 0.5, "no labelled rows yet", transform=ax.transAxes, ha="center", va="center",
                color="#555555")


def label_distribution(tables: dict[str, pa.Table]):
    """One horizontal bar chart per sentence-level ``ClassLabel`` field."""
    fig = new_figure(8, 7, left=0.17, right=0.97, top=0.92, bottom=0.03, wspace=0.75, hspace=0.3)
    for ax, field in zip(fig.subplots(3, 2).flat, DISTRIBUTION_FIELDS):
        dist = counts(tables["sentences"], "sentences", field)
        names = list(dist)[::-1]
        palette = VERIFICATION_COLOURS if field == "verification_status" else {}
        colours = [UNLABELLED_COLOUR if n == UNLABELLED else palette.get(n, BAR_COLOUR) for n in names]
        bars = ax.barh(names, [dist[n] for n in names], color=colours)
        ax.bar_label(bars, padding=2)
        ax.set_title(field)
        ax.margins(x=0.15)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
    fig.suptitle(f"Sentence labels ({tables['sentences'].num_rows} sentences)")
    return fig


def source_hedge(tables: dict[str, pa.Table]):
    """Heatmap of primary source type by hedge level, with counts in the non-empty cells."""
    rows, cols, matrix = crosstab(tables["sentences"], "sentences", "primary_source_type", "hedge_level")
    fig = new_figure(6.5, 4, left=0.24, right=0.97, top=0.92, bottom=0.12)
    ax = fig.subplots()
    ax.imshow(matrix, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, *(max(r) for r in matrix)))
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(rows)), rows)
    peak = max(max(r) for r in matrix)
    for i, row in enumerate(matrix):
        for j, n in enumerate(row):
            if n:
                ax.text(j, i, str(n), ha="center", va="center", color="white" if n > peak / 2 else "black")
    ax.set_xlabel("hedge_level")
    ax.set_ylabel("primary_source_type")
    ax.set_title("Sentences: primary source type by hedge level")
    return fig


def verification_by_source(tables: dict[str, pa.Table]):
    """Stacked bars: verification status of the atomic claims of each source type."""
    rows, cols, matrix = crosstab(tables["claims"], "claims", "source_type", "verification_status")
    fig = new_figure(7.5, 3.8, left=0.2, right=0.8, top=0.92, bottom=0.13)
    ax = fig.subplots()
    left = [0] * len(rows)
    for j, status in enumerate(cols):
        widths = [row[j] for row in matrix]
        ax.barh(rows[::-1], widths[::-1], left=left[::-1], label=status,
                color=VERIFICATION_COLOURS.get(status, UNLABELLED_COLOUR))
        left = [a + b for a, b in zip(left, widths)]
    empty_note(ax, sum(left))
    ax.set_xlabel("atomic claims")
    ax.set_title(f"Claims: verification status by source type ({tables['claims'].num_rows} claims)")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False)
    return fig


PLOTS = {"label_distribution": label_distribution, "source_hedge": source_hedge,
         "verification_by_source": verification_by_source}


def write_figures(out_dir: Path, tables: dict[str, pa.Table]) -> list[Path]:
    """Write every figure of ``FIGURES`` as ``out_dir/<name>.png``; return the paths."""
    import matplotlib.style

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with matplotlib.style.context(["default", RC]):
        for name in FIGURES:
            path = out_dir / f"{name}.png"
            PLOTS[name](tables).savefig(path, format="png", metadata={"Software": None})
            paths.append(path)
    return paths
