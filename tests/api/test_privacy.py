"""Private people never reach an anonymous reader: every GET operation of the OpenAPI, walked.

The names come from the seed data itself (private persons' names, aliases and mentions, and each
source's private_mentions), so a new private person in a seed file is covered without touching this test.
"""

from __future__ import annotations

import itertools

import pytest
import yaml

from graph.loader import SEED_DATA_DIR
from tests.conftest import READER_KEY

READER = {"X-API-Key": READER_KEY}


def _seed():
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(SEED_DATA_DIR.glob("*.yaml"))]


def private_names() -> set[str]:
    names: set[str] = set()
    for doc in _seed():
        for e in doc["entities"]:
            props = e.get("properties") or {}
            if e["type"] == "person" and props.get("private"):
                names.update([e["name"], *e.get("aliases", []), *props.get("mentions", [])])
        names.update(doc["source"].get("properties", {}).get("private_mentions") or [])
    return names


def private_ids() -> set[str]:
    return {
        e["id"]
        for doc in _seed()
        for e in doc["entities"]
        if e["type"] == "person" and (e.get("properties") or {}).get("private")
    }


def test_the_seed_names_private_people_to_look_for():
    names = private_names()
    assert {"政叔", "朱艳红", "黄丽珠", "梁嘉欣"} <= names
    assert private_ids() == {"zheng-shu", "zhu-yanhong"}


def _values(client) -> dict[str, list]:
    """Values to try for each parameter name: every entity and source id (private ones included), each
    private name as a search term, and the examples and enums the OpenAPI documents."""
    entities = client.get("/entities", params={"limit": 500}).json()["items"]
    # The private persons, everything one hop from them, and a spread of the rest.
    near = {"liantang", "taibao", "taibao-field-visits-2021-12-14", "wangdong-teaching-point"}
    ids = sorted(private_ids() | near | {e["id"] for e in entities[::6]})
    sources = [s["id"] for s in client.get("/sources").json()["items"]]
    rels = client.get("/relationships", params={"limit": 500}).json()["items"]
    return {
        "entity_id": ids,
        "source_id": sources,
        "id": ids,
        "rel_id": [r["id"] for r in rels][:50],
        "q": [*sorted(private_names()), "政", "农户", "雄业"],
        "source": ["guoguang-electric", "zhu-yanhong", "liantang"],
        "target": ["xiongye-logistics", "zheng-shu", "taibao"],
        "town": ["taibao", "huguang"],
        "scope": [None, "taibao", "liantang", "zheng-shu"],
        "limit": [500],
        "depth": [1, 2],
        "include_private": [True],
    }


def _choices(param: dict, values: dict[str, list]) -> list:
    name, schema = param["name"], param.get("schema", {})
    if name in values:
        return values[name]
    enum = schema.get("enum") or next((s.get("enum") for s in schema.get("anyOf", []) if s.get("enum")), None)
    if enum:
        return list(enum)
    if "$ref" in schema:
        return [None]
    examples = param.get("examples") or schema.get("examples")
    if isinstance(examples, dict):
        examples = [v.get("value") for v in examples.values()]
    if examples:
        return list(examples)
    return [None]


@pytest.fixture(scope="module")
def responses(client):
    """(path, params, status, body text) for every GET operation with every combination of the values
    above (capped per operation)."""
    spec = client.get("/openapi.json").json()
    values = _values(client)
    components = spec.get("components", {}).get("schemas", {})
    out = []
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = op.get("parameters", [])
        for p in params:  # enums behind a $ref: resolve them
            ref = p.get("schema", {}).get("$ref") or next(
                (s["$ref"] for s in p.get("schema", {}).get("anyOf", []) if "$ref" in s), None
            )
            if ref:
                p = {**p, "schema": components[ref.rsplit("/", 1)[-1]]}
                params = [p if q["name"] == p["name"] else q for q in params]
        grid = [[(p, v) for v in _choices(p, values)] for p in params]
        for combo in itertools.islice(itertools.product(*grid), 120):
            url, query = path, {}
            for p, v in combo:
                if v is None:
                    continue
                if p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", str(v))
                else:
                    query[p["name"]] = v
            if "{" in url:
                continue
            r = client.get(url, params=query)
            out.append((path, query, r.status_code, r.text))
    return out


def test_every_get_operation_is_walked(client, responses):
    spec = client.get("/openapi.json").json()
    gets = {p for p, ops in spec["paths"].items() if "get" in ops}
    walked = {p for p, *_ in responses}
    assert gets == walked, f"not walked: {gets - walked}"
    ok = {p for p, _, status, _ in responses if status == 200}
    assert len(ok) >= len(gets) - 2, f"operations never answered 200: {gets - ok}"
    assert len(responses) > 300


def test_no_anonymous_response_names_a_private_person(responses):
    names = private_names()
    leaks = [(path, query, name) for path, query, _, text in responses for name in names if name in text]
    assert not leaks, leaks[:10]


def test_anonymous_quotes_are_redacted_exactly_where_the_data_says(client):
    rels = client.get("/relationships", params={"limit": 500}).json()["items"]
    quotes = [e["quote"] for r in rels for e in r["evidence"]]
    assert any("某农户" in q for q in quotes)  # a private person's mention, replaced by its redact_as
    article = client.get("/sources/xkb-taibao-dec14-activity").json()["article_text"]
    assert "某农户" in article and "某某" in article
    assert "袁辉明" in article  # public officials are not redacted


def test_search_never_matches_a_private_name(client):
    for name in private_names():
        assert client.get("/entities", params={"q": name}).json()["total"] == 0, name


def test_degree_counts_only_visible_neighbours(client, keyed_client):
    visit = "/entities/taibao-field-visits-2021-12-14"
    anonymous = client.get(visit).json()["degree"]
    keyed = keyed_client.get(visit, headers=READER).json()["degree"]
    assert keyed == anonymous + 2  # 朱艳红 and 政叔 took part
    assert anonymous == client.get(visit + "/relationships", params={"limit": 500}).json()["total"]


def test_a_key_sees_the_quotes_as_written(keyed_client):
    article = keyed_client.get("/sources/xkb-taibao-dec14-activity", headers=READER).json()["article_text"]
    assert "朱艳红" in article and "黄丽珠" in article


def test_no_anonymous_page_names_a_private_person(client):
    """The explorer's pages (HTML, outside the OpenAPI) for the same ids, names and search terms."""
    values = _values(client)
    sources = values["source_id"]
    urls = [
        "/",
        "/town",
        "/source",
        "/network",
        "/review",
        "/path",
        "/path?source=国光电器&target=朱艳红",
        "/path?source=雄业物流&target=taibao-field-visits-2021-12-14",
    ]
    urls += [f"/entity/{i}" for i in values["entity_id"]] + [f"/entity/{n}" for n in private_names()]
    urls += [f"/search?q={q}" for q in values["q"]] + [f"/source/{s}" for s in sources]
    urls += ["/town/taibao", "/town/huguang", "/town/太保镇"]
    leaks = []
    for url in urls:
        r = client.get(url)
        assert r.status_code in (200, 300, 404), (url, r.status_code)
        # A page may echo what the visitor typed ("未找到 政叔"): that tells nothing; anything else would.
        leaks += [(url, name) for name in private_names() if name in r.text and name not in url]
    assert not leaks, leaks[:10]
