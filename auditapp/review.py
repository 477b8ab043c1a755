"""The inspector's review: each finding confirmed or dismissed, with a comment, and the cells
the inspector corrected.

Reviews are kept per (report path, finding key): the key says what a finding is (its rule and
the relation or cells it is about), not where it stands in a list, so a review survives
re-reading the file and corrections that reorder the findings. Corrections are kept per
(report path, cell id). Both are saved to an audit session file the inspector chooses (JSON,
written atomically), so the review comes back when the same reports are opened again and the
exports carry it. A session file that cannot be read is kept aside, never lost.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .corrections import Correction, CorrectionKey
from .inputs import names_an_input
from .rules import Finding

REVIEW_ZH = {"confirmed": "确认", "dismissed": "驳回", None: "未复核"}
STATES = ("confirmed", "dismissed")


@dataclass(frozen=True, slots=True)
class Review:
    """An inspector's decision on a finding: confirmed or dismissed, with a comment."""

    state: str | None = None  # "confirmed" | "dismissed" | None
    comment: str = ""


Reviews = Mapping[tuple[str, str], Review]  # (report path, finding key) → review


@dataclass
class Session:
    """What an audit session file holds: the review decisions and the corrections."""

    reviews: dict[tuple[str, str], Review] = field(default_factory=dict)
    corrections: dict[CorrectionKey, Correction] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.reviews or self.corrections)

    def update(self, other: Session) -> None:
        self.reviews.update(other.reviews)
        self.corrections.update(other.corrections)


class ReviewError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def finding_key(f: Finding) -> str:
    """A finding's stable name within its report, for attaching reviews."""
    where = f.relation or ",".join(f.cells) or (f"{f.lines[0]}-{f.lines[1]}" if f.lines else "")
    evidence = "".join(f"@L{sp.line}:{sp.start}" for sp in f.spans[:1])  # two statements, one cell
    return f"{f.rule}@{where}{evidence}" + (f"@{f.other_file}" if f.other_file else "")


def save_reviews(reviews: Reviews, path: str) -> None:
    """A session file of reviews alone."""
    save_session(Session(dict(reviews)), path)


def save_session(session: Session, path: str, inputs: Iterable[str] = ()) -> None:
    """Write the session file atomically: a failure leaves the previous file as it was. Never onto
    a report: neither one of `inputs` (the reports open) nor one the session itself names."""
    named = {file for file, _ in session.reviews} | {file for file, _ in session.corrections}
    if names_an_input(path, [*inputs, *sorted(named)]) is not None:
        raise ReviewError(f"不能把复核记录保存到被审核的报告文件上，请另选文件：{path}")
    entries = [
        {"file": os.path.abspath(file), "finding": key, "state": r.state, "comment": r.comment}
        for (file, key), r in sorted(session.reviews.items())
        if r.state or r.comment
    ]
    fixes = [{"file": os.path.abspath(file), **c.as_dict()} for (file, _cell), c in sorted(session.corrections.items())]
    data = json.dumps({"auditapp_review": 1, "reviews": entries, "corrections": fixes}, ensure_ascii=False, indent=1)
    folder = os.path.dirname(os.path.abspath(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".auditapp-", suffix=".json", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # on disk before it replaces the old file: a crash leaves one or the other
        os.replace(tmp, path)
    except OSError as e:
        raise ReviewError(f"无法保存复核记录 {path}：{e.strerror or e}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)


MAX_SESSION_BYTES = 100 * 1024 * 1024  # a session of ten thousand reviews is a few megabytes


def load_reviews(path: str) -> dict[tuple[str, str], Review]:
    """The review decisions of a session file (see load_session)."""
    return load_session(path).reviews


def load_session(path: str) -> Session:
    """Read a session file. A corrupt one is renamed aside (kept, never overwritten) and
    ReviewError says so; one that cannot be opened (permissions, a folder) is left where it is."""
    try:
        if os.path.getsize(path) > MAX_SESSION_BYTES:
            raise ValueError("file too large")
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        entries = data["reviews"]
        reviews = {
            (os.path.abspath(e["file"]), str(e["finding"])): Review(
                e.get("state") if e.get("state") in STATES else None, str(e.get("comment") or "")
            )
            for e in entries
        }
        corrections = {}
        for e in data.get("corrections") or ():
            c = Correction.from_dict(e)
            corrections[(os.path.abspath(str(e["file"])), c.cell)] = c
        return Session(reviews, corrections)
    except FileNotFoundError:
        return Session()
    except (IsADirectoryError, PermissionError) as e:
        raise ReviewError(f"复核记录 {path} 无法打开：{e.strerror or e}") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        kept = _kept_aside(path)
        raise ReviewError(f"复核记录 {path} 无法读取（{type(e).__name__}），已另存为 {kept}，从空白开始") from None


def _kept_aside(path: str) -> str:
    """Rename a corrupt session file to `<name>.corrupt` (`.corrupt-2`, … if taken); its new name."""
    for n in range(1, 1000):
        kept = f"{path}.corrupt" if n == 1 else f"{path}.corrupt-{n}"
        if os.path.exists(kept):
            continue
        try:
            os.rename(path, kept)  # not replace: an earlier copy is never overwritten
            return kept
        except OSError:
            return path
    return path
