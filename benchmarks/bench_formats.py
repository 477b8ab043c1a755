"""Each format's reading time: every seed written in every format docgen has a writer for.

    python benchmarks/bench_formats.py [--runs 5] [--keep DIR]

For each seed and format, the file is written once (docgen), then audited end to end
(`audit_file`: read, convert to source text, parse, audit) `--runs` times after a warm-up; the
median and the worst median over the seeds are printed with the cells read, the error
findings (0 expected) and, for paged formats, the page count.

Targets (issue #6): an HTML report ≤ 50 ms; a 6-page PDF ≤ 1.5 s. PDFs are written at 15 pt,
which brings a seed to about six pages (`--pdf-font-size`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import auditapp.docgen as docgen  # noqa: E402
from auditapp.api import audit_file  # noqa: E402
from auditapp.docgen import report_document  # noqa: E402
from auditapp.ingest import read_source  # noqa: E402
from auditapp.parse.reader import parse_report  # noqa: E402
from auditapp.rules import Severity  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf-font-size", type=float, default=15)
    parser.add_argument("--keep", help="write the generated files here instead of a temporary folder")
    args = parser.parse_args()
    seeds = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    found = docgen.writers()
    if not found:
        sys.exit("no docgen writers found")
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'format':8} {'seed':28} {'bytes':>9} {'pages':>5} {'cells':>5} {'errors':>6} {'median ms':>10}")
        worst: dict[str, float] = {}
        for name, module in found.items():
            for seed in seeds:
                blocks = report_document(parse_report(read_source(str(seed))))
                path = folder / f"{seed.stem}{module.SUFFIX}"
                options = {"font_size": args.pdf_font_size} if name == "pdf" else {}
                path.write_bytes(module.write(blocks, **options))
                result = audit_file(str(path))  # warm-up: imports, caches
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    result = audit_file(str(path))
                    times.append(time.perf_counter() - start)
                ms = statistics.median(times) * 1000
                worst[name] = max(worst.get(name, 0.0), ms)
                pages = max((a.origin.page or 0 for a in result.source.anchors), default=0) if result.source else 0
                cells = len(result.report.cells) if result.report else 0
                errors = result.count(Severity.ERROR)
                size = path.stat().st_size
                print(f"{name:8} {seed.name:28} {size:>9} {pages or '':>5} {cells:>5} {errors:>6} {ms:>10.1f}")
        print()
        for name, ms in worst.items():
            print(f"{name}: slowest seed {ms:.1f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
