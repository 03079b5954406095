"""The stored agreement report, ``annotations/agreement.json`` (read by the card)."""

from __future__ import annotations

import json
from pathlib import Path

from ..paths import AGREEMENT_NAME as REPORT_NAME


def render_report(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True) + "\n"


def read_report(annotations_root: Path) -> dict:
    path = annotations_root / REPORT_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
