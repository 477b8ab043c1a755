"""Write the bundled format samples: `python packaging/make_format_samples.py`.

The first seed report, laid out as the official template prints it (auditapp.docgen), saved
as a web page, a Word file, a workbook and a PDF in resources/samples/formats/, so the
samples show every format auditapp reads and the frozen program's smoke test exercises each
reader's libraries. Needs the test extra (python-docx, reportlab).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditapp.docgen import report_document  # noqa: E402
from auditapp.ingest import read_source  # noqa: E402
from auditapp.parse.reader import parse_report  # noqa: E402

FORMATS = ("html", "docx", "xlsx", "pdf")


def main() -> None:
    seed = sorted((ROOT / "resources" / "samples").glob("*.txt"))[0]
    blocks = report_document(parse_report(read_source(str(seed))))
    out = ROOT / "resources" / "samples" / "formats"
    out.mkdir(exist_ok=True)
    for name in FORMATS:
        writer = importlib.import_module(f"auditapp.docgen.{name}")
        target = out / f"{seed.stem}{writer.SUFFIX}"
        target.write_bytes(writer.write(blocks))
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
