"""The explorer in a real browser, as a programme officer uses it: search → entity → town → path →
network → source → draft review. Each test asserts what a person sees, and that the page made no
request to another host and logged no console error."""

from __future__ import annotations

import copy
import json
import re

import httpx
import pytest
import yaml

from graph import SEED_DIR
from graph.model import raw_article
from tests.web.conftest import CURATOR_KEY, shot

#: The first page a visitor loads, everything included, may transfer at most this much.
HOME_BUDGET_BYTES = 300_000


def text_of(pg) -> str:
    return pg.inner_text("body")


def test_home_search_suggests_names_and_opens_the_entity(page, web_server, tmp_path):
    page.goto(web_server + "/", wait_until="networkidle")
    body = text_of(page)
    for seen in ("红联共建", "图谱概况", "各镇结对覆盖", "太保镇", "湖光镇", "最新报道", "回访交流促提升"):
        assert seen in body, seen
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    total = sum(page.watch.bytes.values())
    assert 0 < total <= HOME_BUDGET_BYTES, page.watch.bytes
    shot(page, tmp_path, "explorer-home.png")

    box = page.locator(".hero input[data-suggest]")
    box.fill("雄业")
    page.wait_for_selector(".hero .suggest li:has-text('广州市雄业物流有限公司')")
    assert "又称" in page.inner_text(".hero .suggest")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/entity/xiongye-logistics")
    assert "广州市雄业物流有限公司" in page.inner_text("h1")
    page.watch.assert_clean()


def test_search_page_opens_an_exact_name_and_lists_the_rest(page, web_server):
    page.goto(web_server + "/search?q=太保镇", wait_until="networkidle")
    assert page.url.endswith("/entity/taibao")
    page.goto(web_server + "/search?q=太保", wait_until="networkidle")
    assert "太保镇中心学校" in text_of(page) and "共" in text_of(page)
    page.watch.assert_clean()
    response = page.goto(web_server + "/entity/太保", wait_until="networkidle")  # unknown: did you mean
    assert response.status == 404
    assert "您要找的是不是" in text_of(page) and page.locator("a:has-text('太保镇')").count() >= 1
    # Chromium logs the page's own 404 status; nothing else may fail
    assert page.watch.errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    assert page.watch.external == []


def test_entity_page_groups_relationships_with_quotes_and_draws_the_neighbourhood(page, web_server, tmp_path):
    page.goto(web_server + "/entity/太保镇", wait_until="networkidle")
    body = text_of(page)
    assert page.inner_text("h1").startswith("太保镇")
    for label in ("结对", "捐赠", "任职", "获奖", "隶属"):
        assert page.locator(f"h3:has-text('{label}')").count() == 1, label
    assert "140余万元" in body and "20.5万元" in body  # amounts as people write them
    assert "帮扶方" in body and "国光电器股份有限公司" in body
    quote = page.locator(".rels .quote").first
    assert quote.locator("cite a").inner_text().startswith("《")
    assert re.search(r"新快报，\d{4}年", quote.locator("cite").inner_text())
    page.wait_for_selector("#mini-net[data-drawn]")
    assert int(page.get_attribute("#mini-net", "data-drawn")) >= 10
    assert page.locator("#mini-net canvas").count() >= 1
    shot(page, tmp_path, "explorer-entity.png")
    # the quote's article link opens the source page at that fact
    quote.locator("cite a").click()
    page.wait_for_url("**/source/*#fact-*")
    assert page.locator("mark.fact.on").count() >= 1
    page.watch.assert_clean()


def test_town_page_is_a_dashboard(page, web_server, tmp_path):
    page.goto(web_server + "/town/太保镇", wait_until="networkidle")
    body = text_of(page)
    for heading in ("结对覆盖", "驻镇力量", "捐赠", "活动", "人物", "荣誉"):
        assert page.locator(f"h2:has-text('{heading}')").count() == 1, heading
    assert "连山壮族瑶族自治县" in body
    villages = page.inner_text("#villages")
    assert "上坪村" in villages and "广州市雄业物流有限公司" in villages and "文中未载结对企业" in villages
    assert "7个村、1个社区" in page.inner_text("#coverage") and "全覆盖" in page.inner_text("#coverage")
    assert "花都区驻太保镇帮扶镇扶村工作队" in page.inner_text("#stationed-work_teams")
    donations = page.inner_text("#donations")
    assert "2021" in donations and "20.5万元" in donations
    assert "140余万元" in page.inner_text("#cumulative")  # a running total, listed apart
    assert page.locator(".timeline li").count() >= 5 and "2021年12月14日" in page.inner_text(".timeline")
    assert "莫新勇" in page.inner_text("#people")
    assert page.get_attribute("a:has-text('本镇报告')", "href") == "/reports/network?scope=taibao"
    shot(page, tmp_path, "explorer-town.png")
    # printable: the chrome goes, the quotes unfold
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "none"
    page.emulate_media(media="screen")
    page.watch.assert_clean()


def test_path_page_finds_every_shortest_path_with_quotes(page, web_server, tmp_path):
    page.goto(web_server + "/path", wait_until="networkidle")
    source = page.locator("input[name=from]")
    source.fill("国光")
    page.wait_for_selector(".suggest li:has-text('国光电器股份有限公司')")
    page.locator(".suggest li:has-text('国光电器股份有限公司')").first.dispatch_event("mousedown")
    assert source.input_value() == "国光电器股份有限公司"
    page.fill("input[name=to]", "雄业物流")
    page.click("button:has-text('查找')")
    page.wait_for_selector(".path-result")
    body = text_of(page)
    assert "最短路径" in body and "太保镇" in body
    assert page.locator(".path-result").count() >= 2
    assert page.locator(".path-result .quote").count() >= 4
    shot(page, tmp_path, "explorer-path.png")
    page.watch.assert_clean()


def test_network_page_draws_filters_expands_focuses_and_exports(page, web_server, tmp_path):
    page.goto(web_server + "/network?focus=太保镇", wait_until="networkidle")
    page.wait_for_selector("#net[data-drawn]")
    nodes = page.evaluate("window.honglianGraph.nodes().length")
    assert nodes >= 10
    assert page.evaluate("window.honglianGraph.nodes('[type = \"place\"]').length") > 0
    shot(page, tmp_path, "explorer-network.png")
    # filter: no places
    places = page.locator("input[data-filter-type][value=place]")
    places.uncheck()
    page.wait_for_function("window.honglianGraph.nodes('[type = \"place\"]:visible').length === 0")
    assert page.evaluate("window.honglianGraph.nodes('[type = \"organization\"]:visible').length") > 0
    places.check()
    page.wait_for_function("window.honglianGraph.nodes('[type = \"place\"]:visible').length > 0")
    # search to focus: a node not drawn yet is loaded and selected
    page.fill("#net-search", "雄业物流")
    page.wait_for_selector(".net-tools .suggest li")
    page.locator(".net-tools .suggest li").first.dispatch_event("mousedown")
    page.wait_for_function(
        "window.honglianGraph.$(':selected').map(n => n.id()).includes('xiongye-logistics')"
    )
    # expand the selected node
    before = page.evaluate("window.honglianGraph.nodes().length")
    page.click("#net-expand")
    page.wait_for_function(f"window.honglianGraph.nodes().length > {before}")
    # export
    with page.expect_download() as download:
        page.click("#net-png")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".png")
    with open(path, "rb") as fh:
        data = fh.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    page.watch.assert_clean()


def test_source_page_marks_every_fact_where_it_is_stated(page, web_server, tmp_path):
    page.goto(web_server + "/source/xkb-taibao-dec14-activity", wait_until="networkidle")
    marks = page.locator("mark.fact")
    assert marks.count() > 20
    body = text_of(page)
    for private in ("朱艳红", "政叔"):  # private people the article names: never shown
        assert private not in body
    target = page.locator("mark.fact:has-text('爱心企业捐赠20.5万元')").first
    target.scroll_into_view_if_needed()
    target.click()
    panel = page.locator("#fact-panel")
    assert panel.is_visible()
    assert "捐赠" in panel.inner_text() and "花都区非公党委组织的17家爱心企业" in panel.inner_text()
    assert page.locator("mark.fact.on").count() >= 1
    shot(page, tmp_path, "explorer-source.png")
    page.watch.assert_clean()


def test_pages_read_on_a_phone(page, web_server, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/", "/town/太保镇", "/entity/雄业物流", "/source/xkb-huguang-greening", "/path", "/review"):
        page.goto(web_server + url, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (url, overflow)
    page.goto(web_server + "/town/太保镇", wait_until="networkidle")
    shot(page, tmp_path, "explorer-phone.png")
    page.watch.assert_clean()


def test_api_docs_work_offline(page, web_server):
    page.goto(web_server + "/docs", wait_until="networkidle")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "honglian" in page.inner_text(".swagger-ui .info .title")
    page.goto(web_server + "/redoc", wait_until="networkidle")
    page.wait_for_selector("h1")
    assert "honglian" in page.inner_text("h1")
    page.watch.assert_clean()


# ------------------------------------------------------------------------ draft review
REVIEW_SOURCE = "test-explorer-review"


def seed_draft() -> dict:
    """A draft in POST /drafts' shape, made from seed/data/huguang-greening.yaml: every item with
    ``confidence`` and ``rule``; 湖光镇 under a fresh id with ``possible_match`` (to be linked), and
    广州交投集团 under a fresh id flagged against 广州市 (to be kept apart)."""
    doc = yaml.safe_load((SEED_DIR / "data" / "huguang-greening.yaml").read_text(encoding="utf-8"))
    doc = copy.deepcopy(doc)
    doc["source"]["id"] = REVIEW_SOURCE
    rename = {
        "huguang": ("huguang-draft", ["huguang"]),
        "guangzhou-jiaotou": ("jiaotou-draft", ["guangzhou"]),
    }
    for e in doc["entities"]:
        e.update(confidence=0.8, rule="test")
        if e["id"] in rename:
            e["id"], e["possible_match"] = rename[e["id"]]
    for r in doc["relationships"]:
        r.update(confidence=0.7, rule="test")
        for end in ("from", "to"):
            if r[end] in rename:
                r[end] = rename[r[end]][0]
    return {"draft": doc, "notes": ["测试草稿：由种子文件生成。"], "linked": True}


@pytest.fixture
def cleanup_review(web_server):
    yield
    r = httpx.delete(f"{web_server}/sources/{REVIEW_SOURCE}", headers={"X-API-Key": CURATOR_KEY})
    assert r.status_code in (200, 404)


def start_review(page, web_server: str, article: str) -> None:
    """Open the review page, give it the curator key, paste the article and ask for the draft."""
    page.goto(web_server + "/review", wait_until="networkidle")
    page.fill("#curator-key", CURATOR_KEY)
    page.click("#key-save")
    page.wait_for_selector("#key-status:has-text('密钥有效')")
    assert page.evaluate("sessionStorage.getItem('honglian.curatorKey')") == CURATOR_KEY
    assert page.context.cookies() == [] and CURATOR_KEY not in page.url
    page.fill("#article-input", article)
    page.fill("#meta-id", REVIEW_SOURCE)
    page.click("#draft-run")
    page.wait_for_selector(".review-fact", timeout=60000)
    assert page.locator("[data-sentence] mark.fact").count() >= 5  # facts shown on their sentences


def save_review(page) -> None:
    page.click("#accept-rest")
    assert "未审核 0" in page.inner_text("#tally")
    page.click("#save")
    page.wait_for_selector("#save-status:has-text('已保存')", timeout=30000)
    page.click("#saved-link")
    page.wait_for_url(f"**/source/{REVIEW_SOURCE}")
    assert page.locator("mark.fact").count() > 5


def test_review_page_drafts_reviews_and_saves_a_source(page, web_server, tmp_path, cleanup_review):
    """The whole way with the real intake: POST /drafts → review → POST /sources."""
    assert "/drafts" in httpx.get(f"{web_server}/openapi.json").json()["paths"]
    start_review(page, web_server, raw_article("000_cc065a1ba74b6c23.txt"))
    for button in page.locator("button[data-action=split]").all():
        button.click()
    # reject one fact, edit another
    first_rel = page.locator(".review-fact[data-kind=relationship]").first
    first_rel.locator("button[data-action=reject]").click()
    assert page.locator(".review-fact.rejected").count() == 1
    entity = page.locator(".review-fact[data-kind=entity].pending").first
    entity.locator("button[data-action=edit]").click()
    edited = json.loads(entity.locator("textarea").input_value())
    edited["aliases"] = [*edited.get("aliases", []), edited["name"] + "（审核）"]
    entity.locator("textarea").fill(json.dumps(edited, ensure_ascii=False))
    entity.locator("button[data-action=edit-save]").click()
    page.locator("[data-sentence]").nth(2).scroll_into_view_if_needed()
    shot(page, tmp_path, "explorer-review.png")
    save_review(page)
    saved = httpx.get(f"{web_server}/sources/{REVIEW_SOURCE}").json()
    assert len(saved["relationships"]) > 5
    assert any(edited["name"] + "（审核）" in e["aliases"] for e in saved["entities"])
    page.watch.assert_clean()


def test_review_page_links_and_splits_flagged_entities(page, web_server, cleanup_review):
    """Link and split on a draft whose flags are known: POST /drafts is answered, for this one call,
    with a draft made from seed/data/huguang-greening.yaml (湖光镇 flagged against the graph's 湖光镇,
    广州交投集团 against 广州市); the save goes to the real POST /sources."""
    page.route(
        "**/drafts",
        lambda r: r.fulfill(status=200, content_type="application/json", body=json.dumps(seed_draft())),
    )
    start_review(page, web_server, raw_article("000_cc065a1ba74b6c23.txt"))
    hu = page.locator(".review-fact:has-text('huguang-draft')")
    hu.locator("button[data-action=link]").first.click()
    assert page.locator(".review-fact:has-text('huguang-draft')").count() == 0
    page.locator(".review-fact:has-text('jiaotou-draft') button[data-action=split]").click()
    save_review(page)
    # the linked entity is the graph's 湖光镇, now cited by the new source too; the split one is new
    hu = httpx.get(f"{web_server}/entities/huguang").json()
    assert REVIEW_SOURCE in {e["source_id"] for e in hu["evidence"]}
    assert httpx.get(f"{web_server}/entities/jiaotou-draft").status_code == 200
    page.watch.assert_clean()
