"""The explorer's pure helpers: amounts and dates as people write them, the article cut into
highlighted facts, properties in Chinese (no server)."""

from __future__ import annotations

import pytest

from api.web import amount_text, count, date, money, readable_properties
from graph import views


@pytest.mark.parametrize(
    ("value", "qualifier", "text"),
    [
        (300000, "近", "近30万元"),
        (1400000, "余", "140余万元"),
        (205000, "exact", "20.5万元"),
        (15000000, None, "1500万元"),
        (8000, "多", "8000多元"),
        (250000000, "约", "约2.5亿元"),
        (None, None, "—"),
    ],
)
def test_money_as_people_write_it(value, qualifier, text):
    assert money(value, qualifier) == text


def test_counts_dates_and_stored_amounts():
    assert count(1000, "近", "株") == "近1000株"
    assert count(20, "多", "个爱心企业家代表") == "20多个爱心企业家代表"
    assert date("2021-12-14", True) == "2021年12月14日（推定）"
    assert date("2024-03") == "2024年3月" and date(None) == "日期不详"
    stored = {
        "amount": 300000,
        "amount_qualifier": "近",
        "amount_currency": "CNY",
        "amount_approximate": True,
    }
    assert amount_text(stored) == "近30万元"
    assert amount_text({"village_count": 7, "village_count_unit": "个村"}, "village_count") == "7个村"


def test_highlight_finds_quotes_across_line_breaks_and_overlaps():
    text = "甲说：爱心企业捐赠20.5万\n元助力太保镇。乙也说爱心企业捐赠。"
    segments = views.highlight(text, {"d": ["爱心企业捐赠20.5万元"], "e": ["爱心企业"], "x": ["不在文中"]})
    assert "".join(s for s, _ in segments) == text  # nothing lost
    marked = [(s, keys) for s, keys in segments if keys]
    assert marked[0] == ("爱心企业", ["d", "e"])
    assert marked[1] == ("捐赠20.5万\n元", ["d"])
    assert ("爱心企业", ["e"]) in marked  # every occurrence
    assert all("x" not in keys for _, keys in segments)


def test_readable_properties_in_chinese():
    shown = dict(
        readable_properties(
            "donates_to",
            {
                "amount": 300000,
                "amount_qualifier": "近",
                "amount_currency": "CNY",
                "form": "money",
                "gift_key": "k",
                "date": "2021-12-14",
                "date_inferred": True,
            },
            relationship=True,
        )
    )
    assert shown == {"金额": "近30万元", "形式": "资金", "日期": "2021年12月14日（推定）"}
    assert dict(readable_properties("organization", {"private": True, "note": "说明文字"})) == {
        "说明": "说明文字"
    }
