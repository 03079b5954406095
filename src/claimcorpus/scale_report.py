"""Scale benchmark table: one process per corpus size, one Markdown column per size."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile

SIZES = (1_000, 10_000, 100_000, 1_000_000)
BUILD = ("load + JSON Schema", "invariants", "join + encode", "pandera", "cross-table checks",
         "write + verify release")


def run_size(n: int, timeout: float) -> dict:
    """Measure one size in a new process (its own peak RSS), in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="claimcorpus-scale-") as tmp:
        out = subprocess.run([sys.executable, "-m", "claimcorpus.scale_bench", str(n), tmp],
                             check=True, capture_output=True, text=True, timeout=timeout)
    return json.loads(out.stdout.strip().splitlines()[-1])


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds else "-"


def derived(m: dict) -> dict:
    """Build, validator and floor figures of one measurement."""
    s, n = m["seconds"], m["sentences"]
    build = sum(s[k] for k in BUILD)
    floor = s["floor write"] + s["floor read"]
    return {"build": build, "floor": floor, "n": n,
            "validate": s["JSON Schema only"] + s["invariants"] + s["pandera"] + s["cross-table checks"]}


def rows_of(ms: list[dict]) -> list[tuple[str, list[str]]]:
    d = [derived(m) for m in ms]
    s = [m["seconds"] for m in ms]
    mib = [f"{m['peak_rss_build_bytes'] / 2**20:,.0f} / {m['peak_rss_bytes'] / 2**20:,.0f}" for m in ms]
    return [
        ("documents / annotation records", [f"{m['documents']:,} / {m['records']:,}" for m in ms]),
        ("build, streaming (load, check, join, validate, write, verify), s", [f"{x['build']:.2f}" for x in d]),
        ("build throughput, sentences/s", [rate(x["n"], x["build"]) for x in d]),
        ("build s per 1k sentences (slope)", [f"{1000 * x['build'] / x['n']:.3f}" for x in d]),
        ("JSON Schema (compiled), records/s", [rate(m["records"], t["JSON Schema only"]) for m, t in zip(ms, s)]),
        ("cross-file invariants, sentences/s", [rate(x["n"], t["invariants"]) for x, t in zip(d, s)]),
        ("pandera (all tables), sentences/s", [rate(x["n"], t["pandera"]) for x, t in zip(d, s)]),
        ("cross-table checks (FK, spans), sentences/s", [rate(x["n"], t["cross-table checks"]) for x, t in zip(d, s)]),
        ("join + encode, s", [f"{t['join + encode']:.2f}" for t in s]),
        ("Parquet write / read (release shards), s",
         [f"{t['Parquet write (release shards)']:.2f} / {t['Parquet read (release shards)']:.2f}" for t in s]),
        ("floor: pyarrow write / read, no validation, s",
         [f"{t['floor write']:.2f} / {t['floor read']:.2f}" for t in s]),
        ("**build / floor (target <= 3)**", [f"{x['build'] / x['floor']:.1f}" for x in d]),
        ("load_dataset sentences cold / warm, s",
         [f"{t['load_dataset cold']:.2f} / {t['load_dataset warm']:.2f}" for t in s]),
        ("Arrow tables, MiB", [f"{m['arrow_bytes'] / 2**20:,.0f}" for m in ms]),
        ("peak RSS: build / whole run (floor, load_dataset hold the tables), MiB", mib),
        ("**peak RSS of the build / Arrow tables (target <= 2)**",
         [f"{m['peak_rss_build_bytes'] / m['arrow_bytes']:.1f}" for m in ms]),
    ]


def slope(ms: list[dict]) -> str:
    """Log-log slope of build time against sentences between the smallest and largest size (1 = linear)."""
    if len(ms) < 2:
        return "-"
    a, b = derived(ms[0]), derived(ms[-1])
    return f"{math.log(b['build'] / a['build']) / math.log(b['n'] / a['n']):.2f}"


def table(ms: list[dict]) -> str:
    head = "| | " + " | ".join(f"{m['sentences']:,} sentences" for m in ms) + " |"
    lines = [head, "|---" * (len(ms) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(values) + " |" for name, values in rows_of(ms)]
    return "\n".join(lines) + f"\n\nlog-log slope of build time vs sentences, first to last size: {slope(ms)}"


def run(sizes=SIZES, timeout: float = 3600) -> str:
    return table([run_size(n, timeout) for n in sizes])
