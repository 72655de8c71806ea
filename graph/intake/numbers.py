"""Amounts of money (近30万元, 20.5万元, 140余万元, 价值5000元, 二十万元) and dates (12月14日, 2024年3月).

Amounts become ``{value (元), qualifier, text}`` as ``graph/schema.yaml``'s ``money`` type wants:
余/多/逾/超过 → a lower bound (余 or 多), 近 → an upper bound, 约/左右 → approximate.
Chinese numerals go through cn2an.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = (
    r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]"
    r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]*"
    r"(?:点[零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]+)?)"
)
MONEY = re.compile(
    rf"(?P<pre>价值|近|约|逾|超过|超|达|共计|合计|总计|累计|共|计|人民币|RMB)?"
    rf"(?P<pre2>近|约|逾|超过|人民币)?"
    rf"(?P<num>{_NUM})(?P<q1>余|多)?(?P<scale>万|亿|千|百)?(?P<q2>余|多)?(?P<unit>元|块)"
    rf"(?P<post>左右|以上)?"
)
SCALES = {None: 1, "": 1, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True)
class Money:
    value: float
    qualifier: str  # exact | 余 | 多 | 近 | 约
    text: str
    start: int
    end: int
    valued: bool  # 价值N元: the value of goods

    def as_property(self) -> dict:
        v = int(self.value) if float(self.value).is_integer() else round(self.value, 2)
        return {"value": v, "qualifier": self.qualifier, "text": self.text}


def to_number(text: str) -> float | None:
    """A number written in digits or Chinese numerals (二十 → 20, 一百二十 → 120)."""
    try:
        return float(text)
    except ValueError:
        pass
    import cn2an

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text`` with its qualifier (exact when none)."""
    out = []
    for m in MONEY.finditer(text):
        n = to_number(m["num"])
        if n is None:
            continue
        value = n * SCALES[m["scale"]]
        pre = {m["pre"], m["pre2"]}
        if "近" in pre:
            q = "近"
        elif "约" in pre or m["post"] == "左右":
            q = "约"
        elif m["q1"] or m["q2"]:
            q = m["q1"] or m["q2"]
        elif pre & {"逾", "超过", "超"} or m["post"] == "以上":
            q = "余"
        else:
            q = "exact"
        start = (
            m.start("num")
            if m["pre"] in (None, "价值", "共计", "合计", "总计", "累计", "共", "计", "达") and not m["pre2"]
            else m.start()
        )
        if m["pre"] in ("近", "约", "逾", "超过", "超"):
            start = m.start()
        out.append(Money(value, q, text[start : m.end()], start, m.end(), m["pre"] == "价值"))
    return out


# ----------------------------------------------------------------------- dates
DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|去年|前年))?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])[日号])?"
    r"(?:(?:至|到|-|—)(?:(?P<m2>1[0-2]|0?[1-9])月)?(?P<d2>3[01]|[12]\d|0?[1-9])[日号])?"
)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


@dataclass(frozen=True)
class DateMention:
    year: int | None
    month: int
    day: int | None
    end_month: int | None
    end_day: int | None
    start: int
    end: int
    relative: str | None  # 今年 | 去年 | 前年


def find_dates(text: str) -> list[DateMention]:
    out = []
    for m in DATE.finditer(text):
        out.append(
            DateMention(
                int(m["y"]) if m["y"] else None,
                int(m["m"]),
                int(m["d"]) if m["d"] else None,
                int(m["m2"]) if m["m2"] else (int(m["m"]) if m["d2"] else None),
                int(m["d2"]) if m["d2"] else None,
                m.start(),
                m.end(),
                m["rel"],
            )
        )
    return out


def date_value(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]
