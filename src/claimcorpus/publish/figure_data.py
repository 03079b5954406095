"""Counts behind the release figures, computed from the tables (no plotting here).

Unlabelled values (null label columns, e.g. before gold labels exist) are
counted under ``UNLABELLED`` so a figure never silently drops rows.
"""

from __future__ import annotations

import pyarrow as pa

from ..schema.features import CONFIGS

UNLABELLED = "(unlabelled)"
#: Sentence-level ``ClassLabel`` fields shown in the label-distribution figure.
DISTRIBUTION_FIELDS = ("claim_type", "hedge_level", "primary_source_type", "verification_status",
                       "attribution_status", "claimbuster_label")


def label_names(config: str, column: str) -> list[str]:
    return list(CONFIGS[config][column].names)


def decoded(table: pa.Table, config: str, column: str) -> list[str]:
    """Label names of a ``ClassLabel`` column, nulls as ``UNLABELLED``."""
    feature = CONFIGS[config][column]
    return [UNLABELLED if v is None else feature.int2str(v) for v in table.column(column).to_pylist()]


def categories(config: str, column: str, values: list[str]) -> list[str]:
    """The inventory in scheme order, plus ``UNLABELLED`` when it occurs."""
    return label_names(config, column) + ([UNLABELLED] if UNLABELLED in values else [])


def counts(table: pa.Table, config: str, column: str) -> dict[str, int]:
    """Count of every label of the inventory (zeros included), in scheme order."""
    values = decoded(table, config, column)
    return {name: values.count(name) for name in categories(config, column, values)}


def crosstab(table: pa.Table, config: str, rows: str, cols: str) -> tuple[list[str], list[str], list[list[int]]]:
    """Row labels, column labels and the count matrix of two ``ClassLabel`` columns."""
    row_values, col_values = decoded(table, config, rows), decoded(table, config, cols)
    row_names, col_names = categories(config, rows, row_values), categories(config, cols, col_values)
    matrix = [[0] * len(col_names) for _ in row_names]
    for r, c in zip(row_values, col_values):
        matrix[row_names.index(r)][col_names.index(c)] += 1
    return row_names, col_names, matrix
