"""Parse + audit time per report, in-process.

    python benchmarks/bench_parse.py [--runs 200] [--synthetic 200]

Prints, for each bundled sample, the median and 95th percentile of read+decode and of
parse+audit, then the same over synthetic reports in every layout. Target (issue #2):
parse + audit ≤ 5 ms median per seed report on a 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditapp.api import audit_source  # noqa: E402
from auditapp.ingest import read_source  # noqa: E402
from auditapp.source import Source  # noqa: E402
from auditapp.synth import LAYOUTS, consistent_values, render  # noqa: E402


def _times(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


def _row(name: str, read: list[float] | None, parse: list[float]) -> str:
    p95 = parse[int(len(parse) * 0.95) - 1]
    r = f"{statistics.median(read):7.3f}" if read else "      —"
    return f"{name:32} {r}   {statistics.median(parse):7.3f}   {p95:7.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--synthetic", type=int, default=100, help="synthetic reports per layout")
    args = ap.parse_args()

    print(f"{'report':32} {'read ms':>7}   {'parse+audit ms (median':>7}   p95)")
    medians = []
    for path in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        source = read_source(str(path))
        audit_source(source)  # warm caches once, as a batch would
        read = _times(lambda p=str(path): read_source(p), args.runs)
        parse = _times(lambda s=source: audit_source(s), args.runs)
        medians.append(statistics.median(parse))
        print(_row(path.name, read, parse))
    print(f"{'median over seeds':32} {'':7}   {statistics.median(medians):7.3f}")

    rng = random.Random(20231)
    for layout in LAYOUTS:
        sources = [
            Source.from_text(f"synthetic-{layout}-{i}", render(consistent_values(rng), layout)[0])
            for i in range(args.synthetic)
        ]
        parse = []
        for s in sources:
            t = time.perf_counter()
            audit_source(s)
            parse.append((time.perf_counter() - t) * 1000)
        print(_row(f"synthetic {layout} (n={len(sources)})", None, sorted(parse)))


if __name__ == "__main__":
    main()
