"""Reports over HTTP and the CLI, against the seeded graph."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SECTIONS = [
    "要点",
    "概览图",
    "谁在帮扶",
    "村（社区）结对",
    "捐赠（按年）",
    "活动时间线",
    "人物",
    "荣誉",
    "网络中的关键连接者",
    "来源",
]
TOWNS = ["太保镇（清远市连山壮族瑶族自治县）", "湖光镇（湛江市麻章区）"]


@pytest.fixture(scope="module")
def html(client) -> str:
    r = client.get("/reports/network", params={"format": "html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    return r.text


@pytest.fixture(scope="module")
def data(client) -> dict:
    return json.loads(client.get("/reports/network", params={"format": "json"}).text)


def test_html_report_opens_with_findings_per_town(html):
    for heading in SECTIONS + TOWNS:
        assert heading in html, heading
    assert html.index("<h2>要点</h2>") < html.index("<h2>概览图</h2>") < html.index("<h3>谁在帮扶</h3>")
    findings = html[html.index("<h2>要点</h2>") : html.index("<h2>概览图</h2>")]
    for topic in ("谁在帮扶", "结对", "覆盖", "捐赠", "缺口"):
        assert f"<strong>{topic}</strong>" in findings
    assert "驻镇帮扶：花都区驻太保镇帮扶镇扶村工作队（队长郭景祥）" in findings
    assert "上坪村—广州市雄业物流有限公司" in findings
    assert "2021年（推定），资金20.5万元" in findings


def test_html_report_is_self_contained_and_forwardable(html):
    assert html.count("<svg") == 3  # the overview and one picture per town
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # opens offline
    assert re.search(
        r"生成于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间） · 资料截至 2024年3月（推定）", html
    )
    assert "数据版本" not in html and "UTC" not in html and not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", html)
    # sources by title and publisher; figures cite their quotes
    assert '《回访交流促提升 “红联共建”助发展》</td><td class="short">新快报</td>' in html
    assert "爱心企业捐赠20.5万元助力太保镇乡村振兴。" in html
    assert "近30万元" in html and "捐赠近30万元" not in html.split("出处")[0]


def test_coverage_says_what_the_articles_name(html, data):
    assert "尚无结对" not in html
    row = re.search(r"<tr><td[^>]*>莲塘村</td>(.*?)</tr>", html).group(1)
    assert "文中未载结对企业" in row and "莲塘“红联共建”小组" in row
    # what the article states, with its quote, beside what is recorded
    assert "文中所述：实现了“千企帮千镇 万企兴万村”行动倡议在太保镇村(社)的全覆盖——“" in html
    assert (
        "记录所见：该镇有7个村、1个社区，文中具名3个，其中2个载明结对企业（上坪村、沙坪村），莲塘村文中未载结对企业。"
        in html
    )
    # the running total is shown apart, never added to the gifts
    assert "花都-太保共建“红友圈”累计捐赠款物140余万元。这是累计数" in html
    taibao = next(t for t in data["towns"] if t["town"]["id"] == "taibao")
    assert taibao["coverage"]["without_named_partner"] == ["莲塘村"]
    assert taibao["coverage"]["counts_stated"] == "7个村、1个社区"
    huguang = next(t for t in data["towns"] if t["town"]["id"] == "huguang")
    assert {v["status"] for v in huguang["coverage"]["villages"]} == {"文中未载结对企业"}


def test_no_raw_scores_without_meaning(html, data):
    assert "中介中心性" not in html and "PageRank" not in html and "模块度" not in html
    connectors = data["connectors"]["items"]
    assert connectors[0]["name"] == "太保镇"
    assert f"{connectors[0]['neighbours']}方" in html and connectors[0]["share_text"] in html
    assert not re.search(r"<td[^>]*>0\.\d+</td>", html)


def test_private_people_never_reach_an_anonymous_reader(client, html, data):
    md = client.get("/reports/network", params={"format": "markdown"}).text
    text = json.dumps(data, ensure_ascii=False)
    for name in ("朱艳红", "政叔", "黄丽珠", "梁嘉欣"):
        assert name not in html and name not in md and name not in text, name


def test_markdown_and_json_come_from_the_same_data(client, data):
    md = client.get("/reports/network", params={"format": "markdown"}).text
    assert md.startswith("# 红联共建 帮扶报告")
    for heading in SECTIONS:
        assert f"## {heading}" in md or f"### {heading}" in md, heading
    assert "data:image" not in md and "本文本版未附图" in md  # pictures are files beside a written report
    assert data["headline"]["towns"] == 2 and f"涉及{data['headline']['towns']}个镇" in md
    flows = {
        (tuple(i["donors"]), i["recipient"]): i
        for t in data["towns"]
        for y in t["donations"]["years"]
        for i in y["items"]
    }
    gift = flows[(("广州交投集团",), "湖光镇")]
    assert gift["approximate"] is True and gift["amount_text"] == "近30万元"
    assert (
        gift["evidence"][0]["source_title"].startswith("“含绿量”")
        and gift["evidence"][0]["publisher"] == "新快报"
    )


def test_pdf_over_http(client):
    r = client.get("/reports/network", params={"format": "pdf", "scope": "huguang"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and len(r.content) > 20_000


def test_scoped_report(client, data):
    scoped = json.loads(client.get("/reports/network", params={"format": "json", "scope": "taibao"}).text)
    assert scoped["scope"]["name"] == "太保镇" and scoped["title"] == "红联共建 帮扶报告：太保镇"
    assert [t["town"]["name"] for t in scoped["towns"]] == ["太保镇"]
    assert scoped["headline"]["entities"] < data["headline"]["entities"]
    near = json.loads(
        client.get("/reports/network", params={"format": "json", "scope": "xiongye-logistics"}).text
    )
    assert near["title"] == "红联共建 帮扶报告：广州市雄业物流有限公司及其周边"
    assert "太保镇" in [t["town"]["name"] for t in near["towns"]]


def test_report_errors(client):
    assert client.get("/reports/network", params={"scope": "atlantis"}).status_code == 404
    assert client.get("/reports/network", params={"format": "docx"}).status_code == 422


def test_coverage_api_names_the_gap_and_what_is_stated(client):
    body = client.get("/analytics/coverage", params={"town": "taibao"}).json()
    villages = {v["village"]["name"]: v for v in body["villages"]}
    assert villages["莲塘村"]["partner_named"] is False and villages["莲塘村"]["status"] == "文中未载结对企业"
    assert villages["上坪村"]["partner_named"] is True and villages["上坪村"]["status"] == "文中载有结对企业"
    assert (
        [v["name"] for v in body["without_named_partner"]]
        == ["莲塘村"]
        == [v["name"] for v in body["uncovered"]]
    )
    assert body["counts_stated"] == "7个村、1个社区"
    assert "莲塘村文中未载结对企业" in body["note"] and "尚无结对" not in json.dumps(body, ensure_ascii=False)
    assert "全覆盖" in body["stated"]["text"] and body["stated"]["quotes"][0]["source_title"].startswith(
        "“红联共建”"
    )
    assert body["note"].startswith(f"文中称：{body['stated']['text']}；")
    huguang = client.get("/analytics/coverage", params={"town": "huguang"}).json()
    assert huguang["stated"] is None and huguang["note"].startswith("文中未说明结对覆盖情况")
    assert huguang["covered"] == 0 and {v["status"] for v in huguang["villages"]} == {"文中未载结对企业"}


def cli_env(settings) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(
        {
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
            "HONGLIAN_NEO4J_BOLT_PORT": str(settings.bolt_port),
        }
    )
    if not settings.managed:
        env["NEO4J_URI"] = settings.uri
    return env


def test_cli_report_writes_a_file(settings, seeded, tmp_path):
    out = tmp_path / "report.html"
    honglian = str(Path(sys.executable).with_name("honglian"))
    run = subprocess.run(
        [honglian, "report", "--scope", "taibao", "-o", str(out)],
        env=cli_env(settings),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "红联共建 帮扶报告：太保镇" in text and text.count("<svg") == 2
    bad = subprocess.run(
        [honglian, "report", "-f", "docx"], env=cli_env(settings), capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "Unknown format" in bad.stderr and "pdf" in bad.stderr
