"""Benchmark commands: score, compare, check-predictions, baselines, export-tokens (handlers: benchmark)."""

from __future__ import annotations

from pathlib import Path

FIND_HELP = ("release or fixture folder (default: --root's dataset/, else ./dataset/, "
             "else the dataset/ of the checkout the package is installed from)")


def cmd_score(args) -> int:
    from ..benchmark.commands import score_command

    return score_command(args)


def cmd_check_predictions(args) -> int:
    from ..benchmark.commands import check_predictions_command

    return check_predictions_command(args)


def cmd_compare(args) -> int:
    from ..benchmark.commands import compare_command

    return compare_command(args)


def cmd_baselines(args) -> int:
    from ..benchmark.commands import baselines_command

    return baselines_command(args)


def cmd_export_tokens(args) -> int:
    from ..benchmark.commands import export_tokens_command

    return export_tokens_command(args)


def add_scoring_options(parser) -> None:
    """``--gold``, ``--json``, ``--resamples``, ``--seed``: shared by ``score`` and ``compare``."""
    parser.add_argument("--gold", type=Path, help=FIND_HELP)
    parser.add_argument("--json", help="also write the result as JSON to this file ('-': print only the JSON)")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")


def register(sub) -> None:
    sr = sub.add_parser("score", help="score predictions of a benchmark task (see docs/benchmark.md)")
    sr.add_argument("task")
    sr.add_argument("predictions", type=Path, nargs="?", help=".jsonl or .tsv predictions file")
    sr.add_argument("--hf-model", type=Path, help="predict with a local transformers model directory instead")
    add_scoring_options(sr)
    sr.set_defaults(handler=cmd_score)
    cm = sub.add_parser("compare", help="paired bootstrap comparison of two predictions files on one task")
    cm.add_argument("task")
    cm.add_argument("a", type=Path, help="predictions file of system A (.jsonl or .tsv)")
    cm.add_argument("b", type=Path, help="predictions file of system B; differences are B - A")
    add_scoring_options(cm)
    cm.set_defaults(handler=cmd_compare)
    cp = sub.add_parser("check-predictions", help="check the format of a predictions file for a task")
    cp.add_argument("task")
    cp.add_argument("predictions", type=Path)
    cp.add_argument("--gold", type=Path, help=FIND_HELP)
    cp.set_defaults(handler=cmd_check_predictions)
    bl = sub.add_parser("baselines", help="run all baselines; write benchmark/baselines.json and the card table")
    bl.add_argument("--check", action="store_true", help="fail if benchmark/baselines.json differs from a fresh run")
    bl.add_argument("--only", nargs="+", choices=["majority", "rules", "tfidf_lr", "minilm_lr"])
    bl.add_argument("--out", type=Path, help="write the results here instead (the card is left alone)")
    bl.add_argument("--gold", type=Path, help="release or fixture folder (default: dataset/)")
    bl.add_argument("--write-predictions", type=Path, metavar="DIR",
                    help="also write each baseline's predictions as DIR/<task>.<baseline>.jsonl")
    bl.set_defaults(handler=cmd_baselines)
    et = sub.add_parser("export-tokens", help="write the token view (BIO tags of the span layers) as JSONL")
    et.add_argument("--out", type=Path, required=True)
    et.add_argument("--gold", type=Path, help=FIND_HELP)
    et.set_defaults(handler=cmd_export_tokens)
