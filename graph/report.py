"""The partnership report, second edition: one data function, rendered as HTML, PDF, Markdown or JSON.

``report_data`` turns the projection and the rows of ``REPORT_QUERIES`` (the town queries of
``graph.towns``, run once with ``town=None`` — see ``query_params``) into one plain, JSON-serialisable
dict. ``document`` turns that dict into blocks (headings, paragraphs, tables, figures), which the HTML
and Markdown renderers both draw, so the formats never drift apart; PDF is the HTML printed by
headless Chromium. A new format is one function registered in ``FORMATS``.

The report opens with key findings per town in plain Chinese (who is stationed there, pairings,
what the articles say about coverage beside what is recorded, money and goods given by year, gaps),
then an overview picture, then one section per town with its picture and tables, the network's
connectors (each figure said in words), and the sources by title and publisher.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import networkx as nx

from graph import analytics as A
from graph import diagram
from graph import towns as T
from graph.errors import HonglianError

#: The named queries whose rows a report needs (name → cypher file); run with ``query_params``.
REPORT_QUERIES = dict(T.TOWN_QUERIES)

#: Towns shown one by one (the rest are counted); the overview picture is drawn up to this many.
MAX_TOWNS = 40
OVERVIEW_MAX_TOWNS = 12
CONNECTORS = 6
BEIJING = timezone(timedelta(hours=8), "北京时间")
CJK_FONTS = diagram.FONTS
TYPE_NAMES = {
    "organization": "组织",
    "place": "地点",
    "person": "人物",
    "initiative": "项目/机制",
    "event": "活动",
    "award": "荣誉",
    "source": "来源",
}


def query_params(include_private: bool) -> dict[str, Any]:
    """The parameters every query of ``REPORT_QUERIES`` runs with: every town, private people or not."""
    return {"town": None, "include_private": include_private}


# ----------------------------------------------------------------------- data
def chinese_time(moment: datetime) -> str:
    """2026年11月27日 17:05 (Beijing time).

    >>> chinese_time(datetime(2026, 11, 27, 9, 5, tzinfo=UTC))
    '2026年11月27日 17:05'
    """
    t = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(BEIJING)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def report_data(
    g: nx.MultiDiGraph,
    rows: dict[str, list[dict]],
    version: int,
    scope: str | None = None,
    radius: int = 2,
    generated_at: datetime | None = None,
    seed: int = 42,
    private: bool = False,
) -> dict[str, Any]:
    """Everything a report shows, as plain data (JSON-serialisable).

    ``g`` is the projection; ``rows`` holds the rows of ``REPORT_QUERIES`` (run with
    ``query_params``); ``scope`` limits the report to the towns within ``radius`` hops of an entity
    (and the connectors to that neighbourhood). ``version`` is kept for machines (``graph_version``)
    and never printed. ``private``: the caller may read private persons (the ``include_private`` of
    the rows); quotes are redacted otherwise (``graph.views.evidence``).
    """
    generated_at = generated_at or datetime.now(UTC)
    if scope is not None:
        g = A.scope(g, scope, radius)
    sources = T.source_refs(rows.get("sources", []), private)
    per_town = T.split_by_town(rows)
    inside = [tid for tid in per_town if tid in g]
    # towns with more to say first (more rows), then by name
    inside.sort(key=lambda tid: (-sum(len(v) for k, v in per_town[tid].items() if k != "sources"), tid))
    towns = [T.town_data(per_town[tid], private) for tid in inside[:MAX_TOWNS]]
    for t in towns:
        t["picture"] = diagram.town_svg(t)
    towns.sort(key=lambda t: t["town"]["name"] or "")

    money: dict[str, Any] = {"total": 0, "approximate": False, "count": 0}
    for t in towns:
        m = t["donations"]["money"]
        money["total"] += m["total"]
        money["count"] += m["count"] - m["unstated"]
        money["approximate"] = money["approximate"] or m["approximate"]
    dates = [s["date"] for s in sources.values() if s["date"]]
    as_of = max(dates, key=lambda x: x["value"]) if dates else None
    scope_name = g.nodes[scope].get("name") if scope else None
    if scope is None:
        title = "红联共建 帮扶报告"
    elif g.nodes[scope].get("kind") == "town":
        title = f"红联共建 帮扶报告：{scope_name}"
    else:
        title = f"红联共建 帮扶报告：{scope_name}及其周边"
    return {
        "title": title,
        "scope": {"id": scope, "name": scope_name, "radius": radius} if scope else None,
        "generated_at": generated_at.astimezone(BEIJING).isoformat(timespec="minutes"),
        "generated_text": chinese_time(generated_at),
        "data_as_of": as_of,
        "graph_version": version,
        "headline": {
            "entities": g.number_of_nodes(),
            "relationships": g.number_of_edges(),
            "towns": len(inside),
            "towns_shown": len(towns),
            "village_pairings": sum(len(v["partners"]) for t in towns for v in t["coverage"]["villages"]),
            "town_pairings": sum(len(t["stationed"]["town_partners"]) for t in towns),
            "money": {
                **money,
                "text": T.sum_text(money["total"], money["approximate"]) if money["count"] else None,
            },
            "sources": len(sources),
        },
        "towns": towns,
        "overview": diagram.overview_svg(towns) if 0 < len(towns) <= OVERVIEW_MAX_TOWNS else None,
        "connectors": connectors(g, seed=seed),
        "sources": sorted(sources.values(), key=lambda s: ((s["date"] or {}).get("value", ""), s["id"])),
    }


def connectors(g: nx.MultiDiGraph, limit: int = CONNECTORS, seed: int = 42) -> dict[str, Any]:
    """Who holds the network together, in words a reader can use.

    For the entities on most shortest connections (betweenness): how many parties each links directly,
    the share of all shortest connections between two other parties that run through it, and — when
    it is a cut point — how many entities its removal would cut off from the rest.
    """
    s = A.simple(g)
    result = A.centrality(g, "betweenness", seed=seed)
    cut = set(nx.articulation_points(s)) if s.number_of_nodes() else set()
    items = []
    for n, score, _ in A.ranked(result.scores, limit):
        if score <= 0:
            break
        cut_off = 0
        if n in cut:
            rest = s.subgraph(m for m in s if m != n)
            sizes = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
            cut_off = sum(sizes[1:])
        d = g.nodes[n]
        items.append(
            {
                "id": n,
                "name": d.get("name"),
                "type": d.get("type"),
                "type_text": TYPE_NAMES.get(d.get("type"), d.get("type")),
                "neighbours": s.degree(n),
                "share": score,
                "share_text": _percent(score),
                "cut_off": cut_off,
            }
        )
    return {"sampled": result.k, "entities": s.number_of_nodes(), "items": items}


def _percent(x: float) -> str:
    p = x * 100
    return "不到1%" if p < 1 else f"约{p:.0f}%"


# ----------------------------------------------------------------- document
Block = tuple  # ("h2", text) ("h3", text) ("p", text) ("note", text) ("findings", [(topic, text)])
# ("table", header, rows) ("figure", key, caption)


def _cite(evidence: list[dict]) -> str:
    return "；".join(f"“{e['quote']}”（《{e['source_title']}》）" for e in evidence)


def _town_heading(t: dict) -> str:
    place = t["town"]["place"]
    return t["town"]["name"] + (f"（{place}）" if place else "")


def document(d: dict) -> list[Block]:
    """The report as blocks shared by the HTML and Markdown renderers."""
    h = d["headline"]
    out: list[Block] = []
    names = "、".join(t["town"]["name"] for t in d["towns"])
    intro = f"本报告依据{h['sources']}篇报道，涉及{h['towns']}个镇" + (f"（{names}）" if names else "") + "。"
    if h["towns_shown"] < h["towns"]:
        intro += f"下文列出资料最多的{h['towns_shown']}个镇。"
    intro += f"文中载明村企结对{h['village_pairings']}对、与全镇结对的企业{h['town_pairings']}家"
    if h["money"]["text"]:
        intro += f"；载明金额的单笔资金捐赠合计{h['money']['text']}（不含累计数、款物合计数）"
    out.append(("p", intro + "。"))

    out.append(("h2", "要点"))
    for t in d["towns"]:
        out.append(("h3", _town_heading(t)))
        out.append(("findings", [(f["topic"], f["text"]) for f in t["findings"]]))

    if d["overview"]:
        out.append(("h2", "概览图"))
        out.append(
            (
                "figure",
                "overview",
                "各镇的对口帮扶地区（上）、驻镇工作队（中）与镇（下）；箭头由帮扶方指向受帮扶方，虚线为对上级地区的对口帮扶。",
            )
        )

    for t in d["towns"]:
        out += _town_blocks(t)

    c = d["connectors"]
    if c["items"]:
        out.append(("h2", "网络中的关键连接者"))
        sampled = f"（按{c['sampled']}个抽样起点估计）" if c["sampled"] else ""
        out.append(
            (
                "p",
                f"把报道中的{c['entities']}个单位、地点、人物、活动和项目看作一张网：下表是最常处在两方之间“最短联系”上的几方{sampled}。"
                "“经过它的最短联系”指任意两方之间最近的那条联系途径中，经过它的比例；比例越高，它越像桥梁。"
                "“去掉它后”指它若不在，会有多少方与网络其余部分失去联系。",
            )
        )
        out.append(
            (
                "table",
                ["名称", "类型", "直接联系", "经过它的最短联系", "去掉它后"],
                [
                    [
                        i["name"],
                        i["type_text"],
                        f"{i['neighbours']}方",
                        i["share_text"],
                        f"{i['cut_off']}方与其余部分断开" if i["cut_off"] else "其余各方仍相连",
                    ]
                    for i in c["items"]
                ],
            )
        )

    out.append(("h2", "来源"))
    out.append(
        (
            "table",
            ["报道", "媒体", "日期"],
            [
                [f"《{s['title']}》", s["publisher"] or "", s["date"]["text"] if s["date"] else "日期未载"]
                for s in d["sources"]
            ],
        )
    )
    out.append(
        (
            "note",
            "说明：“文中未载结对企业”指所引报道没有写明该村的结对企业，不等于该村没有结对；“推定”指报道未写年份（或日期），"
            "由上下文推定；累计数（截至某时累计）不与单笔捐赠相加；金额按原文写法（近、余、多为原文约数）。",
        )
    )
    return out


def _town_blocks(t: dict) -> list[Block]:
    tid, s, c, don = t["town"]["id"], t["stationed"], t["coverage"], t["donations"]
    out: list[Block] = [("h2", _town_heading(t))]
    out.append(
        (
            "figure",
            tid,
            "自上而下：帮扶地区与单位 → 驻镇工作队、组团单位和与全镇结对的企业 → 镇 → 村（社区） ← 与村结对的企业。"
            "箭头由帮扶方指向受帮扶方；虚线框为文中未载结对企业或未具名的村。",
        )
    )
    parties = [
        (group, p)
        for group, key in (
            ("对口帮扶地区", "helping_places"),
            ("驻镇工作队", "work_teams"),
            ("帮扶单位", "district_bodies"),
            ("组团单位", "group_units"),
            ("与全镇结对", "town_partners"),
            ("其他结对", "others"),
        )
        for p in s[key]
    ]
    out.append(("h3", "谁在帮扶"))
    out.append(
        (
            "table",
            ["单位", "身份", "说明", "负责人", "出处"],
            [
                [p["name"], group, "、".join(p["roles"]), "、".join(p["leaders"]), _cite(p["evidence"][:1])]
                for group, p in parties
            ],
        )
    )

    out.append(("h3", "村（社区）结对"))
    stated = c["stated"]
    if stated:
        quote = stated["quotes"][0] if stated["quotes"] else None
        out.append(
            (
                "p",
                f"文中所述：{stated['text']}"
                + (
                    f"——“{quote['quote']}”（《{quote['source_title']}》，{quote['publisher'] or ''}）"
                    if quote
                    else ""
                ),
            )
        )
    out.append(("p", f"记录所见：{c['recorded_note'] if stated else c['note']}"))
    out.append(
        (
            "table",
            ["村（社区）", "文中所载结对企业", "状态", "其他联系", "出处"],
            [
                [
                    v["name"] + ("（社区）" if v["kind"] == "community" else ""),
                    "、".join(
                        p["name"] + (f"（{'、'.join(p['roles'])}）" if p["roles"] else "")
                        for p in v["partners"]
                    )
                    or "—",
                    v["status"],
                    "；".join(
                        [f"与{'、'.join(g['members'])}同在{g['name']}" for g in v["groups"]]
                        + [f"见于{e}" for e in v["events"]]
                        + [f"{p['name']}结对" for p in v["other_partners"]]
                    ),
                    _cite([e for p in v["partners"] for e in p["evidence"]][:1] or v["evidence"][:1]),
                ]
                for v in c["villages"]
            ]
            + (
                [[f"其余{c['unrecorded']}个村（社区）", "—", "文中未具名", "", ""]] if c["unrecorded"] else []
            ),
        )
    )

    out.append(("h3", "捐赠（按年）"))
    if don["years"]:
        out.append(
            (
                "table",
                ["年份", "资金", "物资", "款物（合计价值）", "捐赠方"],
                [
                    [
                        y["label"],
                        y["money"]["text"] or "—",
                        "、".join(y["goods"]) or "—",
                        y["money_and_goods"]["text"] or "—",
                        "、".join(dict.fromkeys(n for i in y["items"] for n in i["donors"])),
                    ]
                    for y in don["years"]
                ],
            )
        )
        out.append(
            (
                "table",
                ["日期", "捐赠方", "受赠方", "金额", "物资", "用途", "出处"],
                [
                    [
                        i["date"]["text"] if i["date"] else "未载",
                        "、".join(i["donors"]) + ("（共同捐赠，计一次）" if i["scope"] == "joint" else ""),
                        i["recipient"],
                        (i["amount_text"] or "未载") + ("（款物）" if i["form"] == "money_and_goods" else ""),
                        i["goods"] or "—",
                        i["purpose"] or "",
                        _cite(i["evidence"][:1]),
                    ]
                    for y in don["years"]
                    for i in y["items"]
                ],
            )
        )
    else:
        out.append(("p", "文中未载捐赠。"))
    for cum in don["cumulative"]:
        out.append(
            (
                "p",
                f"{cum['text']}。这是累计数，已含其间的单笔捐赠，不与上表相加。{_cite(cum['evidence'][:1])}",
            )
        )

    if t["events"]:
        out.append(("h3", "活动时间线"))
        out.append(
            (
                "table",
                ["日期", "活动", "主办", "参加", "地点", "出处"],
                [
                    [
                        e["date_text"],
                        e["name"]
                        + (f"（{e['part_of']}的一部分）" if e["part_of"] else "")
                        + (f"；{'、'.join(e['facts'])}" if e["facts"] else ""),
                        "、".join(e["hosts"]),
                        "、".join(e["participants"][:8]) + ("等" if len(e["participants"]) > 8 else ""),
                        "、".join(e["places"] + e["visits"]),
                        _cite(e["evidence"]),
                    ]
                    for e in t["events"]
                ],
            )
        )
    if t["people"]:
        out.append(("h3", "人物"))
        out.append(
            (
                "table",
                ["姓名", "职务", "参与"],
                [[p["name"], p["positions_text"], "；".join(p["roles"])] for p in t["people"]],
            )
        )
    if t["awards"]:
        out.append(("h3", "荣誉"))
        out.append(
            (
                "table",
                ["时间", "获得者", "荣誉", "级别", "出处"],
                [
                    [a["date_text"], a["winner"], a["award"], a["level"] or "", _cite(a["evidence"])]
                    for a in t["awards"]
                ],
            )
        )
    return out


def pictures(d: dict) -> dict[str, str]:
    """The report's pictures: key (``overview`` or a town id) → SVG text."""
    out = {"overview": d["overview"]} if d["overview"] else {}
    out.update({t["town"]["id"]: t["picture"] for t in d["towns"]})
    return out


def meta_line(d: dict) -> str:
    parts = [f"生成于 {d['generated_text']}（北京时间）"]
    if d["data_as_of"]:
        parts.append(f"资料截至 {d['data_as_of']['text']}")
    parts.append(f"依据 {d['headline']['sources']} 篇报道")
    return " · ".join(parts)


# ------------------------------------------------------------------ renderers
def render_json(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2)


def render_markdown(d: dict, picture_files: dict[str, str] | None = None) -> str:
    """Markdown. With ``picture_files`` (key → file name) the pictures are linked; without (stdout, the
    API) they are left out, and the text says where to get them."""
    lines = [f"# {d['title']}", "", meta_line(d), ""]
    if picture_files is None and pictures(d):
        lines += [
            "> 本文本版未附图。`honglian report -f markdown -o 目录/report.md` 会把图（SVG）写在报告旁边；"
            "HTML 版和 PDF 版内含全部图。",
            "",
        ]
    esc = lambda c: str(c).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    for block in document(d):
        kind = block[0]
        if kind == "h2":
            lines += [f"## {block[1]}", ""]
        elif kind == "h3":
            lines += [f"### {block[1]}", ""]
        elif kind in ("p", "note"):
            lines += [block[1], ""]
        elif kind == "findings":
            lines += [f"- **{topic}**：{text}" for topic, text in block[1]] + [""]
        elif kind == "figure":
            if picture_files and block[1] in picture_files:
                lines += [f"![{block[2]}]({picture_files[block[1]]})", "", f"*{block[2]}*", ""]
        elif kind == "table":
            _, header, rows = block
            if not rows:
                lines += ["（无）", ""]
                continue
            lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
            lines.append("")
    return "\n".join(lines)


STYLE = f"""
@page {{ size: A4; margin: 14mm 12mm 14mm 12mm; }}
body {{ font-family: {CJK_FONTS}; max-width: 720px; margin: 2em auto; padding: 0 1em; color: #1C2833;
  line-height: 1.6; font-size: 14px; }}
h1 {{ font-size: 1.7em; margin-bottom: .2em; }}
h2 {{ margin-top: 1.6em; border-bottom: 2px solid #C0392B; padding-bottom: .2em; break-after: avoid; }}
h3 {{ margin-top: 1.2em; break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9em; margin: .4em 0 1em; }}
th, td {{ border: 1px solid #D5D8DC; padding: .3em .45em; vertical-align: top; text-align: left; }}
th {{ background: #F4F6F6; }} tr {{ break-inside: avoid; }}
td.cite {{ color: #566573; font-size: .88em; }} td.short {{ white-space: nowrap; }} .meta, .note, figcaption {{ color: #566573; }}
.note {{ font-size: .9em; }} ul.findings {{ padding-left: 1.2em; }} ul.findings li {{ margin: .25em 0; }}
figure {{ margin: .5em 0 1em; break-inside: avoid; }} figure svg {{ display: block; max-width: 100%; height: auto; }}
figcaption {{ font-size: .88em; margin-top: .3em; }}
@media print {{ body {{ margin: 0; padding: 0; max-width: none; font-size: 12px; }}
  section.town {{ break-before: page; }} a {{ color: inherit; text-decoration: none; }} }}
"""


def render_html(d: dict) -> str:
    pics = pictures(d)
    parts = [
        "<!doctype html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(d["title"])}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{STYLE}</style></head><body>"
        f'<h1>{html.escape(d["title"])}</h1><p class="meta">{html.escape(meta_line(d))}</p>'
    ]
    town_ids = {t["town"]["id"] for t in d["towns"]}
    open_section = False
    for block in document(d):
        kind = block[0]
        if kind == "h2":
            if open_section:
                parts.append("</section>")
                open_section = False
            is_town = any(block[1] == _town_heading(t) for t in d["towns"])
            if is_town:
                parts.append('<section class="town">')
                open_section = True
            parts.append(f"<h2>{html.escape(block[1])}</h2>")
        elif kind == "h3":
            parts.append(f"<h3>{html.escape(block[1])}</h3>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(block[1])}</p>")
        elif kind == "note":
            parts.append(f'<p class="note">{html.escape(block[1])}</p>')
        elif kind == "findings":
            parts.append(
                '<ul class="findings">'
                + "".join(
                    f"<li><strong>{html.escape(a)}</strong>：{html.escape(b)}</li>" for a, b in block[1]
                )
                + "</ul>"
            )
        elif kind == "figure":
            key = block[1]
            cls = "town-picture" if key in town_ids else "overview-picture"
            parts.append(
                f'<figure class="{cls}" data-key="{html.escape(key)}">{pics[key]}'
                f"<figcaption>{html.escape(block[2])}</figcaption></figure>"
            )
        elif kind == "table":
            _, header, rows = block
            if not rows:
                parts.append("<p>（无）</p>")
                continue
            parts.append(
                "<table><thead><tr>"
                + "".join(f"<th>{html.escape(c)}</th>" for c in header)
                + "</tr></thead><tbody>"
            )
            for r in rows:
                parts.append(
                    "<tr>"
                    + "".join(
                        f'<td class="cite">{html.escape(c)}</td>'
                        if h == "出处"
                        else f'<td class="short">{html.escape(c)}</td>'
                        if len(c) <= 6
                        else f"<td>{html.escape(c)}</td>"
                        for h, c in zip(header, r, strict=True)
                    )
                    + "</tr>"
                )
            parts.append("</tbody></table>")
    if open_section:
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "".join(parts)


# ------------------------------------------------------------------ PDF
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Chromium flags for printing: headless, nothing fetched from the network, no profile left behind.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--no-pdf-header-footer",
]


def chromium() -> str:
    """The Chromium executable, or a clear error saying how to install it."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise HonglianError(
        "生成 PDF 需要 Chromium，本机没有找到。请安装：apt-get install chromium fonts-noto-cjk"
        "（Debian/Ubuntu），然后重试；也可以先生成 HTML 版（-f html）在浏览器里打印。"
    )


def html_to_pdf(text: str, timeout: float = 120.0) -> bytes:
    """Print HTML to PDF (A4, as the page's @page rule says) with headless Chromium."""
    exe = chromium()
    with tempfile.TemporaryDirectory(prefix="honglian-pdf-") as tmp:
        src, out = Path(tmp, "report.html"), Path(tmp, "report.pdf")
        src.write_text(text, encoding="utf-8")
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise HonglianError(f"Chromium 在 {timeout:g} 秒内没有生成 PDF。") from None
        if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            tail = (run.stderr or "").strip().splitlines()[-3:]
            raise HonglianError("Chromium 未能生成 PDF：" + (" / ".join(tail) or f"退出码 {run.returncode}"))
        return out.read_bytes()


def render_pdf(d: dict) -> bytes:
    return html_to_pdf(render_html(d))


#: Report formats: name → (renderer, media type). Register a new format by adding to this table.
#: Renderers return text, except ``pdf`` (bytes).
FORMATS: dict[str, tuple[Callable[[dict], str | bytes], str]] = {
    "html": (render_html, "text/html"),
    "markdown": (render_markdown, "text/markdown"),
    "json": (render_json, "application/json"),
    "pdf": (render_pdf, "application/pdf"),
}


def render(d: dict, fmt: str) -> str | bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt][0](d)


def write_report(d: dict, fmt: str, path: Path) -> list[Path]:
    """Write the report to ``path``; Markdown also writes its pictures beside it as
    ``<stem>-<key>.svg`` (``report-overview.svg``, ``report-taibao.svg``) and links them.
    Returns the files written, the report first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = [path]
    if fmt == "markdown":
        files = {}
        for key, svg in pictures(d).items():
            name = f"{path.stem}-{re.sub(r'[^A-Za-z0-9_-]', '-', key)}.svg"
            (path.parent / name).write_text(svg, encoding="utf-8")
            files[key] = name
            written.append(path.parent / name)
        path.write_text(render_markdown(d, files), encoding="utf-8")
        return written
    out = render(d, fmt)
    if isinstance(out, bytes):
        path.write_bytes(out)
    else:
        path.write_text(out, encoding="utf-8")
    return written
