"""The card's statistics are those of the release, and its YAML describes the release."""

from __future__ import annotations

import re

import pyarrow.parquet as pq
import pytest
import yaml

from claimcorpus.publish.summary import release_stats
from claimcorpus.release.release import data_path
from claimcorpus.schema.features import CONFIGS

from .conftest import ROOT

CARDS = [ROOT / "dataset_card.md", ROOT / "dataset" / "README.md"]


def tables():
    return {c: pq.read_table(ROOT / "dataset" / data_path(c)) for c in CONFIGS}


def card_rows(text: str) -> list[tuple[str, str]]:
    """``| key | value |`` rows of the card's generated statistics block: (first cell, rest)."""
    block = re.search(r"<!-- BEGIN GENERATED: stats -->\n(.*?)<!-- END GENERATED: stats -->", text, re.S)
    rows = []
    for line in block.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2:
            rows.append((cells[0].strip("`"), " | ".join(cells[1:])))
    return rows


@pytest.mark.parametrize("card", CARDS, ids=["root", "hub"])
def test_counts_in_the_card_equal_the_release(card):
    stats = release_stats(tables())
    rows = dict(card_rows(card.read_text()))
    for key in ("documents", "paragraphs", "sentences", "claims", "evidence", "artifacts", "sources", "hedge_cues"):
        assert rows[key] == str(stats[key]), key


@pytest.mark.parametrize("card", CARDS, ids=["root", "hub"])
def test_label_distributions_in_the_card_equal_the_release(card):
    stats = release_stats(tables())
    rows = card_rows(card.read_text())
    for group in ("sentence_labels", "claim_labels", "evidence_labels", "nested_labels"):
        for field, dist in stats[group].items():
            shown = ", ".join(f"{k}: {v}" for k, v in dist.items())
            assert (field, f"{sum(dist.values())} | {shown}") in rows, (group, field)


def test_yaml_header_describes_every_config_with_its_row_count():
    text = (ROOT / "dataset" / "README.md").read_text()
    meta = yaml.safe_load(re.match(r"\A---\n(.*?)\n---\n", text, re.S).group(1))
    assert [c["config_name"] for c in meta["configs"]] == list(CONFIGS)
    counts = {i["config_name"]: i["splits"][0]["num_examples"] for i in meta["dataset_info"]}
    assert counts == {c: t.num_rows for c, t in tables().items()}
    for key in ("license", "language", "task_categories", "task_ids", "size_categories", "pretty_name"):
        assert meta[key], key


def provenance_rows(text: str) -> dict[str, list[str]]:
    section = text.split("## Provenance", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].strip("| "): cells for cells in rows[1:]}


def test_provenance_answers_for_every_layer_and_matches_annotations_creators():
    text = (ROOT / "dataset_card.md").read_text(encoding="utf-8")
    header = yaml.safe_load(text.split("---\n")[1])
    rows = provenance_rows(text)
    for layer in ("sentence boundaries", "sentence labels", "evidence pool", "verification and attribution",
                  "derived fields"):
        row = next((cells for name, cells in rows.items() if name.startswith(layer)), None)
        assert row is not None and len(row) == 6, layer
    machine_only = "No person\nlabelled, reviewed or adjudicated any item" in text
    assert header["annotations_creators"] == (["machine-generated"] if machine_only else ["expert-generated"])
    assert "not** agreement between people" in text


def test_dataset_info_entries_equal_what_datasets_writes(release):
    """The card's ``dataset_info`` entries are built without ``DatasetInfo._to_yaml_dict`` (which first
    converts the whole info to a dict); they must equal its output for every config."""
    from datasets import DatasetInfo, Features, SplitDict, SplitInfo

    from claimcorpus.publish.card import dataset_info_yaml
    from claimcorpus.release.release import read_tables

    tables = read_tables(release)
    for entry in dataset_info_yaml(tables):
        table = tables[entry["config_name"]]
        splits = SplitDict()
        splits.add(SplitInfo(name="test", num_examples=table.num_rows, num_bytes=table.nbytes))
        info = DatasetInfo(features=Features.from_arrow_schema(table.schema), config_name=entry["config_name"],
                           splits=splits)
        expected = {"config_name": entry["config_name"], **info._to_yaml_dict()}
        assert (entry, list(entry)) == (expected, list(expected))


def test_the_header_dumped_in_two_parts_equals_one_dump_of_the_whole_mapping(release):
    from claimcorpus.publish.card import CARD_META, dataset_info_yaml, dump_yaml, front_matter, loadable_configs
    from claimcorpus.release.release import read_tables

    tables = read_tables(release)
    header = yaml.safe_load(front_matter(tables, "dataset/")[4:-4])
    assert list(header) == [*CARD_META, "configs", "dataset_info"]
    assert [c["config_name"] for c in header["configs"]] == loadable_configs(tables)
    assert header["dataset_info"] == dataset_info_yaml(tables)
    assert front_matter(tables, "dataset/") == "---\n" + dump_yaml(header) + "---\n"
