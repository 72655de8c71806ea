"""`honglian draft` on the command line: the draft passes `honglian seed --check`; bad input fails cleanly.

Runs with linking off (no server): linking is tested against the seeded graph in test_linking.py.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from cli.main import app
from graph.model import ARTICLES_DIR, raw_article

runner = CliRunner()
SEED_ARTICLE = ARTICLES_DIR / "001_9c78a84fc0b24326.txt"


def test_draft_then_seed_check_accepts_it(tmp_path):
    article = tmp_path / "in" / "article.txt"
    article.parent.mkdir()
    shutil.copy(SEED_ARTICLE, article)
    out = tmp_path / "drafts" / "draft.yaml"
    result = runner.invoke(
        app, ["draft", str(article), "--no-link", "-o", str(out), "--source-id", "xkb-test"]
    )
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["source"]["id"] == "xkb-test"
    assert doc["source"]["properties"]["article_file"] == "../in/article.txt"
    assert {"source", "entities", "relationships"} == set(doc)
    check = runner.invoke(app, ["seed", "--check", str(out)])
    assert check.exit_code == 0, check.output
    assert "valid" in check.output


def test_json_on_stdout_is_the_same_document(tmp_path):
    result = runner.invoke(app, ["draft", str(SEED_ARTICLE), "--no-link", "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    types = {r["type"] for r in doc["relationships"]}
    assert {"holds_position", "signs_agreement", "pairs_with", "donates_to"} <= types
    for item in [*doc["entities"], *doc["relationships"]]:
        assert 0 <= item["confidence"] <= 1 and item["rule"]


def test_gb18030_article_gets_a_utf8_copy_that_seed_check_reads(tmp_path):
    article = tmp_path / "gbk.txt"
    article.write_bytes(SEED_ARTICLE.read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "gbk.yaml"
    result = runner.invoke(app, ["draft", str(article), "--no-link", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "gbk.article.txt").read_text(encoding="utf-8") == SEED_ARTICLE.read_text(
        encoding="utf-8"
    )
    assert runner.invoke(app, ["seed", "--check", str(out)]).exit_code == 0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "为空"),
        (bytes(range(256)) * 4, "二进制"),
        (b"Only English words in this file, nothing for the Chinese drafter to do here." * 3, "汉字太少"),
        (b"x" * (5 * 1024 * 1024 + 10), "过大"),
    ],
)
def test_bad_input_exits_non_zero_with_a_message_and_no_traceback(tmp_path, content, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["draft", str(path), "--no-link"])
    assert result.exit_code == 1
    assert words in result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )


def test_missing_file_is_a_message(tmp_path):
    result = runner.invoke(app, ["draft", str(tmp_path / "nope.txt"), "--no-link"])
    assert result.exit_code == 1 and "无法读取" in result.output


def test_unreachable_graph_still_drafts_unless_required(tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-local-default")
    from graph.settings import get_settings

    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["draft", str(SEED_ARTICLE), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["entities"]
        assert "无法连接" in result.stderr
        required = runner.invoke(app, ["draft", str(SEED_ARTICLE), "--require-link"])
        assert required.exit_code == 4
    finally:
        get_settings.cache_clear()


def test_article_file_relative_to_the_seed_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("正文", encoding="utf-8")
    (tmp_path / "b").mkdir()
    seed_file = tmp_path / "b" / "draft.yaml"
    assert raw_article("../a/x.txt", str(seed_file)) == "正文"
    assert raw_article(str(tmp_path / "a" / "x.txt"), str(seed_file)) is None  # absolute paths: never
    assert raw_article("001_9c78a84fc0b24326.txt", str(seed_file)) is not None  # seed/articles still
