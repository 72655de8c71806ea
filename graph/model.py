"""The domain model: ``schema.yaml`` loaded once, and the pydantic models of seed data.

One model serves the loader (validation, flattening for Neo4j), the API
(type names, snake_case relationship types) and the exports.

Seed documents have this shape (one YAML file per story in ``seed/data/``)::

    source:        {id, name, properties: {title, publisher, date, article_file, ...}, evidence: [...]}
    entities:      [{id, type, name, aliases, kind, level, properties, evidence: [quote, ...]}, ...]
    relationships: [{type, from, to, key, properties, evidence: [quote, ...]}, ...]

Every quote is checked, whitespace removed, against the article file the
source names; every relationship end must be declared in the same file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph import SEED_DIR
from graph.errors import ValidationProblem

SCHEMA_FILE = Path(__file__).with_name("schema.yaml")
ARTICLES_DIR = SEED_DIR / "articles"

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
QUALIFIERS = ("exact", "余", "多", "近", "约")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# --------------------------------------------------------------------- schema
@dataclass(frozen=True)
class EntityTypeDef:
    """One entity type of ``schema.yaml`` (the API's ``EntityType`` enum lists their names)."""

    name: str
    label: str
    description: str
    kinds: tuple[str, ...]
    levels: tuple[str, ...]
    kind_required: bool
    level_required: bool
    properties: dict[str, str]


@dataclass(frozen=True)
class RelationshipTypeDef:
    """One relationship type of ``schema.yaml`` (the API's ``RelType`` enum lists their names)."""

    name: str
    db_type: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, str]


@dataclass(frozen=True)
class Schema:
    entity_types: dict[str, EntityTypeDef]
    relationship_types: dict[str, RelationshipTypeDef]

    @property
    def labels(self) -> list[str]:
        return [t.label for t in self.entity_types.values()]

    def type_of_label(self, labels: list[str]) -> str | None:
        for t in self.entity_types.values():
            if t.label in labels:
                return t.name
        return None

    def rel_type_of_db(self, db_type: str) -> str:
        for t in self.relationship_types.values():
            if t.db_type == db_type:
                return t.name
        return db_type.lower()


@lru_cache
def schema() -> Schema:
    """The data model, read once from ``graph/schema.yaml``."""
    raw = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    entity_types = {
        name: EntityTypeDef(
            name=name,
            label=spec["label"],
            description=spec["description"],
            kinds=tuple(spec.get("kinds", ())),
            levels=tuple(spec.get("levels", ())),
            kind_required=spec.get("kind_required", False),
            level_required=spec.get("level_required", False),
            properties=dict(spec.get("properties") or {}),
        )
        for name, spec in raw["entity_types"].items()
    }
    rel_types = {
        name: RelationshipTypeDef(
            name=name,
            db_type=spec["db_type"],
            description=spec["description"],
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            properties=dict(spec.get("properties") or {}),
        )
        for name, spec in raw["relationship_types"].items()
    }
    return Schema(entity_types, rel_types)


# ------------------------------------------------------------------ values
#: Unicode category Cc (C0 and C1 controls) except tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Reject control characters; normalise to NFC; strip."""
    if _CONTROL.search(value):
        raise ValueError("contains control characters")
    return unicodedata.normalize("NFC", value).strip()


class Quantity(BaseModel):
    """A number as the text gives it: ``近30万元`` is value 300000, qualifier 近."""

    model_config = ConfigDict(extra="forbid")
    value: float = Field(ge=0)
    qualifier: Literal["exact", "余", "多", "近", "约"] = "exact"
    unit: str | None = None
    text: str | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v

    def bounds(self) -> tuple[float | None, float | None]:
        """(min, max) implied by the qualifier: 余/多 → at least; 近 → at most; 约 → neither."""
        return {
            "exact": (self.value, self.value),
            "余": (self.value, None),
            "多": (self.value, None),
            "近": (None, self.value),
            "约": (None, None),
        }[self.qualifier]


class DateValue(BaseModel):
    """A date with its precision; ``inferred`` when the year (or more) is not in the text."""

    model_config = ConfigDict(extra="forbid")
    value: str
    inferred: bool = False
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _shape(cls, v: Any) -> str:
        v = str(v)
        if not _DATE.match(v):
            raise ValueError("must be YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in v.split("-")]
        if len(parts) > 1 and not 1 <= parts[1] <= 12:
            raise ValueError("month must be 01-12")
        if len(parts) > 2 and not 1 <= parts[2] <= 31:
            raise ValueError("day must be 01-31")
        return v

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


#: The stored form of structured values — the one contract every reader of amounts and dates relies on.
#: A ``money``/``count`` property ``amount`` is stored as ``amount`` (the number) and these companions:
#: ``amount_qualifier`` (exact/余/多/近/约), ``amount_approximate`` (bool), ``amount_currency`` (CNY, money
#: only), ``amount_unit`` (count only), ``amount_min``/``amount_max`` (bounds the qualifier implies, absent
#: when open), ``amount_text`` (as written). A ``date`` property is stored with ``_precision``
#: (year/month/day), ``_inferred`` (bool) and ``_note``.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "money": ("qualifier", "approximate", "currency", "min", "max", "text"),
    "count": ("qualifier", "approximate", "unit", "min", "max", "text"),
    "date": ("precision", "inferred", "note"),
}


def flat_keys(name: str, kind: str) -> tuple[str, ...]:
    """Every stored key of one declared property.

    >>> flat_keys("date", "date")
    ('date', 'date_precision', 'date_inferred', 'date_note')
    >>> flat_keys("goods", "text")
    ('goods',)
    """
    return (name, *(f"{name}_{c}" for c in COMPANIONS.get(kind, ())))


def flatten_property(name: str, kind: str, value: Any) -> dict[str, Any]:
    """One declared property as flat Neo4j properties (validated by type)."""
    if kind == "text":
        if not isinstance(value, str):
            raise ValueError("must be text")
        return {name: clean_text(value)}
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        return {name: value}
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return {name: value}
    if kind.startswith("choice[") and kind.endswith("]"):
        allowed = [c.strip() for c in kind[len("choice[") : -1].split(",")]
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return {name: value}
    if kind == "textlist":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of text")
        return {name: [clean_text(v) for v in value]}
    if kind == "date":
        d = DateValue.model_validate(value if isinstance(value, dict) else {"value": value})
        flat: dict[str, Any] = {
            name: d.value,
            f"{name}_precision": d.precision,
            f"{name}_inferred": d.inferred,
        }
        if d.note:
            flat[f"{name}_note"] = d.note
        return flat
    if kind in ("money", "count"):
        q = Quantity.model_validate(value if isinstance(value, dict) else {"value": value})
        lo, hi = q.bounds()
        num = int(q.value) if q.value.is_integer() else q.value
        out: dict[str, Any] = {
            name: num,
            f"{name}_qualifier": q.qualifier,
            f"{name}_approximate": q.qualifier != "exact",
        }
        if kind == "money":
            out[f"{name}_currency"] = "CNY"
        elif q.unit:
            out[f"{name}_unit"] = q.unit
        if lo is not None:
            out[f"{name}_min"] = num if lo == q.value else lo
        if hi is not None:
            out[f"{name}_max"] = num if hi == q.value else hi
        if q.text:
            out[f"{name}_text"] = q.text
        return out
    raise ValueError(f"unknown property type {kind!r} in schema.yaml")


# ------------------------------------------------------------------ seed models
#: Fields a draft (``honglian draft``) adds for the curator; the loader accepts and drops them.
DRAFT_FIELDS = ("confidence", "rule", "possible_match")


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[str] = Field(min_length=1)
    # Draft-only review hints (see DRAFT_FIELDS): validated for shape, never stored.
    confidence: float | None = Field(None, ge=0, le=1, exclude=True)
    rule: str | None = Field(None, max_length=200, exclude=True)
    possible_match: list[str] | None = Field(None, exclude=True)

    @field_validator("evidence")
    @classmethod
    def _quotes(cls, quotes: list[str]) -> list[str]:
        out = []
        for q in quotes:
            q = clean_text(q)
            if not q:
                raise ValueError("a quote is empty")
            out.append(q)
        return out


class SourceIn(_Item):
    id: str = Field(pattern=SLUG, max_length=120)
    name: str = Field(min_length=1, max_length=300)

    _n = field_validator("name")(lambda cls, v: clean_text(v))


class EntityIn(_Item):
    id: str = Field(pattern=SLUG, max_length=120)
    type: str
    name: str = Field(min_length=1, max_length=300)
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = None
    level: str | None = None

    _n = field_validator("name")(lambda cls, v: clean_text(v))
    _a = field_validator("aliases")(lambda cls, v: [clean_text(x) for x in v])


class RelationshipIn(_Item):
    type: str
    source: str = Field(alias="from", pattern=SLUG)
    target: str = Field(alias="to", pattern=SLUG)
    key: str | None = Field(None, pattern=SLUG, max_length=60)

    @property
    def id(self) -> str:
        return relationship_id(self.type, self.source, self.target, self.key)


class SeedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: SourceIn
    entities: list[EntityIn] = Field(default_factory=list)
    relationships: list[RelationshipIn] = Field(default_factory=list)


def relationship_id(rtype: str, source: str, target: str, key: str | None = None) -> str:
    """Stable, URL-safe id: ``pairs_with--xiongye-logistics--shangping-village[--key]``."""
    return "--".join([rtype, source, target] + ([key] if key else []))


def parse_relationship_id(rid: str) -> tuple[str, str, str] | None:
    """(type, source id, target id) of a relationship id, or None when it is not one."""
    parts = rid.split("--")
    if len(parts) not in (3, 4) or parts[0] not in schema().relationship_types:
        return None
    return parts[0], parts[1], parts[2]


# ------------------------------------------------------------ validated output
@dataclass
class NodeRecord:
    """One entity as one source states it, flattened for Neo4j."""

    id: str
    type: str
    label: str
    name: str
    aliases: list[str]
    props: dict[str, Any]
    quotes: list[str]


@dataclass
class RelRecord:
    id: str
    type: str
    db_type: str
    source: str
    target: str
    props: dict[str, Any]
    quotes: list[str]


@dataclass
class ValidSource:
    """A seed file that passed every check, ready for the loader.

    ``date`` is the source's date (``YYYY[-MM[-DD]]``, orders its statements among other sources');
    ``redactions`` are the (mention, neutral word) pairs that anonymous readers see replaced in its
    quotes and article text, longest mention first (see ``redact``).
    """

    id: str
    file: str
    article_text: str | None = None
    nodes: list[NodeRecord] = field(default_factory=list)
    rels: list[RelRecord] = field(default_factory=list)
    date: str | None = None
    redactions: list[tuple[str, str]] = field(default_factory=list)


#: What anonymous readers see instead of a private person the data names without a ``redact_as``.
DEFAULT_REDACTION = "某某"


def redact(text: str, redactions: list[tuple[str, str]]) -> str:
    """``text`` with every mention replaced by its neutral word, longest mention first.

    >>> redact("农户朱艳红辛勤种植", [("农户朱艳红", "某农户"), ("朱艳红", "某农户")])
    '某农户辛勤种植'
    >>> redact("在朱艳红的生产基地", [("农户朱艳红", "某农户"), ("朱艳红", "某农户")])
    '在某农户的生产基地'
    """
    for mention, word in redactions:
        text = text.replace(mention, word)
    return text


def redactions_of(
    people: Iterable[tuple[str, list[str], dict[str, Any]]], private_mentions: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """The (mention, word) pairs a source's data declares: every private person's ``mentions``
    (default: name and aliases) as its ``redact_as``, and the source's ``private_mentions`` as 某某.

    ``people``: (name, aliases, properties) of the persons the source states.

    >>> redactions_of([("政叔", [], {"private": True, "redact_as": "某农户"}), ("张丽", [], {})], ["黄丽珠"])
    [('黄丽珠', '某某'), ('政叔', '某农户')]
    """
    pairs: dict[str, str] = {}
    for name, aliases, props in people:
        if props.get("private"):
            word = props.get("redact_as") or DEFAULT_REDACTION
            for mention in props.get("mentions") or [name, *aliases]:
                pairs.setdefault(mention, word)
    for mention in private_mentions:
        pairs.setdefault(mention, DEFAULT_REDACTION)
    return sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def normalise_for_quote(text: str) -> str:
    """Remove all whitespace (articles break lines mid-sentence) and normalise to NFC."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def article_dirs(seed_file: str | Path | None = None) -> list[Path]:
    """Where a seed file's article may be: the seed file's own folder (a relative path there, as
    ``honglian draft -o`` writes it), ``../articles`` beside its data directory, then ``seed/articles``.

    ``seed/data/x.yaml`` finds ``seed/articles``; a generated ``build/bench/small/seed/data/x.json``
    finds ``build/bench/small/seed/articles``; ``drafts/x.yaml`` with ``article_file: ../in/x.txt``
    finds ``in/x.txt``.
    """
    dirs = []
    if seed_file:
        own = Path(seed_file).resolve().parent
        dirs.append(own)
        local = own.parent / "articles"
        if local.is_dir():
            dirs.append(local)
    return [*dirs, ARTICLES_DIR]


@lru_cache(maxsize=64)
def raw_article(file_name: str, seed_file: str | None = None) -> str | None:
    """The text of the article ``file_name`` that ``seed_file`` cites (None when there is no such file).

    A relative path is read from the seed file's folder; elsewhere only a plain file name is looked up.
    """
    if Path(file_name).is_absolute():
        return None
    for i, folder in enumerate(article_dirs(seed_file)):
        path = folder / file_name
        if (path.parent == folder or (i == 0 and seed_file)) and path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None


class ArticleIndex:
    """Answers "is this quote in the article?" fast: whole sentences by a set lookup, else a substring search."""

    _SENTENCE = re.compile(r"(?<=[。！？!?；;\n])")

    def __init__(self, raw_text: str):
        self.text = normalise_for_quote(raw_text)
        self.sentences = {normalise_for_quote(s) for s in self._SENTENCE.split(raw_text)}

    def __contains__(self, quote: str) -> bool:
        q = normalise_for_quote(quote)
        return q in self.sentences or q in self.text


@lru_cache(maxsize=8)
def article_index(raw_text: str) -> ArticleIndex:
    return ArticleIndex(raw_text)


def _loc(err: Mapping[str, Any]) -> str:
    return ".".join(str(p) for p in err["loc"])


def validate_document(
    raw: Any, file: str, article: str | None = None, known: dict[str, str] | None = None
) -> tuple[ValidSource | None, list[ValidationProblem]]:
    """Check one parsed seed file; returns the valid source or the list of problems.

    ``article`` is the article's text when it does not come from ``seed/articles`` (a curator's post);
    ``known`` maps ids of entities already in the graph to their types, so relationships may refer to
    them without declaring them (single curated facts).
    """
    problems: list[ValidationProblem] = []
    if not isinstance(raw, dict):
        return None, [
            ValidationProblem(file, "", "the file must be a mapping with source, entities, relationships")
        ]
    try:
        doc = SeedDocument.model_validate(raw)
    except ValidationError as exc:
        for e in exc.errors():
            problems.append(ValidationProblem(file, _loc(e), e["msg"]))
        return None, problems

    sch = schema()
    src_type = sch.entity_types["source"]
    article_file = doc.source.properties.get("article_file")
    raw_text = (
        article
        if article is not None
        else (raw_article(article_file, file) if isinstance(article_file, str) else None)
    )
    index = article_index(raw_text) if raw_text else None
    if index is None:
        where = " or ".join(str(d) for d in article_dirs(file))
        problems.append(
            ValidationProblem(
                file,
                "source.properties.article_file",
                f"article file {article_file!r} not found in {where} (and no article text was given)",
            )
        )

    def check_quotes(path: str, quotes: list[str]) -> None:
        if index is None:
            return
        for i, q in enumerate(quotes):
            if q not in index:
                problems.append(
                    ValidationProblem(
                        file,
                        f"{path}.evidence.{i}",
                        f"quote not found in the article {article_file}: {q[:60]!r}",
                    )
                )

    def flat_props(path: str, declared: dict[str, str], props: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for pname, value in props.items():
            if pname not in declared:
                problems.append(
                    ValidationProblem(
                        file,
                        f"{path}.properties.{pname}",
                        f"unknown property (allowed: {', '.join(sorted(declared)) or 'none'})",
                    )
                )
                continue
            try:
                out.update(flatten_property(pname, declared[pname], value))
            except (ValueError, ValidationError) as exc:
                msg = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
                problems.append(
                    ValidationProblem(file, f"{path}.properties.{pname}", f"bad {declared[pname]}: {msg}")
                )
        return out

    valid = ValidSource(id=doc.source.id, file=file, article_text=raw_text)
    check_quotes("source", doc.source.evidence)
    valid.nodes.append(
        NodeRecord(
            id=doc.source.id,
            type="source",
            label=src_type.label,
            name=doc.source.name,
            aliases=[],
            props=flat_props("source", src_type.properties, doc.source.properties),
            quotes=doc.source.evidence,
        )
    )

    declared: dict[str, str] = {**(known or {}), doc.source.id: "source"}
    for i, ent in enumerate(doc.entities):
        path = f"entities.{i}({ent.id})"
        et = sch.entity_types.get(ent.type)
        if et is None or ent.type == "source":
            problems.append(
                ValidationProblem(
                    file,
                    f"{path}.type",
                    f"unknown entity type {ent.type!r} "
                    f"(allowed: {', '.join(t for t in sch.entity_types if t != 'source')})",
                )
            )
            continue
        if ent.id in declared and ent.id not in (known or {}):
            problems.append(ValidationProblem(file, f"{path}.id", f"id {ent.id!r} is declared twice"))
            continue
        declared[ent.id] = ent.type
        for attr, allowed, required in (
            ("kind", et.kinds, et.kind_required),
            ("level", et.levels, et.level_required),
        ):
            value = getattr(ent, attr)
            if value is None and required:
                problems.append(
                    ValidationProblem(
                        file, f"{path}.{attr}", f"a {ent.type} needs a {attr} ({', '.join(allowed)})"
                    )
                )
            elif value is not None and value not in allowed:
                problems.append(
                    ValidationProblem(
                        file,
                        f"{path}.{attr}",
                        f"unknown {attr} {value!r} for {ent.type} (allowed: {', '.join(allowed) or 'none'})",
                    )
                )
        check_quotes(path, ent.evidence)
        props = flat_props(path, et.properties, ent.properties)
        if ent.kind:
            props["kind"] = ent.kind
        if ent.level:
            props["level"] = ent.level
        if ent.type == "person":
            props.setdefault("private", False)
        valid.nodes.append(
            NodeRecord(
                ent.id,
                ent.type,
                et.label,
                ent.name,
                sorted(set(ent.aliases) - {ent.name}),
                props,
                ent.evidence,
            )
        )

    valid.date = valid.nodes[0].props.get("date")
    valid.redactions = redactions_of(
        ((n.name, n.aliases, n.props) for n in valid.nodes if n.type == "person"),
        valid.nodes[0].props.get("private_mentions") or [],
    )

    def names_private(path: str, texts: list[str]) -> None:
        for text in texts:
            for mention, _ in valid.redactions:
                if mention in text:
                    problems.append(
                        ValidationProblem(
                            file,
                            path,
                            f"names the private person {mention!r} in a field "
                            "anonymous readers see; write the neutral word instead",
                        )
                    )
                    return

    private_ids = {n.id for n in valid.nodes if n.type == "person" and n.props.get("private")}
    for i, node in enumerate(valid.nodes):
        if node.id not in private_ids:
            texts = [
                node.name,
                *node.aliases,
                *(v for k, v in node.props.items() if isinstance(v, str) and k != "redact_as"),
            ]
            names_private(f"entities({node.id})" if i else "source", texts)

    seen_rels: set[str] = set()
    for i, rel in enumerate(doc.relationships):
        path = f"relationships.{i}({rel.type} {rel.source} -> {rel.target})"
        rt = sch.relationship_types.get(rel.type)
        if rt is None:
            problems.append(
                ValidationProblem(
                    file,
                    f"{path}.type",
                    f"unknown relationship type {rel.type!r} (allowed: {', '.join(sch.relationship_types)})",
                )
            )
            continue
        ok = True
        for end, ident, allowed in (("from", rel.source, rt.sources), ("to", rel.target, rt.targets)):
            etype = declared.get(ident)
            if etype is None:
                problems.append(
                    ValidationProblem(
                        file,
                        f"{path}.{end}",
                        f"reference to an unknown id {ident!r} (declare it in this file)",
                    )
                )
                ok = False
            elif etype not in allowed:
                problems.append(
                    ValidationProblem(
                        file,
                        f"{path}.{end}",
                        f"{rel.type} cannot go {end} a {etype} (allowed: {', '.join(allowed)})",
                    )
                )
                ok = False
        if rel.id in seen_rels:
            problems.append(
                ValidationProblem(file, path, f"relationship {rel.id} is stated twice; give one a key")
            )
            ok = False
        seen_rels.add(rel.id)
        check_quotes(path, rel.evidence)
        props = flat_props(path, rt.properties, rel.properties)
        if not private_ids & {rel.source, rel.target}:  # facts about a private person stay hidden whole
            names_private(path, [v for v in props.values() if isinstance(v, str)])
        if ok:
            valid.rels.append(
                RelRecord(rel.id, rel.type, rt.db_type, rel.source, rel.target, props, rel.evidence)
            )
    return (None if problems else valid), problems
