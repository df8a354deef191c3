"""The pieces of a UI workflow graph level: its nodes, its links, and where it sits. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rhconfig.errors import GraphFormatError

SUBGRAPH_INPUT, SUBGRAPH_OUTPUT = "-10", "-20"


class UiLink(NamedTuple):
    origin: str
    origin_slot: int
    target: str
    target_slot: int
    type: Any


@dataclass
class Scope:
    """One graph level: the root, or the inside of a subgraph or group node instance."""

    path: tuple[str, ...]
    nodes: dict[str, dict[str, Any]]
    links: dict[str, UiLink]
    parent: Scope | None = None
    instance: dict[str, Any] | None = None
    mode: int = 0
    promoted: dict[int, Any] = field(default_factory=dict)  # instance input slot -> value
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)  # node -> widget values
    io: tuple[str, str] = (SUBGRAPH_INPUT, SUBGRAPH_OUTPUT)  # the boundary's input/output ids

    def full_id(self, node_id: str) -> str:
        return ":".join((*self.path, node_id))


def parse_link(raw: Any) -> tuple[str, UiLink] | None:
    """``[id, origin, origin_slot, target, target_slot, type]`` or the object form."""
    if isinstance(raw, list) and len(raw) >= 5:
        link_id, origin, origin_slot, target, target_slot = raw[:5]
        kind = raw[5] if len(raw) > 5 else None
    elif isinstance(raw, dict) and "id" in raw:
        link_id, origin, origin_slot = raw.get("id"), raw.get("origin_id"), raw.get("origin_slot")
        target, target_slot, kind = raw.get("target_id"), raw.get("target_slot"), raw.get("type")
    else:
        return None
    if origin is None or target is None:
        return None
    if type(origin_slot) is not int or type(target_slot) is not int:
        return None
    if min(origin_slot, target_slot) < 0:
        return None
    return str(link_id), UiLink(str(origin), origin_slot, str(target), target_slot, kind)


def links_of(raw: Any) -> dict[str, UiLink]:
    out: dict[str, UiLink] = {}
    for item in raw if isinstance(raw, list) else []:
        parsed = parse_link(item)
        if parsed is not None:
            out[parsed[0]] = parsed[1]
    return out


def nodes_of(raw: Any, what: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for node in raw if isinstance(raw, list) else []:
        if not isinstance(node, dict) or "id" not in node or not isinstance(node.get("type"), str):
            raise GraphFormatError(f"{what}: every node needs an 'id' and a 'type'")
        out[str(node["id"])] = node
    return out


def inputs_of(node: Mapping[str, Any]) -> list[dict[str, Any]]:
    raw = node.get("inputs")
    return [i if isinstance(i, dict) else {} for i in raw] if isinstance(raw, list) else []
