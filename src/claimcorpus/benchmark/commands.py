"""The benchmark's ``claimcorpus`` subcommands (``claimcorpus.cli.benchmark`` delegates to these)."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import CorpusError
from .baselines import BASELINES, RESULTS, differences, run_baselines, write_results
from .gold import load_gold, task_data
from .locate import release_folder
from .render import text_table
from .tasks import SPAN, get_task


def gold_dir(args) -> Path:
    """``--gold``, else ``--root``'s dataset/ (what the baselines command writes next to)."""
    return args.gold if getattr(args, "gold", None) else args.dataset


def found_gold_dir(args) -> Path:
    """The release a read-only command scores against, found from any folder (:mod:`.locate`)."""
    return release_folder(getattr(args, "gold", None), args.root if args.root_given else None)


def load_predictions(args, data):
    from .adapters import predict_file, predict_with, text_classification, token_classification

    if args.hf_model:
        fn = (token_classification(args.hf_model) if data.task.kind == SPAN
              else text_classification(args.hf_model, data.task))
        return predict_with(data, fn, source=f"hf:{args.hf_model}")
    if args.predictions is None:
        raise CorpusError("(command line)", "score", "predictions", "a predictions file or --hf-model DIR", None)
    return predict_file(data, args.predictions)


def score_command(args) -> int:
    from .render import result_table
    from .scorer import score, to_json

    data = task_data(load_gold(found_gold_dir(args)), get_task(args.task))
    result = score(data, load_predictions(args, data), args.resamples, args.seed)
    if args.json == "-":
        print(to_json(result), end="")
        return 0
    if args.json:
        Path(args.json).write_text(to_json(result), encoding="utf-8")
    print(result_table(result, str(args.predictions or args.hf_model)))
    return 0


def checked_file(data, path: Path):
    """A predictions file through the format checker; its problems as one error line."""
    from .checker import check_file
    from .predictions import PredictionsError

    try:
        return check_file(data, path)
    except PredictionsError as exc:
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise CorpusError(path, "(rows)", "predictions",
                          f"one valid prediction for each of the {len(data.ids)} rows of task {data.task.name}",
                          exc.problems[0] + more) from None


def compare_command(args) -> int:
    from .paired import compare
    from .render import compare_table
    from .scorer import to_json

    data = task_data(load_gold(found_gold_dir(args)), get_task(args.task))
    if args.resamples < 1:
        raise CorpusError("(command line)", "compare", "--resamples", "a positive number", args.resamples)
    result = compare(data, checked_file(data, args.a), checked_file(data, args.b), args.resamples, args.seed)
    if args.json == "-":
        print(to_json(result), end="")
        return 0
    if args.json:
        Path(args.json).write_text(to_json(result), encoding="utf-8")
    print(compare_table(result))
    return 0


def check_predictions_command(args) -> int:
    from .checker import check_file

    data = task_data(load_gold(found_gold_dir(args)), get_task(args.task))
    preds = check_file(data, args.predictions)
    print(f"{args.predictions}: {len(preds.values)} predictions for task {data.task.name}, format OK"
          f"{' (with scores)' if preds.scores else ''}")
    return 0


def subset(results: dict, names: list[str]) -> dict:
    """``results`` restricted to the baselines ``names``."""
    keep = lambda entry: entry if "unavailable" in entry else {n: entry[n] for n in names if n in entry}  # noqa: E731
    if set(names) != set(BASELINES):  # comparisons are made among every baseline only
        results = {k: v for k, v in results.items() if k != "comparisons"}
    return {**results, "baselines": {n: results["baselines"][n] for n in names if n in results["baselines"]},
            "results": {t: keep(e) for t, e in results["results"].items()}}


def baselines_table(results: dict) -> str:
    from ..publish.benchmark_card import BASELINE_TITLES, DETECTABLE, result_rows

    names = [n for n in BASELINES if n in results["baselines"]]
    comparisons = results.get("comparisons")
    rows = [[c.replace("`", "").replace("**", "").replace(" †", " (evidence-dependent)") if isinstance(c, str)
             else c for c in row] for row in result_rows(results["results"], names, comparisons)]
    header = ["task", "metric", "n"] + [BASELINE_TITLES.get(n, n) for n in names]
    return text_table(header + ([] if comparisons is None else [DETECTABLE]), rows)


def prediction_rows(preds) -> list[dict]:
    """Checked predictions back as rows of the JSONL predictions format."""
    rows = []
    for rid, value in preds.values.items():
        row = {"id": rid, "spans": [list(s) for s in value]} if isinstance(value, list) else {"id": rid, "label": value}
        rows.append(row if preds.scores is None else {**row, "score": preds.scores[rid]})
    return rows


def write_predictions(predictions: dict, folder: Path) -> int:
    """``<task>.<baseline>.jsonl`` in ``folder`` for every baseline prediction; how many files."""
    from ..corpus.jsonl import dump_jsonl

    folder.mkdir(parents=True, exist_ok=True)
    files = [(folder / f"{task}.{name}.jsonl", preds) for task, by_name in predictions.items()
             for name, preds in by_name.items()]
    for path, preds in files:
        dump_jsonl(prediction_rows(preds), path)
    return len(files)


def baselines_command(args) -> int:
    from ..publish.benchmark_card import refresh_card

    predictions = {}
    fresh = run_baselines(gold_dir(args), args.root, args.only, predictions=predictions)
    if args.write_predictions:
        count = write_predictions(predictions, args.write_predictions)
        print(f"wrote {count} predictions files to {args.write_predictions}")
    committed_path = args.root / RESULTS
    if args.check:
        committed = json.loads(committed_path.read_text(encoding="utf-8")) if committed_path.is_file() else {}
        diff = differences(fresh, subset(committed, list(fresh["baselines"]))) if committed else ["not found"]
        print(f"{committed_path}: {'stale (run: claimcorpus baselines)' if diff else 'current'}")
        print("".join(f"  {line}\n" for line in diff[:10]), end="")
        return 1 if diff else 0
    out = args.out or committed_path
    write_results(fresh, out)
    print(baselines_table(fresh))
    print(f"\nwrote {out}")
    if args.out is None and args.only is None and refresh_card(args.root):
        print(f"refreshed the benchmark blocks of {args.root / 'dataset_card.md'}")
    return 0


def export_tokens_command(args) -> int:
    from ..corpus.jsonl import dump_jsonl
    from .tokens import report_text, token_rows

    rows, report = token_rows(load_gold(found_gold_dir(args)))
    dump_jsonl(rows, args.out)
    print(report_text(report))
    print(f"wrote {len(rows)} sentences to {args.out}")
    return 0
