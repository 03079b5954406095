"""``claimcorpus view``: one self-contained HTML file to read the annotated articles.

The data is embedded as JSON in a ``<script type="application/json">``
element, escaped so that no text can close the element; everything else that
comes from the data is inserted by the page's script as text, never as HTML.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from .palette import UNLABELLED_COLOUR, VERIFICATION_COLOURS
from .viewer_data import view_data
from .viewer_template import CSS, JS, PAGE

TITLE = "claimcorpus viewer"
MARKS = {"mention": "source mention", "cue": "attribution cue", "hedge": "hedge cue", "artifact": "artifact",
         "extra": "extra-layer span"}
#: JSON escapes that keep the payload inert inside <script> (and valid JavaScript).
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def tint(colour: str, share: float = 0.3) -> str:
    """``colour`` mixed with white (``share`` of the colour), as #rrggbb."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def status_css() -> str:
    """Background of sentences and badges per verification status."""
    rules = [f".st-{status} {{ background: {tint(colour)}; }}" for status, colour in VERIFICATION_COLOURS.items()]
    return "\n".join(rules + [f".st-none {{ background: {tint(UNLABELLED_COLOUR, 0.6)}; }}"])


def legend_html() -> str:
    statuses = [*VERIFICATION_COLOURS, "none"]
    items = [f'<span><span class="swatch st-{s}"></span>{html.escape(s if s != "none" else "unlabelled")}</span>'
             for s in statuses]
    marks = [f'<span class="mk-{kind}">{html.escape(label)}</span>' for kind, label in MARKS.items()]
    return "<span>verification status:</span>" + "".join(items) + '<span class="sep">marks:</span>' + "".join(marks)


def script_json(data: dict) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(str.maketrans(SCRIPT_ESCAPES))


def render_html(data: dict, title: str = TITLE) -> str:
    """The page; the data goes in last so nothing in it is taken for a placeholder."""
    page = PAGE.replace("{{TITLE}}", html.escape(title)).replace("{{CSS}}", CSS + status_css())
    page = page.replace("{{LEGEND}}", legend_html()).replace("{{JS}}", JS)
    return page.replace("{{DATA}}", script_json(data))


def write_view(dataset_dir: Path, out: Path) -> Path:
    """Read the release in ``dataset_dir`` and write the viewer page to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(view_data(dataset_dir)), encoding="utf-8")
    return out
