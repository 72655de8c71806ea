"""Fuzzing the model with hypothesis: validation never crashes and never accepts a bad value."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from graph.model import DateValue, Quantity, validate_document

ODD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31)),
    st.text(min_size=5000, max_size=20000),
    st.just("太保镇 Taibao ﾀｲﾎﾞ 𠀋\u200b"),
    st.just(""),
    st.just("\x00"),
)
ODD_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.text(max_size=10),
    st.none(),
)


@given(name=ODD_TEXT, quote=ODD_TEXT, amount=ODD_NUMBER, date=st.one_of(st.text(max_size=12), st.integers()))
@hsettings(max_examples=150, deadline=None)
def test_model_validation_never_crashes_and_never_accepts_bad_values(name, quote, amount, date):
    doc = {
        "source": {
            "id": "fuzz",
            "name": "t",
            "properties": {"article_file": "001_9c78a84fc0b24326.txt", "date": date},
            "evidence": ["新快报记者了解到"],
        },
        "entities": [{"id": "taibao", "type": "place", "level": "town", "name": name, "evidence": [quote]}],
        "relationships": [
            {
                "type": "donates_to",
                "from": "taibao",
                "to": "taibao",
                "properties": {"amount": {"value": amount}},
                "evidence": ["新快报记者了解到"],
            }
        ],
    }
    valid, problems = validate_document(doc, "fuzz.yaml")
    assert (valid is None) == bool(problems)
    if valid is not None:
        rel = valid.rels[0].props
        assert math.isfinite(rel["amount"]) and rel["amount"] >= 0
        assert valid.nodes[1].name == valid.nodes[1].name.strip() and valid.nodes[1].name
        assert all(ord(c) >= 32 or c in "\n\t" for c in valid.nodes[1].name)
    for p in problems:
        assert p.file == "fuzz.yaml" and p.message


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(max_value=-1)))
def test_negative_or_non_finite_amounts_are_refused(v):
    if isinstance(v, float) and math.isfinite(v) and v >= 0:
        return
    with pytest.raises(ValueError):
        Quantity(value=v)


@given(st.text(max_size=15))
def test_dates_are_shaped_or_refused(text):
    try:
        d = DateValue(value=text)
    except ValueError:
        return
    assert d.precision in ("year", "month", "day")
