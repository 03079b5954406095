"""Label Studio round trip: export tasks and labeling config, import an export back into layer files."""

from __future__ import annotations

from pathlib import Path

from .. import paths


def has_layers(doc_folder: Path, annotator: str) -> bool:
    from ..schema.layers import annotator_folder

    folder = annotator_folder(doc_folder, annotator)
    return folder.is_dir() and any(folder.glob("*.jsonl"))


def model_proposal(args) -> dict:
    """The project's models' proposal for every sentence of the document (rules + classifiers)."""
    from ..benchmark.preannotate import propose
    from ..corpus.annotations import load_records
    from ..corpus.document import load_document

    doc = load_document(args.doc_folder)
    sentences = load_records(args.doc_folder / paths.SENTENCES_NAME, "sentences").records()
    return propose(doc.doc_id, sentences, args.dataset)


def cmd_export_labelstudio(args) -> int:
    from ..extend.labelstudio.export import write_export

    models = args.models or (args.annotator is None and not args.no_predictions
                             and not has_layers(args.doc_folder, paths.GOLD))
    annotator = args.annotator or paths.GOLD
    proposal = model_proposal(args) if models else None
    config, checked = write_export(args.doc_folder, annotator, args.out, args.config, not args.no_predictions,
                                   proposal)
    what = "no pre-annotation" if args.no_predictions else \
        f"predictions of {proposal['model_version']} (classifiers trained on {proposal['trained_on']} released " \
        "sentences)" if proposal else f"predictions from the {annotator} layers"
    print(f"wrote {args.out} ({what}) and {config} (config checked with {checked})")
    return 0


def cmd_import_labelstudio(args) -> int:
    from ..extend.labelstudio.importer import import_labelstudio

    folder = import_labelstudio(args.export, args.doc_folder, args.annotator, force=args.force, layers=args.layers,
                                use_predictions=args.from_predictions, completed_by=args.completed_by)
    print(f"wrote {folder} (schemas and invariants checked)")
    return 0


def register(sub) -> None:
    el = sub.add_parser("export-labelstudio", help="Label Studio tasks (one per sentence) and labeling config")
    el.add_argument("doc_folder", type=Path)
    el.add_argument("--annotator", help="layers used as pre-annotations (default: gold; for a document without "
                    "gold layers, the models' proposal)")
    pre = el.add_mutually_exclusive_group()
    pre.add_argument("--models", action="store_true", help="pre-annotate with the project's models (rule baseline "
                    "for sources and cues, TF-IDF + LR trained on the release for the sentence labels)")
    el.add_argument("--out", type=Path, required=True, help="tasks JSON file")
    el.add_argument("--config", type=Path, help="labeling config XML (default: <out>.label_config.xml)")
    pre.add_argument("--no-predictions", action="store_true", help="no pre-annotations (an independent pass)")
    el.set_defaults(handler=cmd_export_labelstudio)
    il = sub.add_parser("import-labelstudio", help="a Label Studio JSON export -> annotators/<name>/ layer files")
    il.add_argument("export", type=Path)
    il.add_argument("doc_folder", type=Path)
    il.add_argument("--annotator", required=True, help="annotator name (folder annotators/<name>/; 'gold' = gold/)")
    il.add_argument("--force", action="store_true", help="replace the layer files of an existing annotator folder")
    il.add_argument("--layers", nargs="+", help="layers to write (default: those the export listed)")
    il.add_argument("--from-predictions", action="store_true", help="read the predictions, not the annotations")
    il.add_argument("--completed-by", help="use the annotation of this Label Studio user (id or email)")
    il.set_defaults(handler=cmd_import_labelstudio)
