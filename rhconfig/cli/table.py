"""Plain-text tables for the CLI: one cell shortener and one aligned printer.

Widths are display columns: East Asian wide and full-width characters (CJK titles) take two,
combining marks none, so columns line up in a terminal whatever the titles hold.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import click


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (ASCII fast path)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def cell(value: Any, width: int) -> str:
    """``value`` on one line, JSON for non-strings, cut to ``width`` columns with an ellipsis."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def echo_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print ``header`` and ``rows`` with columns padded to their widest cell."""
    widths = [
        max([display_width(h)] + [display_width(r[n]) for r in rows])
        for n, h in enumerate(header)
    ]
    for row in (header, *rows):
        padded = (c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True))
        click.echo("  ".join(padded).rstrip())
