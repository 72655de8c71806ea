"""Relationship rules: each a named function over one sentence and its mentions.

* ``position-chain``  holds_position from "单位 + 职务 + 姓名" chains, several posts and several
  people included (广州市花都区委两新工委副书记、花都区委统战部副部长、区工商联党组书记袁辉明).
* ``sign-agreement``  signs_agreement: 签订/签署/签下 … 协议(书)/合同/备忘录, with 与/和/、 parties,
  三方, and 分别与 (pairwise). Not for 意向书, and not when the signing is planned (拟/将/计划).
* ``pair-*``          pairs_with: 结对/对口帮扶/组团帮扶/共建 stated between two parties; a work team
  stationed in a place (驻太保镇工作队); a group-leading unit of a work team (组团牵头单位X).
* ``donate-*``        donates_to: donor, recipient, amount (近/余/多/约), money or goods (价值N元的…),
  共N万元 from several donors (joint, one gift_key), 分别捐赠 (each), 累计/达 (cumulative).

Every relationship cites the shortest run of whole clauses that holds its two ends and its trigger.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from graph.intake import lexicon as L
from graph.intake.entities import Analysis, _kind_of
from graph.intake.mentions import Entity, Mention, org_key, split_place_prefix
from graph.intake.numbers import Money, find_dates, find_money
from graph.intake.text import Unit, clause_bounds


@dataclass(eq=False, repr=False)
class Rel:
    type: str
    source: Entity
    target: Entity
    rule: str
    confidence: float
    evidence: list[str]
    props: dict = field(default_factory=dict)
    key: str | None = None


@dataclass(eq=False, repr=False)
class Sentence:
    unit: Unit
    start: int
    end: int
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    def quote(self, lo: int, hi: int) -> str:
        """The whole clauses of this sentence that cover unit positions lo..hi."""
        a, b = lo, hi
        for cs, ce in clause_bounds(self.text):
            cs, ce = cs + self.start, ce + self.start
            if cs <= lo < ce + 1:
                a = min(a, cs)
            if cs < hi <= ce + 1:
                b = max(b, ce)
        return self.unit.quote(a, b)

    def at(self, i: int) -> Mention | None:
        return next((m for m in self.mentions if m.start == i), None)

    def within(self, lo: int, hi: int, types=("organization", "place", "person")) -> list[Mention]:
        return [m for m in self.mentions if lo <= m.start and m.end <= hi and m.type in types]


def sentences(analysis: Analysis) -> list[Sentence]:
    out = []
    for u in analysis.article.units:
        if u.kind not in ("body", "caption", "byline"):
            continue
        ms = analysis.mentions(u)
        # A、B两家企业: a group right after the names it counts is those names (an apposition)
        ms = [
            m
            for m in ms
            if not (
                m.entity is not None
                and m.ent.kind == "enterprise_group"
                and any(o.end == m.start and o.type == "organization" for o in ms)
            )
        ]
        for sp in u.sentences():
            out.append(
                Sentence(u, sp.start, sp.end, [m for m in ms if sp.start <= m.start and m.end <= sp.end])
            )
    return out


def extract(analysis: Analysis, notes: list[str] | None = None) -> list[Rel]:
    """Every rule over every sentence. A rule that fails on a sentence is skipped there, and ``notes``
    says where: one odd sentence never costs the whole draft."""
    rels: list[Rel] = []
    rels.extend(stationed_teams(analysis))  # first: it tells each work team's place
    rels.extend(place_pairings(analysis))  # headings too: 天河区—连江口镇
    rels.extend(table_donations(analysis))  # 捐赠明细 tables: one gift a row
    # 村企结对一览 tables (one pairing a row), …如下： then 某公司——某村 (one a line), 队长、…：某某 (a signature)
    for whole in (table_pairings, listed_pairings, signatures, heading_short_pairings):
        try:
            rels.extend(whole(analysis))
        except Exception as exc:  # a bug in one rule: report it, keep the rest of the draft
            if notes is not None:
                notes.append(f"规则 {whole.__name__} 未能处理这篇文章（{type(exc).__name__}），请人工核对。")
    for s in sentences(analysis):
        for rule in RULES:
            try:
                rels.extend(rule(s, analysis))
            except Exception as exc:  # a bug in one rule: report it, keep the rest of the draft
                if notes is not None:
                    notes.append(
                        f"规则 {rule.__name__} 未能处理这一句（{type(exc).__name__}），请人工核对：{s.text[:40]}"
                    )
    from graph.intake import events as ev

    try:  # events, initiatives and what takes part in them: the same care, for the whole article
        found = ev.find_events(analysis)
        ev.find_initiatives(analysis)
        rels.extend(ev.event_relations(analysis, found))
    except Exception as exc:
        if notes is not None:
            notes.append(f"事件规则未能处理这篇文章（{type(exc).__name__}），事件与活动请人工补充。")
    return merge(rels)


def merge(rels: list[Rel]) -> list[Rel]:
    """One relationship per (type, from, to, key): evidence and properties combined."""
    out: dict[tuple, Rel] = {}
    for r in rels:
        if r.source is r.target or r.source.private or r.target.private:
            continue
        ends: tuple[int, ...] = (id(r.source), id(r.target))
        if r.type == "signs_agreement":  # undirected: 甲与乙 and 乙与甲 are one signing
            ends = tuple(sorted(ends))
        k = (r.type, *ends, r.key, *_gift_of(r))
        if k not in out:
            out[k] = r
            continue
        have = out[k]
        for q in r.evidence:
            if q not in have.evidence:
                have.evidence.append(q)
        for name, value in r.props.items():
            if name == "title" and have.props.get("title"):
                have.props["title"] = _joined_titles(have.props["title"], value)
            else:
                have.props.setdefault(name, value)
        have.confidence = max(have.confidence, r.confidence)
    # a gift told again without its amount (a caption: ■荔湾区卫生健康局向杜步镇卫生院捐赠体检设备) is that gift
    rels = list(out.values())
    for r in list(rels):
        if r.type == "donates_to" and "amount" not in r.props:
            same = [
                o
                for o in rels
                if o is not r and o.type == r.type and o.source is r.source and o.target is r.target
            ]
            if same:
                same[0].evidence.extend(q for q in r.evidence if q not in same[0].evidence)
                rels.remove(r)
    # two gifts between the same two (a gift and a running total, two amounts): each gets a key
    count: dict[tuple, int] = {}
    for r in rels:
        count[(r.type, id(r.source), id(r.target), r.key)] = (
            count.get((r.type, id(r.source), id(r.target), r.key), 0) + 1
        )
    for r in rels:
        if r.type == "donates_to" and r.key is None and count[(r.type, id(r.source), id(r.target), None)] > 1:
            scope, value = _gift_of(r)
            r.key = f"{scope}-{int(value or 0)}"
    return rels


def _gift_of(r: Rel) -> tuple:
    """What tells two gifts between the same two apart: the scope and the amount (none for other types)."""
    if r.type != "donates_to":
        return ()
    amount = r.props.get("amount") or {}
    return (r.props.get("amount_scope", "gift"), amount.get("value"))


def _joined_titles(a: str, b: str) -> str:
    """One person's titles at one body, told twice (镇长; 党委副书记、镇长): the fuller one, else both."""
    pa, pb = a.split("、"), b.split("、")
    if set(pb) <= set(pa):
        return a
    if set(pa) <= set(pb):
        return b
    return a + "、" + b


# ------------------------------------------------------------------ positions
def _title_ending_at(c: str, pos: int, lo: int) -> int | None:
    """Start of the longest title that ends at ``pos`` (not before ``lo``), with a sub-unit (三科科长)."""
    best = None
    for k in range(max(lo, pos - 9), pos):
        if L.TITLE.fullmatch(c, k, pos):
            best = k
            break
    if best is not None and (u := L.TITLE_UNIT.search(c, max(lo, best - 3), best)) and u.end() == best:
        best = u.start()
    return best


def position_chains(s: Sentence, analysis: Analysis) -> list[Rel]:
    out = []
    _elided.clear()  # per sentence: nothing of an earlier sentence (or article) is kept
    t = s.unit.text
    people = [
        m
        for m in s.mentions
        if m.type == "person" and m.rule in ("person-title", "person-list", "person-after")
    ]
    last_pairs: list[tuple[Entity, str, int, int]] = []
    for p in people:
        if p.private or p.entity is None:
            continue
        if p.rule == "person-list":
            # 工作队队员王正跃、黄坦: the listed person shares the posts of the one before
            for org, title, lo, _ in last_pairs:
                if title in ("队员", "成员", "组员", "记者", "委员"):
                    out.append(_position(s, p.ent, org, title, lo, p.end, "position-list", 0.75))
            continue
        if p.chain is not None:
            begin, end = p.chain
        else:
            end = p.start - (1 if t[p.start - 1 : p.start] == " " else 0)
            end -= 1 if t[end - 1 : end] == ":" else 0  # a signature: 队长：某某
            if t[end - 1 : end] == ")" and "(" in t[max(0, end - 6) : end]:
                end = t.rindex("(", 0, end)  # 副县长（挂职）周晓东: the note is not the title
            begin = _chain_start(s, end)
        pairs = _parse_chain(s, begin, end, analysis)
        last_pairs = []
        for org, title, lo in pairs:
            a, b = min(lo, p.start), max(p.end, end + (1 if p.chain and t[end : end + 1] == ")" else 0))
            out.append(_position(s, p.ent, org, title, a, b, "position-chain", 0.85))
            last_pairs.append((org, title, lo, p.end))
    return out


def signatures(analysis: Analysis) -> list[Rel]:
    """``position-signature``: the signature of a report, a line of posts, a colon and a name
    (队长、公平镇党委副书记（挂职）：杨振宇), its bare first post (队长) the work team the line before names."""
    out: list[Rel] = []
    units = analysis.article.units
    for i, u in enumerate(units):
        t = u.text
        if u.kind in ("body", "caption", "byline") or not _SIGNATURE.search(t):
            continue
        ms = analysis.mentions(u)
        people = [
            m for m in ms if m.type == "person" and not m.private and t[: m.start].rstrip().endswith(":")
        ]
        if len(people) != 1 or people[0].entity is None:
            continue
        out.extend(position_chains(Sentence(u, 0, len(t), ms), analysis))
        first = L.TITLE.match(t)
        prev = [m for m in analysis.mentions(units[i - 1]) if m.type == "organization"] if i else []
        if first and t[first.end() : first.end() + 1] in ("、", "(", ":") and prev:
            team = max(prev, key=lambda m: m.end - m.start)
            line = units[i - 1].text.strip()
            if (
                team.entity is not None
                and team.ent.kind == "work_team"
                and team.end - team.start == len(line)
            ):
                q = u.quote(0, len(t))
                out.append(
                    Rel(
                        "holds_position",
                        people[0].ent,
                        team.ent,
                        "position-signature",
                        0.75,
                        [team.quote(), q],
                        {"title": first.group()},
                    )
                )
    return out


_SIGNATURE = re.compile(r"^[^。,;]{2,40}:\s*[\u4e00-\u9fff]{2,4}\s*$")


def _position(
    s: Sentence, person: Entity, org: Entity, title: str, lo: int, hi: int, rule: str, conf: float
) -> Rel:
    return Rel("holds_position", person, org, rule, conf, [s.unit.quote(lo, hi)], {"title": title})


_CHAIN_STOPS = (
    "还有",
    "的有",
    "另有",
    "由",
    "以及",
    "及",
    "和",
    "与",
    "邀请",
    "包括",
    "其中",
    "陪同",
    "带领",
    "率领",
    "会同",
    "同",
    "在",
    "到",
    "向",
    "为",
    "是",
    "并",
    "还",
    "等",
)


def _chain_start(s: Sentence, end: int) -> int:
    t = s.unit.text
    i = end
    while i > s.start:
        m = next((m for m in s.mentions if m.start < i <= m.end and m.type != "person"), None)
        if m is not None:
            i = m.start
            continue
        c = t[i - 1]
        if c in ',;:。!?“”()《》"' or (c == " " and i < end - 1):
            break
        if any(m.end == i for m in s.mentions if m.type == "person"):
            break
        w = next((w for w in _CHAIN_STOPS if t[max(0, i - len(w)) : i] == w), None)
        if w and not L.TITLE.search(t, max(0, i - len(w) - 4), i):
            break
        i -= 1
    return i


_BARE_BODIES = (
    "同乡会",
    "商会",
    "协会",
    "慈善会",
    "慈善总会",
    "基金会",
    "联合会",
    "合作社",
    "公司",
    "集团",
    "学校",
    "小学",
    "中学",
    "医院",
    "卫生院",
    "敬老院",
)
_elided: dict[int, Entity] = {}  # per sentence: the body of the last post read (for 、队员某某)


def _parse_chain(s: Sentence, begin: int, end: int, analysis: Analysis) -> list[tuple[Entity, str, int]]:
    """(organisation, title, start of the pair) for each post in t[begin:end], left to right."""
    t = s.unit.text
    spans = [(m.start, m.end) for m in s.mentions if m.type in ("organization", "place")]

    def inside(k: int) -> bool:
        return any(a < k < b for a, b in spans)

    raw: list[tuple[int, int, int]] = []  # (org_start, title_start, title_end)
    pos = end
    while pos > begin:
        while pos > begin and t[pos - 1] in "、 ":
            pos -= 1
        k = _title_ending_at(t, pos, begin)
        if k is None or inside(k):
            break
        org_start = k
        j = k
        while j > begin and t[j - 1] not in "、":
            jj = _title_ending_at(t, j, begin)
            if (
                jj is not None
                and not inside(jj)
                and not inside(j)
                and j < k
                and t[j : j + 1] not in "会处部室"
            ):
                break
            j -= 1
        org_start = j
        raw.append((org_start, k, pos))
        pos = org_start
    raw.reverse()
    out: list[tuple[Entity, str, int]] = []
    prev: Entity | None = None
    for org_start, k, pos in raw:
        part = t[org_start:k]
        title = t[k:pos]
        org = None
        if not part:
            org = (
                prev if prev is not None else _place_of_title(s, k, title, analysis) or _head_of(s, k, title)
            )
            if org is None and (
                "、" in t[max(s.start, begin - 1) : begin + 1]
                or ("," in t[max(s.start, begin - 1) : begin + 1] and title in _MEMBER_TITLES)
            ):
                org = _elided.get(
                    id(s)
                )  # 工作队队长郭景祥、队员王正跃 / …队长何俊明，队员李志军: the body before
        elif part in L.PARTY_INSIDE:
            org, title = prev, part + title
        elif (town := _town_congress(s, org_start, part, prev, analysis)) is not None:
            # 太保镇党委书记、人大主席, 镇人大主席: a town's 人大 is no body apart, its chair a post of the town
            org, title = town, "人大" + title
        elif (folded := _place_body(s, org_start, part, prev, analysis)) is not None:
            # 英德市人民政府副市长 → 英德市, 副市长: the government is the place; its party bodies stay
            org, title = folded[0], ("" if folded[1] in ("人民政府", "政府") else folded[1]) + title
        else:
            for p in L.PARTY_INSIDE:
                base = part[: -len(p)]
                if part.endswith(p) and base and not part.endswith("机关" + p):
                    bent = _resolve(
                        s, org_start, org_start + len(base), base, prev, analysis, lookup_only=True
                    )
                    if bent is None and _kind_of(base) in ("enterprise", "government_body"):
                        bent = _resolve(s, org_start, org_start + len(base), base, prev, analysis)
                    if bent is not None and (
                        bent.type == "place" or bent.kind in ("enterprise", "government_body")
                    ):
                        org, title = bent, p + title
                    break
            if org is None:
                org = _resolve(s, org_start, k, part, prev, analysis)
        if not part and org is not None and title.endswith(("队员", "队长")) and org.key[0] == "sub":
            org = analysis.groups.get(org.key[1], org)  # 临时党支部书记、队员: a member of the team itself
        if org is not None and org.type in ("organization", "place"):
            out.append((org, title, org_start if part else k))
            prev = org
            _elided[id(s)] = org
    return out


def _town_congress(s: Sentence, at: int, part: str, prev: Entity | None, analysis: Analysis) -> Entity | None:
    """The town whose 人大 ``part`` names (人大 after a town's post, 镇人大, 太保镇人大), else None."""
    if not part.endswith("人大"):
        return None
    base = part[:-2]
    if not base:
        return prev if prev is not None and prev.type == "place" and prev.level == "town" else None
    if base in ("镇", "乡"):
        return _place_of_title(s, at, "镇长", analysis)
    named = [m for m in s.mentions if m.start == at and m.end == at + len(base) and m.type == "place"]
    return named[0].ent if named and named[0].level == "town" else None


_MEMBER_TITLES = ("队员", "副队长", "组员", "副组长", "成员")

_TITLE_LEVEL = {
    "县长": "county",
    "区长": "district",
    "市长": "city",
    "镇长": "town",
    "乡长": "town",
    "村长": "village",
}


def _place_of_title(s: Sentence, at: int, title: str, analysis: Analysis) -> Entity | None:
    """副县长黄丽萍 with no body: the county named last before it, else the article's own county."""
    level = next((lv for w, lv in _TITLE_LEVEL.items() if title.endswith(w)), None)
    if level is None:
        return None
    before = [m for m in s.mentions if m.end <= at and m.type == "place" and m.level == level]
    if before:
        return before[-1].ent
    only = analysis.context.only(level)
    return analysis.groups.get(("place", only)) if only else None


#: The head of an institution (院长, 校长 …) and the endings of the institutions they head.
_HEADS = {"院长": ("院",), "校长": ("校", "小学", "中学"), "园长": ("园",), "站长": ("站",), "所长": ("所",)}


def _head_of(s: Sentence, at: int, title: str) -> Entity | None:
    """院长梁秀英 with no body: the institution of that kind the sentence named before (在太保镇敬老院，…)."""
    ends = next((e for w, e in _HEADS.items() if title.endswith(w)), None)
    if ends is None:
        return None
    before = [m for m in s.mentions if m.end <= at and m.type == "organization" and m.text.endswith(ends)]
    return before[-1].ent if before and before[-1].entity is not None else None


#: A place's own bodies written before a title: the post is the place's (太保镇党委书记 → 太保镇, 党委书记).
PLACE_BODIES = tuple(
    sorted(
        [
            "区委",
            "县委",
            "市委",
            "省委",
            "镇委",
            "党委",
            "党工委",
            "党支部",
            "党总支",
            "村委会",
            "居委会",
            "村委",
            "街道办事处",
            "办事处",
            "人民政府",
            "政府",
        ],
        key=len,
        reverse=True,
    )
)
_LEVEL_OF_CHAR = {
    "区": "district",
    "县": "county",
    "市": "city",
    "镇": "town",
    "乡": "town",
    "村": "village",
    "省": "province",
}


def _place_body(
    s: Sentence, at: int, part: str, prev: Entity | None, analysis: Analysis
) -> tuple[Entity, str] | None:
    """(the place, the body word) when ``part`` is a place followed by one of its own bodies."""
    for w in PLACE_BODIES:
        if not part.endswith(w):
            continue
        base = part[: -len(w)]
        if w in ("区委", "县委", "市委", "省委", "镇委"):
            base = base + w[0]
        place = _place_named(s, at, base, prev, analysis)
        if place is not None:
            return place, w
        return None
    return None


def _place_named(s: Sentence, at: int, base: str, prev: Entity | None, analysis: Analysis) -> Entity | None:
    from graph.intake import lexicon as LX

    if not base:
        if prev is not None and (prev.type == "place" or prev.kind == "government_body"):
            return prev
        return None
    end = at + len(base)
    for m in s.mentions:  # the last place (or 街道) written right there: 五华县华城镇 → 华城镇
        if (m.end == end and m.start >= at and m.entity is not None) and (
            m.type == "place" or (m.ent.kind == "government_body" and m.text.endswith("街道"))
        ):
            return m.ent
    name = base[1:] if base[:1] in ("我", "本", "该") else base
    if len(name) == 1 and name in _LEVEL_OF_CHAR:
        level = _LEVEL_OF_CHAR[name]
        before = [m for m in s.mentions if m.end <= at and m.type == "place" and m.level == level]
        if before and before[-1].entity is not None:
            return before[-1].ent  # 到罗镜镇挂职，任镇党委委员: the town the sentence named last
        only = analysis.context.only(level)
        return analysis.groups.get(("place", only)) if only else None
    return analysis.groups.get(("place", LX.GAZ_FORMS.get(name, name)))


def _resolve(
    s: Sentence, a: int, b: int, part: str, prev: Entity | None, analysis: Analysis, lookup_only: bool = False
) -> Entity | None:
    """The entity that t[a:b] names: the mention exactly there, else the same name elsewhere."""
    for m in s.mentions:
        if m.start == a and m.end == b and m.entity is not None and m.type != "person":
            return m.ent
    for m in s.mentions:  # a mention ending there whose start the chain cut (园区非公党委)
        if (
            m.end == b
            and m.start >= a
            and m.entity is not None
            and m.type != "person"
            and (
                b - m.start >= len(part) - 1
                or "的" in s.unit.text[a : m.start]
                or _places_cover(s, a, m.start)
            )
        ):  # 白马村的结对企业广州某公司负责人, 龙头镇北和村驻村第一书记: what stands before only locates the body
            return m.ent
    if part in ("工作队", "驻镇工作队", "驻村工作队", "工作组", "该工作队", "驻镇帮扶工作队"):
        teams = [e for e in analysis.entities if e.kind == "work_team" and e.name.endswith(part[-3:])]
        if teams:
            return max(teams, key=lambda e: len(e.mentions))
    if part in _BARE_BODIES:  # 同乡会会长: the article's one 同乡会
        same = [
            e
            for e in analysis.entities
            if e.type == "organization" and e.name.endswith(part) and e.name != part
        ]
        if len(same) == 1:
            return same[0]
    if part in _BARE_ENTERPRISE or part in _BARE_SUBDISTRICT:
        # 公司董事长骆振华, 街道办事处副主任谭慧敏: the enterprise / 街道 the paragraph named last
        wanted = "enterprise" if part in _BARE_ENTERPRISE else "街道"
        last = [
            m
            for m in analysis.mentions(s.unit)
            if m.end <= a
            and m.entity is not None
            and (m.ent.kind == wanted if wanted == "enterprise" else m.ent.name.endswith(wanted))
        ]
        return last[-1].ent if last else None
    inherited = None
    if prev is not None:
        inherited = prev.name if prev.type == "place" else (prev.key[1] if prev.key[0] == "org" else None)
    kind = _kind_of(part)
    if kind is None:
        return None
    key = org_key(part, kind, analysis.context, inherited)
    if key in analysis.groups:
        return analysis.groups[key]
    if lookup_only:
        return None
    name = part
    if key[0] == "org" and key[1] and not split_place_prefix(part)[0]:
        name = key[1] + key[2]
    if len(name) <= 3 and name[:1] in _LEVEL_OF_CHAR:
        return None  # 县委副书记 in a speech that never names its county: no body to name
    ent = Entity(key, "organization", name, kind=kind, rule="position-chain", confidence=0.7)
    ent.extra_evidence.append(s.quote(a, b))
    if name != part:
        ent.aliases.add(part)
    if key[0] == "org" and key[1] in L.GAZETTEER:
        for short in L.GAZETTEER[key[1]][2]:
            if short[-1:] in "区县市":
                ent.aliases.add(short + key[2])
    analysis.groups[key] = ent
    analysis.entities.append(ent)
    return ent


def _places_cover(s: Sentence, a: int, b: int) -> bool:
    """Is t[a:b] a chain of places written one after another (湛江市坡头区龙头镇)?"""
    at = a
    while at < b:
        nxt = [m for m in s.mentions if m.type == "place" and m.start == at and m.end <= b]
        if not nxt:
            return False
        at = max(m.end for m in nxt)
    return True


_BARE_ENTERPRISE = ("公司", "该公司", "集团", "该集团", "企业", "该企业")
_BARE_SUBDISTRICT = ("街道办事处", "街道办", "办事处", "街道")


# ------------------------------------------------------------------ agreements
_SIGN = re.compile(
    r"(?P<verb>签订|签署|签下|签约|签了|签)(?:了)?(?P<obj>[^,;。]{0,40}?(?P<doc>协议书|协议|合同|备忘录|责任书|倡议书|意向书|承诺书))"
)
#: 某公司与龙窝镇签约，…: 签约 with no document named, at the end of its clause
_BARE_SIGN = re.compile(r"(?P<verb>(?:现场|正式|成功|当场)?签约)(?P<obj>(?P<doc>))(?=[,;。!]|$)")
_PLANNED = re.compile(r"拟|将与|将和|计划|准备|有望|即将|尚未|未能|洽谈|意向")
_NOT_YET = re.compile(r"(?:拟|将|计划|准备|有望|即将|未|尚未|正在|洽谈|商定)\s*(?:于\S{0,8})?$")


def agreements(s: Sentence, analysis: Analysis) -> list[Rel]:
    out: list[Rel] = []
    t = s.unit.text
    for m in itertools.chain(_SIGN.finditer(t, s.start, s.end), _BARE_SIGN.finditer(t, s.start, s.end)):
        if m["doc"] in ("意向书", "倡议书", "承诺书"):
            continue
        if m.re is _BARE_SIGN and not re.search(r"与|同", t[_clause_start(s, m.start()) : m.start()]):
            continue  # 某公司与龙窝镇签约: a bare 签约 needs the two parties of 与
        before = t[s.start : m.start()]
        if _NOT_YET.search(before[-12:]) or _PLANNED.search(t[_clause_start(s, m.start()) : m.start()]):
            continue
        couples = (
            _couples(s, m.start()) or _both_sides(s, m.start()) or _paired_before(s, m.start(), analysis)
        )
        left, right = _parties(s, m.start()) if not couples else ([], [])
        if not left and not couples:
            continue
        agreement = t[m.end("verb") : m.end()].lstrip("了")
        agreement = agreement[agreement.find("“") :] if "“" in agreement else agreement
        agreement = agreement[agreement.find("《") + 1 :] if "《" in agreement else agreement
        agreement = agreement or "签约"
        props: dict[str, Any] = {"agreement": agreement}
        date = _date_near(s, m.start(), analysis)
        if date:
            props["date"] = date
        pairs: list[tuple[Mention, Mention]] = list(couples)
        many = bool(re.search(r"[两三四五六七八九多]方", t[max(s.start, m.start() - 4) : m.start()]))
        if couples:
            pass
        elif right and many:
            parties = left + right  # 三方签订: every pair of signatories
            pairs = [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
        elif right:
            if "分别" in t[left[-1].end if left else s.start : m.start()] and len(left) == len(right):
                pairs = list(zip(left, right, strict=True))
            else:
                pairs = [(a, b) for a in left for b in right]
        elif len(left) >= 2:
            pairs = (
                [(a, b) for i, a in enumerate(left) for b in left[i + 1 :]]
                if many
                else [(left[0], b) for b in left[1:]]
            )
        # 结对/对口帮扶/共建 name a pairing agreement (对口帮扶合作框架协议 too); a plain 帮扶 one is a pairing
        # unless it is a commercial or co-operation instrument (教育帮扶合作备忘录, 远程医疗合作协议)
        pairing = bool(_STRONG_PAIR_WORDS.search(agreement)) or (
            bool(_PAIR_WORDS.search(agreement)) and not _COMMERCIAL.search(agreement)
        )
        for a, b in pairs:
            if a.entity is b.entity or a.type == "person" or b.type == "person":
                continue
            q = s.quote(min(a.start, b.start), m.end())
            out.append(Rel("signs_agreement", a.ent, b.ent, "sign-agreement", 0.85, [q], dict(props)))
            # a 结对/共建/组团帮扶 agreement is also a pairing, from the helping side to the helped side
            if not pairing or "work_team" in (a.ent.kind, b.ent.kind):
                continue
            helper, helped = _sides(a, b, s, analysis)
            if (
                helped.type == "place"
                or helped.ent.kind in ("school",)
                or (  # 区人民医院与浛洸镇卫生院, 京溪街道党工委与保安镇党委: a body helps a body of the helped town
                    _in_helping_city(helper.ent, analysis) and not _in_helping_city(helped.ent, analysis)
                )
            ):
                pprops = {"basis": agreement}
                if "date" in props:
                    pprops["since"] = props["date"]
                out.append(Rel("pairs_with", helper.ent, helped.ent, "pair-agreement", 0.75, [q], pprops))
    return out


_COMMERCIAL = re.compile(
    r"战略|产销|采购|购销|供销|销售|服务|招生|合作(?:协议|备忘录|框架)|会诊|投资|租赁|意向"
)


def _sides(a: Mention, b: Mention, s: Sentence, analysis: Analysis) -> tuple[Mention, Mention]:
    """(helper, helped): the helped side is the place the programme helps (a village, the article's own
    town), the helper an organisation or a place in the helping city."""

    def helped_score(m: Mention) -> int:
        e = m.ent
        score = 0
        if m.type == "place":
            score += 1 + (e.level in ("village", "community"))
            if e is _team_town(s, analysis):
                score += 2
        if _in_helping_city(e, analysis):
            score -= 3
        return score

    return (a, b) if helped_score(b) >= helped_score(a) else (b, a)


_HELPING_CITIES = ("广州", "深圳", "佛山", "东莞", "珠海", "中山")


def _in_helping_city(e: Entity, analysis: Analysis | None = None, depth: int = 0) -> bool:
    """Is this a place or body of a helping city (广州, 深圳, 佛山, 东莞, 珠海, 中山)? By its names, its
    parents, the gazetteer, or (for a body named after a 街道 or town: 京溪街道党工委) that body's place."""
    names = " ".join(e.names)
    if any(c in names for c in _HELPING_CITIES):
        return True
    p = e.parent
    while p is not None:
        if any(c in p.name for c in _HELPING_CITIES):
            return True
        p = p.parent
    from graph.intake import lexicon as LX

    if any(LX.GAZETTEER.get(n, ("", None, ()))[1] in _HELPING_CITY_NAMES for n in e.names):
        return True
    if analysis is not None and depth == 0 and e.key[0] in ("org", "sub") and isinstance(e.key[1], str):
        seat = e.key[1]
        return any(
            o is not e and seat in o.names and _in_helping_city(o, analysis, 1) for o in analysis.entities
        )
    return False


_HELPING_CITY_NAMES = tuple(c + "市" for c in _HELPING_CITIES)


_PAIR_WORDS = re.compile(r"结对|共建|帮扶|同兴")
_STRONG_PAIR_WORDS = re.compile(r"结对|对口帮扶|组团帮扶|共建")
_LIST_SEP = re.compile(r"^(?:、|和|与|及|以及|同|跟|,)$")


#: 天河区教育局推动区内华景小学与…结对: who brings the parties together is not one of them
_BROKER = r"推动|促成|牵线|撮合|协调|指导|引导|带动|动员|推荐|介绍"
_WITH = re.compile(
    r"(?:分别)?(?:与|同|跟)(?:了)?(?:组团牵头单位|组团单位|牵头单位|结对单位|帮扶单位|对口单位)?$"
)


def _parties(s: Sentence, verb_at: int) -> tuple[list[Mention], list[Mention]]:
    """The parties before a verb: (left side, right side of 与/和/同) as mentions, nearest clause group."""
    t = s.unit.text
    # the party region: back to the start of the sentence, but not past a 由/在/为 clause opener
    region = [m for m in s.mentions if m.end <= verb_at and m.type in ("organization", "place")]
    region = _top_level(region)
    if not region:
        return [], []
    # find 与/和/同 that splits the parties: the last one before the verb between two mentions
    split_at = None
    for i in range(len(region) - 1, 0, -1):
        gap = t[region[i - 1].end : region[i].start]
        if _WITH.search(gap.strip()):
            split_at = i
            break
    # keep only a contiguous list: mentions separated by 、 和 及 or a few words
    chain = [region[-1]]
    for m in reversed(region[:-1]):
        gap = t[m.end : chain[0].start]
        if (
            ((len(gap) <= 8 and not re.search(r"签|捐|举行|召开|开展|" + _BROKER, gap)) or _WITH.search(gap))
            and not re.search(r"[。;]", gap)
            and ("," not in gap or re.search(r"^(?:的[^,]{0,3})?$", gap))
        ) or gap.strip() in ("", "、"):
            chain.insert(0, m)
        else:
            break
    if split_at is not None and region[split_at] in chain and chain.index(region[split_at]) > 0:
        i = chain.index(region[split_at])
        left, right = chain[:i], chain[i:]
    elif split_at is not None and region[split_at] in chain:
        # 广州新塘港昇制衣有限公司走进仁居镇，与邹坊村签订…: the subject is before the clause break
        right = chain
        left = _org_list_before(s, region, region[split_at].start, len(right), right)
    elif split_at is not None:
        # A、B、C三家企业走进三排镇，分别与甲村、乙村、丙村签订…: the list before the clause break
        right = chain
        left = _org_list_before(s, region, region[split_at].start, len(right), right)
    else:
        left, right = chain, []
    left = [m for m in left if not _is_modifier(s, m, chain) and not _collective_of(s, m)]
    right = [m for m in right if not _is_modifier(s, m, chain) and not _collective_of(s, m)]
    return left, right


def _collective_of(s: Sentence, m: Mention) -> bool:
    """南沙区企业, 海珠区各界, 容桂街道12家企业, 六祖镇12个村: unnamed bodies of the place, not the place."""
    t = s.unit.text
    if m.type == "place" and _PLACE_COLLECTIVE.match(t, m.end):
        return True
    placelike = (m.type == "place" and m.level not in ("village", "community")) or (
        m.type == "organization" and m.entity is not None and m.ent.name.endswith(("街道", "镇"))
    )  # a village before 三村 ends a list of them (下六村、上六村、石门村三村): an apposition
    return placelike and t[m.start - 1 : m.start] != "、" and bool(_COUNTED_UNNAMED.match(t, m.end))


#: 12家企业, 12个村, 各村, 多所学校: bodies counted, not named
_COUNTED_UNNAMED = re.compile(
    r"的?(?:(?:\d+|[一二三四五六七八九十百两几多]+)(?:家|个|所|位)?|各|所有|全部)"
    r"(?:爱心)?(?:企业|单位|村|行政村|社区|村\(社区\)|商会|学校|部门)"
)


def _paired_before(s: Sentence, verb_at: int, analysis: Analysis) -> list[tuple[Mention, Mention]]:
    """A、B分别结对甲村、乙村，并签订村企结对协议: the signing is between the pairs just stated."""
    t = s.unit.text
    cs = _clause_start(s, verb_at)
    if (
        not re.fullmatch(r"(?:并|并且|同时|还|随后|当场|现场|并现场)*", t[cs:verb_at].strip())
        or cs <= s.start
    ):
        return []
    return _pairs_stated_before(s, cs, analysis)


def _both_sides(s: Sentence, verb_at: int) -> list[tuple[Mention, Mention]]:
    """…A与B现场签约…，双方签订《…》: 双方 are the two named together last before the clause."""
    t = s.unit.text
    cs = _clause_start(s, verb_at)
    if "双方" not in t[cs:verb_at]:
        return []
    ms = _top_level([m for m in s.mentions if m.end <= cs and m.type in ("organization", "place")])
    for a, b in reversed(list(itertools.pairwise(ms))):
        if re.fullmatch(r"(?:与|和|同|跟)", t[a.end : b.start]):
            return [(a, _chain_end(s, b))]  # 南沙区与坡头区龙头镇: the town
    return []


def _couples(s: Sentence, verb_at: int) -> list[tuple[Mention, Mention]]:
    """A与B、C与D分别签署: the couples, when the clause lists two or more of them."""
    t = s.unit.text
    cs = _clause_start(s, verb_at)
    if t.count("与", cs, verb_at) < 2:
        return []
    ms = _top_level(
        [m for m in s.mentions if cs <= m.start and m.end <= verb_at and m.type in ("organization", "place")]
    )
    kept: list[tuple[int, Mention]] = []  # (where its place prefix starts, the mention)
    start = None
    for i, m in enumerate(ms):
        if m.type == "place" and i + 1 < len(ms) and ms[i + 1].start == m.end:
            start = m.start if start is None else start  # 增城区新塘镇: 增城区 only locates 新塘镇
            continue
        kept.append((m.start if start is None else start, m))
        start = None
    out = []
    for (_, a), (b_start, b) in itertools.pairwise(kept):
        if re.fullmatch(r"与", t[a.end : b_start]):
            out.append((a, b))
    return out if len(out) >= 2 else []


def _org_list_before(
    s: Sentence, region: list[Mention], before: int, size: int, other: list[Mention] | None = None
) -> list[Mention]:
    """The nearest run of organisations joined by 、/和/及 before ``before`` (of ``size`` when possible),
    none of them the ``other`` side (A向B捐赠…，并与B签订…: A is the party, B was named as the recipient)."""
    t = s.unit.text
    others = {id(m.entity) for m in other or [] if m.entity is not None}
    orgs = [
        m
        for m in region
        if m.end <= before
        and m.type == "organization"
        and m.entity
        and m.ent.kind != "enterprise_group"
        and id(m.entity) not in others
    ]
    runs: list[list[Mention]] = []
    for m in orgs:
        if runs and re.fullmatch(r"(?:、|和|及|以及)", t[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in reversed(runs):
        if len(run) == size:
            return run
    return runs[-1] if runs else []


def _top_level(ms: list[Mention]) -> list[Mention]:
    """Drop mentions inside another one (太保镇 inside 太保镇党委)."""
    return [
        m
        for m in ms
        if not any(
            o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for o in ms
        )
    ]


def _is_modifier(s: Sentence, m: Mention, chain: list[Mention]) -> bool:
    """太保镇 in 太保镇的上坪村: a place that only locates the next mention."""
    t = s.unit.text
    if m not in chain:
        return False
    if re.match(r"(?:牵头|带领|组织|发起)的|辖(?:区)?内?的|(?:所属|旗下|下属)的?", t[m.end : m.end + 4]):
        return True  # 由广州雄业物流有限公司牵头的19家企业, 新华街道辖内的A公司: the leader or seat qualifies
    i = chain.index(m)
    if i + 1 < len(chain):
        nxt = chain[i + 1]
        gap = t[m.end : nxt.start]
        if (
            gap in ("", "的")
            and nxt.type == "place"
            and (m.type == "place" or m.text.endswith(("街道", "镇")))
        ):
            return True  # 荔城街道光明社区: the 街道 locates the community
    return False


# -------------------------------------------------------------------- pairing
_PAIR = re.compile(
    r"(?P<verb>结对帮扶|结对共建|对口帮扶|组团帮扶|挂钩帮扶|结对|共建"
    r"|(?<=结成)“?(?:[镇村街区县企校]{2})?(?:帮扶|结对)?对子”?|(?<=结为)“?(?:[镇村街区县企校]{2})?(?:帮扶|结对)?对子”?)"
)


def pairings(s: Sentence, analysis: Analysis) -> list[Rel]:
    out: list[Rel] = []
    t = s.unit.text
    for m in _PAIR.finditer(t, s.start, s.end):
        verb = m["verb"]
        after = [
            x
            for x in s.within(m.end(), s.end, ("organization", "place"))
            if x.start - m.end() <= 2 and not re.search(r"[,;:。]", t[m.end() : x.start])
        ]
        chain_at = (
            m.start()
        )  # 黄埔区与紫金县对口帮扶工作座谈会: X与Y before the pairing word names both sides
        while nxt := [x for x in s.within(s.start, chain_at, ("place",)) if x.end == chain_at]:
            chain_at = nxt[0].start  # 与湛江市坡头区: back over the chain of places
        paired_places = bool(
            chain_at < m.start()
            and t[m.end() : m.end() + 2] in ("工作", "协议", "活动")
            and verb in ("对口帮扶", "结对帮扶", "组团帮扶")
            and re.search(r"(?:与|和)$", t[max(s.start, chain_at - 2) : chain_at])
        )
        if (
            t[m.end() : m.end() + 2] in ("单位", "工作", "协议", "活动", "模式", "机制", "的")
            and not paired_places
        ):
            # 对口帮扶单位X / X作为Y的对口帮扶单位
            unit_m = [x for x in s.within(m.end(), s.end, ("organization",)) if x.start - m.end() <= 4]
            before = [
                x for x in s.within(s.start, m.start(), ("place", "organization")) if m.start() - x.end <= 3
            ]
            if t[m.end() : m.end() + 2] == "单位" and unit_m and before:
                out.append(_pair(s, unit_m[0], before[-1], verb, m, "pair-unit", 0.7))
            elif (
                t[m.end() : m.end() + 2] == "单位"
                and before
                and before[-1].end == m.start()
                and before[-1].type == "place"
            ):
                # 太保镇党政代表到广州市花都区对口帮扶单位…: the district helps the town that visits
                helped = next(
                    (
                        x
                        for x in s.mentions
                        if x.end <= before[-1].start and x.type == "place" and x.level in ("town", "village")
                    ),
                    None,
                )
                if helped is not None and before[-1].level in ("district", "county", "city"):
                    out.append(
                        Rel(
                            "pairs_with",
                            before[-1].ent,
                            helped.ent,
                            "pair-unit-place",
                            0.7,
                            [s.quote(helped.start, m.end() + 2)],
                            {"basis": verb},
                        )
                    )
            continue
        before = _top_level(
            [x for x in s.mentions if x.end <= m.start() and x.type in ("organization", "place")]
        )
        if not before:
            continue
        gap_to_verb = t[before[-1].end : m.start()]
        if after and (verb not in ("结对", "共建") or t[m.end() : m.end() + 1] != "的"):
            # X对口帮扶Y / X结对帮扶Y / A、B分别结对帮扶甲村、乙村
            helper = _subject(s, before, m.start())
            if helper is None or _PLANNED_PAIR.search(t[max(s.start, m.start() - 4) : m.start()]):
                continue
            targets = [_chain_end(s, x) for x in _list_at(s, after[0].start, PLACE_LEVELS)] or [after[0]]
            if (
                verb == "共建"
                and targets[-1].type == "place"
                and not _PAIR_OBJECT_END.match(t, targets[-1].end)
            ):
                continue  # 共建华城镇丝苗米示范基地: the town names a project, it is not the partner
            targets = [x for x in targets if x.ent.kind not in ("alliance", "enterprise_group", "media")]
            if verb == "对口帮扶" and helper.type == "organization":
                place = _home_place(helper.ent, analysis)
                if place is not None and helper.ent.kind not in (
                    "work_team",
                    "enterprise",
                    "enterprise_group",
                ):
                    for target in targets:
                        out.append(
                            Rel(
                                "pairs_with",
                                place,
                                target.ent,
                                "pair-district",
                                0.7,
                                [s.quote(min(helper.start, m.start()), target.end)],
                                {"basis": verb},
                            )
                        )
                    continue
            helpers = _members(s, helper) if _LIST_TO_VERB.fullmatch(t[helper.end : m.start()]) else [helper]
            for a, b in _mapped(helpers, targets, "分别" in t[helpers[-1].end : m.start()]):
                out.append(_pair(s, a, b, verb, m, "pair-verb", 0.8))
        elif (_PAIR_GAP.fullmatch(gap_to_verb) or _TOWARDS_GAP.fullmatch(gap_to_verb)) and len(before) >= 2:
            # X与Y结对 / A、B、C分别与甲村、乙村、丙村结对
            left, right = _parties(s, m.start())
            if not right and _TOWARDS_GAP.fullmatch(gap_to_verb):
                left, right = _towards(s, before)  # 某集团对联山村开展结对帮扶
            if not left or not right:
                continue
            left = [y for x in left for y in _members(s, x, lists=False)]
            if any(x.type == "person" for x in s.within(left[-1].end, right[0].start, ("person",))):
                continue  # 白鹤洞街道党工委书记钟海燕介绍，街道与杜步镇结对: not the committee's pairing
            for a, b in _mapped(left, right, "分别" in t[left[-1].end : m.start()]):
                if a.type == "place" and b.type == "place":
                    a, b = _sides(a, b, s, analysis)
                out.append(_pair(s, a, b, verb, m, "pair-with", 0.8))
    # 组团牵头单位X: X leads a group paired with the work team's town
    team_town = town = _team_town(s, analysis)
    for m in re.finditer(r"组团(?:帮扶)?(?:牵头)?单位|(?<=作为)牵头单位(?=,)", s.text):
        at = s.start + m.end()
        members = _list_at(s, at)
        town = team_town
        named_towns = {x.ent for x in s.mentions if x.type == "place" and x.level == "town" and x.entity}
        if m.group() == "牵头单位" and len(named_towns) == 1:
            town = next(
                iter(named_towns)
            )  # 作为牵头单位，花城街道…，共同为太保镇…: the town the sentence names
        pre = t[s.start : s.start + m.start()]
        if seat := re.search(r"的$", pre):  # 黄花镇的组团单位还有A、B: the town named before 的
            named = [x for x in s.mentions if x.end == s.start + seat.start() and x.type == "place"]
            if named and named[-1].level == "town":
                town = named[-1].ent
        if not members and (role := re.search(r"作为(?P<what>[^,。;]{0,24}?)的?$", pre)):
            # 广州交投集团作为驻湖光镇工作队组团牵头单位，…: the subject before 作为 is the unit
            at_role = s.start + role.start()
            members = [
                x
                for x in _top_level(s.within(s.start, at_role, ("organization",)))
                if x.end == at_role and x.entity
            ]
            lo, hi = s.start + role.start("what"), s.start + role.end("what")
            teams = [
                x.ent.parent
                for x in s.mentions
                if lo <= x.start and x.end <= hi and x.entity and x.ent.kind == "work_team"
            ]
            town = teams[-1] if teams and teams[-1] is not None else town
        if town is None or not members:
            continue
        for x in members:
            if x.entity is town:
                continue
            q = s.quote(min(x.start, at - len(m.group())), x.end)
            out.append(
                Rel(
                    "pairs_with",
                    x.ent,
                    town,
                    "pair-group",
                    0.75,
                    [q],
                    {"basis": "组团帮扶", "role": m.group()},
                )
            )
    # 作为花都区帮扶太保镇的牵头单位，花城街道…: the unit pairs with the place it leads the help of
    for m in re.finditer(r"作为(?P<what>[^,。;]{0,24}?)的(?:组团)?(?:牵头|结对|帮扶|对口)单位", s.text):
        lo, hi = s.start + m.start("what"), s.start + m.end("what")
        led = [x for x in s.mentions if lo <= x.start and x.end <= hi and x.type == "place"]
        if not led or led[-1].level not in ("town", "village", "county", "city"):
            continue
        end = s.start + m.end()
        unit = [x for x in s.within(end, s.end, ("organization", "place")) if x.start - end <= 2]
        unit = unit or s.within(s.start, s.start + m.start(), ("organization",))[-1:]
        if unit and unit[0].entity is not led[-1].entity:
            q = s.quote(min(unit[0].start, s.start + m.start()), max(unit[0].end, end))
            out.append(
                Rel("pairs_with", unit[0].ent, led[-1].ent, "pair-lead", 0.75, [q], {"role": "牵头单位"})
            )
    # 区中心医院负责连滩镇卫生院的技术帮扶: X is in charge of helping Y
    for m in re.finditer(r"负责(?=[^,。;]{2,20}?的[\u4e00-\u9fff]{0,4}帮扶)", s.text):
        at = s.start + m.start()
        in_charge = [w for w in _top_level(s.within(s.start, at)) if w.end == at and w.type == "organization"]
        charged = [
            z for z in _top_level(s.within(at + 2, s.end, ("organization", "place"))) if z.start == at + 2
        ]
        if in_charge and charged:
            out.append(_pair(s, in_charge[0], _chain_end(s, charged[0]), "帮扶", m, "pair-charge", 0.7))
    # 浛洸镇的组团帮扶由…牵头，由A、B、C等7个单位组成: each unit of the group pairs with the town
    if "组团" in s.text:
        seat = re.search(r"的组团(?:帮扶)?", s.text)
        named = [x for x in s.mentions if seat and x.type == "place" and x.end == s.start + seat.start()]
        town = named[0].ent if named else team_town
        for m in re.finditer(r"由|包括|组团单位(?:有|为|包括)", s.text):
            at = s.start + m.end()
            members = _list_at(s, at, ())
            if town is None or len(members) < 2:
                continue
            tail = t[members[-1].end : members[-1].end + 12]
            if not re.match(
                r"(?:等(?:\d+|[一二三四五六七八九十两]+)个(?:单位|部门)|等单位)?(?:共同)?组成", tail
            ):
                continue
            for x in members:
                q = s.quote(x.start, x.end)
                out.append(Rel("pairs_with", x.ent, town, "pair-group", 0.75, [q], {"basis": "组团帮扶"}))
    return out


_PLANNED_PAIR = re.compile(r"将|拟|计划|准备|有望")
#: What may follow the place a pairing verb takes (结对帮扶石岭镇、…, 共建太保镇以来): not a noun it qualifies.
_PAIR_OBJECT_END = re.compile(r"$|[^\u4e00-\u9fff]|以来|后|的|、|和|及|与|工作|开展|党")
#: Between the last of a list and the verb it shares: 两家企业分别, 共同.
_LIST_TO_VERB = re.compile(r"(?:[两三四五六七八九十\d]+(?:家|个)[\u4e00-\u9fff]{0,4}?)?(?:分别|共同|均|都)?")
#: What may stand between the parties and 结对: 共同开展“一对一”结对, 开展村企结对.
_PAIR_GAP = re.compile(
    r"(?:等?[两三四五六七八九十\d]+(?:个)?(?:村|社区|镇|街道|单位|企业|家企业|所学校))?的?(?:分别)?(?:共同)?(?:开展|建立|结成|结为|进行|实施|达成)?了?(?:“[^”]{1,12}”)?"
    r"(?:村企|镇企|企村|镇村|村镇|街镇|镇镇|村村|校地|一对一)?"
)


#: 某集团对联山村开展结对帮扶: 对 names the helped side, 开展/进行 the pairing
_TOWARDS_GAP = re.compile(r"(?:开展|进行|实施)(?:了)?(?:“[^”]{1,12}”)?(?:村企|镇村|一对一)?")


def _towards(s: Sentence, before: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(helper, helped) of X对Y开展结对帮扶: Y right before the gap, X right before 对 (places that only
    locate Y skipped)."""
    t = s.unit.text
    helped = _chain_end(s, before[-1])
    start = before[-1].start
    while nxt := [x for x in before if x.end == start and x.type == "place"]:
        start = nxt[0].start  # 对连江口镇联山村: back over the places that locate it
    if t[start - 1 : start] != "对":
        return [], []
    helper = [x for x in before if x.end == start - 1]
    return (helper[-1:], [helped]) if helper else ([], [])


def _mapped(left: list[Mention], right: list[Mention], respectively: bool) -> list[tuple[Mention, Mention]]:
    """Pairs of two lists: in order with 分别 (lists of one length), else one side to each of the other;
    two lists of several with neither is not a statement of who pairs with whom (nothing)."""
    if respectively and len(left) == len(right):
        return list(zip(left, right, strict=True))
    if len(left) == 1:
        return [(left[0], r) for r in right]
    if len(right) == 1:
        return [(x, right[0]) for x in left]
    return []


def _members(s: Sentence, m: Mention, lists: bool = True) -> list[Mention]:
    """The organisations a mention stands for: the list before a group named by its size (A、B、C等3个
    单位), or (``lists``) a list ending in it (A、B和C); else the mention itself."""
    t = s.unit.text
    top = _top_level([x for x in s.mentions if x.type in ("organization", "place") and x.end <= m.start])
    if m.entity is not None and m.ent.kind == "enterprise_group":
        if t[max(0, m.start - 1) : m.start] != "等" or not top or top[-1].end != m.start - 1:
            return [m]
        run = [top[-1]]
    elif lists:
        run = [m]
    else:
        return [m]
    for x in reversed(top[: -1 if run[0] is not m else None]):
        if x is run[0] or x.end > run[0].start:
            continue
        if re.fullmatch(r"(?:、|和|及|以及)", t[x.end : run[0].start]):
            run.insert(0, x)
        else:
            break
    return run


def _chain_end(s: Sentence, m: Mention) -> Mention:
    """清远连山太保镇: the last place of an adjacent chain."""
    while m.type == "place":
        nxt = next((x for x in s.mentions if x.start == m.end and x.type == "place"), None)
        if nxt is None:
            break
        m = nxt
    return m


def _team_town(s: Sentence, analysis: Analysis) -> Entity | None:
    """The town of the work team the sentence (or else the article) is about."""
    for m in reversed(s.mentions):
        if m.entity is not None and m.ent.kind == "work_team" and m.ent.parent is not None:
            return m.ent.parent
    teams = [
        e
        for e in analysis.entities
        if e.kind == "work_team" and e.parent is not None and e.name.endswith("队")
    ]
    if teams:
        return max(teams, key=lambda e: len(e.mentions)).parent
    only = analysis.context.only("town")
    return analysis.groups.get(("place", only)) if only else None


#: Between two items of a list; a short form defined in brackets may follow an item (…有限公司（以下简称“城建物业”）和…).
_DEFINED_SHORT = re.compile(r"\((?:以下|下文|下)?简称“?$")
_LIST_GAP = re.compile(r"(?:\((?:以下|下文|下)?简称[^()]{1,16}\))?(?:、|和|及|以及)")


def _list_at(s: Sentence, at: int, places: tuple[str, ...] = ("town",)) -> list[Mention]:
    """The organisations (or 街道/镇) listed from ``at``: X、Y和Z."""
    t = s.unit.text
    top = _top_level([m for m in s.mentions if m.start >= at and m.type in ("organization", "place")])
    top = [m for m in top if not _DEFINED_SHORT.search(t, max(0, m.start - 8), m.start)]
    out: list[Mention] = []
    pos = at
    for m in top:
        gap = t[pos : m.start]
        if out and not (_LIST_GAP.fullmatch(gap) or (gap == "" and out[-1].type == "place")):
            break
        if not out and len(gap) > 2:
            break
        # a place that only locates the next mention (广州市海珠区南洲街道: 南洲街道)
        out.append(m)
        pos = m.end
    # a place that only locates the next name (连滩镇西坝村、兰寨村: 西坝村 and 兰寨村)
    out = [
        m
        for i, m in enumerate(out)
        if not (m.type == "place" and i + 1 < len(out) and out[i + 1].start == m.end)
    ]
    # 组团帮扶单位南沙区东涌镇党委副书记、镇长黎建荣: a post follows, the unit is the town
    for i, m in enumerate(out):
        if m.type == "organization" and L.TITLE.match(t, m.end) and m.text.endswith(PLACE_BODIES):
            inner = [
                x
                for x in s.mentions
                if m.start <= x.start
                and x.end < m.end
                and (x.type == "place" or (x.entity is not None and x.ent.name.endswith("街道")))
            ]
            if inner:
                out[i] = inner[-1]
    return [m for m in out if m.type == "organization" or (m.level in places and m.entity)]


def _subject(s: Sentence, before: list[Mention], at: int) -> Mention | None:
    t = s.unit.text
    for x in reversed(before):
        gap = t[x.end : at]
        if len(gap) <= 12 and "," not in gap:
            return x
    # the subject of the nearest clause before that names an organisation (not 在X指导下)
    end = at
    while end > s.start:
        cs = _clause_start(s, end)
        inside = [x for x in before if cs <= x.start and x.end <= end]
        here = [x for x in inside if x.type == "organization"]
        if (
            not here
            and inside
            and inside[0].type == "place"
            and inside[0].level in ("city", "district", "county")
            and re.fullmatch(r"[\s\d年月日今去近来以上半下]*", t[cs : inside[0].start])
        ):
            here = inside[:1]  # 2023年，越秀区深入贯彻…，扎实推进对口帮扶梅县区: the district is the subject
        clause = t[cs:end]
        if here and not re.search(r"指导下|领导下|支持下", clause):
            return here[0]
        end = cs - 1
    return None


def _home_place(ent: Entity, analysis: Analysis) -> Entity | None:
    """The district or city in an organisation's name (花都区非公党委 → 花都区)."""
    if ent.key[0] != "org" or not ent.key[1]:
        return None
    place = analysis.groups.get(("place", ent.key[1]))
    if place is not None and place.level in ("district", "county", "city"):
        return place
    return None


def _pair(s: Sentence, a: Mention, b: Mention, verb: str, m: re.Match, rule: str, conf: float) -> Rel:
    helper, helped = a, b
    if helper.type == "place" and helped.type == "organization" and helped.ent.kind != "school":
        helper, helped = helped, helper
    q = s.quote(min(a.start, b.start, m.start()), max(a.end, b.end, m.end()))
    basis = "结对" if "对子" in verb else verb  # 结成“镇镇对子”
    return Rel("pairs_with", helper.ent, helped.ent, rule, conf, [q], {"basis": basis})


_DASH = re.compile(r"(?:—{1,2}|–|-|~|～)")
_PAIR_AFTER_DASH = re.compile(r"^[^,。;]{0,2}(?:对口帮扶|结对帮扶|组团帮扶|结对|帮扶|对口支援)")
_PLAIN_HELP = re.compile(r"(?:长期|持续|定点|倾力|全力)?帮扶")


def place_pairings(analysis: Analysis) -> list[Rel]:
    """Pairings written between two names, in any unit (headings too):

    * ``pair-dash``: 天河区—连江口镇 (a heading), 黄埔—五华对口帮扶: a place of a helping city dashed with
      a place elsewhere, in a heading or before a word of pairing;
    * ``pair-help``: 花都帮扶清远, 天河区帮扶连江口镇工作推进会: X帮扶Y with nothing between, X a place of a
      helping city or a body (not a work team: its own pairing is its town), Y a place elsewhere;
    * ``pair-abbreviation``: 广湛对口帮扶 (广州 and 湛江 by their first characters).
    """
    out: list[Rel] = []
    for u in analysis.article.units:
        t = u.text
        ms = _top_level([m for m in analysis.mentions(u) if m.type in ("organization", "place") and m.entity])
        for a, b in itertools.pairwise(ms):
            gap = t[a.end : b.start]
            while (nxt := next((x for x in ms if x.start == b.end and x.type == "place"), None)) is not None:
                b = nxt  # 对口帮扶梅州市大埔县大麻镇: the last of the chain
            if b.type != "place" or b.level not in ("city", "county", "district", "town", "village"):
                continue
            if _in_helping_city(b.ent):
                continue
            # 天河区—英德市黄花镇、石牯塘镇组团帮扶…: the dash's right side may be a list of one level
            dashed = [b]
            for x in ms:
                if x.start >= dashed[-1].end and x.type == "place" and x.level == b.level and x is not b:
                    if not re.fullmatch(r"(?:、|和|及)", t[dashed[-1].end : x.start]):
                        break
                    dashed.append(x)
            q = u.quote(
                a.start,
                dashed[-1].end + (m2.end() if (m2 := _PAIR_AFTER_DASH.match(t[dashed[-1].end :])) else 0),
            )
            if _DASH.fullmatch(gap):
                if a.type != "place" or not _in_helping_city(a.ent):
                    continue
                if u.kind in ("heading", "title", "crumb") or m2:
                    said = m2.group() if m2 else ""
                    basis = "对口帮扶" if "对口" in said else "组团帮扶" if "组团" in said else "结对帮扶"
                    for h in dashed if m2 else [b]:
                        out.append(Rel("pairs_with", a.ent, h.ent, "pair-dash", 0.7, [q], {"basis": basis}))
            elif (hm := _PLAIN_HELP.fullmatch(gap)) and (
                (a.type == "place" and _in_helping_city(a.ent))
                or (a.type == "organization" and a.ent.kind not in ("work_team", "enterprise_group", "media"))
            ):
                if a.rule == "place-abbreviation" and b.rule == "place-abbreviation":
                    rule = "pair-abbreviation"
                else:
                    rule = "pair-help"
                helped = [b]  # 天河区帮扶连江口镇和黄花镇: each of a list of places of one level
                for x in ms:
                    if x.start > helped[-1].end and x.type == "place" and x.level == b.level:
                        if not re.fullmatch(r"(?:、|和|及|以及)", t[helped[-1].end : x.start]):
                            break
                        helped.append(x)
                for h in helped:
                    q = u.quote(a.start, h.end)
                    out.append(Rel("pairs_with", a.ent, h.ent, rule, 0.7, [q], {"basis": hm.group()}))
            elif (
                a.rule == "place-abbreviation"
                and b.rule == "place-abbreviation"
                and gap == ""
                and m2
                and ("帮扶" in m2.group() or "结对" in m2.group())
            ):
                basis = m2.group().lstrip()
                out.append(Rel("pairs_with", a.ent, b.ent, "pair-abbreviation", 0.7, [q], {"basis": basis}))
    return out


#: 海珠—洋青村企结对 (a heading): a helping district's short form dashed with a town's name without 镇
_SHORT_DASH = re.compile(
    r"(?:—{1,2}|–|-)(?P<b>[\u4e00-\u9fff]{2,3}?)(?=村企|镇村|镇企|结对|帮扶|对口|携手|共建|[^\u4e00-\u9fff]|$)"
)


def heading_short_pairings(analysis: Analysis) -> list[Rel]:
    """``pair-dash``: a heading's 海珠—洋青村企结对, the helping district by its short form (海珠 → 海珠区)
    and the helped town by its name without 镇, when the article names that town."""
    out: list[Rel] = []
    for u in analysis.article.units:
        if u.kind not in ("heading", "title", "crumb"):
            continue
        t = u.text
        for m in _SHORT_DASH.finditer(t):
            a = next(
                (t[m.start() - n : m.start()] for n in (3, 2) if t[m.start() - n : m.start()] in L.GAZ_FORMS),
                "",
            )
            helper = analysis.groups.get(("place", L.GAZ_FORMS[a])) if a else None
            town = analysis.groups.get(("place", m["b"] + "镇"))
            if helper is None or town is None or town.level != "town" or not _in_helping_city(helper):
                continue
            q = u.quote(m.start() - len(a), m.end())
            out.append(Rel("pairs_with", helper, town, "pair-dash", 0.7, [q], {"basis": "结对帮扶"}))
        # （二）街镇结对：粤海街道—公平镇: a heading that says 结对 and names the pair after the colon
        if (hm := _PAIR_HEADING.search(t)) is not None:
            ms = _top_level([x for x in analysis.mentions(u) if x.start >= hm.end() and x.entity is not None])
            if len(ms) == 2 and _DASH.fullmatch(t[ms[0].end : ms[1].start].strip()):
                a_m, b_m = ms
                if b_m.type == "place" and b_m.level in ("town", "village", "county", "district"):
                    q = u.quote(a_m.start, b_m.end)
                    out.append(Rel("pairs_with", a_m.ent, b_m.ent, "pair-dash", 0.7, [q], {"basis": "结对"}))
    return out


_PAIR_HEADING = re.compile(r"(?:结对|对口帮扶|组团帮扶|结对帮扶)\s*:\s*")


_TABLE_DONOR = re.compile(r"捐赠单位|捐赠方|捐赠人|捐助单位|捐赠企业")
_TABLE_RECIPIENT = re.compile(r"受赠单位|受赠方|受捐单位|接收单位|受赠对象|受益单位")
_TABLE_AMOUNT = re.compile(r"金额|价值|折合")


def table_donations(analysis: Analysis) -> list[Rel]:
    """``donate-table``: a table of gifts (序号 捐赠单位 受赠单位 捐赠内容 金额（万元）), one gift a row; the
    amount's unit is the header's (万元 or 元); rows end at the first line that is not one (合计)."""
    out: list[Rel] = []
    units = analysis.article.units
    for i, head in enumerate(units):
        cols = head.text.split()
        try:
            di = next(k for k, c in enumerate(cols) if _TABLE_DONOR.search(c))
            ri = next(k for k, c in enumerate(cols) if _TABLE_RECIPIENT.search(c))
            ai = next(k for k, c in enumerate(cols) if _TABLE_AMOUNT.search(c))
        except StopIteration:
            continue
        scale = 10_000 if "万" in cols[ai] else 1
        what = next((k for k, c in enumerate(cols) if re.search(r"内容|物资|项目|形式", c)), None)
        for row in units[i + 1 :]:
            cells = list(re.finditer(r"\S+", row.text))
            if len(cells) != len(cols) or not re.fullmatch(r"\d+(?:\.\d+)?", cells[ai].group()):
                break
            donor = _cell_entity(analysis, row, cells[di])
            recipient = _cell_entity(analysis, row, cells[ri])
            if donor is None or recipient is None or donor is recipient:
                continue
            value = float(cells[ai].group()) * scale
            props: dict[str, Any] = {"amount_scope": "gift", "form": "money"}
            if what is not None and cells[what].group() not in ("资金", "现金", "善款"):
                props.update(form="goods", goods=cells[what].group())
            props["amount"] = {
                "value": int(value) if value.is_integer() else round(value, 2),
                "qualifier": "exact",
                "text": f"{cells[ai].group()}{'万元' if scale > 1 else '元'}",
            }
            q = row.quote(0, len(row.text))
            out.append(Rel("donates_to", donor, recipient, "donate-table", 0.8, [q], props))
    return out


_TABLE_HELPER = re.compile(r"企业名称|结对企业|帮扶企业|帮扶单位|结对单位|单位名称|企业")
_TABLE_HELPED = re.compile(r"结对村|结对对象|帮扶对象|受帮扶村|结对社区|结对村\(社区\)")
_TABLE_SIGNED = re.compile(r"签约|协议")
_TABLE_GIFT = re.compile(r"捐赠|捐资|捐款|帮扶资金")


def table_pairings(analysis: Analysis) -> list[Rel]:
    """``pair-table``: a table of pairings (序号 企业名称 结对村 签约时间 捐赠（万元）), one pairing a row;
    a 签约 column says each pair signed; a gift column in 万元 or 元 gives a gift a row where it holds a
    number (— is none); rows end at the first line that is not one (合计)."""
    out: list[Rel] = []
    units = analysis.article.units
    for i, head in enumerate(units):
        cols = head.text.split()
        hi = next((k for k, c in enumerate(cols) if _TABLE_HELPED.search(c)), None)
        ei = next((k for k, c in enumerate(cols) if _TABLE_HELPER.search(c) and k != hi), None)
        if hi is None or ei is None:
            continue
        signed = any(_TABLE_SIGNED.search(c) for c in cols)
        gi = next((k for k, c in enumerate(cols) if _TABLE_GIFT.search(c) and "元" in c), None)
        for row in units[i + 1 :]:
            cells = list(re.finditer(r"\S+", row.text))
            if len(cells) != len(cols):
                break
            helper = _cell_entity(analysis, row, cells[ei])
            helped = _cell_entity(analysis, row, cells[hi])
            if helper is None or helped is None or helper is helped:
                continue
            q = row.quote(0, len(row.text))
            out.append(Rel("pairs_with", helper, helped, "pair-table", 0.75, [q], {"basis": "结对"}))
            if signed:
                out.append(
                    Rel("signs_agreement", helper, helped, "sign-table", 0.75, [q], {"agreement": "结对协议"})
                )
            if gi is not None and re.fullmatch(r"\d+(?:\.\d+)?", cells[gi].group()):
                scale = 10_000 if "万" in cols[gi] else 1
                value = float(cells[gi].group()) * scale
                props: dict[str, Any] = {
                    "form": "money",
                    "amount": {
                        "value": int(value) if value.is_integer() else round(value, 2),
                        "qualifier": "exact",
                        "text": f"{cells[gi].group()}{'万元' if scale > 1 else '元'}",
                    },
                    "amount_scope": "gift",
                }
                out.append(Rel("donates_to", helper, helped, "donate-table", 0.75, [q], props))
    return out


#: 其余现场签约的企业与村如下：, then one pair a line: 广州某公司——某村
_LISTED_INTRO = re.compile(r"(?:结对|签约|签订|签署|帮扶)[^。]{0,30}如下[:：]?$")


def listed_pairings(analysis: Analysis) -> list[Rel]:
    """``pair-listed``: pairs written one a line after an introduction that ends 如下： and says 结对 or
    签约 (广州某公司——某村): each line a pairing, and a signing too when the introduction says 签约/签订."""
    out: list[Rel] = []
    units = analysis.article.units
    for i, intro in enumerate(units):
        if not _LISTED_INTRO.search(intro.text.strip()):
            continue
        signed = bool(re.search(r"签约|签订|签署", intro.text))
        for row in units[i + 1 :]:
            ms = _top_level(
                [m for m in analysis.mentions(row) if m.type in ("organization", "place") and m.entity]
            )
            if len(ms) < 2:
                break
            a, b = ms[0], _chain_end(Sentence(row, 0, len(row.text), ms), ms[1])
            if a.start > 1 or not _DASH.fullmatch(row.text[a.end : ms[1].start].strip()):
                break
            if re.sub(r"[\s;。]", "", row.text[b.end :]):  # the line holds the pair and nothing else
                break
            if a.type == "place" and b.type == "organization":
                a, b = b, a
            q = row.quote(0, len(row.text))
            out.append(Rel("pairs_with", a.ent, b.ent, "pair-listed", 0.7, [q], {"basis": "结对"}))
            if signed:
                out.append(
                    Rel("signs_agreement", a.ent, b.ent, "sign-listed", 0.7, [q], {"agreement": "结对协议"})
                )
    return out


def _cell_entity(analysis: Analysis, row: Unit, cell: re.Match) -> Entity | None:
    """The entity a table cell names: the mention that ends where the cell ends (金湾区三灶镇: 三灶镇)."""
    ms = [m for m in analysis.mentions(row) if cell.start() <= m.start and m.end == cell.end() and m.entity]
    ms = [m for m in ms if m.type in ("organization", "place")]
    return ms[0].ent if ms else None


def stationed_teams(analysis: Analysis) -> list[Rel]:
    """A work team 驻 a place pairs with that place (驻镇帮扶): the team's own name states it."""
    out = []
    for ent in analysis.entities:
        if ent.kind != "work_team":
            continue
        stationed = [
            (m, places[-1])
            for m in ent.mentions
            if "驻" in m.text
            and m.rule == "org-suffix"
            and (places := split_place_prefix(m.text[m.text.rindex("驻") + 1 :])[0])
        ]  # the mention that names the place (驻松口镇工作队, not 驻镇工作队)
        if not stationed:
            continue
        m, target_name = stationed[0]
        target = (
            next((e for e in analysis.entities if e.type == "place" and target_name in e.names), None)
            if target_name
            else None
        )
        if target is None:
            continue
        ent.parent = target
        if not ent.name.endswith("队") or target.level not in ("town", "village", "community"):
            out.append(
                Rel("located_in", ent, target, "located-stationed", 0.8, [m.quote()], {"role": "驻点"})
            )
            continue
        basis = "帮镇扶村" if "帮镇扶村" in m.text or "帮扶镇扶村" in m.text else "驻镇帮扶"
        out.append(Rel("pairs_with", ent, target, "pair-stationed", 0.8, [m.quote()], {"basis": basis}))
        out.append(
            Rel("located_in", ent, target, "located-stationed", 0.8, [m.quote()], {"role": "驻镇帮扶"})
        )
    return out


# ------------------------------------------------------------------ donations
_DONATE = re.compile(
    r"(?P<verb>捐赠|捐资|捐款|捐助|捐献|捐建|捐出|捐物|赠送|送上|送去|送来|资助|出资|援助|募捐|投入|捐)"
)
_GOODS_WORDS = re.compile(
    r"物资|物品|用品|设备|图书|书籍|衣物|电脑|大米|食用油|慰问品|礼包|文具|校服|药品|口罩|器材|保温杯|雨伞|书包|被子|棉被"
)
_CUMULATIVE = re.compile(r"累计|全年|截至|截止|以来|共筹|总计|至今|历年|多年来|已累计")
_PURPOSE = re.compile(r"(?:助力|支持|用于|帮助|资助|为|给|予|在(?=[^,。;]{2,24}?(?:设立|设置|建立|成立)))")
#: People after a place or body (叶塘镇86户困难群众, 七拱镇的留守儿童): private recipients, no fact.
_PRIVATE_AFTER = re.compile(
    r"的?(?:(?:\d+|[一二三四五六七八九十百千两]+)(?:户|名|位|个家庭|人)"
    r"|困难群众|困难户|困难家庭|脱贫户|低保户|五保户|留守儿童|孤寡老人|困难学生|学生|老人|村民|群众|患者|儿童)"
)
_PASSIVE = re.compile(r"(?:收到|获得|接受|接收|获赠|喜获)(?!.*(?:收到|获得|接受|接收|获赠|喜获))")
_PERIOD = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)年(?:多)?来|以来")
_PLANNED_FUNDS = re.compile(r"将|拟|计划|预计|准备|争取|力争")
#: A gift told as planned; 将 before what is given (将价值5万元的物资捐赠给…) marks the object, not the future.
_PLANNED_GIFT = re.compile(
    r"拟|计划|准备|预计|争取|力争|有望|打算|即将|将要|将(?![\d一二三四五六七八九十两价物资善款爱心])"
)


def _public_funds(donors: list[Mention], money: list[Money], before: str) -> bool:
    """投入 is a gift only of public bodies' money, stated as done (白云区共向东陂镇投入帮扶资金6850万元): not
    an enterprise's investment (投入300万元建设加工厂), nor money planned (计划投入)."""
    if not money or _PLANNED_FUNDS.search(before):
        return False
    return all(
        d.type == "place"
        or (d.entity is not None and d.ent.kind in ("government_body", "party_organisation", "association"))
        for d in donors
    )


def donations(s: Sentence, analysis: Analysis) -> list[Rel]:
    out: list[Rel] = []
    t = s.unit.text
    seen_verbs: list[int] = []
    for m in _DONATE.finditer(t, s.start, s.end):
        if seen_verbs and m.start() - seen_verbs[-1] < 3:
            continue  # 捐资捐物 / 捐款捐物: one act
        if t[m.start() - 2 : m.start()] in ("消费",) or t[m.end() : m.end() + 1] in ("者",):
            continue
        seen_verbs.append(m.end())
        clause_end = _clause_end(s, m.end())
        clause_start = _clause_start(s, m.start())
        money = list(find_money(t[m.end() : clause_end]))
        money = [
            Money(x.value, x.qualifier, x.text, x.start + m.end(), x.end + m.end(), x.valued) for x in money
        ]
        valued = None
        if not money and (
            each := re.match(r"[,;]\s*(?:总)?(?:价值|折合)(分别)?", t[clause_end : clause_end + 8])
        ):
            # 捐赠一批医疗设备，价值12.6万元 / 捐赠医用耗材一批，折合人民币4.2万元: the value in the clause after;
            # 价值分别为8万元和2万元: one value for each recipient, in order
            nxt_end = _clause_end(s, clause_end + 1)
            found = [
                Money(x.value, x.qualifier, x.text, x.start + clause_end, x.end + clause_end, True)
                for x in find_money(t[clause_end:nxt_end])
            ]
            money = (found if each.group(1) else [x for x in found if x.start - clause_end <= 8])[
                : None if each.group(1) else 1
            ]
            clause_end = nxt_end if money else clause_end
        if not money:
            pre = list(find_money(t[clause_start : m.start()]))
            if pre and "价值" in t[clause_start : m.start()]:
                money = [
                    Money(x.value, x.qualifier, x.text, x.start + clause_start, x.end + clause_start, True)
                    for x in pre
                ]
        if money and (
            t[max(0, money[0].start - 3) : money[0].start].endswith(("价值", "价值达"))
            or money[0].text.startswith("价值")
        ):
            valued = True
        # donors and recipients
        recipient: Mention | None = None
        pre_text = t[clause_start : m.start()]
        rm = re.search(r"(?:向|为|给)(?!.*(?:向|为|给))", pre_text)
        donors_region_end = m.start()
        listed: list[Mention] = []
        in_passing = None  # 分别向结对的莲塘村、太保村捐赠: the gift states the pairing too
        known_pairs: list[tuple[Mention, Mention]] = []  # 并分别向结对村捐赠: the pairs the sentence stated
        if rm:
            at = clause_start + rm.end()
            if in_passing := _PAIRED_BEFORE_LIST.match(t, at):
                at = in_passing.end()
            listed = [x for x in _list_at(s, at, PLACE_LEVELS) if x.end <= m.start()]
            if not listed and _PAIRED_NOUN.match(t, at):
                known_pairs = _pairs_stated_before(s, clause_start, analysis)
            if not listed and re.match(r"(?:他们|她们|他|她|其|该校|学校)", t[at:]):
                listed = _antecedent(s, analysis)
            if not listed and re.match(
                r"(?:老人|学生|孩子|小朋友|群众|村民|患者|困难群众|师生|留守儿童)", t[at:]
            ):
                # 在太保镇敬老院，花城街道为老人们送上…: the institution they live in receives it
                place = re.search(r"在([^,。]{2,20}?)(?:,|,|里|内)", s.text)
                if place:
                    a = s.start + place.start(1)
                    inst = [x for x in s.mentions if x.start == a and x.type == "organization"]
                    listed = inst[:1]
            if listed and _PRIVATE_AFTER.match(t, listed[-1].end):
                continue  # 为叶塘镇86户困难群众每户送去慰问金: the people of the place receive it, not the place
            if listed:
                recipient = listed[0]
                donors_region_end = clause_start + rm.start()
        pm = None if rm else _PASSIVE.search(pre_text)
        if pm:
            # 石坑村收到广州某公司捐赠的5万元: the receiver is named before 收到
            got = _top_level(s.within(clause_start, clause_start + pm.start(), ("organization", "place")))
            listed = [_chain_end(s, got[-1])] if got else []
        if (
            not rm
            and not known_pairs
            and re.fullmatch(
                r"(?:并|并且|同时|还|随后|当场|现场|并现场|并当场)+", t[clause_start : m.start()].strip()
            )
        ):
            # 某公司与联山村签订结对帮扶协议书，并现场捐赠帮扶资金5万元: the gift goes to the partner just named
            stated = _pairs_stated_before(s, clause_start, analysis, agreements_too=True)
            known_pairs = stated if len({(id(a.entity), id(b.entity)) for a, b in stated}) == 1 else []
            known_pairs = known_pairs[:1]
        donors = _donors(s, donors_region_end)
        bare = not donors and bool(donors := _bare_donor(s, clause_start, donors_region_end, analysis))
        if known_pairs:
            donors, listed = [a for a, _ in known_pairs], [b for _, b in known_pairs]
        if not rm and pm:  # the giver is named after 收到 (代表镇政府接收捐赠 names none)
            donors = [d for d in donors if d.start >= clause_start + pm.end()]
        donors = _expand_groups(s, donors, analysis)
        parts = _breakdown(s, clause_end) if money else []
        # 天河区累计向两镇投入…1.2亿元，其中黄花镇6800万元、石牯塘镇5200万元: the shares name who received
        by_recipient = bool(
            parts
            and donors
            and not listed
            and all(p.type == "place" and p.level in ("town", "village", "community") for p, _ in parts)
            and all(d.type != "place" or d.level not in ("town", "village", "community") for d in donors)
        )
        if by_recipient:
            listed = [p for p, _ in parts]
        elif (
            parts
        ):  # …共计捐赠86.5万元，其中三灶镇40万元、珠海金航…30万元: each named share is a gift of its own
            donors = [d for d, _ in parts]
        if not donors:
            continue
        recipients = listed or ([recipient] if recipient else [])
        if not recipients and m["verb"] == "投入":
            # 南山区投入公平镇帮扶资金2860万元: the place right after 投入 receives the funds
            direct = [x for x in s.mentions if x.start == m.end() and x.type == "place"]
            if direct and _FUNDS_AFTER.match(t, _chain_end(s, direct[0]).end):
                recipients = [_chain_end(s, direct[0])]
        if not recipients and money and (built := _BUILT_FOR.match(t, money[-1].end)):
            # 由蛇口街道出资380万元援建的公平镇敬老院综合楼: the body it was built for receives it
            after = _top_level(s.within(built.end(), s.end, ("organization", "place")))
            if after and after[0].start == built.end():
                recipients = [_chain_end(s, after[0])]
        if not recipients:
            recipients = _recipients_after(s, m.end())
        cumulative = (
            bool(money)
            and (
                bool(_CUMULATIVE.search(t[clause_start : money[0].start]))
                or t[: money[0].start].endswith(("达", "已达", "价值达"))
                or (  # 三年来，白云区共向东陂镇投入: a period and 共 before the amount
                    bool(_PERIOD.search(t[s.start : clause_start]))
                    and "共" in t[clause_start : money[0].start]
                )
            )
        )
        implicit = False
        received = re.search(
            r"(?:接收|收到|获得|接受)[^,。;]{0,8}(?:捐赠|捐款|捐助)[^。]*?其中", t[s.start : clause_start]
        )
        if not recipients and (cumulative or received) and (town := _article_town(analysis, s)) is not None:
            # 全年共接收社会捐赠…456.8万元，其中：南山区慈善会捐赠资金200万元: the article's town received them
            # 截至目前，…“红友圈”，筹资捐款捐物价值达140余万元: a running total of the article's one town
            recipients, implicit = [town.mentions[0]], True
        if not recipients:
            continue
        if m["verb"] == "投入" and not _public_funds(donors, money, pre_text):
            continue
        if _PLANNED_GIFT.search(t[clause_start : m.start()]):
            continue  # 将向连江口镇捐赠, 计划捐资, 拟捐资: money for later is no gift
        text_around = t[clause_start:clause_end]
        respectively = "分别" in t[max(s.start, clause_start) : m.start() + 1]
        joint = (
            bool(re.search(r"共(?:同)?(?:捐赠|捐资|捐款|出资|筹集)|合计|共计", text_around))
            and len(donors) > 1
        )
        goods = None
        gm = _GOODS_WORDS.search(text_around) if not money or valued else None
        if gm or valued:
            goods = _goods_text(t, m.end(), clause_end, money)
        form = "money"
        if re.search(r"捐物|资金(?:和|及|与)物资|款物|钱物", text_around):
            form = "money_and_goods"
        elif valued or (goods and not money):
            form = "goods"
        date = _date_near(s, m.start(), analysis)
        pairs: list[tuple[Mention, Mention]] = []
        amounts: dict[int, Money] = {}
        if by_recipient:
            pairs = [(donors[0], r) for r in recipients]
            amounts = {i: x for i, (_, x) in enumerate(parts)}
        elif parts:
            pairs = [(d, recipients[0]) for d in donors]
            amounts = {i: x for i, (_, x) in enumerate(parts)}
        elif known_pairs:
            pairs = known_pairs
        elif respectively and len(recipients) > 1 and len(donors) == 1:
            pairs = [(donors[0], r) for r in recipients]
        elif respectively and len(donors) == len(recipients):
            pairs = list(zip(donors, recipients, strict=True))
        else:
            # A、B共捐赠80万元，支持甲村、乙村: one gift (one gift_key) to each recipient named
            pairs = [(d, r) for d in donors for r in (recipients if joint else recipients[:1])]
        if respectively and len(money) >= len(pairs) > 1 and _listed_amounts(t, money[: len(pairs)]):
            amounts = {i: money[i] for i in range(len(pairs))}  # 分别捐赠10万元、8万元和5万元
        elif (
            respectively
            and len(pairs) > 1
            and money
            and len(money) == 1
            and re.search(
                r"(?:共计|合计|总计|共|总价值|总额)$", t[max(0, money[0].start - 4) : money[0].start]
            )
            and not parts
        ):
            money = []  # 分别为A、B捐赠学习用品一批，价值共计2.4万元: the total is no one's share
            if _GOODS_WORDS.search(text_around):
                form, goods = (
                    "goods",
                    re.split(r"[,;]", goods or _goods_text(t, m.end(), clause_end, []) or "")[0],
                )
        gift_key = None
        if joint:
            gift_key = f"gift-{s.start}-{m.start()}"
        for n, (d, r) in enumerate(pairs):
            if d.entity is None or r.entity is None or d.entity is r.entity:
                continue
            props: dict = {"form": form}
            if money:
                props["amount"] = amounts.get(n, money[0]).as_property()
                props["amount_scope"] = "cumulative" if cumulative else "joint" if joint else "gift"
            if gift_key:
                props["gift_key"] = gift_key
            if goods:
                props["goods"] = goods
            if date and not cumulative:
                props["date"] = date
            if cumulative and (since := re.search(r"((?:19|20)\d{2})年以来", t[s.start : s.end])):
                props["since"] = {"value": since.group(1)}
            here = [
                x for x in (d, r) if x.unit is s.unit and not (bare and x is d) and not (implicit and x is r)
            ]
            # 三家企业: the companies were named earlier; 该公司还向…: the clause, and where it was named
            lo = min([x.start for x in here] + [clause_start if bare else m.start()])
            if implicit and received:
                lo = min(lo, s.start + received.start())  # 全年共计接收社会捐赠…，其中：A捐赠…
            hi = max([x.end for x in here] + [money[0].end if money else m.end()])
            conf = 0.6 if implicit else 0.85 if money else 0.7
            if in_passing and listed:
                out.append(
                    Rel("pairs_with", d.ent, r.ent, "pair-passing", 0.7, [s.quote(lo, hi)], {"basis": "结对"})
                )
            out.append(
                Rel(
                    "donates_to",
                    d.ent,
                    r.ent,
                    "donate-"
                    + (
                        "breakdown"
                        if parts
                        else "respectively"
                        if respectively
                        else "joint"
                        if joint
                        else "cumulative"
                        if cumulative
                        else "gift"
                    ),
                    conf,
                    [s.quote(lo, hi), *([d.quote()] if bare else [])],
                    props,
                )
            )
    return out


#: 向结对的莲塘村 / 向其帮扶的 / 向所结对的: the recipients are the giver's partners, named after this
_PAIRED_BEFORE_LIST = re.compile(r"(?:其|各自|所)?(?:所)?(?:结对|结对帮扶|对口帮扶|挂钩帮扶)的")
#: 向结对村 / 向各自结对的村: the partners the sentence named before, not named again
_PAIRED_NOUN = re.compile(r"(?:其|各自|所)?(?:所)?结对(?:的)?(?:村|村庄|行政村|社区|学校)(?:捐|赠|送|资)")


def _pairs_stated_before(
    s: Sentence, before: int, analysis: Analysis, agreements_too: bool = False
) -> list[tuple[Mention, Mention]]:
    """A、B分别与甲村、乙村结对，并分别向结对村捐赠…: the (helper, helped) pairs stated before ``before``
    (with ``agreements_too``, also those a pairing agreement states: 某公司与联山村签订结对帮扶协议书)."""
    head = Sentence(s.unit, s.start, before - 1, [m for m in s.mentions if m.end <= before - 1])
    found = [r for r in pairings(head, analysis) if r.rule in ("pair-verb", "pair-with")]
    if agreements_too:
        found += [r for r in agreements(head, analysis) if r.rule == "pair-agreement"]
    by_ent: dict[int, Mention] = {}
    for m in head.mentions:
        if m.entity is not None:
            by_ent.setdefault(id(m.entity), m)
    return [
        (by_ent[id(r.source)], by_ent[id(r.target)])
        for r in found
        if id(r.source) in by_ent and id(r.target) in by_ent
    ]


def _breakdown(s: Sentence, clause_end: int) -> list[tuple[Mention, Money]]:
    """其中三灶镇40万元、珠海金航船舶物资有限公司30万元: (giver, amount) of each share named after a total."""
    t = s.unit.text
    head = re.match(r"[,;:]\s*其中\s*[:,]?\s*", t[clause_end : s.end])
    if not head:
        return []
    pos = clause_end + head.end()
    out: list[tuple[Mention, Money]] = []
    while True:
        who = [m for m in _top_level(s.within(pos, s.end, ("organization", "place"))) if m.start == pos]
        if not who:
            break
        money = find_money(t[who[0].end : who[0].end + 14])
        if not money or money[0].start > 2:
            break
        x = money[0]
        out.append(
            (who[0], Money(x.value, x.qualifier, x.text, x.start + who[0].end, x.end + who[0].end, False))
        )
        pos = who[0].end + x.end
        sep = re.match(r"[、,;]|和|及", t[pos : pos + 1])
        if not sep:
            break
        pos += 1
    return out if len(out) >= 2 else []


def _article_town(analysis: Analysis, s: Sentence | None = None) -> Entity | None:
    """The town a sentence is about: of the work team it names, else the article's one work team's, else
    the town most of the article's mentions name."""
    for m in s.mentions if s is not None else []:
        if (
            m.entity is not None
            and m.ent.kind == "work_team"
            and getattr(m.ent.parent, "level", "") == "town"
        ):
            return m.ent.parent
    teams = {e.parent for e in analysis.entities if e.kind == "work_team" and e.parent is not None}
    teams = {p for p in teams if p.level == "town"}
    if len(teams) == 1:
        return teams.pop()
    only = analysis.context.only("town")
    return analysis.groups.get(("place", only)) if only else None


def _antecedent(s: Sentence, analysis: Analysis) -> list[Mention]:
    """他们/该校: the first organisation named by the sentence before this one in the paragraph."""
    prev = [m for m in analysis.mentions(s.unit) if m.end <= s.start and m.type == "organization"]
    if not prev:
        return []
    start = max(i for i in (s.unit.text.rfind(c, 0, prev[-1].start) for c in "。!?;")) + 1
    in_prev = [m for m in prev if m.start >= start and m.entity and m.ent.kind != "enterprise_group"]
    return in_prev[:1]


PLACE_LEVELS = ("province", "city", "district", "county", "town", "village", "community", "site")


def _listed_amounts(t: str, money: list[Money]) -> bool:
    """Are these amounts one list (10万元、8万元和5万元), not a gift and a total?"""
    return all(re.fullmatch(r"(?:、|和|及|,)", t[a.end : b.start]) for a, b in itertools.pairwise(money))


def _expand_groups(s: Sentence, donors: list[Mention], analysis: Analysis) -> list[Mention]:
    """三家企业 after a list of three companies (this sentence or the one before): those companies."""
    from graph.intake.numbers import to_number

    if len(donors) != 1 or donors[0].entity is None or donors[0].ent.kind != "enterprise_group":
        return donors
    g = re.match(r"(\d+|[一二三四五六七八九十两]+)(?:家|个)", donors[0].text)
    size = int(to_number(g.group(1)) or 0) if g else 0
    if size < 2:
        return donors
    before = [m for m in analysis.mentions(s.unit) if m.end <= donors[0].start and m.type == "organization"]
    run = _org_list_before(s, _top_level(before), donors[0].start, size)
    if (
        len(run) != size
    ):  # the list may be in the paragraph before (…三家企业走进三排镇。签约现场，三家企业共捐赠)
        units = analysis.article.units
        i = units.index(s.unit)
        for u in reversed(units[max(0, i - 2) : i]):
            ms = _top_level([m for m in analysis.mentions(u) if m.type == "organization"])
            prev = Sentence(u, 0, len(u.text), ms)
            run = _org_list_before(prev, ms, len(u.text), size)
            if len(run) == size:
                break
    return run if len(run) == size else donors


def _clause_end(s: Sentence, i: int) -> int:
    t = s.unit.text
    for j in range(i, s.end):
        if t[j] in ",;。!?":
            return j
    return s.end


def _clause_start(s: Sentence, i: int) -> int:
    t = s.unit.text
    for j in range(i - 1, s.start - 1, -1):
        if t[j] in ",;。!?:":
            return j + 1
    return s.start


_SPEECH = re.compile(r"^(?:表示|说|介绍|指出|强调|认为|告诉|称|谈到|分享)")
_ORGANISE = re.compile(r"(?:发动|动员|号召|组织|引导|倡议|带动)(?:[^,]{0,8})$")


def _donors(s: Sentence, end: int) -> list[Mention]:
    """The giving side: the organisations (or public people) listed last before ``end``, in the verb's
    clause or, when that clause names none, in the clauses before it (not past a speaker: 张丽表示,)."""
    t = s.unit.text
    verb_at = end
    cs = _clause_start(s, end)
    own = [
        m
        for m in s.mentions
        if cs <= m.start and m.end <= end and m.type == "person" and _OWN_NAME.match(t, m.end) and m.entity
    ]
    if own and not own[-1].private:  # 商会会长罗振兴以个人名义向…捐赠: the person gives, not the chamber
        return [own[-1]]
    cands: list[Mention] = []
    while True:
        here = _top_level(
            [
                m
                for m in s.mentions
                if cs <= m.start and m.end <= end and m.type in ("organization", "person", "place")
            ]
        )
        here = [
            m for m in here if not (m.type == "person" and (m.private or m.entity is None or m.ent.private))
        ]
        speaker = [m for m in here if _SPEECH.match(t[m.end : m.end + 3])]
        if speaker and cs < _clause_start(s, verb_at):
            return []  # 主任张丽表示, …: what follows is what she says, not who gives
        here = [
            m
            for m in here
            if m not in speaker and (m.type != "place" or _place_gives(s, m, cs)) and not _collective_of(s, m)
        ]
        # 通过区慈善会向…捐赠: the intermediary is not the donor
        here = [m for m in here if not t[max(0, m.start - 2) : m.start].endswith(("通过", "经由", "委托"))]
        if here and cs < _clause_start(s, verb_at):
            # the gift is told after the giver's clause: not a place it went to (…一行到东陂镇卫生院调研，
            # 并向卫生院捐赠), and the organisation rather than the person who led the visit
            here = [m for m in here if not re.search(r"(?:到|来到|赴|前往|走进|走访|在)$", t[cs : m.start])]
            # 卫健局组织区人民医院专家到卫生院义诊…并向卫生院捐赠: who is organised or led does not give
            here = [m for m in here if not re.search(r"(?:组织|带领|率领|邀请|联合|陪同)$", t[cs : m.start])]
            behalf = [m for m in here if m.type == "person" and _ON_BEHALF.match(t, m.end)]
            if behalf:  # 某公司党委书记某某代表公司，通过…向…捐赠: the company gives
                body = _body_of_person(s, behalf[-1])
                return [body] if body is not None else []
            orgs = [
                m for m in here if m.type == "organization" and m.entity and m.ent.kind != "enterprise_group"
            ]
            if here:
                cands = [(orgs or here)[-1]]
                break
        if here:
            cands = here
            break
        if speaker or cs <= s.start:
            return []
        end = cs - 1
        cs = _clause_start(s, end)
        if _DONATE.search(t, cs, end):
            return []  # that clause tells its own gift
    if _ORGANISE.search(t[cands[-1].end : end]) and not (
        cands[-1].entity and cands[-1].ent.kind == "enterprise_group"
    ):
        return []  # 花城街道积极发动辖区企业捐资: the giver is not named
    if not cands:
        return []
    # the nearest list (、 和 及 与) before end, skipping modifiers
    chain = [cands[-1]]
    for m in reversed(cands[:-1]):
        gap = t[m.end : chain[0].start]
        if re.fullmatch(r"(?:、|和|及|以及|与|,)?", gap):
            chain.insert(0, m)
        else:
            break
    # a donor group led by someone (由X牵头的19家企业, 牵头组织17家爱心企业): the group gives
    last = chain[-1]
    if last.entity and last.ent.kind == "enterprise_group":
        return [last]
    # 袁辉明与企业代表为他们送上…: a person handing over with others' representatives gives for them
    if last.type == "person" and _HANDED_WITH.match(t, last.end):
        return []
    # 董事长黄锦辉代表公司向根子镇捐赠: the company gives; the person only hands over
    if last.type == "person" and _ON_BEHALF.match(t, last.end):
        body = _body_of_person(s, last)
        return [body] if body is not None else []
    if last.type == "person":
        # 白云区委常委、常务副区长李志明带队…，向东陂镇捐赠: an official gives for the body of the post (only
        # 以个人名义 / 个人捐资 makes the person the giver, above)
        body = _body_of_person(s, last, places=True)
        return [body] if body is not None else []
    return chain


#: 该公司还向…捐赠, 当天，医院还向…捐赠: a body named before by the kind it is
_BARE_GIVER = re.compile(
    r"(?:该|这家|这所|此)?(?P<kind>公司|集团|企业|医院|商会|协会|学校)(?:还|也|又|再|同时|随后|当场|现场)*(?:向|为|给)"
)


def _bare_donor(s: Sentence, cs: int, end: int, analysis: Analysis) -> list[Mention]:
    """The giver a clause names by its kind only (该公司还向上坪村捐赠): the last such body the paragraph
    named before, when the clause names no other."""
    t = s.unit.text
    m = _BARE_GIVER.match(t, cs)
    if m is None or m.end() > end + 1:
        return []
    kind = m["kind"]
    before = [
        x
        for x in analysis.mentions(s.unit)
        if x.end <= cs
        and x.type == "organization"
        and x.entity is not None
        and (x.ent.kind == "enterprise" if kind in ("公司", "集团", "企业") else x.ent.name.endswith(kind))
    ]
    return before[-1:]


_BUILT_FOR = re.compile(r"(?:援建|捐建|修建|兴建|建设|建成|改建|新建)的")
_FUNDS_AFTER = re.compile(r"(?:的)?(?:对口)?(?:帮扶|扶持|财政|援建|建设)?(?:专项)?资金")
_OWN_NAME = re.compile(r"(?:以|用)(?:其)?个人(?:名义|身份)|个人")
_ON_BEHALF = re.compile(r"代表(?:公司|集团|企业|单位|本单位|该公司|商会|协会|医院|学校)")


def _body_of_person(s: Sentence, p: Mention, places: bool = False) -> Mention | None:
    """The organisation (or, with ``places``, the district, county or town) whose post is written before
    the person (珠海鲜达冷链物流有限公司董事长黄锦辉, 白云区委常委、常务副区长李志明)."""
    t = s.unit.text
    kinds = ("organization", "place") if places else ("organization",)
    orgs = _top_level([m for m in s.mentions if m.type in kinds and m.end <= p.start])
    for m in reversed(orgs):
        between = t[m.end : p.start]
        if L.TITLE.search(between) and not re.search(r"[,;。]", between) and len(between) <= 20:
            # 国光电器股份有限公司党委书记韦鸿敏代表公司: the company, not its party committee
            inner = [
                x
                for x in s.mentions
                if x.type == "organization" and x.start == m.start and x.end < m.end and x.entity
            ]
            if inner and re.fullmatch(r"(?:党委|党总支|党支部|党组|工会|团委)", t[inner[-1].end : m.end]):
                return inner[-1]
            return m
        break
    return None


_HANDED_WITH = re.compile(r"(?:与|和|及|带领|率领|陪同)[^,。;]{0,8}(?:代表|企业|单位|爱心人士)")


#: 海珠区各界, 越秀区组团帮扶单位: unnamed givers of the place, not the place.
_PLACE_COLLECTIVE = re.compile(
    r"各界|社会各界|各[\u4e00-\u9fff]{0,4}?(?:单位|部门|企业|机关)|各级|组团帮扶单位|组团单位|帮扶单位|企业|爱心|干部|群众|党员|人民|乡亲|乡贤"
)
_PLACE_NOT_GIVING = re.compile(r"(?:到|来到|赴|前往|走进|走访|在|于|从|对|与|和|及|向|为|给|帮扶|结对|驻)$")


def _place_gives(s: Sentence, m: Mention, cs: int) -> bool:
    """Is this place the giver (花都区向太保镇中心学校捐赠, 三年来白云区共向东陂镇投入)? A district, county,
    city or town named as the clause's subject: not a place visited or a place that only locates the
    next name (广州市|白云区, 太保镇|敬老院)."""
    t = s.unit.text
    if m.level not in ("city", "district", "county", "town", "community") or m.entity is None:
        return False  # 云景社区向保安镇中心小学捐赠: a 社区 is a public body too
    if _PLACE_NOT_GIVING.search(t[cs : m.start]) or _PLACE_COLLECTIVE.match(t, m.end):
        return False
    nxt = next((x for x in s.mentions if x.start >= m.end and x is not m), None)
    return not (nxt is not None and t[m.end : nxt.start] in ("", "的") and nxt.start < s.end)


def _recipients_after(s: Sentence, i: int) -> list[Mention]:
    t = s.unit.text
    rest = t[i : s.end]
    for pm in _PURPOSE.finditer(rest):
        at = i + pm.end()
        cands = _top_level(s.within(at, s.end, ("organization", "place")))
        if cands and cands[0].start - at <= 6:
            # a list of chains (岐岭镇新联村、华城镇塘湖村): the last name of each chain receives
            chains = [[cands[0]]]
            for x in cands[1:]:
                gap = t[chains[-1][-1].end : x.start]
                if gap == "" and chains[-1][-1].type == "place":
                    chains[-1].append(x)
                elif gap in ("、", "和", "及"):
                    chains.append([x])
                else:
                    break
            out = [c[-1] for c in chains]
            while out[-1].type == "place":
                nxt = next(
                    (x for x in s.mentions if x.start == out[-1].end and x.type in ("place", "organization")),
                    None,
                )
                if nxt is None:
                    break
                out[-1] = nxt
            return out
    return []


def _goods_text(t: str, start: int, end: int, money: list[Money]) -> str | None:
    piece = t[start:end]
    if money:
        m = money[0]
        piece = t[m.end : end]
        piece = piece[1:] if piece.startswith("的") else piece
    piece = re.sub(r"^(?:了|给|予)", "", piece).strip()
    return piece[:40] or None


def _date_near(s: Sentence, i: int, analysis: Analysis) -> dict | None:
    ds = find_dates(s.text)
    return date_property(ds[0], analysis.context) if ds else None


def date_property(d, ctx) -> dict | None:
    """A ``date`` value for a date the text writes: its year, else the article's (``inferred``; a month
    after the article's own date is of the year before), 去年 one year back."""
    from graph.intake.numbers import date_value

    year = d.year or ctx.year
    if year is None:
        return None
    if d.year is None and d.relative in ("去年", "前年"):
        year -= 1 if d.relative == "去年" else 2
    elif (
        d.year is None
        and ctx.published
        and (d.month, d.day or 0) > ctx.published[1:]
        and year == ctx.published[0]
    ):
        year -= 1  # 12月20日 in an article of 2024-01-05
    out: dict = {"value": date_value(year, d.month, d.day), "inferred": d.year is None}
    if d.year is None:
        out["note"] = "原文未载年份，据文章日期推定"
    return out


RULES = (position_chains, agreements, pairings, donations)
