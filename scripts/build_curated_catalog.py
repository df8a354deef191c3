"""Regenerate rhconfig/data/curated.json from the definitions in scripts/curated/.

    PYTHONPATH=. python scripts/build_curated_catalog.py          # write the file
    PYTHONPATH=. python scripts/build_curated_catalog.py --check  # exit 1 if it is stale

The output is deterministic: classes sorted, compact separators, no timestamps.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "rhconfig" / "data" / "curated.json"
EXTRA_KEYS = ("curated_from", "dynamic_inputs")

for _path in (HERE, ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from rhconfig.catalog import Catalog, catalog_from_object_info  # noqa: E402


def load_definitions() -> dict[str, tuple[str, dict[str, Any]]]:
    """``{class_type: (pack, object_info entry)}`` over every curated pack."""
    packs: tuple[str, ...] = importlib.import_module("curated").PACKS
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for pack in packs:
        module = importlib.import_module(f"curated.{pack}")
        repo: str = module.REPO
        nodes: dict[str, dict[str, Any]] = module.NODES
        for name, info in nodes.items():
            if name in found:
                raise SystemExit(f"{name} is defined twice ({found[name][0]} and {pack})")
            entry = dict(info)
            source = str(entry.get("source", "")).strip()
            entry["source"] = f"{repo} {source}".strip() if repo else source
            found[name] = (pack, entry)
    return found


def build() -> tuple[Catalog, dict[str, str]]:
    """The curated catalog and the pack of each class."""
    definitions = load_definitions()
    object_info = json.loads(json.dumps({k: v for k, (_, v) in definitions.items()}))
    catalog = catalog_from_object_info(object_info, what="curated definitions")
    for name, (_, info) in definitions.items():
        entry = catalog.classes[name]
        entry["source"] = info["source"]
        for key in EXTRA_KEYS:
            if key in info:
                entry[key] = json.loads(json.dumps(info[key]))
    return catalog, {name: pack for name, (pack, _) in definitions.items()}


def render(catalog: Catalog) -> str:
    document = catalog.to_document(
        f"rhconfig curated custom nodes ({len(catalog)} classes; scripts/curated/)"
    )
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    catalog, _ = build()
    text = render(catalog)
    if "--check" in argv[1:]:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            print(f"{OUT} is stale: run scripts/build_curated_catalog.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(catalog)} classes, {len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
