"""Bytes in, text out: the article's encoding found, bad input refused with a message a curator can act on.

Order: size → byte-order mark → NUL/binary → UTF-8 → GB18030 (a superset of GBK and GB2312) → at least
some Chinese. Nothing is guessed silently: a file that is neither UTF-8 nor GB18030 is refused.
"""

from __future__ import annotations

import re

from graph.errors import InvalidInput

MAX_BYTES = 5 * 1024 * 1024
#: How much Chinese an article needs: this many Han characters, and this share of its letters.
MIN_HAN = 20
MIN_HAN_SHARE = 0.2

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3040-\u30ff\uac00-\ud7af]")
#: C0 controls other than tab, newline, carriage return and form feed: a text file has none.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class IntakeError(InvalidInput):
    """An article that cannot be drafted (empty, binary, too large, not Chinese, undecodable)."""

    def __init__(self, message: str, loc: tuple[str, ...] = ("body", "text")):
        super().__init__(message, loc)


def decode_article(data: bytes | str) -> tuple[str, str]:
    """The article's text and the encoding it was read with.

    Parameters
    ----------
    data : the file's bytes (or text already decoded, e.g. from the HTTP API).

    Returns
    -------
    (text, encoding) with ``encoding`` one of utf-8, utf-16-le, utf-16-be, gb18030 or "text".

    Raises
    ------
    IntakeError : with a message in Chinese saying what is wrong.

    Examples
    --------
    >>> decode_article("太保镇".encode("gb18030") * 10)[1]
    'gb18030'
    """
    if isinstance(data, str):
        text, encoding = data, "text"
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise IntakeError(_too_large(len(text.encode("utf-8", "surrogatepass"))))
        if "\x00" in text:
            raise IntakeError("文本中含有空字符(NUL)，不是纯文本文章。")
    else:
        if len(data) > MAX_BYTES:
            raise IntakeError(_too_large(len(data)))
        if not data.strip():
            raise IntakeError("文件为空：没有可以起草的文章文本。")
        text, encoding = _decode_bytes(data)
    if not text.strip():
        raise IntakeError("文件为空：没有可以起草的文章文本。")
    han = len(_HAN.findall(text))
    letters = han + len(_LETTER.findall(text))
    if han < MIN_HAN or han < MIN_HAN_SHARE * letters:
        raise IntakeError(
            f"文章中汉字太少（{han} 个）：honglian draft 只处理中文新闻稿。"
            "若文件是中文，请检查其编码（支持 UTF-8 与 GB18030/GBK）。"
        )
    return text, encoding


def _too_large(size: int) -> str:
    return f"文件过大（{size / 1024 / 1024:.1f} MB）：一篇文章不应超过 {MAX_BYTES // 1024 // 1024} MB。"


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IntakeError(
                    f"文件以 {encoding} 字节序标记开头，但内容无法按 {encoding} 解码。"
                ) from exc
    if b"\x00" in data or len(_BINARY.findall(data[:65536])) > 8:
        raise IntakeError("这是一个二进制文件（含有控制字符），不是纯文本文章。请先把文章另存为 .txt。")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise IntakeError(
            f"无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK（第 {exc.start} 字节处出错）。"
            "请用文本编辑器另存为 UTF-8 后再试。"
        ) from exc
