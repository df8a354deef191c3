"""``rhconfig catalog``: the node catalogs behind ``scan`` (import, list, show).

Layers, later ones winning per class: the bundled core catalog (ComfyUI's own nodes), the
bundled curated catalog (popular custom nodes), then the user's imported catalogs
(``config_dir()/catalog/*.json``, in file-name order).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rhconfig.cli.table import cell, echo_table

if TYPE_CHECKING:
    from rhconfig.catalog import Catalog
    from rhconfig.catalog_files import Layer

_NAME_BAD = re.compile(r"[^A-Za-z0-9._-]+")
_NAME_MAX = 64


def sanitize_name(raw: str) -> str:
    """A safe file stem: letters, digits, ``.``, ``_``, ``-``; no leading dot; at most 64."""
    name = _NAME_BAD.sub("-", raw.strip()).strip(".-")[:_NAME_MAX].rstrip(".-")
    return name


def _load_dump(path: Path) -> Catalog:
    """Any ``/object_info`` dump (or an rhconfig catalog file) as a compact catalog."""
    from rhconfig.catalog import catalog_from_document, catalog_from_object_info
    from rhconfig.errors import CatalogError
    from rhconfig.jsontext import loads

    what = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read {what}: {exc.strerror or exc}") from None
    document = loads(raw, what, CatalogError)
    if isinstance(document, dict) and "format" in document and "classes" in document:
        return catalog_from_document(document, what)
    return catalog_from_object_info(document, what=what)


def _layers() -> list[Layer]:
    from rhconfig.catalog_files import bundled_layers, user_layers

    return [*bundled_layers(), *user_layers()]


@click.group()
def catalog() -> None:
    """Node catalogs: what each node class accepts (types, choices, ranges)."""


@catalog.command("import", short_help="Store an /object_info dump as a user catalog.")
@click.argument(
    "object_info", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--name", help="Catalog name (default: the file name without .json).")
def import_(object_info: Path, name: str | None) -> None:
    """Store an /object_info dump (e.g. from your own ComfyUI) as a user catalog.

    Its classes then take precedence over the bundled ones in 'rhconfig scan'.
    """
    from rhconfig.catalog_files import user_catalog_dir
    from rhconfig.errors import UsageError
    from rhconfig.store import atomic_write

    stem = sanitize_name(name if name is not None else object_info.name.removesuffix(".json"))
    if not stem:
        raise UsageError(
            f"invalid catalog name {name or object_info.name!r:.60}: "
            "use letters, digits, '.', '_' or '-'"
        )
    loaded = _load_dump(object_info)
    document = loaded.to_document(f"imported from {object_info.name} ({len(loaded)} classes)")
    target = user_catalog_dir() / f"{stem}.json"
    replaced = target.exists()
    atomic_write(
        target, json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    )
    from rhconfig.catalog_files import bundled_catalog

    bundled = bundled_catalog()
    new = sum(1 for c in loaded.classes if c not in bundled)
    click.echo(
        f"{'replaced' if replaced else 'imported'} catalog {stem!r}: {len(loaded)} classes "
        f"({new} not in the bundled catalogs) -> {target}"
    )


@catalog.command("list", short_help="The catalog layers, in precedence order.")
@click.option("--json", "as_json", is_flag=True, help="Print the layers as JSON.")
def list_(as_json: bool) -> None:
    """The catalog layers, in precedence order (later wins), with class counts."""
    layers = _layers()
    merged: set[str] = set()
    for _, _, cat in layers:
        merged.update(cat.classes)
    if as_json:
        payload = {
            "layers": [
                {"layer": layer, "location": where, "classes": len(cat)}
                for layer, where, cat in layers
            ],
            "total_classes": len(merged),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    rows = [(layer, str(len(cat)), where) for layer, where, cat in layers]
    header = ("layer", "classes", "location")
    echo_table(header, rows)
    if not any(layer.startswith("user:") for layer, _, _ in layers):
        from rhconfig.catalog_files import user_catalog_dir

        click.echo(f"(no user catalogs in {user_catalog_dir()}; add one with 'catalog import')")
    click.echo(f"{len(merged)} classes in all")


def _constraints(spec: dict[str, Any]) -> str:
    parts = []
    if spec.get("type") == "COMBO":
        choices = spec.get("choices") or []
        if choices:
            shown = ", ".join(str(c) for c in choices[:6])
            parts.append(shown + (f", ... ({len(choices)})" if len(choices) > 6 else ""))
        else:
            parts.append("server files")
    if "min" in spec or "max" in spec:
        parts.append(f"{spec.get('min', '')}..{spec.get('max', '')}")
    if "step" in spec:
        parts.append(f"step {spec['step']}")
    if spec.get("upload"):
        parts.append(f"upload {spec['upload']}")
    if spec.get("multiline"):
        parts.append("multiline")
    return "; ".join(parts)



@catalog.command("show", short_help="The inputs of one node class.")
@click.argument("class_type")
@click.option("--json", "as_json", is_flag=True, help="Print the class entry as JSON.")
def show(class_type: str, as_json: bool) -> None:
    """The inputs of one node class (e.g. KSampler, "VHS_LoadVideo")."""
    from rhconfig.check.hints import closest
    from rhconfig.errors import CatalogError

    layers = _layers()
    found = [(layer, cat) for layer, _, cat in layers if class_type in cat]
    if not found:
        names = sorted({c for _, _, cat in layers for c in cat.classes})
        close = closest(class_type, names)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CatalogError(f"no node class {class_type!r:.80} in the catalogs{hint}")
    layer, cat = found[-1]
    entry = cat.classes[class_type]
    inputs: dict[str, dict[str, Any]] = entry.get("inputs", {})
    if as_json:
        payload = {"class_type": class_type, "layer": layer, **entry}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    title = entry.get("display_name")
    click.echo(
        f"{class_type}" + (f" ({title})" if title else "")
        + f": {len(inputs)} inputs [from {layer}]"
    )
    if entry.get("source"):
        click.echo(f"source: {entry['source']}"
                   + (" (derived from real workflows)" if entry.get("curated_from") else ""))
    header = ("input", "type", "", "default", "constraints")
    rows = [
        (
            field,
            str(spec.get("type", "?")),
            "optional" if spec.get("optional") else "",
            cell(spec["default"], 24) if "default" in spec else "",
            cell(_constraints(spec), 60),
        )
        for field, spec in inputs.items()
    ]
    echo_table(header, rows)
    for dyn in entry.get("dynamic_inputs") or []:
        if isinstance(dyn, dict):
            click.echo(f"dynamic: {dyn.get('pattern')} -> {dyn.get('value')}")
