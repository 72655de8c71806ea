"""Partnership-network reports: one data function, rendered as HTML, Markdown or JSON.

``report_data`` turns the projection and a few named queries' rows into one plain dict; every
renderer in ``FORMATS`` reads only that dict, so the three formats never drift apart. A new format
is one function registered in ``FORMATS``.
"""

from __future__ import annotations

import base64
import html
import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from graph import analytics as A
from graph import views

#: The named queries whose rows a report needs (name → cypher file).
REPORT_QUERIES = {
    "donations": "queries/donations",
    "partnerships": "queries/partnerships_by_town",
    "events": "report/events",
    "awards": "report/awards",
    "sources": "api/sources",
}

TYPE_COLOURS = {
    "organization": "#C0392B",
    "place": "#27AE60",
    "person": "#2980B9",
    "initiative": "#F39C12",
    "event": "#8E44AD",
    "award": "#F1C40F",
    "source": "#7F8C8D",
}
TYPE_NAMES = {
    "organization": "组织",
    "place": "地点",
    "person": "人物",
    "initiative": "项目/机制",
    "event": "活动",
    "award": "荣誉",
    "source": "来源",
}
CJK_FONTS = (
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
)
TOP = 10


# ----------------------------------------------------------------------- data
def report_data(
    g: nx.MultiDiGraph,
    rows: dict[str, list[dict]],
    version: int,
    scope: str | None = None,
    radius: int = 2,
    generated_at: datetime | None = None,
    seed: int = 42,
) -> dict[str, Any]:
    """Everything a report shows, as plain data (JSON-serialisable).

    ``g`` is the projection; ``rows`` holds the rows of ``REPORT_QUERIES``; ``scope`` limits the
    report to an entity's ``radius``-hop neighbourhood.
    """
    generated_at = generated_at or datetime.now(UTC)
    if scope is not None:
        g = A.scope(g, scope, radius)
    inside = set(g.nodes)
    titles = {r["s"]["id"]: r["s"].get("title") or r["s"].get("name") for r in rows["sources"]}

    def cite(evidence: list[dict]) -> list[dict]:
        return [
            {
                "source_id": e["source_id"],
                "source_title": titles.get(e["source_id"], e["source_id"]),
                "quote": e["quote"],
            }
            for e in evidence
        ]

    def rel_in_scope(row: dict) -> bool:
        return row["a"]["id"] in inside and row["b"]["id"] in inside

    def node(n: str) -> dict[str, Any]:
        d = g.nodes[n]
        return {"id": n, "name": d.get("name"), "type": d.get("type"), "kind": d.get("kind")}

    metrics = {}
    for metric in ("degree", "betweenness", "pagerank"):
        result = A.centrality(g, metric, seed=seed)
        metrics[metric] = {
            "k": result.k,
            "items": [{**node(n), "score": s, "rank": r} for n, s, r in A.ranked(result.scores, TOP)],
        }
    degree = A.centrality(g, "degree").scores
    comms = A.communities(g, seed=seed)
    brokers = A.brokers(g)

    donations = [views.relationship(r) for r in rows["donations"] if rel_in_scope(r)]
    summary = views.donation_summary([r for r in rows["donations"] if rel_in_scope(r)])
    partnerships = views.partnerships_by_town([r for r in rows["partnerships"] if rel_in_scope(r)])

    towns = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "town")
    coverage = []
    for town in towns:
        c = A.coverage(g, town)
        coverage.append(
            {
                "town": node(town),
                "covered": c["covered"],
                "total": c["total"],
                "fully_covered": c["fully_covered"],
                "villages": [
                    {"village": node(v["village"]), "partners": [node(p) for p in v["partners"]]}
                    for v in c["villages"]
                ],
                "uncovered": [node(v) for v in c["uncovered"]],
                "town_partners": [node(p) for p in c["town_partners"]],
            }
        )

    events = []
    for r in rows["events"]:
        e = r["e"]
        if e["id"] not in inside:
            continue
        events.append(
            {
                "id": e["id"],
                "name": e["name"],
                "date": e.get("date"),
                "date_inferred": e.get("date_inferred", False),
                "kind": e.get("kind"),
                "hosts": r["hosts"],
                "places": r["places"],
                "evidence": cite(views.evidence(e))[:1],
            }
        )

    awards = [
        {
            "winner": r["a"]["name"],
            "award": r["b"]["name"],
            "level": r["b"].get("level"),
            "evidence": cite(views.evidence(r["r"]))[:1],
        }
        for r in rows["awards"]
        if rel_in_scope(r)
    ]

    type_counts: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        type_counts[d.get("type")] = type_counts.get(d.get("type"), 0) + 1
    rel_counts: dict[str, int] = {}
    for *_, d in g.edges(data=True):
        rel_counts[d.get("rel")] = rel_counts.get(d.get("rel"), 0) + 1

    return {
        "title": "红联共建 合作网络报告" + (f"：{g.nodes[scope]['name']}及其两跳邻域" if scope else ""),
        "scope": node(scope) if scope else None,
        "radius": radius if scope else None,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "graph_version": version,
        "headline": {
            "entities": g.number_of_nodes(),
            "relationships": g.number_of_edges(),
            "by_type": dict(sorted(type_counts.items())),
            "by_relationship": dict(sorted(rel_counts.items())),
            "donated_cny": summary["total_cny"],
            "donated_approximate": summary["approximate"],
            "towns": len(towns),
            "pairings": partnerships["total"],
        },
        "picture": network_svg(g, degree, seed=seed),
        "centrality": metrics,
        "communities": {
            "algorithm": comms["algorithm"],
            "modularity": comms["modularity"],
            "items": [
                {
                    "id": i,
                    "size": len(c),
                    "members": [node(n) for n in sorted(c, key=lambda n: -degree.get(n, 0))],
                }
                for i, c in enumerate(comms["communities"])
                if len(c) > 1
            ],
        },
        "brokers": {
            "articulation_points": [node(n) for n in brokers["articulation_points"]],
            "bridges": len(brokers["bridges"]),
        },
        "partnerships": [
            {
                "town": t["town"]["name"] if t["town"] else "镇级以上",
                "items": [
                    {
                        "from": p["source"]["name"],
                        "to": p["target"]["name"],
                        "basis": p["properties"].get("basis"),
                        "evidence": cite(p["evidence"])[:1],
                    }
                    for p in t["partnerships"]
                ],
            }
            for t in partnerships["towns"]
        ],
        "donations": {
            "total_cny": summary["total_cny"],
            "approximate": summary["approximate"],
            "by_donor": [
                {
                    "name": d["entity"]["name"],
                    "total_cny": d["total_cny"],
                    "approximate": d["approximate"],
                    "donations": d["donations"],
                    "without_amount": d["without_amount"],
                }
                for d in summary["by_donor"]
            ],
            "flows": [
                {
                    "from": d["source"]["name"],
                    "to": d["target"]["name"],
                    "amount_cny": d["properties"].get("amount"),
                    "amount_text": d["properties"].get("amount_text"),
                    "approximate": d["properties"].get("amount_approximate", False),
                    "goods": d["properties"].get("goods"),
                    "evidence": cite(d["evidence"])[:1],
                }
                for d in donations
            ],
        },
        "events": events,
        "awards": awards,
        "coverage": coverage,
        "sources": [
            {
                "id": r["s"]["id"],
                "title": titles[r["s"]["id"]],
                "publisher": r["s"].get("publisher"),
                "date": r["s"].get("date"),
                "date_inferred": r["s"].get("date_inferred", False),
            }
            for r in rows["sources"]
        ],
    }


# -------------------------------------------------------------------- picture
def network_svg(
    g: nx.MultiDiGraph,
    sizes: dict[str, float],
    seed: int = 42,
    width: int = 1100,
    height: int = 860,
    labels: int = 28,
) -> str:
    """An SVG drawing: colour by type, size by centrality, Chinese labels on the most central nodes."""
    s = A.simple(g)
    if s.number_of_nodes() == 0:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="120"><text x="20" y="60">（无数据）</text></svg>'
    pos = _layout(s, width, height, seed)

    top = max(sizes.values() or [1]) or 1
    radius = {n: 5 + 17 * math.sqrt(sizes.get(n, 0) / top) for n in s.nodes}
    labelled = {n for n, _, _ in A.ranked(sizes, labels)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="{CJK_FONTS}" role="img" aria-label="合作网络图">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<g stroke="#B3B6BC" stroke-opacity="0.7">',
    ]
    for u, v in s.edges:
        out.append(
            f'<line x1="{pos[u][0]:.1f}" y1="{pos[u][1]:.1f}" x2="{pos[v][0]:.1f}" '
            f'y2="{pos[v][1]:.1f}" stroke-width="1"/>'
        )
    out.append('</g><g stroke="#ffffff" stroke-width="1.5">')
    for n, d in sorted(s.nodes(data=True), key=lambda x: radius[x[0]]):
        colour = TYPE_COLOURS.get(d.get("type"), "#A5ABB6")
        out.append(
            f'<circle cx="{pos[n][0]:.1f}" cy="{pos[n][1]:.1f}" r="{radius[n]:.1f}" '
            f'fill="{colour}"><title>{html.escape(d.get("name") or n)}</title></circle>'
        )
    out.append('</g><g font-size="12" fill="#1C2833" text-anchor="middle">')
    for n in sorted(labelled, key=lambda n: -radius[n]):
        name = s.nodes[n].get("name") or n
        short = name if len(name) <= 12 else name[:11] + "…"
        out.append(
            f'<text x="{pos[n][0]:.1f}" y="{pos[n][1] + radius[n] + 13:.1f}" '
            f'paint-order="stroke" stroke="#ffffff" stroke-width="3">{html.escape(short)}</text>'
        )
    out.append("</g>")
    x = 70
    for t, colour in TYPE_COLOURS.items():
        if t == "source":
            continue
        out.append(
            f'<circle cx="{x}" cy="{height - 22}" r="7" fill="{colour}"/>'
            f'<text x="{x + 12}" y="{height - 17}" font-size="13">{TYPE_NAMES[t]}</text>'
        )
        x += 110
    out.append("</svg>")
    return "".join(out)


def _layout(s: nx.Graph, width: int, height: int, seed: int) -> dict[str, tuple[float, float]]:
    """Pixel positions: the largest component fills the canvas; small ones sit in a bottom strip."""
    pad, strip, legend = 70, 90, 40
    comps = sorted(nx.connected_components(s), key=lambda c: (-len(c), min(c)))
    main, rest = comps[0], comps[1:]
    main_h = height - pad - legend - (strip if rest else 0)
    sub = s.subgraph(main)
    raw = (
        nx.kamada_kawai_layout(sub) if len(main) <= 400 else nx.spring_layout(sub, seed=seed, iterations=100)
    )
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    spanx, spany = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    pos = {
        n: (
            pad + (x - min(xs)) / spanx * (width - 2 * pad),
            pad / 2 + (y - min(ys)) / spany * (main_h - pad / 2),
        )
        for n, (x, y) in raw.items()
    }
    x = pad
    y0 = height - legend - strip / 2
    for comp in rest:
        small = (
            nx.circular_layout(s.subgraph(comp), scale=18) if len(comp) > 1 else {next(iter(comp)): (0, 0)}
        )
        for n, (dx, dy) in small.items():
            pos[n] = (x + 20 + dx, y0 + dy)
        x += 90
    return pos


# ------------------------------------------------------------------ renderers
def _yuan(v: float | None, approx: bool = False) -> str:
    if v is None:
        return "—"
    text = f"{v / 10000:,.1f}万元" if v >= 10000 else f"{v:,.0f}元"
    return ("约" if approx else "") + text


def _cite(evidence: list[dict]) -> str:
    return "；".join(f"《{e['source_title']}》：“{e['quote']}”" for e in evidence)


def _sections(d: dict) -> list[tuple[str, list[str], list[list[str]]] | tuple[str, str]]:
    """The report as (heading, header row, rows) tables or (heading, paragraph) text, shared by
    Markdown and HTML."""
    h = d["headline"]
    by_type = "、".join(f"{TYPE_NAMES.get(t, t)} {c}" for t, c in h["by_type"].items())
    out: list = [
        (
            "概览",
            f"实体 {h['entities']} 个（{by_type}），关系 {h['relationships']} 条；结对 {h['pairings']} 对；"
            f"有金额的捐赠合计{_yuan(h['donated_cny'], h['donated_approximate'])}"
            f"{'（含“余/近”等约数）' if h['donated_approximate'] else ''}；涉及镇 {h['towns']} 个。",
        )
    ]
    names = {"degree": "度中心性", "betweenness": "中介中心性", "pagerank": "PageRank"}
    for metric, m in d["centrality"].items():
        note = f"（抽样 k={m['k']}）" if m["k"] else ""
        out.append(
            (
                f"中心性：{names[metric]}{note}",
                ["名次", "名称", "类型", "得分"],
                [
                    [str(i["rank"]), i["name"], TYPE_NAMES.get(i["type"], i["type"]), f"{i['score']:.3f}"]
                    for i in m["items"]
                ],
            )
        )
    out.append(
        (
            f"社群（Louvain，模块度 {d['communities']['modularity']:.3f}）",
            ["社群", "规模", "主要成员"],
            [
                [str(c["id"]), str(c["size"]), "、".join(m["name"] for m in c["members"][:8])]
                for c in d["communities"]["items"]
            ],
        )
    )
    out.append(
        ("关键节点（割点）", "、".join(n["name"] for n in d["brokers"]["articulation_points"]) or "无")
    )
    out.append(
        (
            "结对关系（按镇）",
            ["镇", "帮扶方", "结对对象", "依据", "出处"],
            [
                [t["town"], p["from"], p["to"], p["basis"] or "", _cite(p["evidence"])]
                for t in d["partnerships"]
                for p in t["items"]
            ],
        )
    )
    out.append(
        (
            f"捐赠流向（合计{_yuan(d['donations']['total_cny'], d['donations']['approximate'])}）",
            ["捐赠方", "受赠方", "金额", "物品", "出处"],
            [
                [
                    f["from"],
                    f["to"],
                    f["amount_text"] or _yuan(f["amount_cny"], f["approximate"]),
                    f["goods"] or "",
                    _cite(f["evidence"]),
                ]
                for f in d["donations"]["flows"]
            ],
        )
    )
    out.append(
        (
            "活动时间线",
            ["日期", "活动", "主办/承办", "地点", "出处"],
            [
                [
                    (e["date"] or "日期未载") + ("（推定）" if e["date_inferred"] else ""),
                    e["name"],
                    "、".join(e["hosts"]),
                    "、".join(e["places"]),
                    _cite(e["evidence"]),
                ]
                for e in d["events"]
            ],
        )
    )
    out.append(
        (
            "荣誉",
            ["获得者", "荣誉", "级别", "出处"],
            [[a["winner"], a["award"], a["level"] or "", _cite(a["evidence"])] for a in d["awards"]],
        )
    )
    out.append(
        (
            "覆盖情况（村/社区与结对企业）",
            ["镇", "已覆盖/已知村社", "尚无结对", "镇级结对企业"],
            [
                [
                    c["town"]["name"],
                    f"{c['covered']}/{c['total']}",
                    "、".join(v["name"] for v in c["uncovered"]) or "无",
                    "、".join(p["name"] for p in c["town_partners"]) or "无",
                ]
                for c in d["coverage"]
            ],
        )
    )
    out.append(
        (
            "来源",
            ["编号", "标题", "媒体", "日期"],
            [
                [
                    s["id"],
                    s["title"],
                    s["publisher"] or "",
                    (s["date"] or "") + ("（推定）" if s["date_inferred"] else ""),
                ]
                for s in d["sources"]
            ],
        )
    )
    return out


def render_json(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2)


def render_markdown(d: dict) -> str:
    svg64 = base64.b64encode(d["picture"].encode("utf-8")).decode("ascii")
    lines = [
        f"# {d['title']}",
        "",
        f"生成时间 {d['generated_at']} · 数据版本 {d['graph_version']}",
        "",
        "## 网络图",
        "",
        f"![合作网络图：颜色表示类型，大小表示度中心性](data:image/svg+xml;base64,{svg64})",
        "",
    ]
    for section in _sections(d):
        if len(section) == 2:
            lines += [f"## {section[0]}", "", section[1], ""]
            continue
        heading, header, rows = section
        lines += [f"## {heading}", ""]
        if not rows:
            lines += ["（无）", ""]
            continue
        esc = lambda c: str(c).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
        lines.append("")
    return "\n".join(lines)


def render_html(d: dict) -> str:
    parts = [
        f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(d["title"])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:{CJK_FONTS};max-width:1160px;margin:2em auto;padding:0 1em;color:#1C2833;line-height:1.55}}
h1{{font-size:1.7em}} h2{{margin-top:1.6em;border-bottom:2px solid #C0392B;padding-bottom:.2em}}
table{{border-collapse:collapse;width:100%;font-size:.92em}} th,td{{border:1px solid #D5D8DC;padding:.35em .5em;vertical-align:top}}
th{{background:#F4F6F6;text-align:left}} td.cite{{color:#566573;font-size:.85em}} .meta{{color:#566573}}
figure{{margin:0}} svg{{max-width:100%;height:auto;border:1px solid #E5E8E8}}
</style></head><body>
<h1>{html.escape(d["title"])}</h1>
<p class="meta">生成时间 {html.escape(d["generated_at"])} · 数据版本 {d["graph_version"]}</p>
<h2>网络图</h2><figure>{d["picture"]}<figcaption class="meta">颜色表示类型，圆的大小表示度中心性；只标注最核心的节点，悬停可见名称。</figcaption></figure>
"""
    ]
    for section in _sections(d):
        parts.append(f"<h2>{html.escape(section[0])}</h2>")
        if len(section) == 2:
            parts.append(f"<p>{html.escape(section[1])}</p>")
            continue
        _, header, rows = section
        if not rows:
            parts.append("<p>（无）</p>")
            continue
        parts.append(
            "<table><thead><tr>"
            + "".join(f"<th>{html.escape(h)}</th>" for h in header)
            + "</tr></thead><tbody>"
        )
        for r in rows:
            cells = [
                f'<td class="cite">{html.escape(c)}</td>' if h == "出处" else f"<td>{html.escape(c)}</td>"
                for h, c in zip(header, r, strict=True)
            ]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "".join(parts)


#: Report formats: name → (renderer, media type). Register a new format by adding to this table.
FORMATS: dict[str, tuple[Callable[[dict], str], str]] = {
    "html": (render_html, "text/html"),
    "markdown": (render_markdown, "text/markdown"),
    "json": (render_json, "application/json"),
}


def render(d: dict, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt][0](d)
