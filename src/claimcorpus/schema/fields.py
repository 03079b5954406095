"""The field model: one declaration per record, from which every schema form is derived.

A :class:`Record` is an ordered tuple of :class:`Field`\\ s plus its row-level
checks. :mod:`.records` declares the annotation files, :mod:`.configs` the
release configs; :mod:`.json_schema`, :mod:`.features` and
:mod:`.pandera_schemas` turn them into JSON Schemas, ``datasets`` features and
pandera schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .labels import INVENTORIES

STRING, BOOL, INT32, INT8, FLOAT32 = "string", "bool", "int32", "int8", "float32"
#: One label of an inventory (a ``ClassLabel`` in the release), a fixed value, a list, a closed
#: object, a ``{start, end, text}`` span, an object of strings, any object, any value.
LABEL, CONST, LIST, STRUCT, SPAN, MAP, OBJECT, ANY = "label", "const", "list", "struct", "span", "map", "object", "any"


@dataclass(frozen=True)
class Field:
    """One property of an annotation record or one column of a release config.

    ``optional``: may be absent from a record (release columns: none).
    ``min_length`` counts characters of a string or items of a list;
    ``minimum``/``maximum`` are inclusive, ``above`` exclusive; ``one_of`` the
    allowed integers. ``labels`` names an inventory (or lists the labels);
    ``exclude`` labels a record may not use. ``unique``: unique items of a
    list, or unique values of a release column. ``checked=False`` marks a flat
    release column that pandera does not check (nested ones never are);
    ``filled`` one that its JSON Schema lets be null but a built release never
    has null, so pandera rejects nulls.
    """

    name: str
    type: str
    nullable: bool = False
    optional: bool = False
    min_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    above: int | None = None
    pattern: str | None = None
    labels: str | tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    one_of: range | None = None
    unique: bool = False
    item: Field | None = None
    fields: tuple[Field, ...] = ()
    checked: bool = True
    filled: bool = False

    @property
    def inventory(self) -> tuple[str, ...]:
        """The labels (an inventory of :mod:`.labels` when ``labels`` is its name)."""
        return INVENTORIES[self.labels] if isinstance(self.labels, str) else tuple(self.labels)

    @property
    def allowed(self) -> list[str]:
        """The labels a record may use: the inventory less ``exclude`` (ids stay those of the inventory)."""
        return [v for v in self.inventory if v not in self.exclude]

    @property
    def nested(self) -> bool:
        return self.type in (LIST, STRUCT)


@dataclass(frozen=True)
class RowCheck:
    """A named invariant over the columns of one row (built by :mod:`.pandera_schemas`)."""

    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """An annotation file's record or a release config's row: fields in file/column order."""

    name: str
    fields: tuple[Field, ...]
    checks: tuple[RowCheck, ...] = ()
    unique: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def adding(self, extra: tuple[Field, ...]) -> Record:
        return replace(self, fields=self.fields + tuple(extra)) if extra else self


def string(name: str, **kw) -> Field:
    return Field(name, STRING, **kw)


def text(name: str, min_length: int = 1, **kw) -> Field:
    """A non-empty string (at least ``min_length`` characters)."""
    return Field(name, STRING, min_length=min_length, **kw)


def ident(name: str, pattern: str, **kw) -> Field:
    return Field(name, STRING, pattern=pattern, **kw)


def integer(name: str, **kw) -> Field:
    return Field(name, INT32, **kw)


def count(name: str, **kw) -> Field:
    """A non-negative integer."""
    return Field(name, INT32, minimum=0, **kw)


def boolean(name: str, **kw) -> Field:
    return Field(name, BOOL, **kw)


def label(name: str, inventory: str | tuple[str, ...] | None = None, **kw) -> Field:
    """One label of ``inventory`` (default: the inventory named like the field)."""
    return Field(name, LABEL, labels=inventory or name, **kw)


def list_of(name: str, item: Field, **kw) -> Field:
    return Field(name, LIST, item=item, **kw)


def struct(name: str, fields: tuple[Field, ...], **kw) -> Field:
    return Field(name, STRUCT, fields=tuple(fields), **kw)


def span(name: str, **kw) -> Field:
    return Field(name, SPAN, **kw)


#: The parts of a span: an object in annotation files, ``<name>_start`` etc. columns in the release.
SPAN_PARTS = (count("start"), count("end"), text("text"))
#: The free-text note every annotation record (and list item) may carry.
NOTE = string("note", optional=True)


def span_item(*extra: Field) -> Field:
    """A list item of a span layer: the span's parts, ``extra`` fields and a note."""
    return struct("item", (*SPAN_PARTS, *extra, NOTE))


def columns(field: Field) -> list[Field]:
    """The release columns of ``field``: a span becomes three flat columns, optional fields none."""
    if field.optional:
        return []
    if field.type == SPAN:
        kw = {"nullable": field.nullable, "checked": False}
        return [integer(f"{field.name}_start", **kw), integer(f"{field.name}_end", **kw),
                string(f"{field.name}_text", **kw)]
    if field.type == STRUCT:
        return [replace(field, fields=tuple(c for f in field.fields for c in columns(f)))]
    if field.type == LIST:
        return [replace(field, item=columns(field.item)[0])]
    return [field]


def release_columns(record: Record) -> list[Field]:
    """Every column of a release config, in order."""
    return [c for f in record.fields for c in columns(f)]
