"""``claimcorpus`` command line: one entry point, a few lines per subcommand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CorpusError


def cmd_build(args) -> int:
    from .card import refresh_cards, write_hub_card
    from .pipeline import build
    from .summary import format_summary, release_stats

    result = build(args.annotations, args.dataset, lambda tmp, tables: write_hub_card(args.root, tmp, tables))
    refresh_cards(args.root, result.tables)
    print(format_summary(release_stats(result.tables)))
    print(f"release written to {args.dataset} and validated")
    return 0


def cmd_validate(args) -> int:
    from .release import verify_release

    tables = verify_release(args.dataset)
    print(f"{args.dataset}: manifest, checksums, schemas and invariants OK "
          f"({', '.join(f'{c} {t.num_rows}' for c, t in tables.items())})")
    return 0


def cmd_check_annotations(args) -> int:
    from .annotations import load_annotated
    from .invariants import check_document

    folder = args.folder.resolve()
    doc_folder = folder.parent.parent if folder.parent.name == "annotators" else folder.parent
    check_document(load_annotated(doc_folder, folder.name))
    print(f"{folder}: all layers valid")
    return 0


def cmd_schemas(args) -> int:
    from .jsonschemas import stale_schemas, write_schemas

    if args.update:
        print(f"wrote {len(write_schemas(args.schema_dir))} schema files to {args.schema_dir}")
        return 0
    stale = stale_schemas(args.schema_dir)
    for rel in stale:
        print(f"stale: {args.schema_dir / rel} (run: claimcorpus schemas --update)")
    return 1 if stale else 0


def cmd_propose_sentences(args) -> int:
    from .sentences_io import write_proposal

    path = write_proposal(args.doc_folder)
    print(f"proposed boundaries written to {path}; review them, then rename to sentences.jsonl")
    return 0


def cmd_agreement(args) -> int:
    from .agreement_file import REPORT_NAME, render_report
    from .agreement_report import corpus_agreement

    text = render_report(corpus_agreement(args.annotations))
    path = args.annotations / REPORT_NAME
    if args.update:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    elif args.check:
        stale = not path.is_file() or path.read_text(encoding="utf-8") != text
        print(f"{path}: {'stale (run: claimcorpus agreement --update)' if stale else 'current'}")
        return 1 if stale else 0
    else:
        print(text, end="")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimcorpus", description=__doc__)
    p.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="validate annotations, build and validate the release")
    sub.add_parser("validate", help="re-check a release against its manifest and schemas")
    ca = sub.add_parser("check-annotations", help="validate one gold/ or annotators/<name>/ folder")
    ca.add_argument("folder", type=Path)
    sc = sub.add_parser("schemas", help="check (default) or --update the JSON Schemas in schema/")
    sc.add_argument("--update", action="store_true")
    ps = sub.add_parser("propose-sentences", help="segment a document for boundary review")
    ps.add_argument("doc_folder", type=Path)
    ag = sub.add_parser("agreement", help="per-field agreement between the annotators of each document")
    ag.add_argument("--update", action="store_true", help="write annotations/agreement.json")
    ag.add_argument("--check", action="store_true", help="fail if annotations/agreement.json is stale")
    return p


COMMANDS = {"build": cmd_build, "validate": cmd_validate, "check-annotations": cmd_check_annotations,
            "schemas": cmd_schemas, "propose-sentences": cmd_propose_sentences, "agreement": cmd_agreement}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.annotations, args.dataset = args.root / "annotations", args.root / "dataset"
    args.schema_dir = args.root / "schema"
    try:
        return COMMANDS[args.command](args)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
