"""Suggestions for a mistyped node, field or choice (difflib), and where a linked value lives.

Only called on the error path; difflib results are memoised so repeated mistakes stay cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from rhconfig.profile import ProfileNode

_LITERAL_NAMES = ("value", "text", "string", "int", "float", "number", "seed", "boolean")


# Matching is done on at most this many characters of the word: difflib is quadratic.
_WORD_LIMIT = 120
# Above this many candidates, suggestions come from sorted neighbours instead of difflib.
_DIFFLIB_LIMIT = 60
# When no sorted neighbour fits, difflib runs over at most this many names of a similar length.
_FALLBACK_LIMIT = 2000


@lru_cache(maxsize=4096)
def _closest(word: str, candidates: tuple[str, ...], n: int, cutoff: float) -> tuple[str, ...]:
    import difflib  # error path only: a check that passes never imports it

    folded: dict[str, str] = {}
    for c in candidates:
        folded.setdefault(c.casefold(), c)
    key = word.casefold()
    if key in folded:
        return (folded[key],)
    if len(folded) > _DIFFLIB_LIMIT:
        near = [c for c in _neighbours(key, sorted(folded), n * 3) if _alike(key, c, cutoff)]
        if not near:  # the mistake is at the start: difflib over the names of a similar length
            slack = len(key) // 3 + 1
            pool = [c for c in folded if abs(len(c) - len(key)) <= slack]
            near = difflib.get_close_matches(key, pool[:_FALLBACK_LIMIT], n=n, cutoff=cutoff)
        return tuple(folded[p] for p in near[:n])
    picks = difflib.get_close_matches(key, list(folded), n=n, cutoff=cutoff)
    return tuple(folded[p] for p in picks)


def _alike(key: str, candidate: str, cutoff: float) -> bool:
    """A neighbour is offered only when it is also like the word as a whole (difflib's ratio), or
    the word extends it: a shared first letter alone ("Foo" -> "FreeU") is no suggestion."""
    if key.startswith(candidate) or candidate.startswith(key):
        return True
    import difflib

    return difflib.SequenceMatcher(None, key, candidate).ratio() >= cutoff


def _neighbours(key: str, ordered: list[str], n: int) -> list[str]:
    """For long candidate lists (difflib would take milliseconds): the candidates sharing the
    longest prefix with ``key``, found around its place in sorted order."""
    import bisect  # error path only, as difflib

    at = bisect.bisect_left(ordered, key)
    window = ordered[max(0, at - 12): at + 12]

    def shared(c: str) -> int:
        return len(os.path.commonprefix([c, key]))

    best = max((shared(c) for c in window), default=0)
    if best < max(1, min(3, len(key) // 2)):
        return []
    def rank(c: str) -> tuple[int, bool, int]:
        # longest shared prefix, then a candidate the word starts with, then the closest length
        return (-shared(c), not key.startswith(c), abs(len(c) - len(key)))

    return sorted(window, key=rank)[:n]


def closest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Candidates most like ``word`` (case-insensitively), best first; exact case-folds win.

    Results are memoised (bounded), so a repeated mistake costs a lookup.
    """
    pool = candidates if isinstance(candidates, tuple) else tuple(candidates)
    return list(_closest(word[:_WORD_LIMIT], pool, n, cutoff))


def clear_caches() -> None:
    """Forget memoised suggestions (for benchmarks and tests)."""
    _closest.cache_clear()


def ranked(word: str, candidates: Sequence[str], best: int = 5) -> list[str]:
    """Every candidate: the ``best`` closest to ``word`` first, then the rest in their order."""
    near = closest(word, candidates, n=best, cutoff=0.5)
    return near + [c for c in candidates if c not in near]


def closest_choices(value: Any, texts: tuple[str, ...], by_text: Mapping[str, Any],
                    n: int = 3) -> list[Any]:
    """The choices nearest to a wrong value (a choice equal to its text first); may be empty.

    ``texts`` are the choices as strings, ``by_text`` maps them back to the choices.
    """
    text = value if isinstance(value, str) else "" if value is None else _text(value)
    if text in by_text:
        return [by_text[text]]
    picks = closest(text, texts, n=n, cutoff=0.4) if text else []
    return [by_text[p] for p in picks]


def _text(value: Any) -> str:
    try:
        return str(value)[:_WORD_LIMIT]
    except ValueError:  # an int beyond the str conversion limit
        return ""


def node_label(node: ProfileNode | None, node_id: str, title_limit: int = 40) -> str:
    """``node 6 'Positive'`` (or just ``node 6`` when unknown)."""
    from rhconfig.check.findings import short_title

    if node is None:
        return f"node {node_id}"
    return f"node {node_id} '{short_title(node.title, title_limit)}'"


def suggest_nodes(word: str, ids: tuple[str, ...], titles: Mapping[str, str],
                  labels: Mapping[str, str]) -> str:
    """``did you mean node 6 'Positive'?`` from the closest ids and titles.

    ``titles`` maps each title to the first node bearing it; ``labels`` ids to node labels.
    """
    near_ids = closest(word, ids, n=2, cutoff=0.6)
    by_title = [titles[t] for t in closest(word, tuple(titles), n=2, cutoff=0.6)]
    picks = list(dict.fromkeys(by_title + near_ids))[:3]
    if not picks:
        return f"the workflow's nodes are {_some(list(ids))}"
    return "did you mean " + " or ".join(labels[p] for p in picks) + "?"


def suggest_fields(field: str, literal: Sequence[str], linked: Sequence[str]) -> str:
    """The node's fields, closest first; linked ones marked."""
    if not literal and not linked:
        return "this node has no inputs"
    names = ranked(field, (*literal, *linked))
    marks = [f"{n} (linked)" if n in linked and n not in literal else n for n in names]
    return "its fields are: " + ", ".join(marks[:12]) + (", ..." if len(marks) > 12 else "")


def source_widget(
    nodes: Mapping[str, ProfileNode],
    literal: Mapping[str, Sequence[str]],
    node_id: str,
    field: str,
) -> tuple[str, str] | None:
    """Follow the link feeding ``node_id.field`` upstream to the literal widget holding the value
    (a Primitive's ``value``, a String node's ``string``...), through reroutes.

    Returns ``(source_id, widget)``; ``widget`` is ``""`` when the source has several literal
    inputs and none is the obvious one; ``None`` when the value is computed from other links.
    """
    seen: set[str] = set()
    node = nodes.get(node_id)
    link = node.links.get(field) if node else None
    while link is not None and link[0] not in seen:
        source_id = link[0]
        seen.add(source_id)
        source = nodes.get(source_id)
        if source is None:
            return None
        widgets = literal.get(source_id, ())
        if widgets:
            if field in widgets:
                return source_id, field
            for name in _LITERAL_NAMES:
                if name in widgets:
                    return source_id, name
            return (source_id, widgets[0]) if len(widgets) == 1 else (source_id, "")
        if len(source.links) != 1:
            return None  # computed from several inputs: no single widget holds the value
        link = next(iter(source.links.values()))  # a reroute: one linked input, keep going
    return None


def linked_hint(
    nodes: Mapping[str, ProfileNode],
    literal: Mapping[str, Sequence[str]],
    node_id: str,
    field: str,
) -> str:
    """Where to set the value of a linked input instead."""
    node = nodes.get(node_id)
    link = node.links.get(field) if node else None
    if link is None:
        return ""
    found = source_widget(nodes, literal, node_id, field)
    if found is None:
        feeder = node_label(nodes.get(link[0]), link[0])
        return f"its value is computed by {feeder}: change that node's inputs instead"
    source_id, widget = found
    label = node_label(nodes.get(source_id), source_id)
    if not widget:
        fields = ", ".join(literal.get(source_id, ()))
        return f"its value comes from {label}: set one of its fields ({fields}) instead"
    return f"set {label} field '{widget}' instead: it feeds this input"


def _some(items: list[str], n: int = 10) -> str:
    return ", ".join(items[:n]) + (", ..." if len(items) > n else "")
