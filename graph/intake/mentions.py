"""Mentions: where the article names an organisation, a place or a person, and which are the same.

Rules (each a name that drafts report as ``rule``):

* ``org-suffix``: an organisation ends in a word of ``lexicon.ORG_SUFFIXES`` (有限公司, 工作队, 党委, 商会,
  慈善会, 合作社, 学校 …); its name runs left until a word that cannot be inside a name
  (``lexicon.LEFT_STOPS``: 由, 到, 与, 牵头, 单位 …), punctuation, a number or a title. A weak ending
  (局, 中心, 委员会, 办公室, 部 …) needs a place in front (区工商联, 花都区委统战部).
* ``org-core``: an enterprise's short form (雄业物流 for 广州市雄业物流有限公司) found again in the text.
* ``place-gazetteer``: Guangdong's cities, districts and counties, with their short forms (连山, 花都).
* ``place-suffix``: 镇/乡/街道/村/社区 (and 市/区/县) after a two-character name; chains
  (清远市连山县太保镇寨坝村) give the hierarchy.
* ``person-title``: a name (surname + one or two characters) right after a title (镇长莫新勇); the end of
  the name is found from what follows it (表示, 介绍, 等, punctuation …). Names after the roles of
  private people (农户, 村民, 学生 …) are private and never recorded.
* coreference (``key``): mentions of one organisation share a key: enterprises by their core name,
  other bodies by their place and the rest of the name, with 区/县/镇 short forms (区慈善会) taking the
  article's own district, county or town when the article has exactly one; work teams by the place
  they are stationed in (驻镇工作队 is the article's one work team).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from graph.intake import lexicon as L
from graph.intake.text import Unit

CJK = re.compile(r"[\u3400-\u9fff]")


def is_cjk(c: str) -> bool:
    return bool(CJK.match(c))


@dataclass(eq=False, repr=False)
class Mention:
    unit: Unit
    start: int
    end: int
    type: str  # organization | place | person
    kind: str | None = None  # organisation kind
    level: str | None = None  # place level
    rule: str = ""
    private: bool = False
    title: str | None = None  # persons: the title right before the name
    chain: tuple[int, int] | None = None  # persons: where their posts are written, when not right before
    entity: Entity | None = None
    stands_for: str | None = None  # the full name a one-character form stands for (广 of 广湛: 广州市)

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    def quote(self) -> str:
        return self.unit.quote(self.start, self.end)

    @property
    def ent(self) -> Entity:
        """The entity of a mention the analysis kept (every mention a rule sees has one)."""
        assert self.entity is not None, self
        return self.entity

    def __repr__(self) -> str:
        return f"Mention({self.type} {self.text!r} {self.start}-{self.end} {self.rule})"


@dataclass(eq=False, repr=False)
class Entity:
    """One thing the article names, with every mention of it."""

    key: tuple
    type: str
    name: str
    kind: str | None = None
    level: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    rule: str = ""
    confidence: float = 0.8
    private: bool = False
    parent: Entity | None = None  # places: the next larger place; work teams: where they are stationed
    props: dict = field(default_factory=dict)
    extra_evidence: list[str] = field(default_factory=list)
    # set by linking
    id: str | None = None
    linked: bool = False
    possible_match: list[str] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return {self.name, *self.aliases}

    def __repr__(self) -> str:
        return f"Entity({self.type} {self.name!r} {self.kind or self.level or ''})"


# ---------------------------------------------------------------------- helpers
_ORG_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in L.ORG_SUFFIXES))
_ORG_KIND = dict(L.ORG_SUFFIXES)
#: Endings that are common words too: the organisation needs a place in front of it.
WEAK_SUFFIXES = {
    "局",
    "厅",
    "中心",
    "委员会",
    "办公室",
    "政府",
    "工委",
    "区委",
    "县委",
    "市委",
    "省委",
    "镇委",
    "厂",
    "工厂",
    "农场",
    "林场",
    "水库",
    "报社",
    "联盟",
    "学会",
    "人大",
    "人大常委会",
    "人大常务委员会",
    "政协",
    "支行",
    "分行",
    "银行",
    "酒店",
    "电器",
    "物流",
    "实业",
    "控股",
    "科技",
    "公司",
    "集团",
    "部",
    "日报",
    "晚报",
    "学院",
    "大学",
    "医院",
    "指挥部",
    "服务中心",
    "团委",
    "妇联",
    "残联",
    "科协",
    "文联",
    "侨联",
    "协会",
    "联合会",
}
#: Endings that only make an organisation as part of a longer name we already hold (雄业物流).
SOFT_SUFFIXES = {"电器", "物流", "实业", "控股", "科技"}
_NOT_ORG_WORDS = [
    "格局",
    "布局",
    "大局",
    "全局",
    "开局",
    "结局",
    "当局",
    "僵局",
    "骗局",
    "为中心",
    "核心",
    "重心",
    "中心工作",
    "工作中心",
    "以人民为中心",
    "省委省政府",
    "党委政府",
    "党委和政府",
    "各级党委",
    "基层党组织",
    "党组织",
    "各党支部",
    "各单位",
    "帮扶单位",
    "组团单位",
    "工作组织",
    "驻镇帮扶工作队",
    "帮扶工作队",
    "工作队员",
    "各工作队",
    "驻村工作队",
    "驻镇工作队员",
    "本公司",
    "该公司",
    "子公司",
    "分公司",
    "母公司",
    "各公司",
    "企业集团",
    "社会组织",
    "合作社员",
    "开发区",
    "委员会委员",
]
_PLACE_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in L.PLACE_SUFFIXES))
_PLACE_LEVEL = dict(L.PLACE_SUFFIXES)
_GAZ_RE = re.compile("|".join(re.escape(s) for s in sorted(L.GAZ_FORMS, key=len, reverse=True)))
_DIGITS = set("0123456789０１２３４５６７８９")
_NUMERIC = set("0123456789一二三四五六七八九十百千万两几多余家个名位批届次")
_NOT_IN_PLACE_NAMES = set("与及的在到向为对从把被将让由给了等并也还又就则即其各该本我之所据于以")
_ONE_CHAR_STOPS = {w for w in L.LEFT_STOPS if len(w) == 1}
_LEVEL_CHARS = {"区": "district", "县": "county", "市": "city", "镇": "town", "乡": "town", "省": "province"}


_WORD_SETS: dict[int, tuple[frozenset[str], int, object]] = {}


def _word_set(words) -> tuple[frozenset[str], int]:
    """The lexicon list as a set and its longest word, built once per list (lists are module constants)."""
    hit = _WORD_SETS.get(id(words))
    if hit is None or hit[2] is not words:
        hit = _WORD_SETS[id(words)] = (frozenset(words), max(map(len, words), default=0), words)
    return hit[0], hit[1]


def _ends_with_any(text: str, end: int, words) -> str | None:
    """The longest of ``words`` that ``text[:end]`` ends with (a set lookup per length)."""
    table, longest = _word_set(words)
    for n in range(min(longest, end), 0, -1):
        if text[end - n : end] in table:
            return text[end - n : end]
    return None


def _gaz_ending_at(text: str, end: int) -> str | None:
    best = None
    for n in range(min(end, 12), 1, -1):
        piece = text[end - n : end]
        if piece in L.GAZ_FORMS:
            best = piece
            break
    return best


@cache
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba, jieba.posseg.dt.word_tag_tab


def warm_up() -> None:
    """Load the segmentation dictionary now (about a second) rather than on the first article."""
    _jieba()
    from graph.intake.text import _t2s

    _t2s()


_BAD_FIRST_TAGS = (
    "d",
    "c",
    "p",
    "r",
    "u",
    "t",
    "m",
    "q",
    "y",
    "e",
    "f",
    "uj",
    "ul",
    "ud",
    "ug",
    "uv",
    "uz",
    "zg",
)


def _trim_left_words(name: str, stop_at: int, verbs: bool = True) -> int:
    """How many characters to drop from the front of ``name``: function words jieba sees there, and
    everything up to the last verb that cannot be inside a name (新区参加广湛指挥部 → 广湛指挥部)."""
    if _GAZ_RE.match(name):
        return 0  # 从化区驻…: a place name at the front is never a function word
    if name[:1] in ("兼", "任", "原") and _GAZ_RE.match(name, 1):
        return 1  # （…；兼花都区驻连山县工作组组长）, （原花都区驻…队长）: the post's word, not the name
    jieba, tags = _jieba()
    words = list(jieba.cut(name[: max(0, stop_at)], HMM=False))
    pos = 0
    cut = 0
    for word in words:
        pos += len(word)
        tag = tags.get(word, "x")
        if word in L.GAZ_FORMS and cut:
            break  # 兼任|白云区对口帮扶连州市工作组: the name starts at its place; verbs after it are its own
        if tag.startswith("v") and word not in L.NAME_VERBS and word not in L.GAZ_FORMS and len(word) > 1:
            cut = pos
    if cut and verbs and any(w in L.LEFT_STOPS for w in words):
        return cut
    drop = 0
    for word in words:
        tag = tags.get(word, "x")
        if word in L.GAZ_FORMS or (len(word) == 1 and word in _LEVEL_CHARS):
            break
        if name[drop + len(word) : drop + len(word) + 1] in ("镇", "村", "乡") and not _function_word(word):
            break  # 南头镇中心小学: a place named by its side starts the name
        if (
            tag.startswith(_BAD_FIRST_TAGS)
            and tag not in ("ns", "nt", "nz", "nr")
            and (len(word) > 1 or word in _ONE_CHAR_STOPS)
        ):
            drop += len(word)
            continue
        break
    return drop


#: A section number in brackets: (二), (3), 〔一〕.
_NUMBERING = re.compile(r"[(〔][一二三四五六七八九十\d]{1,3}[)〕]$")


def _ends_in_verb(t: str, a: int, b: int) -> bool:
    """Does ``t[a:b]`` end in a verb that is not part of a name (负责, 协调; not 帮扶, 驻)?"""
    jieba, tags = _jieba()
    words = list(jieba.cut(t[a:b], HMM=False))
    if not words:
        return False
    last = words[-1]
    return (
        len(last) > 1
        and tags.get(last, "").startswith("v")
        and last not in L.NAME_VERBS
        and last not in L.GAZ_FORMS
    )


def left_extent(text: str, start: int, limit: int = 30) -> int:
    """Where a name that ends its core at ``start`` begins: walk left over the name's characters."""
    i = start
    depth = 0  # inside (…) of a name: 中国(广州)国际金融交易博览会
    while i > 0 and start - i < limit:
        if (g := _gaz_ending_at(text, i)) and i - len(g) >= 0:
            i -= len(g)
            continue
        if w := _ends_with_any(text, i, L.NAME_INTERNAL):
            i -= len(w)
            continue
        w = _ends_with_any(text, i, L.LEFT_STOPS)
        # 广州市泰和混凝土有限公司: one character after a place, then 和, is a name (泰和)
        if w and not (w == "和" and i > 3 and _gaz_ending_at(text, i - 2)):
            break
        if (
            (t := L.TITLE.search(text[max(0, i - 6) : i]))
            and t.end() == min(i, 6)
            and not text[i:].startswith("会")
            and not _gaz_ending_at(text, i - 1)  # 蕉岭县长潭镇: 县长 is not a title here
        ):
            break
        c = text[i - 1]
        if c == ")" and _NUMBERING.search(text, max(0, i - 6), i):
            break  # (二)北京街道: a section's number is not part of the name
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                break
            depth -= 1
        elif not is_cjk(c) and c not in "-—·":
            break
        if c in _DIGITS or (
            c in _NUMERIC and i >= 2 and (text[i - 2] in _DIGITS or text[i - 2] in "这各两几")
        ):
            break
        i -= 1
    while i < start and text[i] in "-—·()":
        i += 1
    return i


# ----------------------------------------------------------------------- finding
#: A development zone after its city's name (珠海高新区, 佛山高新技术产业开发区).
_ZONE = re.compile(r"高新技术产业开发区|经济技术开发区|高新区|经开区")


def find_places(unit: Unit) -> list[Mention]:
    t = unit.text
    found: list[Mention] = []
    for m in _GAZ_RE.finditer(t):
        form = m.group()
        full = L.GAZ_FORMS[form]
        level = L.GAZETTEER[full][0]
        if form != full:
            nxt = t[m.end() : m.end() + 1]
            if form[-1] not in "区县市":  # 连山县 always counts; 连山 only before a place
                # a short form is a place when another place or a level word follows, or a place precedes
                prev_place = any(f.end == m.start() for f in found)
                if not (
                    prev_place
                    or nxt in _LEVEL_CHARS
                    or _GAZ_RE.match(t, m.end())
                    or _place_suffix_after(t, m.end())
                    or _paired_short(t, m.start(), m.end())
                ):
                    continue
            if nxt in ("区", "县", "市") and form + nxt != full:
                continue  # 梅县区 etc.: the suffix scan decides
            if nxt in ("镇", "乡", "村") and not _GAZ_RE.match(t, m.end()):
                continue  # 龙门县龙华镇 is a town named 龙华, not 深圳's 龙华区: the suffix scan takes it
        found.append(Mention(unit, m.start(), m.end(), "place", level=level, rule="place-gazetteer"))
    found.extend(_city_pair_abbreviations(unit, found))
    for z in _ZONE.finditer(t):  # 珠海高新区: a city's development zone is a place of district level
        city = [f for f in found if f.end == z.start() and f.level == "city"]
        if city:
            found.remove(city[0])
            found.append(Mention(unit, city[0].start, z.end(), "place", level="district", rule="place-zone"))
    taken = [(f.start, f.end) for f in found]
    for m in _PLACE_SUFFIX_RE.finditer(t):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            continue
        suffix = m.group()
        if _covered_by(t, s, e, L.NOT_PLACES, exempt_first=suffix in ("镇", "村", "社区")):
            continue
        if suffix in ("市", "区", "县", "省") and not _starts_after_place(t, s, found):
            # 市/区/县 names outside the gazetteer: only in a chain (…市XX区)
            continue
        body_start = s
        n = 0
        while body_start > 0 and n < 2 and is_cjk(t[body_start - 1]):
            if any(f.end == body_start for f in found):
                break
            body_start -= 1
            n += 1
        # a three-character name fits exactly between a boundary (or a larger place) and the suffix
        b3 = body_start - 1
        if (
            n == 2
            and b3 >= 0
            and is_cjk(t[b3])
            and t[b3] not in _ONE_CHAR_STOPS
            and t[b3] not in "驻赴至往派全各本该我省市县区镇乡村自从"
            and not (t[b3] in "年月日号" and (b3 == 0 or t[b3 - 1] in _NUMERIC or t[b3 - 1] in _DIGITS))
            and not any(f.end == body_start for f in found)
            and (b3 == 0 or not is_cjk(t[b3 - 1]) or any(f.end == b3 for f in found) or _stop_before(t, b3))
        ):
            body_start = b3
        body = t[body_start:s]
        if (
            n < 2
            or any(ch in _DIGITS or ch in "个两几各全本该每" for ch in body)
            or body[:2] in ("三家", "两家", "几家")
        ):
            continue
        if any(ch in _NOT_IN_PLACE_NAMES for ch in body):
            continue  # 项与村, 业与村: a word and a conjunction, not a name
        if (
            t[body_start:e] in L.NOT_PLACES
            or t[body_start:s] in L.NOT_PLACES  # 城市社区, 乡村社区: a word, not a name
            or t[body_start:s] in ("驻镇", "帮镇", "扶村", "镇村")
        ):
            continue
        if t[e : e + 1] == "化":
            continue  # 城镇化, 乡村化
        if suffix == "村" and _VILLAGE_WORD.match(t, e) and _function_or_verb(t[body_start:s]):
            continue  # 塘蓬村签订村企结对协议, 为新楼村修建村民广场: 村企/村民 are words, 签订/修建 no village
        if suffix in ("村", "镇") and t.startswith(_AFTER_VERB_WORDS, s) and _verb_or_adverb(t[body_start:s]):
            continue  # 带动村民, 建设镇级, 常回村里: a verb and a word starting 村/镇, no place
        if _KIND_PAIRING.match(t, e - 2):
            continue  # 举行区镇结对帮扶签约仪式: 区镇 is the kind of pairing, 行区镇 no town
        if _function_word(t[body_start:s]) and not (
            suffix in ("村", "社区")
            and (
                body_start == 0 or t[body_start - 1] in "与和及、," or any(f.end == body_start for f in found)
            )
        ):
            continue  # 陪同镇党委书记: 陪同 is a verb, not a town's name (but 与大同村结对: a village)
        if suffix == "街道" and t[e : e + 3].startswith(("办事处", "办")):
            continue  # 花城街道办事处 is an organisation
        mention = Mention(unit, body_start, e, "place", level=_PLACE_LEVEL[suffix], rule="place-suffix")
        found.append(mention)
        taken.append((body_start, e))
    found.sort(key=lambda f: f.start)
    return found


_FUNCTION_TAGS = ("d", "p", "c", "r", "u", "q", "t", "f")


_DASH = r"(?:—{1,2}|–|-|~|～)"
_PAIR_WORDS_AFTER = r"(?:对口帮扶|结对帮扶|帮扶|对口支援|对口协作)"
_SHORT_PAIRED_AFTER = re.compile(rf"(?:{_DASH}|{_PAIR_WORDS_AFTER})(?:{_GAZ_RE.pattern})")
_SHORT_PAIRED_BEFORE = re.compile(rf"(?:{_GAZ_RE.pattern})(?:{_DASH}|{_PAIR_WORDS_AFTER})$")


def _paired_short(t: str, start: int, end: int) -> bool:
    """A short form dashed or paired with another place (黄埔—五华, 花都帮扶清远): a place."""
    return bool(_SHORT_PAIRED_AFTER.match(t, end)) or bool(
        _SHORT_PAIRED_BEFORE.search(t[max(0, start - 16) : start])
    )


#: Two cities written by their first characters (广湛对口帮扶: 广州 and 湛江): the helping city's, then the
#: helped city's; only before a word of pairing or of the two places together.
_CITY_PAIR = re.compile(
    r"(?P<a>[广深佛东珠中])(?P<b>[湛清梅韶河茂肇阳云潮揭惠江])(?=对口|帮扶|结对|协作|两地|合作)"
)
_FIRST_CHAR_CITY = {
    full[0]: full for full, (level, _p, _s) in L.GAZETTEER.items() if level == "city" and full != "东莞市"
} | {"东": "东莞市"}


def _city_pair_abbreviations(unit: Unit, found: list[Mention]) -> list[Mention]:
    out = []
    for m in _CITY_PAIR.finditer(unit.text):
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        for g in ("a", "b"):
            full = _FIRST_CHAR_CITY.get(m[g])
            if full:
                out.append(
                    Mention(
                        unit,
                        m.start(g),
                        m.end(g),
                        "place",
                        level="city",
                        rule="place-abbreviation",
                        stands_for=full,
                    )
                )
    return out if len(out) == 2 else []


def _function_word(body: str) -> bool:
    """Is this two-character 'name' a verb, adverb or other function word in jieba's dictionary?"""
    if body in L.GAZ_FORMS:
        return False
    if body in L.LEFT_STOPS:
        return True
    _, tags = _jieba()
    tag = tags.get(body)
    if tag == "f" and body[0] in "东南西北" and body[1:] in ("头", "边", "坑", "岸"):
        return False  # 南头镇, 东头村, 南边村: places named by their side
    return tag is not None and tag.startswith(_FUNCTION_TAGS) and not tag.startswith(("ns", "nr", "nt", "nz"))


_VILLAGE_WORD = re.compile(r"企(?:结对|共建|联建|合作|携手|帮扶|共赢|对接)|民")
#: 区镇结对, 街镇结对, 镇镇结对: two levels naming the kind of a pairing
_KIND_PAIRING = re.compile(r"(?:区|县|市|街|镇)(?:镇|村)(?:结对|共建|联建|携手)")


_AFTER_VERB_WORDS = (
    "村民",
    "村里",
    "村内",
    "村集体",
    "村干部",
    "村级",
    "村庄",
    "镇区",
    "镇上",
    "镇里",
    "镇级",
    "镇域",
)


def _verb_or_adverb(body: str) -> bool:
    """A verb, adverb or adjective of jieba's dictionary (带动, 更多), or two characters it does not know
    (常回, 仅帮): never a place form of the gazetteer."""
    if body in L.GAZ_FORMS:
        return False
    _, tags = _jieba()
    tag = tags.get(body)
    return tag is None or tag in ("v", "vn", "vd", "d", "a", "ad", "an", "c", "p", "r", "u")


def _function_or_verb(body: str) -> bool:
    """A word of jieba's dictionary that is a verb or a function word, and no place form (签订, 开展)."""
    if body in L.GAZ_FORMS:
        return False
    _, tags = _jieba()
    tag = tags.get(body)
    return _function_word(body) or (tag is not None and tag.startswith("v"))


def _place_suffix_after(t: str, i: int) -> bool:
    """Does a two- or three-character place name follow (英德连江口镇, 连山太保镇)?"""
    m = _PLACE_SUFFIX_RE.search(t, i, i + 5)
    return m is not None and m.start() - i in (2, 3) and all(is_cjk(c) for c in t[i : m.start()])


def _stop_before(t: str, i: int) -> bool:
    """Does a word that ends a name on its left, or a verb, end at ``i`` (走访了|连江口镇), without
    making a word with the character after it (到访石岭镇: 到访 is a word, 访 is not a name's start)?"""
    if not (_ends_with_any(t, i, L.LEFT_STOPS) or _ends_with_any(t, i, L.PLACE_VERBS)):
        return False
    _, tags = _jieba()
    return t[i - 1 : i + 1] not in tags


def _starts_after_place(t: str, s: int, found: list[Mention]) -> bool:
    return any(f.end == s - 2 or f.end == s - 3 for f in found)


def _covered_by(t: str, s: int, e: int, words, exempt_first: bool = False) -> bool:
    """Is t[s:e] inside one of ``words`` written there (starting before s, or at s unless exempt_first)?"""
    table, longest = _word_set(words)
    for k in range(max(0, s - longest + 1), s + (0 if exempt_first else 1)):
        for n in range(max(e - k, 1), longest + 1):
            if t[k : k + n] in table:
                return True
    return False


def find_orgs(unit: Unit, places: list[Mention]) -> list[Mention]:
    t = unit.text
    place_ends = {p.end for p in places}
    place_starts = {p.start: p for p in places}
    found: list[Mention] = []
    for m in _ORG_SUFFIX_RE.finditer(t):
        s, e = m.start(), m.end()
        suffix = m.group()
        # the longest suffix ending here wins (有限公司 over 公司); the scan is longest-first at each start
        if suffix in SOFT_SUFFIXES:
            continue
        if t[e : e + 1] == "长" or (t[e : e + 1] in ("员", "委") and suffix in ("局", "部", "队", "组")):
            continue  # 副局长, 部长, 队员: a title, not a body
        if suffix == "委员会" and t[e : e + 2] in ("委员",):
            continue
        if _covered_by(t, s, e, _NOT_ORG_WORDS) or t[max(0, s - 1) : e] in ("驻工作队",):
            continue
        begin = left_extent(t, s)
        if begin < s:
            drop = _trim_left_words(t[begin:e], s - begin, verbs=_ORG_KIND[suffix] != "enterprise")
            if s - (begin + drop) < 2 and drop:
                continue  # 用于更换学校: a verb and a common noun, no name
            begin += drop
        # 禅城区中心医院负责|连滩镇卫生院: a verb between two names ends the first; the second starts at its place
        for p in places:
            if begin < p.start < s and _ends_in_verb(t, begin, p.start):
                begin = p.start
            if p.start < begin < p.end:
                begin = p.start  # 向北和镇中心卫生院: 和 is inside the town's name, not a word before it
        if suffix in WEAK_SUFFIXES and re.match(
            r"(?:[\u4e00-\u9fff]{2,4}(?:镇|村|区|县|市))?(?:建设|修建|新建|打造|改造|建成|筹建|扩建)",
            t[begin:s],
        ):
            continue  # 支持乌石镇建设渔港冷链仓储中心: a project to build, not a body
        body = t[begin:s]
        name = t[begin:e]
        if len(name) < 3 or len(body) < 1:
            continue
        if name in _NOT_ORG_WORDS or any(name.endswith(w) for w in _NOT_ORG_WORDS if len(w) >= 3):
            continue
        has_place = begin in place_starts or bool(_GAZ_RE.match(t, begin)) or body[:1] in _LEVEL_CHARS
        if suffix in WEAK_SUFFIXES and not has_place and len(body) < 2:
            continue
        if (
            suffix in WEAK_SUFFIXES
            and not has_place
            and suffix in ("局", "部", "中心", "厅", "委员会", "办公室")
        ):
            continue
        if (
            body
            in (
                "驻镇",
                "驻村",
                "该",
                "本",
                "各",
                "驻",
                "帮扶",
                "镇",
                "村",
                "区",
                "县",
                "市",
            )
            and suffix
            not in (
                "工作队",
                "工作组",
            )
            and not (body in ("区", "县", "市", "镇") and suffix not in ("局", "部", "中心"))
        ):
            continue
        if body in ("工作", "帮扶", "队") or (
            suffix == "街道" and (len(body) < 2 or body[-1:] in "各全本该镇个")
        ):
            continue
        kind = _ORG_KIND[suffix]
        if _inside_quote(t, begin, e):
            continue
        if suffix in ("区委", "县委", "市委", "省委", "镇委") and not has_place:
            continue  # 贯彻省委: a committee is named by its place
        if (
            kind == "party_organisation"
            and suffix in ("区委", "县委", "市委", "省委", "镇委")
            and e < len(t)
            and is_cjk(t[e])
        ):
            continue  # 花都区委统战部: the longer name is found at its own suffix
        found.append(Mention(unit, begin, e, "organization", kind=kind, rule="org-suffix"))
    for qm in _QUOTED_ALLIANCE.finditer(t):  # 进入花都-太保共建“红友圈”: an alliance named in quotes
        if not any(f.start <= qm.start("name") < f.end for f in found):
            found.append(
                Mention(
                    unit, qm.start("name"), qm.end("name"), "organization", kind="alliance", rule="org-quoted"
                )
            )
    for media in L.MEDIA:
        start = 0
        while (i := t.find(media, start)) >= 0:
            start = i + len(media)
            if not any(f.start <= i < f.end for f in found):
                found.append(Mention(unit, i, i + len(media), "organization", kind="media", rule="org-media"))
    # keep the longest mention among those starting at one place; drop a mention inside a longer one
    # unless it ends where the longer one's party or sub-unit ending starts (工作队 | 临时党支部)
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[Mention] = []
    for f in found:
        outer = next((k for k in kept if k.start <= f.start and f.end <= k.end and k is not f), None)
        if outer is None:
            kept.append(f)
        elif f.end < outer.end and outer.kind == "party_organisation" and f.start == outer.start:
            kept.append(f)  # 东风日产融资租赁公司 inside 东风日产融资租赁公司党支部
        elif f.end < outer.end and f.start > outer.start and f.end in place_ends:
            continue
    return kept


#: An alliance named in quotes after a word of joining or forming it (进入…共建“红友圈”, 组建“红联共建”联盟).
_QUOTED_ALLIANCE = re.compile(
    r"(?:进入|加入|组建|成立|组成|发起|打造)[^,。;“]{0,12}“(?P<name>[\u4e00-\u9fff]{1,10}(?:圈|联盟|共同体|同盟|联合体))”"
)


def _inside_quote(t: str, begin: int, end: int) -> bool:
    """Is t[begin:end] inside “…” without being the whole quoted text (“国家农民合作社示范社”)?"""
    opened = t.rfind("“", 0, begin + 1)
    if opened < 0 or t.rfind("”", 0, begin) > opened:
        return False
    close = t.find("”", end - 1)
    return close != end and close >= 0 and close - end > 0 and t[end:close].strip() != ""


_SAID = ("表示", "说", "介绍", "指出", "强调", "告诉", "谈到", "坦言", "感慨")


def _person_name_end(t: str, b: int, known: set[str]) -> int | None:
    """End of the name starting at ``b`` (a surname there), or None when no name starts there."""
    sl = 2 if t[b : b + 2] in L.COMPOUND_SURNAMES else 1
    if sl == 1 and t[b] not in L.SURNAMES:
        return None
    for n in (sl + 2, sl + 1):
        if b + n <= len(t) and t[b : b + n] in known:
            return b + n
    two, three = b + sl + 1, b + sl + 2
    if two > len(t) or not all(is_cjk(c) for c in t[b:two]):
        return None
    if two == len(t) or not is_cjk(t[two]):
        return two
    if t[two : two + 1] in ("来", "去", "到", "在") and t.startswith(_SAID, three):
        return three  # 陈东来表示: 来 is the name's, 表示 follows it
    if t.startswith(L.NAME_FOLLOWERS, two):
        return two
    if three <= len(t) and (three == len(t) or not is_cjk(t[three]) or t.startswith(L.NAME_FOLLOWERS, three)):
        return three
    jieba, tags = _jieba()
    if three < len(t) and t[three : three + 2] in tags and t[two : two + 2] not in tags:
        return three  # 罗文斌|全年: a word starts after the third character, none after the second
    first = next(iter(jieba.cut(t[b : b + 5])), "")
    if len(first) in (sl + 1, sl + 2) and tags.get(first, "nr") == "nr":
        return b + len(first)
    return three if three <= len(t) else None


_PERSON_TITLE = re.compile(rf"(?:{L.TITLE.pattern})|(?:{'|'.join(L.PRIVATE_ROLES)})")


def find_people(unit: Unit, known: set[str], orgs: list[Mention], places: list[Mention]) -> list[Mention]:
    """Names right after a title (or a private role), then names listed after them (甲、乙等)."""
    t = unit.text
    found: list[Mention] = []
    for m in _PERSON_TITLE.finditer(t):
        _a, b = m.start(), m.end()
        word = m.group()
        if t[b : b + 1] == " ":
            b += 1
        if t[b : b + 1] == "(" and (close := t.find(")", b, b + 6)) > 0:
            b = close + 1  # 副县长（挂职）周晓东
        if t[b : b + 1] == ":" and len(t[b + 1 :].strip()) <= 4:
            b += (
                1 + len(t[b + 1 :]) - len(t[b + 1 :].lstrip())
            )  # 队长、…党委副书记（挂职）：杨振宇 (a signature)
        if b >= len(t):
            continue
        if t[b : b + 1] in ("会", "处", "部", "室", "团", "班"):  # 委员会, 书记处: not a title here
            continue
        end = _person_name_end(t, b, known)
        if end is None:
            continue
        name = t[b:end]
        if any(o.start <= b < o.end for o in orgs) or any(p.start <= b < p.end for p in places):
            continue
        if name in known or _plausible_name(name):
            private = word in L.PRIVATE_ROLES
            found.append(Mention(unit, b, end, "person", rule="person-title", private=private, title=word))
    # titles after the name: 梁浩然（黄埔区政协副主席） / 何志斌目前挂任黎埠镇党委副书记
    for m in itertools.chain(_AFTER_NAME.finditer(t), _APPOSITIVE.finditer(t), _SECONDED.finditer(t)):
        b, e = m.start("name"), m.end("name")
        name = m["name"]
        if not (name[:1] in L.SURNAMES or name[:2] in L.COMPOUND_SURNAMES) or not _plausible_name(name):
            continue
        if any(o.start <= b < o.end for o in orgs):
            continue
        if any(f.start <= b < f.end and not (f.start == b and f.end == e) for f in found):
            continue  # the same name after a title before it too: 党工委书记陈永明（兼任…副组长）, two posts
        g = "chain" if m["chain"] else "chain2"
        found.append(
            Mention(
                unit,
                b,
                e,
                "person",
                rule="person-after",
                title=m["title"] or m["title2"],
                chain=(m.start(g), m.end(g)),
            )
        )
    # A second post after a titled name: 工作队副队长郑启航目前挂任可塘镇党委副书记, or in brackets:
    # 党工委书记陈永明（兼任白云区对口帮扶连州市工作组副组长）.
    seconds = ((_SECOND_POST, "title2", "chain2"), (_BRACKET_POST, "title", "chain"))
    for pattern, title, chain in seconds:
        for f in list(found):
            if f.rule == "person-title" and (second := pattern.match(t, f.end)):
                found.append(
                    Mention(
                        unit,
                        f.start,
                        f.end,
                        "person",
                        rule="person-after",
                        title=second[title],
                        chain=second.span(chain),
                    )
                )
    for m in _POST_BEFORE.finditer(t):  # 现挂任根子镇党委副书记的周海涛 / 作为…副总指挥，周文涛
        b = m.end()
        end = _person_name_end(t, b, known)
        if end is None or not _plausible_name(t[b:end]):
            continue
        if any(f.start <= b < f.end for f in found) or any(o.start <= b < o.end for o in orgs):
            continue
        found.append(
            Mention(unit, b, end, "person", rule="person-after", title=m["title2"], chain=m.span("chain2"))
        )
    # lists: 工作队队员王正跃、黄坦等 / 袁辉明、郭景祥以及…
    more: list[Mention] = []
    for f in found:
        j = f.end
        while j < len(t) and t[j] in "、和及":
            end = _person_name_end(t, j + 1, known)
            if end is None or not _plausible_name(t[j + 1 : end]):
                break
            if any(o.start <= j + 1 < o.end for o in orgs):
                break
            after = t[end : end + 1]
            if after not in ("、", "等", ",", "。", "") and not t.startswith(L.NAME_FOLLOWERS, end):
                break
            more.append(
                Mention(unit, j + 1, end, "person", rule="person-list", private=f.private, title=None)
            )
            j = end
    return found + more


_AFTER_NAME = re.compile(
    rf"(?:^|(?<=[、,:;。有和及])|(?<=干部)|(?<=同志)|(?<=队员)|(?<=选派的))(?P<name>[\u4e00-\u9fff]{{2,4}}?)"
    rf"(?:\((?:兼任|现任|挂任|时任|任)?(?P<chain>[^()]{{2,40}}?(?P<title>{L.TITLE.pattern}))(?:,[^(),]{{1,6}})?\)"
    rf"|(?:,(?=(?:目前|现)?(?:挂任|担任|出任|现任|兼任)))?"
    rf"(?:目前|现|已|同时|还|也|并|另)?(?:挂任|担任|出任|现任|兼任|是|系)"
    rf"(?P<chain2>[^,。;()]{{2,30}}?(?P<title2>{L.TITLE.pattern})(?:、[^,。;()、是任]{{0,12}}?(?:{L.TITLE.pattern}))*)"
    rf"(?=[,。;、]))"
)
_BRACKET_POST = re.compile(
    rf"\((?:兼任|现任|挂任|时任|任)(?P<chain>[^()]{{2,40}}?(?P<title>{L.TITLE.pattern}))(?:,[^(),]{{1,6}})?\)"
)
#: A post taken up, after a name that has a title before it (副队长郑启航目前挂任可塘镇党委副书记).
_SECOND_POST = re.compile(
    rf"(?:目前|现|已|同时|还|并)?(?:挂任|担任|出任|兼任)"
    rf"(?P<chain2>[^,。;()]{{2,30}}?(?P<title2>{L.TITLE.pattern})(?:、[^,。;()、是任]{{0,12}}?(?:{L.TITLE.pattern}))*)"
    rf"(?=[,。;、])"
)
#: Posts written before the name with 的 or 作为: 现挂任根子镇党委副书记的周海涛, 作为…副总指挥，周文涛还提出.
_POST_BEFORE = re.compile(
    rf"(?:(?:现|目前|已)?(?:挂任|担任|现任|兼任|出任)|作为)(?P<chain2>[^,。;()“”]{{2,30}}?(?P<title2>{L.TITLE.pattern}))"
    rf"(?:的|,)(?P<chain>)(?P<title>)(?P<name>)"
)
#: 选派干部关志明到罗镜镇挂职，任镇党委委员、副镇长: a seconded post in the clause after.
_SECONDED = re.compile(
    rf"(?:^|(?<=[、,:;。])|(?<=干部)|(?<=同志)|(?<=选派))(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?P<chain>)(?P<title>)"
    rf"(?:到|赴|在)[^,。;]{{2,16}}?挂职,(?:任|担任|挂任)"
    rf"(?P<chain2>[^,。;()]{{2,30}}?(?P<title2>{L.TITLE.pattern}))(?=[,。;])"
)
#: 朱家明，连江口镇党委书记，…: a sentence that opens with a name and its post between commas.
_APPOSITIVE = re.compile(
    rf"(?:^|(?<=[。;!?]))(?P<name>[\u4e00-\u9fff]{{2,4}}?),(?P<chain>)(?P<title>)"
    rf"(?P<chain2>[^,。;()]{{2,30}}?(?P<title2>{L.TITLE.pattern}))(?=[,。;])"
)


def _plausible_name(name: str) -> bool:
    if len(name) < 2 or len(name) > 4:
        return False
    if any(
        name.endswith(w) for w in ("镇", "村", "区", "县", "市", "省", "部", "局", "委", "队", "组", "会")
    ):
        return False
    if len(name) == 3 and name[1:] == "振兴" and name[0] in L.SURNAMES:
        return True  # 罗振兴, 李振兴: a given name, not 乡村振兴
    return not any(w in name for w in ("发展", "工作", "帮扶", "乡村", "振兴", "企业", "党"))


def find_known(
    unit: Unit, names: dict[str, tuple[str, str | None, str | None]], taken: list[Mention]
) -> list[Mention]:
    """Further mentions of names the article already gave (雄业物流, 袁辉明表示)."""
    t = unit.text
    out: list[Mention] = []
    spans = [(m.start, m.end) for m in taken]
    for name in sorted(names, key=len, reverse=True):
        etype, kind, level = names[name]
        start = 0
        while (i := t.find(name, start)) >= 0:
            start = i + 1
            j = i + len(name)
            if any(a < j and i < b for a, b in spans):
                continue
            if (
                etype == "person"
                and j < len(t)
                and is_cjk(t[j])
                and not t.startswith(L.NAME_FOLLOWERS, j)
                and t[j] in L.SURNAMES
                and len(name) == 2
            ):
                continue
            if (
                etype == "person"
                and i > 0
                and is_cjk(t[i - 1])
                and t[i - 1] not in "、和与及"
                and not _ends_with_any(t, i, L.LEFT_STOPS)
            ) and not L.TITLE.search(t[max(0, i - 6) : i]):
                continue
            out.append(Mention(unit, i, j, etype, kind=kind, level=level, rule="known-name"))
            spans.append((i, j))
    return out


# ------------------------------------------------------------------ coreference
_LEGAL = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "公司")
_PLACE_PREFIX = re.compile(
    rf"^(?:(?:{_GAZ_RE.pattern})|(?:[\u4e00-\u9fff]{{2}}|[^驻在到赴往派全各本该我农业镇村乡\W\d][^镇村乡\W\d]{{2}})"
    rf"(?:镇|(?<!城)乡|街道|村|社区)(?!委|人民|政府))"
)


def split_place_prefix(name: str) -> tuple[list[str], str]:
    """(the places at the front of a name, the rest): 广州市花都区委统战部 → ([广州市, 花都区], 委统战部)."""
    places: list[str] = []
    rest = name
    while m := _PLACE_PREFIX.match(rest):
        if len(m.group()) == len(rest) or _ends_with_any(
            m.group(), len(m.group()), ("帮扶镇", "帮镇", "扶村", "镇村")
        ):
            break
        p = m.group()
        places.append(L.GAZ_FORMS.get(p, p))
        rest = rest[len(p) :]
    return places, rest


#: A development zone between a company's place and its name (广州开发区丰泽食品…): not part of the core.
_ZONE_PREFIX = re.compile(
    r"^(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|保税区|自贸区|新区)"
)


def enterprise_core(name: str) -> str:
    _, rest = split_place_prefix(name)
    if (zone := _ZONE_PREFIX.match(rest)) and len(rest) - zone.end() >= 6:
        rest = rest[zone.end() :]
    for legal in _LEGAL:
        if rest.endswith(legal) and len(rest) > len(legal) + 1:
            return rest[: -len(legal)]
    return rest


@dataclass
class Context:
    """What an article is about: its home district, county and town (for 区慈善会, 驻镇工作队)."""

    by_level: dict[str, list[str]] = field(default_factory=dict)
    team_targets: list[str] = field(default_factory=list)
    year: int | None = None  # the article's year (its date, else the latest year it names)
    published: tuple[int, int, int] | None = None  # the article's full date, when the page gives one

    def only(self, level: str) -> str | None:
        """The article's own place of this level: the only one, or the one most of the mentions name."""
        names = self.by_level.get(level, [])
        if not names:
            return None
        best = max(set(names), key=names.count)
        return best if names.count(best) >= 0.6 * len(names) else None


def org_key(name: str, kind: str | None, ctx: Context, inherited: str | None = None) -> tuple:
    """What two mentions of one organisation share (see the module docstring)."""
    if name.endswith(("街道办事处", "街道办")):
        name = name[: name.rindex("街道") + 2]  # 花城街道办事处 is 花城街道
    places, rest = split_place_prefix(name)
    if kind in ("work_team",) and "驻" in name:
        after = name[name.rindex("驻") + 1 :]
        tplaces, _ = split_place_prefix(after)
        target = tplaces[-1] if tplaces else None
        if after.startswith(("镇", "村")) or target is None:
            target = (ctx.team_targets[0] if len(set(ctx.team_targets)) == 1 else None) or after
        return ("team", target, name[-3:])
    if kind == "work_team" and places:
        return ("team", places[-1], name[-3:])
    if kind == "enterprise":
        return ("enterprise", enterprise_core(name))
    place = places[-1] if places else None
    if place is None and rest[:1] in _LEVEL_CHARS and len(rest) > 2:
        level = _LEVEL_CHARS[rest[0]]
        place = inherited if inherited and _level_of(inherited) == level else ctx.only(level)
        if place:
            rest = rest[1:]
        else:
            place = rest[0]
            rest = rest[1:]
    elif place is None:
        place = inherited
    if rest in PARTY_DEPARTMENTS and place and _level_of(place) in ("district", "county", "city", "province"):
        rest = "委" + rest  # 海珠区委常委、统战部部长: the district committee's 统战部 (区委统战部)
    return ("org", place, abbreviated(rest))


def abbreviated(rest: str) -> str:
    """A department's name in its short form (卫生健康局 → 卫健局), so both forms share a key."""
    for full, short in L.ABBREVIATION_OF:
        if rest.endswith(full):
            return rest[: -len(full)] + short
    return rest


#: Departments of a district's (county's, city's) party committee: 统战部 after a district is 区委统战部.
PARTY_DEPARTMENTS = ("统战部", "组织部", "宣传部", "政法委", "农办", "编办", "两新工委", "社会工作部")


def _level_of(place: str) -> str | None:
    if place in L.GAZETTEER:
        return L.GAZETTEER[place][0]
    for suffix, level in L.PLACE_SUFFIXES:
        if place.endswith(suffix):
            return level
    return None


def expanded_name(name: str, key: tuple) -> str:
    """The full name of a short form, from its key (区工商联 → 花都区工商联)."""
    if key[0] == "org" and key[1] and not name.startswith(key[1]):
        places, _rest = split_place_prefix(name)
        if not places:
            if name[:1] in _LEVEL_CHARS and key[2] == name[1:]:
                return key[1] + key[2]
            if key[2] == name:
                return key[1] + name
            if key[2] == "委" + name:  # 统战部 → 海珠区委统战部
                return key[1] + key[2]
    return name


def place_key(name: str) -> tuple:
    return ("place", L.GAZ_FORMS.get(name, name))
