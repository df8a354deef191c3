"""A JSON Schema (Draft 2020-12) for a profile's nodeInfoList, equivalent to :func:`validate`'s
error verdict per entry for the value rules: entry shape, unknown node/field, linked fields,
types, enums and ranges (warnings count as valid).

Used by ``benchmarks/bench_check.py`` to compare speed and verdicts, and available to people who
want a schema for their editor. What a schema cannot say, and so is left out or approximated:

- the range of a numeric *string* ("20000" for an INT of max 10000): only its form is checked;
- NaN/Infinity and integers too large for a float (not JSON, or beyond float range);
- "a path that exists on this machine" (a filesystem probe);
- the list-level warnings (duplicates, nothing changed).
"""

from __future__ import annotations

from typing import Any

from rhconfig.check.index import make_rule
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
from rhconfig.profile import Profile

DRAFT = "https://json-schema.org/draft/2020-12/schema"
INT_TEXT = r"^\s*[+-]?\d(_?\d)*\s*$"
FLOAT_TEXT = r"^\s*[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?\s*$"
LOCAL_PATH = r"^(/|~|\.{1,2}[/\\]|[A-Za-z]:[/\\]|\\\\|[Ff][Ii][Ll][Ee]:)"
REMOTE = r"^(api/[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,8}$|[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+)"
STRUCTURE = ["object", "array"]
Schema = dict[str, Any] | bool


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


def rule_schema(rule: Rule) -> Schema:
    """The values ``rule`` does not call an error (the workflow's own value aside)."""
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
        return _media_schema(rule)
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


def _media_schema(rule: MediaRule) -> Schema:
    checks: list[Schema] = [
        {"type": "string", "pattern": r"\S"},
        {"anyOf": [{"pattern": REMOTE}, {"not": {"pattern": LOCAL_PATH}}]},
    ]
    if rule.strict and rule.kind != "file":
        also = LOADER_ALSO.get(rule.kind, frozenset())
        foreign = sorted(e for e, k in MEDIA_EXT.items() if k != rule.kind and e not in also)
        pattern = r"\.(" + "|".join(_any_case(e) for e in foreign) + r")(\?[^?]*)?$"
        checks.append({"not": {"pattern": pattern}})
    return {"allOf": checks}


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def value_schema(rule: Rule) -> Schema:
    """``rule_schema`` plus the workflow's own value and ComfyUI's ``__value__`` unwrapping."""
    accepted = rule_schema(rule)
    if accepted is True:
        return True
    own: Schema = {"const": rule.default}
    if not rule.unwrap:
        return {"anyOf": [own, accepted]}
    wrapped = {"type": "object", "required": ["__value__"],
               "properties": {"__value__": {"anyOf": [own, accepted]}}}
    return {"anyOf": [own, accepted, wrapped]}


def node_info_schema(profile: Profile) -> dict[str, Any]:
    """The whole schema: an array of entries, dispatched on nodeId, then on fieldName."""
    defs: dict[str, Any] = {}
    by_node: dict[str, list[tuple[str, Schema]]] = {}
    for inp in profile.inputs:
        by_node.setdefault(inp.node_id, []).append((inp.field, value_schema(make_rule(inp))))
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
        "title": f"nodeInfoList for workflow {profile.workflow_id}",
        "type": "array",
        "items": {"$ref": "#/$defs/entry"},
        "$defs": defs,
    }
