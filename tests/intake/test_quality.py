"""Quality floors on the dev sets (bench/intake_eval.py), and every draft quote verbatim in its article.

Floors are set just under what the extractor measured when they were last raised (docs/intake.md gives
the figures); the targets (recall 0.85, precision 0.90 per scored type) are asserted on dev set B.
"""

from __future__ import annotations

import json

import pytest

from bench.intake_eval import DEVSET_B, SCORED, load_devset_a, load_gold_dir, run, score_draft
from graph.intake import Meta, finish, prepare
from graph.model import normalise_for_quote, validate_document

FLOORS = {
    # dev set A (seed articles vs the curated seed files, as revised on main) measured 0.84 / 0.93: the
    # seed's curators recorded facts the rules do not draft (a cumulative total given by the 红友圈
    # alliance, gifts of unnamed 辖区企业, 广湛对口帮扶 and 花都帮扶清远 from abbreviations) and signings
    # recorded for a place where the article names its party committee; the floor sits just under.
    "A": {"recall": 0.82, "precision": 0.90},
    # dev set B measured 0.97 / 0.99 overall, every type at least 0.93 / 0.96: the targets hold per type.
    "B": {"recall": 0.93, "precision": 0.95},
}
TARGET = {"recall": 0.85, "precision": 0.90}  # per relationship type, dev set B


@pytest.fixture(scope="module")
def cases():
    return {"A": load_devset_a(), "B": load_gold_dir(DEVSET_B)}


@pytest.mark.parametrize("name", ["A", "B"])
def test_recall_and_precision_floor(cases, name):
    assert cases[name], f"dev set {name} is empty"
    score = run(cases[name])
    assert score.recall() >= FLOORS[name]["recall"], (name, score.recall())
    assert score.precision() >= FLOORS[name]["precision"], (name, score.precision())
    assert not score.private_leaks, score.private_leaks
    if name == "B":
        for rtype in SCORED:
            assert score.recall(rtype) >= TARGET["recall"], (rtype, score.recall(rtype))
            assert score.precision(rtype) >= TARGET["precision"], (rtype, score.precision(rtype))


@pytest.mark.parametrize("name", ["A", "B"])
def test_every_quote_is_verbatim_and_the_loader_accepts_every_draft(cases, name):
    for case in cases[name]:
        draft = finish(prepare(case.article.read_bytes(), Meta(article_file=case.article.name)), None)
        doc = json.loads(json.dumps(draft.document))
        whole = normalise_for_quote(draft.text)
        for item in [doc["source"], *doc["entities"], *doc["relationships"]]:
            assert item["evidence"], (case.name, item)
            for quote in item["evidence"]:
                assert normalise_for_quote(quote) in whole, (case.name, quote)
        valid, problems = validate_document(doc, case.name, article=draft.text)
        assert valid is not None and not problems, (case.name, problems[:3])
        assert score_draft(doc, case, draft.text).invalid == []
