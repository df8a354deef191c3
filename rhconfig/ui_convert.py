"""ComfyUI UI-format workflows (``nodes``/``links``) to the API graph, as the frontend does it.

The reference is the frontend's ``graphToPrompt`` (``src/utils/executionUtil.ts``) and the link
resolution of ``ExecutableNodeDTO`` (``src/lib/litegraph/src/subgraph/ExecutableNodeDTO.ts``):

- virtual nodes (Note, Reroute, PrimitiveNode, frontend-only pack nodes) and muted (mode 2) or
  bypassed (mode 4) nodes are not emitted; a link into a bypassed node's output is followed to
  its input of the same slot if the types fit, else its first input of that type; a link through
  a virtual node follows its input of the same slot; a link to a muted node is dropped;
- a PrimitiveNode writes its value into every widget it feeds (``widgetInputs.ts``);
- subgraph instances are expanded, inner ids ``"<outer>:<inner>"``; legacy group nodes
  (``workflow>NAME``) likewise, inner ids ``"<group id>:<index>"`` (:mod:`rhconfig.ui_groups`);
- widget values are named by the catalog (:mod:`rhconfig.ui_widgets`); array values are sent as
  ``{"__value__": [...]}``.

Pure: no I/O. A class the catalog does not know stops the conversion (its values cannot be
named) unless ``partial`` is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rhconfig.catalog import Catalog
from rhconfig.errors import GraphFormatError
from rhconfig.ids import node_sort_key
from rhconfig.ui_groups import group_scope
from rhconfig.ui_scope import (
    SUBGRAPH_INPUT,
    SUBGRAPH_OUTPUT,
    Scope,
    inputs_of,
    links_of,
    nodes_of,
)
from rhconfig.ui_widgets import name_values

MUTED, BYPASSED = 2, 4
MAX_DEPTH = 32
# Frontend-only nodes: they have no Python class and never reach the API graph.
VIRTUAL = frozenset({
    "Note", "MarkdownNote", "Reroute", "PrimitiveNode", "GetNode", "SetNode",
    "Label (rgthree)", "Note (rgthree)", "Bookmark (rgthree)", "Reroute (rgthree)",
    "Fast Groups Muter (rgthree)", "Fast Groups Bypasser (rgthree)", "Fast Muter (rgthree)",
    "Fast Bypasser (rgthree)", "Fast Actions Button (rgthree)", "Mute / Bypass Repeater (rgthree)",
    "Mute / Bypass Relay (rgthree)", "Random Unmuter (rgthree)", "Note Plus (mtb)",
})
CATALOG_ADVICE = (
    "'rhconfig catalog import OBJECT_INFO.json' (the /object_info of a ComfyUI that has them)"
)


class UnknownClassesError(GraphFormatError):
    """The UI file uses node classes the catalog does not know."""

    def __init__(self, classes: list[str]) -> None:
        shown = ", ".join(classes[:8]) + (", ..." if len(classes) > 8 else "")
        super().__init__(
            f"cannot convert the UI workflow: {len(classes)} node "
            f"{'class is' if len(classes) == 1 else 'classes are'} not in the catalog ({shown}): "
            f"add them with {CATALOG_ADVICE}, or convert the rest with --partial"
        )
        self.classes = classes


class Resolved(NamedTuple):
    """Where an input comes from: a node output (``node_id``/``slot``) or a literal ``value``."""

    node_id: str | None
    slot: int = 0
    value: Any = None


@dataclass
class Conversion:
    graph: dict[str, Any]
    unknown: dict[str, list[str]] = field(default_factory=dict)  # class -> API node ids
    unnamed: dict[str, list[Any]] = field(default_factory=dict)  # node id -> values
    defaulted: dict[str, list[str]] = field(default_factory=dict)  # node id -> inputs

    def notes(self) -> list[str]:
        """One line per node whose values could not all be named."""
        lines = []
        for node_id in sorted(self.unnamed, key=node_sort_key):
            values = self.unnamed[node_id]
            node = self.graph.get(node_id, {})
            shown = ", ".join(_short(v) for v in values[:6]) + (", ..." if len(values) > 6 else "")
            lines.append(
                f"node {node_id} ({node.get('class_type', '?')}): {len(values)} widget "
                f"value{'s' if len(values) != 1 else ''} could not be named: {shown}"
            )
        return lines


def _short(value: Any) -> str:
    """A value fit for a note: long or space-free strings (a key, a token) are not shown."""
    if isinstance(value, str) and (len(value) > 40 or (len(value) > 12 and " " not in value)):
        return f"<text of {len(value)} characters>"
    text = repr(value)
    return text if len(text) <= 40 else f"<{type(value).__name__}>"


def is_ui_document(document: Any) -> bool:
    """A saved UI workflow: top-level ``nodes`` (a list) and ``links``."""
    return isinstance(document, dict) and isinstance(document.get("nodes"), list) and (
        "links" in document
    )


def _valid(a: Any, b: Any) -> bool:
    """LiteGraph's ``isValidConnection``: ``*``/empty match all; ``A,B`` lists overlap."""
    if not a or not b or a == "*" or b == "*":
        return True
    if a == b:
        return True
    left = {t.strip().upper() for t in str(a).split(",")}
    right = {t.strip().upper() for t in str(b).split(",")}
    return bool(left & right)


def bypass_slot(node: Mapping[str, Any], slot: int, kind: Any) -> int:
    """The input a bypassed node passes to its output ``slot`` (``#getBypassSlotIndex``)."""
    inputs = inputs_of(node)
    raw = node.get("outputs")
    outputs: list[Any] = raw if isinstance(raw, list) else []
    out = outputs[slot] if slot < len(outputs) else None
    out_type = out.get("type") if isinstance(out, dict) else None
    if not inputs:
        return -1
    if kind in ("*", "", None):
        return slot if len(inputs) > slot else 0
    if slot < len(inputs):
        own = inputs[slot].get("type")
        if _valid(own, out_type) and _valid(own, kind):
            return slot
    for i, inp in enumerate(inputs):
        if inp.get("type") == kind:
            return i
    for i, inp in enumerate(inputs):
        if _valid(inp.get("type"), out_type) and _valid(inp.get("type"), kind):
            return i
    return -1


class Converter:
    def __init__(self, document: Mapping[str, Any], catalog: Catalog, partial: bool) -> None:
        self.catalog = catalog
        self.partial = partial
        self.subgraphs: dict[str, dict[str, Any]] = {}
        self._collect_subgraphs(document)
        extra = document.get("extra")
        groups = extra.get("groupNodes") if isinstance(extra, dict) else None
        self.groups: dict[str, Any] = groups if isinstance(groups, dict) else {}
        self.children: dict[tuple[tuple[str, ...], str], Scope] = {}
        self.result = Conversion(graph={})

    def _collect_subgraphs(self, container: Mapping[str, Any]) -> None:
        definitions = container.get("definitions")
        subgraphs = definitions.get("subgraphs") if isinstance(definitions, dict) else None
        for sub in subgraphs if isinstance(subgraphs, list) else []:
            if isinstance(sub, dict) and isinstance(sub.get("id"), str):
                self.subgraphs[sub["id"]] = sub
                self._collect_subgraphs(sub)

    # -- scopes -------------------------------------------------------------------------------
    def group_name(self, node_type: str) -> str | None:
        for prefix in ("workflow>", "workflow/"):
            name = node_type[len(prefix):]
            if node_type.startswith(prefix) and isinstance(self.groups.get(name), dict):
                return name
        return None

    def is_container(self, node: Mapping[str, Any]) -> bool:
        node_type = node["type"]
        return node_type in self.subgraphs or self.group_name(node_type) is not None

    def child(self, scope: Scope, node: dict[str, Any]) -> Scope:
        key = (scope.path, str(node["id"]))
        found = self.children.get(key)
        if found is not None:
            return found
        if len(scope.path) >= MAX_DEPTH:
            raise GraphFormatError(f"subgraphs nested deeper than {MAX_DEPTH} levels")
        node_id = str(node["id"])
        mode = scope.mode if scope.mode in (MUTED, BYPASSED) else _mode(node)
        name = self.group_name(node["type"])
        if name is not None:
            made = group_scope(self.groups[name], node, scope, self.catalog, mode)
        else:
            sub = self.subgraphs[node["type"]]
            made = Scope(
                (*scope.path, node_id), nodes_of(sub.get("nodes"), f"subgraph {sub.get('name')}"),
                links_of(sub.get("links")), scope, node, mode, _promoted(node),
                io=(_io_id(sub, "inputNode", SUBGRAPH_INPUT),
                    _io_id(sub, "outputNode", SUBGRAPH_OUTPUT)),
            )
        self.children[key] = made
        return made

    # -- resolution ---------------------------------------------------------------------------
    def resolve_input(
        self, scope: Scope, node: Mapping[str, Any], slot: int, seen: set[Any]
    ) -> Resolved | None:
        mark = (scope.path, str(node["id"]), "in", slot)
        if mark in seen:
            raise GraphFormatError(f"circular link through node {scope.full_id(str(node['id']))}")
        seen.add(mark)
        inputs = inputs_of(node)
        if slot >= len(inputs) or inputs[slot].get("link") is None:
            return None
        link = scope.links.get(str(inputs[slot]["link"]))
        if link is None:
            return None
        if link.origin == scope.io[0] and scope.instance is not None and scope.parent:
            outer = inputs_of(scope.instance)
            if link.origin_slot < len(outer) and outer[link.origin_slot].get("link") is not None:
                return self.resolve_input(scope.parent, scope.instance, link.origin_slot, seen)
            if link.origin_slot in scope.promoted:
                return Resolved(None, -1, scope.promoted[link.origin_slot])
            return None
        origin = scope.nodes.get(link.origin)
        if origin is None:
            return None
        return self.resolve_output(scope, origin, link.origin_slot, inputs[slot].get("type"), seen)

    def resolve_output(
        self, scope: Scope, node: dict[str, Any], slot: int, kind: Any, seen: set[Any]
    ) -> Resolved | None:
        mark = (scope.path, str(node["id"]), "out", slot)
        if mark in seen:
            raise GraphFormatError(f"circular link through node {scope.full_id(str(node['id']))}")
        seen.add(mark)
        mode = scope.mode if scope.mode in (MUTED, BYPASSED) else _mode(node)
        if mode == BYPASSED:
            index = bypass_slot(node, slot, kind)
            return None if index < 0 else self.resolve_input(scope, node, index, seen)
        if self.is_container(node):
            inner = self.child(scope, node)
            for link in inner.links.values():
                if link.target == inner.io[1] and link.target_slot == slot:
                    if link.origin == inner.io[0]:
                        return self.resolve_input(scope, node, link.origin_slot, seen)
                    origin = inner.nodes.get(link.origin)
                    if origin is None:
                        return None
                    return self.resolve_output(inner, origin, link.origin_slot, kind, seen)
            return None
        if node["type"] == "GetNode":
            found = _setter(scope, node)
            return None if found is None else self.resolve_input(found[0], found[1], 0, seen)
        if node["type"] in VIRTUAL and node["type"] not in self.catalog:
            if slot < len(inputs_of(node)):
                return self.resolve_input(scope, node, slot, seen)
            return None
        return Resolved(scope.full_id(str(node["id"])), slot)

    # -- emission -----------------------------------------------------------------------------
    def walk(self, scope: Scope) -> None:
        _apply_primitives(scope)
        for node_id in sorted(scope.nodes, key=node_sort_key):
            node = scope.nodes[node_id]
            mode = scope.mode if scope.mode in (MUTED, BYPASSED) else _mode(node)
            if self.is_container(node):
                self.walk(self.child(scope, node))
            elif node["type"] in VIRTUAL and node["type"] not in self.catalog:
                continue
            elif mode not in (MUTED, BYPASSED):
                self.emit(scope, node)

    def emit(self, scope: Scope, node: dict[str, Any]) -> None:
        class_type = node["type"]
        api_id = scope.full_id(str(node["id"]))
        spec = self.catalog.inputs(class_type)
        raw = node.get("widgets_values")
        inputs: dict[str, Any] = {}
        if spec is None:
            self.result.unknown.setdefault(class_type, []).append(api_id)
            if isinstance(raw, dict):
                inputs.update({k: v for k, v in raw.items() if not isinstance(v, dict)})
            elif isinstance(raw, list) and raw:
                self.result.unnamed[api_id] = list(raw)
        else:
            named = name_values(class_type, spec, raw if isinstance(raw, (list, dict)) else None)
            inputs.update(named.values)
            if named.unnamed:
                self.result.unnamed[api_id] = named.unnamed
            if named.defaulted:
                self.result.defaulted[api_id] = named.defaulted
        inputs.update(scope.overrides.get(str(node["id"]), {}))
        inputs = {k: {"__value__": v} if isinstance(v, list) else v for k, v in inputs.items()}
        for slot, inp in enumerate(inputs_of(node)):
            name = inp.get("name")
            if not isinstance(name, str) or inp.get("link") is None:
                continue
            found = self.resolve_input(scope, node, slot, set())
            if found is None:
                continue
            if found.node_id is None:
                value = found.value
                inputs[name] = {"__value__": value} if isinstance(value, list) else value
            else:
                inputs[name] = [found.node_id, found.slot]
        title = node.get("title")
        if not isinstance(title, str) or not title:
            title = self.catalog.display_name(class_type) or class_type
        self.result.graph[api_id] = {
            "inputs": inputs, "class_type": class_type, "_meta": {"title": title},
        }


def _mode(node: Mapping[str, Any]) -> int:
    mode = node.get("mode")
    return mode if type(mode) is int else 0


def _io_id(definition: Mapping[str, Any], key: str, reserved: str) -> str:
    """A subgraph boundary's node id: as the definition spells it, else the reserved one."""
    node = definition.get(key)
    return str(node["id"]) if isinstance(node, dict) and "id" in node else reserved


def _promoted(instance: Mapping[str, Any]) -> dict[int, Any]:
    """A subgraph instance's own widget values, by the input slot they stand for."""
    values = instance.get("widgets_values")
    if not isinstance(values, list):
        return {}
    slots = [i for i, inp in enumerate(inputs_of(instance)) if isinstance(inp.get("widget"), dict)]
    return {slot: values[n] for n, slot in enumerate(slots) if n < len(values)}


def _setter(scope: Scope, getter: Mapping[str, Any]) -> tuple[Scope, dict[str, Any]] | None:
    """KJNodes' GetNode reads the SetNode of the same non-empty name: in its own graph level
    first, then the enclosing ones (``findSetter``/``getInputLink`` in ``setgetnodes.js``)."""
    wanted = getter.get("widgets_values")
    name = wanted[0] if isinstance(wanted, list) and wanted else None
    level: Scope | None = scope
    while name not in (None, "") and level is not None:
        for node in level.nodes.values():
            values = node.get("widgets_values")
            if node["type"] == "SetNode" and isinstance(values, list) and values[:1] == [name]:
                return level, node
        level = level.parent
    return None


def _apply_primitives(scope: Scope) -> None:
    """Each PrimitiveNode's value goes into every widget its output feeds (``applyToGraph``)."""
    for node in scope.nodes.values():
        if node["type"] != "PrimitiveNode":
            continue
        values = node.get("widgets_values")
        outputs = node.get("outputs")
        if not isinstance(values, list) or not values or not isinstance(outputs, list):
            continue
        links = outputs[0].get("links") if outputs and isinstance(outputs[0], dict) else None
        for link_id in links or []:
            link = scope.links.get(str(link_id))
            target = scope.nodes.get(link.target) if link else None
            if link is None or target is None:
                continue
            inputs = inputs_of(target)
            widget = inputs[link.target_slot].get("widget") if link.target_slot < len(
                inputs) else None
            if isinstance(widget, dict) and isinstance(widget.get("name"), str):
                scope.overrides.setdefault(link.target, {})[widget["name"]] = values[0]


def convert_ui(document: Any, catalog: Catalog, *, partial: bool = False) -> Conversion:
    """Convert a UI workflow; raises :class:`UnknownClassesError` unless ``partial``."""
    if not is_ui_document(document):
        raise GraphFormatError(
            "not a ComfyUI UI-format workflow (no top-level 'nodes' and 'links')"
        )
    converter = Converter(document, catalog, partial)
    root = Scope((), nodes_of(document["nodes"], "workflow"), links_of(document.get("links")))
    converter.walk(root)
    result = converter.result
    graph = result.graph
    for node in graph.values():  # inputs fed by nodes left out (muted) are dropped
        inputs = node["inputs"]
        for key in [k for k, v in inputs.items() if _is_ref(v) and v[0] not in graph]:
            del inputs[key]
    result.graph = {k: graph[k] for k in sorted(graph, key=node_sort_key)}
    if result.unknown and not partial:
        raise UnknownClassesError(sorted(result.unknown))
    if not result.graph:
        raise GraphFormatError("the UI workflow has no node that reaches the API graph")
    return result


def _is_ref(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and type(value[0]) is str


def from_ui(document: Any, catalog: Catalog) -> dict[str, Any]:
    """The API graph of a UI-format workflow, as ComfyUI's frontend would build it."""
    return convert_ui(document, catalog).graph
