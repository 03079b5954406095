"""Names from data or options are names, not paths; every path built from data stays inside its root."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..errors import CorpusError

#: Annotator names, doc ids used as folder names and layer file names: one slug, no path syntax.
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
NAME_RE = re.compile(NAME_PATTERN)


def check_name(name, file, record: str, field: str, what: str = "a name") -> str:
    """``name`` if it matches :data:`NAME_PATTERN`, else a CorpusError (before any path is built)."""
    if not isinstance(name, str) or not NAME_RE.match(name) or name.endswith("\n"):
        raise CorpusError(file, record, field, f"{what} matching {NAME_PATTERN} (a name, not a path)", name)
    return name


def check_file_name(name, file, record: str, field: str) -> str:
    """A plain file name (no folder part, not ``.``/``..``, no NUL), else a CorpusError."""
    if (not isinstance(name, str) or not name or len(name) > 255 or name in (".", "..")
            or any(c in name for c in "/\\\0")):
        raise CorpusError(file, record, field, "a plain file name in the same folder (no path)", name)
    return name


def check_relative_path(rel, file, record: str, field: str) -> str:
    """A relative POSIX path without ``.``, ``..``, empty parts, backslashes or NUL, else a CorpusError."""
    parts = PurePosixPath(rel).parts if isinstance(rel, str) else ()
    if (not isinstance(rel, str) or not rel or rel.startswith("/") or any(c in rel for c in "\\\0:")
            or rel != PurePosixPath(rel).as_posix() or any(p in (".", "..") for p in parts)
            or any(len(p) > 255 for p in parts)):
        raise CorpusError(file, record, field, "a relative path inside the folder (no '..', not absolute)", rel)
    return rel


def path_inside(root: Path, name: str, file=None, record: str = "(path)", field: str = "path") -> Path:
    """``root / name``, checked (symbolic links resolved) to stay inside ``root``; else a CorpusError.

    Nothing is opened: only the names are resolved."""
    candidate = root / name
    try:
        inside = candidate.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        inside = False
    if not inside:
        raise CorpusError(file if file is not None else root, record, field, f"a path inside {root}", str(name))
    return candidate
