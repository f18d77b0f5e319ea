"""Fill Vietnamese translations into the .ts catalogue from a JSON file
(``{"source": "bản dịch"}``), for batches of new messages; Qt Linguist does
the same by hand. Then run tools/i18n_ui.py to compile.

    .venv/bin/python tools/ts_fill.py new-strings.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "hanoi_desk_vi.ts"


def main() -> int:
    table = json.loads(Path(sys.argv[1]).read_text("utf-8"))
    tree = ET.parse(TS)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.find("source")
        translation = message.find("translation")
        if source is None or translation is None or source.text not in table:
            continue
        translation.text = table[source.text]
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
