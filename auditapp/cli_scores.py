"""`auditapp audit --rulepack FILE --bodies FILE` and `auditapp rulepack [FILE]`: scores and coverage
on the command line.

The pack and the list are read before any file is audited, so a bad one is refused at once
(exit 2, its line named). During the batch only each report's `Facts` are kept (its agency,
year, status and the rule of each finding), so scoring a large batch takes little memory. The
blocks are printed after the batch's totals: on stdout with the text summary, on stderr beside
JSON Lines (whose contract is one object per file).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from .coverage import CoverageError, Listed, match, read_bodies
from .inputs import display_name, shown
from .messages import say
from .rulepack import RulePack, RulePackError, default_pack, load_pack
from .score_text import coverage_text, item_title, scores_text
from .scores import Facts, Score, fmt_points, rank

DEFAULT = "default"  # `--rulepack default`: the pack that comes with the program


def read_pack(spec: str) -> RulePack:
    return default_pack() if spec == DEFAULT else load_pack(spec)


@dataclass
class Tally:
    """What the batch keeps for the blocks: each report's score and agency, in input order."""

    pack: RulePack | None
    bodies: list[Listed] | None
    bodies_path: str | None
    scores: list[Score] = field(default_factory=list)
    agencies: list[str | None] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    @property
    def wanted(self) -> bool:
        return self.pack is not None or self.bodies is not None

    def add(self, facts: Facts | None, path: str, extra_rules: Sequence[str] = ()) -> None:
        self.paths.append(path)
        self.agencies.append(facts.agency if facts else None)
        if self.pack is not None:
            if facts is None:
                facts = Facts(path, None, None, True, False, ())
            self.scores.append(facts.score(self.pack, extra_rules))

    def blocks(self, roots: Sequence[str], lang: str) -> str:
        names = [display_name(p, roots) for p in self.paths]
        out = []
        if self.pack is not None:
            out.append(scores_text(self.pack, self.scores, rank(self.scores, self.pack.rank_min), names, lang))
        if self.bodies is not None and self.bodies_path is not None:
            cov = match(self.bodies, self.agencies)
            out.append(coverage_text(cov, shown(self.bodies_path), names, self.agencies, lang))
        return "\n\n".join(out)


def tally_for(args: argparse.Namespace) -> Tally | None:
    """The pack and the list the arguments name, read; None (and a message on stderr) when refused."""
    pack = bodies = None
    try:
        if getattr(args, "rulepack", None):
            pack = read_pack(args.rulepack)
        if getattr(args, "bodies", None):
            bodies = read_bodies(args.bodies)
    except (RulePackError, CoverageError) as e:
        print(say("error", args.lang, message=shown(e.message(args.lang))), file=sys.stderr)
        return None
    return Tally(pack, bodies, getattr(args, "bodies", None))


def print_blocks(tally: Tally, args: argparse.Namespace) -> None:
    roots = [p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in args.paths]
    print("\n" + tally.blocks(roots, args.lang), file=sys.stderr if args.json else sys.stdout)


def cmd_rulepack(args: argparse.Namespace) -> int:
    """Check a pack and show what it deducts, line by line with its sources (exit 2 when refused)."""
    try:
        pack = read_pack(args.file or DEFAULT)
    except RulePackError as e:
        print(say("error", args.lang, message=shown(e.message(args.lang))), file=sys.stderr)
        return 2
    en = args.lang == "en"
    print(say("pack_ok", args.lang, name=pack.name_in(args.lang), full=fmt_points(pack.full), n=pack.rank_min))
    print(say("pack_source", args.lang, source=pack.source_in(args.lang)))
    for d in pack.deductions:
        cap = say("pack_cap", args.lang, cap=fmt_points(d.cap)) if d.cap is not None else ""
        entry = pack.deductions.index(d)
        print(
            say(
                "pack_line", args.lang, line=d.line, item=item_title(pack, entry, args.lang),
                rules=(", " if en else "、").join(d.rules), points=fmt_points(d.points), cap=cap,
            )
        )  # fmt: skip
        if d.source_in(args.lang):
            print(say("pack_line_source", args.lang, source=d.source_in(args.lang)))
    return 0


__all__ = ["DEFAULT", "Tally", "cmd_rulepack", "print_blocks", "read_pack", "tally_for"]
