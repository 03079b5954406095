"""``claimcorpus validate`` accepts the release and catches any corruption."""

from __future__ import annotations

import json
import shutil

import pytest

from claimcorpus.cli import main
from claimcorpus.errors import CorpusError
from claimcorpus.release.release import MANIFEST
from claimcorpus.validate.verify import verify_release

from .conftest import ROOT


def released_files():
    return [e["path"] for e in json.loads((ROOT / "dataset" / MANIFEST).read_text())["files"]]


def test_release_validates(capsys):
    assert main(["--root", str(ROOT), "validate"]) == 0
    assert "OK" in capsys.readouterr().out


@pytest.mark.parametrize("rel", released_files())
def test_flipped_byte_is_detected(tmp_path, rel, capsys):
    copy = tmp_path / "dataset"
    shutil.copytree(ROOT / "dataset", copy)
    path = copy / rel
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(CorpusError) as err:
        verify_release(copy)
    assert rel in err.value.file and err.value.field == "sha256"


def test_unlisted_and_missing_files_are_detected(tmp_path):
    copy = tmp_path / "dataset"
    shutil.copytree(ROOT / "dataset", copy)
    (copy / "stray.parquet").write_bytes(b"x")
    with pytest.raises(CorpusError, match="stray.parquet"):
        verify_release(copy)
    (copy / "stray.parquet").unlink()
    (copy / released_files()[0]).unlink()
    with pytest.raises(CorpusError, match="missing"):
        verify_release(copy)
