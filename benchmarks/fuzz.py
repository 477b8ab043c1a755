"""The fuzz suite at any size: mutated reports in every format, audited with a time limit each.

    python benchmarks/fuzz.py --inputs 10000 [--formats text,html,...] [--seed S]
                              [--workers N] [--timeout SECONDS] [--keep DIR]

Inputs are the bundled seeds as text and in every format auditapp.docgen writes (and .mht,
and legacy .doc/.xls when LibreOffice is installed), each with one to three mutations (see
auditapp/fuzz.py); formats are taken in turn. Each is audited in the batch engine's worker
processes under the time limit, its outcome checked as the JSON and the window would use it,
and its bytes on disk compared with what was written. Printed: inputs per format, outcomes
(ok, partial, failed with a message, uncaught exception, time-out), the commonest failure
messages, the mutations applied, and the wall time. Exit status 1 if any input raised, timed
out or was changed on disk; the inputs that did are copied to --keep.

CI runs a small size in tests/test_fuzz.py; the README gives the figures of a large run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditapp import fuzz  # noqa: E402
from auditapp.memlimit import default_limit_mb  # noqa: E402

KINDS = ("ok", "partial", "failed", "exception", "timeout")


def report(figures: fuzz.Figures, top: int = 12) -> str:
    lines = [f"{'format':8} {'inputs':>7} " + " ".join(f"{k:>9}" for k in KINDS)]
    for fmt in sorted(figures.inputs):
        counts = " ".join(f"{figures.outcomes[(fmt, k)]:>9}" for k in KINDS)
        lines.append(f"{fmt:8} {figures.inputs[fmt]:>7} {counts}")
    total = " ".join(f"{figures.count(k):>9}" for k in KINDS)
    lines.append(f"{'all':8} {sum(figures.inputs.values()):>7} {total}")
    lines.append("")
    lines.append(
        f"wall time {figures.seconds:.0f} s; slowest input {figures.slowest[0]:.2f} s ({figures.slowest[1]}); "
        f"inputs changed on disk: {len(figures.changed)}"
    )
    lines.append(
        f"peak resident memory of any worker: {figures.peak_mb:.0f} MB "
        f"(each worker's ceiling: {default_limit_mb()} MB of address space)"
    )
    lines.append("")
    lines.append("commonest failure messages (numbers and particulars left out):")
    lines += [f"  {n:>6}  {message}" for message, n in figures.messages.most_common(top)]
    lines.append("")
    lines.append("mutations applied: " + ", ".join(f"{m} {n}" for m, n in sorted(figures.mutations.items())))
    if figures.faults:
        lines.append("")
        lines.append("FAULTS:")
        lines += [f"  {name}  {'+'.join(what)}  {text[:200]}" for name, what, text in figures.faults]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--formats", help=f"comma-separated, of: {', '.join(fuzz.formats_available())}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per input (the batch's default)")
    parser.add_argument("--keep", help="copy the inputs that raised or timed out here")
    args = parser.parse_args()
    formats = args.formats.split(",") if args.formats else fuzz.formats_available()
    unknown = set(formats) - set(fuzz.formats_available())
    if unknown:
        parser.error(f"no seeds for {', '.join(sorted(unknown))} (available: {', '.join(fuzz.formats_available())})")
    started = time.monotonic()

    def progress(figures: fuzz.Figures, done: int) -> None:
        print(
            f"  {done}/{args.inputs} inputs, {figures.count('exception')} exceptions, "
            f"{figures.count('timeout')} time-outs, {time.monotonic() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )

    print(f"fuzzing {args.inputs} inputs over {', '.join(formats)} (seed {args.seed})", file=sys.stderr)
    figures = fuzz.run(
        args.inputs,
        formats,
        seed=args.seed,
        workers=args.workers,
        timeout=args.timeout,
        keep=args.keep,
        progress=progress,
    )
    print(report(figures))
    bad = figures.count("exception") or figures.count("timeout") or figures.changed
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
