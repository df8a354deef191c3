"""``validate(profile, node_info_list)``: every problem of a nodeInfoList, at once.

The hot path (a known ``(nodeId, fieldName)`` pair) is a dict lookup, an equality test against
the workflow's own value and, when the value differs, one rule call. Entries that miss the fast
path (malformed, unknown node/field, linked field) are explained by :func:`_explain`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rhconfig.check.findings import (
    DUPLICATE_OVERRIDE,
    ERROR,
    LINKED_FIELD,
    MALFORMED_ENTRY,
    SPLIT_TIE,
    UNCHANGED_DEFAULT,
    UNKNOWN_FIELD,
    UNKNOWN_NODE,
    WARNING,
    Finding,
    a_type,
    show,
)
from rhconfig.check.hints import closest, linked_hint, suggest_fields, suggest_nodes
from rhconfig.check.index import ProfileIndex, index_for
from rhconfig.check.media import MediaRule
from rhconfig.profile import Profile

REQUIRED = ("nodeId", "fieldName", "fieldValue")
ENTRY_SHAPE = '{"nodeId": "6", "fieldName": "text", "fieldValue": ...}'


def is_node_id_form(node_id: str) -> bool:
    """A node id as RunningHub graphs write them: digits, or digits:digits for grouped nodes."""
    return all(p.isdigit() and p.isascii() for p in node_id.split(":"))


def validate(
    profile: Profile, node_info_list: Any, *, probe_paths: bool = True
) -> list[Finding]:
    """Check a nodeInfoList against ``profile``; returns every finding, errors and warnings.

    ``probe_paths`` lets media checks ask the filesystem whether a value names a local file;
    turn it off for a pure, I/O-free check.
    """
    index = index_for(profile)
    if not isinstance(node_info_list, (list, tuple)):
        return [Finding(
            ERROR, MALFORMED_ENTRY, None, None,
            f"nodeInfoList must be a JSON array of entries, got {a_type(node_info_list)}",
            f"send a list of {ENTRY_SHAPE}",
        )]
    out: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    slots = index.slots
    changed = False
    for pos, entry in enumerate(node_info_list):
        if type(entry) is dict:
            node_id = entry.get("nodeId")
            field = entry.get("fieldName")
            if type(node_id) is str and type(field) is str and "fieldValue" in entry:
                key = (node_id, field)
                slot = slots.get(key)
                if slot is not None:
                    value = entry["fieldValue"]
                    first = seen.setdefault(key, pos)
                    if first != pos:
                        out.append(Finding(
                            WARNING, DUPLICATE_OVERRIDE, node_id, field,
                            f"{slot.prefix}set twice (nodeInfoList[{first}] and "
                            f"nodeInfoList[{pos}]); the later value {show(value)} wins",
                            "keep one entry per node and field", pos,
                        ))
                    default = slot.default
                    if type(value) is type(default) and value == default:
                        continue
                    rule = slot.rule
                    if rule.unwrap and type(value) is dict and "__value__" in value:
                        value = value["__value__"]
                        if type(value) is type(default) and value == default:
                            continue
                    changed = True
                    if slot.media:
                        assert isinstance(rule, MediaRule)
                        issue = rule.check(value, probe_paths)
                    else:
                        issue = rule.check(value)
                    if issue is not None:
                        out.append(Finding(
                            issue[0], issue[1], node_id, field, slot.prefix + issue[2], issue[3],
                            pos,
                        ))
                    continue
        out.append(_explain(index, pos, entry))
    if profile.ties:
        out += _split_ties(profile, node_info_list)
    if not changed and not any(f.severity == ERROR for f in out):
        if node_info_list:
            text = ("every entry repeats the workflow's own value: the task runs with the "
                    "author's sample inputs")
        else:
            text = "the nodeInfoList is empty: the task runs with the author's sample inputs"
        out.append(Finding(
            WARNING, UNCHANGED_DEFAULT, None, None, text,
            "set the inputs you mean to change (rhconfig show WORKFLOW_ID lists them)",
        ))
    return out


def _split_ties(profile: Profile, node_info_list: Sequence[Any]) -> list[Finding]:
    """A tie is one input: its members set to different values, or only some of them set."""
    given: dict[tuple[Any, Any], Any] = {}
    for entry in node_info_list:
        if type(entry) is dict and "fieldValue" in entry:
            given[(entry.get("nodeId"), entry.get("fieldName"))] = entry["fieldValue"]
    out: list[Finding] = []
    for tie in profile.ties:
        members = [profile.by_name[m] for m in tie.members]
        values = [given[m.key] for m in members if m.key in given]
        if not values:
            continue
        first = members[0]
        if len(values) < len(members):
            missing = [m.name for m in members if m.key not in given]
            out.append(Finding(
                WARNING, SPLIT_TIE, first.node_id, first.field,
                f"tie '{tie.name}' is set for some of its inputs only ({', '.join(missing)} "
                "keep the workflow's value)",
                f"give every member the same value ('rhconfig run --set {tie.name}=...' does)",
            ))
        elif any(v != values[0] or type(v) is not type(values[0]) for v in values[1:]):
            out.append(Finding(
                WARNING, SPLIT_TIE, first.node_id, first.field,
                f"tie '{tie.name}': its inputs get different values",
                f"give every member the same value ('rhconfig run --set {tie.name}=...' does)",
            ))
    return out


def _explain(index: ProfileIndex, pos: int, entry: Any) -> Finding:
    """Why an entry missed the fast path: malformed, unknown node/field, or a linked field."""
    where = f"nodeInfoList[{pos}]"
    if not isinstance(entry, dict):
        hint = f"write each entry as {ENTRY_SHAPE}"
        return Finding(ERROR, MALFORMED_ENTRY, None, None,
                       f"{where} is {a_type(entry)} ({show(entry)}), not an object", hint,
                       pos)
    node_id = entry.get("nodeId")
    field = entry.get("fieldName")
    nid = node_id if isinstance(node_id, str) else None
    fname = field if isinstance(field, str) else None
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        names = " and ".join(f"'{k}'" for k in missing)
        return Finding(ERROR, MALFORMED_ENTRY, nid, fname,
                       f"{where} has no {names} (RunningHub answers 803)",
                       _key_hint(entry, missing), pos)
    if not isinstance(node_id, str):
        hint = "node ids are JSON strings"
        if isinstance(node_id, int) and not isinstance(node_id, bool):
            text = str(node_id)
            if text in index.nodes:
                hint = f'write "{text}" (a string) for {index.label(text)}'
        return Finding(ERROR, MALFORMED_ENTRY, None, fname,
                       f"{where}: nodeId {show(node_id)} is {a_type(node_id)}, not a "
                       "string", hint, pos)
    if not isinstance(field, str) or not field:
        return Finding(ERROR, MALFORMED_ENTRY, nid, None,
                       f"{where}: fieldName {show(field)} is not a field name (a non-empty "
                       "string)", "fieldName is the input's name, e.g. \"seed\"", pos)
    node = index.nodes.get(node_id)
    if node is None:
        hint = suggest_nodes(node_id, index.ids, index.titles, index.labels)
        if not is_node_id_form(node_id):
            return Finding(ERROR, MALFORMED_ENTRY, nid, fname,
                           f"{where}: nodeId {show(node_id)} is not a node id (ids are digits, "
                           "such as \"6\" or \"12:3\")", hint, pos)
        if index.app is not None:
            text = (f"node {node_id} field {show(field)} is not in app {index.app}'s input "
                    "list (RunningHub answers 803)")
            hint = _app_pairs_hint(index, field)
        else:
            text = f"node {node_id} does not exist in the workflow (field '{field}')"
        return Finding(ERROR, UNKNOWN_NODE, nid, fname, text, hint, pos)
    label = index.label(node_id)
    if field in node.links:
        source_id, output = node.links[field]
        return Finding(ERROR, LINKED_FIELD, nid, fname,
                       f"{label}, field '{field}' is fed by a link from {index.label(source_id)} "
                       f"(output {output}): overriding it would cut the graph",
                       linked_hint(index.nodes, index.literal, node_id, field), pos)
    literal = index.literal.get(node_id, [])
    if index.app is not None:
        text = (f"{label}, field {show(field)} is not in app {index.app}'s input list "
                "(RunningHub answers 803)")
    else:
        text = f"{label} has no field {show(field)}"
    return Finding(ERROR, UNKNOWN_FIELD, nid, fname, text,
                   suggest_fields(field, literal, list(node.links)), pos)


def _app_pairs_hint(index: ProfileIndex, field: str) -> str:
    """The app's (node, field) pairs, those with ``field`` first: what an app accepts."""
    pairs = [(nid, f) for nid, fields in index.literal.items() for f in fields]
    pairs.sort(key=lambda p: p[1] != field)
    shown = ", ".join(f"node {nid} '{f}'" for nid, f in pairs[:6])
    more = f", ... ({len(pairs)} in all)" if len(pairs) > 6 else ""
    return f"the app takes {shown}{more}"


def _key_hint(entry: dict[Any, Any], missing: Sequence[str]) -> str:
    """``found 'node_id': the key is 'nodeId'`` for near-miss keys; else the expected shape."""
    keys = [k for k in entry if isinstance(k, str) and k not in REQUIRED]
    notes = []
    for want in missing:
        near = closest(want.replace("_", ""), [k.replace("_", "") for k in keys], n=1, cutoff=0.7)
        if near:
            original = next(k for k in keys if k.replace("_", "") == near[0])
            notes.append(f"found '{original}': the key is '{want}'")
    return "; ".join(notes) if notes else f"write each entry as {ENTRY_SHAPE}"
