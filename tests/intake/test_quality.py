"""Quality floors on the dev sets (bench/intake_eval.py), and every draft quote verbatim in its article.

Floors are set just under what the extractor measured when they were last raised (docs/intake.md gives
the figures), titles scored as written. Dev set B is where the rules were developed: its figures say the
rules cover what those articles exercise; the held-out sets are the honest measure (the lead runs them).
"""

from __future__ import annotations

import json

import pytest

from bench.intake_eval import DEVSET_B, SCORED, load_devset_a, load_gold_dir, run, score_draft
from graph.intake import Meta, finish, prepare
from graph.model import normalise_for_quote, validate_document

FLOORS = {
    # dev set A (seed articles vs the curated seed files), titles as written: measured 0.88 / 0.92. The
    # seed writes some titles with their body's name (太保镇党委副书记、镇长, 组织部三科科长) where the drafts
    # keep the body out of the title; its curators recorded facts the rules do not draft (gifts of unnamed
    # 辖区企业) and signings for a place where the article names its party committee.
    "A": {"recall": 0.86, "precision": 0.90},
    # dev set B: 01-15, 21-32 and 61-72 (dev set C, by a third author, merged in the third round), measured
    # 0.99 / 1.00 (docs/intake.md gives the figures per part).
    "B": {"recall": 0.97, "precision": 0.98},
}
#: Per relationship type on dev set B, just under what was measured (donates_to 0.96 / 1.00, pairs_with,
#: signs_agreement and holds_position 1.00 / 1.00).
TYPE_FLOORS = {
    "donates_to": {"recall": 0.94, "precision": 0.98},
    "pairs_with": {"recall": 0.97, "precision": 0.98},
    "signs_agreement": {"recall": 0.97, "precision": 0.98},
    "holds_position": {"recall": 0.97, "precision": 0.98},
}
#: Drafted types not scored for recall: precision on dev set A's seed relationships and on the
#: hand-checked sample of dev set B (bench/intake_checked.yaml), measured 1.00 on both but for one visit
#: on A the seed does not record (袁辉明一行还到旺洞小学教学点: stated, so the seed is incomplete there).
CHECKED_FLOOR = 0.9


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
    judged = sum(score.judged.values())
    assert judged and sum(score.correct.values()) / judged >= CHECKED_FLOOR, (score.wrong, score.unchecked)
    if name == "B":
        assert not score.unchecked, score.unchecked  # every draft of those types read (intake_checked.yaml)
        for rtype in SCORED:
            assert score.recall(rtype) >= TYPE_FLOORS[rtype]["recall"], (rtype, score.recall(rtype))
            assert score.precision(rtype) >= TYPE_FLOORS[rtype]["precision"], (rtype, score.precision(rtype))


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
