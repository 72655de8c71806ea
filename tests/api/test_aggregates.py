"""/donations/summary and /partnerships."""

from __future__ import annotations

from tests.api.helpers import assert_evidence


def test_donation_summary_flags_approximate_amounts(client):
    body = client.get("/donations/summary").json()
    donors = {d["entity"]["id"]: d for d in body["by_donor"]}
    assert donors["huadu-17-caring-enterprises"]["total_cny"] == 205000
    assert donors["huadu-17-caring-enterprises"]["approximate"] is False
    assert donors["guangzhou-jiaotou"]["total_cny"] == 300000 and donors["guangzhou-jiaotou"]["approximate"]
    recipients = {d["entity"]["id"]: d for d in body["by_recipient"]}
    # Gifts only: the 140余万元 of the 红友圈 is a running total (amount_scope cumulative) that includes
    # the 20.5万元, and 花城街道's enterprises' giving since 2023 is a period, not a gift; neither is
    # added to the gifts (the summary's code must leave cumulative amounts out of its totals).
    assert recipients["taibao"]["total_cny"] == 205000
    assert recipients["taibao"]["without_amount"] == 1  # 雄业物流's 捐资捐物, no amount given
    assert body["approximate"] is True and body["total_cny"] == 205000 + 300000
    for d in body["donations"]:
        assert_evidence(d)


def test_partnerships_grouped_by_town(client):
    body = client.get("/partnerships").json()
    towns = {g["town"]["id"] if g["town"] else None: g for g in body["towns"]}
    taibao = {(r["source"]["id"], r["target"]["id"]) for r in towns["taibao"]["partnerships"]}
    assert ("xiongye-logistics", "shangping") in taibao and ("taihe-concrete", "shaping") in taibao
    assert ("guoguang-electric", "taibao") in taibao
    assert ("guangzhou-jiaotou", "huguang") in {
        (r["source"]["id"], r["target"]["id"]) for r in towns["huguang"]["partnerships"]
    }
    assert None in towns  # 广州市 ↔ 湛江市 is above town level
    assert body["total"] == sum(len(g["partnerships"]) for g in body["towns"])
