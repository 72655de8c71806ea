"""Request and response schemas: the API's contract (see docs/api.md)."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graph.analytics import METRICS
from graph.model import schema
from graph.projection import EXPORT_FORMATS
from graph.report import FORMATS as REPORT_FORMATS

# Derived from graph/schema.yaml (mypy cannot list members it reads from a file).
EntityType = Enum("EntityType", {t: t for t in schema().entity_types}, type=str)  # type: ignore[misc]
RelType = Enum("RelType", {t: t for t in schema().relationship_types}, type=str)  # type: ignore[misc]
PlaceLevel = Enum("PlaceLevel", {x: x for x in schema().entity_types["place"].levels}, type=str)  # type: ignore[misc]
#: A date as the data keeps it: a year, a month or a day.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Direction(StrEnum):
    out = "out"
    in_ = "in"
    both = "both"


class Evidence(BaseModel):
    source_id: str = Field(examples=["xkb-taibao-dec14-activity"])
    quote: str = Field(examples=["爱心企业捐赠20.5万元助力太保镇乡村振兴。"])


class EntityRef(BaseModel):
    id: str = Field(examples=["xiongye-logistics"])
    type: str = Field(examples=["organization"])
    name: str = Field(examples=["广州市雄业物流有限公司"])
    aliases: list[str] = Field(examples=[["广州雄业物流有限公司", "雄业物流"]])


class EntityMatch(EntityRef):
    kind: str | None = Field(None, description="kind, or a place's level", examples=["enterprise"])


class Candidates(BaseModel):
    """300 Multiple Choices: the name or alias belongs to several entities; ask again by id."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "detail": "2 entities have the alias '花都'; choose one by id.",
                "candidates": [
                    {
                        "id": "huadu",
                        "type": "place",
                        "name": "花都区",
                        "aliases": ["花都"],
                        "kind": "district",
                    }
                ],
            }
        }
    )
    detail: str
    candidates: list[EntityMatch]


class NameNotFound(BaseModel):
    """404: no entity has that id, name or alias; ``suggestions`` are what a search for it finds."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "detail": "No entity named '太保' (id, name or alias).",
                "suggestions": [
                    {"id": "taibao", "type": "place", "name": "太保镇", "aliases": [], "kind": "town"}
                ],
            }
        }
    )
    detail: str
    suggestions: list[EntityMatch] = Field(description="up to five entities whose names contain the text")


class Statement(BaseModel):
    """What one source says about an entity or relationship (its properties as that source gives them)."""

    source_id: str = Field(examples=["xkb-taibao-return-visit"])
    origin: str = Field(
        description="article (the source's own text) or curated (a curator citing it)", examples=["article"]
    )
    source_date: str | None = Field(
        None, description="the source's date (YYYY, YYYY-MM or YYYY-MM-DD)", examples=["2024-03"]
    )
    properties: dict[str, Any] = Field(examples=[{"title": "太保镇党委副书记、镇长"}])
    quotes: list[str] = Field(examples=[["太保镇党委副书记、镇长莫新勇"]])


class Provenance(BaseModel):
    sources: list[str] = Field(
        description="every source that states it", examples=[["xkb-taibao-return-visit"]]
    )
    disputed: list[str] = Field(
        description="properties whose sources disagree: `properties` shows the latest source's value, "
        "`statements` every source's",
        examples=[["title"]],
    )
    statements: list[Statement] = Field(
        description="each source's statement: always on a single entity, on list items only where disputed"
    )


class Entity(EntityRef, Provenance):
    kind: str | None = Field(
        None, description="organisation/initiative/event kind, or a place's level", examples=["enterprise"]
    )
    level: str | None = Field(None, description="a place's level (town, village, ...)", examples=["town"])
    properties: dict[str, Any]
    evidence: list[Evidence]
    degree: int | None = Field(None, description="relationships with entities the caller may see")


class Relationship(Provenance):
    id: str = Field(examples=["pairs_with--xiongye-logistics--shangping"])
    type: str = Field(examples=["pairs_with"])
    source: EntityRef
    target: EntityRef
    properties: dict[str, Any]
    evidence: list[Evidence]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Edge(BaseModel):
    id: str
    source: str
    target: str
    type: str = Field(description="Neo4j relationship type", examples=["PAIRS_WITH"])


class Network(BaseModel):
    nodes: list[EntityRef]
    edges: list[Edge]


class Path(BaseModel):
    nodes: list[EntityRef]
    relationships: list[Relationship]


class Paths(BaseModel):
    paths: list[Path]


class SourceItem(Entity):
    entities: int
    relationships: int


class SourceDetail(BaseModel):
    source: Entity
    article_text: str | None = Field(
        None, description="the article's text; private persons' mentions replaced for anonymous callers"
    )
    entities: list[EntityRef]
    relationships: list[Relationship]


class DonationTotal(BaseModel):
    entity: EntityRef
    total_cny: float = Field(
        description="sum of the stated gifts, in CNY (a joint gift once; never a running total)"
    )
    approximate: bool = Field(description="true when an added amount carries 余/多/近/约")
    donations: int
    without_amount: int = Field(description="gifts of goods, or money with no stated sum")
    joint_cny: float = Field(
        0, description="donors only: joint gifts this donor shared with others (not in total_cny)"
    )
    cumulative_cny: float | None = Field(
        None, description="the largest running total stated (累计…, 截至目前…达…); never added to total_cny"
    )
    cumulative_text: str | None = Field(None, examples=["筹资捐款捐物价值达140余万元"])


class CumulativeFigure(BaseModel):
    entity: EntityRef
    cumulative_cny: float
    cumulative_text: str | None


class DonationSummary(BaseModel):
    total_cny: float = Field(description="every stated gift once; running totals left out (see `cumulative`)")
    approximate: bool
    cumulative: list[CumulativeFigure] = Field(
        description="running totals stated per recipient, apart from gifts"
    )
    by_donor: list[DonationTotal]
    by_recipient: list[DonationTotal]
    donations: list[Relationship]


class TownPartnerships(BaseModel):
    town: EntityRef | None = Field(description="null for pairings above town level (city with city)")
    partnerships: list[Relationship]


class Partnerships(BaseModel):
    towns: list[TownPartnerships]
    total: int


class Status(BaseModel):
    status: str = Field(examples=["ok"])


class ValidationErrorItem(BaseModel):
    type: str = Field(examples=["value_error"])
    loc: list[str | int] = Field(examples=[["query", "town"]])
    msg: str = Field(examples=["'liantang' is not a town."])


class HTTPValidationError(BaseModel):
    """Every 422 answer has this shape (FastAPI's own), whether a parameter fails its declared limits, a
    value asks for something impossible, or a posted source has problems (each located in ``loc``)."""

    detail: list[ValidationErrorItem]


class ErrorBody(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": {"detail": "No entity with id 'nowhere'."}})
    detail: Any


# Derived from the graph package's own lists (one definition each).
Metric = StrEnum("Metric", {m: m for m in METRICS})  # type: ignore[misc]
ExportFormat = StrEnum("ExportFormat", {f: f for f in EXPORT_FORMATS})  # type: ignore[misc]
ReportFormat = StrEnum("ReportFormat", {f: f for f in REPORT_FORMATS})  # type: ignore[misc]


class Scored(BaseModel):
    entity: EntityRef
    score: float
    rank: int


class CentralityOut(BaseModel):
    metric: str
    weighted: bool
    k: int | None = Field(None, description="betweenness: sampled pivots (null = exact)")
    items: list[Scored]
    graph_version: int
    cached: bool = Field(description="served from the in-process cache")


class Community(BaseModel):
    id: int
    size: int
    members: list[EntityRef]


class CommunitiesOut(BaseModel):
    algorithm: str
    seed: int
    modularity: float
    communities: list[Community]
    graph_version: int
    cached: bool


class Bridge(BaseModel):
    source: EntityRef
    target: EntityRef


class BrokersOut(BaseModel):
    articulation_points: list[EntityRef]
    bridges: list[Bridge]
    graph_version: int
    cached: bool


class VillageCoverage(BaseModel):
    village: EntityRef
    partners: list[EntityRef] = Field(description="the enterprise partners the articles name")
    partner_named: bool = Field(description="an article names an enterprise partner of this village")
    status: str = Field(
        description="文中载有结对企业, or 文中未载结对企业 (no article names one: not 'no partner')"
    )


class StatedQuote(BaseModel):
    source_id: str
    source_title: str
    publisher: str | None = None
    quote: str


class StatedCoverage(BaseModel):
    text: str = Field(description="what an article states about the town's pairing coverage, e.g. 全覆盖")
    quotes: list[StatedQuote]


class CoverageOut(BaseModel):
    town: EntityRef
    villages: list[VillageCoverage]
    covered: int = Field(description="villages and communities whose enterprise partner an article names")
    total: int = Field(description="villages and communities recorded for the town")
    fully_covered: bool = Field(description="every recorded village has a named partner")
    uncovered: list[EntityRef] = Field(
        description="recorded villages whose partner no article names (文中未载结对企业); same as without_named_partner"
    )
    without_named_partner: list[EntityRef]
    town_partners: list[EntityRef] = Field(description="enterprises paired with the town as a whole")
    stated: StatedCoverage | None = Field(
        description="what an article states about coverage, with its quotes"
    )
    counts_stated: str | None = Field(description="how many villages and communities the articles say it has")
    note: str = Field(description="what is stated beside what is recorded, in one Chinese sentence")
    graph_version: int
    cached: bool


#: The answers of every parameter that takes an entity's id, name or alias (documented in OpenAPI).
RESOLVE_RESPONSES: dict[int | str, dict[str, Any]] = {
    300: {"model": Candidates, "description": "the name or alias is ambiguous: the candidates"},
    404: {"model": NameNotFound, "description": "no such id, name or alias: did you mean…"},
}


class TownCoverage(BaseModel):
    town: EntityMatch
    parent: dict[str, Any] | None = Field(description="the county or district it lies in: {id, name}")
    villages: int = Field(description="villages and communities recorded as part of the town")
    covered: int = Field(description="those with an enterprise partner")
    fully_covered: bool
    town_partners: int = Field(description="enterprises paired with the town as a whole")
    coverage_stated: str | None = Field(None, description="what an article states (e.g. 全覆盖), as written")
    village_count_stated: float | None = Field(None, description="how many villages an article says it has")
    community_count_stated: float | None = None


class TownPage(BaseModel):
    """A town's dashboard: ``graph.towns.town_data`` (the town page and the report's town sections)."""

    town: dict[str, Any] = Field(description="name, the places above it, what the articles state, quotes")
    stationed: dict[str, Any] = Field(
        description="helping_places, work_teams (with leaders), district_bodies, group_units (组团), "
        "town_partners, others: each with roles and quotes"
    )
    coverage: dict[str, Any] = Field(
        description="villages with the partners the articles name; stated (what an article states, with "
        "quotes) beside recorded and partner_named; a note in Chinese"
    )
    donations: dict[str, Any] = Field(
        description="years (money, goods, money_and_goods apart, each gift), cumulative (running totals, "
        "never added), money (the gifts' total)"
    )
    events: list[dict[str, Any]] = Field(description="a timeline: date, kind, hosts, participants, quotes")
    people: list[dict[str, Any]] = Field(description="each person with every post the articles give")
    awards: list[dict[str, Any]]
    sources: list[dict[str, Any]] = Field(description="the articles cited")
    findings: list[dict[str, str]] = Field(description="key findings, {topic, text} in plain Chinese")
