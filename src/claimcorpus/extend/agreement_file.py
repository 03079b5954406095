"""The stored agreement report, ``annotations/agreement.json`` (read by the card)."""

from __future__ import annotations

import json
from pathlib import Path

from ..guard.safe_json import read_json_file
from ..paths import AGREEMENT_NAME as REPORT_NAME


def render_report(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True) + "\n"


def read_report(annotations_root: Path) -> dict:
    path = annotations_root / REPORT_NAME
    return read_json_file(path) if path.is_file() else {}
