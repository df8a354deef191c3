"""Lay a :class:`~rhconfig.codegen.plan.ModulePlan` out as Python source, with Jinja.

The templates live in the top-level ``templates/`` folder (``rhconfig/templates`` once installed;
see :mod:`rhconfig.resources`) (``module.py.jinja``, ``macros/<kind>.jinja``); a
user's folder given as ``templates`` comes first in the loader chain, so it can override one
macro file and keep the rest. The environment is built once per templates folder
(``StrictUndefined``, ``trim_blocks``, ``lstrip_blocks``, ``keep_trailing_newline``); its filters
are registered in :func:`environment` and only do layout: they wrap docstring text and split
lines the way ``ruff format`` would (line length 88), so output is formatted as it is rendered.
"""

from __future__ import annotations

import os
import textwrap
import unicodedata
from functools import lru_cache
from pathlib import Path

import jinja2

from rhconfig.codegen.plan import ChoiceAlias, ModulePlan
from rhconfig.resources import templates_dir

LINE_LENGTH = 88  # ruff format's default
MODULE_TEMPLATE = "module.py.jinja"


def width(text: str) -> int:
    """Columns ``text`` takes as ruff counts them (wide East Asian characters take two)."""
    total = 0
    for ch in text:
        if ch.isascii():
            total += 1
        elif unicodedata.combining(ch):
            continue
        else:
            total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _union_parts(annotation: str) -> list[str]:
    """``A | B[C | D] | None`` -> ``["A", "B[C | D]", "None"]`` (top-level ``|`` only)."""
    parts: list[str] = []
    depth = 0
    current = ""
    i = 0
    while i < len(annotation):
        ch = annotation[i]
        depth += ch in "[(" and 1 or 0
        depth -= ch in "])" and 1 or 0
        if depth == 0 and annotation.startswith(" | ", i):
            parts.append(current)
            current = ""
            i += 3
            continue
        current += ch
        i += 1
    parts.append(current)
    return parts


def param_filter(name: str, annotation: str, default: str, indent: int = 4) -> str:
    """``name: annotation = default,`` in a signature; split at ``|`` when too long."""
    pad = " " * indent
    line = f"{pad}{name}: {annotation} = {default},"
    parts = _union_parts(annotation)
    if width(line) <= LINE_LENGTH or len(parts) == 1:
        return line
    first = f"{pad}{name}: {parts[0]}"
    head, bracket, inner = parts[0].partition("[")
    if width(first) > LINE_LENGTH and bracket and inner.endswith("]"):
        # a long name: ruff splits the first member's subscript (dict[\n str, Any\n])
        first = f"{pad}{name}: {head}[\n{pad}    {inner[:-1]}\n{pad}]"
    lines = [first] + [f"{pad}| {part}" for part in parts[1:]]
    lines[-1] += f" = {default},"
    return "\n".join(lines)


def field_filter(name: str, annotation: str, indent: int = 4) -> str:
    """``name: annotation`` in a class body; parenthesised when too long."""
    pad = " " * indent
    line = f"{pad}{name}: {annotation}"
    if width(line) <= LINE_LENGTH:
        return line
    inner = f"{pad}    {annotation}"
    if width(inner) > LINE_LENGTH:
        parts = _union_parts(annotation)
        inner = "\n".join([f"{pad}    {parts[0]}"] + [f"{pad}    | {p}" for p in parts[1:]])
    return f"{pad}{name}: (\n{inner}\n{pad})"


def alias_filter(alias: ChoiceAlias) -> str:
    """``Name = Literal[...]``: one member per line (with a trailing comma) from two up."""
    if len(alias.values) == 1:
        line = f"{alias.name} = Literal[{alias.values[0]}]"
        if width(line) <= LINE_LENGTH:
            return line
        return f"{alias.name} = Literal[\n    {alias.values[0]}\n]"
    members = "".join(f"    {value},\n" for value in alias.values)
    return f"{alias.name} = Literal[\n{members}]"


def docblock_filter(text: str, indent: int, subsequent: int) -> str:
    """Docstring text (already escaped) wrapped to the line length: each non-empty line of
    ``text`` starts a paragraph at ``indent``, its continuation lines at ``subsequent``."""
    out: list[str] = []
    first = " " * indent
    rest = " " * subsequent
    for line in text.splitlines():
        words = line.strip()
        if not words:
            continue
        wrapped = textwrap.wrap(
            words,
            width=LINE_LENGTH,
            initial_indent=first if not out else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        out.extend(wrapped)
    return "\n".join(out)


@lru_cache(maxsize=8)
def environment(templates: str | None = None) -> jinja2.Environment:
    """The Jinja environment (cached): ``templates`` (a folder) in front of the package's."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(templates))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["param"] = param_filter
    env.filters["field"] = field_filter
    env.filters["alias"] = alias_filter
    env.filters["docblock"] = docblock_filter
    return env


def render_module(plan: ModulePlan, templates: str | os.PathLike[str] | None = None) -> str:
    """The module's source text for ``plan``."""
    folder = None if templates is None else str(Path(templates).resolve())
    text = environment(folder).get_template(MODULE_TEMPLATE).render(plan=plan)
    return text.rstrip("\n") + "\n"
