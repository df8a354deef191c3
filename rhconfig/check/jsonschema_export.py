"""JSON Schemas (Draft 2020-12) of a profile, with :func:`validate`'s error verdict.

``rhconfig schema ID`` writes them: :func:`node_info_schema` (``--form node-info``) describes a
nodeInfoList entry by entry; :func:`rhconfig.check.args_schema.args_schema` (``--form args``) the
named arguments. Both accept exactly what ``check`` does not call an error for the value rules
(entry shape, unknown node/field, linked fields, types, enums, ranges, media values; warnings
count as valid), except what a schema cannot say, listed in :data:`LIMITS` and in each schema's
``$comment``. ``benchmarks/bench_check.py`` compares their speed and verdicts with ``check``.
"""

from __future__ import annotations

import json
from typing import Any

from rhconfig.check.index import AppStringRule, make_rule
from rhconfig.check.media import MediaRule
from rhconfig.check.values import (
    BoolRule,
    ChoiceRule,
    FloatRule,
    IntRule,
    JsonRule,
    ModelRule,
    Rule,
    StringRule,
    UnknownRule,
)
from rhconfig.media import LOADER_ALSO, MEDIA_EXT
from rhconfig.profile import Profile, ProfileInput

DRAFT = "https://json-schema.org/draft/2020-12/schema"
INT_TEXT = r"^\s*[+-]?\d(_?\d)*\s*$"
FLOAT_TEXT = r"^\s*[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?\s*$"
LOCAL_PATH = r"^(/|~|\.{1,2}[/\\]|[A-Za-z]:[/\\]|\\\\|[Ff][Ii][Ll][Ee]:)"
REMOTE = r"^((open)?api/[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,8}$|[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+)"
STRUCTURE = ["object", "array"]
Schema = dict[str, Any] | bool

# What the schemas cannot express; ``check`` still catches these.
LIMITS = (
    "Not expressed (rhconfig check still catches them): the range of a numeric string "
    "(\"20000\" for an INT of maximum 10000: only its form is checked); NaN, Infinity and "
    "numbers beyond float range; a media value naming a file that exists on this machine "
    "(a filesystem probe); and the list-level warnings (an input set twice, nothing changed). "
    "Warnings (coerced values, unverified media and model names) are valid here, as in check."
)


def _int_number_bounds(minimum: Any, maximum: Any) -> dict[str, Any]:
    """Bounds on a float such that ``int(x)`` (truncation toward zero) is within [min, max]."""
    out: dict[str, Any] = {}
    if minimum is not None:
        if minimum > 0:
            out["minimum"] = minimum
        else:
            out["exclusiveMinimum"] = int(minimum) - 1 if minimum == int(minimum) else minimum - 1
    if maximum is not None:
        if maximum < 0:
            out["maximum"] = maximum
        else:
            out["exclusiveMaximum"] = int(maximum) + 1 if maximum == int(maximum) else maximum + 1
    return out


def _bounds(minimum: Any, maximum: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if minimum is not None:
        out["minimum"] = minimum
    if maximum is not None:
        out["maximum"] = maximum
    return out


def rule_schema(rule: Rule, local_files: bool = False) -> Schema:
    """The values ``rule`` does not call an error (the workflow's own value aside)."""
    if isinstance(rule, AppStringRule):
        return _app_schema(rule, local_files)
    if isinstance(rule, IntRule):
        return {"anyOf": [
            {"type": "integer", **_bounds(rule.minimum, rule.maximum)},
            {"type": "number", **_int_number_bounds(rule.minimum, rule.maximum)},
            {"type": "string", "pattern": INT_TEXT},
        ]}
    if isinstance(rule, FloatRule):
        return {"anyOf": [
            {"type": "number", **_bounds(rule.minimum, rule.maximum)},
            {"type": "string", "pattern": FLOAT_TEXT},
        ]}
    if isinstance(rule, StringRule):
        return {"type": ["string", "number", "boolean"]}
    if isinstance(rule, BoolRule):
        return {"type": ["boolean", "number"]}
    if isinstance(rule, ChoiceRule):
        return {"enum": list(rule.choices)}
    if isinstance(rule, ModelRule):
        return {"type": "string"}
    if isinstance(rule, MediaRule):
        return _media_schema(rule, local_files)
    if isinstance(rule, UnknownRule):
        scalar_default = rule.default is not None and not isinstance(rule.default, (dict, list))
        return {"not": {"type": STRUCTURE}} if scalar_default else True
    if isinstance(rule, JsonRule):
        link = {"type": "array", "minItems": 2, "maxItems": 2,
                "prefixItems": [{"type": "string"}, {"type": "integer"}]}
        branches: list[Schema] = [{"type": "array", "not": link}]
        if rule.inner is None:
            branches += [{"type": "object"}, {"not": {"type": STRUCTURE}}]
        else:
            inner = rule_schema(rule.inner)
            branches.append({"type": "object", "not": {"required": ["__value__"]}})
            branches.append({"type": "object", "required": ["__value__"], "properties": {
                "__value__": {"anyOf": [{"type": STRUCTURE}, inner]}}})
            branches.append({"allOf": [{"not": {"type": STRUCTURE}}, inner]})
        return {"anyOf": branches}
    return True


def _app_schema(rule: AppStringRule, local_files: bool) -> Schema:
    """An AI app's input also takes the string forms apiCallDemo uses (``"false"``, a choice's
    index written as text)."""
    inner = rule_schema(rule.inner, local_files)
    if isinstance(rule.inner, BoolRule):
        from rhconfig.app_values import BOOLEAN_WORDS

        words = "|".join(_any_case(w) for w in sorted(BOOLEAN_WORDS))
        return {"anyOf": [inner, {"type": "string", "pattern": rf"^\s*({words})\s*$"}]}
    if isinstance(rule.inner, ChoiceRule):
        texts = [str(c) for c in rule.inner.choices if not isinstance(c, str)]
        return {"enum": list(rule.inner.choices) + [t for t in texts
                                                    if t not in rule.inner.choices]}
    return inner


def _media_schema(rule: MediaRule, local_files: bool = False) -> Schema:
    """``local_files``: a path on this machine is welcome too (the caller uploads it first)."""
    checks: list[Schema] = [{"type": "string", "pattern": r"\S"}]
    if not local_files:
        checks.append({"anyOf": [{"pattern": REMOTE}, {"not": {"pattern": LOCAL_PATH}}]})
    if rule.strict and rule.kind != "file":
        also = LOADER_ALSO.get(rule.kind, frozenset())
        foreign = sorted(e for e, k in MEDIA_EXT.items() if k != rule.kind and e not in also)
        pattern = r"\.(" + "|".join(_any_case(e) for e in foreign) + r")(\?[^?]*)?$"
        checks.append({"not": {"pattern": pattern}})
    return {"allOf": checks}


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def value_schema(rule: Rule, anchor: str, local_files: bool = False) -> Schema:
    """``rule_schema`` plus the workflow's own value and ComfyUI's ``__value__`` unwrapping.

    ``anchor`` (unique in the document) names the schema so that the wrapper branch can refer
    back to it: ``{"__value__": x}`` is judged as ``x`` is, once (a wrapper in a wrapper is not
    unwrapped again, as in ComfyUI).
    """
    accepted = rule_schema(rule, local_files)
    if accepted is True:
        return True
    branches: list[Schema] = []
    if isinstance(accepted, dict) and list(accepted) == ["anyOf"]:
        branches += accepted["anyOf"]
    else:
        branches.append(accepted)
    if _refused(rule, rule.default):
        branches.append({"const": rule.default})
    if not rule.unwrap:
        return branches[0] if len(branches) == 1 else {"anyOf": branches}
    once = {"not": {"type": "object", "required": ["__value__"]}, "$ref": "#" + anchor}
    branches.append({"type": "object", "required": ["__value__"],
                     "properties": {"__value__": once}})
    return {"$anchor": anchor, "anyOf": branches}


def anchor_of(profile: Profile, index: int) -> str:
    """The ``$anchor`` of the profile's input number ``index``: unique across workflows."""
    return f"w{profile.workflow_id}-i{index}"


def _refused(rule: Rule, value: Any) -> bool:
    """True when ``rule`` alone calls the workflow's own value an error (so it needs a const)."""
    issue = rule.check(value, False) if isinstance(rule, MediaRule) else rule.check(value)
    return issue is not None and issue[0] == "error"


def _annotated(schema: Schema, notes: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with annotation keywords in front (``True`` becomes ``{}``)."""
    if schema is True:
        return dict(notes)
    if schema is False:
        return {**notes, "not": {}}
    return {**notes, **schema}


def input_notes(inp: ProfileInput) -> dict[str, Any]:
    """``title`` and ``description`` of an input, for either form."""
    where = f"node {inp.node_id} '{inp.title}', field {inp.field}"
    text = f"{inp.description} ({where})" if inp.description else where
    labelled = choice_labels(inp)
    if labelled:
        text += "; choices: " + ", ".join(
            f"{c['value']!r}" + (f" ({c['label']})" if c.get("label") else "") for c in labelled)
    return {"title": inp.name, "description": text}


def choice_labels(inp: ProfileInput) -> list[dict[str, Any]]:
    """An app's LIST choices with their names and descriptions (``[]`` when it has none)."""
    if inp.app is None or not any(c.name or c.description for c in inp.app.choices):
        return []
    out = []
    for c in inp.app.choices:
        label = ": ".join(t for t in (c.name, c.description) if t)
        item: dict[str, Any] = {"value": c.value}
        if c.name:
            item["name"] = c.name
        if c.description:
            item["description"] = c.description
        if label:
            item["label"] = label
        out.append(item)
    return out


def dump(schema: dict[str, Any]) -> str:
    """The schema as committed-file text: same profile, same bytes."""
    return json.dumps(schema, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def node_info_schema(profile: Profile) -> dict[str, Any]:
    """The whole schema: an array of entries, dispatched on nodeId, then on fieldName."""
    defs: dict[str, Any] = {}
    by_node: dict[str, list[tuple[str, Schema]]] = {}
    for n, inp in enumerate(profile.inputs):
        value = _annotated(value_schema(make_rule(inp), anchor_of(profile, n)), input_notes(inp))
        by_node.setdefault(inp.node_id, []).append((inp.field, value))
    node_branches = []
    for n, node_id in enumerate(profile.nodes):
        fields = by_node.get(node_id, [])
        field_branches = [
            {"if": {"properties": {"fieldName": {"const": name}}},
             "then": {"properties": {"fieldValue": schema}}}
            for name, schema in fields
        ]
        # A node without literal inputs takes no entry at all.
        defs[f"node{n}"] = False if not fields else {
            "properties": {"fieldName": {"enum": [name for name, _ in fields]}},
            "allOf": field_branches,
        }
        node_branches.append({
            "if": {"properties": {"nodeId": {"const": node_id}}},
            "then": {"$ref": f"#/$defs/node{n}"},
        })
    defs["entry"] = {
        "type": "object",
        "required": ["nodeId", "fieldName", "fieldValue"],
        "properties": {
            "nodeId": {"type": "string", "enum": list(profile.nodes)},
            "fieldName": {"type": "string", "minLength": 1},
        },
        "allOf": node_branches,
    }
    return {
        "$schema": DRAFT,
        "$comment": LIMITS,
        "title": f"nodeInfoList for {profile.what}",
        "description": "The overrides of a RunningHub create call: one entry per input to change "
                       "({nodeId, fieldName, fieldValue}), for the literal inputs of the profile.",
        "type": "array",
        "items": {"$ref": "#/$defs/entry"},
        "$defs": defs,
    }
