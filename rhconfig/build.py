"""From a parsed workflow graph and a catalog to a :class:`~rhconfig.profile.Profile`.

The workflow side of building a profile (an AI app's is :mod:`rhconfig.app`): classify each
literal input (:mod:`rhconfig.classify`), name it (:mod:`rhconfig.naming`) and record each
node's links. Pure. Kept apart from the model in :mod:`rhconfig.profile`, so that commands that
only read profiles (``check``, ``run``, generated modules) do not import the builders.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from rhconfig.catalog import Catalog
from rhconfig.classify import classify_fields
from rhconfig.graph import Graph
from rhconfig.naming import Request, assign_names
from rhconfig.profile import Profile, ProfileInput, ProfileNode, Source

_NO_SPECS: Mapping[str, Any] = {}
# ProfileInput from a row of all its fields (tuple.__new__ without _make's Python frame): the
# rows are built just above it, in ProfileInput's field order.
_profile_input = partial(tuple.__new__, ProfileInput)
_NO_APP = (None,)  # ProfileInput.app: workflow inputs have none


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
    ``(node_id, field, class_type, title, value)`` followed by what
    :func:`~rhconfig.classify.classify_fields` found, which is ProfileInput's field order.
    """
    found: list[tuple[Any, ...]] = []
    requests: list[Request] = []
    nodes: dict[str, ProfileNode] = {}
    fed: dict[str, str] = {}  # node id -> the input its outputs feed ("": more than one name)
    classes = catalog.classes
    add_found, add_request = found.append, requests.append
    for node_id, class_type, title, node_inputs in graph.nodes.values():
        entry = classes.get(class_type)
        if entry is not None:
            specs = entry.get("inputs") or _NO_SPECS
            display = entry.get("display_name")
        else:
            specs, display = _NO_SPECS, None
        links: dict[str, tuple[str, int]] = {}
        for name, value in node_inputs.items():
            if (
                type(value) is list
                and len(value) == 2
                and type(value[0]) is str
                and type(value[1]) is int
            ):  # a link: graph.is_link, inlined on the hot path
                source = value[0]
                links[name] = (source, value[1])
                fed[source] = name if fed.get(source, name) == name else ""
                continue
            fields = classify_fields(class_type, name, value, specs.get(name), title)
            add_found((node_id, name, class_type, title, value, *fields, None))
            add_request((node_id, name, title, class_type, display, None, fields[0]))
        nodes[node_id] = ProfileNode(node_id, class_type, title, entry is not None, links)
    roles = {nid: only for nid, only in fed.items() if only in _ROLES}
    if roles:  # nodes whose outputs feed only ``positive`` (or only ``negative``) inputs
        requests = [
            r if (role := roles.get(r[0])) is None else (*r[:5], role, r[6]) for r in requests
        ]
    keep = keep_names or {}
    names = assign_names(requests, [keep.get((r[0], r[1])) for r in requests] if keep else ())
    make = _profile_input
    return Profile(
        workflow_id=workflow_id,
        source=Source(kind=source_kind, graph_sha256=graph_sha256),
        inputs=tuple([make((name, *row)) for name, row in zip(names, found, strict=True)]),
        nodes=nodes,
    )


_ROLES = frozenset({"positive", "negative"})
