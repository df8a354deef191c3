"""Plain-text tables for the CLI: one cell shortener and one aligned printer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click


def cell(value: Any, width: int) -> str:
    """``value`` on one line, JSON for non-strings, cut to ``width`` characters with an ellipsis."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def echo_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print ``header`` and ``rows`` with columns padded to their widest cell."""
    widths = [max([len(h)] + [len(r[n]) for r in rows]) for n, h in enumerate(header)]
    for row in (header, *rows):
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
