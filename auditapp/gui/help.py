"""Help inside the program, offline: the inspectors' guide (F1), the shortcuts, a rule's entry.

The guide is the README's section for inspectors, copied into resources/guide/guide_zh_CN.md by
packaging/make_guide.py (a test keeps the two in step). The shortcuts are listed from the window's
own actions, so the list cannot drift from the keys. A rule's entry is its row of
`auditapp rules --markdown`, word for word.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QImageReader, QKeySequence, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from ..resources import resource
from ..rules.catalogue import RULE_BY_ID, rule_markdown

GUIDE = ("guide", "guide_zh_CN.md")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")


class MarkdownWindow(QDialog):
    """A window that shows Markdown (links inside the text work; nothing is fetched from the net)."""

    def __init__(self, title: str, markdown: str, parent: QWidget | None = None, size=(760, 640)) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.markdown = markdown
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        folder = resource()
        if folder is not None:  # the guide's pictures are named relative to resources/
            self.browser.setSearchPaths([str(folder)])
        self.browser.setMarkdown(markdown)
        self._fit_pictures(size[0] - 60)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(*size)

    def _fit_pictures(self, width: int) -> None:
        """Pictures wider than the window shown at its width (the screenshots are 1366 pixels wide)."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().isImageFormat():
                    picture = fragment.charFormat().toImageFormat()
                    found = resource(*picture.name().split("/"))
                    natural = QImageReader(str(found)).size().width() if found is not None else 0
                    if natural > width:
                        picture.setWidth(width)
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(picture)
                fragments += 1
            block = block.next()


def _show(window: MarkdownWindow) -> MarkdownWindow:
    window.show()  # not modal: the inspector reads it beside the report
    window.raise_()
    window.activateWindow()
    return window


def guide_markdown() -> str:
    """The bundled guide; a picture not bundled (a wheel ships none) becomes its caption."""
    path = resource(*GUIDE)
    if path is None:
        return QCoreApplication.translate("Help", "The user guide is not installed with this copy of the program.")
    text = path.read_text(encoding="utf-8")

    def picture(match: re.Match) -> str:
        return match.group(0) if resource(*match.group(2).split("/")) is not None else f"*{match.group(1)}*"

    return _IMAGE.sub(picture, text)


def show_guide(parent: QWidget | None = None) -> MarkdownWindow:
    return _show(
        MarkdownWindow(QCoreApplication.translate("Help", "User Guide"), guide_markdown(), parent, size=(900, 720))
    )


def _plain(text: str) -> str:
    """A menu text as read: no mnemonic ampersand ("&&" is a literal one), no trailing ellipsis."""
    return re.sub(r"&(.)", r"\1", text).rstrip("…").rstrip(".").strip()


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the window with a shortcut, in menu order, then
    the window's other actions (those that work by key alone)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def keys(action: QAction) -> str:
        return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} › {_plain(action.text())}")
            elif action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                rows.append((path, _plain(action.text()), keys(action)))

    menu_bar = getattr(window, "menuBar", None)
    if menu_bar is not None:
        for top in menu_bar().actions():
            if top.menu() is not None:
                walk(top.menu(), _plain(top.text()))
    for action in window.findChildren(QAction):
        if action.shortcuts() and id(action) not in seen and action.text():
            seen.add(id(action))
            rows.append(("", _plain(action.text()), keys(action)))
    return rows


def shortcuts_markdown(window: QWidget) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    head = (
        QCoreApplication.translate("Help", "Menu"),
        QCoreApplication.translate("Help", "Command"),
        QCoreApplication.translate("Help", "Shortcut"),
    )
    lines = [f"| {' | '.join(head)} |", "|---|---|---|"]
    lines += [f"| {cell(m)} | {cell(a)} | {cell(k)} |" for m, a, k in shortcut_rows(window)]
    return "\n".join(lines)


def show_shortcuts(window: QWidget) -> MarkdownWindow:
    return _show(
        MarkdownWindow(
            QCoreApplication.translate("Help", "Keyboard Shortcuts"),
            shortcuts_markdown(window),
            window,
            size=(640, 620),
        )
    )


def rule_explanation(rule_id: str, lang: str = "zh") -> str:
    """The rule's title, then its entry as `auditapp rules --markdown [--lang en]` prints it."""
    rule = RULE_BY_ID[rule_id]
    title = rule.title_en if lang == "en" else f"{rule.title_zh} ({rule.title_en})"
    return f"### {title}\n\n{rule_markdown(rule_id, lang)}\n"


def show_rule(parent: QWidget | None, rule_id: str, lang: str = "zh") -> MarkdownWindow:
    title = QCoreApplication.translate("Help", "Rule: {rule}").format(rule=rule_id)
    return _show(MarkdownWindow(title, rule_explanation(rule_id, lang), parent, size=(820, 240)))
