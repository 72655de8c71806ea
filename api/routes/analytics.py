from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from api.deps import PrivateDep
from api.schemas import (
    BrokersOut,
    CentralityOut,
    CommunitiesOut,
    CoverageOut,
    EntityType,
    ErrorBody,
    ExportFormat,
    Metric,
    ReportFormat,
)
from graph.projection import EXPORT_FORMATS
from graph.worker import Analytics

DEFAULT_METRIC, DEFAULT_REPORT_FORMAT = Metric("degree"), ReportFormat("html")
router = APIRouter(tags=["analytics"])


def get_analytics(request: Request) -> Analytics:
    return request.app.state.analytics


AnalyticsDep = Annotated[Analytics, Depends(get_analytics)]


def json_answer(body: bytes) -> Response:
    """A JSON answer encoded by the analytics worker, sent as it is. ``response_model`` still
    documents it; FastAPI does not validate a returned ``Response``, so no large answer is
    re-encoded in the event loop."""
    return Response(body, media_type="application/json")


@router.get(
    "/analytics/centrality",
    response_model=CentralityOut,
    summary="Who holds the network together: centrality ranking",
)
async def centrality(
    analytics: AnalyticsDep,
    private: PrivateDep,
    metric: Metric = DEFAULT_METRIC,
    type: Annotated[EntityType | None, Query(description="rank only this entity type")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    weighted: Annotated[bool, Query(description="pagerank: weight by donation amounts")] = False,
):
    body = await analytics.centrality(metric.value, type.value if type else None, limit, weighted, private)
    return json_answer(body)


@router.get("/analytics/communities", response_model=CommunitiesOut, summary="Louvain communities")
async def communities(analytics: AnalyticsDep, private: PrivateDep):
    return json_answer(await analytics.communities(private))


@router.get(
    "/analytics/brokers", response_model=BrokersOut, summary="Brokers: articulation points and bridges"
)
async def brokers(analytics: AnalyticsDep, private: PrivateDep):
    return json_answer(await analytics.brokers(private))


@router.get(
    "/analytics/coverage",
    response_model=CoverageOut,
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    summary="Programme coverage of a town (全覆盖): villages and their enterprise partners",
)
async def coverage(
    analytics: AnalyticsDep,
    private: PrivateDep,
    town: Annotated[str, Query(max_length=120, examples=["taibao"])],
):
    return json_answer(await analytics.coverage(town, private))


MEDIA = EXPORT_FORMATS


@router.get(
    "/export/{fmt}",
    summary="The graph for Gephi and friends: graphml, gexf or json",
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
async def export(fmt: ExportFormat, analytics: AnalyticsDep, private: PrivateDep):
    body = await analytics.export(fmt.value, private)
    return Response(
        body,
        media_type=f"{MEDIA[fmt.value]}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="honglian.{fmt.value}"'},
    )


@router.get(
    "/reports/network",
    summary="帮扶报告: the partnership report (HTML, PDF, Markdown without pictures, or JSON)",
    responses={
        200: {
            "content": {"text/html": {}, "application/pdf": {}, "text/markdown": {}, "application/json": {}}
        },
        404: {"model": ErrorBody},
    },
)
async def report(
    analytics: AnalyticsDep,
    private: PrivateDep,
    format: ReportFormat = DEFAULT_REPORT_FORMAT,
    scope: Annotated[
        str | None,
        Query(
            max_length=120, description="an entity id: report on its 2-hop neighbourhood", examples=["taibao"]
        ),
    ] = None,
):
    from graph.report import FORMATS

    body = await analytics.report(format.value, scope, private)
    if format.value == "pdf":
        return Response(
            body,
            media_type=FORMATS[format.value][1],
            headers={"Content-Disposition": 'inline; filename="honglian-report.pdf"'},
        )
    return Response(body, media_type=f"{FORMATS[format.value][1]}; charset=utf-8")
