"""The synthetic programme: reproducible, shaped like the programme, every fact quoting its article."""

import hashlib
import json

from bench.generate import SIZES, write_sources
from graph.loader import check_files, read_seed_files, seed_paths, validate


def _digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a = write_sources(tmp_path / "a", SIZES["small"], seed=7, progress=False)
    b = write_sources(tmp_path / "b", SIZES["small"], seed=7, progress=False)
    c = write_sources(tmp_path / "c", SIZES["small"], seed=8, progress=False)
    assert a == b
    assert _digest(tmp_path / "a" / "seed") == _digest(tmp_path / "b" / "seed")
    assert _digest(tmp_path / "a" / "seed") != _digest(tmp_path / "c" / "seed")
    assert c["relationships"] > 0


def test_small_is_about_ten_thousand_relationships_and_valid(tmp_path):
    counts = write_sources(tmp_path, SIZES["small"], seed=7, progress=False)
    assert 9_000 <= counts["relationships"] <= 11_000
    paths = seed_paths([tmp_path / "seed" / "data"])
    # The loader's own validation: every entity and relationship quotes its article verbatim.
    assert check_files(paths) == 1
    (source,) = validate(read_seed_files(paths))
    kinds = {r.type for r in source.rels}
    assert {
        "part_of",
        "pairs_with",
        "donates_to",
        "hosts_event",
        "participates_in",
        "holds_position",
        "member_of",
        "visits",
        "located_in",
        "received_award",
    } <= kinds
    levels = {n.props.get("level") for n in source.nodes if n.type == "place"}
    assert {"province", "city", "county", "town", "village"} <= levels
    assert all(q in source.article_text for r in source.rels[:500] for q in r.quotes)


def test_shared_entities_are_declared_again_by_each_county(tmp_path):
    size = SIZES["small"].__class__(
        cities=2,
        counties=3,
        towns_per_county=2,
        villages_per_town=3,
        enterprises_per_county=20,
        people_per_county=30,
    )
    write_sources(tmp_path, size, seed=1, progress=False)
    docs = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "seed" / "data").glob("*.json"))
    ]
    assert len(docs) == 3
    ids = [{e["id"] for e in d["entities"]} for d in docs]
    assert all("syn-province" in s for s in ids)  # every county names the province
    assert any(e.startswith("syn-ent-000") for e in ids[2])  # a county-0 enterprise helps county 2
    assert validate(read_seed_files([tmp_path / "seed" / "data"]))  # and the files agree with each other
