"""Score `honglian draft` against hand-written gold: recall, precision, linking, verbatim quotes.

    python -m bench.intake_eval                 # dev set A (seed articles vs seed/data) and dev set B
    python -m bench.intake_eval --set B --show  # one set, with every miss and false positive
    python -m bench.intake_eval --link          # also link against the configured Neo4j (seeded graph)
    python -m bench.intake_eval --heldout DIR   # a held-out set (the lead runs it; never during development)

Scored relationship types: donates_to, pairs_with, signs_agreement, holds_position. A drafted
relationship matches a gold one when the type is the same and both ends match by name or alias
(the gold file's names, the draft's name and aliases); a donation's amount must be within 1% of the
gold amount when the gold gives one; a post's title must share a part (split at 、) with the gold title.

Gold files (see tests/intake/README.md): ``NAME.txt`` beside ``NAME.gold.yaml`` with ``relationships``
(type, from, to as names; title; amount in 元; qualifier; form; scope), ``names`` (name → aliases),
``links`` (name → the graph id it must link to) and ``distinct`` (name → an id it must NOT link to).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph import PROJECT_ROOT
from graph.intake import Meta, finish, prepare
from graph.model import normalise_for_quote, validate_document

SCORED = ("donates_to", "pairs_with", "signs_agreement", "holds_position")
SEED_DATA = PROJECT_ROOT / "seed" / "data"
SEED_ARTICLES = PROJECT_ROOT / "seed" / "articles"
DEVSET_B = PROJECT_ROOT / "tests" / "intake" / "devset"


@dataclass
class GoldRel:
    type: str
    source: set[str]
    target: set[str]
    title: str | None = None
    amount: float | None = None
    raw: dict = field(default_factory=dict)


@dataclass
class Case:
    name: str
    article: Path
    rels: list[GoldRel]
    links: dict[str, str] = field(default_factory=dict)
    distinct: dict[str, str] = field(default_factory=dict)
    private: list[str] = field(default_factory=list)


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    links_ok: int = 0
    links_total: int = 0
    quotes_bad: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    private_leaks: list[str] = field(default_factory=list)
    titles_exact: int = 0
    titles_total: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for t in SCORED:
            self.tp[t] += other.tp[t]
            self.fn[t] += other.fn[t]
            self.fp[t] += other.fp[t]
        self.links_ok += other.links_ok
        self.links_total += other.links_total
        self.quotes_bad += other.quotes_bad
        self.invalid += other.invalid
        self.private_leaks += other.private_leaks
        self.titles_exact += other.titles_exact
        self.titles_total += other.titles_total
        self.misses += other.misses
        self.extras += other.extras

    def recall(self, t: str | None = None) -> float:
        tp = self.tp[t] if t else sum(self.tp.values())
        fn = self.fn[t] if t else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def precision(self, t: str | None = None) -> float:
        tp = self.tp[t] if t else sum(self.tp.values())
        fp = self.fp[t] if t else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0


# ------------------------------------------------------------------------ gold
def _names(value: Any, aliases: dict[str, list[str]]) -> set[str]:
    name = str(value)
    out = {name, *aliases.get(name, [])}
    for canon, alist in aliases.items():
        if name in alist:
            out |= {canon, *alist}
    return out


def load_gold_dir(folder: Path) -> list[Case]:
    """Every ``*.gold.yaml`` (or ``*.yaml`` beside a ``.txt`` of the same stem) in ``folder``."""
    cases = []
    for gold in sorted(folder.glob("*.y*ml")):
        data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        stem = gold.name.split(".")[0]
        article = folder / str(data.get("article") or data.get("article_file") or f"{stem}.txt")
        if not article.exists():
            continue
        aliases = {str(k): [str(a) for a in (v or [])] for k, v in (data.get("names") or {}).items()}
        rels = []
        for r in data.get("relationships") or []:
            if r.get("type") not in SCORED:
                continue
            amount = r.get("amount")
            if isinstance(amount, dict):
                amount = amount.get("value")
            rels.append(
                GoldRel(
                    r["type"],
                    _names(r["from"], aliases),
                    _names(r["to"], aliases),
                    title=r.get("title"),
                    amount=float(amount) if amount is not None else None,
                    raw=r,
                )
            )
        cases.append(
            Case(
                stem,
                article,
                rels,
                _pairs(data.get("links"), "id"),
                _pairs(data.get("distinct"), "not_id"),
                [str(p) for p in data.get("private") or []],
            )
        )
    return cases


def _pairs(value: Any, key: str) -> dict[str, str]:
    """``links``/``distinct`` as {name: id}: a list of {name, id|not_id} or a plain mapping."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {str(x["name"]): str(x[key]) for x in value or []}


def load_devset_a() -> list[Case]:
    """The seed articles, their gold being the curated seed/data files (ids mapped to names and aliases)."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(SEED_DATA.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_article[doc["source"]["properties"]["article_file"]].append(doc)
    cases = []
    for article_file, docs in sorted(by_article.items()):
        rels: list[GoldRel] = []
        links: dict[str, str] = {}
        for doc in docs:
            names = {e["id"]: {e["name"], *e.get("aliases", [])} for e in doc["entities"]}
            for e in doc["entities"]:
                if not e.get("properties", {}).get("private"):
                    links[e["name"]] = e["id"]
            for r in doc["relationships"]:
                if r["type"] not in SCORED:
                    continue
                props = r.get("properties") or {}
                amount = props.get("amount")
                rels.append(
                    GoldRel(
                        r["type"],
                        names[r["from"]],
                        names[r["to"]],
                        title=props.get("title"),
                        amount=float(amount["value"]) if isinstance(amount, dict) else None,
                        raw=r,
                    )
                )
        cases.append(Case(Path(article_file).stem, SEED_ARTICLES / article_file, _dedupe(rels), links))
    return cases


def _dedupe(rels: list[GoldRel]) -> list[GoldRel]:
    out: list[GoldRel] = []
    for r in rels:
        if not any(o.type == r.type and o.source == r.source and o.target == r.target for o in out):
            out.append(r)
    return out


# --------------------------------------------------------------------- scoring
def _simplified(text: str) -> str:
    from graph.intake.text import to_simplified

    return to_simplified(text).replace("，", "、").strip()


def _match(drafted: set[str], gold: set[str]) -> bool:
    """Names agree: one is the other (after Simplified conversion), or a gold alias contains a written form."""
    d = {_simplified(n) for n in drafted}
    g = {_simplified(n) for n in gold}
    return bool(d & g)


def _title_ok(gold: str | None, drafted: str | None) -> bool:
    if not gold:
        return True
    if not drafted:
        return False
    g = {p for p in _simplified(gold).split("、") if p}
    d = {p for p in _simplified(drafted).split("、") if p}
    return any(a in b or b in a for a in g for b in d)


def _amount_ok(gold: float | None, props: dict) -> bool:
    if gold is None:
        return True
    amount = props.get("amount")
    if not isinstance(amount, dict):
        return False
    return abs(float(amount["value"]) - gold) <= 0.01 * gold


def score_draft(doc: dict[str, Any], case: Case, article_text: str) -> Score:
    sc = Score()
    ents = {e["id"]: e for e in doc["entities"]}

    def names(i: str) -> set[str]:
        e = ents.get(i, {})
        return {e.get("name", i), *e.get("aliases", [])}

    drafted = [r for r in doc["relationships"] if r["type"] in SCORED]
    used: set[int] = set()
    for g in case.rels:
        hit = None
        for k, r in enumerate(drafted):
            if k in used or r["type"] != g.type:
                continue
            props = r.get("properties") or {}
            ends = _match(names(r["from"]), g.source) and _match(names(r["to"]), g.target)
            if not ends and g.type == "signs_agreement":
                ends = _match(names(r["from"]), g.target) and _match(names(r["to"]), g.source)
            if not ends:
                continue
            if g.type == "donates_to" and not _amount_ok(g.amount, props):
                continue
            if g.type == "holds_position" and not _title_ok(g.title, props.get("title")):
                continue
            hit = k
            break
        if hit is None:
            sc.fn[g.type] += 1
            sc.misses.append(
                f"{case.name}: MISS {g.type} {sorted(g.source)[0]} -> {sorted(g.target)[0]} {g.title or g.amount or ''}"
            )
        else:
            used.add(hit)
            sc.tp[g.type] += 1
            if g.type == "holds_position" and g.title:
                sc.titles_total += 1
                drafted_title = (drafted[hit].get("properties") or {}).get("title")
                sc.titles_exact += _simplified(g.title) == _simplified(drafted_title or "")
    for k, r in enumerate(drafted):
        if k not in used:
            sc.fp[r["type"]] += 1
            props = r.get("properties") or {}
            extra = props.get("title") or (props.get("amount") or {}).get("text") or ""
            sc.extras.append(
                f"{case.name}: EXTRA {r['type']} {ents.get(r['from'], {}).get('name')} -> {ents.get(r['to'], {}).get('name')} {extra} [{r.get('rule')}]"
            )
    # private people: in no fact, in any form
    for name in case.private:
        for e in doc["entities"]:
            if name in e["name"] or any(name in a for a in e.get("aliases", [])):
                sc.private_leaks.append(f"{case.name}: {name} as entity {e['id']}")
    # quotes verbatim, and the loader accepts the document
    whole = normalise_for_quote(article_text)
    for item in [doc["source"], *doc["entities"], *doc["relationships"]]:
        for q in item.get("evidence", []):
            if normalise_for_quote(q) not in whole:
                sc.quotes_bad.append(f"{case.name}: {q[:40]}")
    _, problems = validate_document(json.loads(json.dumps(doc)), case.name, article=article_text)
    sc.invalid += [str(p) for p in problems]
    return sc


def score_links(doc: dict[str, Any], case: Case, sc: Score) -> None:
    by_name: dict[str, dict] = {}
    for e in doc["entities"]:
        for n in {e["name"], *e.get("aliases", [])}:
            by_name.setdefault(n, e)
    for name, want in case.links.items():
        e = by_name.get(name)
        if e is None:
            continue  # not drafted at all: counted by recall, not by linking
        sc.links_total += 1
        if e["id"] == want:
            sc.links_ok += 1
        else:
            sc.misses.append(f"{case.name}: LINK {name} -> {e['id']} (want {want})")
    for name, never in case.distinct.items():
        e = by_name.get(name)
        if e is None:
            continue
        sc.links_total += 1
        if e["id"] != never:
            sc.links_ok += 1
        else:
            sc.misses.append(f"{case.name}: MERGED {name} into {never}")


# ------------------------------------------------------------------------ runs
async def _rows_for(prep, settings):
    from graph.db import async_driver
    from graph.intake import link
    from graph.store import Store

    driver = async_driver(settings)
    try:
        store = Store(driver, settings.neo4j_database, settings.query_timeout)
        return await link.candidates(store, prep.names(), prep.proposed_ids(), prep.alias_names())
    finally:
        await driver.close()


def run(cases: list[Case], settings=None) -> Score:
    total = Score()
    for case in cases:
        data = case.article.read_bytes()
        prep = prepare(data, Meta(article_file=case.article.name))
        rows = asyncio.run(_rows_for(prep, settings)) if settings is not None else None
        draft = finish(prep, rows)
        sc = score_draft(draft.document, case, draft.text)
        if settings is not None:
            score_links(draft.document, case, sc)
        total.add(sc)
    return total


def report(label: str, sc: Score, show: bool, out=sys.stdout) -> None:
    print(f"\n== {label}", file=out)
    print(f"{'type':<18}{'gold':>6}{'found':>7}{'recall':>8}{'precision':>11}", file=out)
    for t in SCORED:
        print(
            f"{t:<18}{sc.tp[t] + sc.fn[t]:>6}{sc.tp[t]:>7}{sc.recall(t):>8.2f}{sc.precision(t):>11.2f}",
            file=out,
        )
    print(
        f"{'all four':<18}{sum(sc.tp.values()) + sum(sc.fn.values()):>6}{sum(sc.tp.values()):>7}"
        f"{sc.recall():>8.2f}{sc.precision():>11.2f}",
        file=out,
    )
    if sc.links_total:
        print(
            f"linking: {sc.links_ok}/{sc.links_total} correct ({sc.links_ok / sc.links_total:.2f})", file=out
        )
    if sc.titles_total:
        print(f"titles exactly as written: {sc.titles_exact}/{sc.titles_total}", file=out)
    print(
        f"quotes not verbatim: {len(sc.quotes_bad)}; loader problems: {len(sc.invalid)}; "
        f"private people in facts: {len(sc.private_leaks)}",
        file=out,
    )
    if show:
        for line in [*sc.misses, *sc.extras, *sc.quotes_bad, *sc.invalid, *sc.private_leaks]:
            print("  " + line, file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=["A", "B", "all"], default="all", help="which dev set (default: both)")
    ap.add_argument("--devset", type=Path, default=DEVSET_B, help="dev set B's folder")
    ap.add_argument(
        "--heldout", type=Path, help="score this held-out folder instead (gold files beside articles)"
    )
    ap.add_argument("--link", action="store_true", help="link against the configured Neo4j and score linking")
    ap.add_argument("--show", action="store_true", help="list every miss and false positive")
    args = ap.parse_args(argv)
    settings = None
    if args.link:
        from graph.settings import get_settings

        settings = get_settings()
    if args.heldout:
        report(f"held-out {args.heldout}", run(load_gold_dir(args.heldout), settings), args.show)
        return 0
    if args.set in ("A", "all"):
        report("dev set A (seed articles vs seed/data)", run(load_devset_a(), settings), args.show)
    if args.set in ("B", "all"):
        cases = load_gold_dir(args.devset) if args.devset.is_dir() else []
        if cases:
            report(f"dev set B ({len(cases)} articles, {args.devset})", run(cases, settings), args.show)
        else:
            print(f"\n== dev set B: no gold files in {args.devset} yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
