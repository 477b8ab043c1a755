"""Fill the catalogue's unfinished messages from a table of translations (context, source → text).

    python packaging/fill_translations.py TABLE.json

TABLE.json: {"Context": {"source": "translation", ...}, ...}. Messages not in the table stay as
they are; run packaging/build_translations.py afterwards to compile the .qm.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "auditapp_zh_CN.ts"


def fill(table: dict[str, dict[str, str]], ts: Path = TS) -> int:
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        known = table.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if translation is not None and source in known and translation.get("type") == "unfinished":
                translation.text = known[source]
                del translation.attrib["type"]
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


if __name__ == "__main__":
    print(f"{fill(json.loads(Path(sys.argv[1]).read_text(encoding='utf-8')))} messages translated")
