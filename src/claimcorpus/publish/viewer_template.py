"""The static parts of the viewer page: HTML skeleton, CSS and JavaScript (no external resources).

The script builds every element from the embedded JSON with ``textContent``
and ``setAttribute`` only (never ``innerHTML``), so no text from the data is
ever parsed as HTML; links are kept only for ``http(s)`` URLs. The Content
Security Policy forbids any fetch, so the page works offline and loads nothing.
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{{TITLE}}</title>
<style>
{{CSS}}
</style>
</head>
<body>
<header>
<h1>{{TITLE}}</h1>
<div id="filters" class="filters"></div>
<div class="legend">{{LEGEND}}</div>
</header>
<main>
<div id="docs"></div>
<aside id="panel" aria-live="polite"><p class="hint">Click a sentence to see its labels, atomic claims and
evidence.</p></aside>
</main>
<script id="data" type="application/json">{{DATA}}</script>
<script>
{{JS}}
</script>
</body>
</html>
"""

CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "DejaVu Sans", system-ui, sans-serif; color: #1d1d1f; background: #f6f6f6; }
header { padding: 10px 20px; background: #fff; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 8px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; font-size: 13px; }
.filters label { display: flex; gap: 4px; align-items: center; }
#count { color: #555; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: #444; margin-top: 8px; }
.legend .sep { margin-left: 18px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px;
          vertical-align: -2px; border: 1px solid #0002; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); gap: 18px; padding: 16px 20px; }
article { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 6px 24px 12px; margin-bottom: 16px; }
article h2 { font-size: 17px; margin: 10px 0 2px; }
.doc-meta { font-size: 12px; color: #555; margin: 0 0 8px; }
.sent { cursor: pointer; border-radius: 3px; padding: 1px 1px; }
.sent:hover, .sent:focus { outline: 2px solid #888; outline-offset: 1px; }
.sent.selected { outline: 2px solid #1f4e99; outline-offset: 1px; }
.sent.dim { opacity: .25; }
.mk-mention { border-bottom: 2px solid #1f4e99; }
.mk-cue { font-weight: bold; color: #1f4e99; }
.mk-hedge { text-decoration: underline wavy #c2410c; text-underline-offset: 3px; }
.mk-artifact { outline: 1px dashed #b3263a; background: #f6d5da; }
.mk-extra { border-top: 2px dotted #6b21a8; }
#panel { position: sticky; top: 12px; align-self: start; max-height: calc(100vh - 24px); overflow: auto;
         background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px; font-size: 14px; }
#panel h2 { font-size: 15px; margin: 4px 0; font-family: monospace; }
#panel h3 { font-size: 14px; margin: 14px 0 4px; border-bottom: 1px solid #eee; }
.hint, .none { color: #666; font-style: italic; }
blockquote { margin: 4px 0; padding: 4px 10px; border-left: 4px solid #ccc; background: #fafafa; }
table.labels { border-collapse: collapse; font-size: 13px; }
table.labels td { padding: 1px 8px 1px 0; vertical-align: top; }
table.labels td:first-child { color: #555; font-family: monospace; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; border: 1px solid #0002; }
.claim { border: 1px solid #ddd; border-radius: 5px; padding: 6px 10px; margin: 6px 0; }
.claim-head { font-family: monospace; font-size: 12px; color: #555; }
.claim-text { margin: 4px 0; font-weight: 600; }
.rationale { margin: 4px 0; font-size: 13px; }
ul.evidence { margin: 4px 0; padding-left: 18px; font-size: 13px; }
ul.evidence li { margin-bottom: 4px; }
.ev-meta, .ev-summary { color: #444; font-size: 12px; }
ul.plain { margin: 2px 0; padding-left: 18px; font-size: 13px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } #panel { position: static; max-height: none; } }
"""

JS = r"""
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const NONE = DATA.unlabelled;
const EVIDENCE_BY_SENTENCE = {};
for (const ev of Object.values(DATA.evidence)) {
  for (const sid of ev.sentence_ids || []) (EVIDENCE_BY_SENTENCE[sid] = EVIDENCE_BY_SENTENCE[sid] || []).push(ev);
}

function el(tag, cls, ...children) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
function show(value) {
  if (value === null || value === undefined) return el("span", "none", "unlabelled");
  if (Array.isArray(value)) return value.length ? value.join(", ") : "–";
  return String(value);
}
function statusClass(status) { return "st-" + (status || "none"); }
function badge(status) { return el("span", "badge " + statusClass(status), status || "unlabelled"); }
function safeUrl(url) {
  try { const u = new URL(url); return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null; }
  catch (e) { return null; }
}
function labelTable(pairs) {
  const table = el("table", "labels");
  for (const [name, value] of pairs) table.append(el("tr", null, el("td", null, name), el("td", null, show(value))));
  return table;
}

function evidenceItem(ev) {
  const href = safeUrl(ev.url);
  const label = ev.title || ev.publisher || ev.url || ev.evidence_id;
  let link = label;
  if (href) {
    link = el("a", null, label);
    link.setAttribute("href", href);
    link.setAttribute("target", "_blank");
    link.setAttribute("rel", "noopener noreferrer");
  }
  const meta = [ev.publisher, ev.published, ev.relation, ev.independence].filter(Boolean).join(" · ");
  return el("li", null, link, el("div", "ev-meta", ev.evidence_id + (meta ? " · " + meta : "")),
            ev.summary ? el("div", "ev-summary", ev.summary) : null);
}
function evidenceList(items) {
  const ul = el("ul", "evidence");
  for (const ev of items) ul.append(evidenceItem(ev));
  return ul;
}

function claimCard(claim) {
  const evidence = (claim.evidence_ids || []).map(id => DATA.evidence[id]).filter(Boolean);
  return el("div", "claim",
    el("div", "claim-head", claim.claim_id + (claim.is_main ? " · main claim " : " "),
       badge(claim.verification_status)),
    el("p", "claim-text", claim.text),
    labelTable([["claim_type", claim.claim_type], ["check_worthy", claim.check_worthy],
                ["source", claim.source_id ? claim.source_id + " (" + show(claim.source_type) + ")" : null],
                ["hedge_level", claim.hedge_level], ["verification_status", claim.verification_status],
                ["attribution_status", claim.attribution_status], ["verified_as_of", claim.verified_as_of]]),
    claim.rationale ? el("p", "rationale", el("b", null, "Rationale: "), claim.rationale) : null,
    evidence.length ? evidenceList(evidence) : el("p", "none", "no evidence cited"));
}

function listSection(title, items, render) {
  const nodes = [el("h3", null, title + " (" + items.length + ")")];
  if (!items.length) nodes.push(el("p", "none", "none"));
  else { const ul = el("ul", "plain"); for (const it of items) ul.append(el("li", null, render(it))); nodes.push(ul); }
  return nodes;
}

function showDetail(s) {
  const panel = document.getElementById("panel");
  const claims = DATA.claims[s.id] || [];
  const cited = new Set(claims.flatMap(c => c.evidence_ids || []));
  const other = (EVIDENCE_BY_SENTENCE[s.id] || []).filter(ev => !cited.has(ev.evidence_id));
  panel.replaceChildren(el("h2", null, s.id), el("blockquote", null, s.text));
  if (s.text_clean && s.text_clean !== s.text) {
    panel.append(el("p", null, el("b", null, "Corrected reading: "), s.text_clean));
  }
  panel.append(el("h3", null, "Labels"), labelTable(Object.entries(s.labels)));
  panel.append(...listSection("Sources", s.sources, src => src.entity + " — " + [src.source_type, src.affiliation,
    src.attitude, src.location].map(show).join(", ") + (src.mention_text ? "; mention “" + src.mention_text + "”" : "")
    + (src.cue_text ? "; cue “" + src.cue_text + "”" : "")));
  panel.append(...listSection("Hedge cues", s.hedge_cues, c => "“" + c.text + "” — " + show(c.category)
    + (c.holder ? " (held by " + c.holder + ")" : "")));
  panel.append(...listSection("Artifacts", s.artifacts, a => "“" + a.text + "” — " + show(a.type)
    + " → “" + (a.correction || "") + "”"));
  const claimsBox = el("div", "claims");
  claimsBox.append(el("h3", null, "Atomic claims (" + claims.length + ")"));
  if (!claims.length) claimsBox.append(el("p", "none", "No atomic claims for this sentence in this release."));
  for (const c of claims) claimsBox.append(claimCard(c));
  panel.append(claimsBox, el("h3", null, "Other evidence linked to this sentence (" + other.length + ")"));
  panel.append(other.length ? evidenceList(other) : el("p", "none", "none"));
}

function select(span, s) {
  for (const node of document.querySelectorAll(".sent.selected")) node.classList.remove("selected");
  span.classList.add("selected");
  showDetail(s);
}

function sentenceSpan(s) {
  const span = el("span", "sent " + statusClass(s.labels.verification_status));
  span.dataset.id = s.id;
  span.setAttribute("tabindex", "0");
  span.setAttribute("role", "button");
  for (const piece of s.pieces) {
    const part = el("span", piece.marks.map(m => "mk-" + m).join(" ") || null, piece.text);
    if (piece.notes.length) part.title = piece.notes.join("\n");
    span.append(part);
  }
  span.addEventListener("click", () => select(span, s));
  span.addEventListener("keydown", e => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(span, s); }
  });
  return span;
}

function renderDocuments() {
  const root = document.getElementById("docs");
  for (const doc of DATA.documents) {
    const article = el("article", null, el("h2", null, doc.original_headline || doc.doc_id),
      el("p", "doc-meta", [doc.doc_id, doc.original_publisher, doc.date].filter(Boolean).join(" · ")));
    let para = null, current = null;
    for (const s of DATA.sentences.filter(x => x.doc_id === doc.doc_id)) {
      if (s.paragraph !== current) { para = el("p"); article.append(para); current = s.paragraph; }
      else para.append(" ");
      para.append(sentenceSpan(s));
    }
    root.append(article);
  }
}

function applyFilters() {
  const chosen = [...document.querySelectorAll("#filters select")].filter(x => x.value).map(x => [x.name, x.value]);
  let shown = 0;
  for (const s of DATA.sentences) {
    const ok = chosen.every(([field, value]) => (s.labels[field] ?? NONE) === value);
    document.querySelector(`.sent[data-id="${CSS.escape(s.id)}"]`).classList.toggle("dim", !ok);
    shown += ok ? 1 : 0;
  }
  document.getElementById("count").textContent = shown + " of " + DATA.sentences.length + " sentences match";
}

function renderFilters() {
  const box = document.getElementById("filters");
  for (const [field, names] of Object.entries(DATA.filters)) {
    const sel = el("select", null, el("option", null, "any"));
    sel.name = field;
    sel.options[0].value = "";
    for (const name of names) { const opt = el("option", null, name); opt.value = name; sel.append(opt); }
    sel.addEventListener("change", applyFilters);
    box.append(el("label", null, field, sel));
  }
  const count = el("span");
  count.id = "count";
  box.append(count);
}

renderDocuments();
renderFilters();
applyFilters();
"""
