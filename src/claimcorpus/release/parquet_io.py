"""Reading release Parquet files: any reading error becomes a CorpusError naming the file.

A corrupted footer, a truncated file or a damaged page raise ``OSError`` or an
``ArrowException`` in pyarrow; a bit flip that still decodes may give strings
that are not UTF-8 or inconsistent offsets, which the full validation of the
table reports. Content changes that decode cleanly are left to
:mod:`claimcorpus.validate`.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import CorpusError

READ_ERRORS = (OSError, pa.ArrowException, ValueError, TypeError, KeyError, IndexError, OverflowError,
               MemoryError, RecursionError)


def unreadable(path: Path, exc: Exception) -> CorpusError:
    message = " ".join(str(exc).split())[:200]
    return CorpusError(path, "(file)", "(parquet)", "a readable Parquet file", f"{type(exc).__name__}: {message}")


def read_parquet(path: Path) -> pa.Table:
    """The table of one Parquet file, fully validated (UTF-8, offsets)."""
    try:
        table = pq.read_table(path)
        table.validate(full=True)
    except READ_ERRORS as exc:
        raise unreadable(path, exc) from None
    return table


def parquet_rows(path: Path) -> int:
    """Rows recorded in the footer of one Parquet file."""
    try:
        return pq.read_metadata(path).num_rows
    except READ_ERRORS as exc:
        raise unreadable(path, exc) from None
