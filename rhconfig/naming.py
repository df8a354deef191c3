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
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import compress, repeat
from operator import gt
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
# Words a name may not be: Python's keywords (soft ones too) and the wrappers' own parameters.
_UNSAFE = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | RESERVED
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
# SD3|Latent; a single capital before a word stays with it ("KSampler" -> ksampler). Each
# boundary is before a capital, so that is looked for first (the lookbehinds cost more).
_CAMEL = re.compile(
    r"(?=[A-Z])(?:(?<=[a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Z][a-z]))"
)


_PLAIN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_WORDS = re.compile(r"[A-Za-z0-9]+").findall
# A plain slug that is also a short enough identifier: slug() and as_identifier() leave it as
# it is (unless it is a keyword or reserved).
_SAFE_FIELD = re.compile(rf"(?=[a-z0-9_]{{1,{MAX_NAME}}}\Z)[a-z][a-z0-9]*(?:_[a-z0-9]+)*").fullmatch


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    """ASCII snake_case: ``"Positive Prompt (SDXL)"`` -> ``positive_prompt_sdxl``."""
    if _PLAIN.fullmatch(text):  # most field names already are: "seed", "batch_size"
        return text
    if text.isascii():
        ascii_text = text
    else:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _WORDS(ascii_text)
    for word in words:
        if not (word.islower() or word.isupper() or word.isdigit()
                or (word[0].isupper() and word[1:].islower())):
            return _slug_words(ascii_text)
    # Every word is lower case, upper case or capitalised ("CLIP Text Encode"): no camelCase
    # boundary and no mixed-case acronym (LoRA) inside one, so the costly rules have nothing
    # to do (a property test checks that the answer is theirs).
    return "_".join(words).lower()


def _slug_words(ascii_text: str) -> str:
    """:func:`slug` of ASCII text, acronyms kept whole and camelCase split."""
    words = _WHOLE.sub(lambda m: f" {m.group().lower()} ", ascii_text)
    return _NON_WORD.sub("_", _CAMEL.sub("_", words).lower()).strip("_")


@lru_cache(maxsize=4096)
def title_slug(text: str) -> str:
    """The title's slug, or "" when folding to ASCII loses most of it (CJK titles)."""
    folded = slug(text)
    if text.isascii():  # folding keeps every ASCII letter and digit
        return folded
    letters = sum(map(str.isalnum, text))
    kept = len(folded) - folded.count("_")  # a slug's other characters are [a-z0-9]
    return folded if letters and kept * 2 >= letters else ""


def title_slugs(texts: Iterable[str]) -> dict[str, str]:
    """:func:`title_slug` of each text (a catalog's class types and display names, made once
    when the catalog is read: the titles most nodes have).

    The ASCII ones are slugged together, each rule run once over all of them joined by line
    breaks: no rule looks past a word, so each line comes out as :func:`_slug_words` of it,
    which is its slug (and, for ASCII text, its title slug).
    """
    out: dict[str, str] = {}
    lines = []
    for text in texts:
        if text.isascii() and "\n" not in text:
            lines.append(text)
        else:
            out[text] = title_slug.__wrapped__(text)
    if lines:
        words = _WHOLE.sub(lambda m: f" {m.group().lower()} ", "\n".join(lines))
        joined = _NON_WORD_LINES.sub("_", _CAMEL.sub("_", words).lower())
        out.update(zip(lines, [line.strip("_") for line in joined.split("\n")], strict=True))
    return out


_NON_WORD_LINES = re.compile(r"[^a-z0-9\n]+")  # _NON_WORD, line breaks kept


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
    if len(name) > limit:
        name = shorten(name, limit)
    if name in _UNSAFE:
        name += "_"
    return name


def is_valid_name(name: str) -> bool:
    return bool(IDENTIFIER.match(name)) and not keyword.iskeyword(name) and name not in RESERVED


def clear_caches() -> None:
    """Forget memoised slugs (benchmarks call this to measure a cold scan)."""
    slug.cache_clear()
    title_slug.cache_clear()
    _owner.cache_clear()


class NameRequest(NamedTuple):
    node_id: str
    field: str
    title: str
    class_type: str
    display_name: str | None = None
    role: str | None = None  # "positive"/"negative" when the node feeds only that input
    kind: str | None = None  # the input's kind: a generic media field is named by its kind
    # title_slug(title) when it is known beforehand (a catalog's class types and display names,
    # the usual titles, are slugged once when the catalog is read: see title_slugs)
    title_slug: str | None = None


# A request as a plain tuple of NameRequest's fields (the scan builds one per literal input).
Request = tuple[str, str, str, str, str | None, str | None, str | None, str | None]
# The candidates that do not depend on the node id, the index of the bare field name among them
# (-1: none), and the name the node id is put after for the last candidate.
_Shared = tuple[tuple[str, ...], int, str]
# A clashing request's candidates: all but the last, the bare one's index, and what the last
# one is made of (tail and node id; it is made only if the request gets that far).
_Options = tuple[tuple[str, ...], int, tuple[str, str] | None]


def candidates(req: Request) -> tuple[str, ...]:
    """Preferred names, best first; the last one is unique by construction."""
    return _candidates(req, {})[0]


def _candidates(
    req: Request, memo: dict[tuple[object, ...], _Shared]
) -> tuple[tuple[str, ...], int]:
    """The candidates, and the index of the bare field name among them (-1: none).

    A bare field name (``image``) is a weak claim: in a clash with one other claim (a custom
    title, say) it is the bare name that moves on. ``memo`` keeps the part that does not
    depend on the node id, for the other requests of one call.
    """
    head, bare, tail = _shared_of(req, memo)
    return (*head, _last_candidate(tail, req[0])), bare


def _shared_of(req: Request, memo: dict[tuple[object, ...], _Shared]) -> _Shared:
    key = req[1:]
    shared = memo.get(key)
    if shared is None:
        shared = memo[key] = _shared_candidates(req)
    return shared


def _last_candidate(tail: str, node_id: str) -> str:
    """The candidate that is unique by construction: the node id put after ``tail``."""
    if (
        node_id.isdigit() and node_id.isascii() and len(node_id) <= MAX_NAME // 2
        and len(tail) + len(node_id) < MAX_NAME and not tail[0].isdigit()
    ):  # the usual case: nothing to cut, nothing to escape
        return f"{tail}_{node_id}"
    return as_identifier(with_node_id(tail, node_id))


@lru_cache(maxsize=4096)
def _owner(
    title_text: str, class_type: str, display_name: str | None, known: str | None = None
) -> tuple[str, bool, str]:
    """A node's title slug, whether the title is the default one, and the word that names the
    node's inputs (the same for every input of the node).

    The title is the default one when its slug is the display name's or the class type's.
    Slugs are costly, so the usual cases are settled without them: a title that *is* the
    display name or the class type, and a title whose letters and digits differ from theirs
    (a slug keeps every ASCII letter and digit, lower-cased, in order; see :func:`_may_slug_to`).
    ``known`` is the title's slug when the request knows it.
    """
    title = title_slug(title_text) if known is None else known
    if title and (title_text == class_type or title_text == display_name):
        return title, True, title
    if not title:
        display = slug(display_name) if display_name else ""
        return title, True, display or slug(class_type) or "node"
    letters = title.replace("_", "")
    default_title = (
        display_name is not None and _may_slug_to(display_name, letters)
        and title == slug(display_name)
    ) or (_may_slug_to(class_type, letters) and title == slug(class_type))
    return title, default_title, title


def _may_slug_to(text: str, letters: str) -> bool:
    """False only when ``slug(text)`` can not be a slug whose letters and digits are
    ``letters``. Folding to ASCII keeps each ASCII character of ``text`` and the slug each
    ASCII letter and digit, lower-cased and in order: for ASCII text those are all of them,
    for other text a part that may not be longer than ``letters``."""
    if text.isascii():
        low = text.lower()
        return (low if low.isalnum() else "".join(filter(str.isalnum, low))) == letters
    return sum(map(str.isalnum, text.encode("ascii", "ignore").decode("ascii"))) <= len(letters)


def _shared_candidates(req: Request) -> _Shared:
    _, field_name, title_text, class_type, display_name, role, kind, known = req
    field = slug(field_name) or "value"
    title, default_title, owner = _owner(title_text, class_type, display_name, known)
    tail = field if owner == field else f"{owner}_{field}"
    if field not in GENERIC_FIELDS:  # the usual clash: the field, then its node's field
        return (_identifier(field), _identifier(tail)), -1, tail
    # a role's prompt, a media kind and a bare field are identifiers already; slugs may not be
    out: list[str] = []
    bare = -1
    if role:
        out.append(f"{role}_prompt")
    elif default_title and kind in MEDIA_KINDS:
        bare = 0
        out.append(kind)  # LoadVideo's "file" is a video
    elif default_title and field in BARE_FIELDS:
        bare = 0
        out.append(field)
    if not default_title:
        out.append(_identifier(title))
    out.append(_identifier(tail))
    return tuple(out), bare, tail


def _bare_name(req: Request, field: str) -> str | None:
    """The first of :func:`_shared_candidates` for a generic ``field`` (``slug`` of the
    request's field) when it needs no slug of the title: a role's prompt, or the bare kind or
    field of a node whose title is its class type or display name (a default title, whatever
    its slug). None: work it out in full."""
    _, _, title_text, class_type, display_name, role, kind, _ = req
    if role:
        return f"{role}_prompt"
    if title_text == class_type or title_text == display_name:
        if kind in MEDIA_KINDS:
            return kind
        if field in BARE_FIELDS:
            return field
    return None


def _identifier(candidate: str) -> str:
    """:func:`as_identifier` of a candidate. Candidates are slugs (``[a-z0-9]`` words joined
    by single underscores), so a short one that starts with a letter is already one unless it
    is a keyword or reserved."""
    if candidate[0] >= "a" and len(candidate) <= MAX_NAME and candidate not in _UNSAFE:
        return candidate
    return as_identifier(candidate)


def with_node_id(name: str, node_id: str) -> str:
    """``name_<node id>``, the name cut (at a word boundary) so that the id always fits."""
    if name[0].isdigit():
        name = "n_" + name
    suffix = shorten(slug(node_id) or "node", MAX_NAME // 2)
    return f"{shorten(name, MAX_NAME - len(suffix) - 1)}_{suffix}"


def assign_names(
    requests: Sequence[Request],
    fixed: Iterable[str | None] = (),
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None = None,
) -> list[str]:
    """One unique identifier per request. ``fixed[i]`` (if given) is kept as is.

    Every request starts at its best candidate; while names clash, the clashing requests move
    to their next candidate (a bare field name gives way to a single stronger claim).
    Candidate lists are built only for requests that clash. ``candidates_of`` replaces
    :func:`candidates` (AI apps rank their names differently). A request is a
    :class:`NameRequest` or a plain tuple of its fields.
    """
    return resolve_names([r[1] for r in requests], requests.__getitem__, fixed, candidates_of)


def resolve_names(
    fields: Sequence[str],
    request_of: Callable[[int], Request],
    fixed: Iterable[str | None] = (),
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None = None,
    own: AbstractSet[str] = frozenset(),
) -> list[str]:
    """:func:`assign_names` for requests made on demand: ``fields[i]`` is request i's field
    and ``request_of(i)`` the whole request, asked for only when the field alone does not give
    the name (a scan builds its requests this way: most are never needed). ``own`` holds
    fields known to be their own names (:func:`own_names` of a catalog's fields): only the
    others are looked at."""
    memo: dict[tuple[object, ...], _Shared] = {}
    asked: dict[int, Request] = {}  # the requests asked for so far, by index
    count = len(fields)
    fixed_list = list(fixed)
    kept: list[str | None] = (
        fixed_list + [None] * (count - len(fixed_list)) if any(fixed_list) else []
    )
    names = _first_names(fields, request_of, kept, candidates_of, memo, own, asked)
    if not kept and len(set(names)) == count:
        return names  # no clash and nothing kept: the usual graph
    return _settle(names, kept, request_of, candidates_of, memo, own, asked)


def _held_more_than_once(counts: Counter[str]) -> set[str]:
    """The names ``counts`` counts more than once, told in C (``operator.gt`` is called faster
    than a bound method)."""
    return set(compress(counts, map(gt, counts.values(), repeat(1))))


def _settle(
    names: list[str],
    kept: Sequence[str | None],
    request_of: Callable[[int], Request],
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None,
    memo: dict[tuple[object, ...], _Shared],
    own: AbstractSet[str],
    asked: dict[int, Request],
) -> list[str]:
    """Move clashing requests along their candidates until the names are unique (the rounds
    of :func:`assign_names`), then number what still clashes. ``kept`` holds each request's
    kept name (None: none), or is empty when no name is kept."""
    count = len(names)
    taken = {n for n in kept if n} if kept else set()  # kept may be empty: none
    options: dict[int, _Options] = {}
    any_bare = False  # whether a request has a bare candidate (a weak claim) among its options
    level = [0] * count
    # How many requests hold each name; the names held more than once (and the kept ones) are
    # the ones that move. Found with loops in C (compress, map over bound methods): a graph can
    # have hundreds of inputs and only a few clashes.
    counts = Counter(names)
    moving = _held_more_than_once(counts)
    while True:
        if taken:
            moving |= taken
        clash = list(compress(range(count), map(moving.__contains__, names)))
        if taken:
            clash = [i for i in clash if not kept[i]]
        if not clash:
            break
        if _add_options([i for i in clash if i not in options], options, request_of,
                        candidates_of, memo, own, asked):
            any_bare = True
        weak = {i for i in clash if options[i][1] == level[i]} if any_bare else None
        if weak:  # a name held by one strong claim and weak ones: only the weak ones move
            strong: dict[str, int] = {}
            for i in clash:
                if i not in weak:
                    name = names[i]
                    strong[name] = strong.get(name, 0) + 1
            clash = [i for i in clash
                     if i in weak or strong.get(names[i], 0) > 1 or names[i] in taken]
        # Few moves among many names (a large graph's usual round) keep the counts up to date
        # as they go; otherwise the names are counted afresh, in C, after the moves.
        few = len(clash) * 16 < count
        counts_get = counts.get
        moved = False
        for i in clash:
            head, _, last = options[i]
            step = level[i] + 1
            if step < len(head):
                name = head[step]
            elif last is not None and step == len(head):
                name = _last_candidate(*last)
            else:
                continue
            if few:
                counts[names[i]] -= 1
                counts[name] = counts_get(name, 0) + 1
            names[i] = name
            level[i] = step
            moved = True
        if not moved:
            break
        if few:
            # a name held twice now is held by a request of this round: the others kept
            # theirs, which no other held (or which were kept)
            moving = {name for name in map(names.__getitem__, clash) if counts[name] > 1}
            if not moving and not taken:
                return names  # the moves left no clash
        elif not taken and len(set(names)) == count:
            return names  # the usual last round: the moves left no clash
        else:
            counts = Counter(names)
            moving = _held_more_than_once(counts)
    if len(set(names)) == count:
        return names
    # Last resort (fields that slug alike on one node): number the rest.
    seen: set[str] = set()
    for i, name in enumerate(names):
        base, n = name, 2
        while name in seen or (name in taken and not kept[i]):
            number = f"_{n}"
            name = shorten(base, MAX_NAME - len(number)) + number
            n += 1
        names[i] = name
        seen.add(name)
    return names


def _add_options(
    new: Iterable[int],
    options: dict[int, _Options],
    request_of: Callable[[int], Request],
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None,
    memo: dict[tuple[object, ...], _Shared],
    own: AbstractSet[str],
    asked: dict[int, Request],
) -> bool:
    """The candidates of the requests ``new`` that clash for the first time, into ``options``
    (one call per round; :func:`_shared_of` inlined: a clash-heavy graph asks this often).
    ``asked`` holds the requests asked for before (a generic field's, to name it first).
    True when one of them has a bare candidate."""
    if candidates_of is not None:
        for i in new:
            options[i] = candidates_of(NameRequest._make(request_of(i))), -1, None
        return False
    bare = False
    for i in new:
        req = asked.get(i) or request_of(i)
        field = req[1]
        plain = field in own  # its own slug and identifier
        if not plain:
            field = slug(field) or "value"
        if plain or field not in GENERIC_FIELDS:
            # the usual clash: :func:`_shared_candidates`' first case, inlined and without the
            # memo (slug and _owner keep their own)
            owner = _owner(req[2], req[3], req[4], req[7])[2]
            tail = field if owner == field else f"{owner}_{field}"
            options[i] = (field if plain else _identifier(field), _identifier(tail)), -1, (
                tail, req[0])
            continue
        key = req[1:]
        shared = memo.get(key)
        if shared is None:
            shared = memo[key] = _shared_candidates(req)
        options[i] = shared[0], shared[1], (shared[2], req[0])
        if shared[1] >= 0:
            bare = True
    return bare


# Fields that are not their own names even when they are plain identifiers.
_NOT_OWN = GENERIC_FIELDS | _UNSAFE
# The lines of a text that are plain snake_case identifiers of at most MAX_NAME characters
# (:data:`_SAFE_FIELD`, one line each): one C call finds them among all of a graph's fields.
_SAFE_LINES = re.compile(
    rf"^(?=[a-z0-9_]{{1,{MAX_NAME}}}$)[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", re.MULTILINE
).findall


def own_names(fields: Iterable[str]) -> frozenset[str]:
    """The ``fields`` that are their own names whatever their node: plain snake_case
    identifiers (:data:`_SAFE_FIELD`) that are not generic, keywords or reserved. Found once
    for a catalog's fields when it is read, so that a scan looks only at the others."""
    unique = set(fields)
    return frozenset(unique.intersection(_SAFE_LINES("\n".join(unique)))) - _NOT_OWN


def _all_plain(joined: str, unique: set[str]) -> bool:
    """True when every line of ``joined`` (the fields ``unique``, one per line) matches
    :data:`_SAFE_LINES`: ASCII lower-case letters, digits and single inner underscores,
    starting with a letter, at most MAX_NAME long. Several C-speed string methods over the
    whole text cost less than the regex's walk through it (a graph can have hundreds of
    fields); False may also mean "look closer" (a field of digits only)."""
    flat = joined.replace("\n", "").replace("_", "")
    return (
        flat.isascii() and flat.isalnum() and flat.islower()
        and joined.count("\n") == len(unique) - 1  # no field holds a line break
        and joined[:1].isalpha() and not _LINE_START_NOT_LETTER(joined)
        and "__" not in joined and "_\n" not in joined
        and not joined.endswith(("_", "\n"))
        and (len(joined) <= MAX_NAME or max(map(len, unique)) <= MAX_NAME)
    )


_LINE_START_NOT_LETTER = re.compile("\n[^a-z]").search


def _first_names(
    fields: Sequence[str],
    request_of: Callable[[int], Request],
    kept: Sequence[str | None],
    candidates_of: Callable[[NameRequest], tuple[str, ...]] | None,
    memo: dict[tuple[object, ...], _Shared],
    own: AbstractSet[str],
    asked: dict[int, Request],
) -> list[str]:
    """Each request's kept name (``kept`` may be empty: none), else its best candidate. A
    field that is not generic names itself whatever its node, so its name is worked out once
    per field; a field in ``own`` is known to name itself."""
    if candidates_of is not None:
        return [k if k else candidates_of(NameRequest._make(request_of(i)))[0]
                for i, k in enumerate(kept or [None] * len(fields))]
    names = list(fields)
    unique = set(fields).difference(own)
    # Fields that are already snake_case identifiers (most) are their own names: found with
    # string methods over all of them at once (or, when one is not, one regex) and set
    # operations, so that only the others are looked at. (A field holding a line break yields
    # lines that are not fields: they only ever leave ``todo``, where they never were.)
    todo = unique & _NOT_OWN
    unique -= todo
    if unique:
        joined = "\n".join(unique)
        if not _all_plain(joined, unique):
            todo |= unique.difference(_SAFE_LINES(joined))
    if todo:
        by_field: dict[str, str] = {}
        for i in compress(range(len(fields)), map(todo.__contains__, fields)):
            field_name = fields[i]
            name = by_field.get(field_name)
            if name is None:
                # a generic field is a slug already (and most of the fields asked about here)
                field = field_name if field_name in GENERIC_FIELDS else slug(field_name) or "value"
                if field in GENERIC_FIELDS:
                    req = asked[i] = request_of(i)
                    name = _bare_name(req, field) or _shared_of(req, memo)[0][0]
                else:
                    name = by_field[field_name] = as_identifier(field)
            names[i] = name
    if kept:
        for i, k in enumerate(kept):
            if k:
                names[i] = k
    return names


def first_candidate(req: Request) -> str:
    """The best name for ``req``, cheap to compute (the common case: no clash)."""
    field = slug(req[1]) or "value"
    role = req[5]
    if role and field in GENERIC_FIELDS:
        return as_identifier(f"{role}_prompt")
    if field not in GENERIC_FIELDS:
        return as_identifier(field)
    return candidates(req)[0]
