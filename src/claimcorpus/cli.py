"""``claimcorpus`` command line: one entry point, a few lines per subcommand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CorpusError
from .perf.scale_report import SIZES


def cmd_build(args) -> int:
    from .build.release_build import build_release
    from .publish.card import refresh_cards
    from .publish.summary import format_summary, release_stats

    tables = build_release(args.root, args.streaming, args.workers)
    refresh_cards(args.root, tables)
    print(format_summary(release_stats(tables)))
    print(f"release written to {args.dataset} and validated")
    return 0


def cmd_validate(args) -> int:
    from .release.release import verify_release

    tables = verify_release(args.dataset, complete=True)
    print(f"{args.dataset}: manifest, checksums, schemas and invariants OK "
          f"({', '.join(f'{c} {t.num_rows}' for c, t in tables.items())})")
    return 0


def cmd_check_annotations(args) -> int:
    from .corpus.annotations import load_annotated
    from .corpus.invariants import check_document

    folder = args.folder.resolve()
    doc_folder = folder.parent.parent if folder.parent.name == "annotators" else folder.parent
    check_document(load_annotated(doc_folder, folder.name))
    print(f"{folder}: all layers valid")
    return 0


def cmd_schemas(args) -> int:
    from .schema.jsonschemas import stale_schemas, write_schemas
    from .schema.layer_defs import load_definitions

    definitions = load_definitions(args.annotations)
    if args.update:
        print(f"wrote {len(write_schemas(args.schema_dir, definitions))} schema files to {args.schema_dir}")
        return 0
    stale = stale_schemas(args.schema_dir, definitions)
    for rel in stale:
        print(f"stale: {args.schema_dir / rel} (run: claimcorpus schemas --update)")
    return 1 if stale else 0


def cmd_propose_sentences(args) -> int:
    from .extend.sentences_io import write_proposal

    path = write_proposal(args.doc_folder)
    print(f"proposed boundaries written to {path}; review them, then rename to sentences.jsonl")
    return 0


def cmd_agreement(args) -> int:
    from .extend.agreement_file import REPORT_NAME, render_report
    from .extend.agreement_report import corpus_agreement

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


def cmd_view(args) -> int:
    from .publish.viewer import write_view

    print(f"wrote {write_view(args.dataset, args.out)} (open it in a browser; it loads nothing from the network)")
    return 0


def cmd_croissant(args) -> int:
    from .publish.croissant import croissant_jsonld, dumps
    from .release.release import read_tables

    print(dumps(croissant_jsonld(args.dataset, read_tables(args.dataset))), end="")
    return 0


def cmd_score(args) -> int:
    from .benchmark.commands import score_command

    return score_command(args)


def cmd_check_predictions(args) -> int:
    from .benchmark.commands import check_predictions_command

    return check_predictions_command(args)


def cmd_baselines(args) -> int:
    from .benchmark.commands import baselines_command

    return baselines_command(args)


def cmd_bench_baselines(args) -> int:
    from .benchmark.commands import bench_command

    return bench_command(args)


def cmd_bench_scale(args) -> int:
    from .perf.scale_report import run

    print(run(args.sizes, args.timeout, args.workers))
    return 0


def cmd_export_tokens(args) -> int:
    from .benchmark.commands import export_tokens_command

    return export_tokens_command(args)


def cmd_add_document(args) -> int:
    from .extend.register import add_document, parse_fields

    options = {"date": args.date, "language": args.language, "header": not args.no_header,
               "fields": parse_fields(args.set)}
    folder = add_document(args.annotations, args.text_file, args.doc_id, options)
    print(f"registered {folder}; review {folder / 'sentences.proposed.jsonl'}, then: "
          f"claimcorpus accept-sentences {folder}")
    return 0


def cmd_accept_sentences(args) -> int:
    from .extend.sentence_review import accept_sentences

    print(f"wrote {accept_sentences(args.doc_folder, args.force)}")
    return 0


def cmd_adjudicate(args) -> int:
    import json

    from .extend.adjudicate import adjudicate
    from .extend.voting import UndecidedError

    try:
        gold = adjudicate(args.doc_folder, args.annotators, args.base, args.decisions, args.force)
    except UndecidedError as exc:
        print("decisions needed (fill in gold and reason, add to the decisions file):", file=sys.stderr)
        print("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in exc.template), end="", file=sys.stderr)
        raise
    print(f"wrote {gold} (provenance in {gold / 'adjudication.jsonl'})")
    return 0


def cmd_export_labelstudio(args) -> int:
    from .extend.labelstudio.export import write_export

    config, checked = write_export(args.doc_folder, args.annotator, args.out, args.config, not args.no_predictions)
    print(f"wrote {args.out} and {config} (config checked with {checked})")
    return 0


def cmd_import_labelstudio(args) -> int:
    from .extend.labelstudio.importer import import_labelstudio

    folder = import_labelstudio(args.export, args.doc_folder, args.annotator, force=args.force, layers=args.layers,
                                use_predictions=args.from_predictions, completed_by=args.completed_by)
    print(f"wrote {folder} (schemas and invariants checked)")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimcorpus", description=__doc__)
    p.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    bd = sub.add_parser("build", help="validate annotations, build and validate the release")
    bd.add_argument("--streaming", action=argparse.BooleanOptionalAction, default=None,
                    help="build in batches with bounded memory (default: above 20,000 sentences)")
    bd.add_argument("--workers", type=int, default=None,
                    help="processes joining batches when streaming (default: one per core, at most 8)")
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
    vw = sub.add_parser("view", help="write a self-contained HTML page to browse the release")
    vw.add_argument("--out", type=Path, default=Path("claimcorpus-view.html"),
                    help="output file (default: ./claimcorpus-view.html)")
    sub.add_parser("croissant", help="print the Croissant JSON-LD of the release in dataset/")
    sr = sub.add_parser("score", help="score predictions of a benchmark task (see docs/benchmark.md)")
    sr.add_argument("task")
    sr.add_argument("predictions", type=Path, nargs="?", help=".jsonl or .tsv predictions file")
    sr.add_argument("--hf-model", type=Path, help="predict with a local transformers model directory instead")
    sr.add_argument("--gold", type=Path, help="release or fixture folder (default: dataset/)")
    sr.add_argument("--json", help="also write the result as JSON to this file ('-': print only the JSON)")
    sr.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    sr.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    cp = sub.add_parser("check-predictions", help="check the format of a predictions file for a task")
    cp.add_argument("task")
    cp.add_argument("predictions", type=Path)
    cp.add_argument("--gold", type=Path, help="release or fixture folder (default: dataset/)")
    bl = sub.add_parser("baselines", help="run all baselines; write benchmark/baselines.json and the card table")
    bl.add_argument("--check", action="store_true", help="fail if benchmark/baselines.json differs from a fresh run")
    bl.add_argument("--only", nargs="+", choices=["majority", "rules", "tfidf_lr", "minilm_lr"])
    bl.add_argument("--out", type=Path, help="write the results here instead (the card is left alone)")
    bl.add_argument("--gold", type=Path, help="release or fixture folder (default: dataset/)")
    bb = sub.add_parser("bench-baselines", help="time the baselines; print a Markdown table")
    bb.add_argument("--repeats", type=int, default=3)
    bs = sub.add_parser("bench-scale", help="build synthetic corpora of several sizes; print the scale table")
    bs.add_argument("--sizes", type=int, nargs="+", default=list(SIZES),
                    help="sentences per corpus (default: 1k 10k 100k 1M)")
    bs.add_argument("--workers", type=int, default=2, help="batch-joining processes (default: 2)")
    bs.add_argument("--timeout", type=float, default=3600, help="seconds allowed per size")
    et = sub.add_parser("export-tokens", help="write the token view (BIO tags of the span layers) as JSONL")
    et.add_argument("--out", type=Path, required=True)
    et.add_argument("--gold", type=Path, help="release or fixture folder (default: dataset/)")
    ad = sub.add_parser("add-document", help="register a source text and propose its sentences")
    ad.add_argument("text_file", type=Path)
    ad.add_argument("--doc-id", required=True, help="slug: lower-case letters, digits, hyphens")
    ad.add_argument("--date", help="YYYY-MM-DD (default: the ' date ...' header line)")
    ad.add_argument("--language", default="en", help="ISO 639-1 code (default: en)")
    ad.add_argument("--no-header", action="store_true", help="the first line is text, not a ' key value' header")
    ad.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="any document.json field, e.g. original_publisher=... (repeatable)")
    acs = sub.add_parser("accept-sentences", help="validate sentences.proposed.jsonl, make it sentences.jsonl")
    acs.add_argument("doc_folder", type=Path)
    acs.add_argument("--force", action="store_true", help="replace sentences.jsonl (only before annotation)")
    adj = sub.add_parser("adjudicate", help="build gold/ from annotators' layers by majority vote and decisions")
    adj.add_argument("doc_folder", type=Path)
    adj.add_argument("--annotators", nargs="+", help="default: every annotator with sentence_labels.jsonl")
    adj.add_argument("--base", help="annotator whose sources and claims are taken whole (not voted)")
    adj.add_argument("--decisions", type=Path, help="adjudicator decisions (default: <doc_folder>/decisions.jsonl)")
    adj.add_argument("--force", action="store_true", help="replace an existing gold/ (other files in it are kept)")
    el = sub.add_parser("export-labelstudio", help="Label Studio tasks (one per sentence) and labeling config")
    el.add_argument("doc_folder", type=Path)
    el.add_argument("--annotator", default="gold", help="layers used as pre-annotations (default: gold)")
    el.add_argument("--out", type=Path, required=True, help="tasks JSON file")
    el.add_argument("--config", type=Path, help="labeling config XML (default: <out>.label_config.xml)")
    el.add_argument("--no-predictions", action="store_true", help="no pre-annotations (an independent pass)")
    il = sub.add_parser("import-labelstudio", help="a Label Studio JSON export -> annotators/<name>/ layer files")
    il.add_argument("export", type=Path)
    il.add_argument("doc_folder", type=Path)
    il.add_argument("--annotator", required=True, help="annotator name (folder annotators/<name>/; 'gold' = gold/)")
    il.add_argument("--force", action="store_true", help="replace the layer files of an existing annotator folder")
    il.add_argument("--layers", nargs="+", help="layers to write (default: those the export listed)")
    il.add_argument("--from-predictions", action="store_true", help="read the predictions, not the annotations")
    il.add_argument("--completed-by", help="use the annotation of this Label Studio user (id or email)")
    return p


COMMANDS = {"build": cmd_build, "validate": cmd_validate, "check-annotations": cmd_check_annotations,
            "schemas": cmd_schemas, "propose-sentences": cmd_propose_sentences, "agreement": cmd_agreement,
            "view": cmd_view, "croissant": cmd_croissant,
            "score": cmd_score, "check-predictions": cmd_check_predictions, "baselines": cmd_baselines,
            "bench-baselines": cmd_bench_baselines,
            "bench-scale": cmd_bench_scale, "export-tokens": cmd_export_tokens,
            "add-document": cmd_add_document, "accept-sentences": cmd_accept_sentences,
            "adjudicate": cmd_adjudicate, "export-labelstudio": cmd_export_labelstudio,
            "import-labelstudio": cmd_import_labelstudio}


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
