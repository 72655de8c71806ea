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
    for s in sentences(analysis):
        for rule in RULES:
            try:
                rels.extend(rule(s, analysis))
            except Exception as exc:  # a bug in one rule: report it, keep the rest of the draft
                if notes is not None:
                    notes.append(
                        f"规则 {rule.__name__} 未能处理这一句（{type(exc).__name__}），请人工核对：{s.text[:40]}"
                    )
    return merge(rels)


def merge(rels: list[Rel]) -> list[Rel]:
    """One relationship per (type, from, to, key): evidence and properties combined."""
    out: dict[tuple, Rel] = {}
    for r in rels:
        if r.source is r.target or r.source.private or r.target.private:
            continue
        k = (r.type, id(r.source), id(r.target), r.key)
        if k not in out:
            out[k] = r
            continue
        have = out[k]
        for q in r.evidence:
            if q not in have.evidence:
                have.evidence.append(q)
        for name, value in r.props.items():
            if name == "title" and have.props.get("title") and value not in have.props["title"]:
                have.props["title"] += "、" + value
            else:
                have.props.setdefault(name, value)
        have.confidence = max(have.confidence, r.confidence)
    return list(out.values())


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
            if t[end - 1 : end] == ")" and "(" in t[max(0, end - 6) : end]:
                end = t.rindex("(", 0, end)  # 副县长（挂职）周晓东: the note is not the title
            begin = _chain_start(s, end)
        pairs = _parse_chain(s, begin, end, analysis)
        last_pairs = []
        for org, title, lo in pairs:
            a, b = min(lo, p.start), max(p.end, end + (1 if p.chain else 0))
            out.append(_position(s, p.ent, org, title, a, b, "position-chain", 0.85))
            last_pairs.append((org, title, lo, p.end))
    return out


def _position(
    s: Sentence, person: Entity, org: Entity, title: str, lo: int, hi: int, rule: str, conf: float
) -> Rel:
    return Rel("holds_position", person, org, rule, conf, [s.unit.quote(lo, hi)], {"title": title})


_CHAIN_STOPS = (
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
            org = prev if prev is not None else _place_of_title(s, k, title, analysis)
            if org is None and "、" in t[max(s.start, begin - 1) : begin + 1]:
                org = _elided.get(id(s))  # 工作队队长郭景祥、队员王正跃: the body named for the one before
        elif part in L.PARTY_INSIDE:
            org, title = prev, part + title
        elif (folded := _place_body(s, org_start, part, prev, analysis)) is not None:
            org, title = folded[0], folded[1] + title
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
        only = analysis.context.only(_LEVEL_OF_CHAR[name])
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
            and b - m.start >= len(part) - 1
        ):
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


# ------------------------------------------------------------------ agreements
_SIGN = re.compile(
    r"(?P<verb>签订|签署|签下|签约|签了|签)(?:了)?(?P<obj>[^,;。]{0,40}?(?P<doc>协议书|协议|合同|备忘录|责任书|倡议书|意向书|承诺书))"
)
_PLANNED = re.compile(r"拟|将与|将和|计划|准备|有望|即将|尚未|未能|洽谈|意向")
_NOT_YET = re.compile(r"(?:拟|将|计划|准备|有望|即将|未|尚未|正在|洽谈|商定)\s*(?:于\S{0,8})?$")


def agreements(s: Sentence, analysis: Analysis) -> list[Rel]:
    out: list[Rel] = []
    t = s.unit.text
    for m in _SIGN.finditer(t, s.start, s.end):
        if m["doc"] in ("意向书", "倡议书", "承诺书"):
            continue
        before = t[s.start : m.start()]
        if _NOT_YET.search(before[-12:]) or _PLANNED.search(t[_clause_start(s, m.start()) : m.start()]):
            continue
        couples = _couples(s, m.start())
        left, right = _parties(s, m.start()) if not couples else ([], [])
        if not left and not couples:
            continue
        agreement = t[m.end("verb") : m.end()].lstrip("了")
        agreement = agreement[agreement.find("“") :] if "“" in agreement else agreement
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
        pairing = bool(_PAIR_WORDS.search(agreement)) and not _COMMERCIAL.search(agreement)
        for a, b in pairs:
            if a.entity is b.entity or a.type == "person" or b.type == "person":
                continue
            q = s.quote(min(a.start, b.start), m.end())
            out.append(Rel("signs_agreement", a.ent, b.ent, "sign-agreement", 0.85, [q], dict(props)))
            # a 结对/共建/组团帮扶 agreement is also a pairing, from the helping side to the helped side
            if not pairing or "work_team" in (a.ent.kind, b.ent.kind):
                continue
            helper, helped = _sides(a, b, s, analysis)
            if helped.type == "place" or helped.ent.kind in ("school",):
                pprops = {"basis": agreement}
                if "date" in props:
                    pprops["since"] = props["date"]
                out.append(Rel("pairs_with", helper.ent, helped.ent, "pair-agreement", 0.75, [q], pprops))
    return out


_COMMERCIAL = re.compile(r"战略|产销|采购|购销|供销|销售|服务|招生|合作协议|会诊|投资|租赁|意向")


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
        if _in_helping_city(e):
            score -= 3
        return score

    return (a, b) if helped_score(b) >= helped_score(a) else (b, a)


_HELPING_CITIES = ("广州", "深圳", "佛山", "东莞", "珠海", "中山")


def _in_helping_city(e: Entity) -> bool:
    names = " ".join(e.names)
    if any(c in names for c in _HELPING_CITIES):
        return True
    p = e.parent
    while p is not None:
        if any(c in p.name for c in _HELPING_CITIES):
            return True
        p = p.parent
    from graph.intake import lexicon as LX

    return any(
        LX.GAZETTEER.get(n, ("", None, ()))[1] in ("广州市", "深圳市", "佛山市", "东莞市") for n in e.names
    )


_PAIR_WORDS = re.compile(r"结对|共建|帮扶|同兴")
_LIST_SEP = re.compile(r"^(?:、|和|与|及|以及|同|跟|,)$")


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
            (len(gap) <= 8 or _WITH.search(gap))
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
        left = _org_list_before(s, region, region[split_at].start, len(right))
    elif split_at is not None:
        # A、B、C三家企业走进三排镇，分别与甲村、乙村、丙村签订…: the list before the clause break
        right = chain
        left = _org_list_before(s, region, region[split_at].start, len(right))
    else:
        left, right = chain, []
    left = [m for m in left if not _is_modifier(s, m, chain)]
    right = [m for m in right if not _is_modifier(s, m, chain)]
    return left, right


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


def _org_list_before(s: Sentence, region: list[Mention], before: int, size: int) -> list[Mention]:
    """The nearest run of organisations joined by 、/和/及 before ``before`` (of ``size`` when possible)."""
    t = s.unit.text
    orgs = [
        m
        for m in region
        if m.end <= before and m.type == "organization" and m.entity and m.ent.kind != "enterprise_group"
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
    if re.match(r"(?:牵头|带领|组织|发起)的", t[m.end : m.end + 3]):
        return True  # 由广州雄业物流有限公司牵头的19家企业: the leader qualifies the group
    i = chain.index(m)
    if i + 1 < len(chain):
        nxt = chain[i + 1]
        gap = t[m.end : nxt.start]
        if m.type == "place" and gap in ("", "的") and nxt.type == "place":
            return True
    return False


# -------------------------------------------------------------------- pairing
_PAIR = re.compile(r"(?P<verb>结对帮扶|结对共建|对口帮扶|组团帮扶|挂钩帮扶|结对|共建)")


def pairings(s: Sentence, analysis: Analysis) -> list[Rel]:
    out: list[Rel] = []
    t = s.unit.text
    for m in _PAIR.finditer(t, s.start, s.end):
        verb = m["verb"]
        after = [x for x in s.within(m.end(), s.end, ("organization", "place")) if x.start - m.end() <= 2]
        if t[m.end() : m.end() + 2] in ("单位", "工作", "协议", "活动", "模式", "机制", "的"):
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
            # X对口帮扶Y / X结对帮扶Y
            helper = _subject(s, before, m.start())
            target = after[0]
            while target.type == "place":  # 清远连山太保镇: the last of the chain
                nxt = next((x for x in s.mentions if x.start == target.end and x.type == "place"), None)
                if nxt is None:
                    break
                target = nxt
            if helper is not None and verb == "对口帮扶" and helper.type == "organization":
                place = _home_place(helper.ent, analysis)
                if place is not None and helper.ent.kind not in (
                    "work_team",
                    "enterprise",
                    "enterprise_group",
                ):
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
            if helper is not None:
                out.append(_pair(s, helper, target, verb, m, "pair-verb", 0.8))
        elif re.fullmatch(r"(?:共同)?(?:开展)?", gap_to_verb) and len(before) >= 2:
            # X与Y结对 / X和Y结对共建
            a, b = before[-2], before[-1]
            between = t[a.end : b.start]
            if re.fullmatch(r"(?:与|和|同|跟)", between):
                helper, helped = (a, b) if b.type == "place" or a.type != "place" else (b, a)
                out.append(_pair(s, helper, helped, verb, m, "pair-with", 0.8))
    # 组团牵头单位X: X leads a group paired with the work team's town
    town = _team_town(s, analysis)
    for m in re.finditer(r"组团(?:牵头|帮扶)?单位", s.text):
        at = s.start + m.end()
        members = _list_at(s, at)
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
    return out


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


def _list_at(s: Sentence, at: int, places: tuple[str, ...] = ("town",)) -> list[Mention]:
    """The organisations (or 街道/镇) listed from ``at``: X、Y和Z."""
    t = s.unit.text
    top = _top_level([m for m in s.mentions if m.start >= at and m.type in ("organization", "place")])
    out: list[Mention] = []
    pos = at
    for m in top:
        gap = t[pos : m.start]
        if out and not (re.fullmatch(r"(?:、|和|及|以及)", gap) or (gap == "" and out[-1].type == "place")):
            break
        if not out and len(gap) > 2:
            break
        # a place that only locates the next mention (广州市海珠区南洲街道: 南洲街道)
        out.append(m)
        pos = m.end
    while len(out) > 1 and out[-2].type == "place" and out[-2].end == out[-1].start:
        out.pop(-2)
    # 组团帮扶单位南沙区东涌镇党委副书记、镇长黎建荣: a post follows, the unit is the town
    for i, m in enumerate(out):
        if m.type == "organization" and L.TITLE.match(t, m.end) and m.text.endswith(PLACE_BODIES):
            inner = [x for x in s.mentions if x.type == "place" and m.start <= x.start and x.end < m.end]
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
        here = [x for x in before if cs <= x.start and x.end <= end and x.type == "organization"]
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
    return Rel("pairs_with", helper.ent, helped.ent, rule, conf, [q], {"basis": verb})


def stationed_teams(analysis: Analysis) -> list[Rel]:
    """A work team 驻 a place pairs with that place (驻镇帮扶): the team's own name states it."""
    out = []
    for ent in analysis.entities:
        if ent.kind != "work_team":
            continue
        m = next((m for m in ent.mentions if "驻" in m.text and m.rule == "org-suffix"), None)
        if m is None:
            continue
        after = m.text[m.text.rindex("驻") + 1 :]
        places, _ = split_place_prefix(after)
        target_name = places[-1] if places else None
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
    r"(?P<verb>捐赠|捐资|捐款|捐助|捐献|捐建|捐出|捐物|赠送|送上|送去|送来|资助|出资|援助|募捐|捐)"
)
_GOODS_WORDS = re.compile(
    r"物资|物品|用品|设备|图书|书籍|衣物|电脑|大米|食用油|慰问品|礼包|文具|校服|药品|口罩|器材|保温杯|雨伞|书包|被子|棉被"
)
_CUMULATIVE = re.compile(r"累计|截至|截止|以来|共筹|总计|至今|历年|多年来|已累计")
_PURPOSE = re.compile(r"(?:助力|支持|用于|帮助|资助|为|给|予)")


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
        if not money:
            pre = list(find_money(t[clause_start : m.start()]))
            if pre and "价值" in t[clause_start : m.start()]:
                money = [
                    Money(x.value, x.qualifier, x.text, x.start + clause_start, x.end + clause_start, True)
                    for x in pre
                ]
        if money and t[max(0, money[0].start - 3) : money[0].start].endswith(("价值", "价值达")):
            valued = True
        # donors and recipients
        recipient: Mention | None = None
        pre_text = t[clause_start : m.start()]
        rm = re.search(r"(?:向|为|给)(?!.*(?:向|为|给))", pre_text)
        donors_region_end = m.start()
        listed: list[Mention] = []
        if rm:
            at = clause_start + rm.end()
            listed = [x for x in _list_at(s, at, PLACE_LEVELS) if x.end <= m.start()]
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
            if listed:
                recipient = listed[0]
                donors_region_end = clause_start + rm.start()
        donors = _donors(s, donors_region_end)
        donors = _expand_groups(s, donors, analysis)
        if not donors:
            continue
        recipients = listed or ([recipient] if recipient else [])
        if not recipients:
            recipients = _recipients_after(s, m.end())
        if not recipients:
            continue
        text_around = t[clause_start:clause_end]
        cumulative = bool(money) and (
            bool(_CUMULATIVE.search(t[clause_start : money[0].start]))
            or t[: money[0].start].endswith(("达", "已达", "价值达"))
        )
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
        if "捐物" in text_around or "捐款捐物" in text_around or "捐资捐物" in text_around:
            form = "money_and_goods"
        elif valued or (goods and not money):
            form = "goods"
        date = _date_near(s, m.start(), analysis)
        pairs: list[tuple[Mention, Mention]] = []
        amounts: dict[int, Money] = {}
        if respectively and len(recipients) > 1 and len(donors) == 1:
            pairs = [(donors[0], r) for r in recipients]
        elif respectively and len(donors) == len(recipients):
            pairs = list(zip(donors, recipients, strict=True))
        else:
            pairs = [(d, r) for d in donors for r in recipients[:1]]
        if respectively and len(money) >= len(pairs) > 1 and _listed_amounts(t, money[: len(pairs)]):
            amounts = {i: money[i] for i in range(len(pairs))}  # 分别捐赠10万元、8万元和5万元
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
            here = [x for x in (d, r) if x.unit is s.unit]  # 三家企业: the companies were named earlier
            lo = min([x.start for x in here] + [m.start()])
            hi = max([x.end for x in here] + [money[0].end if money else m.end()])
            conf = 0.85 if money else 0.7
            out.append(
                Rel(
                    "donates_to",
                    d.ent,
                    r.ent,
                    "donate-"
                    + (
                        "respectively"
                        if respectively
                        else "joint"
                        if joint
                        else "cumulative"
                        if cumulative
                        else "gift"
                    ),
                    conf,
                    [s.quote(lo, hi)],
                    props,
                )
            )
    return out


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
        here = [m for m in here if m not in speaker and m.type != "place"]
        # 通过区慈善会向…捐赠: the intermediary is not the donor
        here = [m for m in here if not t[max(0, m.start - 2) : m.start].endswith(("通过", "经由", "委托"))]
        if here and cs < _clause_start(s, verb_at):
            # the gift is told after the giver's clause: not a place it went to (…一行到东陂镇卫生院调研，
            # 并向卫生院捐赠), and the organisation rather than the person who led the visit
            here = [m for m in here if not re.search(r"(?:到|来到|赴|前往|走进|走访|在)$", t[cs : m.start])]
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
    return chain


def _recipients_after(s: Sentence, i: int) -> list[Mention]:
    t = s.unit.text
    rest = t[i : s.end]
    for pm in _PURPOSE.finditer(rest):
        at = i + pm.end()
        cands = [x for x in s.within(at, s.end, ("organization", "place")) if x.start - at <= 6]
        cands = _top_level(cands)
        if cands:
            first = cands[0]
            # a list: X、Y
            out = [first]
            for x in cands[1:]:
                if t[out[-1].end : x.start] in ("、", "和", "及"):
                    out.append(x)
                else:
                    break
            # 清远连山太保镇: the last place of an adjacent chain is the recipient
            while len(out) >= 2 and out[0].type == "place" and t[out[0].end : out[1].start] == "":
                out.pop(0)
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
    if not ds:
        return None
    d = ds[0]
    year = d.year or analysis.context.__dict__.get("year")
    if year is None:
        return None
    from graph.intake.numbers import date_value

    return {"value": date_value(year, d.month, d.day), "inferred": d.year is None}


RULES = (position_chains, agreements, pairings, donations)
