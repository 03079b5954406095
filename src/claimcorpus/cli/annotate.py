"""Commands that grow the annotations: documents, sentences, checks, agreement, adjudication."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import paths


def cmd_check_annotations(args) -> int:
    from ..corpus.annotations import load_annotated
    from ..corpus.invariants import check_document

    folder = args.folder.resolve()
    doc_folder = folder.parent.parent if folder.parent.name == paths.ANNOTATORS else folder.parent
    check_document(load_annotated(doc_folder, folder.name))
    print(f"{folder}: all layers valid")
    return 0


def cmd_propose_sentences(args) -> int:
    from ..extend.sentences_io import write_proposal

    path = write_proposal(args.doc_folder)
    print(f"proposed boundaries written to {path}; review them, then rename to sentences.jsonl")
    return 0


def cmd_add_document(args) -> int:
    from ..extend.register import add_document, parse_fields

    options = {"date": args.date, "language": args.language, "header": not args.no_header,
               "fields": parse_fields(args.set)}
    folder = add_document(args.annotations, args.text_file, args.doc_id, options)
    print(f"registered {folder}; review {folder / 'sentences.proposed.jsonl'}, then: "
          f"claimcorpus accept-sentences {folder}")
    return 0


def cmd_accept_sentences(args) -> int:
    from ..extend.sentence_review import accept_sentences

    print(f"wrote {accept_sentences(args.doc_folder, args.force)}")
    return 0


def cmd_agreement(args) -> int:
    from ..extend.agreement_file import REPORT_NAME, render_report
    from ..extend.agreement_report import corpus_agreement

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


def cmd_adjudicate(args) -> int:
    from ..extend.adjudicate import adjudicate
    from ..extend.voting import UndecidedError

    try:
        gold = adjudicate(args.doc_folder, args.annotators, args.base, args.decisions, args.force)
    except UndecidedError as exc:
        print("decisions needed (fill in gold and reason, add to the decisions file):", file=sys.stderr)
        print("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in exc.template), end="", file=sys.stderr)
        raise
    print(f"wrote {gold} (provenance in {gold / 'adjudication.jsonl'})")
    return 0


def register(sub) -> None:
    ca = sub.add_parser("check-annotations", help="validate one gold/ or annotators/<name>/ folder")
    ca.add_argument("folder", type=Path)
    ca.set_defaults(handler=cmd_check_annotations)
    ps = sub.add_parser("propose-sentences", help="segment a document for boundary review")
    ps.add_argument("doc_folder", type=Path)
    ps.set_defaults(handler=cmd_propose_sentences)
    ag = sub.add_parser("agreement", help="per-field agreement between the annotators of each document")
    ag.add_argument("--update", action="store_true", help="write annotations/agreement.json")
    ag.add_argument("--check", action="store_true", help="fail if annotations/agreement.json is stale")
    ag.set_defaults(handler=cmd_agreement)
    ad = sub.add_parser("add-document", help="register a source text and propose its sentences")
    ad.add_argument("text_file", type=Path)
    ad.add_argument("--doc-id", required=True, help="slug: lower-case letters, digits, hyphens")
    ad.add_argument("--date", help="YYYY-MM-DD (default: the ' date ...' header line)")
    ad.add_argument("--language", default="en", help="ISO 639-1 code (default: en)")
    ad.add_argument("--no-header", action="store_true", help="the first line is text, not a ' key value' header")
    ad.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="any document.json field, e.g. original_publisher=... (repeatable)")
    ad.set_defaults(handler=cmd_add_document)
    acs = sub.add_parser("accept-sentences", help="validate sentences.proposed.jsonl, make it sentences.jsonl")
    acs.add_argument("doc_folder", type=Path)
    acs.add_argument("--force", action="store_true", help="replace sentences.jsonl (only before annotation)")
    acs.set_defaults(handler=cmd_accept_sentences)
    adj = sub.add_parser("adjudicate", help="build gold/ from annotators' layers by majority vote and decisions")
    adj.add_argument("doc_folder", type=Path)
    adj.add_argument("--annotators", nargs="+", help="default: every annotator with sentence_labels.jsonl")
    adj.add_argument("--base", help="annotator whose sources and claims are taken whole (not voted)")
    adj.add_argument("--decisions", type=Path, help="adjudicator decisions (default: <doc_folder>/decisions.jsonl)")
    adj.add_argument("--force", action="store_true", help="replace an existing gold/ (other files in it are kept)")
    adj.set_defaults(handler=cmd_adjudicate)
