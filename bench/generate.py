"""Synthetic programme data shaped like 百千万工程 at province scale, seeded and reproducible.

    python -m bench.generate --size small|medium|province [--seed 7] [--out build/bench/SIZE] [--csv]

The shape follows the programme: province → cities → counties → towns → villages; a Guangzhou district
body and its work team pair each town (驻镇帮镇扶村); enterprises of each county pair villages and their
party branches (红联共建, 千企帮千镇 万企兴万村), donate money, host events; people hold positions, join
party branches, visit villages and take part in events; towns and cooperatives win awards.

Each county is one source: a synthetic "article" (``seed/articles/<id>.txt``) with one sentence per fact,
and a seed document (``seed/data/<id>.json``, the same structure as the YAML seed files) whose every
entity and relationship quotes its sentence verbatim. Entities another county's facts touch (the
province, cities, Guangzhou's district bodies, enterprises pairing villages elsewhere) are declared
again by that county's document, as a second article naming them would, so shared nodes merge
evidence from several sources exactly as the real seed's do.

``--csv`` also writes ``neo4j-admin database import`` CSVs of the same graph (``graph.bulk``).
Every name is synthetic (``样例``); nothing here describes a real place, body or person.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import relationship_id

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Size:
    cities: int
    counties: int
    towns_per_county: int
    villages_per_town: int
    enterprises_per_county: int
    people_per_county: int


#: Relationships per county ≈ 4.2·towns + 2.5·villages + 2·events + 6.2·enterprises + 4·people
#: (small ≈ 10k, medium ≈ 150k, province ≈ 1.5M; docs/benchmarks.md has the exact counts).
SIZES = {
    "small": Size(
        cities=1,
        counties=1,
        towns_per_county=10,
        villages_per_town=15,
        enterprises_per_county=330,
        people_per_county=1750,
    ),
    "medium": Size(
        cities=3,
        counties=12,
        towns_per_county=13,
        villages_per_town=15,
        enterprises_per_county=450,
        people_per_county=2250,
    ),
    "province": Size(
        cities=21,
        counties=120,
        towns_per_county=13,
        villages_per_town=15,
        enterprises_per_county=450,
        people_per_county=2250,
    ),
}

GUANGZHOU_DISTRICTS = ["越秀", "海珠", "荔湾", "天河", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城"]
SYLLABLES = list(
    "安宝边昌春大德东丰福富高古光广和河洪华黄吉江金锦康乐莲林隆龙茂美明南宁平桥青清庆仁瑞"
    "三沙山上石寿顺太泰潭塘田万旺文西溪祥新兴秀阳永元云长镇中竹"
)
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌宇浩凯晨欣怡")
INDUSTRY = [
    "物流",
    "电器",
    "建材",
    "食品",
    "农业科技",
    "文旅",
    "电子",
    "制药",
    "纺织",
    "新能源",
    "供应链",
    "园林",
]
EVENT_KINDS = [
    ("activity", "主题党日活动"),
    ("visit", "走访慰问活动"),
    ("meeting", "结对共建座谈会"),
    ("planting", "义务植树活动"),
    ("signing", "红联共建签约仪式"),
    ("ceremony", "产业帮扶揭牌仪式"),
]
TITLES = ["党支部书记", "董事长", "总经理", "队长", "队员", "村委会主任", "志愿者", "技术员"]


@dataclass
class Doc:
    """One county's source: its article sentences and its seed document."""

    id: str
    title: str
    sentences: list[str] = field(default_factory=list)
    entities: dict[str, dict] = field(default_factory=dict)
    relationships: list[dict] = field(default_factory=list)
    rel_ids: set[str] = field(default_factory=set)

    def say(self, text: str) -> str:
        # A running number keeps every sentence unique (a quote then points at one place).
        sentence = f"（{len(self.sentences) + 1}）{text}。"
        self.sentences.append(sentence)
        return sentence

    def entity(self, eid: str, etype: str, name: str, quote: str, **extra: Any) -> None:
        if eid not in self.entities:
            self.entities[eid] = {"id": eid, "type": etype, "name": name, **extra, "evidence": [quote]}

    def rel(self, rtype: str, src: str, dst: str, quote: str, key: str | None = None, **props: Any) -> None:
        rid = relationship_id(rtype, src, dst, key)  # the loader's identity
        if rid in self.rel_ids:  # a random pick repeated a fact: state it once
            return
        self.rel_ids.add(rid)
        item: dict[str, Any] = {"type": rtype, "from": src, "to": dst, "evidence": [quote]}
        if key:
            item["key"] = key
        if props:
            item["properties"] = props
        self.relationships.append(item)

    def document(self) -> dict[str, Any]:
        return {
            "source": {
                "id": self.id,
                "name": self.title,
                "properties": {
                    "title": self.title,
                    "publisher": "样例合成数据",
                    "date": "2025",
                    "article_file": f"{self.id}.txt",
                    "note": "bench/generate.py 生成的合成数据，不描述真实对象",
                },
                "evidence": [self.sentences[0]],
            },
            "entities": list(self.entities.values()),
            "relationships": self.relationships,
        }

    def article(self) -> str:
        return "\n".join(self.sentences) + "\n"


class Generator:
    def __init__(self, size: Size, seed: int):
        self.size = size
        self.rnd = random.Random(seed)
        # Entities that several counties mention: id → (type, name, extra) as first declared.
        self.shared: dict[str, tuple[str, str, dict]] = {}

    def name(self, n: int = 2) -> str:
        return "".join(self.rnd.choice(SYLLABLES) for _ in range(n))

    def person_name(self) -> str:
        return self.rnd.choice(SURNAMES) + "".join(
            self.rnd.choice(GIVEN) for _ in range(self.rnd.choice((1, 2)))
        )

    def date(self) -> str:
        return f"2025-{self.rnd.randint(1, 12):02d}-{self.rnd.randint(1, 28):02d}"

    def counties(self):
        """Yield one Doc per county, in a fixed order."""
        s = self.size
        rnd = self.rnd
        province = ("syn-province", "place", "样例省", {"level": "province"})
        cities = [
            (f"syn-c{c:02d}", "place", f"样例{self.name()}市", {"level": "city"}) for c in range(s.cities)
        ]
        districts = [
            (f"syn-gz-{i:02d}", "organization", f"样例广州市{d}区帮扶办", {"kind": "government_body"})
            for i, d in enumerate(GUANGZHOU_DISTRICTS)
        ]
        enterprise_pool: list[tuple[str, str, str, dict]] = []  # (county of origin, id, name, extra)
        for k in range(s.counties):
            city = cities[k % s.cities]
            cid = f"{city[0]}-k{k:03d}"
            county_name = f"样例{self.name()}县"
            doc = Doc(f"syn-county-{k:03d}", f"{county_name}驻镇帮镇扶村与红联共建工作综述（合成）")
            doc.say(doc.title)

            def declare(ent: tuple[str, str, str, dict], text: str, doc=doc) -> None:
                q = doc.say(text)
                doc.entity(ent[0], ent[1], ent[2], q, **ent[3])

            declare(province, f"{province[2]}统筹推进百千万工程")
            declare(city, f"{city[2]}隶属{province[2]}")
            doc.rel("part_of", city[0], province[0], doc.sentences[-1])
            q = doc.say(f"{county_name}隶属{city[2]}")
            doc.entity(cid, "place", county_name, q, level="county")
            doc.rel("part_of", cid, city[0], q)
            alliance = f"{cid}-alliance"
            q = doc.say(f"{county_name}成立红联共建企业联盟")
            doc.entity(alliance, "organization", f"{county_name}红联共建企业联盟", q, kind="alliance")
            doc.rel("located_in", alliance, cid, q)

            villages: list[tuple[str, str, str]] = []  # (id, name, town id)
            teams: list[str] = []
            for t in range(s.towns_per_county):
                tid = f"{cid}-t{t:02d}"
                tname = f"{self.name()}镇"
                q = doc.say(f"{tname}是{county_name}下辖镇")
                doc.entity(tid, "place", tname, q, level="town")
                doc.rel("part_of", tid, cid, q)
                district = districts[(k * s.towns_per_county + t) % len(districts)]
                declare(district, f"{district[2]}组团帮扶{tname}")
                doc.rel("pairs_with", district[0], tid, doc.sentences[-1], basis="驻镇帮镇扶村")
                team = f"{tid}-team"
                q = doc.say(f"{district[2]}派驻{tname}帮镇扶村工作队")
                doc.entity(team, "organization", f"驻{tname}工作队", q, kind="work_team")
                doc.rel("part_of", team, district[0], q)
                doc.rel("pairs_with", team, tid, doc.say(f"驻{tname}工作队进驻{tname}开展帮扶"))
                teams.append(team)
                if rnd.random() < 0.15:
                    award = f"{tid}-award"
                    q = doc.say(f"{tname}获评{city[2]}乡村振兴示范镇")
                    doc.entity(award, "award", f"{city[2]}乡村振兴示范镇（{tname}）", q)
                    doc.rel("received_award", tid, award, q)
                for v in range(s.villages_per_town):
                    vid = f"{tid}-v{v:02d}"
                    vname = f"{self.name()}村"
                    q = doc.say(f"{vname}隶属{tname}")
                    doc.entity(vid, "place", vname, q, level="village")
                    doc.rel("part_of", vid, tid, q)
                    villages.append((vid, vname, tid))
                    branch = f"{vid}-branch"
                    q = doc.say(f"{vname}党支部带领群众发展产业")
                    doc.entity(branch, "organization", f"{vname}党支部", q, kind="party_organisation")
                    doc.rel("located_in", branch, vid, q)
                    if v % 2 == 0:
                        coop = f"{vid}-coop"
                        q = doc.say(f"{vname}成立{self.name()}种养专业合作社")
                        doc.entity(coop, "organization", f"{vname}种养专业合作社", q, kind="cooperative")
                        doc.rel("located_in", coop, vid, q)

            # Enterprises of this county; some also help villages of another county.
            enterprises: list[tuple[str, str]] = []
            for e in range(s.enterprises_per_county):
                eid = f"syn-ent-{k:03d}-{e:04d}"
                ename = f"样例{self.name()}{rnd.choice(INDUSTRY)}有限公司"
                q = doc.say(f"{ename}落户{county_name}")
                doc.entity(eid, "organization", ename, q, kind="enterprise")
                doc.rel("located_in", eid, cid, q)
                doc.rel("member_of", eid, alliance, doc.say(f"{ename}加入{county_name}红联共建企业联盟"))
                enterprises.append((eid, ename))
                enterprise_pool.append((cid, eid, ename, {"kind": "enterprise"}))
            for e, (eid, ename) in enumerate(enterprises):
                vid, vname, _ = villages[(e * 7) % len(villages)]
                doc.rel("pairs_with", eid, vid, doc.say(f"{ename}与{vname}结对帮扶"), basis="万企兴万村")
                doc.rel(
                    "pairs_with",
                    eid,
                    f"{vid}-branch",
                    doc.say(f"{ename}党支部与{vname}党支部开展红联共建"),
                    basis="红联共建",
                )
                for d in range(2):
                    vid, vname, _ = rnd.choice(villages)
                    amount = rnd.choice((5, 10, 20, 30, 50, 80, 100)) * 1000
                    doc.rel(
                        "donates_to",
                        eid,
                        vid,
                        doc.say(f"{ename}向{vname}捐赠帮扶资金{amount}元"),
                        key=f"d{d}",
                        amount=amount,
                        date=self.date(),
                        purpose="乡村振兴",
                    )
            # Enterprises of earlier counties pairing villages here (cross-source references).
            others = [p for p in enterprise_pool if p[0] != cid]
            for _ in range(min(len(others), len(enterprises) // 5)):
                _, eid, ename, extra = rnd.choice(others)
                vid, vname, _ = rnd.choice(villages)
                q = doc.say(f"异地企业{ename}跨县结对{vname}")
                doc.entity(eid, "organization", ename, q, **extra)
                doc.rel("pairs_with", eid, vid, q, basis="万企兴万村")

            # Events: hosted by a work team or an enterprise, held in a village.
            events: list[str] = []
            for ev in range(len(villages) // 2):
                vid, vname, tid = villages[ev * 2]
                kind, label = rnd.choice(EVENT_KINDS)
                event = f"{vid}-ev{ev:03d}"
                date = self.date()
                q = doc.say(f"{date}，{vname}举行{label}")
                doc.entity(event, "event", f"{vname}{label}", q, kind=kind, properties={"date": date})
                doc.rel("located_in", event, vid, q)
                host = f"{tid}-team" if ev % 2 == 0 else rnd.choice(enterprises)[0]
                doc.rel(
                    "hosts_event", host, event, doc.say(f"{vname}{label}由{doc.entities[host]['name']}主办")
                )
                for _ in range(2):
                    eid, ename = rnd.choice(enterprises)
                    doc.rel("participates_in", eid, event, doc.say(f"{ename}参加{vname}{label}"))
                events.append(event)

            # People: a position, a party branch, a visit and some events each.
            for p in range(s.people_per_county):
                pid = f"syn-p-{k:03d}-{p:05d}"
                pname = self.person_name()
                if p % 3 == 0:
                    org = rnd.choice(teams)
                elif p % 3 == 1:
                    org = rnd.choice(enterprises)[0]
                else:
                    org = rnd.choice(villages)[0]
                title = rnd.choice(TITLES)
                q = doc.say(f"{doc.entities[org]['name']}{title}{pname}")
                doc.entity(pid, "person", pname, q)
                doc.rel("holds_position", pid, org, q, title=title)
                vid, vname, _ = rnd.choice(villages)
                doc.rel("member_of", pid, f"{vid}-branch", doc.say(f"{pname}是{vname}党支部党员"))
                vid, vname, _ = rnd.choice(villages)
                doc.rel("visits", pid, vid, doc.say(f"{pname}走访{vname}"), date=self.date())
                event = events[p % len(events)]
                doc.rel("participates_in", pid, event, doc.say(f"{pname}参加{doc.entities[event]['name']}"))
            yield doc


def write_sources(out: Path, size: Size, seed: int, progress: bool = True) -> dict[str, int]:
    """Write the seed documents and articles under ``out/seed``; returns counts."""
    data_dir, art_dir = out / "seed" / "data", out / "seed" / "articles"
    data_dir.mkdir(parents=True, exist_ok=True)
    art_dir.mkdir(parents=True, exist_ok=True)
    for old in list(data_dir.glob("*.json")) + list(art_dir.glob("*.txt")):
        old.unlink()
    counts = {"sources": 0, "entity_statements": 0, "relationship_statements": 0, "bytes": 0}
    ids: set[str] = set()
    rel_ids: set[str] = set()  # a fact stated by two counties is one relationship with two sources
    gen = Generator(size, seed)
    docs = gen.counties()
    if progress:
        from rich.progress import track

        docs = track(docs, total=size.counties, description="Generating counties", transient=True)
    for doc in docs:
        text = json.dumps(doc.document(), ensure_ascii=False, separators=(",", ":"))
        (data_dir / f"{doc.id}.json").write_text(text, encoding="utf-8")
        (art_dir / f"{doc.id}.txt").write_text(doc.article(), encoding="utf-8")
        counts["sources"] += 1
        counts["entity_statements"] += len(doc.entities)
        counts["relationship_statements"] += len(doc.relationships)
        rel_ids.update(doc.rel_ids)
        counts["bytes"] += len(text.encode()) + len(doc.article().encode())
        ids.update(doc.entities)
    counts["entities"] = len(ids) + counts["sources"]
    counts["relationships"] = len(rel_ids)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__,
    )
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--seed", type=int, default=7, help="random seed (same seed, same files)")
    ap.add_argument("--out", type=Path, help="output directory (default build/bench/SIZE)")
    ap.add_argument("--csv", action="store_true", help="also write neo4j-admin import CSVs under OUT/import")
    args = ap.parse_args(argv)
    out = args.out or ROOT / "build" / "bench" / args.size
    started = time.perf_counter()
    counts = write_sources(out, SIZES[args.size], args.seed, progress=sys.stderr.isatty())
    took = time.perf_counter() - started
    print(
        f"{args.size}: {counts['sources']} sources, {counts['entities']:,} entities, "
        f"{counts['relationships']:,} relationships, {counts['bytes'] / 1e6:.0f} MB "
        f"in {took:.1f} s → {out / 'seed'}"
    )
    if args.csv:
        from graph.bulk import write_import_csvs

        started = time.perf_counter()
        stats = write_import_csvs(
            sorted((out / "seed" / "data").glob("*.json")), out / "import", progress=sys.stderr.isatty()
        )
        print(
            f"import CSVs: {stats.nodes:,} nodes, {stats.relationships:,} relationships "
            f"in {time.perf_counter() - started:.1f} s → {out / 'import'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
