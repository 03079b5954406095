"""Commands on the release: build, validate, schemas, croissant, view."""

from __future__ import annotations

from pathlib import Path


def cmd_build(args) -> int:
    from ..build.memory_pool import system_pool

    with system_pool():  # before pyarrow is imported, so that Arrow's C++ default pool is the system one too
        return build_and_report(args)


def build_and_report(args) -> int:
    from ..build.release_build import build_release
    from ..publish.summary import format_summary, release_stats

    options = {name: value for name, value in (("batch_rows", args.batch_rows), ("row_group_rows", args.row_group_rows))
               if value is not None}
    for name, value in options.items():
        positive(f"--{name.replace('_', '-')}", value)
    built = build_release(args.root, args.workers, scheduler=args.scheduler, **options)
    for line in built.recovered:
        print(f"recovered: {line}")
    print(format_summary(release_stats(built.tables)))
    print(f"release written to {args.dataset} and validated")
    return 0


def positive(option: str, value: int, unit: str = "rows") -> None:
    """A one-line error unless ``value`` (of ``option``, a number of ``unit``) is at least 1."""
    from ..errors import CorpusError

    if value < 1:
        raise CorpusError(option, "(option)", option.lstrip("-"), f"a positive number of {unit}", value)


def cmd_validate(args) -> int:
    from ..release.publish import recover
    from ..validate.verify import verify_release

    for line in recover(args.root):
        print(f"recovered: {line}")
    tables = verify_release(args.dataset, complete=True)
    print(f"{args.dataset}: manifest, checksums, schemas and invariants OK "
          f"({', '.join(f'{c} {t.num_rows}' for c, t in tables.items())})")
    return 0


def cmd_schemas(args) -> int:
    from ..schema.json_schema import stale_schemas, write_schemas
    from ..schema.layer_defs import load_definitions

    definitions = load_definitions(args.annotations)
    if args.update:
        print(f"wrote {len(write_schemas(args.schema_dir, definitions))} schema files to {args.schema_dir}")
        return 0
    stale = stale_schemas(args.schema_dir, definitions)
    for rel in stale:
        print(f"stale: {args.schema_dir / rel} (run: claimcorpus schemas --update)")
    return 1 if stale else 0


def cmd_croissant(args) -> int:
    from ..publish.croissant import croissant_jsonld, dumps
    from ..release.release import read_tables

    print(dumps(croissant_jsonld(args.dataset, read_tables(args.dataset))), end="")
    return 0


def cmd_view(args) -> int:
    from ..publish.viewer import write_view

    print(f"wrote {write_view(args.dataset, args.out)} (open it in a browser; it loads nothing from the network)")
    return 0


def register(sub) -> None:
    bd = sub.add_parser("build", help="validate annotations, build and validate the release, refresh the cards")
    bd.add_argument("--workers", type=int, default=None,
                    help="processes joining batches of a large corpus (default: one per core, at most 8)")
    bd.add_argument("--batch-rows", type=int, default=None,
                    help="sentences per batch (default: 5,000; a smaller corpus is one batch)")
    bd.add_argument("--row-group-rows", type=int, default=None,
                    help="rows per Parquet row group, written as each fills: bounds the shard writers' memory "
                         "(default: 16,384)")
    bd.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="join the batches on the Dask cluster at ADDRESS (tcp://host:port), or 'local' for a "
                         "local cluster of --workers processes (needs the cluster extra; same output)")
    bd.set_defaults(handler=cmd_build)
    sub.add_parser("validate", help="re-check a release against its manifest and schemas").set_defaults(
        handler=cmd_validate)
    sc = sub.add_parser("schemas", help="check (default) or --update the JSON Schemas in schema/")
    sc.add_argument("--update", action="store_true")
    sc.set_defaults(handler=cmd_schemas)
    sub.add_parser("croissant", help="print the Croissant JSON-LD of the release in dataset/").set_defaults(
        handler=cmd_croissant)
    vw = sub.add_parser("view", help="write a self-contained HTML page to browse the release")
    vw.add_argument("--out", type=Path, default=Path("claimcorpus-view.html"),
                    help="output file (default: ./claimcorpus-view.html)")
    vw.set_defaults(handler=cmd_view)


