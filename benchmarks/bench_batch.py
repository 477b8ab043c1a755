"""Batch throughput: N synthetic reports through the CLI, per-stage times, peak memory, the floor.

    python benchmarks/bench_batch.py [--reports 1000] [--mix FMT:PCT,…] [--workers N] [--keep DIR] [--profile]

Generates N reports (five table layouts; UTF-8, UTF-8 with BOM, GB18030 and UTF-16; one in
ten with a fault; narratives drawn from the bundled samples' sentences so that reports differ
the way real ones do; with `--mix html:8,docx:3,xlsx:2,pdf:1`, that share of them written as
web pages, Word files, workbooks and PDFs by auditapp.docgen), then measures on those files:

- the floor: reading and decoding every file, nothing else (one process); for the files in
  other formats that is their reader (lxml, pdfplumber …), so a mixed run's ratio is not the
  target's, which is stated for text reports;
- per stage, in one process: read+decode, parse, audit, JSON rendering, and the workbook for
  the first 200 reports;
- end to end: `python -m auditapp audit DIR --json > /dev/null`, wall time and reports per
  second, with the peak memory of the CLI and its workers together (sampled from /proc);
- `auditapp --help` and the window shown after launch.

Targets (issue #7), 2-core machine: 1,000 reports end to end ≤ 5 s; parse + audit ≤ 20× the
floor; 10,000 reports with peak memory ≤ 500 MB; `--help` ≤ 0.5 s; window shown ≤ 2 s.
`--profile` adds a cProfile of parse + audit over the files, by cumulative time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditapp.synth import LAYOUTS, consistent_values, render  # noqa: E402

ENCODINGS = (("utf-8", 55), ("gb18030", 25), ("utf-16", 10), ("utf-8-sig", 10))
FAULT_RATE = 0.1


def _sentence_pool() -> list[str]:
    """Narrative clauses of the bundled samples without digits (so they claim no figures)."""
    pool = []
    for path in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        for clause in re.split(r"(?<=[。；，、])", path.read_text(encoding="utf-8")):
            s = clause.strip()
            if 6 <= len(s) <= 120 and not re.search(r"[0-9０-９|\t]", s) and "表" not in s:
                pool.append(s)
    return sorted(set(pool))


def _writers(mix: dict[str, float]) -> dict[str, object]:
    import importlib

    return {name: importlib.import_module(f"auditapp.docgen.{name}") for name in mix}


def _as_format(text: str, writer) -> bytes:
    """A generated text report laid out as the template prints it, in another format (docgen)."""
    from auditapp.docgen import report_document
    from auditapp.parse.reader import parse_report
    from auditapp.source import Source

    return writer.write(report_document(parse_report(Source.from_text("x", text))))


def generate(folder: Path, n: int, seed: int = 2026, mix: dict[str, float] | None = None) -> dict[str, int]:
    """N reports; `mix` gives the percentage written as a web page, Word file, workbook or PDF."""
    mix = mix or {}
    writers = _writers(mix)
    rng = random.Random(seed)
    pool = _sentence_pool()
    weights = [w for _, w in ENCODINGS]
    counts: dict[str, int] = {}
    for k in range(n):
        values = consistent_values(rng)
        if rng.random() < FAULT_RATE:
            cell = rng.choice([c for c in values if c.startswith("t3.") and not c.endswith(".total")])
            values[cell] = str(int(values[cell]) + rng.randint(1, 9))
        layout = LAYOUTS[k % len(LAYOUTS)]
        agency = f"第{k}号县人民政府"
        text, _ = render(values, layout, agency=agency, year=2023)
        narrative = "".join(rng.sample(pool, min(len(pool), 40)))  # real reports of two bodies share ~5%
        text = text.replace("一、总体情况\n", f"一、总体情况\n{narrative}\n", 1)
        sub = folder / f"{k // 1000:02d}"
        sub.mkdir(exist_ok=True)
        draw, fmt = rng.random() * 100, None
        for name, percent in mix.items():
            if draw < percent:
                fmt = name
                break
            draw -= percent
        if fmt is not None:
            writer = writers[fmt]
            counts[fmt] = counts.get(fmt, 0) + 1
            (sub / f"report{k:05d}{writer.SUFFIX}").write_bytes(_as_format(text, writer))
            continue
        encoding = rng.choices([e for e, _ in ENCODINGS], weights)[0]
        counts[encoding] = counts.get(encoding, 0) + 1
        (sub / f"report{k:05d}.txt").write_bytes(text.encode(encoding))
    return counts


def _report_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("report*.*"))


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measured(
    cmd: list[str], out: str = os.devnull, env: dict | None = None, every: float = 0.02
) -> tuple[float, int, int]:
    """(seconds, peak bytes of the whole process tree, exit code) of a command, stdout to `out`."""
    peak = 0
    t = time.perf_counter()
    with open(out, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(proc.pid))
                time.sleep(every)

        sampler = threading.Thread(target=sample)
        sampler.start()
        proc.wait()
        done.set()
        sampler.join()
    return time.perf_counter() - t, peak, proc.returncode


def end_to_end(folder: Path, workers: int | None) -> tuple[float, int, int]:
    """(seconds, peak bytes of the whole process tree, exit code) of the CLI over the folder."""
    cmd = [sys.executable, "-m", "auditapp", "audit", str(folder), "--json"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    return measured(cmd)


def stages(files: list[str], profile: bool) -> dict[str, float]:
    from auditapp.export.jsonl import dumps
    from auditapp.ingest import read_source
    from auditapp.parse.reader import parse_report
    from auditapp.rules import audit

    out = {"read+decode": 0.0, "parse": 0.0, "audit": 0.0, "json": 0.0}
    from auditapp.api import AuditResult, Status

    results = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    for path in files:
        t0 = time.perf_counter()
        source = read_source(path)
        t1 = time.perf_counter()
        if profiler:
            profiler.enable()
        report = parse_report(source)
        t2 = time.perf_counter()
        findings = audit(report)
        t3 = time.perf_counter()
        if profiler:
            profiler.disable()
        result = AuditResult(path, Status.OK, None, source, report, findings)
        dumps(result)
        t4 = time.perf_counter()
        out["read+decode"] += t1 - t0
        out["parse"] += t2 - t1
        out["audit"] += t3 - t2
        out["json"] += t4 - t3
        if len(results) < 200:
            results.append(result)
    from auditapp.export.workbook import write_workbook

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_workbook(results, os.path.join(tmp, "out.xlsx"))
        out[f"workbook ({len(results)} reports)"] = time.perf_counter() - t
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return out


def floor(files: list[str]) -> float:
    from auditapp.ingest import read_source

    t = time.perf_counter()
    for path in files:
        read_source(path)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=None, help="CLI --workers (default: the CLI's own)")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if it holds the files)")
    ap.add_argument("--profile", action="store_true", help="cProfile parse + audit")
    ap.add_argument("--skip-stages", action="store_true", help="only the end-to-end run (for large N)")
    ap.add_argument(
        "--mix",
        default="",
        metavar="FMT:PCT,…",
        help="other formats mixed in, in percent, e.g. html:8,docx:3,xlsx:2,pdf:1 (default: text only, "
        "as the targets are stated)",
    )
    args = ap.parse_args()
    mix = {k: float(v) for k, v in (part.split(":") for part in args.mix.split(",") if part)}

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = _report_files(folder)
        if len(files) != args.reports:
            t = time.perf_counter()
            counts = generate(folder, args.reports, mix=mix)
            files = _report_files(folder)
            print(f"generated {len(files)} reports in {time.perf_counter() - t:.1f} s: {counts}")
        size = sum(os.path.getsize(f) for f in files)
        print(f"{len(files)} files, {size / 1e6:.1f} MB, {os.cpu_count()} CPUs")

        floor(files)  # warm the page cache so the floor is reading from memory, like the rest
        base = floor(files)
        print(f"floor (read + decode, one process): {base:.3f} s = {base / len(files) * 1000:.3f} ms/report")
        if not args.skip_stages:
            times = stages(files, args.profile)
            for name, seconds in times.items():
                print(f"  {name:28} {seconds:7.3f} s  {seconds / len(files) * 1000:7.3f} ms/report")
            work = times["parse"] + times["audit"]
            print(f"parse + audit / floor: {work / base:.1f}× (target ≤ 20×)")

        seconds, peak, code = end_to_end(folder, args.workers)
        print(
            f"end to end through the CLI: {seconds:.2f} s, {len(files) / seconds:.0f} reports/s, "
            f"peak memory {peak / 2**20:.0f} MB (CLI + workers), exit {code}"
        )

    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "auditapp", "--help"], capture_output=True, check=True, cwd=ROOT)
    print(f"auditapp --help: {time.perf_counter() - t:.2f} s")
    try:
        from bench_gui import startup

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"window shown after launch: {startup():.2f} s")
    except Exception as e:  # no Qt platform here: say so, the rest stands
        print(f"window start-up not measured: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
