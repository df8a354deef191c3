"""Rescans: keep the user's edits, report what vanished, and tell what changed (``--check``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rhconfig.profile import Profile, ProfileInput, Tie

USER_KEYS = ("name", "description", "expose")


@dataclass(frozen=True)
class Change:
    """One difference between a stored profile and the graph as it is now."""

    what: str  # node_added, node_removed, node_retyped, input_added, input_removed, ...
    node_id: str
    field: str | None
    detail: str

    def __str__(self) -> str:
        where = f"node {self.node_id}" + (f" '{self.field}'" if self.field else "")
        return f"{self.what.replace('_', ' ')}: {where}: {self.detail}"


def kept_names(previous: Profile | None) -> dict[tuple[str, str], str]:
    """Names from an earlier profile, to be kept for the inputs that still exist."""
    return {} if previous is None else {i.key: i.name for i in previous.inputs}


def merge_edits(fresh: Profile, previous: Profile | None) -> tuple[Profile, list[ProfileInput]]:
    """Carry description and expose over from ``previous``; return the inputs that vanished.

    Names are carried by :func:`rhconfig.build.build_profile` (``keep_names``) so that the
    other names are derived around them.
    """
    if previous is None:
        return fresh, []
    old = previous.by_key
    merged = []
    for item in fresh.inputs:
        before = old.get(item.key)
        if before is None:
            merged.append(item)
            continue
        description = before.description if before.description is not None else item.description
        merged.append(item._replace(description=description, expose=before.expose))
    vanished = [i for i in previous.inputs if i.key not in fresh.by_key]
    source = fresh.source
    if previous.source.graph_sha256 == source.graph_sha256:
        source = previous.source  # same graph, from the server or a file: the same bytes
    merged_profile = fresh.replace(inputs=tuple(merged), source=source)
    ties, _ = carry_ties(merged_profile, previous)
    return merged_profile.replace(ties=ties), vanished


def carry_ties(fresh: Profile, previous: Profile) -> tuple[tuple[Tie, ...], list[str]]:
    """``previous``'s ties, their members renamed as ``fresh`` names them (by node and field);
    a member that vanished (or changed kind) leaves its tie, and a note says so."""
    new_name = {i.key: i.name for i in fresh.inputs}
    old = previous.by_name
    ties: list[Tie] = []
    notes: list[str] = []
    for tie in previous.ties:
        members: list[str] = []
        lost: list[str] = []
        for member in tie.members:
            inp = old.get(member)
            name = new_name.get(inp.key) if inp is not None else None
            if name is None:
                lost.append(member)
            else:
                members.append(name)
        kinds = {fresh.by_name[m].kind for m in members}
        if len(kinds) > 1:
            lost += members[1:]
            members = members[:1]
        if lost:
            notes.append(
                f"tie '{tie.name}' lost {', '.join(lost)} (vanished or retyped since the "
                "last scan)" + ("" if members else "; the tie is gone")
            )
        if members:
            ties.append(Tie(tie.name, tuple(members)))
    return tuple(ties), notes


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def diff_profiles(stored: Profile, current: Profile) -> list[Change]:
    """What differs between the stored profile and one built from the current graph."""
    changes: list[Change] = []
    for nid, node in current.nodes.items():
        was = stored.nodes.get(nid)
        if was is None:
            changes.append(Change("node_added", nid, None, f"{node.class_type} '{node.title}'"))
        elif was.class_type != node.class_type:
            changes.append(
                Change("node_retyped", nid, None, f"{was.class_type} -> {node.class_type}")
            )
        elif dict(was.links) != dict(node.links):
            changes.append(Change("links_changed", nid, None, "its input links were rewired"))
    for nid, node in stored.nodes.items():
        if nid not in current.nodes:
            changes.append(Change("node_removed", nid, None, f"{node.class_type} '{node.title}'"))
    old, new = stored.by_key, current.by_key
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            changes.append(Change("input_added", key[0], key[1], f"{item.kind} {item.name}"))
            continue
        if (before.kind, before.type) != (item.kind, item.type):
            changes.append(
                Change(
                    "input_retyped",
                    key[0],
                    key[1],
                    f"{before.kind}/{before.type} -> {item.kind}/{item.type}",
                )
            )
        for attr in ("choices", "minimum", "maximum", "step"):
            if getattr(before, attr) != getattr(item, attr):
                changes.append(Change("constraint_changed", key[0], key[1], attr))
        if before.default != item.default:
            changes.append(
                Change(
                    "default_changed",
                    key[0],
                    key[1],
                    f"{_short(before.default)} -> {_short(item.default)}",
                )
            )
    for key, item in old.items():
        if key not in new:
            changes.append(Change("input_removed", key[0], key[1], f"{item.kind} {item.name}"))
    return changes
