"""Suggestions for a mistyped node, field or choice (difflib), and where a linked value lives.

Only called on the error path, so plain difflib is fine here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rhconfig.profile import ProfileNode

_LITERAL_NAMES = ("value", "text", "string", "int", "float", "number", "seed", "boolean")


def closest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Candidates most like ``word`` (case-insensitively), best first; exact case-folds win."""
    pool = list(dict.fromkeys(candidates))
    folded: dict[str, str] = {}
    for c in pool:
        folded.setdefault(c.casefold(), c)
    key = word.casefold()
    if key in folded:
        return [folded[key]]
    picks = difflib.get_close_matches(key, list(folded), n=n, cutoff=cutoff)
    return [folded[p] for p in picks]


def ranked(word: str, candidates: Sequence[str]) -> list[str]:
    """Every candidate, the closest to ``word`` first (ties keep their order)."""
    key = word.casefold()
    matcher = difflib.SequenceMatcher(b=key, autojunk=False)

    def score(c: str) -> float:
        matcher.set_seq1(c.casefold())
        return matcher.ratio()

    return sorted(candidates, key=lambda c: -score(c))


def closest_choices(value: Any, choices: Sequence[Any], n: int = 3) -> list[Any]:
    """The choices nearest to a wrong value (a choice equal to its text first); may be empty."""
    as_text = {str(c): c for c in choices}
    text = value if isinstance(value, str) else str(value) if value is not None else ""
    if text in as_text:
        return [as_text[text]]
    picks = closest(text, list(as_text), n=n, cutoff=0.4) if text else []
    return [as_text[p] for p in picks]


def node_label(node: ProfileNode | None, node_id: str, title_limit: int = 40) -> str:
    """``node 6 'Positive'`` (or just ``node 6`` when unknown)."""
    from rhconfig.check.findings import short_title

    if node is None:
        return f"node {node_id}"
    return f"node {node_id} '{short_title(node.title, title_limit)}'"


def suggest_nodes(word: str, nodes: Mapping[str, ProfileNode]) -> str:
    """``did you mean node 6 'Positive'?`` from the closest ids and titles."""
    ids = closest(word, nodes, n=2, cutoff=0.6)
    titles: dict[str, str] = {}
    for nid, node in nodes.items():
        titles.setdefault(node.title, nid)
    by_title = [titles[t] for t in closest(word, titles, n=2, cutoff=0.6)]
    picks = list(dict.fromkeys(by_title + ids))[:3]
    if not picks:
        return f"the workflow's nodes are {_some(list(nodes))}"
    return "did you mean " + " or ".join(node_label(nodes[p], p) for p in picks) + "?"


def suggest_fields(field: str, literal: Sequence[str], linked: Sequence[str]) -> str:
    """The node's fields, closest first; linked ones marked."""
    if not literal and not linked:
        return "this node has no inputs"
    names = ranked(field, [*literal, *linked])
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
