"""Window timings (offscreen): start-up, opening a report, and the event loop while many load.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--reports 500]

Targets (issue #4): open a seed to a painted window ≤ 150 ms; start-up to a shown window ≤ 2 s;
while 500 reports load the event loop never blocks for more than 100 ms. Issue #15: a folder of
1,000 reports (one in ten faulty, one in fifty unreadable) loads with the totals line right,
sorting and filtering the list never block the event loop for more than 100 ms, and a
correction of a cell reruns that report's audit in under 50 ms.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py --reports 1000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def startup() -> float:
    code = (
        "import time; t=time.perf_counter();"
        "from PySide6.QtWidgets import QApplication; app=QApplication([]);"
        "from auditapp.gui.main_window import MainWindow; w=MainWindow(); w.show(); app.processEvents();"
        "print(time.perf_counter()-t)"
    )
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    total = time.perf_counter() - t
    return max(total, float(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=1000)
    args = ap.parse_args()
    starts = sorted(startup() for _ in range(3))
    print(f"start-up to a shown window (new process): {starts[1]:.2f} s (median of 3; worst {starts[-1]:.2f} s)")

    from decimal import Decimal

    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from auditapp.gui.main_window import MainWindow
    from auditapp.verdict import Verdict

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("auditapp-bench")  # not the user's settings (recent files, review session)
    app.setApplicationName("auditapp-bench")
    seed = ROOT / "resources" / "samples" / "000_5765c3367762f63e.txt"
    opens = []
    for _ in range(5):
        window = MainWindow()
        window.show()
        app.processEvents()
        t = time.perf_counter()
        window.open_paths([str(seed)])
        window.wait_until_done()
        window.repaint()
        app.processEvents()
        opens.append((time.perf_counter() - t) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()
    opens.sort()
    print(f"open a seed to a painted window: {opens[2]:.0f} ms (median of 5; worst {opens[-1]:.0f} ms)")
    window = MainWindow()
    window.show()
    app.processEvents()

    with tempfile.TemporaryDirectory() as tmp:
        text = seed.read_text(encoding="utf-8")
        faulty = text.replace("| 782 | 8 |", "| 781 | 8 |", 1)
        paths = []
        for k in range(args.reports):
            p = Path(tmp) / f"r{k:04d}.txt"
            if k % 50 == 49:
                p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # unreadable
            else:
                p.write_text(faulty if k % 10 == 3 else text, encoding="utf-8")
            paths.append(str(p))
        gaps: list[tuple[int, str]] = []  # (ms since the last tick, what the window was doing)
        clock = QElapsedTimer()
        clock.start()
        timer = QTimer()
        timer.setInterval(10)
        loop = QEventLoop()
        marks: dict[str, float] = {}
        phase = ["loading"]

        def tick() -> None:
            if phase[0] in ("loading", "checking across"):
                phase[0] = "loading" if window.loader.pending() else "checking across"
            gaps.append((clock.restart(), phase[0]))
            if phase[0] == "checking across" and "loaded" not in marks:
                marks["loaded"] = time.perf_counter()
            if phase[0] != "idle" and not window.is_loading() and "loaded" in marks:
                marks["done"] = time.perf_counter()
                loop.quit()

        timer.timeout.connect(tick)
        timer.start()
        t = time.perf_counter()
        window.open_paths([tmp])  # the folder, as an inspector opens it; counted in the gaps
        loop.exec()  # a real event loop, as the window runs in, not a busy processEvents()
        worst_load = max(gaps, default=(0, ""))
        print(
            f"{args.reports} reports loaded in {marks['loaded'] - t:.1f} s (worker processes), checked across "
            f"reports {marks['done'] - marks['loaded']:.2f} s later; longest event-loop gap {worst_load[0]} ms "
            f"while {worst_load[1]} (timer every 10 ms, {len(gaps)} ticks)"
        )
        print(f"totals line: {window.batch.totals_text()}")

        # sorting by each column and filtering, each in a real event loop with the timer ticking
        view = window.batch.view
        steps = []
        for column in range(window.batch.model.columnCount()):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                steps.append((f"sort column {column}", lambda c=column, o=order: view.sortByColumn(c, o)))
        steps.append(("filter errors", lambda: window.batch.set_filter({Verdict.ERRORS})))
        steps.append(("filter all", lambda: window.batch.set_filter(set())))
        steps.append(("search r01", lambda: window.batch.search.setText("r01")))
        steps.append(("search none", lambda: window.batch.search.setText("")))
        worst_ui = (0, "")
        for name, step in steps:
            gaps.clear()
            phase[0] = name
            clock.restart()
            step()
            QTimer.singleShot(60, loop.quit)
            loop.exec()
            worst = max(g for g, _ in gaps) if gaps else clock.elapsed()
            if worst > worst_ui[0]:
                worst_ui = (worst, name)
        timer.stop()
        print(f"sorting by every column and filtering: longest event-loop gap {worst_ui[0]} ms ({worst_ui[1]})")

        # a correction of a cell: the report audited again, the window showing it
        row = window.batch.model.row_of(paths[3])
        window.batch.select_row(row)
        app.processEvents()
        result = window.current
        suspect = next(f.suspect for f in result.findings if f.suspect)
        times = []
        from auditapp.corrections import make_correction

        for value in (782, 781, 782, 780, 782):
            fix = make_correction(window.originals[paths[3]], suspect, Decimal(value), "bench")
            started = time.perf_counter()
            window.session.correct(paths[3], fix, "bench")
            app.processEvents()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        print(
            f"a correction: audit rerun {window.last_rerun_ms:.1f} ms; rerun and window shown again "
            f"{times[2]:.0f} ms (median of 5; worst {times[-1]:.0f} ms)"
        )
    window.close()
    window.deleteLater()  # let Qt tear the window down before Python does
    app.processEvents()


if __name__ == "__main__":
    main()
