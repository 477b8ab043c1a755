"""The Scores menu: the rule pack the window scores by, the scores of the open reports with each
report's deductions itemised, and the coverage of a list of bodies that must report.

The window scores by no pack until the inspector chooses one (the built-in pack, or a pack file);
then the scores dialog lists every report's score and rank, and the report selected there shows
its deductions, each naming the findings it counts by their numbers in the findings list.
Dismissed findings deduct nothing: the scores are computed anew from the review each time the
dialog is opened or refreshed. An export then carries the 评分 sheet (and 覆盖情况, once a list
was read).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..coverage import Coverage, CoverageError, Listed, match, read_bodies
from ..inputs import display_name
from ..rulepack import RulePack, RulePackError, default_pack, load_pack
from ..score_text import item_title
from ..scores import Ranking, Score, fmt_points, rank, score_result


class Scoring(QObject):
    """The Scores menu of a MainWindow, its actions, and what it scores by (`pack`, `bodies`)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.pack: RulePack | None = None
        self.bodies: list[Listed] | None = None
        menu = window.menuBar().addMenu(self.tr("&Scores"))
        self.builtin_action = window._action(
            self.tr("Score by the &Built-in Rule Pack"), lambda: self.use_pack(None), None, menu
        )
        self.choose_action = window._action(self.tr("Choose &Rule Pack…"), self.choose_pack, None, menu)
        menu.addSeparator()
        self.scores_action = window._action(self.tr("Show &Scores…"), self.show_scores, "Ctrl+K", menu)
        self.coverage_action = window._action(self.tr("&Coverage of a List of Bodies…"), self.choose_bodies, None, menu)
        # the shown report's score, in the status bar once a pack is chosen: a click lists the scores
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(lambda _link: self.show_scores())
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        window.batch.current_changed.connect(self.show_current)
        window.findings.review_changed.connect(lambda: self.show_current(window.batch.current_row()))

    def show_current(self, row: int) -> None:
        """The score of the report in batch row `row` (the dismissed findings left out)."""
        w = self.window_
        result = w.batch.model.result(row) if row >= 0 else None
        if self.pack is None or result is None:
            self.label.hide()
            return
        s = score_result(self.pack, result, w.session.reviews)
        if s.score is None:
            text = self.tr("not scored")
        else:
            text = self.tr("Score {score}/{full}").format(score=fmt_points(s.score), full=fmt_points(self.pack.full))
        self.label.setText(f'<a href="scores">{text}</a>')
        lines = [
            f"−{fmt_points(i.points)}  {item_title(self.pack, i.entry, w.lang)} ({', '.join(map(str, i.findings))})"
            for i in s.items
        ]
        self.label.setToolTip("\n".join([self.pack.name_in(w.lang), *lines]))
        self.label.show()

    def use_pack(self, path: str | None) -> RulePack | None:
        """Score by the pack at `path` (None: the built-in one); a refused pack is said, never used."""
        w = self.window_
        try:
            pack = load_pack(path) if path else default_pack()
        except RulePackError as e:
            QMessageBox.warning(w, self.tr("Rule Pack Refused"), e.message(w.lang))
            return None
        self.pack = pack
        self.show_current(w.batch.current_row())
        w.statusBar().showMessage(self.tr("Scoring by: {name}").format(name=pack.name_in(w.lang)), 10000)
        return pack

    def choose_pack(self) -> RulePack | None:
        w = self.window_
        path, _ = QFileDialog.getOpenFileName(
            w, self.tr("Choose Rule Pack"), w._folder(), self.tr("Rule packs (*.toml);;All files (*)")
        )
        return self.use_pack(path) if path else None

    def scored(self) -> list[tuple[str, Score]]:
        w = self.window_
        results = [r for r in w.results() if r is not None]
        roots = w.batch.model.roots
        return [(display_name(r.path, roots), score_result(self.pack, r, w.session.reviews)) for r in results]

    def show_scores(self) -> QDialog | None:
        """Scores › Show Scores: the dialog (not modal); the built-in pack when none was chosen."""
        if self.pack is None and self.use_pack(None) is None:
            return None
        dialog = ScoresDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_bodies(self) -> QDialog | None:
        """Scores › Coverage: read the list the inspector chooses, then show the coverage (not modal)."""
        w = self.window_
        path, _ = QFileDialog.getOpenFileName(
            w,
            self.tr("Choose the List of Bodies"),
            w._folder(),
            self.tr("Lists of bodies (*.txt *.xlsx);;All files (*)"),
        )
        if not path:
            return None
        try:
            bodies = read_bodies(path)
        except CoverageError as e:
            QMessageBox.warning(w, self.tr("Cannot Read the List"), e.message(w.lang))
            return None
        self.bodies = bodies
        dialog = CoverageDialog(w, bodies, os.path.basename(path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class ScoresDialog(QDialog):
    def __init__(self, scoring: Scoring) -> None:
        super().__init__(scoring.window_)
        self.scoring = scoring
        self.window_ = scoring.window_
        self.setWindowTitle(self.tr("Scores"))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        self.pack_label = QLabel()
        self.pack_label.setWordWrap(True)
        self.pack_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.pack_label)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Report"), self.tr("Body"), self.tr("Year"), self.tr("Score"), self.tr("Rank")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        layout.addWidget(self.table, 3)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        layout.addWidget(self.detail, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Score again (the review may have changed since) and show the list."""
        w = self.window_
        pack = self.scoring.pack
        assert pack is not None
        lang = w.lang
        self.pack = pack
        self.rows = self.scoring.scored()
        self.scores = [s for _, s in self.rows]
        self.ranking: Ranking = rank(self.scores, pack.rank_min)
        self.pack_label.setText(
            self.tr("Rule pack: {name} (full score {full}). Source: {source}").format(
                name=pack.name_in(lang), full=fmt_points(pack.full), source=pack.source_in(lang)
            )
        )
        self.table.setRowCount(len(self.rows))
        for n, (name, s) in enumerate(self.rows):
            place = self.ranking.rank(n)
            if s.score is None:
                rank_text = self.tr("not scored")
            elif place is not None:
                rank_text = f"{place}/{len(self.ranking.groups[self.ranking.group_of[n]].members)}"
            else:
                rank_text = self.tr("not ranked")
            values = [str(n + 1), name, s.agency or "", str(s.year or ""), fmt_points(s.score), rank_text]
            for col, value in enumerate(values):
                self.table.setItem(n, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.setCurrentCell(0, 0)
        self._show(self.table.currentRow())

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            self.detail.setPlainText(self._groups())
            return
        name, s = self.rows[row]
        lang = self.window_.lang
        lines = [self.tr("{name}: score {score}").format(name=name, score=fmt_points(s.score))]
        if s.score is None:
            lines.append(self.tr("The file could not be read: it is not scored."))
        for item in s.items:
            lines.append(
                self.tr("−{points}  {item}: {rules} ×{count} (findings {numbers}){capped}").format(
                    points=fmt_points(item.points),
                    item=item_title(self.pack, item.entry, lang),
                    rules=", ".join(item.rules),
                    count=item.count,
                    numbers=", ".join(map(str, item.findings)),
                    capped=self.tr(", capped") if item.capped else "",
                )
            )
        if s.score is not None and not s.items:
            lines.append(self.tr("No deduction."))
        if s.dismissed:
            lines.append(self.tr("{n} dismissed finding(s) deduct nothing.").format(n=s.dismissed))
        self.detail.setPlainText("\n".join(lines) + "\n\n" + self._groups())

    def _groups(self) -> str:
        lang = self.window_.lang
        lines = [self.tr("Ranking (one kind of body and year, at least {n} reports):").format(n=self.pack.rank_min)]
        for g in self.ranking.groups:
            what = self.tr("ranked") if g.ranked else g.reason(self.pack.rank_min, lang)
            lines.append(
                self.tr("  {label}: {n} report(s), {what}").format(label=g.label(lang), n=len(g.members), what=what)
            )
        return "\n".join(lines)


# ---- coverage --------------------------------------------------------------------------------


class CoverageDialog(QDialog):
    def __init__(self, window, bodies: list[Listed], name: str) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Coverage"))
        self.resize(900, 560)
        results = [r for r in window.results() if r is not None]
        roots = window.batch.model.roots
        names = [display_name(r.path, roots) for r in results]
        agencies = [r.report.meta.agency if r.report is not None else None for r in results]
        self.coverage: Coverage = match(bodies, agencies)
        cov = self.coverage
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr(
                "The list {name} names {n} bodies: {m} with a report, {k} without; {u} report(s) of no listed body."
            ).format(name=name, n=len(bodies), m=len(cov.matched), k=len(cov.missing), u=len(cov.unlisted))
        )  # fmt: skip
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        rows: list[tuple[str, str, str, str, str]] = []
        for i in cov.missing:
            rows.append((self.tr("no report"), bodies[i].name, str(bodies[i].where), "", ""))
        for i, reports in sorted(cov.ambiguous_bodies.items()):
            for j in reports:
                rows.append((self.tr("name fits several"), bodies[i].name, str(bodies[i].where), names[j],
                             agencies[j] or ""))  # fmt: skip
        for j in cov.unlisted:
            rows.append((self.tr("not in the list"), "", "", names[j], agencies[j] or self.tr("(not found)")))
        for i, reports in sorted(cov.matched.items()):
            for j in reports:
                rows.append((self.tr("has a report"), bodies[i].name, str(bodies[i].where), names[j],
                             agencies[j] or ""))  # fmt: skip
        self.table = QTableWidget(len(rows), 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Status"), self.tr("Body (list)"), self.tr("List line"), self.tr("Report"), self.tr("Body named")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


__all__ = ["CoverageDialog", "ScoresDialog", "Scoring"]
