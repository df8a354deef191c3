"""Regenerate rhconfig/data/core.json from a ComfyUI /object_info dump.

    python scripts/build_core_catalog.py ../shared/object_info/comfyui-0.33.0.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rhconfig.catalog import catalog_from_object_info

OUT = Path(__file__).resolve().parent.parent / "rhconfig" / "data" / "core.json"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else Path("../shared/object_info/comfyui-0.33.0.json")
    catalog = catalog_from_object_info(json.loads(source.read_bytes()), what=str(source))
    document = catalog.to_document(f"ComfyUI 0.33.0 /object_info ({len(catalog)} classes)")
    OUT.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({len(catalog)} classes, {OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
