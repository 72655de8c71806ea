"""Any article-shaped text drafts without an exception, and the draft is one the loader accepts."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.intake_eval import DEVSET_B, SEED_ARTICLES
from graph.intake import IntakeError, finish, prepare
from graph.model import validate_document

SENTENCES = [
    s + "。"
    for p in sorted(DEVSET_B.glob("*.txt"))[:8] + sorted(SEED_ARTICLES.glob("*.txt"))
    for s in p.read_bytes().decode("utf-8", "ignore").replace("\n", "。").split("。")
    if len(s) > 4
]
NOISE = st.sampled_from(
    ["", "\n", "\n\n", "、", "，", "（", "）", "“", "”", "■", "123", "２０万元", "萬", " "]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), NOISE), min_size=1, max_size=12))
def test_shuffled_sentences_draft_cleanly(parts):
    text = "标题\n\n" + "".join(s + n for s, n in parts)
    try:
        prep = prepare(text)
    except IntakeError:
        return  # too little Chinese: refused with a message, which is the contract
    draft = finish(prep, None)
    doc = json.loads(json.dumps(draft.document))
    valid, problems = validate_document(doc, "fuzz", article=draft.text)
    assert valid is not None and not problems, problems[:3]
    assert not any("未能处理" in n for n in draft.notes), draft.notes
