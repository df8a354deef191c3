"""What the local RunningHub says about a task's values, as the real one would.

RunningHub runs ComfyUI's own validation on create and answers ``promptTips`` with
``result: false`` and ComfyUI-style ``node_errors`` for values ComfyUI rejects (the task is still
created, and fails). A media value that no loader can find (neither uploaded, nor a URL, nor the
workflow's own value) passes validation here and fails when the loader runs: a FAILED task whose
``failedReason`` names the loader.

The rules are :func:`rhconfig.check.validate`'s: the fake and ``rhconfig check`` agree on what is
an error. Pure: the caller (the fake's create and AI-app run, on either wire) passes the graph,
the entries and the names uploaded so far.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rhconfig.check import Finding, validate
from rhconfig.check.findings import (
    INVALID_MEDIA_VALUE,
    LINKED_FIELD,
    NOT_IN_ENUM,
    OUT_OF_RANGE,
    TYPE_MISMATCH,
    UNVERIFIED_MEDIA,
)
from rhconfig.check.media import is_url
from rhconfig.media import MEDIA_KINDS
from rhconfig.profile import Profile, ProfileInput

MEDIA_CODES = frozenset({INVALID_MEDIA_VALUE, UNVERIFIED_MEDIA})
COMFY_TYPES = {"INT": "INT", "FLOAT": "FLOAT", "BOOLEAN": "BOOLEAN", "STRING": "STRING"}


@dataclass(frozen=True)
class Verdict:
    """``prompt_tips``: the promptTips object; ``failure``: the failedReason parts for a
    task that passes validation but fails at run time (node id, exception type, message)."""

    prompt_tips: dict[str, Any]
    failure: tuple[str, str, str] | None = None

    @property
    def ok(self) -> bool:
        return bool(self.prompt_tips.get("result"))


_PROFILES: dict[str, Profile] = {}
_LOCK = threading.Lock()


def graph_profile(graph: Mapping[str, Any]) -> Profile:
    """The profile ``scan`` would build from ``graph`` with the bundled catalog (cached by the
    graph's content)."""
    digest = hashlib.sha256(
        json.dumps(graph, sort_keys=True, ensure_ascii=True, default=str).encode()
    ).hexdigest()
    with _LOCK:
        hit = _PROFILES.get(digest)
    if hit is not None:
        return hit
    from rhconfig.catalog_files import bundled_catalog
    from rhconfig.scan import scan_document

    profile = scan_document(dict(graph), bundled_catalog(), "1").profile
    with _LOCK:
        if len(_PROFILES) > 64:
            _PROFILES.clear()
        _PROFILES[digest] = profile
    return profile


def judge(
    graph: Mapping[str, Any],
    entries: Sequence[Mapping[str, Any]],
    uploaded: Collection[str],
    outputs: Sequence[str],
) -> Verdict:
    """The promptTips (and any run-time failure) RunningHub would give these entries.

    ``uploaded``: file names this server handed out; ``outputs``: the output node ids.
    """
    profile = graph_profile(graph)
    findings = validate(profile, list(entries), probe_paths=False)
    node_errors: dict[str, dict[str, Any]] = {}
    failure: tuple[str, str, str] | None = None
    values: dict[tuple[str, str], Any] = {
        (str(e.get("nodeId")), str(e.get("fieldName"))): e.get("fieldValue") for e in entries
    }
    for f in findings:
        if f.node_id is None or f.field is None:
            continue  # malformed entries: the fake's create refused them already (301/803)
        inp = profile.by_key.get((f.node_id, f.field))
        value = values.get((f.node_id, f.field))
        if inp is None:
            node = profile.nodes.get(f.node_id)
            if f.code == LINKED_FIELD and node is not None:
                error = {
                    "type": "invalid_input_type",
                    "message": "Input is a link, not a value",
                    "details": f"{f.field}: expected a link from another node, got {value!r:.80}",
                    "extra_info": {"input_name": f.field, "received_value": value},
                }
                _add(node_errors, f.node_id, node.class_type, error, outputs)
            continue
        if inp.kind in MEDIA_KINDS and f.code in MEDIA_CODES:
            if failure is None:
                failure = _missing_file(inp, value)
            continue
        if f.is_error:
            _add(node_errors, inp.node_id, inp.class_type, _comfy_error(f, inp, value), outputs)
    # A media value the checker lets through (an upload name, a URL) may still be unknown here.
    if failure is None:
        for (node_id, field), value in values.items():
            inp = profile.by_key.get((node_id, field))
            if inp is None or inp.kind not in MEDIA_KINDS or not isinstance(value, str):
                continue
            if value == inp.default or value in uploaded or is_url(value):
                continue
            failure = _missing_file(inp, value)
            break
    if node_errors:
        tips = {
            "result": False,
            "error": {
                "type": "prompt_outputs_failed_validation",
                "message": "Prompt outputs failed validation",
                "details": "",
                "extra_info": {},
            },
            "outputs_to_execute": [],
            "node_errors": node_errors,
        }
        return Verdict(tips, None)
    tips = {"result": True, "error": None, "outputs_to_execute": list(outputs), "node_errors": {}}
    return Verdict(tips, failure)


def _add(
    node_errors: dict[str, dict[str, Any]],
    node_id: str,
    class_type: str,
    error: dict[str, Any],
    outputs: Sequence[str],
) -> None:
    entry = node_errors.setdefault(node_id, {
        "errors": [], "dependent_outputs": list(outputs), "class_type": class_type,
    })
    entry["errors"].append(error)


def _config(inp: ProfileInput) -> list[Any]:
    options: dict[str, Any] = {}
    if inp.default is not None:
        options["default"] = inp.default
    for key in ("minimum", "maximum", "step"):
        value = getattr(inp, key)
        if value is not None:
            options[key[:3]] = value
    head: Any = list(inp.choices) if inp.choices is not None else inp.type
    return [head, options]


def _comfy_error(f: Finding, inp: ProfileInput, value: Any) -> dict[str, Any]:
    """ComfyUI's own wording (execution.py validate_inputs) for one rejected value."""
    name = inp.field
    extra = {"input_name": name, "input_config": _config(inp), "received_value": value}
    if f.code == OUT_OF_RANGE and isinstance(value, (int, float)):
        if inp.minimum is not None and value < inp.minimum:
            return {
                "type": "value_smaller_than_min",
                "message": f"Value {value} smaller than min of {inp.minimum}",
                "details": name,
                "extra_info": extra,
            }
        return {
            "type": "value_bigger_than_max",
            "message": f"Value {value} bigger than max of {inp.maximum}",
            "details": name,
            "extra_info": extra,
        }
    if f.code == NOT_IN_ENUM or (inp.choices is not None and f.code != TYPE_MISMATCH):
        shown = list(inp.choices or ())[:20]
        return {
            "type": "value_not_in_list",
            "message": "Value not in list",
            "details": f"{name}: '{value}' not in {shown}",
            "extra_info": extra,
        }
    kind = COMFY_TYPES.get(inp.type, inp.type)
    return {
        "type": "invalid_input_type",
        "message": f"Failed to convert an input value to a {kind} value",
        "details": f"{name}, {value!r:.80}, {f.message}",
        "extra_info": extra,
    }


_LOADER_ERRORS = {
    "image": ("FileNotFoundError", "Invalid image file: {value}"),
    "video": ("FileNotFoundError", "Invalid video file: {value}"),
    "audio": ("FileNotFoundError", "Invalid audio file: {value}"),
    "file": ("FileNotFoundError", "[Errno 2] No such file or directory: "
             "'/root/ComfyUI/input/{value}'"),
}


def _missing_file(inp: ProfileInput, value: Any) -> tuple[str, str, str]:
    exc, template = _LOADER_ERRORS.get(inp.kind, _LOADER_ERRORS["file"])
    return inp.node_id, exc, template.format(value=str(value)[:200])


def summary(tips: Mapping[str, Any]) -> str:
    """One line for a rejected prompt: each node's first errors, ComfyUI's wording."""
    parts = []
    for node_id, entry in (tips.get("node_errors") or {}).items():
        for error in entry.get("errors", [])[:3]:
            parts.append(f"node {node_id}: {error.get('message')}: {error.get('details')}")
    return "Prompt outputs failed validation: " + "; ".join(parts)[:500]
