"""Blocks → a web page as government sites publish it (and an .mht of it, as Word saves one).

The page has what real ones have around the report: a GB2312 declaration on a page whose bytes
are GBK or GB18030, `<table border="1">` with row and column spans, every cell's text wrapped
in `<p><span style="font-family:宋体">`, long text broken across source lines between Chinese
characters, `&nbsp;` in empty cells, a script that writes numbers, a stylesheet and a picture on
another server, and optionally the whole content inside a layout table. None of that may change
what a reader gets.
"""

from __future__ import annotations

import re
from html import escape

from ..ingest.document import Block, Paragraph, TableBlock

SUFFIX = ".html"

_GB = ("gb2312", "gbk", "gb18030")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")
_WRAP_AT = 40  # Word and CMS editors break long lines in the source, often mid-sentence

_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{meta}
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="http://www.example.gov.cn/css/article.css" />
<style type="text/css">td {{ font-size: 14px; }} .hidden-counter:after {{ content: "999"; }}</style>
<script type="text/javascript" src="http://www.example.gov.cn/js/jquery.min.js"></script>
<script type="text/javascript">
document.write("<table><tr><td>本年新收政府信息公开申请数量</td><td>999</td></tr></table>");
var visits = 123456;
</script>
</head>
<body>
<div class="top"><img src="http://www.example.gov.cn/images/banner.jpg" alt="" width="1000" height="120" /></div>
<noscript><p>请启用 JavaScript 访问本站，总计 888 件</p></noscript>
<!-- 统计代码 总计 777 -->
<div style="display:none">本年新收政府信息公开申请数量 666</div>
"""
_TAIL = """<div class="share"><a href="javascript:window.print()">【打印】</a>\
<a href="javascript:window.close()">【关闭】</a></div>
<script type="text/javascript">var _hmt = _hmt || []; _hmt.push(["_trackPageview", 555]);</script>
</body>
</html>
"""


def write(
    blocks: list[Block],
    encoding: str = "utf-8",
    nbsp: bool = False,
    layout_table: bool = False,
    declare: bool = True,
    **_,
) -> bytes:
    """The page's bytes. `encoding` is declared (unless `declare` is false, as on pages that leave
    it to the browser); gb2312/gbk pages are encoded as GB18030 bytes, as CMSs do, so characters
    beyond GB2312 appear as raw bytes under a GB2312 label."""
    if not declare:
        meta = '<meta name="generator" content="TRS WCM" />'
    elif encoding.lower() in _GB:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}" />'
    else:
        meta = f'<meta charset="{encoding}" />'
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    title = next((t for t in paragraphs if "年度报告" in t), "政府信息公开工作年度报告")
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            body.append(f'<p style="text-indent:2em;line-height:1.8">{_wrap(_esc(block.text))}</p>')
        else:
            body.append(_table(block, nbsp))
    content = "\n".join(body)
    if layout_table:
        content = (
            '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="layout">\n'
            '<tr><td class="position">您当前的位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</td>'
            '<td align="right">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>\n'
            '<tr><td colspan="2" class="article" valign="top">\n'
            f'<div class="TRS_Editor">\n{content}\n</div>\n</td></tr>\n'
            '<tr><td colspan="2" class="footer" align="center">主办单位：某某市人民政府办公室</td></tr>\n</table>'
        )
    else:
        content = f'<div class="article">\n{content}\n</div>'
    page = _HEAD.format(meta=meta, title=_esc(title)) + content + "\n" + _TAIL
    codec = "gb18030" if encoding.lower() in _GB else encoding
    return page.encode(codec, errors="xmlcharrefreplace")


def write_mht(blocks: list[Block], encoding: str = "utf-8", transfer: str = "quoted-printable", **options) -> bytes:
    """The page as Word's "single file web page": a MIME message holding it and a picture."""
    import base64
    import quopri

    page = write(blocks, encoding=encoding, **options)
    boundary = "----=_NextPart_01DA5B2C.8E3F4A10"
    body = quopri.encodestring(page) if transfer == "quoted-printable" else base64.encodebytes(page)
    picture = base64.encodebytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    head = (
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; boundary="{boundary}"; type="text/html"\r\n'
        "\r\n"
        "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n"
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Location: file:///C:/report.htm\r\n"
        f"Content-Transfer-Encoding: {transfer}\r\n"
        f'Content-Type: text/html; charset="{encoding}"\r\n'
        "\r\n"
    ).encode("gb18030")
    tail = (
        f"\r\n--{boundary}\r\n"
        "Content-Location: file:///C:/report.files/image001.gif\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Type: image/gif\r\n"
        "\r\n"
    ).encode("ascii")
    return head + body.replace(b"\n", b"\r\n") + tail + picture + f"\r\n--{boundary}--\r\n".encode("ascii")


def _esc(text: str) -> str:
    return escape(text, quote=False).replace("\xa0", "&nbsp;")


def _wrap(text: str) -> str:
    """Break long text across source lines between two Chinese characters (a reader must join them)."""
    if len(text) <= _WRAP_AT:
        return text
    out: list[str] = []
    last = 0
    for m in _CJK_GAP.finditer(text):
        if m.start() - last >= _WRAP_AT:
            out.append(text[last : m.start()])
            last = m.start()
    out.append(text[last:])
    return "\r\n".join(out)


def _table(table: TableBlock, nbsp: bool) -> str:
    lines = [
        '<table border="1" cellspacing="0" cellpadding="0" width="600" style="border-collapse:collapse">',
        "<tbody>",
    ]
    for row in table.rows:
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            text = _wrap(_esc(cell.text)) if cell.text.strip() else ("&nbsp;" if nbsp else _esc(cell.text))
            cells.append(
                f'<td{spans} valign="center"><p style="text-align:center">'
                f'<span style="font-family:宋体;font-size:10.5pt">{text}</span></p></td>'
            )
        lines.append('<tr style="height:20px">' + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
