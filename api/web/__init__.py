"""The explorer: server-rendered pages in Chinese over the same data functions as the JSON API.

One module per kind of page (home, entity, town, path, network, source, review); pages live at
singular paths (``/entity/太保镇``, ``/town/太保镇``, ``/town``, ``/source``), the JSON API at plural ones
(``/entities/太保镇``, ``/towns/太保镇``, ``/towns``, ``/sources``). Each route awaits
the ``Store`` methods its JSON twin uses and renders a template from ``api/templates``. Pages never
appear in the OpenAPI description. Errors become pages too: an unknown name lists what a search finds,
an ambiguous one lists the candidates, an unreachable database says so — never JSON, never a trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from graph import towns, views
from graph.errors import Ambiguous, DatabaseUnavailable, HonglianError, InvalidInput, NotFound, QueryTimeout
from graph.model import schema

log = logging.getLogger("honglian.web")
PACKAGE = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=PACKAGE / "templates")
STATIC_DIR = PACKAGE / "static"
CYTOSCAPE = "/static/vendor/cytoscape-3.35.0/cytoscape.min.js"

#: Property names in Chinese (the model's properties, and the flat keys pages show).
PROP_LABELS = {
    "member_count": "成员",
    "donations_raised": "筹集捐赠",
    "consumption_support": "消费帮扶",
    "problems_solved": "解决问题",
    "people_covered": "覆盖人数",
    "beneficiaries": "受益人数",
    "students": "学生",
    "teachers": "教师",
    "classes": "班级",
    "founded": "成立",
    "note": "说明",
    "village_count": "下辖村",
    "community_count": "下辖社区",
    "coverage_stated": "报道所述覆盖情况",
    "planned_investment": "计划投资",
    "partner_enterprises": "合作企业",
    "places_planned": "计划地点",
    "sales_channels": "销售渠道",
    "labour_supplied": "提供劳动力",
    "value_created": "创造价值",
    "version": "版本",
    "status": "状态",
    "date": "日期",
    "end_date": "结束日期",
    "trees_planted": "植树",
    "participants": "参与人数",
    "year": "年份",
    "level": "级别",
    "conferred_by": "授予单位",
    "title": "标题",
    "publisher": "发布单位",
    "reporters": "记者",
    "correspondents": "通讯员",
    "url": "原文链接",
    "basis": "依据",
    "since": "起始",
    "role": "角色",
    "amount": "金额",
    "form": "形式",
    "amount_scope": "金额口径",
    "goods": "物资",
    "purpose": "用途",
    "coordinated_by": "协调单位",
    "handed_over_by": "转交人",
    "how": "方式",
    "agreement": "协议",
}
#: Values of choice properties in Chinese.
CHOICE_LABELS = {
    "money": "资金",
    "goods": "物资",
    "money_and_goods": "捐款捐物",
    "gift": "单笔",
    "joint": "联合捐赠（计一次）",
    "cumulative": "累计（不与单笔相加）",
}
#: Properties never shown on a page (bookkeeping, or private by nature).
HIDDEN = {"article_file", "private", "mentions", "redact_as", "private_mentions", "gift_key"}


def money(value: float | None, qualifier: str | None = None) -> str:
    """An amount as people write it (近30万元, 140余万元; ``graph.towns.yuan_text``), or —."""
    return towns.yuan_text(value, qualifier) or "—"


def date(value: str | None, inferred: bool = False) -> str:
    """2021年12月14日（推定）(``graph.towns.date_text``), or 日期不详."""
    return towns.date_text(value, inferred) or "日期不详"


def count(value: float | None, qualifier: str | None = None, unit: str | None = None) -> str:
    """A count as written: 近1000株, 20多个爱心企业家代表."""
    if value is None:
        return "—"
    number = str(int(value)) if float(value).is_integer() else str(value)
    q = qualifier if qualifier in ("余", "多", "近", "约") else ""
    return (f"{number}{q}" if q in ("余", "多") else f"{q}{number}") + (unit or "")


def amount_text(props: dict[str, Any], name: str = "amount") -> str | None:
    """The money or count property ``name`` of a stored item, written as people write it (or None)."""
    value = props.get(name)
    if value is None:
        return None
    if f"{name}_currency" in props:
        return money(value, props.get(f"{name}_qualifier"))
    return count(value, props.get(f"{name}_qualifier"), props.get(f"{name}_unit"))


def prop_label(name: str, relationship: bool = False) -> str:
    """A property's name in Chinese (a relationship's ``title`` is a post: 职务)."""
    return "职务" if relationship and name == "title" else PROP_LABELS.get(name, name)


def readable_properties(
    item_type: str, props: dict[str, Any], relationship: bool = False
) -> list[tuple[str, str]]:
    """(label, text) pairs of an entity's or relationship's declared properties, as people write them:
    money and counts with their qualifiers (近30万元), dates in Chinese, choices in Chinese."""
    sch = schema()
    declared = (
        sch.relationship_types[item_type].properties
        if relationship
        else sch.entity_types[item_type].properties
        if item_type in sch.entity_types
        else {}
    )
    out = []
    for name, kind in declared.items():
        if name in HIDDEN or props.get(name) is None:
            continue
        value = props[name]
        if kind in ("money", "count"):
            text = amount_text(props, name) or ""
        elif kind == "date":
            text = date(value, bool(props.get(f"{name}_inferred")))
        elif kind == "textlist":
            text = "、".join(value)
        elif kind.startswith("choice["):
            text = CHOICE_LABELS.get(value, value)
        else:
            text = views.ROLE_LABELS.get(value, str(value)) if name == "role" else str(value)
        out.append((prop_label(name, relationship), text))
    return out


def disputes(item: dict[str, Any]) -> list[tuple[str, list[tuple[str, str | None, str]]]]:
    """Where an item's sources disagree: (property label, [(source id, source date, value as written)])
    for each disputed property, every source's statement in order (the Store's ``statements``)."""
    if not item.get("disputed"):
        return []
    relationship = "source" in item and "target" in item
    rows = []
    for prop in item["disputed"]:
        label = prop_label(prop, relationship)
        values = []
        for st in item.get("statements") or []:
            shown = dict(readable_properties(item["type"], st["properties"], relationship))
            values.append((st["source_id"], st.get("source_date"), shown.get(label, "未提及")))
        rows.append((label, values))
    return rows


def kind_label(kind: str | None) -> str:
    return views.KIND_LABELS.get(kind or "", kind or "")


def entity_url(ref: dict[str, Any]) -> str:
    """A source's page is its article; anything else has an entity page (a town's links to its dashboard)."""
    if ref.get("type") == "source":
        return f"/source/{ref['id']}"
    return f"/entity/{ref['id']}"


def tojson_script(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text.replace("&", "\\u0026"))


env = templates.env
env.filters.update(
    money=money,
    date=date,
    kind=kind_label,
    type_label=lambda t: views.TYPE_LABELS.get(t or "", t or ""),
    rel_label=lambda t: views.REL_LABELS.get(t, (t,))[0],
    url=entity_url,
    script_json=tojson_script,
)
#: What graph.js needs to label a drawing: relationship types by their Neo4j name, entity types.
GRAPH_LABELS = {
    "relationships": {
        t.db_type: views.REL_LABELS.get(n, (n,))[0] for n, t in schema().relationship_types.items()
    },
    "types": views.TYPE_LABELS,
}

env.globals.update(
    GRAPH_LABELS=GRAPH_LABELS,
    readable_properties=readable_properties,
    disputes=disputes,
    rel_side=views.rel_label,
    amount_text=amount_text,
    CYTOSCAPE=CYTOSCAPE,
    TYPE_LABELS=views.TYPE_LABELS,
    REL_LABELS=views.REL_LABELS,
)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


class PageRoute(APIRoute):
    """A page's route: the domain's errors answered as pages in Chinese (never as JSON)."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def page(request: Request):
            try:
                return await handler(request)
            except Ambiguous as exc:
                return render(
                    request,
                    "error.html",
                    300,
                    title="请选择",
                    kind="ambiguous",
                    asked=_asked(request),
                    candidates=exc.candidates,
                )
            except NotFound as exc:
                return render(
                    request,
                    "error.html",
                    404,
                    title="找不到",
                    kind="not_found",
                    asked=_asked(request),
                    suggestions=exc.suggestions or [],
                    message=str(exc),
                )
            except InvalidInput as exc:
                return render(request, "error.html", 422, title="无法显示", kind="invalid", message=str(exc))
            except (DatabaseUnavailable, QueryTimeout) as exc:
                log.warning("page %s: %s", request.url.path, exc)
                return render(request, "error.html", 503, title="暂时无法访问", kind="unavailable")
            except HonglianError:
                log.exception("page %s", request.url.path)
                return render(request, "error.html", 500, title="出错了", kind="error")

        return page


def _asked(request: Request) -> str:
    """What the reader asked for: the last path segment, or the query's names."""
    values = [v for k, v in request.query_params.items() if k in ("q", "from", "to", "focus")]
    return "、".join(values) if values else request.path_params.get("ref", "")


def page_router() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False, default_response_class=HTMLResponse)


def routers() -> list[APIRouter]:
    from api.web import draft, entity, home, network, path, source, town

    return [m.router for m in (home, entity, town, path, network, source, draft)]
