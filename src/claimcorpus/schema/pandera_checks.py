"""pandera schemas of the release tables, plus the cross-table invariants.

Column types, label domains, id uniqueness and patterns, and row-level
invariants are pandera checks (vectorised over pandas); foreign keys and span
invariants are joins over the tables.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow

from ..errors import CorpusError
from .features import CONFIGS, PASS_FIELDS
from .labels import INVENTORIES, PUBLISHED_BASES

ID_PATTERNS = {
    "sentence_id": r"^[a-z0-9][a-z0-9-]*-s\d{3,}$",
    "claim_id": r"^[a-z0-9][a-z0-9-]*-s\d{3,}-c\d+$",
    "evidence_id": r"^[a-z0-9][a-z0-9-]*-ev-\d{3,}$",
    "doc_id": r"^[a-z0-9][a-z0-9-]*$",
}


def label_column(name: str) -> pa.Column:
    return pa.Column("Int64", pa.Check.isin(range(len(INVENTORIES[name]))), nullable=True)


def id_column(name: str, unique: bool) -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(ID_PATTERNS[name]), unique=unique)


def implies(a: str, b: str) -> pa.Check:
    return pa.Check(lambda df: ~(df[a].fillna(False) & ~df[b].fillna(False)),
                    name=f"{a}_implies_{b}", error=f"{a} implies {b}")


SPAN_ORDER = pa.Check(lambda df: df["start"] < df["end"], name="start_before_end")
TEXT_LENGTH = pa.Check(lambda df: df["text"].str.len() == df["end"] - df["start"], name="text_length_is_span")

SCHEMAS = {
    "sentences": pa.DataFrameSchema({
        "sentence_id": id_column("sentence_id", True), "doc_id": id_column("doc_id", False),
        "index": pa.Column("Int64", pa.Check.ge(0)), "start": pa.Column("Int64", pa.Check.ge(0)),
        "end": pa.Column("Int64"), "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "is_claim": pa.Column("boolean", nullable=True), "check_worthy": pa.Column("boolean", nullable=True),
        "claimbuster_label": label_column("claimbuster_label"), "claim_type": label_column("claim_type"),
        "hedge_level": label_column("hedge_level"), "primary_source_type": label_column("source_type"),
        "verification_status": label_column("verification_status"),
        "attribution_status": label_column("attribution_status"),
        "fold": pa.Column("Int64", pa.Check.isin(range(5))),
    }, checks=[SPAN_ORDER, TEXT_LENGTH, implies("check_worthy", "is_claim"),
               pa.Check(lambda df: df["is_claim"].isna() | (df["is_claim"] == (df["claim_type"] != 0)),
                        name="not_claim_iff_not_is_claim")],
        unique=["doc_id", "index"]),
    "claims": pa.DataFrameSchema({
        "claim_id": id_column("claim_id", True), "sentence_id": id_column("sentence_id", False),
        "text": pa.Column(str, pa.Check.str_length(min_value=10)),
        "claim_type": pa.Column("Int64", pa.Check.isin(range(1, len(INVENTORIES["claim_type"])))),
        "hedge_level": label_column("hedge_level"), "source_type": label_column("source_type"),
        "verification_status": label_column("verification_status"),
        "attribution_status": label_column("attribution_status"),
        "fold": pa.Column("Int64", pa.Check.isin(range(5))),
    }, checks=[pa.Check(lambda df: pd.Series([c.startswith(s + "-c") for c, s in
                                              zip(df["claim_id"], df["sentence_id"])], index=df.index,
                                             dtype=bool),
                        name="claim_id_prefixed_by_sentence_id")]),
    "evidence": pa.DataFrameSchema({
        "evidence_id": id_column("evidence_id", True), "doc_id": id_column("doc_id", False),
        "url": pa.Column(str, pa.Check.str_matches(r"^https?://\S+$")),
        "published_basis": pa.Column(str, pa.Check.isin(PUBLISHED_BASES)),
        "relation": label_column("relation"), "independence": label_column("independence"),
        "summary": pa.Column(str, pa.Check.str_length(min_value=20)),
    }, checks=[pa.Check(lambda df: df["published"].isna() == (df["published_basis"] == "none"),
                        name="published_iff_basis_not_none")]),
    "annotator_labels": pa.DataFrameSchema({
        "annotation_id": pa.Column(str, unique=True), "sentence_id": id_column("sentence_id", False),
        "annotator": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9][a-z0-9_-]*$")),
        "claim_type": label_column("claim_type"), "hedge_level": label_column("hedge_level"),
        "n_annotators": pa.Column("Int64", pa.Check.ge(1)),
        **{f"agreement_{f}": pa.Column("float32", pa.Check.in_range(0, 1)) for f in PASS_FIELDS},
    }, checks=[implies("check_worthy", "is_claim")], unique=["sentence_id", "annotator"]),
    "documents": pa.DataFrameSchema({
        "doc_id": id_column("doc_id", True),
        "text_sha256": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{64}$")),
        "n_sentences": pa.Column("Int64", pa.Check.gt(0)),
    }),
}


NULLABLE_DTYPES = {pyarrow.int64(): pd.Int64Dtype(), pyarrow.int32(): pd.Int64Dtype(),
                   pyarrow.int8(): pd.Int64Dtype(), pyarrow.bool_(): pd.BooleanDtype()}


def frame(table: pyarrow.Table, row_offset: int = 0) -> pd.DataFrame:
    """Nullable pandas dtypes, so null labels stay null (no float casts); rows numbered from ``row_offset``.

    Nested (list, struct) columns are left out: no check reads them, and they
    would be converted to Python objects row by row."""
    flat = [f.name for f in table.schema if not pyarrow.types.is_nested(f.type)]
    df = table.select(flat).to_pandas(types_mapper=NULLABLE_DTYPES.get)
    if row_offset:
        df.index = pd.RangeIndex(row_offset, row_offset + len(df))
    return df


def extra_columns(definitions) -> dict[str, pa.Column]:
    """Label-domain checks of declared extra layers of kind ``label``."""
    return {d.name: pa.Column("Int64", pa.Check.isin(range(len(d.labels))), nullable=True)
            for d in definitions if d.kind == "label"}


def validate_table(config: str, table: pyarrow.Table, file: str, features=None, definitions=(),
                   row_offset: int = 0) -> None:
    """Run the pandera schema of ``config``; the first failure becomes a CorpusError.

    ``table`` may be a slice of the config's rows starting at row ``row_offset`` (errors name global rows)."""
    features = features or CONFIGS[config]
    if table.schema.remove_metadata() != features.arrow_schema.remove_metadata():
        raise CorpusError(file, "(schema)", "(columns)", str(features.arrow_schema.names), table.schema.names)
    schema = SCHEMAS[config]
    if config == "sentences" and definitions:
        schema = schema.add_columns(extra_columns(definitions))
    try:
        schema.validate(frame(table, row_offset), lazy=False)
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
