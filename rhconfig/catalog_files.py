"""Where catalogs live: the bundled core and curated files, and the user's imported ones."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from rhconfig.catalog import Catalog, catalog_from_document
from rhconfig.errors import CatalogError
from rhconfig.jsontext import loads

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


class Layer(NamedTuple):
    """One catalog file: ``name`` is core, curated or user:NAME; later layers win per class."""

    name: str
    location: str
    catalog: Catalog


def _read(text: str | bytes, what: str) -> Catalog:
    """A catalog file, its fields' classification rules compiled, its class types and
    display names slugged and the fields that are their own names found (once per file read,
    so that a scan only looks them up)."""
    from rhconfig.classify import compile_rules
    from rhconfig.naming import own_names, title_slugs

    catalog = compile_rules(catalog_from_document(loads(text, what, CatalogError), what))
    displays = filter(None, map(catalog.display_name, catalog.classes))
    catalog.title_slugs.update(title_slugs([*catalog.classes, *displays]))
    catalog.own_names = own_names(
        field for entry in catalog.classes.values() for field in entry.get("inputs") or ()
    )
    return catalog


@lru_cache(maxsize=1)
def bundled_layers() -> tuple[Layer, ...]:
    """The core classes (ComfyUI 0.33.0) and the curated custom nodes shipped with rhconfig."""
    data = resources.files("rhconfig") / "data"
    return tuple(
        Layer(name.removesuffix(".json"), f"bundled {name}", _read(item.read_bytes(), name))
        for name in BUNDLED
        if (item := data / name).is_file()
    )


def user_layers(directory: Path | None = None) -> list[Layer]:
    """The user's imported catalogs, in file-name order."""
    folder = directory or user_catalog_dir()
    if not folder.is_dir():
        return []
    return [
        Layer(f"user:{p.stem}", str(p), _read(p.read_bytes(), str(p)))
        for p in sorted(folder.glob("*.json"))
    ]


@lru_cache(maxsize=1)
def bundled_catalog() -> Catalog:
    return Catalog().layered(*(layer.catalog for layer in bundled_layers()))


def load_catalog(directory: Path | None = None) -> Catalog:
    """Bundled knowledge with the user's imported catalogs in front."""
    return bundled_catalog().layered(*(layer.catalog for layer in user_layers(directory)))
