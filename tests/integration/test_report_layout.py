"""The report as a reader gets it, in a real headless Chromium (Debian's package) and as a PDF.

Every label of every picture is measured in the browser at print width (A4, 96 dpi): no two labels
overlap, each is at least 10 px high and inside its box. Screenshots go to the test's tmp dir, and also
to $HONGLIAN_SCREENSHOT_DIR when set (docs/screenshots/report-*.png are made that way).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.projection import open_view, report
from tests.api.test_reports import cli_env
from tests.browser import chromium, pdftotext, require_chromium

# No host name resolves: the report must need nothing from outside the machine.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND"]
A4_WIDTH = 794  # px at 96 dpi

MEASURE = """() => [...document.querySelectorAll('figure svg')].map(svg => ({
  key: svg.closest('figure').dataset.key,
  width: svg.getBoundingClientRect().width,
  nodes: [...svg.querySelectorAll('g.node')].map(g => {
    const box = g.querySelector('rect').getBoundingClientRect();
    return {
      title: g.querySelector('title').textContent,
      box: [box.left, box.top, box.right, box.bottom],
      labels: [...g.querySelectorAll('text')].map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, rect: [r.left, r.top, r.right, r.bottom]};
      }),
    };
  }),
}))"""


@pytest.fixture(scope="module")
def report_html(seeded, driver, settings, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(report(open_view(driver, settings.neo4j_database), "html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def measured(report_html, tmp_path_factory):
    shots = tmp_path_factory.mktemp("shots")
    with chromium(OFFLINE) as browser:
        page = browser.new_page(viewport={"width": A4_WIDTH, "height": 1123})
        page.emulate_media(media="print")
        page.goto(report_html.as_uri())
        page.wait_for_load_state("load")
        figures = page.evaluate(MEASURE)
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 820, "height": 1123})
        for key in [f["key"] for f in figures]:
            page.locator(f'figure[data-key="{key}"]').screenshot(path=str(shots / f"report-{key}.png"))
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shots / "report-page.png"))  # the first screen: title and key findings
    if os.environ.get("HONGLIAN_SCREENSHOT_DIR"):
        out = Path(os.environ["HONGLIAN_SCREENSHOT_DIR"])
        out.mkdir(parents=True, exist_ok=True)
        for png in shots.glob("*.png"):
            shutil.copyfile(png, out / png.name)
    return figures, shots


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def test_every_picture_is_there(measured):
    figures, shots = measured
    keys = [f["key"] for f in figures]
    assert keys[0] == "overview" and {"taibao", "huguang"} <= set(keys)
    for f in figures:
        assert f["width"] == pytest.approx(680, abs=1), f["key"]  # printed at 100 %, not shrunk
        assert (shots / f"report-{f['key']}.png").stat().st_size > 5_000


def test_no_two_labels_overlap_and_all_are_readable_in_print(measured):
    figures, _ = measured
    for f in figures:
        labels = [(n["title"], lb) for n in f["nodes"] for lb in n["labels"]]
        assert len(labels) >= len(f["nodes"]) >= 3, f["key"]
        for i, (name, a) in enumerate(labels):
            height = a["rect"][3] - a["rect"][1]
            assert height >= 10, (f["key"], name, a["text"], height)
            for other, b in labels[i + 1 :]:
                assert not _overlap(a["rect"], b["rect"]), (f["key"], name, a["text"], other, b["text"])
        for n in f["nodes"]:  # every label sits inside its own box
            box = n["box"]
            for lb in n["labels"]:
                r = lb["rect"]
                assert box[0] <= r[0] and r[2] <= box[2] and box[1] <= r[1] and r[3] <= box[3], (
                    n["title"],
                    lb,
                )


def test_pictures_label_every_named_party(measured):
    figures, _ = measured
    for f in figures:
        for n in f["nodes"]:
            first = "".join(lb["text"] for lb in n["labels"])
            assert first.startswith(n["title"].rstrip("…")[:4]) and n["title"], (f["key"], n)
    taibao = next(f for f in figures if f["key"] == "taibao")
    titles = {n["title"] for n in taibao["nodes"]}
    assert {
        "花都区",
        "花都区驻太保镇帮扶镇扶村工作队",
        "太保镇",
        "上坪村",
        "沙坪村",
        "莲塘村",
        "广州市雄业物流有限公司",
    } <= titles
    overview = next(f for f in figures if f["key"] == "overview")
    assert {"太保镇", "湖光镇", "花都区", "广州市"} <= {n["title"] for n in overview["nodes"]}


# ------------------------------------------------------------------ the command line: PDF and Markdown
def _cli(settings, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    honglian = str(Path(sys.executable).with_name("honglian"))
    return subprocess.run(
        [honglian, "report", *args], env=cli_env(settings), capture_output=True, text=True, timeout=timeout
    )


def test_cli_prints_a_pdf_with_chinese_text(seeded, settings, tmp_path):
    require_chromium()
    out = tmp_path / "report.pdf"
    run = _cli(settings, "-f", "pdf", "-o", str(out))
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    text = subprocess.run(
        [pdftotext(), "-layout", str(out), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    for words in ("红联共建 帮扶报告", "要点", "太保镇", "文中未载结对企业", "20.5万元", "新快报"):
        assert words in text, words
    assert "数据版本" not in text


def test_cli_pdf_needs_a_file(seeded, settings):
    run = _cli(settings, "-f", "pdf")
    assert run.returncode == 2 and "PDF 需要输出文件" in run.stderr


def test_cli_markdown_writes_its_pictures_beside_it(seeded, settings, tmp_path):
    out = tmp_path / "dir" / "report.md"
    run = _cli(settings, "-f", "markdown", "-o", str(out))
    assert run.returncode == 0, run.stderr
    svgs = sorted(p.name for p in out.parent.glob("report-*.svg"))
    assert {"report-overview.svg", "report-taibao.svg", "report-huguang.svg"} <= set(svgs)
    text = out.read_text(encoding="utf-8")
    assert "data:image" not in text and "(report-taibao.svg)" in text
    assert out.stat().st_size < 40_000
