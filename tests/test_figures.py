"""Release figures: one PNG per figure, byte-identical across runs, embedded in both cards."""

from __future__ import annotations

import struct
from pathlib import Path

import pyarrow as pa
import pytest

from claimcorpus.publish.figures import FIGURES, FOLDER, figure_path, write_figures
from claimcorpus.release.release import read_manifest, read_tables

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, pos = [], len(PNG_SIGNATURE)
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return chunks


@pytest.fixture(scope="module")
def tables(release) -> dict[str, pa.Table]:
    return read_tables(release)


def test_one_png_per_figure_and_byte_identical_twice(tables, tmp_path):
    first, second = write_figures(tmp_path / "a", tables), write_figures(tmp_path / "b", tables)
    assert [p.name for p in first] == [f"{name}.png" for name in FIGURES]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_pngs_are_real_images_without_time_or_software_metadata(tables, tmp_path):
    for path in write_figures(tmp_path, tables):
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 5000, path.name
        chunks = dict(png_chunks(data))
        width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
        assert width >= 400 and height >= 300
        assert b"tIME" not in chunks
        assert not any(kind in (b"tEXt", b"iTXt") and b"Software" in body for kind, body in png_chunks(data))


def test_release_figures_are_listed_and_match_a_fresh_render(release, tables, tmp_path):
    listed = {e["path"] for e in read_manifest(release)["files"]}
    for path in write_figures(tmp_path, tables):
        assert f"{FOLDER}/{path.name}" in listed
        assert (release / FOLDER / path.name).read_bytes() == path.read_bytes()


def test_unlabelled_tables_still_give_figures(tables, tmp_path):
    """Before gold labels exist every label column is null: the figures must still render."""
    nulled = {}
    for config, table in tables.items():
        for name in ("claim_type", "hedge_level", "primary_source_type", "verification_status", "source_type"):
            if name in table.column_names:
                index = table.column_names.index(name)
                table = table.set_column(index, table.field(index), pa.nulls(table.num_rows, table.field(index).type))
        nulled[config] = table
    nulled["claims"] = nulled["claims"].slice(0, 0)
    assert all(p.stat().st_size > 5000 for p in write_figures(tmp_path, nulled))


@pytest.mark.parametrize(("card", "prefix"), [("dataset_card.md", "dataset/"), ("dataset/README.md", "")])
def test_embedded_in_both_cards_with_working_relative_paths(built, card, prefix):
    path = built / card
    text = path.read_text(encoding="utf-8")
    for name, caption in FIGURES.items():
        link = f"![{caption}]({prefix}{figure_path(name)})"
        assert link in text, link
        assert (path.parent / prefix / figure_path(name)).is_file()


def test_text_uses_matplotlibs_bundled_font():
    """A system copy of DejaVu Sans could differ: the bundled one keeps the PNGs identical everywhere."""
    import matplotlib
    from matplotlib import font_manager

    from claimcorpus.publish.figures import RC

    found = Path(font_manager.findfont(font_manager.FontProperties(family=RC["font.family"])))
    assert found.is_relative_to(Path(matplotlib.get_data_path()))
