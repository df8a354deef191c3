"""From a parsed workflow graph and a catalog to a :class:`~rhconfig.profile.Profile`.

The workflow side of building a profile (an AI app's is :mod:`rhconfig.app`): classify each
literal input (:mod:`rhconfig.classify`), name it (:mod:`rhconfig.naming`) and record each
node's links. Pure. Kept apart from the model in :mod:`rhconfig.profile`, so that commands that
only read profiles (``check``, ``run``, generated modules) do not import the builders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rhconfig.catalog import Catalog
from rhconfig.classify import InputInfo, classify
from rhconfig.graph import Graph, Node
from rhconfig.naming import NameRequest, assign_names
from rhconfig.profile import Profile, ProfileInput, ProfileNode, Source


def build_profile(
    graph: Graph,
    catalog: Catalog,
    workflow_id: str,
    *,
    source_kind: str = "file",
    graph_sha256: str,
    keep_names: Mapping[tuple[str, str], str] | None = None,
) -> Profile:
    """One :class:`ProfileInput` per literal input, in graph order; names derived last."""
    found: list[tuple[Node, str, Any, InputInfo]] = []
    requests: list[NameRequest] = []
    nodes: dict[str, ProfileNode] = {}
    fed: dict[str, set[str]] = {}  # node id -> the input names its outputs feed
    classes = catalog.classes
    add_found, add_request = found.append, requests.append
    for node in graph.nodes.values():
        node_id, class_type, title = node.id, node.class_type, node.title
        entry = classes.get(class_type)
        if entry is not None:
            class_inputs = entry.get("inputs", {})
            display = entry.get("display_name")
        else:
            class_inputs, display = None, None
        links: dict[str, tuple[str, int]] = {}
        for name, value in node.inputs.items():
            if (
                type(value) is list
                and len(value) == 2
                and type(value[0]) is str
                and type(value[1]) is int
            ):  # a link: graph.is_link, inlined on the hot path
                links[name] = (value[0], value[1])
                fed.setdefault(value[0], set()).add(name)
                continue
            spec = class_inputs.get(name) if class_inputs is not None else None
            info = classify(class_type, name, value, spec, title)
            add_found((node, name, value, info))
            add_request(NameRequest(node_id, name, title, class_type, display, None, info.kind))
        nodes[node_id] = ProfileNode(node_id, class_type, title, entry is not None, links)
    roles = _prompt_roles(fed)
    if roles:
        requests = [r._replace(role=roles.get(r.node_id)) for r in requests]
    keep = keep_names or {}
    names = assign_names(requests, [keep.get((r.node_id, r.field)) for r in requests])
    inputs = tuple(
        ProfileInput(
            name, node.id, field, node.class_type, node.title, info.kind, info.type, value,
            info.known, info.primary, info.choices, info.minimum, info.maximum, info.step,
            info.multiline, info.description,
        )
        for name, (node, field, value, info) in zip(names, found, strict=True)
    )
    return Profile(
        workflow_id=workflow_id,
        source=Source(kind=source_kind, graph_sha256=graph_sha256),
        inputs=inputs,
        nodes=nodes,
    )


_ROLES = frozenset({"positive", "negative"})


def _prompt_roles(fed: Mapping[str, set[str]]) -> dict[str, str]:
    """Nodes whose outputs feed only ``positive`` (or only ``negative``) inputs downstream."""
    roles = {}
    for nid, fields in fed.items():
        if len(fields) == 1:
            (only,) = fields
            if only in _ROLES:
                roles[nid] = only
    return roles
