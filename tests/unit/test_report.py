"""The report's data, renderers and diagrams on hand-made rows (no server)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import analytics as A
from graph import diagram as D
from graph import report as R
from graph.errors import HonglianError
from tests.unit.test_towns import rows as town_rows

# ----------------------------------------------------------------------------- diagrams


def _boxes_overlap(a: D.Box, b: D.Box) -> bool:
    return not (
        a.x + a.w / 2 <= b.x - b.w / 2
        or b.x + b.w / 2 <= a.x - a.w / 2
        or a.y + a.h <= b.y
        or b.y + b.h <= a.y
    )


LABEL = st.text(alphabet="花都区太保镇工作队有限公司村社区（）“”、0123456789ABC", min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    layers=st.lists(
        st.lists(st.tuples(LABEL, st.one_of(st.none(), LABEL)), min_size=1, max_size=9),
        min_size=1,
        max_size=5,
    ),
    edges=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=30),
)
def test_boxes_never_overlap_and_stay_on_the_page(layers, edges):
    g = D.Diagram("test")
    ids = []
    for n, layer in enumerate(layers):
        for i, (label, sub) in enumerate(layer):
            g.box(f"{n}-{i}", label, n, "partner", sub)
            ids.append(f"{n}-{i}")
    for a, b in edges:
        g.edge(ids[a % len(ids)], ids[b % len(ids)])
    svg = g.svg()
    real = [b for b in g.boxes.values() if not b.dummy]
    for i, a in enumerate(real):
        assert a.x - a.w / 2 >= D.MARGIN - 0.01 and a.x + a.w / 2 <= D.WIDTH - D.MARGIN + 0.01, a
        for b in real[i + 1 :]:
            assert not _boxes_overlap(a, b), (a, b)
        for line in a.lines:  # the text fits its box (estimated widths are on the wide side)
            assert D.text_em(line) * D.FONT <= a.w - 2 * D.PAD_X + 0.01
    assert svg.count('class="node"') == len(real)


def test_wrapping_keeps_numbers_whole_and_balances_lines():
    assert D.wrap("雄业物流牵头的19家企业党组织") == ["雄业物流牵头的", "19家企业党组织"]
    assert D.wrap("国光电器股份有限公司") == ["国光电器股份有限公司"]
    long = D.wrap("很" * 60)
    assert len(long) == D.MAX_LINES and long[-1].endswith("…")
    assert all(D.text_em(x) <= D.MAX_LABEL_EM for x in long)


def test_town_picture_labels_every_party_and_marks_the_gaps():
    from graph.towns import town_data

    d = town_data(town_rows())
    svg = D.town_svg(d)
    names = [
        "花都区",
        "广州市",
        "驻太保镇工作队",
        "交投集团",
        "国光电器",
        "太保镇",
        "上坪村",
        "莲塘村",
        "雄业物流",
    ]
    titles = re.findall(r"<g class=\"node\" data-id=\"[^\"]+\"><title>([^<]+)</title>", svg)
    assert sorted(titles) == sorted([*names, "其余6个村（社区）"])
    town = re.search(r'data-id="tb">(.*?)</g>', svg).group(1)
    assert "".join(re.findall(r"<text[^>]*>([^<]+)</text>", town)) == "太保镇文中称全覆盖（7个村、1个社区）"
    assert "文中未载结对企业" in svg and "文中未具名" in svg
    assert 'stroke-dasharray="4 3"' in svg  # dashed boxes for the gaps


# ----------------------------------------------------------------------------- the report


def _graph():
    names = {
        "tb": ("place", "town"),
        "hd": ("place", "district"),
        "team": ("organization", "work_team"),
        "sp": ("place", "village"),
        "lt": ("place", "village"),
        "ent": ("organization", "enterprise"),
        "gz": ("place", "city"),
    }
    nodes = [{"id": i, "type": t, "kind": k, "name": i} for i, (t, k) in names.items()]
    edges = [
        ("hd", [["r1", "tb", "pairs_with", None]]),
        ("team", [["r2", "tb", "located_in", None]]),
        ("sp", [["r3", "tb", "part_of", None]]),
        ("lt", [["r4", "tb", "part_of", None]]),
        ("ent", [["r5", "sp", "pairs_with", None]]),
        ("gz", [["r6", "hd", "part_of", None]]),
    ]
    return A.build_graph(nodes, edges)


@pytest.fixture
def data():
    return R.report_data(_graph(), town_rows(), 7, generated_at=datetime(2026, 11, 27, 9, 5, tzinfo=UTC))


def test_report_data_is_plain_json_with_chinese_time_and_no_version_in_print(data):
    assert json.loads(R.render_json(data)) == json.loads(json.dumps(data))
    assert (
        data["generated_text"] == "2026年11月27日 17:05" and data["generated_at"] == "2026-11-27T17:05+08:00"
    )
    assert data["data_as_of"]["text"] == "2024年3月（推定）"
    for fmt in ("html", "markdown"):
        text = R.render(data, fmt)
        assert "数据版本" not in text and "UTC" not in text and "+00:00" not in text
        assert "生成于 2026年11月27日 17:05（北京时间） · 资料截至 2024年3月（推定） · 依据 2 篇报道" in text
        assert "文中未载结对企业" in text and "尚无结对" not in text
        assert "《报道一》" in text and "新快报" in text


def test_html_and_markdown_come_from_the_same_blocks(data):
    html, md = R.render(data, "html"), R.render(data, "markdown")
    headings = [b[1] for b in R.document(data) if b[0] in ("h2", "h3")]
    assert headings[:3] == ["要点", "太保镇（清远市连山县）", "概览图"]
    for h in headings:
        assert f">{h}</h" in html and (f"## {h}" in md or f"### {h}" in md), h
    assert (
        html.count('<figure class="town-picture"') == 1
        and html.count('<figure class="overview-picture"') == 1
    )
    # the connectors are said in words, never as raw scores
    assert "经过它的最短联系" in html and re.search(r"<td[^>]*>0\.\d{3}</td>", html) is None


def test_markdown_leaves_pictures_out_on_stdout_and_writes_them_beside_a_file(data, tmp_path):
    md = R.render(data, "markdown")
    assert "data:image" not in md and "本文本版未附图" in md
    written = R.write_report(data, "markdown", tmp_path / "out" / "report.md")
    assert [p.name for p in written] == ["report.md", "report-overview.svg", "report-tb.svg"]
    text = written[0].read_text(encoding="utf-8")
    assert "![" in text and "(report-tb.svg)" in text and "本文本版未附图" not in text
    assert written[2].read_text(encoding="utf-8").startswith("<svg")
    assert written[0].stat().st_size < 20_000


def test_pdf_needs_chromium_and_says_how_to_install_it(data, monkeypatch):
    monkeypatch.setattr(R.shutil, "which", lambda name: None)
    with pytest.raises(HonglianError, match="apt-get install chromium fonts-noto-cjk"):
        R.render(data, "pdf")


def test_unknown_format_is_refused(data):
    with pytest.raises(ValueError, match="html, markdown, json, pdf"):
        R.render(data, "docx")


def test_scope_keeps_the_towns_nearby():
    d = R.report_data(_graph(), town_rows(), 1, scope="ent", radius=2)
    assert [t["town"]["id"] for t in d["towns"]] == ["tb"] and d["title"] == "红联共建 帮扶报告：ent及其周边"
    far = R.report_data(_graph(), town_rows(), 1, scope="gz", radius=1)
    assert far["towns"] == [] and far["overview"] is None
