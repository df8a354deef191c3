"""The profile on paper: plain dicts, deterministic YAML, and the JSON Schema both must meet.

Uses PyYAML's C loader and dumper when present. Pure: text in, text out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import yaml

from rhconfig.errors import ProfileError
from rhconfig.naming import is_valid_name
from rhconfig.profile import (
    OPTIONAL_KEYS,
    AppField,
    Profile,
    ProfileInput,
    Tie,
    profile_from_valid_dict,
)
from rhconfig.resources import schemas_dir

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

HEADER = (
    "# rhconfig workflow profile. You may edit 'name', 'description' and 'expose':\n"
    "# 'rhconfig scan' keeps those edits when it rescans the workflow.\n"
)
APP_HEADER = (
    "# rhconfig AI-app profile. You may edit 'name', 'description' and 'expose':\n"
    "# 'rhconfig scan' keeps those edits when it rescans the app (apiCallDemo).\n"
)


def _app_to_dict(app: AppField) -> dict[str, Any]:
    out: dict[str, Any] = {"field_type": app.field_type}
    if app.description is not None:
        out["description"] = app.description
    if app.description_en is not None:
        out["description_en"] = app.description_en
    if app.choices:
        out["choices"] = []
        for c in app.choices:
            item: dict[str, Any] = {"value": c.value}
            if c.name is not None:
                item["name"] = c.name
            if c.description is not None:
                item["description"] = c.description
            out["choices"].append(item)
    return out


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    inputs = []
    for i in profile.inputs:
        item: dict[str, Any] = {
            "name": i.name,
            "node_id": i.node_id,
            "field": i.field,
            "class_type": i.class_type,
            "title": i.title,
            "kind": i.kind,
            "type": i.type,
            "default": i.default,
            "known": i.known,
            "expose": i.expose,
        }
        for key in OPTIONAL_KEYS:
            value = getattr(i, key)
            if value is not None:
                item[key] = list(value) if key == "choices" else value
        if i.app is not None:
            item["app"] = _app_to_dict(i.app)
        inputs.append(item)
    nodes: dict[str, Any] = {}
    for node in profile.nodes.values():
        entry: dict[str, Any] = {
            "class_type": node.class_type,
            "title": node.title,
            "known": node.known,
        }
        if node.links:
            entry["links"] = {f: [src, idx] for f, (src, idx) in node.links.items()}
        nodes[node.id] = entry
    head: dict[str, Any] = {
        "schema_version": profile.schema_version,
        "target": profile.target,
        "workflow_id": profile.workflow_id,
    }
    if profile.app_name is not None:
        head["app_name"] = profile.app_name
    return {
        **head,
        "source": {
            "kind": profile.source.kind,
            "graph_sha256": profile.source.graph_sha256,
            "rhconfig_version": profile.source.rhconfig_version,
        },
        "inputs": inputs,
        **(
            {"ties": [{"name": t.name, "inputs": list(t.members)} for t in profile.ties]}
            if profile.ties
            else {}
        ),
        "nodes": nodes,
    }


def profile_from_dict(data: dict[str, Any], what: str = "profile") -> Profile:
    """Check ``data`` against the schema and the name rules, then build the :class:`Profile`."""
    validate_document(data, what)
    profile = profile_from_valid_dict(data)
    _check_names(profile, what)
    return profile


def _check_names(profile: Profile, what: str) -> None:
    seen: dict[str, ProfileInput] = {}
    keys: set[tuple[str, str]] = set()
    for i in profile.inputs:
        if not is_valid_name(i.name):
            raise ProfileError(f"{what}: input name {i.name!r} is a reserved word or not valid")
        if i.name in seen:
            other = seen[i.name]
            raise ProfileError(
                f"{what}: input name {i.name!r} is used twice "
                f"(node {other.node_id} '{other.field}' and node {i.node_id} '{i.field}')"
            )
        if i.key in keys:
            raise ProfileError(f"{what}: node {i.node_id} field '{i.field}' is listed twice")
        seen[i.name] = i
        keys.add(i.key)
    problem = tie_problem(profile, profile.ties)
    if problem:
        raise ProfileError(f"{what}: {problem}")


def tie_problem(profile: Profile, ties: Sequence[Tie]) -> str | None:
    """What is wrong with ``ties`` for ``profile`` (None when nothing): a tie's name is a valid
    name, no other input's or tie's; its members exist, share a kind, and are in no other tie."""
    by_name = profile.by_name
    names: set[str] = set()
    owner: dict[str, str] = {}
    for tie in ties:
        if not is_valid_name(tie.name):
            return f"tie name {tie.name!r:.60} is a reserved word or not valid"
        if tie.name in names:
            return f"tie name '{tie.name}' is used twice"
        names.add(tie.name)
        if tie.name in by_name and tie.name not in tie.members:
            return f"tie name '{tie.name}' is the name of an input it does not hold"
        if not tie.members:
            return f"tie '{tie.name}' holds no input"
        kinds = set()
        for member in tie.members:
            inp = by_name.get(member)
            if inp is None:
                return f"tie '{tie.name}': no input named {member!r:.60}"
            if member in owner:
                return f"input '{member}' is in two ties ('{owner[member]}' and '{tie.name}')"
            owner[member] = tie.name
            kinds.add(inp.kind)
        if len(kinds) > 1:
            return (f"tie '{tie.name}' mixes kinds ({', '.join(sorted(kinds))}): "
                    "tied inputs must share a kind")
    return None


@lru_cache(maxsize=1)
def profile_schema() -> dict[str, Any]:
    text = (schemas_dir() / "profile.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    """The schema's validator, built from a copy with its local ``$ref``s inlined: the same
    rules, but jsonschema no longer resolves a reference for every input (about 30% faster)."""
    from jsonschema import Draft202012Validator

    schema = dict(profile_schema())
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return Draft202012Validator(inline(schema))


@lru_cache(maxsize=1)
def _fast_is_valid() -> Callable[[Any], bool] | None:
    """jsonschema-rs (Rust) tells valid from invalid about 100x faster than jsonschema; None
    where it is not installed. jsonschema stays the reference and writes the messages."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform without its wheel
        return None
    is_valid: Callable[[Any], bool] = jsonschema_rs.Draft202012Validator(profile_schema()).is_valid
    return is_valid


def validate_document(data: Any, what: str = "profile") -> None:
    """Raise :class:`ProfileError` with the first schema violation, in one line."""
    fast = _fast_is_valid()
    if fast is not None:
        try:
            if fast(data):
                return
        except (ValueError, TypeError, OverflowError):
            pass  # data jsonschema-rs cannot take (e.g. non-string keys): ask jsonschema
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        message = err.message if len(err.message) <= 160 else err.message[:157] + "..."
        raise ProfileError(f"{what}: invalid profile at {where}: {message}{more}")


def dump_yaml(profile: Profile) -> str:
    data = profile_to_dict(profile)
    validate_document(data, f"profile for {profile.what}")
    try:
        body: str = yaml.emit(_events(data), Dumper=_Dumper, allow_unicode=True, width=100)
        body.encode("utf-8")
    except UnicodeEncodeError:
        raise ProfileError(_surrogate_message(profile)) from None
    return (APP_HEADER if profile.is_app else HEADER) + body


_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_FLOATS = yaml.representer.SafeRepresenter()
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=8192)
def _scalar(tag: str, text: str) -> yaml.ScalarEvent:
    """The event of one scalar, with what PyYAML's serializer asks its resolver: may it be
    written plain (it reads back as ``tag``), may it be written quoted without a tag.
    Memoised: a profile repeats the same keys and words for every input, each answer costs a
    regex walk, and the emitters only read events, so one event serves every repeat."""
    plain = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == tag  # type: ignore[no-untyped-call]
    return yaml.ScalarEvent(None, tag, (plain, tag == _STR), text)


_MAP_START = yaml.MappingStartEvent(None, _MAP, True, flow_style=False)
_MAP_END = yaml.MappingEndEvent()
_SEQ_START = yaml.SequenceStartEvent(None, _SEQ, True, flow_style=False)
_SEQ_END = yaml.SequenceEndEvent()


def _events(data: Any) -> list[yaml.Event]:
    """The event stream PyYAML's serializer would make of ``data``'s representation (plain
    JSON data, block style, no anchors), made directly: the serializer would call the
    resolver twice per scalar, which costs more than the C emitter that writes the text.
    The golden profiles under workflows/ pin the output."""
    events: list[yaml.Event] = [yaml.StreamStartEvent(), yaml.DocumentStartEvent()]
    add = events.append

    scalar = _scalar

    def walk(value: Any) -> None:
        kind = type(value)
        if kind is str:
            add(scalar(_STR, value))
        elif kind is dict:
            add(_MAP_START)
            for k, v in value.items():
                add(scalar(_STR, k))
                walk(v)
            add(_MAP_END)
        elif kind is list or kind is tuple:
            add(_SEQ_START)
            for v in value:
                walk(v)
            add(_SEQ_END)
        elif kind is bool:
            add(scalar(_BOOL, "true" if value else "false"))
        elif kind is int:
            add(scalar(_INT, str(value)))
        elif value is None:
            add(scalar(_NULL, "null"))
        elif kind is float:
            node = _FLOATS.represent_float(value)
            add(scalar(node.tag, node.value))
        else:
            raise ProfileError(f"a profile cannot hold a {kind.__name__} value")

    walk(data)
    events += [yaml.DocumentEndEvent(), yaml.StreamEndEvent()]
    return events


def _surrogate_message(profile: Profile) -> str:
    """Name the input whose text is not valid Unicode (a lone surrogate such as \\ud800)."""

    def bad(text: object) -> bool:
        return isinstance(text, str) and any("\ud800" <= ch <= "\udfff" for ch in text)

    for i in profile.inputs:
        if bad(i.title) or bad(i.field) or bad(i.default) or bad(i.description):
            return (
                f"{profile.what}: node {i.node_id} field {i.field!r} holds text "
                "that is not valid Unicode (a lone surrogate escape such as \\ud800)"
            )
    return f"{profile.what}: the graph holds text that is not valid Unicode"


def load_yaml(text: str, what: str = "profile") -> Profile:
    return profile_from_dict(load_yaml_data(text, what), what)


def load_yaml_data(text: str, what: str = "profile") -> dict[str, Any]:
    """The YAML text as plain data (a mapping), or :class:`ProfileError` in one line."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise ProfileError(f"{what} is not valid YAML: {problem}{where}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{what} is not a profile (expected a YAML mapping)")
    return data
