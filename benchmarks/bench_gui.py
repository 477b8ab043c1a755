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
    print(f"start-up to a shown window (new process): {startup():.2f} s")

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from auditapp.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    app.processEvents()
    seed = ROOT / "resources" / "samples" / "000_5765c3367762f63e.txt"
    t = time.perf_counter()
    window.open_paths([str(seed)])
    window.wait_until_done()
    window.repaint()
    app.processEvents()
    print(f"open a seed to a painted window: {(time.perf_counter() - t) * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        text = seed.read_text(encoding="utf-8")
        paths = []
        for k in range(args.reports):
            p = Path(tmp) / f"r{k:04d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(str(p))
        gaps: list[int] = []
        clock = QElapsedTimer()
        clock.start()
        timer = QTimer()
        timer.setInterval(10)

        def tick() -> None:
            gaps.append(clock.restart())

        timer.timeout.connect(tick)
        timer.start()
        t = time.perf_counter()
        window.open_paths(paths)
        while window._pending:
            app.processEvents()
        took = time.perf_counter() - t
        timer.stop()
        print(
            f"{args.reports} reports loaded in {took:.1f} s; longest event-loop gap {max(gaps, default=0)} ms "
            f"(timer every 10 ms, {len(gaps)} ticks)"
        )
    window.close()
    window.deleteLater()  # let Qt tear the window down before Python does
    app.processEvents()


if __name__ == "__main__":
    main()
