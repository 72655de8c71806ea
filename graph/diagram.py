"""Layered SVG diagrams whose labels cannot overlap: a town's partnership picture and the overview.

A town reads top to bottom: the places and bodies that help it, the work team with its 组团 units and
the enterprises paired with the whole town, the town, its villages, and the enterprises paired with
each village (arrows point from helper to helped). Layout is deterministic and needs no graph library:

* every label is a box sized from its text (CJK glyphs 1 em, other characters ~0.62 em, a little
  wider than they render), long names wrapped to at most three lines;
* boxes of a layer sit on one row, left to right in a fixed order, each at least ``GAP`` after the
  previous one, so two boxes of a row never overlap; a layer too wide for the page is wrapped into
  more rows, and rows and layers are stacked below one another; all text is inside its box;
* an edge that skips a layer passes through a reserved slot (a "dummy" box) in it, so lines run
  between boxes, not under them;
* boxes are centred over their neighbours (barycentres, a few sweeps) where that keeps the order.

The result is as wide as an A4 page's text block (``WIDTH`` px at 96 dpi), so it prints at 100 %:
labels are 13 px (role lines 11 px) on paper.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

WIDTH = 680
MARGIN = 8
GAP = 14
ROW_GAP = 10
LAYER_GAP = 40
FONT = 13
SUB_FONT = 11
#: Each line of text gets a slot of 1.5 em: the CJK fonts' glyph box (ascent 1.16 em + descent 0.29 em
#: in Noto Sans CJK) fits inside, so the text boxes of two lines never touch; baseline at 1.17 em.
SLOT_EM = 1.55
BASELINE_EM = 1.17
LINE = FONT * SLOT_EM
SUB_LINE = SUB_FONT * SLOT_EM
PAD_X = 8
PAD_Y = 4
MAX_LABEL_EM = 11.0
MAX_LINES = 3
DUMMY_W = 12
FONTS = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"

STYLES = {
    # fill, stroke, dashed
    "place": ("#EAF6EE", "#27AE60", False),
    "body": ("#FEF5E7", "#CA6F1E", False),
    "work_team": ("#FDEDEC", "#C0392B", False),
    "unit": ("#FDEDEC", "#C0392B", False),
    "partner": ("#EBF5FB", "#2471A3", False),
    "town": ("#C0392B", "#922B21", False),
    "village": ("#FFFFFF", "#27AE60", False),
    "village_unnamed": ("#FFFFFF", "#909497", True),
    "placeholder": ("#F8F9F9", "#B3B6B7", True),
    "enterprise": ("#EBF5FB", "#2471A3", False),
}


def char_em(ch: str) -> float:
    """Width of one character in em, rounded up: CJK and full-width forms 1, everything else 0.62."""
    o = ord(ch)
    if o < 0x2000:
        return 0.62 if ch != " " else 0.35
    return 1.0


def text_em(text: str) -> float:
    return sum(char_em(c) for c in text)


BREAK_AFTER = set("、，,）)”」》·-—/ ")
NO_LINE_START = set("，、。；：）)”」》,.;:")


def wrap(text: str, max_em: float = MAX_LABEL_EM, max_lines: int = MAX_LINES) -> list[str]:
    """Lines of at most ``max_em``, balanced (as many lines as needed, of about equal width); a break
    just after punctuation is preferred. Beyond ``max_lines`` the last line ends in …

    >>> wrap("花都区驻太保镇帮扶镇扶村工作队")
    ['花都区驻太保镇帮', '扶镇扶村工作队']
    >>> wrap("广州市花都区花城街道办事处")
    ['广州市花都区花', '城街道办事处']
    """
    total = text_em(text)
    if total <= max_em:
        return [text]
    n = min(max_lines, int(-(-total // max_em)))
    lines: list[str] = []
    rest = text
    for left in range(n, 0, -1):
        if left == 1 or text_em(rest) <= max_em:
            lines.append(rest)
            break
        goal = min(max_em, text_em(rest) / left + 0.5)
        width, cut = 0.0, 0
        for i, ch in enumerate(rest):
            if width + char_em(ch) > goal:
                break
            width += char_em(ch)
            cut = i + 1
        soft = max((i + 1 for i in range(cut) if rest[i] in BREAK_AFTER and i + 1 >= cut - 3), default=0)
        cut = soft or cut
        while cut < len(rest) and rest[cut] in NO_LINE_START and text_em(rest[: cut + 1]) <= max_em:
            cut += 1  # no line starts with ，、。）” (they stay with the line before)
        keep = cut
        while (
            0 < cut < len(rest)
            and (rest[cut - 1] + rest[cut]).isascii()
            and (rest[cut - 1] + rest[cut]).isalnum()
        ):
            cut -= 1  # never inside a number or a Latin word
        cut = cut or keep
        lines.append(rest[:cut])
        rest = rest[cut:]
    last = lines[-1]
    if text_em(last) > max_em:
        while last and text_em(last + "…") > max_em:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def tail(text: str, max_em: float) -> str:
    """The end of ``text`` that fits ``max_em``, after an ellipsis when cut.

    >>> tail("实现了行动倡议在太保镇村(社)的全覆盖", 9)
    '…村(社)的全覆盖'
    """
    if text_em(text) <= max_em:
        return text
    out = ""
    for ch in reversed(text):
        if text_em("…" + ch + out) > max_em:
            break
        out = ch + out
    return "…" + out


@dataclass
class Box:
    id: str
    label: str
    layer: int
    style: str
    sub: str | None = None
    dummy: bool = False
    lines: list[str] = field(default_factory=list)
    sub_lines: list[str] = field(default_factory=list)
    w: float = 0.0
    h: float = 0.0
    x: float = 0.0  # centre
    y: float = 0.0  # top
    order: float = 0.0
    skip: bool = False  # a dummy left out of a wrapped layer

    def measure(self) -> None:
        if self.dummy:
            self.w, self.h = DUMMY_W, 0.0
            return
        self.lines = wrap(self.label)
        # a role line of at most two lines; a newline in it starts the second
        parts = self.sub.split("\n") if self.sub else []
        self.sub_lines = [ln for part in parts for ln in wrap(part, MAX_LABEL_EM * FONT / SUB_FONT, 2)][:2]
        widths = [text_em(ln) * FONT for ln in self.lines] + [text_em(ln) * SUB_FONT for ln in self.sub_lines]
        self.w = max(widths) + 2 * PAD_X
        self.h = len(self.lines) * LINE + len(self.sub_lines) * SUB_LINE + 2 * PAD_Y


@dataclass
class Edge:
    source: str
    target: str
    kind: str = "pairs"  # pairs (arrow), part (plain line), via (dashed arrow), group (dotted)
    points: list[tuple[float, float]] = field(default_factory=list)


class Diagram:
    """Boxes in layers and the edges between them; ``svg()`` lays them out and draws them."""

    def __init__(self, title: str):
        self.title = title
        self.boxes: dict[str, Box] = {}
        self.edges: list[Edge] = []

    def box(self, id: str, label: str, layer: int, style: str, sub: str | None = None) -> None:
        if id not in self.boxes:
            self.boxes[id] = Box(id, label, layer, style, sub, order=len(self.boxes))

    def edge(self, source: str, target: str, kind: str = "pairs") -> None:
        known = source in self.boxes and target in self.boxes and source != target
        if known and not any(e.source == source and e.target == target for e in self.edges):
            self.edges.append(Edge(source, target, kind))

    # ---------------------------------------------------------------- layout
    def layout(self) -> float:
        """Place every box; returns the height. Boxes of a row never overlap (see the module doc)."""
        for b in list(self.boxes.values()):
            b.measure()
        self._insert_dummies()
        layers = sorted({b.layer for b in self.boxes.values()})
        rows = {n: [b for b in self.boxes.values() if b.layer == n] for n in layers}
        for items in rows.values():
            items.sort(key=lambda b: b.order)
        self._order(layers, rows)
        wrapped = {n: _rows(items) for n, items in rows.items()}
        for n in layers:
            for row in wrapped[n]:
                _pack(row)
        for _ in range(4):  # centre boxes over their neighbours, keeping order and gaps
            for seq in (layers[1:], list(reversed(layers[:-1]))):
                for n in seq:
                    if len(wrapped[n]) == 1:
                        _settle(wrapped[n][0], self._neighbour_x)
        y: float = MARGIN
        for n in layers:
            for row in wrapped[n]:
                height = max((b.h for b in row), default=0)
                for b in row:
                    if b.dummy:  # the slot spans the row: the edge runs down it, between boxes
                        b.y, b.h = y, height
                    else:
                        b.y = y + (height - b.h) / 2
                y += height + ROW_GAP
            y += LAYER_GAP - ROW_GAP
        placed = [b for b in self.boxes.values() if not b.skip]
        left = min(b.x - b.w / 2 for b in placed)
        right = max(b.x + b.w / 2 for b in placed)
        shift = (WIDTH - (right - left)) / 2 - left  # the drawing centred on the page (order and gaps kept)
        for b in placed:
            b.x += shift
        for e in self.edges:
            e.points = self._route(e)
        return y - LAYER_GAP + MARGIN

    def _insert_dummies(self) -> None:
        edges = []
        for e in self.edges:
            a, b = self.boxes[e.source], self.boxes[e.target]
            step = 1 if b.layer > a.layer else -1
            chain = [e.source]
            for n in range(a.layer + step, b.layer, step):
                d = f"~{e.source}~{e.target}~{n}"
                self.boxes[d] = Box(d, "", n, "dummy", dummy=True, order=(a.order + b.order) / 2)
                self.boxes[d].measure()
                chain.append(d)
            chain.append(e.target)
            e.points = []
            edges.append((e, chain))
        self._chains = {id(e): chain for e, chain in edges}

    def _adjacent(self) -> dict[str, list[str]]:
        adj: dict[str, list[str]] = {b: [] for b in self.boxes}
        for chain in self._chains.values():
            for u, v in pairwise(chain):
                adj[u].append(v)
                adj[v].append(u)
        return adj

    def _order(self, layers: list[int], rows: dict[int, list[Box]]) -> None:
        adj = self._adjacent()
        for _ in range(2):
            for seq, side in ((layers[1:], -1), (list(reversed(layers[:-1])), 1)):
                for n in seq:
                    pos = {b.id: i for i, b in enumerate(rows.get(n + side, []))}

                    def key(b: Box, pos=pos) -> tuple[float, float]:
                        near = [pos[m] for m in adj[b.id] if m in pos]
                        return (sum(near) / len(near) if near else float("inf"), b.order)

                    # boxes with no neighbour on that side keep their place relative to the others
                    ranked = sorted(rows[n], key=key)
                    if any(key(b)[0] != float("inf") for b in rows[n]):
                        rows[n][:] = ranked
                    for i, b in enumerate(rows[n]):
                        b.order = i
        self._adj = adj

    def _neighbour_x(self, b: Box) -> float | None:
        xs = [self.boxes[m].x for m in self._adj[b.id] if self.boxes[m].layer != b.layer]
        return sum(xs) / len(xs) if xs else None

    def _route(self, e: Edge) -> list[tuple[float, float]]:
        chain = [self.boxes[i] for i in self._chains[id(e)]]
        pts = []
        for i, b in enumerate(chain):
            if b.skip:
                continue
            if b.dummy:
                pts += (
                    [(b.x, b.y), (b.x, b.y + b.h)]
                    if chain[-1].layer > chain[0].layer
                    else [(b.x, b.y + b.h), (b.x, b.y)]
                )
                continue
            down = chain[-1].layer > chain[0].layer
            leaving = i == 0
            bottom = (leaving and down) or (not leaving and not down)
            pts.append((b.x, b.y + b.h if bottom else b.y))
        return pts

    # ---------------------------------------------------------------- drawing
    def svg(self) -> str:
        height = self.layout()
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="{WIDTH}" height="{height:.0f}" font-family="{FONTS}" role="img" '
            f'aria-label="{html.escape(self.title)}">',
            "<defs>"
            '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#566573"/></marker>'
            "</defs>",
            f"<title>{html.escape(self.title)}</title>",
            '<g fill="none" stroke="#566573" stroke-width="1.2">',
        ]
        for e in self.edges:
            dash = {"via": ' stroke-dasharray="5 3"', "group": ' stroke-dasharray="2 3"'}.get(e.kind, "")
            arrow = ' marker-end="url(#arrow)"' if e.kind in ("pairs", "via") else ""
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in e.points)
            out.append(f'<polyline points="{pts}"{dash}{arrow}/>')
        out.append("</g>")
        for b in sorted(self.boxes.values(), key=lambda b: (b.layer, b.x)):
            if b.dummy:
                continue
            fill, stroke, dashed = STYLES[b.style]
            left = b.x - b.w / 2
            out.append(
                f'<g class="node" data-id="{html.escape(b.id)}"><title>{html.escape(b.label)}</title>'
                f'<rect x="{left:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="5" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="1.3"'
                + (' stroke-dasharray="4 3"' if dashed else "")
                + "/>"
            )
            top = b.y + PAD_Y
            town = b.style == "town"
            for lines, size, slot, cls, ink, weight in (
                (
                    b.lines,
                    FONT,
                    LINE,
                    "label",
                    "#FFFFFF" if town else "#1C2833",
                    ' font-weight="bold"' if town else "",
                ),
                (b.sub_lines, SUB_FONT, SUB_LINE, "label sub", "#FDEDEC" if town else "#566573", ""),
            ):
                for line in lines:
                    out.append(
                        f'<text class="{cls}" x="{b.x:.1f}" y="{top + size * BASELINE_EM:.1f}" font-size="{size}" '
                        f'fill="{ink}" text-anchor="middle"{weight}>{html.escape(line)}</text>'
                    )
                    top += slot
            out.append("</g>")
        out.append("</svg>")
        return "".join(out)


# -------------------------------------------------------------------- row placement
def _rows(items: list[Box]) -> list[list[Box]]:
    """The layer as rows that fit the page (wrapping drops no box; dummies only in unwrapped layers)."""
    usable = WIDTH - 2 * MARGIN
    if sum(b.w for b in items) + GAP * (len(items) - 1) <= usable:
        return [items]
    real = [b for b in items if not b.dummy]
    for b in items:
        if b.dummy:
            b.skip = True  # the edge runs straight through the wrapped layer
    rows: list[list[Box]] = [[]]
    width = 0.0
    for b in real:
        need = b.w + (GAP if rows[-1] else 0)
        if rows[-1] and width + need > usable:
            rows.append([])
            width, need = 0.0, b.w
        rows[-1].append(b)
        width += need
    return rows


def _pack(row: list[Box]) -> None:
    """Left to right with ``GAP`` between boxes, the row centred on the page."""
    total = sum(b.w for b in row) + GAP * (len(row) - 1)
    x = (WIDTH - total) / 2
    for b in row:
        b.x = x + b.w / 2
        x += b.w + GAP


def _settle(row: list[Box], want) -> None:
    """Move boxes toward ``want(box)`` while keeping their order, the gaps and the page margins."""
    if not row:
        return
    target = [want(b) if want(b) is not None else b.x for b in row]
    xs = list(target)
    lo, hi = MARGIN, WIDTH - MARGIN
    for i, b in enumerate(row):  # left to right: no overlap, inside the left margin
        floor = lo + b.w / 2 if i == 0 else xs[i - 1] + (row[i - 1].w + b.w) / 2 + GAP
        xs[i] = max(xs[i], floor)
    for i in range(len(row) - 1, -1, -1):  # right to left: inside the right margin
        ceil = hi - row[i].w / 2 if i == len(row) - 1 else xs[i + 1] - (row[i + 1].w + row[i].w) / 2 - GAP
        xs[i] = min(xs[i], ceil)
    for i, b in enumerate(row):  # left to right again: the gaps win over the right margin
        floor = lo + b.w / 2 if i == 0 else xs[i - 1] + (row[i - 1].w + b.w) / 2 + GAP
        b.x = max(xs[i], floor)


# -------------------------------------------------------------------- the pictures
def town_svg(d: dict[str, Any]) -> str:
    """A town's picture from ``graph.towns.town_data``: helpers → work team/组团 → town → villages ← enterprises."""
    t, s, c = d["town"], d["stationed"], d["coverage"]
    g = Diagram(f"{t['name']}帮扶与结对图")
    stated, counts = (c["stated"]["text"] if c["stated"] else None), c["counts_stated"]
    town_sub: str | None
    if stated:  # the stated words can be a long clause: its end says what is covered
        town_sub = (
            "文中称"
            + tail(stated, MAX_LABEL_EM * FONT / SUB_FONT - 3)
            + (f"\n（{counts}）" if counts else "")
        )
    else:
        town_sub = f"文中称有{counts}" if counts else None
    for p in s["helping_places"]:
        g.box(p["id"], p["name"], 0, "place", _short_role(p))
    for p in s["district_bodies"] + s["others"]:
        g.box(p["id"], p["name"], 0, "body", _short_role(p))
    for p in s["work_teams"]:
        g.box(p["id"], p["name"], 1, "work_team", _short_role(p, "驻镇"))
    for p in s["group_units"]:
        g.box(p["id"], p["name"], 1, "unit", "组团单位")
    for p in s["town_partners"]:
        g.box(p["id"], p["name"], 1, "partner", "与全镇结对")
    g.box(t["id"], t["name"], 2, "town", town_sub)
    for v in c["villages"]:
        if v["partner_named"]:
            g.box(v["id"], v["name"], 3, "village", "社区" if v["kind"] == "community" else None)
        else:
            g.box(v["id"], v["name"], 3, "village_unnamed", "文中未载结对企业")
    if c["unrecorded"]:
        g.box("~unnamed", f"其余{c['unrecorded']}个村（社区）", 3, "placeholder", "文中未具名")
    for v in c["villages"]:
        for p in v["partners"]:
            g.box(p["id"], p["name"], 4, "enterprise", None)
    # edges
    for p in s["helping_places"] + s["district_bodies"] + s["others"]:
        g.edge(p["id"], t["id"], "via" if p["via"] else "pairs")
    for p in s["work_teams"]:
        g.edge(p["id"], t["id"], "via" if p["via"] else "pairs")
    for p in s["group_units"]:
        team = p["team"]["id"] if p.get("team") else None
        g.edge(p["id"], team, "group") if team in g.boxes else g.edge(p["id"], t["id"])
    for p in s["town_partners"]:
        g.edge(p["id"], t["id"])
    for v in c["villages"]:
        g.edge(t["id"], v["id"], "part")
        for p in v["partners"]:
            g.edge(p["id"], v["id"])
    if c["unrecorded"]:
        g.edge(t["id"], "~unnamed", "part")
    return g.svg()


def overview_svg(towns: list[dict[str, Any]]) -> str:
    """Every town with the places that help it and its work teams; every box labelled."""
    g = Diagram("各镇帮扶概览图")
    for d in towns:
        t, s, c = d["town"], d["stationed"], d["coverage"]
        for p in s["helping_places"]:
            g.box(p["id"], p["name"], 0, "place", _short_role(p))
        for p in s["work_teams"]:
            if not p["via"]:
                g.box(p["id"], p["name"], 1, "work_team", "驻镇工作队")
        pairs = f"{c['partner_named']}个载明结对企业" if c["partner_named"] else "未载村企结对"
        sub = f"文中具名{c['recorded']}个村（社区）\n{pairs}"
        g.box(t["id"], t["name"], 2, "town", sub)
        for p in s["helping_places"]:
            g.edge(p["id"], t["id"], "via" if p["via"] else "pairs")
        for p in s["work_teams"]:
            if not p["via"]:
                g.edge(p["id"], t["id"])
    return g.svg()


def _short_role(p: dict[str, Any], drop: str = "") -> str | None:
    if p.get("via") and p.get("type") == "place":
        return f"对口{p['via']['name']}"
    roles = [r for r in p.get("roles", []) if not (drop and drop in r)]
    return " · ".join(roles[:2]) or None
