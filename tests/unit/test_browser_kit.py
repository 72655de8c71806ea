"""The guide and the style (no server)."""

import re

from graph.browser import guide_html, named_queries, style_grass
from graph.model import schema


def test_guide_has_a_slide_per_query_with_runnable_code():
    html = guide_html("http://127.0.0.1:8000")
    assert html.startswith('<article class="guide">')
    assert html.count("<slide") == len(named_queries()) + 1
    with_params = sum(1 for q in named_queries() if q.params)
    assert html.count('class="pre-scrollable code runnable"') == len(named_queries()) + with_params
    assert ":params {town: &quot;taibao&quot;}</pre>" in html


def test_first_guide_query_is_the_taibao_network():
    assert named_queries()[0].name == "town_network"
    assert named_queries()[0].params == {"town": "taibao"}


def test_style_gives_every_label_a_colour_and_a_name_caption():
    grass = style_grass()
    for label in schema().labels:
        block = re.search(rf"node\.{label} \{{(.*?)\}}", grass, re.S)
        assert block, label
        assert "color:" in block.group(1) and "caption:" in block.group(1)
    assert 'caption: "{name}"' in grass
