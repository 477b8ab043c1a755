"""Copy the README's guide for inspectors into resources/guide/guide_zh_CN.md, which the window's
Help › User Guide (F1) shows offline. Run after editing that section of the README:

    python packaging/make_guide.py

tests/test_help.py fails while the two differ.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDE = ROOT / "resources" / "guide" / "guide_zh_CN.md"
SECTION = "## 使用说明（审核人员）"


def guide(readme: str) -> str:
    """The section from its heading to the next second-level one; pictures named relative to resources/."""
    start = readme.index(SECTION)
    end = readme.find("\n## ", start + len(SECTION))
    text = readme[start : end if end >= 0 else len(readme)].strip() + "\n"
    text = text.replace("## 使用说明（审核人员）/ For inspectors", "# 使用说明（审核人员）", 1)
    return re.sub(r"\]\(resources/", "](", text)


def main() -> None:
    GUIDE.parent.mkdir(parents=True, exist_ok=True)
    GUIDE.write_text(guide(README.read_text(encoding="utf-8")), encoding="utf-8", newline="\n")
    print(GUIDE)


if __name__ == "__main__":
    main()
