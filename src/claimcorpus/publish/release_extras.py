"""Files added to a release besides the Parquet data: card, figures, Croissant metadata."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..paths import DATASET
from .card import write_hub_card
from .croissant import write_croissant
from .figure_cache import figures_key, reuse_figures, write_key
from .figures import FIGURES, FOLDER, write_figures


def write_extras(root: Path, dataset_dir: Path, tables: dict[str, pa.Table]) -> None:
    """Write ``README.md``, ``figures/*.png`` and ``croissant.json`` into ``dataset_dir``.

    Called by the build inside the release's temporary folder, before the
    manifest is written. The card comes first: the Croissant description and
    citation are read from it.
    """
    write_hub_card(root, dataset_dir, tables)
    figures = dataset_dir / FOLDER
    key = figures_key(dataset_dir)
    if not reuse_figures(root / DATASET / FOLDER, figures, key, list(FIGURES)):
        write_figures(figures, tables)
    write_key(figures, key)
    write_croissant(dataset_dir, tables)
