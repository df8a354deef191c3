"""The profile: a workflow's editable inputs and its link structure, as plain frozen data.

``build_profile`` turns a parsed graph and a catalog into a :class:`Profile`; the YAML form and
its schema live in :mod:`rhconfig.profile_io`; rescans and ``--check`` in :mod:`rhconfig.merge`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rhconfig import __version__
from rhconfig.catalog import Catalog
from rhconfig.classify import classify
from rhconfig.graph import Graph, is_link
from rhconfig.naming import NameRequest, assign_names

SCHEMA_VERSION = 1

# Optional input keys, in the order they are written.
OPTIONAL_KEYS = ("choices", "minimum", "maximum", "step", "multiline", "description")


@dataclass(frozen=True)
class Source:
    kind: str  # "api" (fetched from RunningHub), "file" or "ui-file" (converted from the UI format)
    graph_sha256: str
    rhconfig_version: str = __version__


@dataclass(frozen=True)
class ProfileInput:
    name: str
    node_id: str
    field: str
    class_type: str
    title: str
    kind: str
    type: str
    default: Any
    known: bool
    expose: bool
    choices: tuple[Any, ...] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    step: int | float | None = None
    multiline: bool | None = None
    description: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.node_id, self.field)


@dataclass(frozen=True)
class ProfileNode:
    id: str
    class_type: str
    title: str
    known: bool
    links: Mapping[str, tuple[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Tie:
    """One name that sets several inputs of the same kind (``members`` are input names)."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    workflow_id: str
    source: Source
    inputs: tuple[ProfileInput, ...]
    nodes: Mapping[str, ProfileNode]
    schema_version: int = SCHEMA_VERSION
    ties: tuple[Tie, ...] = ()

    @cached_property
    def by_key(self) -> dict[tuple[str, str], ProfileInput]:
        return {i.key: i for i in self.inputs}

    @cached_property
    def by_name(self) -> dict[str, ProfileInput]:
        return {i.name: i for i in self.inputs}

    @property
    def exposed(self) -> tuple[ProfileInput, ...]:
        return tuple(i for i in self.inputs if i.expose)

    @cached_property
    def by_tie(self) -> dict[str, Tie]:
        return {t.name: t for t in self.ties}

    @cached_property
    def tied(self) -> dict[str, Tie]:
        """Input name -> the tie it belongs to."""
        return {m: t for t in self.ties for m in t.members}

    def tie_kind(self, tie: Tie) -> str:
        """The members' shared kind (checked when the profile is loaded)."""
        return self.by_name[tie.members[0]].kind


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
    drafts: list[dict[str, Any]] = []
    requests: list[NameRequest] = []
    nodes: dict[str, ProfileNode] = {}
    fed: dict[str, set[str]] = {}  # node id -> the input names its outputs feed
    classes = catalog.classes
    for node in graph.nodes.values():
        entry = classes.get(node.class_type)
        class_inputs = entry.get("inputs", {}) if entry is not None else None
        display = entry.get("display_name") if entry is not None else None
        links: dict[str, tuple[str, int]] = {}
        for name, value in node.inputs.items():
            if is_link(value):
                links[name] = (value[0], value[1])
                fed.setdefault(value[0], set()).add(name)
                continue
            spec = class_inputs.get(name) if class_inputs is not None else None
            info = classify(node.class_type, name, value, spec, node.title)
            drafts.append(
                {
                    "node_id": node.id,
                    "field": name,
                    "class_type": node.class_type,
                    "title": node.title,
                    "kind": info.kind,
                    "type": info.type,
                    "default": value,
                    "known": info.known,
                    "expose": info.primary,
                    "choices": info.choices,
                    "minimum": info.minimum,
                    "maximum": info.maximum,
                    "step": info.step,
                    "multiline": info.multiline,
                    "description": info.description,
                }
            )
            requests.append(NameRequest(node.id, name, node.title, node.class_type, display))
        nodes[node.id] = ProfileNode(
            id=node.id,
            class_type=node.class_type,
            title=node.title,
            known=entry is not None,
            links=links,
        )
    roles = _prompt_roles(fed)
    if roles:
        requests = [r._replace(role=roles.get(r.node_id)) for r in requests]
    keep = keep_names or {}
    names = assign_names(requests, [keep.get((r.node_id, r.field)) for r in requests])
    inputs = tuple(ProfileInput(name=n, **d) for n, d in zip(names, drafts, strict=True))
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
