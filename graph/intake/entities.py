"""From mentions to entities: find every mention in the article, then group the mentions of one thing.

The result is an ``Analysis``: the entities (with their mentions, in text order) and, per unit, the
mentions sorted by position, which the relationship rules in ``relations.py`` walk.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from graph.intake import lexicon as L
from graph.intake.mentions import (
    Context,
    Entity,
    Mention,
    enterprise_core,
    expanded_name,
    find_known,
    find_orgs,
    find_people,
    find_places,
    org_key,
    place_key,
    split_place_prefix,
)
from graph.intake.text import Article, Unit

#: "17家爱心企业", "54家机关企事业单位": a group of organisations named by its size.
GROUP = re.compile(
    r"(?P<n>\d+|[一二三四五六七八九十两]+)(?P<cls>家|个)(?P<head>[\u4e00-\u9fff]{0,8}?(?:"
    + "|".join(sorted(L.GROUP_HEADS, key=len, reverse=True))
    + r"))"
)


@dataclass
class Analysis:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    by_unit: dict[int, list[Mention]] = field(default_factory=dict)
    context: Context = field(default_factory=Context)
    groups: dict[tuple, Entity] = field(default_factory=dict)

    def mentions(self, unit: Unit) -> list[Mention]:
        return self.by_unit.get(id(unit), [])


def analyse(article: Article) -> Analysis:
    units = [u for u in article.units if u.kind in ("body", "caption", "byline", "title", "heading", "crumb")]
    places: dict[int, list[Mention]] = {}
    orgs: dict[int, list[Mention]] = {}
    for u in units:
        places[id(u)] = find_places(u)
        orgs[id(u)] = find_orgs(u, places[id(u)]) + _groups(u)

    _longer_places(units, places)
    ctx = Context()
    for u in units:
        for p in places[id(u)]:
            ctx.by_level.setdefault(p.level or "", []).append(p.stands_for or L.GAZ_FORMS.get(p.text, p.text))
        for o in orgs[id(u)]:
            if o.kind == "work_team" and "驻" in o.text:
                tplaces, _ = split_place_prefix(o.text[o.text.rindex("驻") + 1 :])
                if tplaces:
                    ctx.team_targets.append(tplaces[-1])

    # people: titles first (they also tell which names are known), then their other mentions
    known: set[str] = set()
    people: dict[int, list[Mention]] = {}
    for u in units:
        people[id(u)] = find_people(u, known, orgs[id(u)], places[id(u)])
        known.update(p.text for p in people[id(u)])
    for u in units:  # a second pass: names known from later sentences
        people[id(u)] = find_people(u, known, orgs[id(u)], places[id(u)])

    analysis = Analysis(article, context=ctx)
    groups = analysis.groups
    keyer = OrgKeyer(ctx)

    def attach(m: Mention, key: tuple, name: str) -> None:
        ent = groups.get(key)
        if ent is None:
            ent = groups[key] = Entity(key, m.type, name, kind=m.kind, level=m.level, rule=m.rule)
            analysis.entities.append(ent)
        ent.mentions.append(m)
        m.entity = ent
        if len(name) > len(ent.name) and m.type != "person":
            ent.aliases.add(ent.name)
            ent.name = name
        elif name != ent.name:
            ent.aliases.add(name)
        if m.text != ent.name and m.stands_for is None:
            ent.aliases.add(m.text)
        if m.private:
            ent.private = True

    for u in units:
        for p in places[id(u)]:
            full = p.stands_for or L.GAZ_FORMS.get(p.text, p.text)
            attach(p, place_key(full), full)
        for o in orgs[id(u)]:
            gov = re.fullmatch(r"(.+?)(?:人民政府|政府)", o.text)
            # 五华县华城镇人民政府 is 华城镇: the place written right before 人民政府
            seat = next(
                (
                    p
                    for p in places[id(u)]
                    if gov and p.end == o.start + len(gov.group(1)) and p.start >= o.start
                ),
                None,
            )
            if seat is not None and seat.entity is not None:
                o.type, o.kind, o.level = "place", None, seat.ent.level
                attach(o, seat.ent.key, seat.ent.name)
                continue
            key = keyer.key(o.text, o.kind)
            attach(o, key, expanded_name(o.text, key))
        for p in people[id(u)]:
            attach(p, ("person", p.text), p.text)

    # further mentions of known names: enterprise cores (雄业物流), people, full names
    names: dict[str, tuple[str, str | None, str | None]] = {}
    keys: dict[str, tuple] = {}
    for ent in analysis.entities:
        if ent.type == "organization" and ent.kind == "enterprise":
            for n in ent.names:
                core = enterprise_core(n)
                # 雄业物流 (the core), 恒晟五金 (its first four characters: 恒晟五金制品)
                shorts = {core, core[:4]} if len(core) > 4 else {core}
                lead = n[: n.find(core)] if core in n else ""
                written = [f for f in L.GAZ_FORMS if lead.endswith(f)]
                if written:  # 海珠湿地文旅 for 广州海珠湿地文旅发展有限公司
                    shorts.add(max(written, key=len) + core[:4])
                if len(core) >= 6 and _tags().get(core[:2]) == "ns":  # 港昇制衣 for 广州新塘港昇制衣有限公司
                    shorts.add(core[2:6])
                for short in shorts:
                    if len(short) >= 3 and short not in L.GAZ_FORMS:
                        names[short] = ("organization", "enterprise", None)
                        keys[short] = ent.key
        if ent.type == "organization" and ent.kind == "enterprise_group":
            head = GROUP.fullmatch(ent.name)
            if (
                head
                and len(head["head"]) >= 3
                and sum(
                    1
                    for e in analysis.entities
                    if e.kind == "enterprise_group" and e.name.endswith(head["head"])
                )
                == 1
            ):
                names[head["head"]] = ("organization", "enterprise_group", None)
                keys[head["head"]] = ent.key
        if ent.type == "person":
            names[ent.name] = ("person", None, None)
            keys[ent.name] = ent.key
    for u in units:  # （以下简称“康达医药”）: the short form of the organisation just named
        for dm in DEFINED.finditer(u.text):
            before = sorted(
                (o for o in orgs[id(u)] + places[id(u)] if o.end <= dm.start() and o.entity is not None),
                key=lambda o: (o.end, o.end - o.start),
            )  # the name that ends last before the bracket (its inner places end earlier)
            if before and dm.start() - before[-1].end <= 2 and len(dm["short"]) >= 2:
                ent = before[-1].ent
                ent.aliases.add(dm["short"])
                names[dm["short"]] = (ent.type, ent.kind, ent.level)
                keys[dm["short"]] = ent.key
    for level, words in SELF_PLACES.items():  # 我县, 本镇: the article's own county, town
        only = ctx.only(level)
        if only and ("place", only) in groups:
            for w in words:
                if any(w in u.text for u in units):
                    groups[("place", only)].aliases.add(w)
                    names[w] = ("place", None, level)
                    keys[w] = ("place", only)
    # bare names of the article's one body of a kind: 工作队 (the work team), 卫生院, 同乡会
    for bare in BARE_BODIES:
        same = [
            e
            for e in analysis.entities
            if e.type == "organization" and e.name.endswith(bare) and e.name != bare
        ]
        if bare in ("工作队", "驻镇工作队"):
            same = sorted(
                (e for e in analysis.entities if e.kind == "work_team" and e.name.endswith("工作队")),
                key=lambda e: -len(e.mentions),
            )[:1]
        if len(same) == 1 and bare not in names:
            names[bare] = ("organization", same[0].kind, None)
            keys[bare] = same[0].key
    for u in units:
        taken = places[id(u)] + orgs[id(u)] + people[id(u)]
        for m in find_known(u, names, taken):
            key = keys[m.text]
            m.rule = "org-core" if m.type == "organization" else "known-name"
            if key in groups:
                attach(m, key, m.text)
                taken.append(m)
        analysis.by_unit[id(u)] = sorted(
            [m for m in taken if m.entity is not None], key=lambda m: (m.start, -m.end)
        )

    _bare_team_to_last_named(analysis, units)
    for ent in analysis.entities:  # 花都区组织部 for 花都区委组织部: the form without 委 is the same body
        if ent.type == "organization" and (dept := _COMMITTEE_DEPT.fullmatch(ent.name)):
            ent.aliases.add(dept.group(1) + dept.group(2))
    for ent in analysis.entities:  # 大石街道 for 广州市番禺区大石街道: the name without its places
        if ent.type == "organization" and ent.kind not in ("enterprise_group", "work_team"):
            pre, rest = split_place_prefix(ent.name)
            if pre and len(rest) >= 4 and not rest.startswith("委"):
                ent.aliases.add(rest)
    whole = "".join(u.text for u in units)
    for ent in analysis.entities:  # 五华 for 五华县 when the article writes it
        if ent.type == "place" and ent.name in L.GAZETTEER:
            ent.aliases.update(short for short in L.GAZETTEER[ent.name][2] if short in whole)
    _merge_tails(analysis, groups)
    _place_hierarchy(analysis, units)
    if article.traditional:  # 人民幣 as written beside 人民币: the original form is a name too
        for ent in analysis.entities:
            ent.aliases.update(q for m in ent.mentions if (q := m.quote()) and q != m.text)
    for ent in analysis.entities:
        ent.aliases.discard(ent.name)
    return analysis


def _bare_team_to_last_named(analysis: Analysis, units: list) -> None:
    """With two work teams or more, a bare 工作队 is the team named last before it (…黄花镇帮镇扶村工作队进驻
    以来…。工作队队长叶嘉诚: the 黄花镇 team), not the article's most named one."""
    teams = [e for e in analysis.entities if e.kind == "work_team" and e.name.endswith("工作队")]
    if len(teams) < 2:
        return
    last = None
    for u in units:
        for m in analysis.by_unit.get(id(u), []):
            if m.entity is None or m.ent.kind != "work_team":
                continue
            if "驻" in m.text and m.ent in teams:
                last = m.ent
            elif m.text == "工作队" and last is not None and m.ent is not last and m.ent in teams:
                m.ent.mentions.remove(m)
                last.mentions.append(m)
                m.entity = last


_COMMITTEE_DEPT = re.compile(r"(.{2,12}?[区县市])委(组织部|宣传部|统战部|政法委|农办)")
DEFINED = re.compile(r"[(（]\s*(?:以下简称|下称|简称|以下称)\s*[“\"](?P<short>[^”\"]{2,12})[”\"]\s*[)）]")
SELF_PLACES = {
    "county": ("我县", "本县"),
    "district": ("我区", "本区"),
    "city": ("我市", "本市"),
    "town": ("我镇", "本镇"),
}

BARE_BODIES = (
    "工作队",
    "驻镇工作队",
    "卫生院",
    "敬老院",
    "同乡会",
    "商会",
    "慈善会",
    "合作社",
    "中心小学",
    "学院",
)

SUB_UNITS = {
    "临时党支部": "党支部",
    "党支部": "党支部",
    "党总支": "党总支",
    "党委": "党委",
    "工会": "工会",
    "团委": "团委",
    "纪委": "纪委",
    "党组": "党组",
}


class OrgKeyer:
    """Keys of organisation mentions in text order: a work team's short form (驻镇工作队) is the work
    team named last before it; a party branch of a work team or an enterprise is keyed by its parent."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.last_team: dict[str, tuple] = {}

    def key(self, name: str, kind: str | None) -> tuple:
        if kind == "enterprise_group":
            return ("group", name)
        if kind == "party_organisation" or kind in ("government_body",):
            for suffix in sorted(SUB_UNITS, key=len, reverse=True):
                rest = name[: -len(suffix)]
                if name.endswith(suffix) and len(rest) >= 3:
                    parent_kind = _kind_of(rest)
                    if parent_kind in ("work_team", "enterprise", "school", "cooperative"):
                        return ("sub", self.key(rest, parent_kind), SUB_UNITS[suffix])
                    break
        if kind == "work_team":
            key = org_key(name, kind, self.ctx)
            tail = name[-3:]
            short = key[1] in (None, "镇工作队", "村工作队") or name in ("工作队", "驻镇工作队", "驻村工作队")
            if short and tail in self.last_team:
                return self.last_team[tail]
            self.last_team[tail] = key
            return key
        return org_key(name, kind, self.ctx)


def _kind_of(name: str) -> str | None:
    for suffix, kind in L.ORG_SUFFIXES:
        if name.endswith(suffix):
            return kind
    return None


def _merge_tails(analysis: Analysis, groups: dict[tuple, Entity]) -> None:
    """园区非公党委 is 广州市花都汽车城园区非公党委 when that is the one longer name ending so."""
    for key, ent in list(groups.items()):
        if key[0] != "org" or key[1] is not None or len(key[2]) < 4:
            continue
        longer = [
            e
            for k, e in groups.items()
            if k[0] == "org" and k != key and k[2].endswith(key[2]) and (k[2] != key[2] or k[1] is not None)
        ]
        if len(longer) == 1 and longer[0].type == ent.type:
            _merge_into(analysis, groups, key, longer[0])
    # 城市更新集团 is 佛山禅城城市更新发展集团有限公司: a company's short form its one longer name starts with
    for key, ent in list(groups.items()):
        if key[0] != "enterprise" or ent.kind != "enterprise":
            continue
        stem = re.sub(r"(?:集团|公司)$", "", key[1])
        if len(stem) < 4 or (stem == key[1] and "有限" in ent.name):
            continue
        longer = [
            e
            for k, e in groups.items()
            if k[0] == "enterprise" and k != key and k[1].startswith(stem) and len(k[1]) > len(stem)
        ]
        if len(longer) == 1 and "有限" in longer[0].name and "有限" not in ent.name:
            _merge_into(analysis, groups, key, longer[0])


def _merge_into(analysis: Analysis, groups: dict[tuple, Entity], key: tuple, target: Entity) -> None:
    """The entity of ``key`` is ``target``: its mentions and names go there."""
    ent = groups.pop(key)
    for m in ent.mentions:
        m.entity = target
        target.mentions.append(m)
    target.aliases |= ent.names
    analysis.entities.remove(ent)


def _longer_places(units: list[Unit], places: dict[int, list[Mention]]) -> None:
    """连江口镇 named once with a clear boundary: 江口镇 elsewhere in the article is the same town, its
    first character taken for a word before it (走访连江口镇)."""
    three = {
        p.text
        for u in units
        for p in places[id(u)]
        if p.rule == "place-suffix" and p.level in ("town", "village", "community") and len(p.text) == 4
    }
    if not three:
        return
    for u in units:
        ms = places[id(u)]
        for p in ms:
            if (
                p.rule == "place-suffix"
                and len(p.text) == 3
                and p.start > 0
                and u.text[p.start - 1 : p.end] in three
                and not any(o.end == p.start for o in ms)
            ):
                p.start -= 1


def _tags() -> dict:
    from graph.intake.mentions import _jieba

    return _jieba()[1]


def _groups(unit: Unit) -> list[Mention]:
    out = []
    for m in GROUP.finditer(unit.text):
        out.append(
            Mention(unit, m.start(), m.end(), "organization", kind="enterprise_group", rule="org-group")
        )
    return out


def _place_hierarchy(analysis: Analysis, units: list[Unit]) -> None:
    """Adjacent places from larger to smaller (清远市连山县太保镇) give each its parent."""
    order = {
        "province": 0,
        "city": 1,
        "district": 2,
        "county": 2,
        "town": 3,
        "community": 4,
        "village": 4,
        "site": 5,
    }
    for u in units:
        ms = [m for m in analysis.mentions(u) if m.type == "place"]
        for a, b in itertools.pairwise(ms):
            gap = u.text[a.end : b.start]
            if gap not in ("", "的") or a.entity is b.entity:
                continue
            if (
                order.get(a.level or "", 9) < order.get(b.level or "", 9)
                and b.entity
                and b.entity.parent is None
            ):
                b.entity.parent = a.entity
                b.entity.props.setdefault("_parent_quote", u.quote(a.start, b.end))
