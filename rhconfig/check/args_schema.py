"""The ``--form args`` JSON Schema: an object of named arguments, as ``gen`` names them.

Each property is one exposed input (its parameter name in the module ``gen`` writes), with the
input's ``description``, its workflow value as ``default``, its choices (``enum``) or range
(``minimum``/``maximum``, in the first branch of the value's ``anyOf``: the other branches are
what ComfyUI converts, a numeric string or a float it truncates) and, for media, a ``format``
hint and ``contentMediaType``. The value part is
:func:`~rhconfig.check.jsonschema_export.value_schema`, the same one the node-info form uses, so
both forms give ``check``'s verdict. ``x-rhconfig`` says where each argument goes (``nodeId``,
``fieldName``), so a client in any language can build the nodeInfoList.

The MCP server builds its tool input schemas here (``local_files=True`` for ``run_workflow``,
which uploads a local file named by a media argument before it checks the call).
"""

from __future__ import annotations

from typing import Any

from rhconfig.check.index import make_rule
from rhconfig.check.jsonschema_export import (
    DRAFT,
    LIMITS,
    Schema,
    _annotated,
    anchor_of,
    choice_labels,
    input_notes,
    rule_schema,
    value_schema,
)
from rhconfig.check.values import JsonRule, Rule, UnknownRule
from rhconfig.codegen.plan import parameter_names
from rhconfig.media import MEDIA_KINDS
from rhconfig.profile import Profile, ProfileInput, Tie

MEDIA_HINT = {
    "strict": "an upload result (api/<hash>.<ext>, from rhconfig upload) or an http(s) URL",
    "local": "a path on this machine (uploaded first), an upload result (api/...) or an "
             "http(s) URL",
}
CONTENT_TYPES = {"image": "image/*", "video": "video/*", "audio": "audio/*"}


def argument_schema(
    inp: ProfileInput, anchor: str, local_files: bool = False, clean: bool = False
) -> dict[str, Any]:
    """One argument: annotations, then the value schema ``check`` agrees with (``clean``: only
    its first, plainly typed branch, without what ComfyUI would convert, see :func:`clean_value`).
    """
    notes = input_notes(inp)
    notes["default"] = inp.default
    if inp.kind in MEDIA_KINDS:
        notes["description"] += "; " + MEDIA_HINT["local" if local_files else "strict"]
        if not local_files:
            notes["format"] = "uri-reference"
        if inp.kind in CONTENT_TYPES:
            notes["contentMediaType"] = CONTENT_TYPES[inp.kind]
    notes["x-rhconfig"] = {
        "input": inp.name, "nodeId": inp.node_id, "fieldName": inp.field, "kind": inp.kind,
    }
    labelled = choice_labels(inp)
    if labelled:
        # each choice's name and description, in the order of the value's enum
        notes["x-rhconfig"]["choices"] = [
            {k: v for k, v in c.items() if k != "label"} for c in labelled]
    rule = make_rule(inp)
    value: Schema = clean_value(rule, local_files) if clean else value_schema(
        rule, anchor, local_files)
    return _annotated(value, notes)


def clean_value(rule: Rule, local_files: bool) -> Schema:
    """The plainly typed values of ``rule``: an integer for an INT (not a numeric string or a
    float to truncate), text for a STRING, true/false for a BOOLEAN, no ``__value__`` wrapper.
    Stricter than ``check`` (which warns about those conversions): what a tool description
    should ask an agent for. Structured and unknown inputs keep their full schema."""
    full = rule_schema(rule, local_files)
    if isinstance(rule, (JsonRule, UnknownRule)) or not isinstance(full, dict):
        return full
    if list(full) == ["anyOf"]:
        return dict(full["anyOf"][0])
    if isinstance(full.get("type"), list):
        return {**full, "type": full["type"][0]}
    return full


def args_properties(
    profile: Profile, local_files: bool = False, clean: bool = False
) -> dict[str, Any]:
    """``{argument name: schema}``; anchors end in ``-a`` (``-l`` with ``local_files``).

    A tie (one name setting several inputs) is one argument, in its first member's place,
    whose value must suit every member; its members are no arguments of their own.
    """
    index = {inp.key: n for n, inp in enumerate(profile.inputs)}
    tail = "-l" if local_files else "-a"
    out: dict[str, Any] = {}
    for name, inp in parameter_names(profile).items():
        tie = profile.tied.get(inp.name)
        if tie is None:
            anchor = anchor_of(profile, index[inp.key]) + tail
            out[name] = argument_schema(inp, anchor, local_files, clean)
        elif tie.name not in out:
            out[tie.name] = tie_schema(profile, tie, index, tail, local_files, clean)
    return out


def tie_schema(
    profile: Profile,
    tie: Tie,
    index: dict[tuple[str, str], int],
    tail: str,
    local_files: bool,
    clean: bool = False,
) -> dict[str, Any]:
    members = [profile.by_name[m] for m in tie.members]
    first, *rest = [
        argument_schema(m, anchor_of(profile, index[m.key]) + tail, local_files, clean)
        for m in members
    ]
    keys = ("description", "default", "format", "contentMediaType")
    notes: dict[str, Any] = {k: first[k] for k in keys if k in first}
    notes["title"] = tie.name
    notes["description"] = f"sets {', '.join(tie.members)}: " + notes["description"]
    targets = [{"input": m.name, "nodeId": m.node_id, "fieldName": m.field} for m in members]
    notes["x-rhconfig"] = {"tie": tie.name, "kind": members[0].kind, "members": targets}
    return {**notes, "allOf": [first, *rest]}


def args_schema(profile: Profile, local_files: bool = False) -> dict[str, Any]:
    """The whole ``--form args`` schema of ``profile``."""
    return {
        "$schema": DRAFT,
        "$comment": LIMITS + " Arguments not given keep the workflow's own value (default).",
        "title": f"arguments of {profile.what}",
        "description": "Named inputs (the keyword arguments of the module "
                       "'rhconfig gen' writes); each becomes one nodeInfoList entry "
                       "(x-rhconfig gives its nodeId and fieldName).",
        "type": "object",
        "properties": args_properties(profile, local_files),
        "additionalProperties": False,
    }
