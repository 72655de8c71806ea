"""An article in, a draft seed document out (the format of ``seed/data/*.yaml``).

    decode → parse (original + normalised view, furniture off) → mentions → entities → relationships
    → linking (optional: rows from the graph) → document, checked by ``graph.model.validate_document``

Entities and relationships carry the draft-only fields ``confidence``, ``rule`` and, where the graph
has a same-name entity that was not linked, ``possible_match``; the loader drops them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph.intake import link as linking
from graph.intake.decode import decode_article
from graph.intake.entities import Analysis, analyse
from graph.intake.lexicon import MEDIA, ORG_SUFFIXES
from graph.intake.mentions import Entity
from graph.intake.numbers import date_value, find_dates, years_in
from graph.intake.relations import Rel, extract
from graph.intake.text import Article, parse_article
from graph.model import SLUG, schema, validate_document

MAX_QUOTE = 400
GENERIC_NAMES = ({s for s, _ in ORG_SUFFIXES} - set(MEDIA)) | {
    "工作队",
    "驻镇工作队",
    "驻村工作队",
    "爱心企业",
    "我县",
    "我区",
    "我市",
    "我镇",
}


@dataclass
class Meta:
    """What the curator says about the article (everything optional)."""

    source_id: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    article_file: str | None = None


@dataclass
class Draft:
    document: dict[str, Any]
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    linked: bool = False


@dataclass
class Prepared:
    """An article analysed, ready to be linked and written out."""

    text: str
    encoding: str
    article: Article
    analysis: Analysis
    rels: list[Rel]
    entities: list[Entity]
    meta: Meta
    notes: list[str]

    def names(self) -> list[str]:
        """The names to look up in the graph: not a group's (17家爱心企业 is this article's own), nor a bare
        body (工作队, 驻镇工作队, 合作社: every town has one)."""
        return sorted(
            {
                n
                for e in self.entities
                if e.kind != "enterprise_group"
                for n in e.names
                if n not in GENERIC_NAMES and n.lstrip("驻区县镇市村") not in GENERIC_NAMES
            }
        )

    def alias_names(self) -> list[str]:
        """The names worth an alias lookup: organisations', initiatives' and non-gazetteer places' of 4+
        characters, and an alliance's of 3 (红友圈: the seed's alias of 花都-太保共建“红友圈”); people and
        Guangdong's cities and counties are found by their exact names."""
        from graph.intake.lexicon import GAZ_FORMS

        keep = set(self.names())
        return sorted(
            n
            for e in self.entities
            if e.type != "person"
            for n in e.names
            if n in keep and (len(n) >= 4 or (len(n) == 3 and e.kind == "alliance")) and n not in GAZ_FORMS
        )

    def proposed_ids(self) -> list[str]:
        return sorted({fresh_id(e) for e in self.entities})


def prepare(data: bytes | str, meta: Meta | None = None) -> Prepared:
    """Decode and analyse an article (no graph needed). Raises ``IntakeError`` for bad input."""
    meta = meta or Meta()
    text, encoding = decode_article(data)
    article = parse_article(text)
    notes: list[str] = []
    if encoding not in ("utf-8", "text"):
        notes.append(f"文章编码为 {encoding}，已转换；引文取自转换后的文本。")
    analysis = analyse(article)
    analysis.context.year = _year(meta, article, text)
    analysis.context.published = _full_date(meta, article)
    rels = extract(analysis, notes)
    used = {id(r.source) for r in rels} | {id(r.target) for r in rels}
    entities = [
        e
        for e in analysis.entities
        if not e.private
        and (id(e) in used or e.type in ("organization", "place", "person", "event", "initiative"))
        and not _folded(e, rels)
    ]
    if not rels:
        notes.append("没有找到可以起草的关系（捐赠、结对、签约、任职等）；请人工阅读全文。")
    return Prepared(text, encoding, article, analysis, rels, entities, meta, notes)


def _merge_linked(prep: Prepared) -> None:
    """Drafted entities linked to one graph id are one entity (国光电器股份有限公司 and the article's typo
    国光电气股份有限公司, both names of guoguang-electric): the first keeps the others' names and facts."""
    from graph.intake.relations import merge

    first: dict[str, Entity] = {}
    into: dict[int, Entity] = {}
    for e in prep.entities:
        if not e.linked or e.id is None:
            continue
        if e.id in first:
            keep = first[e.id]
            keep.aliases |= e.names - {keep.name}
            keep.mentions.extend(e.mentions)
            keep.extra_evidence.extend(e.extra_evidence)
            into[id(e)] = keep
        else:
            first[e.id] = e
    if not into:
        return
    prep.entities = [e for e in prep.entities if id(e) not in into]
    for r in prep.rels:
        r.source = into.get(id(r.source), r.source)
        r.target = into.get(id(r.target), r.target)
    for e in prep.entities:
        if e.parent is not None:
            e.parent = into.get(id(e.parent), e.parent)
    prep.rels = merge(prep.rels)


def _folded(e: Entity, rels: list[Rel]) -> bool:
    """A party body named only inside a post (区工商联党组书记): the post went to its organisation."""
    if e.type != "organization" or e.rule == "position-chain":
        return False
    return (
        e.kind == "party_organisation"
        and e.name.endswith("党组")
        and not any(r.source is e or r.target is e for r in rels)
    )


_FORMER = re.compile(r"\((?:原|曾任|原任|前)[^()]{2,40}\)")


def _former_posts(prep: Prepared) -> list[tuple[Any, Any]]:
    """(person, body) for a former post written in brackets after a person's name (某某（原X工作队队长）):
    not a fact of the draft, but it tells the linker which graph person this is."""
    out: list[tuple[Any, Any]] = []
    for e in prep.entities:
        if e.type != "person" or e.private:
            continue
        for m in e.mentions:
            fm = _FORMER.match(m.unit.text, m.end)
            if fm is None:
                continue
            out.extend(
                (e, o.ent)
                for o in prep.analysis.mentions(m.unit)
                if fm.start() < o.start
                and o.end < fm.end()
                and o.type == "organization"
                and o.entity is not None
            )
    return out


def finish(prep: Prepared, rows: list[dict[str, Any]] | None) -> Draft:
    """The draft document; ``rows`` from ``link.candidates`` (None: not linked)."""
    notes = list(prep.notes)
    positions: dict[int, set[str]] = {}
    for r in prep.rels:
        if r.type == "holds_position":
            positions.setdefault(id(r.source), set()).update(r.target.names)
    for person, body in _former_posts(prep):  # 郭景祥（原花都区驻太保镇…工作队队长）: the same person
        positions.setdefault(id(person), set()).update(body.names)
    taken: set[str] = set()
    if rows is not None:
        result = linking.decide(prep.entities, rows, positions)
        taken = result.taken_ids
        _merge_linked(prep)
        notes.append(
            f"已与图谱比对：{result.linked} 个实体链接到已有条目，{result.possible} 个同名待核（possible_match）。"
        )
    else:
        notes.append("未连接图谱：实体均未链接（新 id），请在载入前核对。")
    ids: set[str] = set()
    for e in prep.entities:
        if not e.linked:
            base = fresh_id(e)
            ident = base
            n = 2
            while ident in ids or ident in taken:
                ident = f"{base}-{n}"
                n += 1
            e.id = ident
        ids.add(e.id or "")
    doc = document(prep, notes)
    return Draft(doc, prep.text, prep.encoding, notes, prep.names(), rows is not None)


# ------------------------------------------------------------------- document
def document(prep: Prepared, notes: list[str]) -> dict[str, Any]:
    article, meta = prep.article, prep.meta
    title_quote = article.title.quote(0, len(article.title.text)) if article.title else None
    title = meta.title or (title_quote or "")
    source_props: dict[str, Any] = {"title": title}
    publisher = meta.publisher or _publisher(prep)
    if publisher:
        source_props["publisher"] = publisher
    reporters, correspondents = _byline(prep)
    if reporters:
        source_props["reporters"] = reporters
    if correspondents:
        source_props["correspondents"] = correspondents
    date = _source_date(meta, article, prep.text)
    if date:
        source_props["date"] = date
    source_props["article_file"] = meta.article_file or "article.txt"
    if meta.url:
        source_props["url"] = meta.url
    evidence = [q for q in [title_quote, *(b.quote(0, len(b.text)) for b in article.bylines[:1])] if q]
    if not evidence:
        first = next((u for u in article.body), None)
        evidence = [first.quote(0, min(len(first.text), 60))] if first else []
    source = {
        "id": _source_id(meta, title, prep.text),
        "name": title or (evidence[0] if evidence else "未命名文章"),
        "properties": source_props,
        "evidence": evidence,
    }
    kinds = schema().entity_types["organization"].kinds
    entities = []
    emitted: set[int] = set()
    for e in prep.entities:
        ev = _entity_evidence(e)
        if not ev or e.id is None:
            continue
        item: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name}
        aliases = sorted(a for a in e.aliases if a != e.name)
        if aliases:
            item["aliases"] = aliases
        if e.type == "organization":
            kind = e.kind or "government_body"
            if kind == "association" and "association" not in kinds:
                kind = "alliance"
            item["kind"] = kind if kind in kinds else "government_body"
        if e.type == "place":
            item["level"] = e.level or "site"
        if e.type in ("event", "initiative"):
            item["kind"] = e.kind or ("activity" if e.type == "event" else "programme")
        props = {k: v for k, v in e.props.items() if not k.startswith("_")}
        if props:
            item["properties"] = props
        item["evidence"] = ev
        item["confidence"] = round(e.confidence, 2)
        item["rule"] = e.rule
        if e.possible_match:
            item["possible_match"] = e.possible_match
        entities.append(item)
        emitted.add(id(e))
    relationships = []
    rtypes = schema().relationship_types
    for e in prep.entities:  # places: the hierarchy the text states
        if e.type == "place" and e.parent is not None and id(e.parent) in emitted and id(e) in emitted:
            q = e.props.get("_parent_quote")
            if q:
                relationships.append(_rel("part_of", e, e.parent, {}, [q], 0.85, "place-chain"))
    for r in prep.rels:
        if id(r.source) not in emitted or id(r.target) not in emitted:
            continue
        rt = rtypes[r.type]
        if r.source.type not in rt.sources or r.target.type not in rt.targets:
            continue
        props = {k: v for k, v in r.props.items() if k in rt.properties}
        relationships.append(_rel(r.type, r.source, r.target, props, r.evidence, r.confidence, r.rule, r.key))
    doc = {"source": source, "entities": entities, "relationships": relationships}
    return _checked(doc, prep.text, notes)


def _rel(rtype, a: Entity, b: Entity, props, evidence, conf, rule, key=None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": rtype, "from": a.id, "to": b.id}
    if key:
        item["key"] = key
    if props:
        item["properties"] = props
    item["evidence"] = [q[:MAX_QUOTE] for q in evidence if q][:3]
    item["confidence"] = round(conf, 2)
    item["rule"] = rule
    return item


def _checked(doc: dict[str, Any], text: str, notes: list[str]) -> dict[str, Any]:
    """Drop what the loader would refuse (and say so), so ``honglian seed --check`` accepts the draft."""
    for _ in range(3):
        _, problems = validate_document(doc, "draft", article=text)
        if not problems:
            return doc
        bad_rels: set[int] = set()
        bad_ents: set[int] = set()
        for p in problems:
            m = re.match(r"(relationships|entities)\.(\d+)", p.path)
            if m:
                (bad_rels if m.group(1) == "relationships" else bad_ents).add(int(m.group(2)))
            notes.append(f"已删去一处不合格的条目：{p.path}: {p.message}")
        dropped_ids = {doc["entities"][i]["id"] for i in bad_ents}
        doc["entities"] = [e for i, e in enumerate(doc["entities"]) if i not in bad_ents]
        doc["relationships"] = [
            r
            for i, r in enumerate(doc["relationships"])
            if i not in bad_rels and r["from"] not in dropped_ids and r["to"] not in dropped_ids
        ]
        if not bad_rels and not bad_ents:
            break
    return doc


def _entity_evidence(e: Entity) -> list[str]:
    out: list[str] = [q for q in e.extra_evidence if q][:1]
    for m in e.mentions[:6]:
        q = _clause_of(m)
        if q and q not in out:
            out.append(q[:MAX_QUOTE])
        if len(out) == 2:
            break
    return out


def _clause_of(m) -> str:
    from graph.intake.text import clause_bounds

    u = m.unit
    for a, b in [(s.start, s.end) for s in u.sentences()]:
        if a <= m.start < b:
            for cs, ce in clause_bounds(u.text[a:b]):
                if cs + a <= m.start and m.end <= ce + a:
                    return u.quote(cs + a, ce + a)
            return u.quote(m.start, m.end)
    return u.quote(m.start, m.end)


# ---------------------------------------------------------------- ids, source
#: Place names pypinyin reads with the wrong sound of a polyphone (花都 is huā dū, not huā dōu).
PINYIN_FIXES = {"花都": [["huā"], ["dū"]], "长潭": [["cháng"], ["tán"]], "长沙": [["cháng"], ["shā"]]}


@lru_cache(maxsize=1)
def _pinyin():
    from pypinyin import lazy_pinyin, load_phrases_dict

    load_phrases_dict(PINYIN_FIXES)
    return lazy_pinyin


@lru_cache(maxsize=65536)
def slug(text: str, limit: int = 48) -> str:
    """An ASCII id from Chinese text: pinyin of its words (广州交投集团 → guangzhou-jiaotou-jituan)."""
    lazy_pinyin = _pinyin()

    from graph.intake.mentions import _jieba

    jieba, _ = _jieba()
    syllables = lazy_pinyin(text, errors=lambda run: list(run))  # one item per character
    if len(syllables) != len(text):
        syllables = [lazy_pinyin(c)[0] if c.strip() else "" for c in text]
    parts, pos = [], 0
    for word in jieba.cut(text, HMM=False):
        p = "".join(syllables[pos : pos + len(word)])
        pos += len(word)
        p = re.sub(r"[^a-z0-9]+", "", p.lower().replace("ü", "v"))
        if p:
            parts.append(p)
    out = ""
    for part in parts:  # whole words only, up to the limit
        if len(out) + len(part) + 1 > limit:
            break
        out = f"{out}-{part}" if out else part
    return out or (parts[0][:limit] if parts else "entity")


def fresh_id(e: Entity) -> str:
    return slug(e.name)


def _source_id(meta: Meta, title: str, text: str) -> str:
    if meta.source_id:
        s = meta.source_id.strip().lower()
        return s if re.match(SLUG, s) else slug(s)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"draft-{slug(title, 32) if title else 'article'}-{digest}"


def _publisher(prep: Prepared) -> str | None:
    for b in prep.article.bylines:
        for e in prep.entities:
            if e.kind == "media" and any(m.unit is b for m in e.mentions):
                return e.name
    return None


def _byline(prep: Prepared) -> tuple[list[str], list[str]]:
    reporters: list[str] = []
    correspondents: list[str] = []
    for b in prep.article.bylines:
        for m in re.finditer(r"(记者|通讯员)\s*((?:[\u4e00-\u9fff]{2,4}\s*)+)", b.text):
            names = [n for n in m.group(2).split() if n not in ("通讯员", "记者")]
            (reporters if m.group(1) == "记者" else correspondents).extend(n for n in names if len(n) <= 4)
    return reporters, correspondents


def _full_date(meta: Meta, article: Article) -> tuple[int, int, int] | None:
    """The article's date when it is given in full (the curator's, the page's 发布时间, a dateline)."""
    for text in (meta.date, article.published, _dateline(article)):
        parts = [int(x) for x in re.findall(r"\d+", text or "")][:3]
        if len(parts) == 3 and 1900 < parts[0] < 2100:
            return parts[0], parts[1], parts[2]
    return None


_DATELINE = re.compile(r"((?:19|20)\d{2})(?:年|-|/|\.)(\d{1,2})(?:月|-|/|\.)(\d{1,2})日?")


def _dateline(article: Article) -> str | None:
    """A date on a short line before the body (清远日报　2023年9月21日　星期四, 白云京溪 2024-05-30 19:42)."""
    for u in article.units[:6]:
        if u.kind == "body" and len(u.text) > 60:
            break
        if (m := _DATELINE.search(u.text)) and len(u.text) <= 60:
            return "-".join(m.groups())
    return None


def _year(meta: Meta, article: Article, text: str) -> int | None:
    if meta.date and re.match(r"\d{4}", meta.date):
        return int(meta.date[:4])
    if article.published:
        return int(article.published[:4])
    if line := _dateline(article):
        return int(line[:4])
    years = years_in(text)
    return max(years) if years else None


def _source_date(meta: Meta, article: Article, text: str) -> dict[str, Any] | None:
    if meta.date:
        parts = re.findall(r"\d+", meta.date)
        if parts:
            return {"value": date_value(*[int(p) for p in parts[:3]]), "inferred": False}
    for given in (article.published, _dateline(article)):
        if given:
            y, m, d = (int(x) for x in re.findall(r"\d+", given)[:3])
            return {"value": date_value(y, m, d), "inferred": False}
    year = _year(meta, article, text)
    if year is None:
        return None
    dates = [d for u in article.body for d in find_dates(u.text) if d.year in (None, year)]
    month = dates[0].month if dates else None
    return {"value": date_value(year, month), "inferred": True, "note": "文中未载发稿日期，据文中年份推定"}
