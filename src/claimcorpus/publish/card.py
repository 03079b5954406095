"""The dataset card: hand-written prose with generated YAML and generated blocks.

``dataset_card.md`` is the source. The build regenerates its YAML header and
the blocks between ``<!-- BEGIN GENERATED: name -->`` and
``<!-- END GENERATED: name -->``, writes the same card into the release as
``dataset/README.md`` (paths relative to ``dataset/``), and refreshes the YAML
header of the project README so ``load_dataset(<checkout>)`` finds the configs.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pyarrow as pa
import yaml
from datasets import DatasetInfo, SplitDict, SplitInfo

from ..paths import CARD, DATASET, README, SPLIT, config_files
from ..schema.features import CONFIGS, table_features
from .card_blocks import figures_block, generated_blocks

FRONT_MATTER = re.compile(r"\A---\n(?:.*?\n)?---\n", re.S)
BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[a-z_]+) -->\n).*?(<!-- END GENERATED: (?P=name) -->)", re.S)

#: libyaml's dumper when PyYAML was built with it (its wheels are): same output, many times faster.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
CARD_META = {
    "pretty_name": "claimcorpus: sentence-level news claims with sources, hedges and verification",
    "language": ["en"],
    "license": "other",
    "license_name": "annotations-cc-by-4.0-source-text-third-party",
    "license_details": "Annotations, schemas and code: CC BY 4.0. The source text is a machine-translated "
                       "rendering of a copyrighted news report; see the card's Distribution section.",
    "task_categories": ["text-classification", "token-classification"],
    "task_ids": ["fact-checking", "multi-class-classification", "named-entity-recognition"],
    "size_categories": ["n<1K"],
    "annotations_creators": ["machine-generated"],
    "language_creators": ["machine-generated"],
    "multilinguality": ["monolingual"],
    "source_datasets": ["original"],
}


def loadable_configs(tables: dict[str, pa.Table]) -> list[str]:
    """Configs with rows: ``datasets.load_dataset`` cannot load a split of 0 rows ("corresponds to no data"),
    so a config without rows is left out of the card's configs (its Parquet file stays in the release)."""
    return [c for c in CONFIGS if tables[c].num_rows > 0]


def dataset_info_yaml(tables: dict[str, pa.Table]) -> list[dict]:
    infos = []
    for config in loadable_configs(tables):
        features = table_features(tables[config].schema)
        info = DatasetInfo(features=features, config_name=config)
        splits = SplitDict()
        splits.add(SplitInfo(name=SPLIT, num_examples=tables[config].num_rows, num_bytes=tables[config].nbytes))
        info.splits = splits
        infos.append({"config_name": config, **info_yaml_dict(info)})
    return infos


def info_yaml_dict(info: DatasetInfo) -> dict:
    """``DatasetInfo._to_yaml_dict()`` (the card's ``dataset_info`` entry: its YAML fields that differ from
    their defaults, in field order) without first converting the whole info, features included, to a dict."""
    out = {}
    for field in dataclasses.fields(info):
        name, value = field.name, getattr(info, field.name)
        shown = not field.init or value != field.default or field.metadata.get("include_in_asdict_even_if_is_default")
        if shown and name in info._INCLUDED_INFO_IN_YAML:
            if hasattr(value, "_to_yaml_list"):
                value = value._to_yaml_list()
            elif hasattr(value, "_to_yaml_string"):
                value = value._to_yaml_string()
            out[name] = value
    return out


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=YAML_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def dataset_info_text(tables: dict[str, pa.Table]) -> str:
    """The header's ``dataset_info:`` key, dumped (the same for the release's and the project's card)."""
    return dump_yaml({"dataset_info": dataset_info_yaml(tables)})


def front_matter(tables: dict[str, pa.Table], prefix: str, with_info: bool = True, info_text: str | None = None) -> str:
    """The card's YAML header; ``info_text`` is :func:`dataset_info_text` of ``tables`` if already computed.

    The top-level keys are dumped in two parts (metadata and configs, then ``dataset_info``), which gives
    the text of one dump of the whole mapping, so the ``dataset_info`` part is dumped once per build."""
    configs = [{"config_name": c, **({"default": True} if i == 0 else {}),
                "data_files": [{"split": SPLIT, "path": prefix + config_files(c)}]}
               for i, c in enumerate(loadable_configs(tables))]
    text = dump_yaml({**CARD_META, "configs": configs})
    if with_info:
        text += info_text if info_text is not None else dataset_info_text(tables)
    return "---\n" + text + "---\n"


def replace_front_matter(text: str, header: str) -> str:
    return header + FRONT_MATTER.sub("", text, count=1)


def replace_blocks(text: str, blocks: dict[str, str]) -> str:
    def fill(match: re.Match) -> str:
        body = blocks[match.group("name")].rstrip("\n") + "\n"
        return match.group(1) + body + match.group(3)

    return BLOCK.sub(fill, text)


def rendered_cards(root: Path, tables: dict[str, pa.Table]) -> dict[str, str]:
    """The card for the release (prefix ``""``) and for the project (``"dataset/"``).

    The blocks and the ``dataset_info`` header are computed once; only the figure
    paths and the configs' data files differ between the two."""
    source = (root / CARD).read_text(encoding="utf-8")
    blocks, info = generated_blocks(root, tables, ""), dataset_info_text(tables)
    out = {}
    for prefix in ("", "dataset/"):
        body = replace_blocks(source, {**blocks, "figures": figures_block(prefix)})
        out[prefix] = replace_front_matter(body, front_matter(tables, prefix, info_text=info))
    return out


def card_texts(root: Path, tables: dict[str, pa.Table]) -> dict[str, str]:
    """The release's card (``dataset/README.md``), the refreshed ``dataset_card.md`` and project README."""
    cards = rendered_cards(root, tables)
    readme = (root / README).read_text(encoding="utf-8")
    return {f"{DATASET}/{README}": cards[""], CARD: cards["dataset/"],
            README: replace_front_matter(readme, front_matter(tables, "dataset/", with_info=False))}
