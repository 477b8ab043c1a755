"""The main window's menus and actions (File, Edit, Audit, View, Help), made once."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from . import i18n

_RECENT = 10
# Each language's name in itself, as language menus show them: whoever cannot read the
# current language still finds their own.
_LANGUAGE_NAMES = ((i18n.CHINESE, "中文"), (i18n.ENGLISH, "English"))
# Said in the language chosen (not the window's, which may be the one its reader cannot read).
_RESTART = {
    i18n.CHINESE: ("界面语言", "界面将在下次启动本程序时改为中文：请关闭本窗口，再重新打开。"),
    i18n.ENGLISH: (
        "Language",
        "The window will be in English the next time the program starts: close it and open it again.",
    ),
}


def _recent(settings: QSettings) -> list[str]:
    value = settings.value("recent") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


class MenusMixin(QMainWindow):
    """The actions of MainWindow, which provides the handlers they call."""

    def _action(self, text: str, handler, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: handler())  # never `checked` into a parameter
        if menu is not None:
            menu.addAction(action)
        return action

    def _actions(self) -> None:
        bar = self.menuBar()
        menu = bar.addMenu(self.tr("&File"))
        self._action(self.tr("&Open Reports…"), self._choose_files, QKeySequence.StandardKey.Open, menu)
        self._action(self.tr("Open &Folder…"), self._choose_folder, "Ctrl+Shift+O", menu)
        self.recent_menu = menu.addMenu(self.tr("&Recent Files"))
        self._fill_recent()
        menu.addSeparator()
        self.export_one = self._action(
            self.tr("Export This &Report's Audit Workbook…"), lambda: self.export(all_reports=False), None, menu
        )
        self.export_all = self._action(
            self.tr("&Export All Audit Workbooks…"), lambda: self.export(all_reports=True), "Ctrl+E", menu
        )
        menu.addSeparator()
        self.save_action = self._action(
            self.tr("&Save Review…"), self.save_session, QKeySequence.StandardKey.Save, menu
        )
        menu.addSeparator()
        self.remove_action = self._action(
            self.tr("Re&move Selected Report from List"), self._remove_current, None, menu
        )
        menu.addSeparator()
        self.quit_action = self._action(self.tr("E&xit"), self.close, QKeySequence.StandardKey.Quit, menu)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # Windows has no standard Quit key

        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.session.undo_stack.createUndoAction(self, self.tr("&Undo Correction"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, self.tr("&Redo Correction"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])  # Windows' and Linux's
        self.undo_action, self.redo_action = undo, redo
        edit.addActions([undo, redo])
        edit.addSeparator()
        self.find_action = self._action(
            self.tr("&Find in Source"), self.report_view.find_bar.open, QKeySequence.StandardKey.Find, edit
        )

        audit = bar.addMenu(self.tr("&Audit"))
        pane = self.findings
        audit.addActions([pane.confirm_action, pane.dismiss_action, pane.comment_action, pane.rule_action])
        audit.addSeparator()
        audit.addActions([pane.next_action, pane.previous_action])
        audit.addSeparator()
        self.next_report = self._action(self.tr("Next Report"), lambda: self.batch.step(1), "F7", audit)
        self.previous_report = self._action(self.tr("Previous Report"), lambda: self.batch.step(-1), "Shift+F7", audit)

        view = bar.addMenu(self.tr("&View"))
        self.figures_action = self._action(self.tr("&Batch Figures"), self.show_figures, "Ctrl+T", view)
        view.addSeparator()
        self.language_menu = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        for code, name in _LANGUAGE_NAMES:
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
        from .scoring import Scoring

        self.scoring = Scoring(self)  # the Scores menu: rule pack, scores, coverage
        help_menu = bar.addMenu(self.tr("&Help"))
        self.guide_action = self._action(
            self.tr("&User Guide"), self.show_guide, QKeySequence.StandardKey.HelpContents, help_menu
        )
        self.guide_action.setShortcut(QKeySequence("F1"))  # HelpContents is no key on some desktops
        self.shortcuts_action = self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, None, help_menu)
        help_menu.addSeparator()
        self._action(self.tr("&About auditapp"), self.show_about, None, help_menu)

    def show_guide(self) -> QDialog:
        """Help › User Guide (F1): the inspectors' guide, bundled, in a window beside this one."""
        from .help import show_guide

        return show_guide(self)

    def show_shortcuts(self) -> QDialog:
        """Help › Keyboard Shortcuts: listed from this window's actions, as they are now."""
        from .help import show_shortcuts

        return show_shortcuts(self)

    def show_about(self) -> QDialog:
        """Help › About: version, and the bundled libraries with their licences (not modal)."""
        from .about import AboutDialog  # reads the libraries' metadata: only when asked

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_language(self, language: str) -> QMessageBox | None:
        """Remember the language for the next start, and say so in a box (not modal) in the language
        chosen, which its reader can read: the window's texts are made once, not retranslated live."""
        self.settings.setValue(i18n.SETTINGS_KEY, language)
        if language == self.language:
            return None
        box = QMessageBox(QMessageBox.Icon.Information, _RESTART[language][0], _RESTART[language][1], parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.statusBar().showMessage(self.tr("The language will change the next time the program starts."), 10000)
        return box

    def remember(self, paths: list[str]) -> None:
        """Put what was opened at the top of File › Recent Files."""
        opened = [os.path.abspath(p) for p in paths]
        self.settings.setValue("recent", list(dict.fromkeys([*opened, *_recent(self.settings)]))[:_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in _recent(self.settings):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))
