"""How much work one file may ask for, and the guards every reader shares.

A report is tens of kilobytes and a few dozen pages; anything far beyond that is a mistake or
an attack, and is refused with a message saying which limit it passed, before the work starts
where that can be known (the file's size, a zip's directory) and as soon as it is known
otherwise (the text a reader produced).
"""

from __future__ import annotations

import zipfile
import zlib

from .errors import ReadError

# What a broken zip container raises when it is opened or a member read: zipfile's own error,
# a corrupt deflate stream (zlib), a version or compression method it does not know (found
# by the fuzz suite: a flipped byte in the directory), a cut-off file.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError)

MAX_BYTES = 50 * 1024 * 1024  # a report is tens of kilobytes; larger files are not reports
# The source text a file may turn into. The largest real reports run to ~100,000 characters.
# A real report is audited at a few seconds per million characters, but crafted text (a table
# row repeated ten thousand times, each copy a dozen findings) costs up to ~30 s per million,
# so this keeps any file under the batch's time limit.
MAX_TEXT_CHARS = 2_000_000
# Zip containers (docx, xlsx): what their directory may promise before a member is read.
MAX_ZIP_MEMBERS = 5_000  # a Word or Excel file has tens of parts; hundreds with many images
MAX_ZIP_UNCOMPRESSED = 300 * 1024 * 1024  # all members together, once inflated
MAX_XML_PART = 32 * 1024 * 1024  # one XML part once inflated; a report's largest is ~1 MB
MAX_ZIP_RATIO = 200  # XML compresses ~10:1; a member inflating 200-fold or more is a bomb
_RATIO_FLOOR = 1024 * 1024  # small members may have any ratio (a run of blanks compresses well)
# zipfile reads a whole member (`ZipFile.read`, openpyxl's way) by inflating up to 1 GiB in one
# call before cutting the result to the member's declared size, so a member whose deflate data
# runs on past what its directory entry says (a "lying" bomb) costs a gigabyte at once. In steps
# of 4 MB it costs 4 MB past the declared size, which check_zip has bounded.
zipfile.ZipExtFile.MAX_N = 4 * 1024 * 1024
MAX_PAGES = 2_000  # PDF pages read; a report has a few dozen
MAX_COLSPAN = 1_000  # as browsers clip colspan; a report's widest table has 15 columns
MAX_TABLE_CELLS = 250_000  # one table's grid, spans counted; a report's largest has ~130


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def check_text_length(text: str) -> str:
    """The source text, unless it is too long to be a report."""
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(
            "too_long",
            f"文件的文字内容过长（{len(text) / 10000:.0f} 万字），超过 {MAX_TEXT_CHARS // 10000} 万字的上限，"
            "不像是一份年度报告",
        )
    return text


def check_zip(z: zipfile.ZipFile, kind: str = "文件") -> None:
    """Refuse a zip container (a `kind`, e.g. "Word 文件") whose directory promises a bomb: too
    many members, too much once inflated, or a member inflating far more than documents do.
    The directory's figures are checked before any member is read; they bind, as zipfile stops
    inflating a member at the size its directory entry gives."""
    members = z.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise ReadError(
            "zip_bomb",
            f"{kind}内含 {len(members)} 个部件，超过 {MAX_ZIP_MEMBERS} 个的上限（文件可能已损坏或是恶意构造的）",
        )
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(1, info.compress_size):
            raise ReadError(
                "zip_bomb",
                f"{kind}中的部件 {info.filename} 解压后达 {_mb(info.file_size)}，是压缩大小的 "
                f"{info.file_size // max(1, info.compress_size)} 倍，远超正常文档"
                "（可能是恶意构造的“压缩炸弹”），已拒绝读取",
            )
        if info.file_size > MAX_XML_PART and info.filename.lower().endswith((".xml", ".rels")):
            raise ReadError(
                "zip_bomb",
                f"{kind}中的部件 {info.filename} 解压后达 {_mb(info.file_size)}，超过单个部件 "
                f"{_mb(MAX_XML_PART)} 的上限，远超正常文档，已拒绝读取",
            )
    if total > MAX_ZIP_UNCOMPRESSED:
        raise ReadError(
            "zip_bomb",
            f"{kind}解压后共 {_mb(total)}，超过 {_mb(MAX_ZIP_UNCOMPRESSED)} 的上限"
            "（可能是恶意构造的“压缩炸弹”），已拒绝读取",
        )
