"""Files added to a release besides the Parquet data: card, figures, Croissant metadata."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..paths import DATASET, README
from .croissant import write_croissant
from .figure_cache import figures_key, reuse_figures, write_key
from .figures import FIGURES, FOLDER, write_figures


def write_extras(root: Path, dataset_dir: Path, tables: dict[str, pa.Table], card: str) -> None:
    """Write the release's card ``card`` as ``README.md``, ``figures/*.png`` and ``croissant.json``.

    Called by the build inside the staged release, before the manifest is
    written. The card comes first: the Croissant description and citation are
    read from it.
    """
    (dataset_dir / README).write_text(card, encoding="utf-8")
    figures = dataset_dir / FOLDER
    key = figures_key(dataset_dir)
    if not reuse_figures(root / DATASET / FOLDER, figures, key, list(FIGURES)):
        write_figures(figures, tables)
    write_key(figures, key)
    write_croissant(dataset_dir, tables)
