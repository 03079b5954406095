"""A release config with label names, for pandas, polars, Arrow and DuckDB users.

The Parquet files store every label column (``ClassLabel``, also inside lists
and structs) as an integer code; the names are in the ``datasets`` features
kept in the file's metadata. :func:`read_config` turns the codes into
dictionary-encoded columns of names (pandas ``Categorical``, polars
``Categorical``) in the inventory's order, and :func:`duckdb_view_sql` writes a
DuckDB view doing the same over the unchanged files.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import ClassLabel, List

from ..errors import CorpusError
from ..paths import DATASET, MANIFEST, config_files
from ..schema.features import CONFIGS, table_features
from .shards import read_config as read_table
from .shards import shard_files

ENGINES = ("pandas", "polars", "arrow")
LABELS = ("names", "codes")


def release_folder(root: Path | None) -> Path:
    """``root`` if it is a release folder, else ``root/dataset`` (default: ``./dataset``)."""
    root = Path(".") if root is None else Path(root)
    return root if (root / MANIFEST).is_file() or not (root / DATASET).is_dir() else root / DATASET


def checked(name: str, folder: Path) -> None:
    if name not in CONFIGS:
        raise CorpusError(folder, name, "config", f"one of {', '.join(CONFIGS)}", name)
    if not shard_files(folder, name):
        raise CorpusError(folder / config_files(name), "(file)", "path", "a Parquet file of the config", "missing")


def named(array: pa.Array, feature) -> pa.Array:
    """``array`` with every ``ClassLabel`` code, at any depth, replaced by its name (dictionary-encoded)."""
    if isinstance(feature, ClassLabel):
        return pa.DictionaryArray.from_arrays(array.cast(pa.int32()), pa.array(feature.names, pa.string()))
    if isinstance(feature, List):
        values = named(array.values, feature.feature)
        return type(array).from_arrays(array.offsets, values, mask=array.is_null())
    if isinstance(feature, dict):
        children = [named(array.field(k), f) for k, f in feature.items()]
        return pa.StructArray.from_arrays(children, names=list(feature), mask=array.is_null())
    return array


def with_names(table: pa.Table) -> pa.Table:
    """The table with label names instead of codes, using the features stored in its metadata."""
    features = table_features(table.schema)
    columns = [named(table.column(k).combine_chunks(), features[k]) for k in table.column_names]
    return pa.table(columns, names=table.column_names)


def read_config(name: str, labels: str = "names", root: Path | None = None, engine: str = "pandas"):
    """The config ``name`` of the release as a pandas or polars DataFrame or an Arrow table.

    ``labels="names"``: label columns (also inside lists and structs) hold the label names,
    dictionary-encoded in the inventory's order; ``"codes"``: the integer codes as stored.
    ``root``: the release folder or the project folder holding ``dataset/`` (default: ``.``).
    """
    if labels not in LABELS:
        raise CorpusError("(argument)", "labels", "labels", f"one of {', '.join(LABELS)}", labels)
    if engine not in ENGINES:
        raise CorpusError("(argument)", "engine", "engine", f"one of {', '.join(ENGINES)}", engine)
    folder = release_folder(root)
    checked(name, folder)
    table = read_table(folder, name)
    if labels == "names":
        table = with_names(table)
    if engine == "pandas":
        return table.to_pandas()
    if engine == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return table


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def named_sql(expr: str, feature, depth: int = 0) -> str | None:
    """A DuckDB expression giving ``expr`` with label names, or ``None`` if it holds no label."""
    if isinstance(feature, ClassLabel):
        return f"([{', '.join(map(sql_string, feature.names))}])[{expr} + 1]"
    if isinstance(feature, List):
        var = f"x{depth}"
        inner = named_sql(var, feature.feature, depth + 1)
        return None if inner is None else f"list_transform({expr}, lambda {var}: {inner})"
    if isinstance(feature, dict):
        parts = {k: named_sql(f"{expr}.{sql_ident(k)}", f, depth + 1) for k, f in feature.items()}
        if all(p is None for p in parts.values()):
            return None
        fields = ", ".join(f"{sql_string(k)}: {p or f'{expr}.{sql_ident(k)}'}" for k, p in parts.items())
        return f"CASE WHEN {expr} IS NULL THEN NULL ELSE {{{fields}}} END"
    return None


def duckdb_view_sql(name: str, root: Path | None = None, view: str | None = None) -> str:
    """``CREATE OR REPLACE VIEW`` over the config's Parquet files, with label names instead of codes."""
    folder = release_folder(root)
    checked(name, folder)
    features = table_features(pq.read_schema(shard_files(folder, name)[0]))
    replaced = {k: e for k, f in features.items() if (e := named_sql(sql_ident(k), f)) is not None}
    columns = ", ".join(replaced.get(k, sql_ident(k)) + (f" AS {sql_ident(k)}" if k in replaced else "")
                        for k in features)
    files = sql_string((folder.resolve() / config_files(name)).as_posix())
    return f"CREATE OR REPLACE VIEW {sql_ident(view or name)} AS SELECT {columns} FROM read_parquet({files})"
