"""Where catalogs live: the bundled core and curated files, and the user's imported ones."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rhconfig.catalog import Catalog, catalog_from_document
from rhconfig.errors import CatalogError

BUNDLED = ("core.json", "curated.json")


def config_dir() -> Path:
    """``$RHCONFIG_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/rhconfig``, else ``~/.config/rhconfig``."""
    explicit = os.environ.get("RHCONFIG_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "rhconfig"


def user_catalog_dir() -> Path:
    return config_dir() / "catalog"


def _read(text: str | bytes, what: str) -> Catalog:
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise CatalogError(f"{what} is not valid JSON: {exc}") from None
    return catalog_from_document(document, what)


@lru_cache(maxsize=1)
def bundled_catalog() -> Catalog:
    """The core classes (ComfyUI 0.33.0) plus the curated custom nodes shipped with rhconfig."""
    layers = []
    data = resources.files("rhconfig") / "data"
    for name in BUNDLED:
        item = data / name
        if item.is_file():
            layers.append(_read(item.read_bytes(), f"bundled catalog {name}"))
    return Catalog().layered(*layers)


def user_catalogs(directory: Path | None = None) -> list[Catalog]:
    folder = directory or user_catalog_dir()
    if not folder.is_dir():
        return []
    return [_read(p.read_bytes(), str(p)) for p in sorted(folder.glob("*.json"))]


def load_catalog(directory: Path | None = None) -> Catalog:
    """Bundled knowledge with the user's imported catalogs in front."""
    return bundled_catalog().layered(*user_catalogs(directory))
