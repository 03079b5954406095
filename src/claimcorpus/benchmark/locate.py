"""Which release folder ``score``, ``compare``, ``check-predictions`` and ``export-tokens`` read.

In order: ``--gold DIR``; ``--root DIR``'s ``dataset/``; ``./dataset``; the
``dataset/`` of the checkout the package is installed from (an editable install
keeps its sources in ``<checkout>/src/claimcorpus``). A folder that is none of
these is rejected in one line that says what to pass.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from ..paths import DATASET
from ..release.release import data_path


def is_release(folder: Path) -> bool:
    """True if ``folder`` holds the scored configs' shards."""
    return all((folder / data_path(config)).is_file() for config in ("sentences", "claims"))


def package_checkout() -> Path:
    """The checkout whose ``src/claimcorpus`` this package runs from (for an installed wheel:
    a folder without a release)."""
    return Path(__file__).resolve().parents[3]


def release_folder(gold: Path | None, root: Path | None) -> Path:
    """The release to score against (see the module docstring)."""
    if gold is not None:
        return gold
    if root is not None:
        if not is_release(root / DATASET):
            raise CorpusError("(command line)", "(options)", "--root",
                              "a checkout with its release in dataset/ (or pass --gold DIR)",
                              f"no release in {(root / DATASET).resolve()}")
        return root / DATASET
    candidates = [Path(DATASET), package_checkout() / DATASET]
    found = next((c for c in candidates if is_release(c)), None)
    if found is None:
        raise CorpusError("(command line)", "(options)", "--gold",
                          "a release folder: pass --gold DIR (a dataset/ folder) or --root DIR (a checkout)",
                          f"no release in {Path(DATASET).resolve()} or {candidates[1]}")
    return found
