"""Reports over HTTP and the CLI, against the seeded graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SECTIONS = [
    "网络图",
    "概览",
    "中心性：度中心性",
    "中心性：中介中心性",
    "中心性：PageRank",
    "社群",
    "关键节点",
    "结对关系（按镇）",
    "捐赠流向",
    "活动时间线",
    "荣誉",
    "覆盖情况",
    "来源",
]


def test_html_report_is_self_contained_with_every_section(client):
    r = client.get("/reports/network", params={"format": "html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    text = r.text
    for heading in SECTIONS:
        assert heading in text, heading
    assert "<svg" in text and text.count("<circle") > 100 and "太保镇</text>" in text
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # opens offline
    assert "数据版本" in text and "生成时间" in text
    # figures cite their evidence
    assert "爱心企业捐赠20.5万元助力太保镇乡村振兴。" in text
    assert "捐赠近30万元" in text


def test_markdown_and_json_come_from_the_same_data(client):
    data = json.loads(client.get("/reports/network", params={"format": "json"}).text)
    md = client.get("/reports/network", params={"format": "markdown"}).text
    assert md.startswith("# 红联共建 合作网络报告")
    for heading in SECTIONS:
        assert f"## {heading}" in md, heading
    assert f"实体 {data['headline']['entities']} 个" in md
    assert "data:image/svg+xml;base64," in md
    top = data["centrality"]["betweenness"]["items"][0]
    assert top["name"] == "太保镇" and f"| 1 | {top['name']} |" in md
    cov = {c["town"]["name"]: c for c in data["coverage"]}
    # 莲塘村: the articles name no partner, but 太保镇's villages are stated to be fully covered (全覆盖);
    # the report shows the stated coverage beside the recorded partners and calls no village unpaired.
    liantang = [v for v in cov["太保镇"]["villages"] if v["village"]["name"] == "莲塘村"]
    assert liantang and liantang[0]["partners"] == []
    assert "全覆盖" in json.dumps(cov["太保镇"], ensure_ascii=False)
    assert "尚无结对" not in md
    flows = {(f["from"], f["to"]): f for f in data["donations"]["flows"]}
    assert flows[("广州交投集团", "湖光镇")]["approximate"] is True
    assert flows[("广州交投集团", "湖光镇")]["evidence"][0]["source_title"].startswith("“含绿量”")


def test_scoped_report(client):
    data = json.loads(client.get("/reports/network", params={"format": "json", "scope": "taibao"}).text)
    assert data["scope"]["name"] == "太保镇" and data["radius"] == 2
    assert (
        data["headline"]["entities"]
        < json.loads(client.get("/reports/network", params={"format": "json"}).text)["headline"]["entities"]
    )
    assert ("广州交投集团", "湖光镇") not in {(f["from"], f["to"]) for f in data["donations"]["flows"]}
    assert "太保镇" in data["title"]


def test_report_errors(client):
    assert client.get("/reports/network", params={"scope": "atlantis"}).status_code == 404
    assert client.get("/reports/network", params={"format": "pdf"}).status_code == 422


def test_cli_report_writes_a_file(settings, seeded, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "HONGLIAN_"))}
    env.update(
        {
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
            "HONGLIAN_NEO4J_BOLT_PORT": str(settings.bolt_port),
        }
    )
    if not settings.managed:
        env["NEO4J_URI"] = settings.uri
    out = tmp_path / "report.html"
    honglian = str(Path(sys.executable).with_name("honglian"))
    run = subprocess.run(
        [honglian, "report", "--scope", "taibao", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "太保镇及其两跳邻域" in text and "<svg" in text
    bad = subprocess.run(
        [honglian, "report", "-f", "pdf"], env=env, capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "Unknown format" in bad.stderr
