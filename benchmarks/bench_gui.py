"""Window timings (offscreen): start-up, opening a report, and the event loop while many load.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--reports 500]

Targets (issue #4): open a seed to a painted window ≤ 150 ms; start-up to a shown window ≤ 2 s;
while 500 reports load the event loop never blocks for more than 100 ms.
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
    ap.add_argument("--reports", type=int, default=500)
    args = ap.parse_args()
    starts = sorted(startup() for _ in range(3))
    print(f"start-up to a shown window (new process): {starts[1]:.2f} s (median of 3; worst {starts[-1]:.2f} s)")

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from auditapp.gui.main_window import MainWindow

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
        paths = []
        for k in range(args.reports):
            p = Path(tmp) / f"r{k:04d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(str(p))
        gaps: list[tuple[int, str]] = []  # (ms since the last tick, what the window was doing)
        clock = QElapsedTimer()
        clock.start()
        timer = QTimer()
        timer.setInterval(10)
        loop = QEventLoop()
        marks: dict[str, float] = {}

        def tick() -> None:
            phase = "loading" if window._pending else "checking across" if window.is_loading() else "idle"
            gaps.append((clock.restart(), phase))
            if not window._pending and "loaded" not in marks:
                marks["loaded"] = time.perf_counter()
            if not window.is_loading():
                marks["done"] = time.perf_counter()
                loop.quit()

        timer.timeout.connect(tick)
        timer.start()
        t = time.perf_counter()
        window.open_paths(paths)  # counted in the gaps: the first tick comes after it
        loop.exec()  # a real event loop, as the window runs in, not a busy processEvents()
        timer.stop()
        worst = max(gaps, default=(0, ""))
        print(
            f"{args.reports} reports loaded in {marks['loaded'] - t:.1f} s (worker processes), checked across "
            f"reports {marks['done'] - marks['loaded']:.2f} s later; longest event-loop gap {worst[0]} ms "
            f"while {worst[1]} (timer every 10 ms, {len(gaps)} ticks)"
        )
    window.close()
    window.deleteLater()  # let Qt tear the window down before Python does
    app.processEvents()


if __name__ == "__main__":
    main()
