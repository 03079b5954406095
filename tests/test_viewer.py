"""``claimcorpus view``: the page's data and escaping, then the page itself in a real headless Chromium."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import pytest

from claimcorpus.cli import main
from claimcorpus.publish.viewer import render_html, script_json
from claimcorpus.publish.viewer_data import pieces, view_data

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVIL = '</script><script>window.pwned = 1</script><img src="https://example.invalid/x.png"> & \u2028'


@pytest.fixture(scope="module")
def data(release) -> dict:
    return view_data(release)


def test_pieces_cover_the_text_and_carry_overlapping_marks():
    sentence = {"start": 10, "text": "officials said it may be so", "artifacts": None,
                "sources": [{"entity": "officials", "source_type": "unnamed_group", "affiliation": "government",
                             "attitude": "assertion", "mention_start": 10, "mention_end": 19,
                             "cue_start": 20, "cue_end": 24}],
                "hedge_cues": [{"start": 28, "end": 31, "category": "epistemic_modal"},
                               {"start": 15, "end": 24, "category": "weasel"}]}
    parts = pieces(sentence)
    assert "".join(p["text"] for p in parts) == sentence["text"]
    by_text = {p["text"]: p["marks"] for p in parts}
    assert by_text["offic"] == ["mention"] and by_text["ials"] == ["hedge", "mention"]
    assert by_text["said"] == ["cue", "hedge"] and by_text["may"] == ["hedge"]


def test_data_is_escaped_inside_the_script_element():
    text = script_json({"t": EVIL})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    page = render_html({"documents": [], "sentences": [], "claims": {}, "evidence": {}, "filters": {},
                        "unlabelled": "-"}, title="<b>x</b>")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_page_is_self_contained(data):
    page = render_html(data)
    assert not re.search(r"<(script|img|link|iframe)[^>]*\s(src|href)=", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page


def test_cli_writes_the_page(built, tmp_path):
    out = tmp_path / "sub" / "view.html"
    assert main(["--root", str(built), "view", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


# ---------------------------------------------------------------- real browser

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: .ci/install-browser.sh must run before the tests")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; CI runs .ci/install-browser.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser, path: Path):
    """Open ``path``; return the page, the requests it tried besides the file (all blocked), its JS errors."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside, errors = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri()
               else (outside.append(route.request.url), route.abort()))
    page.goto(path.as_uri())
    return page, outside, errors


def test_click_shows_the_claims_of_the_sentence(browser, data, tmp_path):
    sentence_id = next((s["id"] for s in data["sentences"] if data["claims"].get(s["id"])), None)
    if sentence_id is None:  # a release without claims (labels pending): the page must say so
        sentence_id = data["sentences"][0]["id"]
    path = tmp_path / "view.html"
    path.write_text(render_html(data), encoding="utf-8")
    page, outside, errors = open_page(browser, path)
    page.click(f'.sent[data-id="{sentence_id}"]')
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert sentence_id in text and page.locator(".sent.selected").count() == 1
    claims = data["claims"].get(sentence_id, [])
    assert panel.locator(".claim").count() == len(claims)
    links = page.eval_on_selector_all("#panel .claim a", "links => links.map(a => a.href)")
    for claim in claims:
        assert claim["text"] in text and (claim["rationale"] or "") in text
        for ev_id in claim["evidence_ids"] or []:
            assert page.evaluate("url => new URL(url).href", data["evidence"][ev_id]["url"]) in links
    if not claims:
        assert "No atomic claims" in text
    panel.screenshot(path=str(tmp_path / "panel.png"))
    page.screenshot(path=str(tmp_path / "viewer.png"))
    assert (tmp_path / "viewer.png").stat().st_size > 10_000
    assert outside == [] and errors == []


def test_filters_dim_the_other_sentences(browser, data, tmp_path):
    path = tmp_path / "view.html"
    path.write_text(render_html(data), encoding="utf-8")
    page, _, _ = open_page(browser, path)
    option = data["filters"]["hedge_level"][-1]
    page.select_option('select[name="hedge_level"]', option)
    expected = sum((s["labels"]["hedge_level"] or data["unlabelled"]) == option for s in data["sentences"])
    assert page.locator(".sent:not(.dim)").count() == expected
    assert page.inner_text("#count").startswith(f"{expected} of {len(data['sentences'])}")


def test_text_from_the_data_is_never_markup(browser, data, tmp_path):
    data = copy.deepcopy(data)
    first = data["sentences"][0]
    first["pieces"][0]["text"] = EVIL
    data["claims"][first["id"]] = [{"claim_id": "x-c1", "text": EVIL, "is_main": True, "evidence_ids": ["x-ev"],
                                    "rationale": EVIL, "verification_status": None}]
    data["evidence"]["x-ev"] = {"evidence_id": "x-ev", "url": "javascript:window.pwned=2", "title": EVIL,
                                "sentence_ids": []}
    path = tmp_path / "evil.html"
    path.write_text(render_html(data), encoding="utf-8")
    page, outside, errors = open_page(browser, path)
    page.click(f'.sent[data-id="{first["id"]}"]')
    assert page.evaluate("window.pwned") is None
    assert page.locator("#panel img, #docs img, #panel a[href^='javascript']").count() == 0
    assert EVIL.split(" & ")[0] in page.inner_text("#panel") and EVIL.split(" & ")[0] in page.inner_text("#docs")
    assert outside == [] and errors == []


def test_extra_layers_become_labels_filters_and_marks(project, doc_folder):
    from .test_extra_layers import STANCE, build_with_both_layers

    build_with_both_layers(project, doc_folder)
    extra = view_data(project / "dataset")
    assert extra["filters"][STANCE["name"]] == STANCE["labels"]
    assert all(s["labels"][STANCE["name"]] == "neutral" for s in extra["sentences"])
    marked = [p["text"] for s in extra["sentences"] for p in s["pieces"] if "extra" in p["marks"]]
    assert marked and set(marked) == {"Syria"}
