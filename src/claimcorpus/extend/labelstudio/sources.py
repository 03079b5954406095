"""Sources and claims of a Label Studio task: the exported read-only copy plus the edited spans.

Label Studio shows a source's mention (labelled with its source type), its
attribution cue (labelled with the attitude) and each claim's span (labelled
with the claim type). Those spans and labels are taken from the annotation;
everything else (entity, affiliation, countries, count, location, parent;
claim text, check-worthiness, source, hedge level, notes) comes unchanged from
the copy in the task's data. A region is matched to its source or claim by the
id the export gives it (``<source_id>_mention``, ``_cue``, ``<claim_id>_span``), by
the id older exports gave it (with ``:``, which Label Studio lists but does not
draw), else by its exact span.
"""

from __future__ import annotations

from .parse import Context, ParsedTask, Region, fail

#: Region ids of sources and claims: ``<id>_<part>`` now, ``<id>:<part>`` in exports made before 0.3.
SEPARATORS = ("_", ":")


def region_id(item_id: str, part: str) -> str:
    """The id of the region of a source's mention or cue, or of a claim's span (drawn by Label Studio)."""
    return f"{item_id}{SEPARATORS[0]}{part}"

SOURCE_PARTS = (("mention", "source_mention", "source_type"), ("cue", "attribution_cue", "attitude"))


def carried(task: ParsedTask, layer: str, ctx: Context) -> list[dict]:
    records = task.data.get(layer)
    if not isinstance(records, list):
        raise fail(ctx, task.where, f"data.{layer}", f"the {layer} the export carried (export a pass that has "
                   f"{layer}.jsonl, or leave {layer} out of --layers)", records)
    return records


def find_region(regions: dict[str, Region], item_id: str, part: str, span: dict | None, start: int,
                used: set) -> Region | None:
    """The region with the id of ``item_id``'s ``part`` (current or old form), else an unused region
    with exactly the exported span."""
    for sep in SEPARATORS:
        if f"{item_id}{sep}{part}" in regions:
            return regions[f"{item_id}{sep}{part}"]
    for region in regions.values():
        if span and region.rid not in used and region.doc_span(start) == span:
            return region
    return None


def regions_of(task: ParsedTask, control: str) -> dict[str, Region]:
    return {r.rid: r for r in task.regions.values() if r.control == control}


def refuse_unused(regions: list[Region], used: set, ctx: Context, what: str) -> None:
    for region in regions:
        if region.rid not in used:
            raise fail(ctx, region.where, "id", f"the span of a {what} in the exported data ({what}s are added in "
                       f"the layer files, not in Label Studio)", region.rid)


def rebuild_sources(task: ParsedTask, ctx: Context) -> dict:
    """The sentence's sources record with mention and cue spans and labels from the annotation."""
    out, used = [], set()
    regions = {control: regions_of(task, control) for _, control, _ in SOURCE_PARTS}
    for src in carried(task, "sources", ctx):
        src = dict(src)
        for part, control, label in SOURCE_PARTS:
            region = find_region(regions[control], src["source_id"], part, src.get(part), task.start, used)
            src[part] = None if region is None else region.doc_span(task.start)
            if region is not None:
                used.add(region.rid)
                src[label] = region.label
        out.append(src)
    refuse_unused([r for rs in regions.values() for r in rs.values()], used, ctx, "source mention or cue")
    rec = {"sentence_id": task.sid, "sources": out}
    note = (task.data.get("record_notes") or {}).get("sources")
    return {**rec, "note": note} if note else rec


def rebuild_claims(task: ParsedTask, ctx: Context) -> list[dict]:
    """The sentence's claims with span and claim type from the annotation (no region: span null)."""
    out, used = [], set()
    regions = regions_of(task, "claim")
    for claim in carried(task, "claims", ctx):
        claim = dict(claim)
        region = find_region(regions, claim["claim_id"], "span", claim.get("span"), task.start, used)
        claim["span"] = None if region is None else region.doc_span(task.start)
        if region is not None:
            used.add(region.rid)
            claim["claim_type"] = region.label
        out.append(claim)
    refuse_unused(list(regions.values()), used, ctx, "claim")
    return out
