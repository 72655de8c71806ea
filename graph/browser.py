"""The Neo4j Browser kit: the named queries of ``cypher/queries``, the guide and the style.

Each query file starts with a header::

    // 镇的结对网络 — a town's partnership network      (title)
    // Purpose: ...                                      (may continue on indented lines)
    // Parameters:
    //   $town = "taibao"   id of a town                (example value as JSON, then a description)
    // Returns: ...

The guide (``GET /browser/guide`` on the API, ``:play`` in Browser) is built from these headers, so the
guide, the docs and the tests all read the same files.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import CYPHER_DIR
from graph.db import header_lines

QUERIES_DIR = CYPHER_DIR / "queries"
STYLE_FILE = CYPHER_DIR / "browser.grass"
_PARAM = re.compile(r"^\$(\w+)\s*=\s*(.+?)(?:\s{2,}(.*))?$")

#: The order of the guide's slides (files not listed follow, by name).
GUIDE_ORDER = [
    "town_network",
    "pairings",
    "donation_totals",
    "shortest_path",
    "entity_evidence",
    "positions",
    "events",
    "event_network",
    "awards",
    "town_coverage",
    "villages_without_partner",
    "work_teams",
    "initiatives",
    "search",
    "source_facts",
    "donations",
    "partnerships_by_town",
]


@dataclass
class NamedQuery:
    name: str
    title: str
    purpose: str
    returns: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)
    param_help: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The query without its header comment."""
        return "\n".join(ln for ln in self.text.splitlines() if not ln.startswith("//")).strip()

    @property
    def draws_graph(self) -> bool:
        return "drawn as a graph" in self.returns

    def params_command(self) -> str | None:
        """The Browser command that sets the example parameters (``:params {town: "taibao"}``)."""
        if not self.params:
            return None
        items = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.params.items())
        return f":params {{{items}}}"


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = header_lines(text)
    if not header:
        raise ValueError(f"{path}: no header comment")
    title = header[0].strip()
    sections: dict[str, list[str]] = {"purpose": [], "parameters": [], "returns": []}
    current = None
    for line in header[1:]:
        m = re.match(r"^\s*(Purpose|Parameters|Returns):\s*(.*)$", line)
        if m:
            current = m.group(1).lower()
            if m.group(2):
                sections[current].append(m.group(2).strip())
        elif current:
            sections[current].append(line.strip())
    params, help_ = {}, {}
    for line in sections["parameters"]:
        m = _PARAM.match(line)
        if m:
            params[m.group(1)] = json.loads(m.group(2))
            help_[m.group(1)] = (m.group(3) or "").strip()
        elif line and line != "none":
            raise ValueError(f"{path}: cannot read the parameter line {line!r}")
    return NamedQuery(
        path.stem, title, " ".join(sections["purpose"]), " ".join(sections["returns"]), text, params, help_
    )


def named_queries() -> list[NamedQuery]:
    queries = {p.stem: parse(p) for p in sorted(QUERIES_DIR.glob("*.cypher"))}
    order = [n for n in GUIDE_ORDER if n in queries] + sorted(set(queries) - set(GUIDE_ORDER))
    return [queries[n] for n in order]


def _runnable(code: str) -> str:
    return f'<pre mode="cypher" class="pre-scrollable code runnable">{html.escape(code)}</pre>'


def guide_html(api_base: str) -> str:
    """The Browser guide: an intro slide, then one slide per named query."""
    slides = [
        f"""
    <slide class="row-fluid">
      <div class="col-sm-3">
        <h3>红联共建 网络</h3>
        <p class="lead">honglian: the partnership network, with evidence</p>
      </div>
      <div class="col-sm-9">
        <p>Districts of Guangzhou pair with towns such as 太保镇 and 湖光镇: work teams are stationed there,
        enterprises pair with villages and donate, officials hold positions, towns win awards.
        Every node and relationship carries <code>ev_quotes</code>: the article sentences it comes from.</p>
        <p>Click a query to put it in the editor, then run it (Ctrl+Enter). Queries with parameters come with
        a <code>:params</code> line to run first: it sets the example values; change them to ask about something else.</p>
        <p>Style: names as captions, one colour per type. If the graph looks grey, run
        <code>:style {html.escape(api_base)}/browser/style.grass</code>.</p>
        <p>The same questions over HTTP: <a href="{html.escape(api_base)}/docs" target="_blank">{html.escape(api_base)}/docs</a></p>
      </div>
    </slide>"""
    ]
    for q in named_queries():
        steps = (
            [f"<p>1. Set the example parameters:</p>{_runnable(command)}<p>2. Run the query:</p>"]
            if (command := q.params_command())
            else []
        )
        params = "".join(
            f"<li><code>${html.escape(k)}</code> = <code>{html.escape(json.dumps(v, ensure_ascii=False))}</code>"
            f" {html.escape(q.param_help.get(k, ''))}</li>"
            for k, v in q.params.items()
        )
        slides.append(f"""
    <slide class="row-fluid">
      <div class="col-sm-3">
        <h3>{html.escape(q.title)}</h3>
        <p><code>cypher/queries/{q.name}.cypher</code></p>
      </div>
      <div class="col-sm-9">
        <p>{html.escape(q.purpose)}</p>
        {f"<ul>{params}</ul>" if params else ""}
        {"".join(steps)}{_runnable(q.body)}
        <p><em>Returns:</em> {html.escape(q.returns)}</p>
      </div>
    </slide>""")
    return (
        '<article class="guide">\n  <carousel class="deck container-fluid">'
        + "".join(slides)
        + "\n  </carousel>\n</article>\n"
    )


def style_grass() -> str:
    return STYLE_FILE.read_text(encoding="utf-8")
