"""Score `honglian draft` against hand-written gold: recall, precision, linking, verbatim quotes.

    python -m bench.intake_eval                 # dev set A (seed articles vs seed/data) and dev set B
    python -m bench.intake_eval --set B --show  # one set, with every miss and false positive
    python -m bench.intake_eval --link          # also link against the configured Neo4j (seeded graph)
    python -m bench.intake_eval --heldout DIR   # a held-out set (the lead runs it; never during development)

Scored relationship types: donates_to, pairs_with, signs_agreement, holds_position. A drafted
relationship matches a gold one when the type is the same and both ends match by name or alias exactly
as written (the gold file's names, the draft's name and aliases; whitespace aside, Simplified only for a
Traditional article), a donation's amount is within 1% of the gold amount when the gold gives one, and a
post's title is the gold title as written (、 and ， alike). That is the held-out scorer's criterion; the
lenient figure beside it accepts a title that shares a part (split at 、) with the gold title.

Drafted but not scored for recall: hosts_event, organizes, participates_in, visits. Their precision is
checked against the seed's own relationships of those types (dev set A; an event's name matches when one
name holds the other) and against the hand-checked sample in ``bench/intake_checked.yaml`` (dev set B);
drafts the sample does not judge are listed as unchecked.

Gold files (see tests/intake/README.md): ``NAME.txt`` beside ``NAME.gold.yaml`` with ``relationships``
(type, from, to as names; title; amount in 元; qualifier; form; scope), ``names`` (name → aliases),
``links`` (name → the graph id it must link to; with ``offer: true`` the id may instead be offered in
``possible_match``, for a graph person named in a new post at another body) and ``distinct`` (name → an id it must NOT link to).
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
#: Drafted but not scored for recall: their precision is checked against dev set A's seed relationships
#: and, on dev set B, against a hand-checked sample (``bench/intake_checked.yaml``).
CHECKED = ("hosts_event", "organizes", "participates_in", "visits")
CHECKED_FILE = Path(__file__).with_name("intake_checked.yaml")
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
    offered: set[str] = field(
        default_factory=set
    )  # links that may come as possible_match (a new post elsewhere)
    extra_gold: list[GoldRel] | None = None  # dev set A: the seed's relationships of the CHECKED types
    checked: dict[tuple, bool] | None = None  # dev set B: (type, from, to) → judged correct


@dataclass
class Counts:
    """True positives, misses and false positives per scored type."""

    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, other: Counts) -> None:
        for t in set(other.tp) | set(other.fn) | set(other.fp):
            self.tp[t] += other.tp[t]
            self.fn[t] += other.fn[t]
            self.fp[t] += other.fp[t]

    def recall(self, t: str | None = None) -> float:
        tp = self.tp[t] if t else sum(self.tp[x] for x in SCORED)
        fn = self.fn[t] if t else sum(self.fn[x] for x in SCORED)
        return tp / (tp + fn) if tp + fn else 1.0

    def precision(self, t: str | None = None) -> float:
        tp = self.tp[t] if t else sum(self.tp[x] for x in SCORED)
        fp = self.fp[t] if t else sum(self.fp[x] for x in SCORED)
        return tp / (tp + fp) if tp + fp else 1.0


@dataclass
class Score(Counts):
    """Strict counts (titles exactly as written), the lenient ones beside, and the checks."""

    lenient: Counts = field(default_factory=Counts)
    links_ok: int = 0
    links_total: int = 0
    quotes_bad: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    private_leaks: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    # CHECKED types: drafted, judged correct, judged at all (the rest is unchecked), what was wrong
    drafted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    judged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    wrong: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:  # type: ignore[override]
        Counts.add(self, other)
        for t in CHECKED:
            self.drafted[t] += other.drafted[t]
            self.correct[t] += other.correct[t]
            self.judged[t] += other.judged[t]
        self.wrong += other.wrong
        self.unchecked += other.unchecked
        self.lenient.add(other.lenient)
        self.links_ok += other.links_ok
        self.links_total += other.links_total
        self.quotes_bad += other.quotes_bad
        self.invalid += other.invalid
        self.private_leaks += other.private_leaks
        self.misses += other.misses
        self.extras += other.extras


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
    checked = load_checked()
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
                offered={
                    str(x["name"]) for x in data.get("links") or [] if isinstance(x, dict) and x.get("offer")
                },
                checked=checked.get(stem, {}) if folder.resolve() == DEVSET_B.resolve() else None,
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
        extra: list[GoldRel] = []
        links: dict[str, str] = {}
        names: dict[str, set[str]] = {}
        for doc in docs:
            names.update({e["id"]: {e["name"], *e.get("aliases", [])} for e in doc["entities"]})
        for doc in docs:
            for e in doc["entities"]:
                if not e.get("properties", {}).get("private"):
                    links[e["name"]] = e["id"]
            for r in doc["relationships"]:
                if r["type"] in CHECKED:
                    extra.append(GoldRel(r["type"], names[r["from"]], names[r["to"]], raw=r))
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
        case = Case(Path(article_file).stem, SEED_ARTICLES / article_file, _dedupe(rels), links)
        case.extra_gold = extra
        cases.append(case)
    return cases


def load_checked(path: Path = CHECKED_FILE) -> dict[str, dict[tuple, bool]]:
    """The hand-checked sample: article stem → {(type, from, to): correct}."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, dict[tuple, bool]] = defaultdict(dict)
    for c in data.get("checked") or []:
        out[str(c["article"])][(c["type"], str(c["from"]), str(c["to"]))] = bool(c["correct"])
    return out


def _dedupe(rels: list[GoldRel]) -> list[GoldRel]:
    out: list[GoldRel] = []
    for r in rels:
        if not any(o.type == r.type and o.source == r.source and o.target == r.target for o in out):
            out.append(r)
    return out


# --------------------------------------------------------------------- scoring
def _written(text: str, traditional: bool = False) -> str:
    """A name or title as written: whitespace removed; Simplified only for a Traditional article."""
    import re as _re

    from graph.intake.text import to_simplified

    out = _re.sub(r"\s+", "", str(text))
    return to_simplified(out) if traditional else out


def _match(drafted: set[str], gold: set[str], traditional: bool = False) -> bool:
    """Names agree: a drafted name or alias is a gold name or alias, exactly as written."""
    return bool({_written(n, traditional) for n in drafted} & {_written(n, traditional) for n in gold})


def _title_ok(gold: str | None, drafted: str | None, strict: bool = True, traditional: bool = False) -> bool:
    """Strict: the title exactly as written (whitespace aside; 、 and ， alike). Lenient: a part in common."""
    if not gold:
        return True
    if not drafted:
        return False
    g, d = (_written(x, traditional).replace("，", "、").replace(",", "、") for x in (gold, drafted))
    if strict:
        return g == d
    gp = {p for p in g.split("、") if p}
    dp = {p for p in d.split("、") if p}
    return any(a in b or b in a for a in gp for b in dp)


def _amount_ok(gold: float | None, props: dict) -> bool:
    if gold is None:
        return True
    amount = props.get("amount")
    if not isinstance(amount, dict):
        return False
    return abs(float(amount["value"]) - gold) <= 0.01 * gold


def _matches(doc: dict[str, Any], case: Case, strict: bool, traditional: bool) -> tuple[dict[int, int], list]:
    """Gold relationship index → drafted index, greedily in gold order; and the drafted scored list."""
    ents = {e["id"]: e for e in doc["entities"]}

    def names(i: str) -> set[str]:
        e = ents.get(i, {})
        return {e.get("name", i), *e.get("aliases", [])}

    drafted = [r for r in doc["relationships"] if r["type"] in SCORED]
    hits: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(case.rels):
        for k, r in enumerate(drafted):
            if k in used or r["type"] != g.type:
                continue
            props = r.get("properties") or {}
            src, dst = names(r["from"]), names(r["to"])
            ends = _match(src, g.source, traditional) and _match(dst, g.target, traditional)
            if not ends and g.type == "signs_agreement":
                ends = _match(src, g.target, traditional) and _match(dst, g.source, traditional)
            if not ends:
                continue
            if g.type == "donates_to" and not _amount_ok(g.amount, props):
                continue
            if g.type == "holds_position" and not _title_ok(g.title, props.get("title"), strict, traditional):
                continue
            hits[gi] = k
            used.add(k)
            break
    return hits, drafted


def score_draft(doc: dict[str, Any], case: Case, article_text: str) -> Score:
    """Strict scores (titles as written) in ``tp``/``fn``/``fp``; lenient ones (a title part in common)
    in ``lenient``."""
    from graph.intake.text import is_traditional

    sc = Score()
    traditional = is_traditional(article_text)
    ents = {e["id"]: e for e in doc["entities"]}
    hits, drafted = _matches(doc, case, True, traditional)
    lenient_hits, _ = _matches(doc, case, False, traditional)
    for gi, g in enumerate(case.rels):
        if gi in lenient_hits:
            sc.lenient.tp[g.type] += 1
        else:
            sc.lenient.fn[g.type] += 1
        if gi not in hits:
            sc.fn[g.type] += 1
            near = ""
            if gi in lenient_hits:
                near = f" (drafted title: {(drafted[lenient_hits[gi]].get('properties') or {}).get('title')})"
            sc.misses.append(
                f"{case.name}: MISS {g.type} {sorted(g.source)[0]} -> {sorted(g.target)[0]} "
                f"{g.title or g.amount or ''}{near}"
            )
        else:
            sc.tp[g.type] += 1
    for k, r in enumerate(drafted):
        if k not in set(lenient_hits.values()):
            sc.lenient.fp[r["type"]] += 1
        if k not in set(hits.values()):
            sc.fp[r["type"]] += 1
            props = r.get("properties") or {}
            extra = props.get("title") or (props.get("amount") or {}).get("text") or ""
            sc.extras.append(
                f"{case.name}: EXTRA {r['type']} {ents.get(r['from'], {}).get('name')} -> "
                f"{ents.get(r['to'], {}).get('name')} {extra} [{r.get('rule')}]"
            )
    _score_checked(doc, case, sc)
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


def _score_checked(doc: dict[str, Any], case: Case, sc: Score) -> None:
    """Precision of the CHECKED types: against the seed's relationships (dev set A; an event matches when
    one name holds the other, as the seed names events in its own words) or the hand-checked sample."""
    ents = {e["id"]: e for e in doc["entities"]}

    def names(i: str) -> set[str]:
        e = ents.get(i, {})
        return {e.get("name", i), *e.get("aliases", [])}

    def near(drafted: set[str], gold: set[str]) -> bool:
        return any(
            a == b or (len(a) >= 4 and len(b) >= 4 and (a in b or b in a)) for a in drafted for b in gold
        )

    for r in doc["relationships"]:
        if r["type"] not in CHECKED:
            continue
        sc.drafted[r["type"]] += 1
        src, dst = names(r["from"]), names(r["to"])
        label = (
            f"{case.name}: {r['type']} {ents[r['from']]['name']} -> {ents[r['to']]['name']} [{r.get('rule')}]"
        )
        if case.extra_gold is not None:
            sc.judged[r["type"]] += 1
            if any(
                g.type == r["type"] and near(src, g.source) and near(dst, g.target) for g in case.extra_gold
            ):
                sc.correct[r["type"]] += 1
            else:
                sc.wrong.append(label + " (not in the seed)")
        elif case.checked is not None:
            verdict = next(  # by any name of either end: linking may replace a name by the graph's
                (case.checked[k] for a in src for b in dst if (k := (r["type"], a, b)) in case.checked), None
            )
            if verdict is None:
                sc.unchecked.append(label)
                continue
            sc.judged[r["type"]] += 1
            sc.correct[r["type"]] += verdict
            if not verdict:
                sc.wrong.append(label + " (judged wrong)")


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
        if e["id"] == want or (name in case.offered and want in e.get("possible_match", [])):
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
    """The table: strict recall and precision (titles as written), the lenient ones beside."""
    print(f"\n== {label}", file=out)
    print(f"{'type':<18}{'gold':>6}{'found':>7}{'recall':>8}{'precision':>11}   lenient R / P", file=out)
    le = sc.lenient
    for t in [*SCORED, None]:
        gold = sc.tp[t] + sc.fn[t] if t else sum(sc.tp[x] + sc.fn[x] for x in SCORED)
        found = sc.tp[t] if t else sum(sc.tp[x] for x in SCORED)
        print(
            f"{t or 'all four':<18}{gold:>6}{found:>7}{sc.recall(t):>8.2f}{sc.precision(t):>11.2f}"
            f"   {le.recall(t):.2f} / {le.precision(t):.2f}",
            file=out,
        )
    if sc.links_total:
        print(
            f"linking: {sc.links_ok}/{sc.links_total} correct ({sc.links_ok / sc.links_total:.2f})", file=out
        )
    if any(sc.drafted.values()):
        print(
            "drafted, not scored for recall (precision: correct / judged; unchecked drafts apart):", file=out
        )
        for t in CHECKED:
            p = f"{sc.correct[t] / sc.judged[t]:.2f}" if sc.judged[t] else "—"
            print(
                f"  {t:<18}{sc.drafted[t]:>4} drafted  {sc.correct[t]:>3}/{sc.judged[t]:<3} correct  {p}",
                file=out,
            )
        if sc.unchecked:
            print(
                f"  unchecked: {len(sc.unchecked)} (add them to {CHECKED_FILE.name} after reading them)",
                file=out,
            )
    loose = le.tp["holds_position"] - sc.tp["holds_position"]
    print(f"posts whose title is right only in part (lenient, not strict): {loose}", file=out)
    print(
        f"quotes not verbatim: {len(sc.quotes_bad)}; loader problems: {len(sc.invalid)}; "
        f"private people in facts: {len(sc.private_leaks)}",
        file=out,
    )
    if show:
        for line in [
            *sc.misses,
            *sc.extras,
            *sc.wrong,
            *sc.unchecked,
            *sc.quotes_bad,
            *sc.invalid,
            *sc.private_leaks,
        ]:
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
