"""Decoding and the text view: encodings, bad input, the offset map back to the original."""

from __future__ import annotations

import pytest

from graph.intake.decode import MAX_BYTES, IntakeError, decode_article
from graph.intake.text import normalise, parse_article

ARTICLE = "广州市花都区驻太保镇工作队队长郭景祥表示，将继续做好驻镇帮扶工作，推动太保镇乡村振兴。" * 2


def test_utf8_gb18030_gbk_and_bom_are_read():
    assert decode_article(ARTICLE.encode("utf-8")) == (ARTICLE, "utf-8")
    assert decode_article(ARTICLE.encode("gb18030")) == (ARTICLE, "gb18030")
    assert decode_article(ARTICLE.encode("gbk"))[0] == ARTICLE
    assert decode_article(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")) == (ARTICLE, "utf-8")
    assert decode_article(b"\xff\xfe" + ARTICLE.encode("utf-16-le"))[1] == "utf-16-le"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "为空"),
        (b"   \n\n", "为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制"),
        (b"This is an English article about rural development, not Chinese at all. " * 5, "汉字太少"),
        ("太保镇".encode("gb18030") * 10 + b"\x80\xff" * 40, "编码"),
        (b"a" * (MAX_BYTES + 1), "过大"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(data, words):
    with pytest.raises(IntakeError) as info:
        decode_article(data)
    assert words in str(info.value)


def test_text_input_with_nul_is_refused():
    with pytest.raises(IntakeError, match="空字符"):
        decode_article(ARTICLE + "\x00")


def test_normalised_view_maps_back_to_the_original():
    original = "廣州市花都區駐太保鎮工作隊捐贈２０．５萬元，"
    norm, pos = normalise(original)
    assert norm == "广州市花都区驻太保镇工作队捐赠20.5万元,"
    assert len(pos) == len(norm)
    i = norm.index("20.5万元")
    assert original[pos[i] : pos[i + len("20.5万元") - 1] + 1] == "２０．５萬元"


def test_quotes_come_from_the_original_traditional_text():
    text = "標題\n\n廣州交投集團在得知情況後，捐贈近30萬元予以支持，為湖光鎮綠美鄉村建設添磚加瓦。\n"
    article = parse_article(text)
    unit = next(u for u in article.units if "捐赠" in u.text)
    i = unit.text.index("捐赠")
    assert unit.quote(i, i + 11) == "捐贈近30萬元予以支持"


def test_page_furniture_is_left_out_and_broken_lines_are_joined():
    text = (
        "首页 > 新闻中心 > 帮扶动态\n"
        "回访交流促提升\n\n"
        "在走访交流中,太保镇党政代表一行先后到花城街参观调研,与花都\n\n区对口帮扶单位深入交流。\n"
        "来源：新快报\n责任编辑：李某\n审核：王某\n"
        "粤ICP备12345678号 版权所有\n点击上方蓝字关注我们\n"
    )
    article = parse_article(text)
    assert article.title is not None and article.title.text == "回访交流促提升"
    bodies = [u.text for u in article.body]
    assert bodies == ["在走访交流中,太保镇党政代表一行先后到花城街参观调研,与花都区对口帮扶单位深入交流。"]
    assert len(article.furniture) == 6
    unit = article.body[0]
    i = unit.text.index("与花都区")
    assert unit.quote(i, i + 12) == "与花都区对口帮扶单位深入"
