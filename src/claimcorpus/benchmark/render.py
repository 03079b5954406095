"""Readable text tables of score results and of baseline results."""

from __future__ import annotations

from .tasks import TASKS


def fmt(value: object) -> str:
    if value is None:
        return "–"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def ci_text(ci: list | None) -> str:
    return "" if not ci or ci[0] is None else f"[{fmt(ci[0])}, {fmt(ci[1])}]"


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """Left-aligned plain-text table with a rule under the header."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def ordered_metrics(result: dict) -> list[tuple[str, object]]:
    """The headline metrics in the task's order (MAP, R-precision, MRR, P@1 ... for rankings), then the rest."""
    task = TASKS.get(result["task"])
    first = [m for m in (task.headline if task else ()) if m in result["metrics"]]
    rest = sorted(m for m in result["metrics"] if m not in first)
    return [(m, result["metrics"][m]) for m in first + rest]


def result_table(result: dict, title: str = "") -> str:
    """A score result as text: headline metrics with CIs, then per-class or span counts."""
    head = (f"{title or result['task']}: task {result['task']} ({result['config']}, {result['kind']}), "
            f"n={result['n']}, unlabelled={result['n_unlabelled']}")
    metrics = [[k, fmt(v), ci_text(result["ci95"].get(k))] for k, v in ordered_metrics(result)]
    parts = [head, text_table(["metric", "value", "95% CI"], metrics)]
    if result.get("labels_given") is False:
        parts.append("classification metrics (precision, recall, f1, accuracy): not available, "
                     "the predictions give scores without labels")
    if "per_class" in result:
        rows = [[lab, fmt(m["precision"]), fmt(m["recall"]), fmt(m["f1"]), m["support"]]
                for lab, m in result["per_class"].items()]
        parts.append(text_table(["class", "precision", "recall", "f1", "support"], rows))
    if "counts" in result:
        parts.append(text_table(["count", "value"], [[k, v] for k, v in result["counts"].items()]))
    b = result["bootstrap"]
    parts.append(f"bootstrap: {b['resamples']} resamples of {b['unit']}s, seed {b['seed']}, "
                 f"{b['method']} {int(b['level'] * 100)}% interval")
    return "\n\n".join(parts)


def p_text(p: float | None) -> str:
    return "–" if p is None else f"{p:.3f}"


def compare_table(result: dict) -> str:
    """A paired comparison as text: one row per metric, B - A with its CI and p-value."""
    head = (f"task {result['task']} ({result['config']}, {result['kind']}), n={result['n']}, "
            f"unlabelled={result['n_unlabelled']}\nA: {result['a']}\nB: {result['b']}")
    rows = [[k, fmt(m["a"]), fmt(m["b"]), fmt(m["difference"]), ci_text(m["ci95"]), p_text(m["p_value"]),
             "*" if m["significant"] else ""] for k, m in ordered_metrics(result)]
    b = result["bootstrap"]
    foot = (f"paired bootstrap: {b['resamples']} resamples of {b['unit']}s, seed {b['seed']}, "
            f"{int(b['level'] * 100)}% percentile interval of B - A; p: {b['p_value']}; "
            f"* = p < {b['alpha']}")
    parts = [head, text_table(["metric", "A", "B", "B - A", "95% CI", "p", "sig"], rows), foot]
    return "\n\n".join(parts + ["\n".join(f"note: {n}" for n in result["notes"])] if result["notes"] else parts)
