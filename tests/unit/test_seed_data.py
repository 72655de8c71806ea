"""The seed dataset and its validation (no server needed)."""

from __future__ import annotations

import re

import pytest
import yaml

from graph.errors import SeedValidationError
from graph.loader import SEED_DATA_DIR, read_seed_files, validate
from graph.model import ARTICLES_DIR, flatten_property, schema

SEED_FILES = sorted(SEED_DATA_DIR.glob("*.yaml"))


def _all_quotes():
    for path in SEED_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = (ARTICLES_DIR / doc["source"]["properties"]["article_file"]).read_text(encoding="utf-8")
        items = [("source", doc["source"])]
        items += [(f"entity {e['id']}", e) for e in doc.get("entities", [])]
        items += [(f"{r['type']} {r['from']}->{r['to']}", r) for r in doc.get("relationships", [])]
        for what, item in items:
            for quote in item["evidence"]:
                yield path.name, what, quote, article


ALL_QUOTES = list(_all_quotes())


def test_there_is_one_seed_file_per_story():
    assert [p.name for p in SEED_FILES] == [
        "huguang-greening.yaml",
        "taibao-dec14-activity.yaml",
        "taibao-return-visit.yaml",
    ]


@pytest.mark.parametrize(
    "file,what,quote,article", ALL_QUOTES, ids=[f"{f}:{w}:{i}" for i, (f, w, _, _) in enumerate(ALL_QUOTES)]
)
def test_every_quote_is_verbatim(file, what, quote, article):
    """Independent of the loader: the quote, whitespace removed, is in the article."""
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert len(squeeze(quote)) >= 4, f"{what}: quote too short to be evidence"
    assert squeeze(quote) in squeeze(article), f"{file} {what}: {quote!r}"


def test_every_fact_has_evidence():
    for path in SEED_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in [doc["source"], *doc["entities"], *doc["relationships"]]:
            assert item.get("evidence"), (path.name, item.get("id") or item.get("type"))


def test_seed_files_are_valid_and_cover_every_type():
    sources = validate(read_seed_files())
    types = {n.type for s in sources for n in s.nodes}
    assert types == set(schema().entity_types)
    rel_types = {r.type for s in sources for r in s.rels}
    assert {
        "pairs_with",
        "donates_to",
        "hosts_event",
        "holds_position",
        "part_of",
        "received_award",
        "signs_agreement",
        "supports",
    } <= rel_types


def test_children_are_not_recorded():
    text = "".join(p.read_text(encoding="utf-8") for p in SEED_FILES)
    for child in ("黄丽珠", "梁嘉欣"):
        assert child not in text


def test_farmers_are_private():
    sources = validate(read_seed_files())
    people = {n.id: n for s in sources for n in s.nodes if n.type == "person"}
    assert people["zhu-yanhong"].props["private"] is True
    assert people["zheng-shu"].props["private"] is True
    assert people["mo-xinyong"].props["private"] is False


def test_the_articles_key_figures_are_in_the_data():
    sources = validate(read_seed_files())
    rels = {r.id: r for s in sources for r in s.rels}
    dec14 = rels["donates_to--huadu-17-caring-enterprises--taibao"].props
    assert dec14["amount"] == 205000 and dec14["amount_approximate"] is False
    jiaotou = rels["donates_to--guangzhou-jiaotou--huguang"].props
    assert (jiaotou["amount"], jiaotou["amount_qualifier"], jiaotou["amount_max"]) == (300000, "近", 300000)
    assert "amount_min" not in jiaotou
    circle = rels["donates_to--huadu-taibao-red-circle--taibao"].props
    assert (circle["amount"], circle["amount_min"], circle["amount_approximate"]) == (1400000, 1400000, True)
    nodes = {n.id: n for s in sources for n in s.nodes}
    assert nodes["huadu-taibao-red-circle"].props["member_count"] == 54
    assert nodes["huadu-taibao-red-circle"].props["people_covered"] == 562
    assert nodes["liantang-lion-dance-project"].props["planned_investment"] == 15000000


def test_inferred_dates_are_marked():
    sources = validate(read_seed_files())
    nodes = {n.id: n for s in sources for n in s.nodes}
    ev = nodes["taibao-theme-activity-2021-12-14"].props
    assert (ev["date"], ev["date_precision"], ev["date_inferred"]) == ("2021-12-14", "day", True)
    src = nodes["xkb-taibao-return-visit"].props
    assert (src["date_precision"], src["date_inferred"]) == ("month", True)


@pytest.mark.parametrize(
    "kind,value,expected",
    [
        ("money", {"value": 205000}, {"amount": 205000, "amount_min": 205000, "amount_max": 205000}),
        ("money", {"value": 1400000, "qualifier": "余"}, {"amount_min": 1400000, "amount_approximate": True}),
        ("money", {"value": 300000, "qualifier": "近"}, {"amount_max": 300000, "amount_qualifier": "近"}),
        ("money", {"value": 300000, "qualifier": "约"}, {"amount_approximate": True}),
    ],
)
def test_money_keeps_the_qualifier_and_its_bound(kind, value, expected):
    flat = flatten_property("amount", kind, value)
    assert flat["amount_currency"] == "CNY"
    for key, val in expected.items():
        assert flat[key] == val
    if value.get("qualifier") == "约":
        assert "amount_min" not in flat and "amount_max" not in flat


BROKEN = """
source:
  id: broken-source
  name: 坏文件
  properties: {article_file: 000_cc065a1ba74b6c23.txt, date: "2024-13"}
  evidence: [回访交流促提升]
entities:
  - {id: taibao, type: place, level: town, name: 太保镇, evidence: [携手推进太保镇高质量发展]}
  - {id: ghost, type: spaceship, name: 飞船, evidence: [太保镇]}
  - {id: nobody, type: person, name: 无名, evidence: []}
  - {id: made-up, type: organization, kind: enterprise, name: 编造公司, evidence: [这句话不在文章里]}
relationships:
  - {type: donates_to, from: made-up, to: taibao, properties: {amount: {value: -5}}, evidence: [携手推进太保镇高质量发展]}
  - {type: pairs_with, from: unknown-company, to: taibao, evidence: [携手推进太保镇高质量发展]}
"""


def test_validation_reports_every_problem_with_file_and_path(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SeedValidationError) as info:
        validate(read_seed_files([bad]))
    text = str(info.value)
    problems = info.value.problems
    assert all(p.file == str(bad) for p in problems)
    assert "nothing was written" in text
    # pydantic-level problems are reported before the semantic pass: the empty evidence list
    assert any("entities.2.evidence" in p.path for p in problems), text


def test_semantic_problems_are_all_reported(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN.replace("evidence: []", "evidence: [太保镇党政代表]"), encoding="utf-8")
    with pytest.raises(SeedValidationError) as info:
        validate(read_seed_files([bad]))
    msgs = [f"{p.path}: {p.message}" for p in info.value.problems]
    joined = "\n".join(msgs)
    assert "unknown entity type 'spaceship'" in joined
    assert "quote not found in the article" in joined and "这句话不在文章里" in joined
    assert "reference to an unknown id 'unknown-company'" in joined
    assert "bad money" in joined and "greater than or equal to 0" in joined
    assert "bad date" in joined and "month must be 01-12" in joined
    assert len(msgs) >= 5


def test_unreadable_yaml_is_a_problem_not_a_crash(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: [unclosed", encoding="utf-8")
    with pytest.raises(SeedValidationError, match="not valid YAML"):
        validate(read_seed_files([bad]))


def test_conflicting_declarations_across_files_are_reported(tmp_path):
    text = (SEED_DATA_DIR / "huguang-greening.yaml").read_text(encoding="utf-8")
    other = tmp_path / "conflict.yaml"
    other.write_text(
        text.replace("id: xkb-huguang-greening", "id: xkb-other").replace(
            "level: town\n    name: 湖光镇", "level: village\n    name: 湖光镇"
        ),
        encoding="utf-8",
    )
    with pytest.raises(SeedValidationError, match=r"huguang.*declared as place"):
        validate(read_seed_files([SEED_DATA_DIR / "huguang-greening.yaml", other]))
