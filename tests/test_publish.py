"""All-or-nothing publish: a crash at any write or rename of a build leaves the complete old or new state.

A crash is simulated by raising :class:`Killed` (a ``BaseException``, so no
cleanup code runs, as after SIGKILL) from the N-th call of one of the
functions the publish calls; then the state on disk is checked, and the next
build must finish or undo what was left.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

import claimcorpus.build.release_build as release_build
import claimcorpus.release.publish as publish
from claimcorpus.cli import main
from claimcorpus.release.lock import LOCK_NAME, build_lock
from claimcorpus.release.publish import STAGING_NAME

from .conftest import DOC, copy_project, tree_digest

TARGETS = ("dataset", "dataset_card.md", "README.md")


class Killed(BaseException):
    """The build process dies here."""


def state(root):
    """Digest of every published target (a folder's files, or a file's bytes)."""
    out = {}
    for name in TARGETS:
        path = root / name
        out[name] = tree_digest(path) if path.is_dir() else (path.read_bytes() if path.is_file() else None)
    return out


def make_stale(root):
    """An evidence summary, a generated card block and the README header edited: a build changes all three."""
    evidence = root / "annotations" / "documents" / DOC / "evidence.jsonl"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace('"summary": "', '"summary": "Edited. ', 1),
                        encoding="utf-8")
    card = root / "dataset_card.md"
    card.write_text(card.read_text(encoding="utf-8").replace("<!-- BEGIN GENERATED: stats -->\n",
                                                             "<!-- BEGIN GENERATED: stats -->\nstale\n", 1),
                    encoding="utf-8")
    readme = root / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("config_name: claims", "config_name: old", 1),
                      encoding="utf-8")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The old state (a stale project) and the new one (what its build publishes)."""
    old = copy_project(tmp_path_factory.mktemp("old") / "p")
    make_stale(old)
    new = copy_project(tmp_path_factory.mktemp("new") / "p")
    make_stale(new)
    assert main(["--root", str(new), "build"]) == 0
    old_state, new_state = state(old), state(new)
    assert all(old_state[t] != new_state[t] for t in TARGETS)
    return old_state, new_state


def count_calls(monkeypatch, target, name):
    calls = []
    real = getattr(target, name)
    monkeypatch.setattr(target, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def kill_at(monkeypatch, target, name, n):
    """Make the ``n``-th call (from 1) of ``target.name`` kill the build."""
    real, seen = getattr(target, name), []

    def maybe_die(*args, **kwargs):
        seen.append(1)
        if len(seen) == n:
            raise Killed(f"{name} #{n}")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, maybe_die)


# Every write and rename of the publish: (module, function, how many calls a build makes).
POINTS = [(release_build, "stage_files", 1), (publish, "flush_to_disk", 1), (publish, "write_marker", 1),
          (publish.os, "replace", 3), (publish, "exchange", 1), (publish, "discard", 1)]


def cases():
    return [pytest.param(m, f, n, id=f"{f}#{n}") for m, f, count in POINTS for n in range(1, count + 1)]


@pytest.mark.parametrize(("module", "function", "n"), cases())
def test_a_kill_leaves_old_or_new_and_the_next_build_finishes(tmp_path, states, monkeypatch, module, function, n):
    old_state, new_state = states
    root = copy_project(tmp_path / "p")
    make_stale(root)
    with monkeypatch.context() as patch:
        kill_at(patch, module, function, n)
        with pytest.raises(Killed):
            main(["--root", str(root), "build"])
    after = state(root)
    for target in TARGETS:
        assert after[target] in (old_state[target], new_state[target]), f"{target} is neither old nor new"
    assert main(["--root", str(root), "build"]) == 0
    assert state(root) == new_state
    assert not (root / STAGING_NAME).exists()


def test_the_publish_points_are_all_reached(tmp_path, monkeypatch):
    """The parametrised kills above hit calls that a build really makes, as many as listed."""
    root = copy_project(tmp_path / "p")
    make_stale(root)
    counts = {f: count_calls(monkeypatch, m, f) for m, f, _ in POINTS}
    assert main(["--root", str(root), "build"]) == 0
    assert {f: len(c) for f, c in counts.items()} == {f: n for _, f, n in POINTS}


def test_a_kill_before_the_commit_point_keeps_the_old_state(tmp_path, states, monkeypatch):
    old_state, _ = states
    root = copy_project(tmp_path / "p")
    make_stale(root)
    kill_at(monkeypatch, publish, "write_marker", 1)
    with pytest.raises(Killed):
        main(["--root", str(root), "build"])
    assert state(root) == old_state
    assert publish.recover(root) and state(root) == old_state


def test_bad_input_discards_the_stage_and_changes_nothing(project, capsys):
    labels = project / "annotations" / "documents" / DOC / "gold" / "sentence_labels.jsonl"
    labels.write_text(labels.read_text(encoding="utf-8").replace('"hedge_level": "certain"', '"hedge_level": "x"', 1),
                      encoding="utf-8")
    before = state(project)
    assert main(["--root", str(project), "build"]) == 2
    assert "field 'hedge_level'" in capsys.readouterr().err
    assert state(project) == before and not (project / STAGING_NAME).exists()


def test_a_second_build_stops_with_one_line_while_the_lock_is_held(project, capsys):
    before = state(project)
    with build_lock(project):
        assert main(["--root", str(project), "build"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {project / LOCK_NAME}: record (lock): field 'lock'")
    assert state(project) == before


def test_the_lock_is_released_when_its_holder_is_killed(project):
    code = ("import sys, time; from pathlib import Path; from claimcorpus.release.lock import build_lock\n"
            "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(project)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert main(["--root", str(project), "build"]) == 2
    finally:
        holder.kill()
        holder.wait()
    assert main(["--root", str(project), "build"]) == 0


def test_leftovers_of_crashed_builds_are_removed(project):
    (project / ".dataset.tmp-abc").mkdir()
    (project / ".dataset.tmp-abc" / "x.parquet").write_bytes(b"partial")
    (project / "dataset" / ".dataset.tmp-def").mkdir()
    stale_stage = project / STAGING_NAME / "build-dead"
    (stale_stage / "new").mkdir(parents=True)
    (stale_stage / "new" / "dataset_card.md").write_text("")
    assert main(["--root", str(project), "build"]) == 0
    assert not (project / ".dataset.tmp-abc").exists() and not (project / "dataset" / ".dataset.tmp-def").exists()
    assert not (project / STAGING_NAME).exists()


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_permissions_follow_the_umask(project, umask):
    shutil.rmtree(project / "dataset")
    previous = os.umask(umask)
    try:
        assert main(["--root", str(project), "build"]) == 0
    finally:
        os.umask(previous)
    for path in [project / "dataset", project / "dataset" / "sentences",
                 project / "dataset" / "manifest.json", project / "dataset_card.md"]:
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert path.stat().st_mode & 0o777 == expected, path


class FakeLibc:
    """A C library whose ``syncfs`` returns ``result`` and sets ``errno``."""

    def __init__(self, result: int, err: int = 0):
        self.result, self.err, self.calls = result, err, 0

    def syncfs(self, fd):
        self.calls += 1
        publish.ctypes.set_errno(self.err)
        return self.result


def counted_fsyncs(monkeypatch):
    calls = []
    real = os.fsync
    monkeypatch.setattr(publish.os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    return calls


def staged_tree(tmp_path):
    (tmp_path / "new" / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt"):
        (tmp_path / "new" / name).write_text(name, encoding="utf-8")
    return tmp_path / "new"


def test_flush_is_one_syncfs_where_the_call_exists(tmp_path, monkeypatch):
    libc = FakeLibc(0)
    monkeypatch.setattr(publish.ctypes, "CDLL", lambda *a, **k: libc)
    fsyncs = counted_fsyncs(monkeypatch)
    publish.flush_to_disk(staged_tree(tmp_path))
    assert (libc.calls, fsyncs) == (1, [])


@pytest.mark.parametrize("libc", [object(), FakeLibc(-1, publish.errno.ENOSYS)], ids=["missing", "ENOSYS"])
def test_flush_falls_back_to_fsync_of_every_file_and_folder(tmp_path, monkeypatch, libc):
    monkeypatch.setattr(publish.ctypes, "CDLL", lambda *a, **k: libc)
    fsyncs = counted_fsyncs(monkeypatch)
    publish.flush_to_disk(staged_tree(tmp_path))
    assert len(fsyncs) == 4  # new/, new/sub/, a.txt, sub/b.txt


def test_a_write_back_error_stops_the_publish_before_the_commit_point(tmp_path, monkeypatch):
    monkeypatch.setattr(publish.ctypes, "CDLL", lambda *a, **k: FakeLibc(-1, publish.errno.EIO))
    with pytest.raises(OSError, match="syncfs failed"):
        publish.flush_to_disk(staged_tree(tmp_path))
