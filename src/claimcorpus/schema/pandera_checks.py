"""Running the pandera schemas of :mod:`.pandera_schemas` over release tables.

Column types are the Arrow schema, compared exactly; label domains,
nullability, id uniqueness and patterns, and row-level invariants are pandera
checks (vectorised over pandas); foreign keys and span invariants are joins
over the tables (:mod:`claimcorpus.build.crosscheck`).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow

from ..errors import CorpusError
from .features import CONFIGS
from .pandera_schemas import value_schema_for

NULLABLE_DTYPES = {pyarrow.int64(): pd.Int64Dtype(), pyarrow.int32(): pd.Int64Dtype(),
                   pyarrow.int8(): pd.Int64Dtype(), pyarrow.bool_(): pd.BooleanDtype()}


def frame(table: pyarrow.Table, columns: list[str], row_offset: int = 0) -> pd.DataFrame:
    """``columns`` of ``table`` (those the checks read; never a nested one, which would be converted to
    Python objects row by row) with nullable pandas dtypes, so null labels stay null (no float casts);
    rows numbered from ``row_offset``."""
    df = table.select(columns).to_pandas(types_mapper=NULLABLE_DTYPES.get)
    if row_offset:
        df.index = pd.RangeIndex(row_offset, row_offset + len(df))
    return df


def validate_table(config: str, table: pyarrow.Table, file: str, features=None, definitions=(),
                   row_offset: int = 0) -> None:
    """Run the pandera schema of ``config``; the first failure becomes a CorpusError.

    ``table`` may be a slice of the config's rows starting at row ``row_offset`` (errors name global rows)."""
    expected = pyarrow.schema((features or CONFIGS[config]).type)  # the Arrow schema without its metadata
    if table.schema.remove_metadata() != expected:
        raise CorpusError(file, "(schema)", "(columns)", str(expected.names), table.schema.names)
    schema = value_schema_for(config, definitions)  # the dtypes: fixed by the Arrow schema just compared
    try:
        schema.validate(frame(table, schema.metadata["columns"], row_offset), lazy=False)
    except pa.errors.SchemaError as exc:
        raise schema_error(file, config, table, exc, row_offset) from exc


def schema_error(file: str, config: str, table: pyarrow.Table, exc, row_offset: int = 0) -> CorpusError:
    cases = exc.failure_cases if isinstance(exc.failure_cases, pd.DataFrame) else None
    record = "(table)"
    if cases is not None and "index" in cases and cases["index"].notna().any():
        row = int(cases["index"].dropna().iloc[0])
        id_col = table.column_names[0]
        record = f"row {row} ({table.column(id_col)[row - row_offset].as_py()})"
    found = cases["failure_case"].tolist()[:5] if cases is not None else exc.failure_cases
    field = exc.schema.name if hasattr(exc.schema, "name") and exc.schema.name else "(row check)"
    return CorpusError(file, record, str(field), str(exc.check), found)
