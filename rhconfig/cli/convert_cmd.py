"""``rhconfig convert``: a ComfyUI UI-format workflow to the API graph RunningHub runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rhconfig.catalog import Catalog
    from rhconfig.ui_convert import Conversion


def read_ui_conversion(
    document: Any, catalog: Catalog, *, partial: bool
) -> tuple[dict[str, Any], list[str]]:
    """The API graph of a UI document and the notes to show (values that could not be named)."""
    from rhconfig.ui_convert import convert_ui

    conversion: Conversion = convert_ui(document, catalog, partial=partial)
    return conversion.graph, conversion.notes()


def _partial_note(graph: dict[str, Any], catalog: Catalog) -> list[str]:
    unknown = {n["class_type"] for n in graph.values() if n["class_type"] not in catalog}
    if unknown:
        classes = ", ".join(sorted(unknown))
        return [
            f"converted with --partial: nodes of {classes} keep only their links "
            "(known: false); 'rhconfig catalog import OBJECT_INFO.json' names their values"
        ]
    return []


@click.command()
@click.argument("ui_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the API graph here (default: standard output).",
)
@click.option(
    "--partial",
    is_flag=True,
    help="Convert even if some node classes are not in the catalog (their values stay unnamed).",
)
def convert(ui_file: Path, output: Path | None, partial: bool) -> None:
    """Convert a UI-format workflow (ComfyUI's 'Save') to the API format.

    Widget values are named from the node catalog, as ComfyUI's frontend does on 'Queue':
    notes, reroutes, primitives, muted and bypassed nodes, group nodes and subgraphs are
    resolved. The output is deterministic: the same file gives the same bytes.
    """
    from rhconfig.catalog_files import load_catalog
    from rhconfig.errors import GraphFormatError, UsageError
    from rhconfig.graph import loads
    from rhconfig.store import atomic_write, graph_text
    from rhconfig.ui_convert import is_ui_document

    try:
        data = ui_file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {ui_file}: {exc.strerror or exc}") from None
    document = loads(data, str(ui_file))
    if not is_ui_document(document):
        raise GraphFormatError(
            f"{ui_file} is not a UI-format workflow (no top-level 'nodes' and 'links'); "
            "an API-format graph needs no conversion"
        )
    catalog = load_catalog()
    graph, notes = read_ui_conversion(document, catalog, partial=partial)
    notes += _partial_note(graph, catalog)
    for note in notes:
        click.echo(f"rhconfig: note: {note}", err=True)
    text = graph_text(graph)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic_write(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output} ({len(graph)} nodes)")
