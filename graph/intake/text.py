"""The article as text: the original kept as written, a normalised view for matching, and the map between.

Matching runs on the *normalised* view: NFKC (full-width digits, letters and punctuation become ASCII:
``２０.５万元`` → ``20.5万元``, ``，`` → ``,``) and Traditional → Simplified (OpenCC ``t2s``, bundled with
the ``opencc`` wheel: no download). Every normalised character remembers the index of the original
character it came from, so a quote is always cut from the ORIGINAL text (Traditional stays Traditional).

The article is then cut into *units* (paragraphs, with lines that a page break split mid-sentence
joined again), minus page furniture (nav crumbs, 来源/编辑/审核 trailers, share bars, ICP footers),
and units into sentences and clauses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from graph.intake import lexicon


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character for character when a phrase rule would change the length."""
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    conv = _t2s().convert
    return "".join(c if len(d := conv(c)) != 1 else d for c in text)


#: Share of Chinese characters that OpenCC changes, above which an article is taken as Traditional.
#: Simplified news has none or a handful (乾塘镇, 於, 著 are valid Simplified characters that ``t2s``
#: would still change); a Traditional article has a third or more.
TRADITIONAL_SHARE = 0.05


def is_traditional(text: str) -> bool:
    """Is ``text`` written in Traditional characters (its share of characters ``t2s`` changes)?"""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return False
    conv = _t2s().convert
    changed = sum(1 for c in set(cjk) if conv(c) != c)
    distinct = len(set(cjk))
    return changed >= 5 and changed >= TRADITIONAL_SHARE * distinct


def normalise(text: str, traditional: bool | None = None) -> tuple[str, list[int]]:
    """(normalised text, index of the original character of each normalised character).

    Traditional → Simplified only when the article is Traditional (``is_traditional``): a Simplified
    article keeps every character as written (乾塘镇 stays 乾塘镇, not 干塘镇)."""
    chars: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(text):
        if c in "\r":
            continue
        n = c if c.isascii() else unicodedata.normalize("NFKC", c)
        if c == "\u3000":
            n = " "
        for d in n:
            chars.append(d)
            pos.append(i)
    out = "".join(chars)
    if traditional is None:
        traditional = is_traditional(out)
    return (to_simplified(out) if traditional else out), pos


@dataclass(eq=False, repr=False)
class Span:
    """A piece of one unit in normalised coordinates: ``text`` is ``unit.text[start:end]``."""

    unit: Unit
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    def quote(self) -> str:
        return self.unit.quote(self.start, self.end)


@dataclass(eq=False, repr=False)
class Unit:
    """A paragraph (or heading, caption, byline) of the article, its line breaks removed.

    ``text`` is normalised; ``pos[i]`` is the index in the original of ``text[i]``.
    """

    article: Article
    text: str
    pos: list[int]
    kind: str = "body"  # body | heading | caption | byline | title | crumb (a navigation crumb's last item)

    def __repr__(self) -> str:
        return f"Unit({self.kind} {self.text[:30]!r})"

    def quote(self, start: int, end: int) -> str:
        """The original text of ``text[start:end]``, verbatim but for line breaks inside it."""
        start, end = _trim(self.text, start, end)
        if start >= end:
            return ""
        raw = self.article.original[self.pos[start] : self.pos[end - 1] + 1]
        return re.sub(r"[ \t\u3000]*\n\s*", "", raw).strip()

    def sentences(self) -> list[Span]:
        return [Span(self, a, b) for a, b in split_sentences(self.text)]


_TRIM = " \t,;:、。.!?()\"“”'‘’"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t,;:、":
        start += 1
    while end > start and text[end - 1] in " \t,;:、":
        end -= 1
    return start, end


_SENTENCE_END = re.compile(r"[。!?;]+[”’」』\"]?|…{1,2}[”’」』\"]?")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a unit: after 。！？； (and a closing quote that follows)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            out.append((start, m.end()))
            start = m.end()
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence: cut at commas, semicolons and colons outside “…”."""
    out, start, depth = [], 0, 0
    for i, c in enumerate(text):
        if c in "“「『(":
            depth += 1
        elif c in "”」』)" and depth:
            depth -= 1
        elif c in ",;:" and depth == 0:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


@dataclass(eq=False, repr=False)
class Article:
    """One article: the original text, its units, its title and byline."""

    original: str
    units: list[Unit] = field(default_factory=list)
    title: Unit | None = None
    bylines: list[Unit] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # the original lines dropped as page furniture
    published: str | None = None  # a date line of the page (发布时间 2024-03-20), normalised text
    traditional: bool = False  # written in Traditional characters: matched in Simplified, quoted as written

    @property
    def body(self) -> list[Unit]:
        return [u for u in self.units if u.kind in ("body", "caption")]


_TERMINAL = tuple("。!?;…”」』)")
_CAPTION = re.compile(r"^\s*[■▲●◆△▼□◇▽]")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _continues(line: str) -> bool:
    """Does this line stop mid-sentence (a page or column break), so the next line continues it?"""
    if line.endswith(_TERMINAL) or line.endswith(":"):
        return False
    return "," in line or (len(line) >= 40 and " " not in line)


def _unit_kind(lines: list[tuple[int, int]], norm: str) -> str:
    if len(lines) > 1:
        return "body"
    text = norm[lines[0][0] : lines[0][1]] if lines else ""
    return "body" if text.endswith(_TERMINAL) or "," in text or len(text) > 60 else "heading"


def parse_article(original: str) -> Article:
    """Cut an article into units; page furniture is left out (and listed in ``furniture``)."""
    article = Article(original, traditional=is_traditional(original))
    norm, pos = normalise(original, article.traditional)
    lines: list[tuple[int, int]] = []  # (start, end) in norm of each non-empty line, stripped
    start = 0
    for m in re.finditer(r"\n", norm + "\n"):
        a, b = start, m.start()
        start = m.end()
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        if b > a:
            lines.append((a, b))

    pending: list[tuple[int, int]] = []  # lines of the unit being built

    def flush(kind: str = "body") -> None:
        if not pending:
            return
        text = "".join(norm[a:b] for a, b in pending)
        positions = [p for a, b in pending for p in pos[a:b]]
        article.units.append(Unit(article, text, positions, kind))
        pending.clear()

    for a, b in lines:
        line = norm[a:b]
        if lexicon.is_furniture(line):
            flush()
            article.furniture.append(original[pos[a] : pos[b - 1] + 1])
            if (crumb := lexicon.CRUMB.search(line)) and line.count(">") + line.count("»") >= 2:
                # the column a page sits in may state a pairing (专题专栏 > 斗门—信宜对口帮扶)
                ca, cb = a + crumb.start("last"), a + crumb.end("last")
                article.units.append(Unit(article, norm[ca:cb], pos[ca:cb], "crumb"))
            if article.published is None and (pm := lexicon.PUBLISHED.search(line)):
                article.published = pm.group(1)
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            pending.append((a + heading.end(), b))
            flush("heading")
            continue
        if lexicon.BYLINE.search(line) and len(line) < 80:
            flush()
            pending.append((a, b))
            flush("byline")
            continue
        if _CAPTION.match(line):
            flush()
            pending.append((a, b))
            flush("caption")
            continue
        if pending and not _continues(norm[pending[-1][0] : pending[-1][1]]):
            flush(_unit_kind(pending, norm))
        pending.append((a, b))
    flush(_unit_kind(pending, norm))

    for u in article.units:  # the title: the first heading-like unit before the body starts
        if u.kind in ("heading", "body") and len(u.text) <= 60 and not u.text.endswith("。"):
            if u.text.endswith(":") and u is not article.units[-1]:
                continue  # a kicker line (广州市…工作队:) above the real title
            u.kind = "title"
            article.title = u
            break
        if u.kind == "body":
            break
    article.bylines = [u for u in article.units if u.kind == "byline"]
    return article
