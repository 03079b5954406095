"""pandera schemas of the release tables, derived from :mod:`.configs`.

Each flat column not marked ``checked=False`` becomes a column with its dtype,
nullability, uniqueness and value checks (label domain, pattern, length,
bounds); each :class:`.RowCheck` of a config becomes a dataframe check.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .configs import RELEASE, release_for
from .fields import BOOL, FLOAT32, INT8, INT32, LABEL, STRING, Field, Record, release_columns
from .labels import INVENTORIES

DTYPES = {STRING: str, INT32: "Int64", INT8: "Int64", LABEL: "Int64", BOOL: "boolean", FLOAT32: "float32"}


def label_ids(field: Field) -> range:
    """Ids of the labels a column may hold (a contiguous range of the inventory's ids)."""
    ids = [i for i, v in enumerate(field.inventory) if v not in field.exclude]
    assert ids == list(range(ids[0], ids[-1] + 1)), f"{field.name}: excluded labels must be at an end"
    return range(ids[0], ids[-1] + 1)


def python_pattern(pattern: str) -> str:
    """``pattern`` for Python's ``re``, where ``$`` also matches before a final newline: ``\\Z`` instead."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern


def value_checks(field: Field) -> list[pa.Check]:
    checks = []
    if field.type == LABEL:
        checks.append(pa.Check.isin(label_ids(field)))
    if field.one_of is not None:
        checks.append(pa.Check.isin(field.one_of))
    if field.pattern is not None:
        checks.append(pa.Check.str_matches(python_pattern(field.pattern)))
    if field.min_length is not None:
        checks.append(pa.Check.str_length(min_value=field.min_length))
    if field.minimum is not None:
        checks.append(pa.Check.in_range(field.minimum, field.maximum) if field.maximum is not None
                      else pa.Check.ge(field.minimum))
    if field.above is not None:
        checks.append(pa.Check.gt(field.above))
    return checks


def column(field: Field) -> pa.Column:
    return pa.Column(DTYPES[field.type], value_checks(field), nullable=field.nullable and not field.filled,
                     unique=field.unique)


def checked_columns(record: Record) -> list[Field]:
    """The columns pandera checks: flat ones not marked ``checked=False``."""
    return [c for c in release_columns(record) if c.checked and not c.nested]


def implies(a: str, b: str) -> pa.Check:
    return pa.Check(lambda df: ~(df[a].fillna(False) & ~df[b].fillna(False)),
                    name=f"{a}_implies_{b}", error=f"{a} implies {b}")


def prefixed(df: pd.DataFrame) -> pd.Series:
    return pd.Series([c.startswith(s + "-c") for c, s in zip(df["claim_id"], df["sentence_id"])],
                     index=df.index, dtype=bool)


def row_check(name: str, test) -> pa.Check:
    return pa.Check(test, name=name)


#: Each named row check of :mod:`.configs`: ``(columns it reads, builder)``, both called with its args.
ROW_CHECKS = {
    "implies": (lambda a, b: (a, b), implies),
    "start_before_end": (lambda: ("start", "end"),
                         lambda: row_check("start_before_end", lambda df: df["start"] < df["end"])),
    "text_length_is_span": (lambda: ("text", "start", "end"), lambda: row_check(
        "text_length_is_span", lambda df: df["text"].str.len() == df["end"] - df["start"])),
    "not_claim_iff_not_is_claim": (lambda: ("is_claim", "claim_type"), lambda: row_check(
        "not_claim_iff_not_is_claim",
        lambda df: df["is_claim"].isna() | (df["is_claim"] == (df["claim_type"] != 0)))),
    "claim_id_prefixed_by_sentence_id": (lambda: ("claim_id", "sentence_id"),
                                         lambda: row_check("claim_id_prefixed_by_sentence_id", prefixed)),
    "published_iff_basis_not_none": (lambda: ("published", "published_basis"), lambda: row_check(
        "published_iff_basis_not_none",
        lambda df: df["published"].isna() == (df["published_basis"] == INVENTORIES["published_basis"].index("none")))),
}


def dataframe_schema(record: Record) -> pa.DataFrameSchema:
    """The pandera schema of ``record``; its ``metadata["columns"]`` are the columns its checks read."""
    columns = {c.name: column(c) for c in checked_columns(record)}
    rules = [ROW_CHECKS[c.name] for c in record.checks]
    read = [*columns, *record.unique, *(n for (cols, _), c in zip(rules, record.checks) for n in cols(*c.args))]
    return pa.DataFrameSchema(columns, checks=[build(*c.args) for (_, build), c in zip(rules, record.checks)],
                              unique=list(record.unique) or None, metadata={"columns": list(dict.fromkeys(read))})


SCHEMAS = {name: dataframe_schema(record) for name, record in RELEASE.items()}


def schema_for(config: str, definitions=()) -> pa.DataFrameSchema:
    """The pandera schema of ``config``, with the columns of declared extra layers."""
    if config == "sentences" and definitions:
        return dataframe_schema(release_for(definitions)["sentences"])
    return SCHEMAS[config]


def without_dtypes(schema: pa.DataFrameSchema) -> pa.DataFrameSchema:
    """``schema`` with every check but the column dtypes: for a frame converted from an Arrow table whose
    schema was compared with the config's exactly, which fixes every dtype (pandera's own dtype checks
    took about 40% of its time)."""
    return schema.update_columns({name: {"dtype": None} for name in schema.columns})


#: :func:`without_dtypes` of each config's schema.
VALUE_SCHEMAS = {name: without_dtypes(schema) for name, schema in SCHEMAS.items()}


def value_schema_for(config: str, definitions=()) -> pa.DataFrameSchema:
    """:func:`without_dtypes` of :func:`schema_for`."""
    return without_dtypes(schema_for(config, definitions)) if config == "sentences" and definitions \
        else VALUE_SCHEMAS[config]
