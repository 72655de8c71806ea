"""The intake evaluation set (tests/intake/README.md) is well formed and grounded in its articles.

For every ``NN-slug.txt`` + ``NN-slug.gold.yaml`` pair in devset/, heldout/, heldout2/, heldout3/ and heldout4/: the article
decodes in the encoding its gold file declares, the gold file loads, and every name the gold file uses (relationship ends,
``names``, ``links``, ``distinct``, ``private``) is written in the article (compared with all whitespace
removed). Links and distinct entries point at real seed ids.
"""

import datetime as dt
import functools
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent
SEED_DATA = HERE.parents[1] / "seed" / "data"
SETS = {"devset": 39, "heldout": 5, "heldout2": 6, "heldout3": 8, "heldout4": 8}
GOLD_FILES = sorted(p for name in SETS for p in (HERE / name).glob("*.gold.yaml"))

KEYS = {"article", "encoding", "meta", "features", "names", "relationships", "links", "distinct", "private"}
TYPES = {"holds_position", "pairs_with", "signs_agreement", "donates_to"}
QUALIFIERS = {"exact", "余", "多", "近", "约"}
FORMS = {"money", "goods", "money_and_goods"}
SCOPES = {"gift", "joint", "cumulative"}

# Traditional -> Simplified for the characters the Traditional article's names and titles use, so that its
# Simplified aliases can be checked against the article too.
T2S = str.maketrans(
    "區學幫廣強書會溫縣製記誠遠鄉鄒鎮長陳隊駐黃黨偉",
    "区学帮广强书会温县制记诚远乡邹镇长陈队驻黄党伟",
)


def compact(text: str) -> str:
    return "".join(text.split())


@functools.cache
def documented_features() -> frozenset[str]:
    readme = (HERE / "README.md").read_text(encoding="utf-8").split("## Features", 1)[1]
    return frozenset(line.split("`")[1] for line in readme.splitlines() if line.startswith("| `"))


@functools.cache
def seed_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for path in SEED_DATA.glob("*.yaml"):
        for entity in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]:
            names.setdefault(entity["id"], set()).update([entity["name"], *entity.get("aliases", [])])
    return names


def test_every_set_is_complete():
    for name, count in SETS.items():
        folder = HERE / name
        articles = {p.name for p in folder.glob("*.txt")}
        golds = {p.name.removesuffix(".gold.yaml") + ".txt" for p in folder.glob("*.gold.yaml")}
        assert articles == golds, f"{name}: articles without gold or gold without article"
        assert len(golds) == count, f"{name}: {len(golds)} pairs, expected {count}"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_is_well_formed_and_grounded(gold_path: Path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    assert set(gold) == KEYS, f"keys: {sorted(set(gold) ^ KEYS)}"
    article = gold_path.with_name(gold["article"])
    assert article.name == gold_path.name.removesuffix(".gold.yaml") + ".txt"
    raw = article.read_bytes()
    text = compact(raw.decode(gold["encoding"]))  # strict: a wrong encoding fails here
    if gold["encoding"] != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")  # it really is saved in the declared encoding
    simplified = text.translate(T2S)

    def written(name: str) -> bool:
        return compact(name) in text

    meta = gold["meta"]
    assert written(meta["title"]), meta["title"]
    assert meta["publisher"] is None or written(meta["publisher"]), meta["publisher"]
    date = meta["date"]
    assert date is None or isinstance(date, dt.date) or set(date) == {"year", "month", "day"}, date
    assert gold["features"] and set(gold["features"]) <= documented_features(), "feature not in README.md"

    for canonical, aliases in gold["names"].items():
        assert written(canonical), f"canonical name not in the article: {canonical}"
        spoken = [n for n in [canonical, *aliases] if written(n) or compact(n) in simplified]
        for alias in aliases:
            # an alias is written (as is, or in Simplified for the Traditional article), or expands a written form
            assert alias in spoken or any(compact(s) in compact(alias) for s in spoken), alias

    seen = set()
    for rel in gold["relationships"]:
        assert rel["type"] in TYPES, rel
        assert written(rel["from"]) and written(rel["to"]), f"end not in the article: {rel}"
        assert rel["from"] != rel["to"], rel
        ends = (rel["from"], rel["to"])
        key = (rel["type"], *(sorted(ends) if rel["type"] == "signs_agreement" else ends), rel.get("amount"))
        assert key not in seen, f"duplicate: {rel}"
        seen.add(key)
        if rel["type"] == "holds_position":
            assert set(rel) == {"type", "from", "to", "title"} and written(rel["title"]), rel
        elif rel["type"] == "donates_to":
            assert rel["form"] in FORMS and rel["scope"] in SCOPES, rel
            if rel["amount"] is None:
                assert "qualifier" not in rel, rel
            else:
                assert rel["amount"] > 0 and rel["qualifier"] in QUALIFIERS, rel
            assert set(rel) <= {"type", "from", "to", "amount", "qualifier", "form", "scope", "goods"}, rel
        else:
            assert set(rel) == {"type", "from", "to"}, rel
    joint = [r for r in gold["relationships"] if r.get("scope") == "joint"]
    for rel in joint:  # a joint gift has several donors sharing one amount and recipient
        assert sum(r["to"] == rel["to"] and r["amount"] == rel["amount"] for r in joint) > 1, rel

    seed = seed_names()
    for link in gold["links"]:
        assert written(link["name"]) and link["id"] in seed, link
        assert set(link) <= {"name", "id", "offer"}, link
    for other in gold["distinct"]:
        assert written(other["name"]) and other["name"] in seed[other["not_id"]] and other["why"], other
    ends = {r[end] for r in gold["relationships"] for end in ("from", "to")}
    for person in gold["private"]:
        assert written(person) and person not in ends, f"private person {person} in a fact"
