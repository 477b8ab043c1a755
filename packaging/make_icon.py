"""Draw the program's icon: `python packaging/make_icon.py` (needs Pillow for the .ico).

A red seal-like square holding a white report page with a table on it, and a gold badge with a
tick: "a report, checked". Drawn with Qt (offscreen) at each size, so the small sizes are drawn
for their size rather than shrunk; written to resources/icons/auditapp-<size>.png and
auditapp.ico (every size; Windows picks one per place it shows the icon). Commit the results.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # drawn on a 256 × 256 grid
    small = size <= 24

    # The red ground.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#b3261e"))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)

    # The page, its corner folded.
    page = QPainterPath()
    page.moveTo(64, 36)
    page.lineTo(164, 36)
    page.lineTo(200, 72)
    page.lineTo(200, 220)
    page.lineTo(64, 220)
    page.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(page)
    fold = QPainterPath()
    fold.moveTo(164, 36)
    fold.lineTo(164, 72)
    fold.lineTo(200, 72)
    fold.closeSubpath()
    p.setBrush(QColor("#f0c9c6"))
    p.drawPath(fold)

    # The table on the page: a header bar and a grid (fewer lines where they would blur).
    p.setBrush(QColor("#b3261e"))
    p.drawRect(QRectF(82, 88, 100, 18 if not small else 24))
    if not small:
        p.setPen(QPen(QColor("#c9847f"), 6))
        for y in (126, 150, 174, 198):
            p.drawLine(QPointF(82, y), QPointF(182, y))
        for x in (116, 150):
            p.drawLine(QPointF(x, 112), QPointF(x, 198))

    # The badge with its tick.
    p.setPen(QPen(QColor("#b3261e"), 10))
    p.setBrush(QColor("#f2b705"))
    p.drawEllipse(QPointF(184, 184), 50, 50)
    tick = QPen(QColor("#ffffff"), 22 if not small else 30)
    tick.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(tick)
    p.setBrush(Qt.BrushStyle.NoBrush)
    mark = QPainterPath()
    mark.moveTo(160, 186)
    mark.lineTo(178, 204)
    mark.lineTo(210, 166)
    p.drawPath(mark)
    p.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage needs it)
    ICONS.mkdir(parents=True, exist_ok=True)
    frames = []
    for size in SIZES:
        image = draw(size)
        path = ICONS / f"auditapp-{size}.png"
        if not image.save(str(path)):
            sys.exit(f"cannot write {path}")
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        frames.append(Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA"))
        print(path.relative_to(ROOT))
    ico = ICONS / "auditapp.ico"
    largest = frames[-1]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES], append_images=frames[:-1])
    print(ico.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
