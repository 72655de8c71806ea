"""Towns: who works there, pairings village by village, donations by year, events, people, awards.

One pure data function over the rows of the named queries in ``cypher/towns/`` (``TOWN_QUERIES``,
each taking ``$town`` — a town id, or null for every town — and ``$include_private``), shared by the
report (blocking driver), the JSON API and the explorer's town page (``Store.read``)::

    rows = {key: await store.read(name, town="taibao", include_private=False)
            for key, name in TOWN_QUERIES.items()}
    page = town_data(rows)

``town_data`` reads one town's rows; ``towns_overview`` summarises every town in the rows (run the
queries with ``town=None``); ``split_by_town`` gives each town its own rows.

What the articles say is kept apart from what they leave out: a village whose partner no article names
is "文中未载结对企业" (the article names no partner), never "no partner"; what an article states about
coverage (``coverage_stated``, e.g. 全覆盖) stands beside what is recorded, with its quote. Donations keep
money and goods apart; a cumulative figure (``amount_scope: cumulative``, 累计) is shown as a running
total and never added to the gifts it includes; a joint gift (``amount_scope: joint``) counts once per
``gift_key``. Amounts are written as people write them (20.5万元, 近30万元, 140余万元) and dates in Chinese
(2021年12月14日), marked 推定 when the year or date is inferred.

Evidence is read only through ``graph.views.evidence``, so quotes are whatever the store serves the
caller (redacted for anonymous readers).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph import views

#: The named queries a town needs (key → cypher file). All take ``$town`` and ``$include_private``.
TOWN_QUERIES = {
    "town": "towns/towns",
    "parties": "towns/parties",
    "villages": "towns/villages",
    "donations": "towns/donations",
    "events": "towns/events",
    "people": "towns/people",
    "awards": "towns/awards",
    "sources": "towns/sources",  # titles, publishers, dates: no statement counts (seconds on a province)
}

#: Partners that count for pairing coverage (千企帮千镇 万企兴万村 pairs enterprises with villages).
PARTNER_KINDS = ("enterprise", "enterprise_group")
NAMED = "文中载有结对企业"
NOT_NAMED = "文中未载结对企业"

FORMS = {"money": "资金", "goods": "物资", "money_and_goods": "款物"}


# ------------------------------------------------------------------ Chinese text
def date_text(value: str | None, inferred: bool = False) -> str | None:
    """``2021-12-14`` → 2021年12月14日, ``2024-03`` → 2024年3月, ``2023`` → 2023年; 推定 when inferred.

    >>> date_text("2021-12-14", inferred=True)
    '2021年12月14日（推定）'
    """
    if not value:
        return None
    parts = str(value).split("-")
    text = f"{parts[0]}年"
    if len(parts) > 1:
        text += f"{int(parts[1])}月"
    if len(parts) > 2:
        text += f"{int(parts[2])}日"
    return text + ("（推定）" if inferred else "")


def prop_date(props: dict[str, Any], name: str = "date") -> dict[str, Any] | None:
    """A stored date property (``date``, ``date_inferred``, ``date_note``) as {value, year, inferred, text}."""
    value = props.get(name)
    if not value:
        return None
    inferred = bool(props.get(f"{name}_inferred"))
    return {
        "value": str(value),
        "year": str(value)[:4],
        "inferred": inferred,
        "text": date_text(str(value), inferred),
        "note": props.get(f"{name}_note"),
    }


def _number(v: float) -> str:
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "") if v < 10000 else text


def yuan_text(value: float | None, qualifier: str | None = None) -> str | None:
    """An amount as people write it: 205000 → 20.5万元; 近 300000 → 近30万元; 余 1400000 → 140余万元.

    >>> yuan_text(1400000, "余"), yuan_text(300000, "近"), yuan_text(850)
    ('140余万元', '近30万元', '850元')
    """
    if value is None:
        return None
    q = qualifier if qualifier in ("余", "多", "近", "约") else ""
    if value >= 100_000_000:
        number, unit = _number(value / 100_000_000), "亿元"
    elif value >= 10_000:
        number, unit = _number(value / 10_000), "万元"
    else:
        number, unit = _number(value), "元"
    if q in ("余", "多"):
        return f"{number}{q}{unit}"
    return f"{q}{number}{unit}"


def sum_text(total: float, approximate: bool) -> str:
    return (yuan_text(total) or "") + ("（含约数）" if approximate else "")


def join(names: list[str], empty: str = "") -> str:
    return "、".join(n for n in names if n) or empty


# ------------------------------------------------------------------ sources and evidence
class SourceIndex(dict):
    """Sources by id ({id, title, publisher, date, label}) and whose quotes to show: ``private`` is
    whether the caller may read private persons (``graph.views.evidence`` redacts them otherwise)."""

    def __init__(self, items: dict[str, dict[str, Any]], private: bool = False):
        super().__init__(items)
        self.private = private


def source_refs(rows: list[dict[str, Any]], private: bool = False) -> SourceIndex:
    """The sources of ``api/sources`` rows, for citing to a caller who may (``private``) or may not
    read private persons."""
    out = {}
    for r in rows:
        s = r["s"]
        d = prop_date(s)
        out[s["id"]] = {
            "id": s["id"],
            "title": s.get("title") or s.get("name") or s["id"],
            "publisher": s.get("publisher"),
            "date": d,
            "label": source_label(s.get("title") or s.get("name") or s["id"], s.get("publisher"), d),
        }
    return SourceIndex(out, private)


def source_label(title: str, publisher: str | None, date: dict[str, Any] | None) -> str:
    """《title》（publisher，2024年3月（推定））"""
    extra = "，".join(x for x in (publisher, date["text"] if date else None) if x)
    return f"《{title}》" + (f"（{extra}）" if extra else "")


def cite(props: dict[str, Any], sources: SourceIndex) -> list[dict[str, Any]]:
    """The evidence of a stored node or relationship as the caller may read it (redacted unless
    ``sources.private``), each quote with its source's title and publisher."""
    return [
        {
            "source_id": e["source_id"],
            "source_title": sources.get(e["source_id"], {}).get("title", e["source_id"]),
            "publisher": sources.get(e["source_id"], {}).get("publisher"),
            "quote": e["quote"],
        }
        for e in views.evidence(props, getattr(sources, "private", False))
    ]


def ref(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": props["id"],
        "name": props.get("name"),
        "type": props.get("type"),
        "kind": props.get("kind") or props.get("level"),
    }


# ------------------------------------------------------------------ rows
def split_by_town(rows: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Each town's own rows (``sources`` rows are shared), in the order of the ``town`` rows."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {
        r["town"]: {k: [] for k in rows} for r in rows.get("town", [])
    }
    for key, items in rows.items():
        for r in items:
            if key == "sources":
                for town in out.values():
                    town["sources"].append(r)
            elif r.get("town") in out:
                out[r["town"]][key].append(r)
    return out


def stated_coverage(t: dict[str, Any], sources: SourceIndex) -> dict[str, Any] | None:
    """What an article states about the town's pairing coverage: {text, quotes}, or None.

    The quotes are those of the town's evidence that say it (contain the stated words, or else 覆盖);
    none when no quote of the town says it.
    """
    text = t.get("coverage_stated")
    if not text:
        return None
    quotes = cite(t, sources)
    return {
        "text": text,
        "quotes": [q for q in quotes if text in q["quote"]] or [q for q in quotes if "覆盖" in q["quote"]],
    }


def counts_stated(t: dict[str, Any]) -> str | None:
    """How many villages and communities the articles say the town has: 7个村、1个社区."""
    parts = []
    for name, unit in (("village_count", "个村"), ("community_count", "个社区")):
        if t.get(name) is not None:
            parts.append(f"{int(t[name])}{t.get(f'{name}_unit') or unit}")
    return "、".join(parts) or None


def stated_total(t: dict[str, Any]) -> int | None:
    counts = [t.get("village_count"), t.get("community_count")]
    return int(sum(c for c in counts if c is not None)) if any(c is not None for c in counts) else None


def coverage_note(
    recorded: int,
    named: list[str],
    not_named: list[str],
    stated: dict[str, Any] | None = None,
    counts: str | None = None,
    total: int | None = None,
) -> str:
    """One plain sentence: what the articles state about coverage beside what is recorded.

    >>> coverage_note(3, ["上坪村", "沙坪村"], ["莲塘村"], {"text": "全覆盖"}, "7个村、1个社区", 8)
    '文中称：全覆盖；该镇有7个村、1个社区，文中具名3个，其中2个载明结对企业（上坪村、沙坪村），莲塘村文中未载结对企业。'
    """
    head = f"文中称：{stated['text']}；" if stated else "文中未说明结对覆盖情况；"
    return head + record_note(recorded, named, not_named, counts)


def record_note(recorded: int, named: list[str], not_named: list[str], counts: str | None = None) -> str:
    """What is recorded, in one sentence: how many villages are named, and whose partner is named."""
    if counts:
        head = f"该镇有{counts}，文中具名{recorded}个"
    else:
        head = f"文中具名{recorded}个村（社区）"
    if not recorded:
        return head + "。"
    if not not_named:
        tail = f"，均载明结对企业（{join(named)}）"
    elif not named:
        tail = f"，{join(not_named)}文中均未载结对企业"
    else:
        tail = f"，其中{len(named)}个载明结对企业（{join(named)}），{join(not_named)}文中未载结对企业"
    return head + tail + "。"


# ------------------------------------------------------------------ the parts of a town
def _roles(r: dict[str, Any]) -> list[str]:
    roles = [x for x in (r.get("basis"), r.get("role")) if x]
    since = prop_date(r, "since")
    if since:
        roles.append(f"{since['text']}以来")
    return roles


def _add_role(roles: list[str], role: str) -> None:
    """Add ``role`` unless a role already says it (帮扶 is in 对口帮扶); drop the roles it says."""
    if any(role in r for r in roles):
        return
    roles[:] = [r for r in roles if r not in role] + [role]


def _parties(rows: list[dict[str, Any]], sources: SourceIndex) -> dict[str, list[dict[str, Any]]]:
    """Group the parties' links into who they are for the town (one entry per party)."""
    by_id: dict[str, dict[str, Any]] = {}
    for row in rows:
        a, r, rel, via = row["a"], row["r"], row["rel"], row.get("via")
        p = by_id.setdefault(
            a["id"],
            {**ref(a), "roles": [], "links": set(), "via": None, "team": None, "evidence": [], "leaders": []},
        )
        p["links"].add(rel)
        for role in _roles(r):
            _add_role(p["roles"], role)
        if via is None:
            p["direct"] = True
            p["via"] = None  # linked to the town itself: what else it is linked to is said in its roles
        elif not p.get("direct"):
            p["via"] = {"id": via["id"], "name": via.get("name")}
        if via is not None and rel == "PAIRS_WITH":
            _add_role(p["roles"], f"与{via.get('name')}对口")
        elif via is not None and rel == "LOCATED_IN":
            _add_role(p["roles"], f"驻{via.get('name')}")
        elif via is not None and rel == "MEMBER_OF":
            p["team"] = {"id": via["id"], "name": via.get("name")}
        p["evidence"].extend(cite(r, sources))
    groups: dict[str, list[dict[str, Any]]] = {
        "helping_places": [],
        "work_teams": [],
        "district_bodies": [],
        "group_units": [],
        "town_partners": [],
        "others": [],
    }
    for p in by_id.values():
        links = p.pop("links")
        p.pop("direct", None)
        if p["type"] == "place":
            groups["helping_places"].append(p)
        elif p["kind"] == "work_team":
            groups["work_teams"].append(p)
        elif "MEMBER_OF" in links:
            groups["group_units"].append(p)
        elif p["kind"] in PARTNER_KINDS:
            groups["town_partners"].append(p)
        elif p["kind"] in ("government_body", "party_organisation"):
            groups["district_bodies"].append(p)
        else:
            groups["others"].append(p)
    for items in groups.values():
        # the town's own (via None) first, then by name
        items.sort(key=lambda p: (p["via"] is not None, p["name"] or ""))
    return groups


def _villages(rows, sources, t):
    villages = []
    for row in rows:
        v = row["v"]
        partners: list[dict[str, Any]] = []
        others: list[dict[str, Any]] = []
        for item in row["partners"]:
            entry = {**ref(item["a"]), "roles": _roles(item["r"]), "evidence": cite(item["r"], sources)}
            (partners if entry["kind"] in PARTNER_KINDS else others).append(entry)
        villages.append(
            {
                **ref(v),
                "partners": partners,
                "other_partners": others,
                "partner_named": bool(partners),
                "status": NAMED if partners else NOT_NAMED,
                "groups": [
                    {"name": g["g"].get("name"), "members": sorted(g["members"])} for g in row["groups"]
                ],
                "events": sorted(row["events"]),
                "evidence": cite(v, sources)[:1],
            }
        )
    villages.sort(key=lambda v: (not v["partner_named"], v["name"]))
    return villages


def _donation(row, sources) -> dict[str, Any]:
    r, a, b = row["r"], row["a"], row["b"]
    amount = r.get("amount")
    goods = r.get("goods")
    form = r.get("form") or (
        "money_and_goods" if amount is not None and goods else "goods" if goods else "money"
    )
    qualifier = r.get("amount_qualifier")
    return {
        "id": r["id"],
        "donors": [a.get("name")],
        "donor_ids": [a["id"]],
        "recipient": b.get("name"),
        "recipient_id": b["id"],
        "date": prop_date(r),
        "since": prop_date(r, "since"),
        "form": form,
        "scope": r.get("amount_scope") or "gift",
        "gift_key": r.get("gift_key"),
        "amount": amount,
        "approximate": bool(r.get("amount_approximate")),
        "amount_text": yuan_text(amount, qualifier) if amount is not None else None,
        "amount_as_written": r.get("amount_text"),
        "goods": goods,
        "purpose": r.get("purpose"),
        "coordinated_by": r.get("coordinated_by"),
        "evidence": cite(r, sources),
    }


def _donations(rows, sources) -> dict[str, Any]:
    gifts: list[dict[str, Any]] = []
    joint: dict[str, dict[str, Any]] = {}
    cumulative = []
    for row in rows:
        d = _donation(row, sources)
        if d["scope"] == "cumulative":
            cumulative.append(d)
        elif d["scope"] == "joint" and d["gift_key"]:
            if d["gift_key"] in joint:  # one gift shared by several donors: counted once
                j = joint[d["gift_key"]]
                j["donors"] += [n for n in d["donors"] if n not in j["donors"]]
                j["donor_ids"] += [n for n in d["donor_ids"] if n not in j["donor_ids"]]
                j["evidence"] += [e for e in d["evidence"] if e not in j["evidence"]]
            else:
                joint[d["gift_key"]] = d
                gifts.append(d)
        else:
            gifts.append(d)
    years: dict[str, dict[str, Any]] = {}
    for d in gifts:
        key = d["date"]["year"] if d["date"] else ""
        y = years.setdefault(
            key,
            {
                "year": key or None,
                "inferred": False,
                "label": f"{key}年" if key else "年份未载",
                "money": {"total": 0, "approximate": False, "count": 0, "unstated": 0},
                "goods": [],
                "money_and_goods": {"total": 0, "approximate": False, "count": 0, "unstated": 0},
                "items": [],
            },
        )
        y["items"].append(d)
        if d["date"] and d["date"]["inferred"]:
            y["inferred"] = True
        if d["form"] == "goods":
            y["goods"].append(d["goods"] + (f"（价值{d['amount_text']}）" if d["amount_text"] else ""))
            continue
        acc = y["money"] if d["form"] == "money" else y["money_and_goods"]
        acc["count"] += 1
        if d["amount"] is None:
            acc["unstated"] += 1
        else:
            acc["total"] += d["amount"]
            acc["approximate"] = acc["approximate"] or d["approximate"]
    ordered = sorted(years.values(), key=lambda y: (y["year"] is None, y["year"] or ""))
    for y in ordered:
        if y["inferred"]:
            y["label"] += "（推定）"
        if y["year"] is None:
            y["reported"] = _reported(y["items"], sources)
            if y["reported"]:
                r = y["reported"]
                y["label"] += f"（报道于{date_text(r['value'])}{'，推定' if r['inferred'] else ''}）"
        for form in ("money", "money_and_goods"):
            y[form]["text"] = _acc_text(y[form], [i for i in y["items"] if i["form"] == form])
        y["goods"] = list(dict.fromkeys(y["goods"]))
    for c in cumulative:
        c["text"] = _cumulative_text(c, sources)
    money: dict[str, Any] = {"total": 0, "approximate": False, "count": 0, "unstated": 0}
    for y in ordered:
        for k in ("total", "count", "unstated"):
            money[k] += y["money"][k]
        money["approximate"] = money["approximate"] or y["money"]["approximate"]
    money["text"] = _acc_text(money, [i for i in gifts if i["form"] == "money"])
    return {"years": ordered, "cumulative": cumulative, "money": money, "gifts": len(gifts)}


def _reported(items: list[dict[str, Any]], sources: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The latest date of the articles that report these items (an undated gift happened by then)."""
    dates = [
        sources[e["source_id"]]["date"]
        for d in items
        for e in d["evidence"]
        if sources.get(e["source_id"], {}).get("date")
    ]
    return max(dates, key=lambda x: x["value"]) if dates else None


def _acc_text(acc: dict[str, Any], items: list[dict[str, Any]]) -> str | None:
    if not acc["count"]:
        return None
    stated = acc["count"] - acc["unstated"]
    if stated == 1:  # one stated amount: as written
        text = next(d["amount_text"] for d in items if d["amount"] is not None)
    elif stated:
        text = sum_text(acc["total"], acc["approximate"])
    else:
        text = "金额未载"
    if stated and acc["unstated"]:
        text += f"，另{acc['unstated']}笔金额未载"
    return text


def _cumulative_text(d: dict[str, Any], sources: dict[str, dict[str, Any]]) -> str:
    """截至2024年3月（推定），花都-太保共建“红友圈”累计…140余万元（款物）."""
    asof = d["date"] or _reported([d], sources)  # a running total is "as of" its article's date
    head = f"截至{asof['text']}" if asof else "截至报道时"
    since = f"{d['since']['text']}以来" if d["since"] else ""
    what = FORMS.get(d["form"], "")
    return f"{head}，{since}{join(d['donors'])}累计{'捐赠' + what if what else '捐赠'}{d['amount_text'] or '（金额未载）'}"


def _events(rows, sources) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        e = row["e"]
        facts = [e[k] for k in ("trees_planted_text", "participants_text") if e.get(k)]
        out.append(
            {
                **ref(e),
                "kind_text": views.KIND_LABELS.get(e.get("kind"), e.get("kind")),
                "date": prop_date(e),
                "end_date": prop_date(e, "end_date"),
                "date_text": _span_text(prop_date(e), prop_date(e, "end_date")) or "日期未载",
                "part_of": row.get("part_of"),
                "hosts": [h["name"] for h in row["hosts"]],
                "participants": [p["name"] for p in row["participants"]],
                "places": row["places"],
                "visits": row["visits"],
                "facts": facts,
                "note": e.get("note"),
                "evidence": cite(e, sources)[:1],
            }
        )
    out.sort(key=lambda e: (e["date"] is None, e["date"]["value"] if e["date"] else "", e["name"] or ""))
    return out


def _span_text(start: dict[str, Any] | None, end: dict[str, Any] | None) -> str | None:
    if start is None:
        return None
    if end is None or end["value"] == start["value"]:
        return start["text"]
    s, t = start["value"].split("-"), end["value"].split("-")
    if len(s) == len(t) == 3 and s[:2] == t[:2]:
        text = (date_text(start["value"]) or "").removesuffix("日") + f"日至{int(t[2])}日"
    else:
        text = f"{date_text(start['value'])}至{date_text(end['value'])}"
    return text + ("（推定）" if start["inferred"] or end["inferred"] else "")


def _people(rows, event_rows, sources) -> list[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for row in rows:
        p = row["p"]
        people[p["id"]] = {
            "id": p["id"],
            "name": p.get("name"),
            "positions": [
                {"title": x["h"].get("title"), "org": x["o"]["name"], "evidence": cite(x["h"], sources)[:1]}
                for x in row["positions"]
            ],
            "roles": [],
        }
    for row in event_rows:
        for x in row["participants"]:
            if x.get("type") != "person":
                continue
            p = people.setdefault(
                x["id"],
                {
                    "id": x["id"],
                    "name": x["name"],
                    "positions": [
                        {"title": q["title"], "org": q["org"], "evidence": []} for q in x["positions"]
                    ],
                    "roles": [],
                },
            )
            role = row["e"].get("name") + (f"（{x['role']}）" if x.get("role") else "")
            if role not in p["roles"]:
                p["roles"].append(role)
    for p in people.values():
        p["positions_text"] = join(
            list(dict.fromkeys(position_text(q["org"], q["title"]) for q in p["positions"]))
        )
    return sorted(people.values(), key=lambda p: (-len(p["positions"]), p["name"] or ""))


def position_text(org: str, title: str | None) -> str:
    """A post as people write it: 太保镇 + 镇长 → 太保镇镇长; the title's repeat of the body is dropped.

    >>> position_text("花都区驻太保镇工作队临时党支部", "临时党支部书记")
    '花都区驻太保镇工作队临时党支部书记'
    >>> position_text("太保镇", "太保镇党委副书记、镇长")
    '太保镇党委副书记、镇长'
    """
    if not title:
        return org
    if title.startswith(org):
        return title
    for k in range(min(len(org), len(title)), 1, -1):
        if org.endswith(title[:k]):
            return org + title[k:]
    return org + title


def _awards(rows, sources) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        a, r, b = row["a"], row["r"], row["b"]
        when = prop_date(r) or prop_date(b, "year")
        out.append(
            {
                "winner": a.get("name"),
                "winner_id": a["id"],
                "award": b.get("name"),
                "level": b.get("level"),
                "conferred_by": b.get("conferred_by"),
                "date": when,
                "date_text": when["text"] if when else "时间未载",
                "evidence": cite(r, sources)[:1],
            }
        )
    return sorted(out, key=lambda x: (x["date"] is None, x["date"]["value"] if x["date"] else "", x["award"]))


# ------------------------------------------------------------------ the town
def town_data(rows: dict[str, list[dict[str, Any]]], private: bool = False) -> dict[str, Any]:
    """Everything a town page or report section shows about one town, as plain (JSON) data.

    Parameters
    ----------
    rows : dict
        The rows of ``TOWN_QUERIES`` for one town (run with ``town=<id>``, or one entry of
        ``split_by_town``).
    private : bool
        Whether the caller may read private persons: the ``include_private`` the rows were read
        with. Quotes are the originals then, and redacted (``graph.views.evidence``) otherwise.

    Returns
    -------
    dict
        ``town`` (name, the places above, counts the articles state), ``stationed`` (helping places,
        work teams with leaders, district bodies, 组团 units, enterprises paired with the town),
        ``coverage`` (villages with the partners the articles name and ``status``; ``stated`` — what an
        article states, with its quotes; ``note``), ``donations`` (by year, money and goods apart;
        ``cumulative`` running totals; ``money`` the total of gifts), ``events`` (a timeline),
        ``people``, ``awards``, ``sources`` (those cited) and ``findings`` (plain Chinese sentences).

    Raises
    ------
    KeyError
        When the rows hold no town (an unknown id, or not a town).
    """
    if not rows.get("town"):
        raise KeyError("town")
    town_row = rows["town"][0]
    t = town_row["t"]
    sources = source_refs(rows.get("sources", []), private)
    leaders: dict[str, list[str]] = defaultdict(list)
    people = _people(rows.get("people", []), rows.get("events", []), sources)
    for p in people:
        for q in p["positions"]:
            if q["title"] and any(w in q["title"] for w in ("队长", "组长")):
                leaders[q["org"]].append(f"{q['title']}{p['name']}")
    stationed = _parties(rows.get("parties", []), sources)
    for team in stationed["work_teams"] + stationed["group_units"]:
        team["leaders"] = leaders.get(team["name"], [])
    villages = _villages(rows.get("villages", []), sources, t)
    named = [v["name"] for v in villages if v["partner_named"]]
    not_named = [v["name"] for v in villages if not v["partner_named"]]
    stated = stated_coverage(t, sources)
    counts = counts_stated(t)
    total = stated_total(t)
    coverage = {
        "stated": stated,
        "counts_stated": counts,
        "total_stated": total,
        "villages": villages,
        "recorded": len(villages),
        "partner_named": len(named),
        "without_named_partner": not_named,
        "unrecorded": max(total - len(villages), 0) if total is not None else None,
        "town_partners": stationed["town_partners"],
        "note": coverage_note(len(villages), named, not_named, stated, counts, total),
        "recorded_note": record_note(len(villages), named, not_named, counts),
    }
    above = town_row.get("above") or []
    data = {
        "town": {
            **ref(t),
            "above": above,
            "place": "".join(
                p["name"] for p in reversed(above) if p.get("level") in ("city", "county", "district")
            ),
            "counts_stated": counts,
            "evidence": cite(t, sources)[:2],
        },
        "stationed": stationed,
        "coverage": coverage,
        "donations": _donations(rows.get("donations", []), sources),
        "events": _events(rows.get("events", []), sources),
        "people": people,
        "awards": _awards(rows.get("awards", []), sources),
    }
    used = _used_sources(data)
    data["sources"] = [
        sources[s]
        for s in sorted(used, key=lambda s: (sources[s]["date"] or {}).get("value", ""))
        if s in sources
    ]
    data["findings"] = findings(data)
    return data


def _used_sources(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        if "source_id" in data and "quote" in data:
            found.add(data["source_id"])
        for v in data.values():
            found |= _used_sources(v)
    elif isinstance(data, list):
        for v in data:
            found |= _used_sources(v)
    return found


def towns_overview(rows: dict[str, list[dict[str, Any]]], private: bool = False) -> list[dict[str, Any]]:
    """One line per town (for lists and the report's overview): who is stationed, coverage, money given."""
    out = []
    for town_rows in split_by_town(rows).values():
        d = town_data(town_rows, private)
        s, c = d["stationed"], d["coverage"]
        latest = max((e["date"]["value"] for e in d["events"] if e["date"]), default=None)
        out.append(
            {
                "town": d["town"],
                "helping_places": [p["name"] for p in s["helping_places"]],
                "work_teams": [p["name"] for p in s["work_teams"]],
                "group_units": [p["name"] for p in s["group_units"]],
                "villages_recorded": c["recorded"],
                "villages_partner_named": c["partner_named"],
                "coverage_stated": c["stated"]["text"] if c["stated"] else None,
                "counts_stated": c["counts_stated"],
                "money": d["donations"]["money"],
                "events": len(d["events"]),
                "latest_event": latest,
            }
        )
    return out


# ------------------------------------------------------------------ findings in plain Chinese
def _party_text(p: dict[str, Any], said: str = "") -> str:
    """A party with its roles and leaders, leaving out what the heading ``said`` already."""
    extra = [r for r in p["roles"] if not (said and r in said)] + p.get("leaders", [])
    return p["name"] + (f"（{join(extra)}）" if extra else "")


def findings(d: dict[str, Any]) -> list[dict[str, str]]:
    """The key findings of a town, each {topic, text}: stationed, pairings, coverage, donations, gaps."""
    s, c, don = d["stationed"], d["coverage"], d["donations"]
    out = []
    who = []
    for heading, items in (
        ("驻镇帮扶", [p for p in s["work_teams"] if not p["via"]]),
        ("对口帮扶", s["helping_places"]),
        ("帮扶单位", s["district_bodies"]),
        ("组团单位、组团帮扶", s["group_units"]),
        ("驻县", [p for p in s["work_teams"] if p["via"]]),
    ):
        if items:
            who.append(heading.split("、")[0] + "：" + join([_party_text(p, heading) for p in items]))
    out.append(
        {"topic": "谁在帮扶", "text": "；".join(who) + "。" if who else "文中未载驻镇或对口帮扶单位。"}
    )

    pairs = [
        f"{v['name']}—{join([_party_text(p) for p in v['partners']])}"
        for v in c["villages"]
        if v["partner_named"]
    ]
    text = ("村企结对：" + "；".join(pairs) + "。") if pairs else "文中未载村企结对。"
    if s["town_partners"]:
        text += "与全镇结对：" + join([_party_text(p) for p in s["town_partners"]]) + "。"
    out.append({"topic": "结对", "text": text})

    cov = c["note"]
    if c["stated"] and c["stated"]["quotes"]:
        q = c["stated"]["quotes"][0]
        cov += f"原文：“{q['quote']}”（《{q['source_title']}》）"
    out.append({"topic": "覆盖", "text": cov})

    gifts = []
    for y in don["years"]:
        parts = []
        if y["money"]["text"]:
            parts.append("资金" + y["money"]["text"])
        if y["money_and_goods"]["text"]:
            parts.append("款物" + y["money_and_goods"]["text"])
        if y["goods"]:
            parts.append("物资：" + join(y["goods"]))
        donors = join(list(dict.fromkeys(n for i in y["items"] for n in i["donors"])))
        gifts.append(f"{y['label']}，{join(parts, '捐赠')}（{donors}）")
    text = ("；".join(gifts) + "。") if gifts else "文中未载捐赠。"
    for cum in don["cumulative"]:
        text += cum["text"] + "（累计数，不与单笔相加）。"
    out.append({"topic": "捐赠", "text": text})

    gaps = []
    if c["unrecorded"]:
        gaps.append(f"{c['unrecorded']}个村（社区）文中未具名")
    alike: dict[str, list[str]] = {}  # villages without a named partner, grouped by what else is said
    for v in c["villages"]:
        if not v["partner_named"]:
            context = [f"与{join(g['members'])}同在{g['name']}" for g in v["groups"]]
            context += [f"见于{e}" for e in v["events"]]
            alike.setdefault("；".join(context), []).append(v["name"])
    for context_text, names in alike.items():
        gaps.append(f"{join(names)}文中未载结对企业" + (f"（{context_text}）" if context_text else ""))
    unstated = sum(
        1 for y in don["years"] for i in y["items"] if i["amount"] is None and i["form"] != "goods"
    )
    if unstated:
        gaps.append(f"{unstated}笔捐赠未载金额")
    undated = sum(1 for e in d["events"] if e["date"] is None)
    if undated:
        gaps.append(f"{undated}项活动未载日期")
    out.append({"topic": "缺口", "text": ("；".join(gaps) + "。") if gaps else "未见明显缺口。"})
    return out
