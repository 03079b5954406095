"""The Label Studio labeling config of one sentence task, generated from the label inventories.

One task is one sentence (``$text``), shown beside its context (``$context``:
the paragraphs around it, read-only: no control labels it). Sentence labels are ``Choices``; span
layers are ``Labels`` on the text; the hedge cue holder and the main claim are
``Choices`` loaded from the task (``$source_options``, ``$claim_options``); an
artifact's correction is a per-region ``TextArea``. Item notes are region
meta text. Declared extra layers become ``Choices`` (``label``) or ``Labels``
(``spans``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import quoteattr

from ...errors import CorpusError
from ...schema.labels import INVENTORIES

TEXT = "text"
CONTEXT = "context"
BOOL = ("true", "false")


@dataclass(frozen=True)
class Control:
    """A control tag: ``kind`` is choices, labels or textarea; ``values`` None = loaded from the task."""

    name: str
    kind: str
    values: tuple[str, ...] | None
    header: str
    attrs: str = ""

    @property
    def per_region(self) -> bool:
        return 'perRegion="true"' in self.attrs


def controls(definitions=()) -> dict[str, Control]:
    """Every control of the config, by name (the ``from_name`` of results)."""
    hedge, artifact = INVENTORIES["hedge_category"], INVENTORIES["artifact_type"]
    out = [
        Control("is_claim", "choices", BOOL, "is_claim", 'required="true"'),
        Control("check_worthy", "choices", BOOL, "check_worthy", 'required="true"'),
        Control("claim_type", "choices", INVENTORIES["claim_type"], "claim_type", 'required="true"'),
        Control("hedge_level", "choices", INVENTORIES["hedge_level"], "hedge_level", 'required="true"'),
        Control("main_claim", "choices", None, "main claim (when is_claim)", 'value="$claim_options"'),
        Control("sentence_note", "textarea", None, "note on the sentence labels (optional)", 'maxSubmissions="1"'),
        Control("hedge_cue", "labels", hedge, "hedge cues (category)"),
        Control("holder", "choices", None, "holder of the selected hedge cue", 'value="$source_options" '
                f'perRegion="true" visibleWhen="region-selected" whenLabelValue="{",".join(hedge)}"'),
        Control("artifact", "labels", artifact, "translation artifacts (type)"),
        Control("correction", "textarea", None, "correction of the selected artifact (empty: delete it)",
                'perRegion="true" maxSubmissions="1" visibleWhen="region-selected" '
                f'whenLabelValue="{",".join(artifact)}"'),
        Control("source_mention", "labels", tuple(t for t in INVENTORIES["source_type"] if t != "author"),
                "source mentions (source type)"),
        Control("attribution_cue", "labels", INVENTORIES["attitude"], "attribution cues (attitude)"),
        Control("claim", "labels", tuple(t for t in INVENTORIES["claim_type"] if t != "not_claim"),
                "atomic claim spans (claim type)"),
    ]
    for defn in definitions:
        kind = "labels" if defn.kind == "spans" else "choices"
        out.append(Control(defn.name, kind, defn.labels, f"{defn.name} (declared layer)"))
    return {c.name: c for c in out}


def control_xml(control: Control) -> str:
    attrs = f'name="{control.name}" toName="{TEXT}" {control.attrs}'.strip()
    if control.kind == "textarea":
        return f'  <TextArea {attrs} editable="true"/>'
    tag, item = ("Labels", "Label") if control.kind == "labels" else ("Choices", "Choice")
    if control.kind == "choices" and 'choice=' not in attrs:
        attrs += ' choice="single-radio" showInline="true"'
    inner = "".join(f"\n    <{item} value={quoteattr(v)}/>" for v in control.values or ())
    return f"  <{tag} {attrs}>{inner}\n  </{tag}>" if inner else f"  <{tag} {attrs}/>"


def label_config(definitions=()) -> str:
    """The labeling config XML: the sentence and its controls, the context in a column beside them."""
    parts = ["<View>", "  <Style>.htx-text{ white-space: pre-wrap; }</Style>",
             '  <View style="display: flex; gap: 1em; align-items: flex-start">',
             '  <View style="flex: 3; min-width: 0">', '  <Header value="$sentence_id"/>',
             f'  <Text name="{TEXT}" value="$text" granularity="symbol"/>']
    for control in controls(definitions).values():
        parts += [f"  <Header value={quoteattr(control.header)} size=\"6\"/>", control_xml(control)]
    parts += ["  </View>", '  <View style="flex: 2; min-width: 0; position: sticky; top: 0; background: #f5f5f5; '
              'padding: 0.5em; border-radius: 4px">',
              '  <Header value="context (read-only): paragraph before, the sentence in ⟦ ⟧, paragraph after" '
              'size="6"/>',
              f'  <Text name="{CONTEXT}" value="${CONTEXT}" granularity="word" selectionEnabled="false"/>',
              "  </View>", "  </View>"]
    return "\n".join([*parts, "</View>"]) + "\n"


def validate_config(xml: str, where: str = "<label config>") -> str:
    """Check the config with label-studio-sdk when installed; return which check ran."""
    import xml.etree.ElementTree as ET

    try:
        interface = sdk_interface(xml)
        if interface is None:
            ET.fromstring(xml)
            return "xml"
        interface.validate()
    except Exception as exc:  # the SDK raises its own validation error types
        raise CorpusError(where, "(config)", "(xml)", "a valid Label Studio labeling config", str(exc)) from exc
    return "label-studio-sdk"


@cache
def sdk_interface(xml: str):
    """label-studio-sdk's parsed config, or ``None`` when the SDK is not installed."""
    try:
        with warnings.catch_warnings():  # the SDK's pydantic v1-style models warn on import
            warnings.simplefilter("ignore", DeprecationWarning)
            from label_studio_sdk.label_interface import LabelInterface
    except ImportError:
        return None
    return LabelInterface(xml)


def sdk_errors(xml: str, result: list) -> list[str]:
    """label-studio-sdk's objections to an annotation result (none without the SDK)."""
    interface = sdk_interface(xml)
    return [] if interface is None else interface.validate_prediction({"result": result}, return_errors=True)
