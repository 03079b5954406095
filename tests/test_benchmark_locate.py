"""score and check-predictions find the release from any folder, or say in one line what to pass."""

from __future__ import annotations

import shutil
from pathlib import Path

from claimcorpus.benchmark import locate
from claimcorpus.benchmark.gold import load_gold
from claimcorpus.cli import main
from claimcorpus.release.release import data_path

CHECKOUT = Path(__file__).resolve().parents[1]


def release_predictions(tmp_path: Path) -> Path:
    """Valid check_worthiness predictions for the committed release."""
    rows = load_gold(CHECKOUT / "dataset").rows["sentences"]
    path = tmp_path / "p.tsv"
    path.write_text("id\tscore\n" + "".join(f"{r['sentence_id']}\t{k}\n" for k, r in enumerate(rows)),
                    encoding="utf-8")
    return path


def test_the_package_checkout_is_found_from_another_folder(tmp_path, monkeypatch, capsys):
    assert locate.package_checkout() == CHECKOUT
    predictions = release_predictions(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check-predictions", "check_worthiness", str(predictions)]) == 0
    assert "42 predictions for task check_worthiness, format OK (with scores)" in capsys.readouterr().out
    assert main(["score", "check_worthiness", str(predictions), "--resamples", "10"]) == 0
    out = capsys.readouterr().out
    assert "r_precision" in out and "not available" in out
    assert main(["compare", "check_worthiness", str(predictions), str(predictions), "--resamples", "10"]) == 0
    assert "r_precision" in capsys.readouterr().out


def test_the_release_in_the_current_folder_comes_first(tmp_path, monkeypatch):
    for config in ("sentences", "claims"):
        target = tmp_path / "dataset" / data_path(config)
        target.parent.mkdir(parents=True)
        shutil.copyfile(CHECKOUT / "dataset" / data_path(config), target)
    monkeypatch.chdir(tmp_path)
    assert locate.release_folder(None, None) == Path("dataset")
    assert locate.release_folder(Path("elsewhere"), tmp_path) == Path("elsewhere")
    assert locate.release_folder(None, tmp_path) == tmp_path / "dataset"


def test_no_release_anywhere_says_what_to_pass(tmp_path, monkeypatch, capsys):
    predictions = release_predictions(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(locate, "package_checkout", lambda: tmp_path / "site-packages")
    assert main(["score", "check_worthiness", str(predictions)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pass --gold DIR (a dataset/ folder) or --root DIR (a checkout)" in err
    assert f"no release in {tmp_path / 'dataset'} or {tmp_path / 'site-packages' / 'dataset'}" in err


def test_a_root_without_a_release_says_what_to_pass(tmp_path, capsys):
    predictions = release_predictions(tmp_path)
    assert main(["--root", str(tmp_path), "check-predictions", "check_worthiness", str(predictions)]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: (command line): record (options): field '--root': expected a checkout with its "
                   f"release in dataset/ (or pass --gold DIR), found 'no release in {tmp_path / 'dataset'}'\n")
