"""A national year of reports: time and peak memory of the CLI at 1,000 / 10,000 / 100,000 reports.

    python benchmarks/bench_scale.py [--reports 1000 10000] [--xlsx] [--workers N] [--keep DIR] [--repeat 3]

The batches are made the way real folders are (issue #18): few body names for many reports
(a county's name, and names without their region such as 区卫生健康委员会 shared by hundreds),
three years of each body (consistent carried-over figures, or not), one report in twenty also
as a web page or a Word file beside its text, and one in ten with its narrative copied from
another body's. Prints wall time and the peak resident memory of the whole process tree (CLI
and workers, sampled from /proc), and how many findings across reports each batch gave.

Targets (2-core machine): 1,000 reports ≤ 5 s; 10,000 ≤ 40 s and ≤ 500 MB with --json, ≤ 5 min
and ≤ 1 GB with --xlsx; 100,000 ≤ 10 min and ≤ 1 GB. tests/test_scale.py runs it small.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import _sentence_pool, measured  # noqa: E402

from auditapp.synth import LAYOUTS, consistent_values, render  # noqa: E402

YEARS = (2021, 2022, 2023)
SHARED_NAMES = ("区卫生健康委员会", "区教育局", "区民政局", "县人民政府办公室")  # without their region
FORMATS = ("html", "docx")  # one report in twenty is given again in one of these


def generate(folder: Path, n: int, seed: int = 18) -> dict[str, int]:
    """About n report files: bodies × years, a few given twice (another format), some copied."""
    from bench_batch import _as_format, _writers

    writers = _writers({f: 1 for f in FORMATS})
    rng = random.Random(seed)
    pool = _sentence_pool()
    copied = ["".join(rng.sample(pool, min(len(pool), 40))) for _ in range(5)]
    counts: dict[str, int] = {"files": 0, "copied": 0, "formats": 0}
    k = 0
    for b in itertools.count():
        shared = b % 10 == 0  # one body in ten goes by a name many bodies share
        agency = SHARED_NAMES[b % len(SHARED_NAMES)] if shared else f"第{b}号县人民政府"
        last: dict[str, str] | None = None
        for year in YEARS:
            if counts["files"] >= n:
                return counts
            values = consistent_values(rng)
            if last is not None and rng.random() < 0.7:  # consistent with last year, mostly
                for key in [c for c in values if c.startswith("t3.carried_over.")]:
                    values[key] = last[key.replace("carried_over", "carried_forward")]
            last = values
            if rng.random() < 0.1:
                narrative = rng.choice(copied)
                counts["copied"] += 1
            else:
                narrative = "".join(rng.sample(pool, min(len(pool), 40)))
            text, _ = render(values, LAYOUTS[k % len(LAYOUTS)], agency=agency, year=year)
            text = text.replace("一、总体情况\n", f"一、总体情况\n{narrative}\n", 1)
            sub = folder / f"{k // 1000:03d}"
            sub.mkdir(exist_ok=True)
            (sub / f"report{k:06d}.txt").write_text(text, encoding="utf-8")
            counts["files"] += 1
            if rng.random() < 0.05 and counts["files"] < n:
                writer = writers[rng.choice(FORMATS)]
                (sub / f"report{k:06d}{writer.SUFFIX}").write_bytes(_as_format(text, writer))
                counts["files"] += 1
                counts["formats"] += 1
            k += 1
    return counts


def run(folder: Path, workers: int | None, xlsx: str | None = None, out: str = os.devnull) -> dict[str, float]:
    """Wall seconds and peak bytes of the CLI's process tree over the folder (JSON Lines to `out`)."""
    cmd = [sys.executable, "-m", "auditapp", "audit", str(folder), "--json"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    if xlsx:
        cmd += ["--xlsx", xlsx]
    seconds, peak, code = measured(cmd, out, {**os.environ, "PYTHONPATH": str(ROOT)}, every=0.05)
    return {"seconds": seconds, "peak": peak, "exit": code}


def cross_counts(jsonl: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            for finding in json.loads(line)["findings"]:
                if finding["rule"].startswith("cross."):
                    counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, default=None, help="CLI --workers (default: the CLI's own)")
    ap.add_argument("--xlsx", action="store_true", help="also write the workbook")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the median is printed")
    ap.add_argument("--keep", metavar="DIR", help="generate under DIR and keep (reused when complete)")
    args = ap.parse_args()
    for n in args.reports:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(args.keep) / str(n) if args.keep else Path(tmp) / "in"
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / "done").exists():
                t = time.perf_counter()
                counts = generate(folder, n)
                (folder / "done").write_text(json.dumps(counts))
                print(f"generated {counts} in {time.perf_counter() - t:.0f} s", flush=True)
            out = os.path.join(tmp, "out.jsonl")
            runs = [
                run(folder, args.workers, os.path.join(tmp, "out.xlsx") if args.xlsx else None, out)
                for _ in range(args.repeat)
            ]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = statistics.median(r["peak"] for r in runs)
            what = "--json --xlsx" if args.xlsx else "--json"
            each = ", ".join(f"{r['seconds']:.1f}" for r in runs)
            print(
                f"{n} reports {what}, workers {args.workers if args.workers is not None else 'default'}: "
                f"{seconds:.1f} s (runs {each}), "
                f"peak {peak / 2**20:.0f} MB (process tree), exit {runs[0]['exit']}, "
                f"cross findings {cross_counts(out)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
