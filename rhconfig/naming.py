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
# Derived names are at most this long (cut at a word boundary); a name you give may be longer.
MAX_NAME = 64
# Generic fields that name themselves on a node whose title says nothing of its own: one
# default-titled LoadImage gives ``image``, as long as no other input claims the name.
BARE_FIELDS = frozenset(
    {"image", "video", "audio", "text", "prompt", "file", "path", "filename", "string"}
)
MEDIA_KINDS = frozenset({"image", "video", "audio"})
# Mixed-case acronyms kept whole (a camelCase split would give ``lo_ra``), with plurals.
WHOLE_WORDS = ("LoRA", "DoRA", "LyCORIS", "LoCon", "LoHa", "LoKr", "PuLID", "MiDaS", "ReActor")
_WHOLE = re.compile("(?:" + "|".join(WHOLE_WORDS) + ")s?(?![a-z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# camelCase boundaries: "loadImage" -> load|Image, "CLIPText" -> CLIP|Text, "SD3Latent" ->
# SD3|Latent; a single capital before a word stays with it ("KSampler" -> ksampler).
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Z][a-z])")


_PLAIN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    """ASCII snake_case: ``"Positive Prompt (SDXL)"`` -> ``positive_prompt_sdxl``."""
    if _PLAIN.fullmatch(text):  # most field names already are: "seed", "batch_size"
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _WHOLE.sub(lambda m: f" {m.group().lower()} ", ascii_text)
    return _NON_WORD.sub("_", _CAMEL.sub("_", words).lower()).strip("_")


@lru_cache(maxsize=4096)
def title_slug(text: str) -> str:
    """The title's slug, or "" when folding to ASCII loses most of it (CJK titles)."""
    folded = slug(text)
    letters = sum(ch.isalnum() for ch in text)
    kept = sum(ch.isalnum() for ch in folded)
    return folded if letters and kept * 2 >= letters else ""


def shorten(name: str, limit: int = MAX_NAME) -> str:
    """``name`` cut to ``limit`` characters at a word boundary (``_``) when there is one."""
    if len(name) <= limit:
        return name
    head = name[:limit]
    if name[limit] != "_":
        cut = head.rfind("_")
        if cut > 0:
            head = head[:cut]
    return head.rstrip("_") or head


def as_identifier(text: str, limit: int = MAX_NAME) -> str:
    """Make ``text`` (already a slug) a safe identifier of at most ``limit`` characters: no
    leading digit (``n_`` is put in front), no keyword or reserved word (``_`` is appended)."""
    name = text or "input"
    if name[0].isdigit():
        name = "n_" + name
    name = shorten(name, limit)
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
    kind: str | None = None  # the input's kind: a generic media field is named by its kind


def candidates(req: NameRequest) -> tuple[str, ...]:
    """Preferred names, best first; the last one is unique by construction."""
    return _candidates(req)[0]


def _candidates(req: NameRequest) -> tuple[tuple[str, ...], int]:
    """The candidates, and the index of the bare field name among them (-1: none).

    A bare field name (``image``) is a weak claim: in a clash with one other claim (a custom
    title, say) it is the bare name that moves on.
    """
    field = slug(req.field) or "value"
    title = title_slug(req.title)
    default_title = not title or title in (slug(req.class_type), slug(req.display_name or ""))
    owner = title or slug(req.display_name or "") or slug(req.class_type) or "node"
    out: list[str] = []
    bare = -1
    if req.role and field in GENERIC_FIELDS:
        out.append(f"{req.role}_prompt")
    elif default_title and field in GENERIC_FIELDS and req.kind in MEDIA_KINDS:
        bare = len(out)
        out.append(req.kind)  # LoadVideo's "file" is a video
    elif default_title and field in BARE_FIELDS:
        bare = len(out)
        out.append(field)
    if not default_title and field in GENERIC_FIELDS:
        out.append(title)
    if field not in GENERIC_FIELDS:
        out.append(field)
    tail = field if owner == field else f"{owner}_{field}"
    out.append(tail)
    out.append(with_node_id(tail, req.node_id))
    return tuple(as_identifier(c) for c in out), bare


def with_node_id(name: str, node_id: str) -> str:
    """``name_<node id>``, the name cut (at a word boundary) so that the id always fits."""
    if name[0].isdigit():
        name = "n_" + name
    suffix = shorten(slug(node_id) or "node", MAX_NAME // 2)
    return f"{shorten(name, MAX_NAME - len(suffix) - 1)}_{suffix}"


def assign_names(
    requests: Sequence[NameRequest],
    fixed: Iterable[str | None] = (),
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None = None,
) -> list[str]:
    """One unique identifier per request. ``fixed[i]`` (if given) is kept as is.

    Every request starts at its best candidate; while names clash, the clashing requests move
    to their next candidate (a bare field name gives way to a single stronger claim).
    Candidate lists are built only for requests that clash. ``candidates_of`` replaces
    :func:`candidates` (AI apps rank their names differently).
    """
    options_of = _candidates if candidates_of is None else (lambda r: (candidates_of(r), -1))
    first_of = first_candidate if candidates_of is None else (lambda r: candidates_of(r)[0])
    fixed_list = list(fixed)
    kept = fixed_list + [None] * (len(requests) - len(fixed_list))
    taken = {n for n in kept if n}
    options: dict[int, tuple[tuple[str, ...], int]] = {}
    level = [0] * len(requests)
    names = [k if k else first_of(r) for k, r in zip(kept, requests, strict=True)]
    while True:
        counts = Counter(names)
        clash = [
            i for i, name in enumerate(names) if not kept[i] and (counts[name] > 1 or name in taken)
        ]
        for i in clash:
            if i not in options:
                options[i] = options_of(requests[i])
        weak = {i for i in clash if options[i][1] == level[i]}
        if weak:  # a name held by one strong claim and weak ones: only the weak ones move
            strong = Counter(names[i] for i in clash if i not in weak)
            clash = [i for i in clash if i in weak or strong[names[i]] > 1 or names[i] in taken]
        moved = False
        for i in clash:
            opts = options[i][0]
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
            number = f"_{n}"
            name = shorten(base, MAX_NAME - len(number)) + number
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
