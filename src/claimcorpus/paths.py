"""Every file and folder name of the project, the annotation tree and the release, defined once.

::

    annotations/                      ANNOTATIONS
      agreement.json                  AGREEMENT_NAME
      layers/<layer>.json             LAYERS_DIR, definition_file()
      documents/<doc_id>/             DOCUMENTS
        document.json, source.txt     META_NAME, SOURCE_NAME
        sentences.jsonl               SENTENCES_NAME (proposals: PROPOSAL_NAME)
        evidence.jsonl, evidence_searches.jsonl
        decisions.jsonl               DECISIONS_NAME
        gold/<layer>.jsonl            GOLD, layer_file()
        gold/adjudication.jsonl       PROVENANCE_NAME
        annotators/<name>/<layer>.jsonl   ANNOTATORS
    dataset/                          DATASET
      manifest.json, README.md, croissant.json
      figures/inputs.sha256           FIGURES_KEY (the folder: publish.figures.FOLDER, whose
                                      source is the figures' cache key)
      <config>/test-00000-of-00001.parquet   shard_name(), config_files()
    schema/annotations/<file>.schema.json, schema/release/<config>.schema.json
"""

from __future__ import annotations

# The project root.
ANNOTATIONS = "annotations"
DATASET = "dataset"
SCHEMA_DIR = "schema"
README = "README.md"
CARD = "dataset_card.md"

# The annotation tree.
DOCUMENTS = "documents"
AGREEMENT_NAME = "agreement.json"
LAYERS_DIR = "layers"
META_NAME = "document.json"
SOURCE_NAME = "source.txt"
SENTENCES_NAME = "sentences.jsonl"
PROPOSAL_NAME = "sentences.proposed.jsonl"
EVIDENCE_NAME = "evidence.jsonl"
EVIDENCE_SEARCHES_NAME = "evidence_searches.jsonl"
#: Optional log of a re-check of the evidence pool, one line per record checked.
EVIDENCE_AUDIT_NAME = "evidence_audit.jsonl"
DECISIONS_NAME = "decisions.jsonl"
GOLD = "gold"
ANNOTATORS = "annotators"
PROVENANCE_NAME = "adjudication.jsonl"


def layer_file(layer: str) -> str:
    """The file of a layer in an annotator folder (``gold/`` or ``annotators/<name>/``)."""
    return f"{layer}.jsonl"


def definition_file(layer: str) -> str:
    """The definition of a declared extra layer, under ``annotations/layers/``."""
    return f"{layer}.json"


# The release.
MANIFEST = "manifest.json"
CROISSANT = "croissant.json"
FIGURES_KEY = "inputs.sha256"
SPLIT = "test"
SHARD_GLOB = f"{SPLIT}-*-of-*.parquet"


def shard_name(config: str, index: int, count: int) -> str:
    """The ``index``-th of ``count`` Parquet files of ``config``, relative to the release folder."""
    return f"{config}/{SPLIT}-{index:05d}-of-{count:05d}.parquet"


def config_files(config: str) -> str:
    """The glob matching every Parquet file of ``config`` (the card's ``data_files`` pattern)."""
    return f"{config}/{SPLIT}-*.parquet"


# The generated JSON Schemas, relative to ``schema/``.
def annotation_schema_file(name: str) -> str:
    return f"annotations/{name}.schema.json"


def layer_schema_file(layer: str) -> str:
    return f"annotations/{LAYERS_DIR}/{layer}.schema.json"


def release_schema_file(config: str) -> str:
    return f"release/{config}.schema.json"
