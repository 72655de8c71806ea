"""Shared assertions of the API tests."""


def assert_evidence(rel):
    assert rel["evidence"], rel["id"]
    for ev in rel["evidence"]:
        assert ev["source_id"].startswith("xkb-") and ev["quote"]
