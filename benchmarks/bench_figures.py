"""The batch's figures table (issue 21) at scale: time and peak memory.

    python benchmarks/bench_figures.py [--reports 10000] [--end-to-end DIR] [--workers N]

1. The table alone: `FigureRow`s of n reports (made from consistent random figures, one in ten
   with findings marked, one in fifty a 2019 report), pickled to a file; a fresh process loads
   them and builds the DataFrame, its sums, the CSV and the 数据汇总 sheet (write-only), timing
   each step and printing its own peak resident memory (ru_maxrss), the records included.
2. With --end-to-end DIR (a folder of reports, e.g. made by bench_scale.py --keep): the whole
   `auditapp table DIR --csv OUT --xlsx OUT` (audit in workers, checks across reports, the table):
   wall time and the peak resident memory of the process tree, sampled from /proc.

Targets: the table of 10,000 reports in under 5 s and under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def make_rows(n: int, seed: int = 21) -> list:
    import zlib
    from decimal import Decimal

    from auditapp.figures import FigureRow
    from auditapp.synth import consistent_values
    from auditapp.template import TEMPLATE_2019, TEMPLATE_2021

    rng = random.Random(seed)
    rows = []
    for k in range(n):
        template = TEMPLATE_2019 if k % 50 == 49 else TEMPLATE_2021
        values = consistent_values(rng, template=template)
        if k % 7 == 0:
            values[f"t3.denied_secret.{rng.choice(('natural_person', 'total'))}"] = ""  # a blank
        packed = array("d", (float(Decimal(values[c])) if values.get(c) else float("nan") for c in template.cell_ids()))
        marks = {"t3.total.total": 0, "t3.new.total": 1} if k % 10 == 0 else {}
        rows.append(
            FigureRow(
                f"/data/{k // 1000:03d}/report{k:06d}.txt",
                f"第{k}号县人民政府",
                2023,
                template.id,
                "ok",
                1 if marks else 0,
                rng.randint(0, 3),
                rng.randint(0, 5),
                zlib.compress(packed.tobytes(), 1),
                marks,
            )
        )
    return rows


def child(records: str, out: str) -> None:
    """Load the records, build everything, print the timings and this process's peak memory."""
    started = time.perf_counter()
    with open(records, "rb") as f:
        rows = pickle.load(f)
    loaded = time.perf_counter()
    from openpyxl import Workbook

    from auditapp.export.figures_csv import figures_csv
    from auditapp.export.wb_figures import write_figures
    from auditapp.export.workbook import _save_atomically
    from auditapp.figures import figures_table

    imported = time.perf_counter()
    table = figures_table(rows, "zh", ["/data"])
    built = time.perf_counter()
    table.totals()
    summed = time.perf_counter()
    Path(out + ".csv").write_bytes(figures_csv(table))
    csv_done = time.perf_counter()
    wb = Workbook(write_only=True)
    write_figures(wb.create_sheet("数据汇总"), table)
    _save_atomically(wb, out + ".xlsx")
    xlsx_done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(rows)} reports, {table.frame.shape[1]} columns: load {loaded - started:.2f} s, "
        f"imports {imported - loaded:.2f} s, DataFrame {built - imported:.2f} s, sums {summed - built:.2f} s, "
        f"CSV {csv_done - summed:.2f} s ({os.path.getsize(out + '.csv') / 2**20:.1f} MB), "
        f"数据汇总 sheet {xlsx_done - csv_done:.2f} s; table (DataFrame + sums + CSV) "
        f"{csv_done - imported:.2f} s; peak {peak_mb:.0f} MB (this process, records included)",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, nargs="+", default=[10000])
    ap.add_argument("--end-to-end", metavar="DIR", help="also run `auditapp table DIR` and measure it")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--child", nargs=2, metavar=("RECORDS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.reports:
            records = os.path.join(tmp, f"rows{n}.pickle")
            t = time.perf_counter()
            rows = make_rows(n)
            with open(records, "wb") as f:
                pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
            size = os.path.getsize(records)
            print(f"made {n} records in {time.perf_counter() - t:.0f} s ({size / n:.0f} bytes each pickled)")
            del rows
            subprocess.run(
                [sys.executable, __file__, "--child", records, os.path.join(tmp, f"out{n}")], env=env, check=True
            )
        if args.end_to_end:
            from bench_batch import measured

            cmd = [sys.executable, "-m", "auditapp", "table", args.end_to_end]
            cmd += ["--csv", os.path.join(tmp, "e2e.csv"), "--xlsx", os.path.join(tmp, "e2e.xlsx")]
            if args.workers is not None:
                cmd += ["--workers", str(args.workers)]
            seconds, peak, code = measured(cmd, os.path.join(tmp, "e2e.txt"), env, every=0.05)
            summary = Path(tmp, "e2e.txt").read_text(encoding="utf-8").strip().replace("\n", " | ")
            print(
                f"auditapp table {args.end_to_end} --csv --xlsx: {seconds:.1f} s, peak {peak / 2**20:.0f} MB "
                f"(process tree), exit {code}: {summary}"
            )


if __name__ == "__main__":
    main()
