"""From a parsed workflow graph and a catalog to a :class:`~rhconfig.profile.Profile`.

The workflow side of building a profile (an AI app's is :mod:`rhconfig.app`): classify each
literal input (:mod:`rhconfig.classify`), name it (:mod:`rhconfig.naming`) and record each
node's links. Pure. Kept apart from the model in :mod:`rhconfig.profile`, so that commands that
only read profiles (``check``, ``run``, generated modules) do not import the builders.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from itertools import compress
from operator import itemgetter, ne
from typing import Any

from rhconfig.catalog import Catalog
from rhconfig.classify import apply_rule, class_rules
from rhconfig.graph import Graph
from rhconfig.naming import Request, resolve_names
from rhconfig.profile import Profile, ProfileInput, ProfileNode, Source

_NO_SPECS: Mapping[str, Any] = {}
# ProfileInput and ProfileNode from a row of all their fields: tuple.__new__ without the Python
# frame of the named tuples' own constructors. The rows are built below, in field order.
_profile_input = partial(tuple.__new__, ProfileInput)
_profile_node = partial(tuple.__new__, ProfileNode)
_FIELD = itemgetter(2)  # ProfileInput.field, read in C
# the types of JSON's scalar values (a dict or list value is JSON to any rule)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def build_profile(
    graph: Graph,
    catalog: Catalog,
    workflow_id: str,
    *,
    source_kind: str = "file",
    graph_sha256: str,
    keep_names: Mapping[tuple[str, str], str] | None = None,
) -> Profile:
    """One :class:`ProfileInput` per literal input, in graph order; names derived last.

    This runs once per literal input of every scan, so it joins plain tuples: each input is
    made once, as ``(field, node_id, field, class_type, title, value)`` followed by what
    :func:`~rhconfig.classify.classify_fields` found (ProfileInput's field order), named after
    its field; the few that :func:`~rhconfig.naming.resolve_names` names otherwise are remade.
    """
    found: list[ProfileInput] = []
    nodes: dict[str, ProfileNode] = {}
    fed: dict[str, str] = {}  # node id -> the input its outputs feed ("": more than one name)
    classes, compiled = catalog.classes, catalog.rules
    add_found = found.append
    make, make_node = _profile_input, _profile_node
    for node_id, class_type, title, node_inputs in graph.nodes.values():
        rules = compiled.get(class_type)
        known = rules is not None  # rules are compiled for a catalog's classes only
        if rules is None:  # a class unknown, or a catalog made in code: compiled here, per scan
            entry = classes.get(class_type)
            known = entry is not None
            rules = class_rules(class_type, entry.get("inputs") or _NO_SPECS) if entry else {}
        links: dict[str, tuple[str, int]] = {}
        for name, value in node_inputs.items():
            if type(value) is list and len(value) == 2:  # graph.is_link, inlined (hot path)
                source, index = value
                if type(source) is str and type(index) is int:  # a link
                    links[name] = (source, index)
                    fed[source] = name if fed.get(source, name) == name else ""
                    continue
            # named after its field for now: most inputs are, the others are renamed below
            found_rule = rules.get(name)
            if found_rule is not None and found_rule[4] is not None and type(value) in _SCALARS:
                # a STATIC rule's answer, whatever a scalar value (apply_rule, inlined): the
                # rule holds the end of the row
                add_found(make((name, node_id, name, class_type, title, value) + found_rule[4]))
            else:
                add_found(make((
                    name, node_id, name, class_type, title, value,
                    *apply_rule(found_rule, class_type, name, value, title), None,
                )))
        nodes[node_id] = make_node((node_id, class_type, title, known, links))
    slugs = catalog.title_slugs

    def request_of(i: int) -> Request:  # asked for only where the field alone gives no name
        item = found[i]
        node_id, class_type, title = item[1], item[3], item[4]
        entry = classes.get(class_type)
        display = entry.get("display_name") if entry is not None else None
        feeds = fed.get(node_id)  # the role of a node that feeds only positive (or negative)
        return (node_id, item[2], title, class_type, display,
                feeds if feeds in _ROLES else None, item[6], slugs.get(title))

    keep = keep_names or {}
    fixed = [keep.get((item[1], item[2])) for item in found] if keep else ()
    fields = list(map(_FIELD, found))
    names = resolve_names(fields, request_of, fixed, own=catalog.own_names)
    # the inputs named otherwise than their fields, found in C (they are few), are remade
    for i in compress(range(len(names)), map(ne, names, fields)):
        found[i] = make((names[i], *found[i][1:]))
    return Profile(workflow_id, Source(source_kind, graph_sha256), tuple(found), nodes)


_ROLES = frozenset({"positive", "negative"})
