"""Shared fixtures: the project root, a scratch copy of the project, a fresh build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimcorpus.cli import main
from claimcorpus.perf.build_bench import copy_project as copy_bench_project

ROOT = Path(__file__).resolve().parents[1]
DOC = "al-tanf-drone-2021"


def copy_project(dest: Path) -> Path:
    return copy_bench_project(ROOT, dest)


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` (relative paths)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project's annotations, release and card."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def handed_over(monkeypatch) -> list:
    """The batches the main process reads back from worker files (:mod:`claimcorpus.build.handoff`), in order."""
    from claimcorpus.build import handoff

    received, read_back = [], handoff.read_back
    monkeypatch.setattr(handoff, "read_back", lambda sent: received.append(sent) or read_back(sent))
    return received


@pytest.fixture
def doc_folder(project: Path) -> Path:
    return project / "annotations" / "documents" / DOC


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A project copy rebuilt from its annotations (session-wide, read-only for tests)."""
    root = copy_project(tmp_path_factory.mktemp("built"))
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture(scope="session")
def release(built: Path) -> Path:
    return built / "dataset"


SERVER_TEST = "test_labelstudio_server.py"


def pytest_collection_modifyitems(session, config, items):
    """The real-server test runs last, so the server can start (and migrate its database) meanwhile."""
    items.sort(key=lambda item: item.path.name == SERVER_TEST)


def pytest_collection_finish(session):
    """Start the Label Studio server now when its test is selected (it takes minutes to come up)."""
    if any(item.path.name == SERVER_TEST for item in session.items):
        from . import labelstudio_server

        labelstudio_server.start_early()


def pytest_sessionfinish(session, exitstatus):
    from . import labelstudio_server

    labelstudio_server.stop_early()
