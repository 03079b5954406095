"""Croissant 1.0 JSON-LD metadata of a release (``croissant.json`` in the release folder).

One FileObject per Parquet file (sha256 of the file as written, so it equals
the manifest's), or for a sharded config one FileSet of its shards (their
checksums are in the manifest), one RecordSet per config with a Field per column, and one
enumeration RecordSet per label inventory. License, citation and description
come from the card: ``CARD_META`` and the release's ``README.md`` (written first
by :func:`claimcorpus.publish.release_extras.write_extras`; without it the
description falls back to the pretty name and there is no citation).
"""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pyarrow as pa

from .. import __release_date__, __version__
from ..paths import CROISSANT as NAME
from ..paths import config_files
from ..release.release import data_path, file_sha256
from ..release.shards import shard_files
from ..schema.features import CONFIGS, table_features
from .card import CARD_META, FRONT_MATTER, README
from .croissant_fields import enumerations, record_set

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
CR, SC = "http://mlcommons.org/croissant/", "https://schema.org/"
#: The Croissant 1.0 JSON-LD context (term -> IRI in the cr:, sc: and dct: vocabularies).
CR_TERMS = ("citeAs", "column", "equivalentProperty", "extract", "field", "fileProperty", "fileObject", "fileSet",
            "format", "includes", "isLiveDataset", "jsonPath", "key", "md5", "parentField", "path",
            "recordSet", "references", "regex", "repeated", "replace", "samplingRate", "separator",
            "source", "subField", "transform")
CONTEXT = {"@language": "en", "@vocab": SC, "sc": SC, "cr": CR, "rai": f"{CR}RAI/",
           "dct": "http://purl.org/dc/terms/", "conformsTo": "dct:conformsTo",
           "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
           "examples": {"@id": "cr:examples", "@type": "@json"}, **{term: f"cr:{term}" for term in CR_TERMS}}


def card_body(dataset_dir: Path) -> str:
    """The release card without its YAML header ("" when there is no card)."""
    path = dataset_dir / README
    return FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1) if path.is_file() else ""


def first_paragraph(body: str) -> str | None:
    """The first prose paragraph of the card (headings, rules, lists, code, tables skipped)."""
    for block in re.split(r"\n\s*\n", body):
        text = block.strip()
        if text and not text.startswith(("#", "-", "<!--", "```", "|", ">", "!")):
            return " ".join(text.split())
    return None


def citation(body: str) -> str | None:
    """The fenced code block under the card's ``## Citation`` heading."""
    match = re.search(r"^## Citation\s*\n+```[\w-]*\n(.*?)\n```", body, re.M | re.S)
    return match.group(1).strip() if match else None


def file_object(dataset_dir: Path, config: str) -> dict:
    path = dataset_dir / data_path(config)
    return {"@type": "cr:FileObject", "@id": f"{config}-parquet", "name": f"{config}-parquet",
            "description": f"Parquet file of the `{config}` config (split `test`).",
            "contentUrl": data_path(config), "contentSize": f"{path.stat().st_size} B",
            "encodingFormat": "application/x-parquet", "sha256": file_sha256(path)}


def file_set(config: str) -> dict:
    return {"@type": "cr:FileSet", "@id": f"{config}-parquet", "name": f"{config}-parquet",
            "description": f"Parquet shards of the `{config}` config (split `test`), in name order.",
            "encodingFormat": "application/x-parquet", "includes": config_files(config)}


def distribution(dataset_dir: Path, config: str) -> dict:
    """The config's FileObject, or its FileSet when it is sharded."""
    sharded = len(shard_files(dataset_dir, config)) > 1
    return file_set(config) if sharded else file_object(dataset_dir, config)


def license_work() -> dict:
    return {"@type": "sc:CreativeWork", "name": CARD_META["license_name"],
            "description": CARD_META["license_details"]}


def croissant_jsonld(dataset_dir: Path, tables: dict[str, pa.Table]) -> dict:
    """The Croissant document of the release in ``dataset_dir`` (Parquet files already written)."""
    body = card_body(dataset_dir)
    doc = {"@context": CONTEXT, "@type": "sc:Dataset", "name": "claimcorpus", "conformsTo": CONFORMS_TO,
           "alternateName": CARD_META["pretty_name"],
           "description": first_paragraph(body) or CARD_META["pretty_name"],
           "version": __version__, "datePublished": __release_date__, "license": [license_work()],
           "inLanguage": CARD_META["language"],
           "keywords": CARD_META["task_categories"] + CARD_META["task_ids"]}
    if cite := citation(body):
        doc["citeAs"] = cite
    doc["distribution"] = [distribution(dataset_dir, config) for config in CONFIGS]
    kinds = {d["@id"]: "fileSet" if d["@type"] == "cr:FileSet" else "fileObject" for d in doc["distribution"]}
    configs = {c: table_features(tables[c].schema) for c in CONFIGS}
    doc["recordSet"] = ([record_set(c, configs[c], f"{c}-parquet", tables[c].num_rows, kinds[f"{c}-parquet"])
                         for c in CONFIGS]
                        + enumerations(configs))
    return doc


def dumps(doc: dict) -> str:
    """The document as UTF-8 JSON, 2-space indent, keys in insertion order (the bytes of
    ``json.dumps(doc, indent=2, ensure_ascii=False)``, written by orjson)."""
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def write_croissant(dataset_dir: Path, tables: dict[str, pa.Table]) -> Path:
    """Write ``dataset_dir/croissant.json``; deterministic for the same files and card."""
    path = dataset_dir / NAME
    path.write_text(dumps(croissant_jsonld(dataset_dir, tables)), encoding="utf-8")
    return path
