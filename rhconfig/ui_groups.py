"""Legacy group nodes (type ``workflow>NAME``, definitions under ``extra.groupNodes``) as scopes.

Follows ``GroupNodeConfig`` in the frontend's ``src/extensions/core/groupNode.ts``: inner node
``i`` becomes ``"<group id>:<i>"``; the group's inputs are, node by node, the inner socket
inputs not linked inside the group, then the inner widgets turned into sockets; its outputs
are, node by node, the inner outputs not used only inside; its widget values are, node by node,
the inner widgets (with their control values), then the converted widgets. Inner Reroutes used
only inside and PrimitiveNodes that feed nothing add nothing. The group becomes a
:class:`~rhconfig.ui_scope.Scope` whose links from ``-10``/to ``-20`` stand for its inputs and
outputs, as a subgraph's do. Pure.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from rhconfig.catalog import Catalog
from rhconfig.ui_scope import SUBGRAPH_INPUT, SUBGRAPH_OUTPUT, Scope, UiLink, inputs_of
from rhconfig.ui_widgets import Slot, assign, controls, is_widget, layout

Table = dict[int, dict[int, Any]]


def _tables(raw_links: list[Any], external: Any) -> tuple[Table, Table, Table]:
    links_to: Table = {}
    links_from: Table = {}
    for link in raw_links:
        origin, origin_slot, target, target_slot = link[:4]
        links_to.setdefault(target, {})[target_slot] = link
        links_from.setdefault(origin, {}).setdefault(origin_slot, []).append(link)
    outside: Table = {}
    for item in external if isinstance(external, list) else []:
        if isinstance(item, list) and len(item) >= 3:
            outside.setdefault(item[0], {})[item[1]] = item[2]
    return links_to, links_from, outside


def group_scope(
    definition: Mapping[str, Any],
    instance: dict[str, Any],
    parent: Scope,
    catalog: Catalog,
    mode: int,
) -> Scope:
    raw_nodes = [n for n in definition.get("nodes") or [] if isinstance(n, dict)]
    raw_links = [
        link for link in definition.get("links") or []
        if isinstance(link, list) and len(link) >= 4 and None not in link[:4]
        and all(isinstance(x, int) for x in link[:4])
    ]
    links_to, links_from, outside = _tables(raw_links, definition.get("external"))
    nodes: dict[str, dict[str, Any]] = {}
    for index, raw in enumerate(raw_nodes):
        node = copy.deepcopy(raw)
        node["id"] = str(index)
        node["inputs"] = [dict(i, link=None) for i in inputs_of(node)]
        raw_outputs = node.get("outputs")
        node["outputs"] = [
            dict(o, links=[]) if isinstance(o, dict) else {"links": []}
            for o in (raw_outputs if isinstance(raw_outputs, list) else [])
        ]
        nodes[str(index)] = node
    links: dict[str, UiLink] = {}

    def connect(link_id: str, link: UiLink) -> None:
        links[link_id] = link
        target = nodes.get(link.target)
        if target is not None and link.target_slot < len(target["inputs"]):
            target["inputs"][link.target_slot]["link"] = link_id
        origin = nodes.get(link.origin)
        if origin is not None and link.origin_slot < len(origin["outputs"]):
            origin["outputs"][link.origin_slot]["links"].append(link_id)

    for n, link in enumerate(raw_links):
        kind = link[5] if len(link) > 5 else None
        connect(f"g{n}", UiLink(str(link[0]), link[1], str(link[2]), link[3], kind))

    group_inputs: list[tuple[int, int]] = []
    group_outputs: list[tuple[int, int]] = []
    widgets: list[tuple[int, Slot]] = []
    converted_later: list[tuple[int, list[tuple[int, str, Any]]]] = []
    for index, raw in enumerate(raw_nodes):
        node_type = raw.get("type")
        inner_in = links_to.get(index, {})
        if node_type == "PrimitiveNode":
            if index not in links_from:
                continue
            widgets += [(index, Slot("input", "value")), (index, Slot("control", "value"))]
        elif node_type == "Reroute":
            if index in links_to and index in links_from and not outside.get(index, {}).get(0):
                continue
            if 0 not in inner_in:
                group_inputs.append((index, 0))
        else:
            spec = catalog.inputs(str(node_type))
            if spec is None:
                continue
            ui_inputs = inputs_of(raw)
            converted: list[tuple[int, str, Any]] = []
            for name, field in spec.items():
                if not is_widget(field):
                    continue
                for at, inp in enumerate(ui_inputs):
                    widget = inp.get("widget")
                    if inp.get("name") == name and isinstance(widget, dict):
                        converted.append((at, name, field))
                        break
            sockets = [name for name, field in spec.items() if not is_widget(field)]
            group_inputs += [(index, i) for i in range(len(sockets)) if i not in inner_in]
            names = {name for _, name, _ in converted}
            widgets += [(index, s) for s in layout(str(node_type), spec) if s.name not in names]
            converted_later.append((index, sorted(converted, key=lambda c: c[0])))
        for slot in range(len(nodes[str(index)]["outputs"])):
            used_inside = slot in links_from.get(index, {}) and not outside.get(index, {}).get(slot)
            if not used_inside:
                group_outputs.append((index, slot))
    for index, converted in converted_later:
        for at, name, field in converted:
            if at in links_to.get(index, {}):
                continue
            group_inputs.append((index, at))
            widgets += [(index, Slot("input", name))] + [(index, s) for s in controls(name, field)]

    for k, (index, slot) in enumerate(group_inputs):
        connect(f"in{k}", UiLink(SUBGRAPH_INPUT, k, str(index), slot, None))
    for k, (index, slot) in enumerate(group_outputs):
        connect(f"out{k}", UiLink(str(index), slot, SUBGRAPH_OUTPUT, k, None))

    overrides: dict[str, dict[str, Any]] = {}
    values = instance.get("widgets_values")
    owners = {id(widget): index for index, widget in widgets}
    placed, _ = assign([w for _, w in widgets], values if isinstance(values, list) else [])
    for widget, value in placed:
        index = owners[id(widget)]
        if widget.kind != "input":
            continue
        if raw_nodes[index].get("type") == "PrimitiveNode":
            nodes[str(index)]["widgets_values"] = [value]
        else:
            overrides.setdefault(str(index), {})[widget.name] = value
    return Scope(
        (*parent.path, str(instance["id"])), nodes, links, parent, instance, mode, {}, overrides
    )
