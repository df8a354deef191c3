"""Unique Python identifiers for profile inputs, derived from node titles and field names.

Deterministic: the same graph always gives the same names. Names a user keeps (from an
earlier profile) are fixed first; the others are derived around them.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

# Fields whose name alone says little: the node's title names them better.
GENERIC_FIELDS = frozenset(
    {
        "text",
        "value",
        "string",
        "prompt",
        "image",
        "video",
        "audio",
        "file",
        "int",
        "float",
        "number",
        "boolean",
        "input",
        "path",
        "filename",
        "upload",
        "text_input",
    }
)
# Parameter names that generated wrappers use themselves.
RESERVED = frozenset(
    {
        "client",
        "extra",
        "timeout",
        "poll",
        "jobs",
        "kwargs",
        "args",
        "self",
        "cls",
        "workflow_id",
        "node_info",
        "profile",
    }
)
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


_PLAIN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    """ASCII snake_case: ``"Positive Prompt (SDXL)"`` -> ``positive_prompt_sdxl``."""
    if _PLAIN.fullmatch(text):  # most field names already are: "seed", "batch_size"
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"([a-z])([A-Z])", r"\1_\2", ascii_text)
    return _NON_WORD.sub("_", ascii_text.lower()).strip("_")


@lru_cache(maxsize=4096)
def title_slug(text: str) -> str:
    """The title's slug, or "" when folding to ASCII loses most of it (CJK titles)."""
    folded = slug(text)
    letters = sum(ch.isalnum() for ch in text)
    kept = sum(ch.isalnum() for ch in folded)
    return folded if letters and kept * 2 >= letters else ""


def as_identifier(text: str) -> str:
    """Make ``text`` (already a slug) a safe identifier: no leading digit, no keyword."""
    name = text or "input"
    if name[0].isdigit():
        name = "n_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in RESERVED:
        name += "_"
    return name


def is_valid_name(name: str) -> bool:
    return bool(IDENTIFIER.match(name)) and not keyword.iskeyword(name) and name not in RESERVED


def clear_caches() -> None:
    """Forget memoised slugs (benchmarks call this to measure a cold scan)."""
    slug.cache_clear()
    title_slug.cache_clear()


class NameRequest(NamedTuple):
    node_id: str
    field: str
    title: str
    class_type: str
    display_name: str | None = None
    role: str | None = None  # "positive"/"negative" when the node feeds only that input


def candidates(req: NameRequest) -> tuple[str, ...]:
    """Preferred names, best first; the last one is unique by construction."""
    field = slug(req.field) or "value"
    title = title_slug(req.title)
    custom_title = bool(title) and title not in (slug(req.class_type), slug(req.display_name or ""))
    owner = title or slug(req.display_name or "") or slug(req.class_type) or "node"
    out: list[str] = []
    if req.role and field in GENERIC_FIELDS:
        out.append(f"{req.role}_prompt")
    if custom_title and field in GENERIC_FIELDS:
        out.append(title)
    if field not in GENERIC_FIELDS:
        out.append(field)
    out.append(field if owner == field else f"{owner}_{field}")
    out.append(f"{out[-1]}_{slug(req.node_id) or 'node'}")
    return tuple(as_identifier(c) for c in out)


def assign_names(
    requests: Sequence[NameRequest],
    fixed: Iterable[str | None] = (),
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None = None,
) -> list[str]:
    """One unique identifier per request. ``fixed[i]`` (if given) is kept as is.

    Every request starts at its best candidate; while names clash, the clashing requests move
    to their next candidate. Candidate lists are built only for requests that clash.
    ``candidates_of`` replaces :func:`candidates` (AI apps rank their names differently).
    """
    options_of = candidates if candidates_of is None else candidates_of
    first_of = first_candidate if candidates_of is None else (lambda r: candidates_of(r)[0])
    fixed_list = list(fixed)
    kept = fixed_list + [None] * (len(requests) - len(fixed_list))
    taken = {n for n in kept if n}
    options: dict[int, tuple[str, ...]] = {}
    level = [0] * len(requests)
    names = [k if k else first_of(r) for k, r in zip(kept, requests, strict=True)]
    while True:
        counts = Counter(names)
        clash = [
            i for i, name in enumerate(names) if not kept[i] and (counts[name] > 1 or name in taken)
        ]
        moved = False
        for i in clash:
            opts = options.get(i)
            if opts is None:
                opts = options[i] = options_of(requests[i])
            if level[i] < len(opts) - 1:
                level[i] += 1
                names[i] = opts[level[i]]
                moved = True
        if not moved:
            break
    # Last resort (fields that slug alike on one node): number the rest.
    seen: set[str] = set()
    for i, name in enumerate(names):
        base, n = name, 2
        while name in seen or (not kept[i] and name in taken):
            name = f"{base}_{n}"
            n += 1
        names[i] = name
        seen.add(name)
    return names


def first_candidate(req: NameRequest) -> str:
    """The best name for ``req``, cheap to compute (the common case: no clash)."""
    field = slug(req.field) or "value"
    if req.role and field in GENERIC_FIELDS:
        return as_identifier(f"{req.role}_prompt")
    if field not in GENERIC_FIELDS:
        return as_identifier(field)
    return candidates(req)[0]
