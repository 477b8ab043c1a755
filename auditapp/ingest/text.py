"""Bytes → text for plain-text reports, in whatever Chinese encoding they were saved.

A strict decode settles most files with certainty (BOMs, valid UTF-8). GB18030 and Big5 both
accept much of each other's byte space, so when both decode we score the results on words
every report contains before asking chardet. A result that still looks like noise is refused:
a clear error beats mojibake that parses into wrong numbers.
"""

from __future__ import annotations

import codecs
import re

from .errors import ReadError

# Words every disclosure report prints, simplified and traditional.
_MARKERS = (
    "政府信息",
    "公开",
    "申请",
    "年度",
    "报告",
    "情况",
    "行政",
    "本年",
    "总计",
    "处理",
    "政府資訊",
    "公開",
    "申請",
    "年度報告",
    "處理",
    "總計",
    "行政複議",
    "訴訟",
)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _marker_score(text: str) -> int:
    return sum(text.count(m) for m in _MARKERS)


# Characters no report holds: C0/C1 controls (but tab and line breaks), private use, U+FFFD.
_NOISE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")


_CJK = re.compile("[\u4e00-\u9fff]")
# Byte-swapped Chinese lands in Hangul, Yi, CJK extension A, symbols: scripts a report never uses.
_FOREIGN = re.compile("[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _noise_ratio(text: str) -> float:
    """Share of characters that no report would hold."""
    return len(_NOISE.findall(text)) / len(text) if text else 0.0


# A UTF-8 file with a few broken bytes (a cut mid-character, one flipped byte) is still read:
# each bad byte shows as U+FFFD in the source view and the audit warns about it.
_MAX_REPLACED = 0.001


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises ReadError when no sensible decoding exists."""
    text, encoding = _decode(data) if data.strip() else ("", "")
    if not text.strip():
        raise ReadError("empty", "文件为空，没有可读取的内容")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise ReadError("decode", f"文件以 {codec} 字节序标记开头，但内容无法按 {codec} 解码（文件可能已损坏）")
            return _checked(text, codec)
    nuls = data.count(0)
    if nuls:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
        if nuls > max(1, len(data) // 1000):  # a stray NUL or two in a text file is only noise
            raise ReadError("binary", "这是一个二进制文件（含有空字节），不是文本格式的报告")
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8")
    candidates = [(c, t) for c in ("gb18030", "big5") if (t := _strict(data, c)) is not None]
    scored = sorted(((_marker_score(t), c, t) for c, t in candidates), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return _checked(scored[0][2], scored[0][1])
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(1, len(lenient) * _MAX_REPLACED) and _CJK.search(lenient):
        return _checked(lenient, "utf-8")
    if len(candidates) == 1:
        return _checked(candidates[0][1], candidates[0][0])
    return _checked(*_ask_chardet(data))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: whichever byte order reads as cleaner text."""
    if len(data) % 2:
        data = data[:-1]  # a file cut off mid-character
    best: tuple[float, int, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is None:
            continue
        noise = _noise_ratio(text) + _foreign_ratio(text)
        key = (noise, -_marker_score(text), codec, text)
        if best is None or key < best:
            best = key
    if best is None or best[0] > 0.01:
        return None
    return best[3], best[2]


def _foreign_ratio(text: str) -> float:
    """Share of characters outside what a Chinese report uses (CJK, ASCII, common punctuation)."""
    if not text:
        return 0.0
    return len(_FOREIGN.findall(text)) / len(text)


def _ask_chardet(data: bytes) -> tuple[str, str]:
    import chardet  # lazy: it loads models on first use

    guess = chardet.detect(data[:200_000])
    enc = (guess.get("encoding") or "").lower()
    confidence = guess.get("confidence") or 0.0
    if not enc or confidence < 0.2:
        raise ReadError("decode", "无法确定文件的字符编码，内容不像是中文文本（请另存为 UTF-8 后再试）")
    if enc in ("gb2312", "gbk"):
        enc = "gb18030"  # the superset decodes everything the others do
    text = _strict(data, enc)
    if text is None:
        text = data.decode(enc, errors="replace")
    return text, enc


def _looks_latin(text: str) -> bool:
    """Chinese bytes decoded as a Western code page come out as accented Latin letters."""
    latin = sum(1 for ch in text if "\u0080" <= ch <= "\u024f")
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return latin > cjk


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not encoding.startswith(("utf", "gb", "big5")) and _looks_latin(text):
        raise ReadError("decode", f"按猜测的编码 {encoding} 解码后不是中文文本，无法可靠读取（请另存为 UTF-8 后再试）")
    ratio = _noise_ratio(text)
    if ratio > 0.02:
        raise ReadError(
            "decode",
            f"按 {encoding} 解码后有 {ratio:.0%} 的字符是控制符或无效字符，"
            "文件不是可读的文本（可能是二进制文件或已损坏）",
        )
    return text, encoding
