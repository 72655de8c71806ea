"""Events and initiatives the article names, and the relationships they take part in.

Rules (each a name that drafts report as ``rule``):

* ``event-named``: a name ending in a word of ``lexicon.EVENT_NOUNS`` (推进会, 座谈会, 签约仪式, 主题活动 …)
  that the sentence says took place (召开, 举行, 开展 … : ``lexicon.EVENT_VERBS``). Its date is the
  sentence's (``date_property``: the year from the article when the text omits it, ``inferred``), or,
  for 会上/现场/当天, the date of the event told just before. An undated event is drafted only when it
  is a meeting or a ceremony. A name repeated is one event.
* ``event-back``: 会上, 本次活动, 这次主题活动, 参加会议 … refer to the last event of that kind named before.
* ``initiative-quoted``: a quoted name followed by 机制/模式/项目/品牌/工程/计划/行动 (“红联共建 五链融合”…项目),
  or by 活动 when the name is in the programme's own words (红联共建, 镇村企同兴 …); or a quoted name that
  itself ends so (“百千万工程”).

Relationships (conservative: only where a clause says so, citing that clause):

* ``host-event``     hosts_event: 由A、B主办，C、D协办 (role host / co_host / organiser for 承办), A主办的…
* ``organize-event`` organizes: X牵头组织…开展EVENT (role 牵头组织), 会议由X主持 / X主持会议 (role 主持)
* ``attend-event``   participates_in: A、B等参加/出席EVENT, 出席活动的有：A、B (role 参加 / 出席)
* ``visit``          visits: X一行到/赴/前往Y调研/走访/考察/慰问/参观, X走访/参观/察看了Y (a place or body)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.intake import lexicon as L
from graph.intake.entities import Analysis
from graph.intake.mentions import Entity, Mention
from graph.intake.numbers import find_dates
from graph.intake.text import Unit

_NOUN_RE = re.compile("|".join(re.escape(w) for w, _ in L.EVENT_NOUNS))
_NOUN_KIND = dict(L.EVENT_NOUNS)
#: Words an event's name cannot start with (系列活动, 各类活动 are no one event; 本次活动 refers back).
_NOT_A_NAME = re.compile(
    r"^(?:系列|一系列|各类|各项|各种|相关|多项|多场|多次|这些|有关|本次|此次|这次|该次|这场|本场)"
)
#: Where an event's name stops on its left: a verb that tells it, a preposition, a date.
_NAME_STOP = re.compile(
    r"(?:开展|举行|举办|召开|参加|出席|参与|组织|启动|进行|主持|了|在|到|赴|于|前往|走进|来到|与|和|及|"
    r"并|还|又|也|将|已|都|共同|联合|一同|先后|分别|日|号|上午|下午|晚上|当天|期间|之际)$"
)
_SPECIFIC = {"签约仪式", "捐赠仪式", "揭牌仪式", "启动仪式", "授牌仪式", "开工仪式"}
_DATE_SHARED = re.compile(r"会上|会后|会议上|现场|当天|当日|仪式上|活动上|活动中|活动期间")


@dataclass(eq=False)
class EventMention:
    """Where a sentence names an event (or refers back to one)."""

    unit: Unit
    start: int
    end: int
    entity: Entity
    rule: str


@dataclass
class Events:
    """The events of an article, in text order, per unit."""

    by_unit: dict[int, list[EventMention]] = field(default_factory=dict)

    def in_span(self, unit: Unit, lo: int, hi: int) -> list[EventMention]:
        return [e for e in self.by_unit.get(id(unit), []) if lo <= e.start and e.end <= hi]


def find_events(analysis: Analysis) -> Events:
    """Every event the article says took place, added to ``analysis.entities`` (type event)."""
    from graph.intake.relations import date_property

    events = Events()
    last: list[Entity] = []  # events in text order, for 会上 and 本次活动
    for u in analysis.article.units:
        if u.kind not in ("body", "caption"):
            continue
        t = u.text
        for a, b in _sentences(u):
            for m in _NOUN_RE.finditer(t, a, b):
                noun = m.group()
                start = _name_start(t, a, m.start())
                name = t[start : m.end()].strip()
                back = _back_reference(t, a, m.start(), noun)
                if back is not None:
                    ent = next((e for e in reversed(last) if e.name.endswith(noun) or noun in ("会",)), None)
                    if ent is None and noun in ("会议", "会"):
                        ent = next((e for e in reversed(last) if e.kind == "meeting"), None)
                    if ent is not None:
                        events.by_unit.setdefault(id(u), []).append(
                            EventMention(u, back, m.end(), ent, "event-back")
                        )
                    continue
                if not _took_place(t, a, b, start, m.end()) or _NOT_A_NAME.match(name):
                    continue
                if len(name) - len(noun) < 2 and noun not in _SPECIFIC:
                    continue
                if re.match(
                    r"\s*(?:\d+|[一二三四五六七八九十两]+)[余多]?(?:次|场|期|批)", t[m.end() : m.end() + 6]
                ):
                    continue  # 开展交流活动300余次: many activities, no one event
                kind = _NOUN_KIND[noun]
                dates = [d for d in find_dates(t[a:b]) if a + d.end <= start + 4]
                date = date_property(dates[-1], analysis.context) if dates else None
                if date is None and _DATE_SHARED.search(t[a:start]) and last and "date" in last[-1].props:
                    date = dict(last[-1].props["date"])  # 会上举行了捐赠仪式: the day of the meeting
                if date is None and not dates and kind not in ("meeting", "ceremony", "signing"):
                    continue
                key = ("event", name)
                ent = analysis.groups.get(key)
                if ent is None:
                    ent = Entity(key, "event", name, kind=kind, rule="event-named", confidence=0.75)
                    analysis.groups[key] = ent
                    analysis.entities.append(ent)
                    ent.extra_evidence.append(_clause(u, a, b, start, m.end()))
                if date and "date" not in ent.props:
                    ent.props["date"] = date
                elif dates and date is None and "note" not in ent.props:
                    ent.props["note"] = f"原文日期“{t[a + dates[-1].start : a + dates[-1].end]}”，年份不详"
                events.by_unit.setdefault(id(u), []).append(
                    EventMention(u, start, m.end(), ent, "event-named")
                )
                last.append(ent)
    return events


def _sentences(u: Unit) -> list[tuple[int, int]]:
    return [(sp.start, sp.end) for sp in u.sentences()]


def _name_start(t: str, lo: int, noun_at: int) -> int:
    """Where the event's name begins: left over its words and quotes, to a verb, preposition or comma."""
    i = noun_at
    depth = 0
    while i > lo and noun_at - i < 40:
        c = t[i - 1]
        if c == "”":
            depth += 1
        elif c == "“":
            depth = max(0, depth - 1)
        elif c == "、" and depth == 0 and t[i - 2 : i - 1] in ("镇", "区", "县", "市", "乡", "村"):
            pass  # 天河区—英德市黄花镇、石牯塘镇组团帮扶工作联席会议: two places in one name
        elif (depth == 0 and (c in ",;:、。!?()《》" or (not _is_name_char(c)))) or (
            depth == 0 and _NAME_STOP.search(t[max(lo, i - 3) : i])
        ):
            break
        i -= 1
    while i < noun_at and t[i] in " ":
        i += 1
    return i


def _is_name_char(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "“”—-·" or c.isdigit()


def _back_reference(t: str, lo: int, noun_at: int, noun: str) -> int | None:
    """会上 / 本次活动 / 这次主题活动 / 参加会议: the start of a reference to an event named before."""
    before = t[max(lo, noun_at - 3) : noun_at]
    for w in L.EVENT_BACK:
        if before.endswith(w) and w != "会":
            return noun_at - len(w)
    if noun in ("会议", "活动", "仪式", "主题活动") and re.search(
        r"(?:参加|出席|参与|主持|召开)了?$", t[lo:noun_at]
    ):
        return noun_at
    if noun in ("会议", "活动", "仪式", "主题活动") and not t[lo:noun_at].strip(" ■▲"):
        return noun_at  # 会议由…主持: a sentence that opens with the bare noun speaks of the event told
    return None


def _took_place(t: str, a: int, b: int, start: int, end: int) -> bool:
    """Does the sentence say the event took place: a verb of ``EVENT_VERBS`` just before its name or after
    it in the same clause (…推进会在浛洸镇召开, 到太保镇开展“…”主题活动, 举行了签约仪式)?"""
    before = t[max(a, start - 4) : start]
    if re.search("(?:" + "|".join(L.EVENT_VERBS) + ")了?$", before):
        return True
    clause_end = next((j for j in range(end, b) if t[j] in ",;。!?"), b)
    after = t[end:clause_end]
    return bool(
        re.match(r"(?:在[^,;。]{0,24}?)?(?:隆重|顺利|正式)?(?:" + "|".join(L.EVENT_VERBS) + ")", after)
    )


def _clause(u: Unit, a: int, b: int, lo: int, hi: int) -> str:
    from graph.intake.text import clause_bounds

    s, e = lo, hi
    for cs, ce in clause_bounds(u.text[a:b]):
        cs, ce = cs + a, ce + a
        if cs <= lo < ce + 1:
            s = min(s, cs)
        if cs < hi <= ce + 1:
            e = max(e, ce)
    return u.quote(s, e)


# ------------------------------------------------------------------ initiatives
_QUOTED = re.compile(r"“(?P<name>[^“”]{2,24})”(?P<head>[\u4e00-\u9fff]{0,8}?)?")
_HEADS = sorted(L.INITIATIVE_HEADS, key=lambda p: len(p[0]), reverse=True)


def find_initiatives(analysis: Analysis) -> None:
    """Initiatives named in quotes (``initiative-quoted``), added to ``analysis.entities``."""
    for u in analysis.article.units:
        t = u.text
        for m in _QUOTED.finditer(t):
            name = m["name"].strip()
            after = t[m.end("name") + 1 : m.end("name") + 12]
            kind = None
            for head, k in _HEADS:
                i = after.find(head)
                if i < 0 or not re.fullmatch(r"[\u4e00-\u9fff]*", after[:i]):
                    continue  # the head closes the same phrase: “…”机关党建类工作创新项目, not “…”，助力“…”工程
                if (i <= 1 or L.INITIATIVE_WORDS.search(name)) and (
                    head != "活动" or L.INITIATIVE_WORDS.search(name)
                ):
                    kind = k
                    break
            for head, k in (("工程", "programme"), ("行动", "campaign"), ("计划", "programme")):
                if name.endswith(head) and len(name) > len(head) + 1:
                    kind = k
            if kind is None or len(re.findall(r"[\u4e00-\u9fff]", name)) < 4:
                continue  # “一对一”结对: too short to name a programme
            if kind == "campaign" and "活动" in after[:8] and not L.INITIATIVE_WORDS.search(name):
                continue
            key = ("initiative", name)
            if key in analysis.groups:
                continue
            ent = Entity(key, "initiative", name, kind=kind, rule="initiative-quoted", confidence=0.7)
            ent.extra_evidence.append(u.quote(max(0, m.start()), min(len(t), m.end() + len(after))))
            analysis.groups[key] = ent
            analysis.entities.append(ent)


# ----------------------------------------------------------------- relationships
def event_relations(analysis: Analysis, events: Events) -> list:
    """hosts_event, organizes, participates_in and visits, sentence by sentence."""
    from graph.intake.relations import Rel, sentences

    out: list[Rel] = []
    for s in sentences(analysis):
        evs = events.in_span(s.unit, s.start, s.end)
        out.extend(_hosts(s, evs, Rel))
        out.extend(_organizes(s, evs, Rel))
        out.extend(_attends(s, evs, Rel, analysis))
        out.extend(_visits(s, analysis, Rel))
    return out


_HOST_ROLE = {"主办": "host", "协办": "co_host", "承办": "organiser"}


def _hosts(s, evs: list[EventMention], Rel) -> list:
    """这次主题活动由A、B主办，C、D协办 / A主办的…活动."""
    out: list = []
    t = s.unit.text
    if not evs:
        return out
    for m in re.finditer(r"主办|协办|承办", t[s.start : s.end]):
        at = s.start + m.start()
        ev = _event_for(evs, at, t)
        if ev is None:
            continue
        cs = max(s.start, t.rfind(",", s.start, at) + 1, t.rfind("由", s.start, at) + 1)
        members = _listed_before(s, cs, at, ("organization",))
        for x in members:
            q = s.quote(members[0].start, at + 2)  # the clause that lists the hosts (由A、B主办)
            out.append(
                Rel("hosts_event", x.ent, ev.entity, "host-event", 0.75, [q], {"role": _HOST_ROLE[m.group()]})
            )
    return out


def _organizes(s, evs: list[EventMention], Rel) -> list:
    """X牵头组织…开展EVENT (牵头组织), 会议由X主持 / X主持会议 (主持)."""
    out = []
    t = s.unit.text
    for m in re.finditer(r"牵头组织|组织", t[s.start : s.end]):
        at = s.start + m.start()
        later = [e for e in evs if e.start > at and e.rule == "event-named"]
        if not later or re.search(r"[。;]", t[at : later[0].start]) or t.count(",", at, later[0].start) > 1:
            continue  # the event in the clause of 组织 or the next one (牵头组织17家爱心企业，到…开展…活动)
        who = [x for x in s.mentions if x.end == at and x.type in ("organization", "person") and x.entity]
        who = [x for x in who if not x.private and x.ent.kind != "enterprise_group"]
        if who:
            q = s.quote(who[0].start, later[0].end)
            out.append(
                Rel("organizes", who[0].ent, later[0].entity, "organize-event", 0.7, [q], {"role": m.group()})
            )
    for m in re.finditer(r"主持", t[s.start : s.end]):
        at = s.start + m.start()
        ev = _event_for(evs, at, t)
        if ev is None:
            continue
        host = [x for x in s.mentions if x.type == "person" and x.end <= at and at - x.end <= 2 and x.entity]
        if host and not host[-1].private:
            q = s.quote(min(ev.start, host[-1].start), at + 2)
            out.append(
                Rel("organizes", host[-1].ent, ev.entity, "organize-event", 0.75, [q], {"role": "主持"})
            )
    return out


def _attends(s, evs: list[EventMention], Rel, analysis: Analysis) -> list:
    """A、B等参加/出席EVENT; 出席活动的有：A、B."""
    out = []
    t = s.unit.text
    for m in re.finditer(r"(?:等|等人|以及[^,。]{0,20}?)?(?P<verb>参加|出席|参与)了?", t[s.start : s.end]):
        verb_at = s.start + m.start("verb")
        after = [e for e in evs if verb_at < e.start <= verb_at + 6]
        if not after:
            continue
        ev = after[0]
        if t[ev.end : ev.end + 2] == "的有":  # 出席活动的有：A、B
            people = [x for x in s.mentions if x.start > ev.end and x.type == "person"]
        else:
            people = [x for x in _listed_people(s, analysis) if x.end <= verb_at]
        for p in people:
            if p.private or p.entity is None or p.ent.private:
                continue
            out.append(
                Rel(
                    "participates_in",
                    p.ent,
                    ev.entity,
                    "attend-event",
                    0.7,
                    _two_quotes(s, p, verb_at, ev.end),
                    {"role": m["verb"]},
                )
            )
    return out


_VISIT = re.compile(
    r"(?P<lead>一行|带队|率队|等)?(?:还|先后|再次|专程|深入)?(?P<go>到|赴|前往|来到|走进|深入)(?P<rest>)"
    r"|(?P<verb>走访了?|参观了?|考察了?|察看了?|慰问了?)"
)
_VISIT_PURPOSE = re.compile(r"调研|考察|走访|慰问|参观|开展|进行|对接|指导|察看|看望|检查")


def _visits(s, analysis: Analysis, Rel) -> list:
    """X一行到Y调研 / X走访了Y: X visits Y (a place or a body), X named right before."""
    from graph.intake.relations import _chain_end, _top_level

    out = []
    t = s.unit.text
    ms = _top_level([x for x in s.mentions if x.entity is not None])
    for m in _VISIT.finditer(t, s.start, s.end):
        at = m.start()
        end = m.end()
        target = [x for x in ms if x.start == end and x.type in ("place", "organization")]
        if not target:
            continue
        target_m = _chain_end(s, target[0])
        if m["go"]:
            tail = t[target_m.end : target_m.end + 8]
            if not _VISIT_PURPOSE.match(tail) or re.match(r"挂职|任职|工作|驻点|挂任", tail):
                continue
        who = [
            x for x in ms if x.end <= at and at - x.end <= 0 and x.type in ("organization", "person", "place")
        ]
        if not who:
            continue
        visitor = who[-1]
        if visitor.private or visitor.ent.private or visitor.ent is target_m.ent:
            continue
        q = s.quote(visitor.start, target_m.end)
        props = {}
        from graph.intake.relations import _date_near

        date = _date_near(s, at, analysis)
        if date:
            props["date"] = date
        out.append(Rel("visits", visitor.ent, target_m.ent, "visit", 0.7, [q], props))
    return out


def _listed_people(s, analysis: Analysis) -> list[Mention]:
    """The people of a sentence, and of the sentences before it that a semicolon joins to it (a list of
    attendees cut by ；: 花都区…袁辉明，…邹凤；清远连山…蒋耀庭…等参加了主题活动)."""

    t = s.unit.text
    people = [x for x in s.mentions if x.type == "person"]
    start = s.start
    while start > 0 and t[start - 1] == ";":
        prev = t.rfind("。", 0, start - 1) + 1
        for c in "!?;":
            prev = max(prev, t.rfind(c, 0, start - 1) + 1)
        earlier = [
            x for x in analysis.mentions(s.unit) if prev <= x.start and x.end <= start and x.type == "person"
        ]
        if not earlier:
            break
        people = earlier + people
        start = prev
    return people


def _two_quotes(s, m: Mention, lo: int, hi: int) -> list[str]:
    """The clause that names ``m`` and the clause of ``lo..hi``: one quote when they are one clause
    (A、B等参加会议), two when a long list stands between (…局长陈慧敏 / …等参加会议)."""
    own = _clause_of(m)
    verb = s.quote(lo, hi)
    if own == verb or own in verb:
        return [verb]
    whole = s.quote(min(m.start, lo), max(m.end, hi))
    return [whole] if len(whole) <= len(own) + len(verb) + 2 else [own, verb]


def _clause_of(m: Mention) -> str:
    """The clause of its sentence that names ``m``."""
    for a, b in _sentences(m.unit):
        if a <= m.start < b:
            return _clause(m.unit, a, b, m.start, m.end)
    return m.quote()


def _event_for(evs: list[EventMention], at: int, t: str) -> EventMention | None:
    """The event a verb at ``at`` speaks of: the one named just before it in the sentence, else just after."""
    before = [e for e in evs if e.end <= at]
    if before:
        return before[-1]
    after = [e for e in evs if e.start >= at and e.start - at <= 4]
    return after[0] if after else None


def _listed_before(s, lo: int, hi: int, types: tuple[str, ...]) -> list[Mention]:
    """The names listed (、 和 及) in ``[lo, hi)`` ending at ``hi`` (or just before it)."""
    from graph.intake.relations import _top_level

    t = s.unit.text
    ms = _top_level([x for x in s.mentions if lo <= x.start and x.end <= hi and x.type in types and x.entity])
    if not ms or hi - ms[-1].end > 1:
        return []
    run = [ms[-1]]
    for x in reversed(ms[:-1]):
        if re.fullmatch(r"(?:、|和|及|以及)", t[x.end : run[0].start]):
            run.insert(0, x)
        else:
            break
    return run
