"""The layering of docs/architecture.md: each subpackage imports only the ones its row allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimcorpus"
BASE = {"errors", "paths", "guard"}
ALLOWED = {
    "guard": {"errors"},
    "schema": BASE,
    "corpus": BASE | {"schema"},
    "release": BASE | {"schema"},
    "build": BASE | {"schema", "corpus", "release", "publish"},
    "publish": BASE | {"schema", "corpus", "release", "extend", "benchmark"},
    "validate": BASE | {"schema", "corpus", "release", "build", "publish"},
    "extend": BASE | {"schema", "corpus", "build"},
    "benchmark": BASE | {"schema", "corpus", "release", "publish"},
}


def imported_subpackages(folder: Path) -> dict[str, set[str]]:
    """``module -> claimcorpus subpackages it imports`` for every module below ``folder``."""
    out = {}
    for path in folder.rglob("*.py"):
        parts = ("claimcorpus", *path.relative_to(PACKAGE).parts[:-1])
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = list(parts[:len(parts) - node.level + 1]) if node.level else []
                name = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
                pieces = name.split(".")
                if pieces[0] == "claimcorpus" and len(pieces) > 1:
                    found.add(pieces[1])
        out[str(path.relative_to(PACKAGE))] = found - {folder.name}
    return out


@pytest.mark.parametrize("subpackage", sorted(ALLOWED))
def test_subpackage_imports_follow_the_layering(subpackage):
    for module, imports in imported_subpackages(PACKAGE / subpackage).items():
        assert imports <= ALLOWED[subpackage], f"{module} imports {sorted(imports - ALLOWED[subpackage])}"


def test_every_subpackage_has_a_rule():
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert subpackages - {"cli", "perf"} == set(ALLOWED)
