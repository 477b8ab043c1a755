"""Time to write the audit workbook.

    python benchmarks/bench_export.py [--batch 1000] [--faulty 0.1] [--lang zh|en]

Measures one report (a bundled sample) and a batch of synthetic reports in mixed layouts, a
share of them with an injected arithmetic fault (those get table and source sheets once the
batch is larger than FULL_LIMIT, and a 审核意见 letter). Targets (issues #5 and #16): one report
≤ 0.5 s; 1,000 reports ≤ 60 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditapp.api import audit_file, audit_source, audit_together  # noqa: E402
from auditapp.export.workbook import FULL_LIMIT, write_workbook  # noqa: E402
from auditapp.source import Source  # noqa: E402
from auditapp.synth import LAYOUTS, consistent_values, render  # noqa: E402
from auditapp.verdict import Verdict, verdict  # noqa: E402

_WORDS = "政府信息公开工作推进深化规范管理平台建设监督保障解读回应依申请主动服务群众企业数字网站新媒体培训考核"


def _batch(n: int, faulty: float) -> list:
    rng = random.Random(7)
    results = []
    for i in range(n):
        values = consistent_values(rng)
        if rng.random() < faulty:
            values["t3.granted.natural_person"] = str(int(values["t3.granted.natural_person"]) + 1)
        text, _ = render(values, LAYOUTS[i % len(LAYOUTS)], agency=f"第{i}区人民政府")
        # a narrative of its own, or every synthetic report would (rightly) look copied
        own = "".join(rng.choice(_WORDS) for _ in range(80))
        text = text.replace("一、总体情况\n", f"一、总体情况\n{own}。\n", 1)
        results.append(audit_source(Source.from_text(f"report-{i:05d}.txt", text)))
    audit_together(results)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--faulty", type=float, default=0.1, help="share of the batch with an injected fault")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh", help="the workbook's language")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = [audit_file(str(ROOT / "resources" / "samples" / "000_5765c3367762f63e.txt"))]
        times = []
        for _ in range(5):
            t = time.perf_counter()
            write_workbook(one, os.path.join(tmp, "one.xlsx"), lang=args.lang, roots=[str(ROOT / "resources")])
            times.append(time.perf_counter() - t)
        size = os.path.getsize(os.path.join(tmp, "one.xlsx")) // 1024
        print(f"one report: {min(times):.3f} s (best of 5), {size} KiB")
        results = _batch(args.batch, args.faulty)
        flagged = sum(1 for r in results if verdict(r) in (Verdict.ERRORS, Verdict.WARNINGS))
        t = time.perf_counter()
        write_workbook(results, os.path.join(tmp, "batch.xlsx"), lang=args.lang, roots=[tmp])
        took = time.perf_counter() - t
        size = os.path.getsize(os.path.join(tmp, "batch.xlsx")) // 1024
        mode = "full" if len(results) <= FULL_LIMIT else f"tables only for the {flagged} flagged"
        print(f"batch of {len(results)} ({mode}): {took:.1f} s, {size} KiB")


if __name__ == "__main__":
    main()
