"""A page parsed as a browser parses it (HTML5's rules), as an lxml tree for the HTML reader's walk.

libxml2's HTML parser follows HTML 4: it does not know `<embed>` as an element without content,
so one `<embed>` without a closing tag (valid HTML5, common for videos) swallowed the rest of the
page into itself, and an unclosed `<map>` at the top hid the whole report. selectolax's lexbor
engine implements the HTML5 parsing algorithm; its tree is copied into lxml elements (the same
elements the reader walked before: tags, attributes, text and tails), iteratively, so no depth
of nesting can overflow the stack.
"""

from __future__ import annotations

import re
from typing import Any

_NAME = re.compile(r"^[A-Za-z_][\w.\-]*$")  # what lxml accepts as a tag or attribute name (no prefix)


# Elements that never hold content, and those whose next sibling closes them: not nesting.
_FLAT = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source"),
        *("track", "wbr", "keygen", "p", "li", "dt", "dd", "td", "th", "tr", "option"),
    }
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)")
MAX_NESTING = 3_000  # lexbor's tree building, and lxml's appends, grow with the square of nesting


def too_deep(page: str) -> bool:
    """Whether the page's tags open (at some point) more than MAX_NESTING elements deep, by a
    linear count of start and end tags. Such a page is left to libxml2, which stops at a depth of
    its own: 400,000 nested <div>s would cost lexbor minutes. No report nests more than ~30."""
    depth = 0
    for m in _TAG.finditer(page):
        if m.group(2).lower() in _FLAT:
            continue
        depth += -1 if m.group(1) else 1
        if depth > MAX_NESTING:
            return True
    return False


def available() -> bool:
    try:
        import selectolax.lexbor  # noqa: F401
    except ImportError:
        return False
    return True


def parse(page: str) -> Any:
    """The page's <html> element as an lxml.html tree, built from lexbor's HTML5 parse."""
    from lxml import html
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    top = tree.root
    maker = html.HTMLParser()
    root = maker.makeelement("html", _attributes(top) if top is not None else {})
    if top is None:
        return root
    stack: list[tuple[Any, Any]] = [(top, root)]  # (lexbor node, the lxml element it became)
    while stack:
        node, element = stack.pop()
        last = None  # the last element child so far: text after it is its tail
        child = node.child
        pending: list[tuple[Any, Any]] = []
        while child is not None:
            tag = child.tag
            if tag == "-text":
                text = _xml_safe(child.text_content or "")
                if last is None:
                    element.text = (element.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
            elif isinstance(tag, str) and not tag.startswith("-"):
                name = tag.lower() if _NAME.match(tag) else "span"  # an odd name keeps its content
                last = maker.makeelement(name, _attributes(child))
                element.append(last)
                pending.append((child, last))
            child = child.next  # comments and doctypes dropped, as the reader drops them
        stack.extend(reversed(pending))
    return root


def _attributes(node: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.attributes.items():
        if isinstance(key, str) and _NAME.match(key):
            out[key.lower()] = _xml_safe(value or "")
    return out


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
