"""The explorer's pure helpers: amounts and dates as people write them, donations per year, the
article cut into highlighted facts, redaction of private mentions (no server)."""

from __future__ import annotations

import pytest

from api.web import readable_properties
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
    assert views.format_money(value, qualifier) == text


def test_counts_dates_and_stored_amounts():
    assert views.format_count(1000, "近", "株") == "近1000株"
    assert views.format_count(20, "多", "个爱心企业家代表") == "20多个爱心企业家代表"
    assert views.format_date("2021-12-14", True) == "2021年12月14日（推定）"
    assert views.format_date("2024-03") == "2024年3月" and views.format_date(None) == "日期不详"
    stored = {
        "amount": 300000,
        "amount_qualifier": "近",
        "amount_currency": "CNY",
        "amount_approximate": True,
    }
    assert views.amount_text(stored) == "近30万元"
    assert views.amount_text({"village_count": 7, "village_count_unit": "个村"}, "village_count") == "7个村"


def gift(date, amount=None, **props):
    p = {"amount": amount, **props} if amount is not None else dict(props)
    return {"date": date, "properties": p}


def test_donation_table_keeps_money_goods_and_running_totals_apart():
    table = views.donation_table(
        [
            gift("2021-12-14", 205000, amount_qualifier="exact"),
            gift("2021-05", 100000, form="goods"),
            gift("2021", 50000, form="money_and_goods"),
            gift("2021", 30000, amount_scope="joint", gift_key="k"),
            gift("2021", 30000, amount_scope="joint", gift_key="k"),  # the same gift, another donor
            gift("2021", 9000000, amount_scope="cumulative"),  # a running total: never added
            gift("2024-03", 1400000, amount_approximate=True, amount_qualifier="余"),
            gift(None, goods="保温杯"),
        ]
    )
    by_year = {y["year"]: y for y in table}
    assert [y["year"] for y in table] == ["2024", "2021", None]
    y21 = by_year["2021"]
    assert y21["money_cny"] == 235000 and y21["money_text"] == "23.5万元"
    assert y21["goods_cny"] == 100000 and y21["mixed_cny"] == 50000
    assert [c["properties"]["amount"] for c in y21["cumulative"]] == [9000000]
    assert len(y21["gifts"]) == 5  # every record listed; the joint gift summed once
    assert by_year["2024"]["money_text"] == "140余万元"
    assert by_year[None]["money_text"] == "—" and len(by_year[None]["gifts"]) == 1


def test_sum_of_mixed_qualifiers_is_approximate():
    assert views.sum_qualifier({"余", "多"}) == "余"
    assert views.sum_qualifier({"近"}) == "近"
    assert views.sum_qualifier({"近", "余"}) == "约" and views.sum_qualifier(set()) is None


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
