"""AI apps (webapps) as profiles: an apiCallDemo answer in, a :class:`~rhconfig.profile.Profile`
out. This is the one place where apps and workflows differ; ``check``, ``gen`` and ``run`` read
the profile and work on both.

Each apiCallDemo entry (``nodeId``, ``nodeName``, ``fieldName``, ``fieldValue``, ``fieldType``,
``fieldData`` as a JSON string, ``description``, ``descriptionEn``) becomes the catalog's spec
shape (LIST -> a combo of the ``index`` values, IMAGE/VIDEO/AUDIO -> a combo with the upload
flag, STRING/INT/FLOAT/BOOLEAN -> the ComfyUI spec in ``fieldData``) and goes through
:func:`rhconfig.classify.classify` and the naming code like a workflow input. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rhconfig.app_values import typed_value
from rhconfig.catalog import Spec, compact_spec
from rhconfig.classify import InputInfo, classify
from rhconfig.errors import AppFormatError
from rhconfig.graph import canonical_bytes
from rhconfig.naming import (
    NameRequest,
    as_identifier,
    assign_names,
    slug,
    title_slug,
    with_node_id,
)
from rhconfig.profile import APP, AppChoice, AppField, Profile, ProfileInput, ProfileNode, Source

EMPTY_LIST_ADVICE = (
    "its apiCallDemo lists no inputs, which means the app was never run successfully on the "
    "web: open it on RunningHub, run it once there, then scan again"
)
MEDIA_FIELD_TYPES = {"IMAGE": "image", "VIDEO": "video", "AUDIO": "audio"}
MODEL_FIELD_TYPES = frozenset({"CKPT", "LORA"})
# Keys of the apiCallDemo answer that are not kept: ``curl`` embeds the caller's API key,
# ``statisticsInfo`` (use counts) changes on every fetch.
DROPPED_KEYS = ("curl", "statisticsInfo")
# A description names an input when its slug is this short (else the field name does).
NAME_WORDS = 3
NAME_CHARS = 24


@dataclass(frozen=True)
class AppDocument:
    """An app's apiCallDemo ``data``, without the keys that must not be kept."""

    data: dict[str, Any]

    @property
    def name(self) -> str | None:
        name = self.data.get("webappName")
        return name if isinstance(name, str) else None

    @property
    def entries(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.data["nodeInfoList"]
        return entries


def parse_app_document(document: Any, what: str = "the apiCallDemo answer") -> AppDocument:
    """Accept the whole envelope ``{"code", "msg", "data"}``, its ``data``, or a bare list."""
    if isinstance(document, list):
        document = {"nodeInfoList": document}
    if not isinstance(document, dict):
        raise AppFormatError(f"{what} is not a JSON object holding 'nodeInfoList'")
    if "code" in document and "data" in document:
        code = document.get("code")
        if code != 0:
            msg = str(document.get("msg") or "")[:80]
            raise AppFormatError(f"{what} is a RunningHub error (code {code}: {msg})")
        document = document["data"]
        if not isinstance(document, dict):
            raise AppFormatError(f"{what} holds no 'data.nodeInfoList'")
    entries = document.get("nodeInfoList")
    if entries is None and isinstance(document.get("nodes"), list):
        raise AppFormatError(f"{what} is a ComfyUI UI-format workflow, not an AI app's inputs")
    if not isinstance(entries, list):
        raise AppFormatError(
            f"{what} has no 'nodeInfoList' array (expected GET /api/webapp/apiCallDemo's answer)"
        )
    for pos, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise AppFormatError(f"{what}: nodeInfoList[{pos}] is not an object")
        for key in ("nodeId", "fieldName"):
            value = entry.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and key == "nodeId":
                continue
            if not isinstance(value, str) or not value:
                raise AppFormatError(f"{what}: nodeInfoList[{pos}] has no {key} string")
    kept = {k: v for k, v in document.items() if k not in DROPPED_KEYS}
    kept["nodeInfoList"] = [dict(e, nodeId=str(e["nodeId"])) for e in entries]
    return AppDocument(kept)


def app_sha256(entries: Sequence[Mapping[str, Any]]) -> str:
    """The source hash of an app: over its nodeInfoList, canonical JSON."""
    try:
        return hashlib.sha256(canonical_bytes({"nodeInfoList": list(entries)})).hexdigest()
    except ValueError:
        raise AppFormatError("the app's list holds NaN or Infinity") from None


# -- one entry -> spec, default, labels ---------------------------------------------------------


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


_BAD = object()  # fieldData that is there but does not parse


def _field_data(entry: Mapping[str, Any]) -> Any:
    raw = entry.get("fieldData")
    if isinstance(raw, str):
        try:
            return json.loads(raw) if raw.strip() else None
        except ValueError:
            return _BAD
    return raw


def _list_spec(data: Any) -> tuple[Spec, Any, tuple[AppChoice, ...]] | None:
    """LIST: ``[{"name", "index", "description"}, ..., {"default", "description"}]``."""
    if not isinstance(data, list):
        return None
    choices: list[AppChoice] = []
    default: Any = None
    for item in data:
        if not isinstance(item, dict):
            return None
        if "index" in item:
            value = item["index"]
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                return None
            if all(c.value != value for c in choices):
                choices.append(AppChoice(value, _text(item.get("name")),
                                         _text(item.get("description"))))
        elif "default" in item:
            default = item["default"]
    if not choices:
        return None
    return {"type": "COMBO", "choices": [c.value for c in choices]}, default, tuple(choices)


def app_spec(field_type: str, data: Any) -> Spec | None:
    """The catalog spec of a non-LIST entry, or None when its fieldData says nothing usable."""
    if data is _BAD:
        return None
    if field_type in ("BOOLEAN", "SWITCH"):
        spec = compact_spec(data) if isinstance(data, list) else None
        return {"type": "BOOLEAN", **({"default": spec["default"]} if spec and "default" in spec
                                      else {})}
    spec = compact_spec(data) if isinstance(data, list) else None
    if spec is None:
        return None
    if field_type in MEDIA_FIELD_TYPES:
        if spec.get("type") != "COMBO":
            return None
        spec.setdefault("upload", MEDIA_FIELD_TYPES[field_type])
        return spec
    if field_type in MODEL_FIELD_TYPES:
        return spec if spec.get("type") == "COMBO" else None
    if field_type in ("INT", "FLOAT", "STRING") and spec.get("type") != field_type:
        return None
    return spec


def _unparsed(field_type: str) -> InputInfo:
    """fieldData that does not parse: the kind from fieldType alone, ``known: false``."""
    kind, wtype = {
        "LIST": ("choice", "COMBO"),
        "STRING": ("string", "STRING"),
        "INT": ("integer", "INT"),
        "FLOAT": ("number", "FLOAT"),
        "BOOLEAN": ("boolean", "BOOLEAN"),
        "SWITCH": ("boolean", "BOOLEAN"),
        "CKPT": ("model", "COMBO"),
        "LORA": ("model", "COMBO"),
        **{t: (k, "COMBO") for t, k in MEDIA_FIELD_TYPES.items()},
    }.get(field_type, ("string", "STRING"))
    return InputInfo(kind=kind, type=wtype, known=False, primary=True)


@dataclass(frozen=True)
class _Draft:
    entry: Mapping[str, Any]
    info: InputInfo
    default: Any
    app: AppField


def _draft(entry: Mapping[str, Any]) -> _Draft:
    field_type = str(entry.get("fieldType") or "").strip().upper() or "STRING"
    data = _field_data(entry)
    node_name = str(entry.get("nodeName") or "")
    field = str(entry["fieldName"])
    value = entry.get("fieldValue")
    choices: tuple[AppChoice, ...] = ()
    info: InputInfo | None = None
    default: Any = value
    if field_type == "LIST":
        listed = _list_spec(data)
        if listed is not None:
            spec, listed_default, choices = listed
            found = classify(node_name, field, value, spec, node_name)
            # The app lists its choices: a choice even where a workflow's combo would be a model.
            info = InputInfo(kind="choice", type="COMBO", known=True,
                             choices=tuple(spec["choices"]), description=found.description,
                             primary=True)
            if listed_default is not None:
                default = listed_default
    else:
        spec_or_none = app_spec(field_type, data)
        if spec_or_none is not None:
            probe = value if field_type not in ("INT", "FLOAT", "BOOLEAN", "SWITCH") else 0
            found = classify(node_name, field, probe, spec_or_none, node_name)
            if field_type in MODEL_FIELD_TYPES:
                found = InputInfo(kind="model", type="COMBO", known=True)
            info = found
    if info is None:
        info = _unparsed(field_type)
    default = typed_value(info.kind, default, info.choices)
    app = AppField(
        field_type=field_type,
        description=_text(entry.get("description")),
        description_en=_text(entry.get("descriptionEn")),
        choices=choices,
    )
    return _Draft(entry, info, default, app)


# -- names ---------------------------------------------------------------------------------------


def name_candidates(req: NameRequest) -> tuple[str, ...]:
    """An app input's names, best first: its English description when that slugs to a short
    name, then its field (``prompt``, ``image``, ``aspect_ratio``), then node class + field;
    the last one (with the node id) is unique by construction."""
    field = slug(req.field) or "value"
    owner = slug(req.class_type) or "node"
    out: list[str] = []
    described = title_slug(req.title) if req.title else ""
    if described and len(described) <= NAME_CHARS and described.count("_") < NAME_WORDS:
        out.append(described)
    out.append(field)
    out.append(field if owner == field else f"{owner}_{field}")
    out.append(with_node_id(out[-1], req.node_id))
    return tuple(as_identifier(c) for c in out)


def build_app_profile(
    document: AppDocument,
    webapp_id: str,
    *,
    source_kind: str = "file",
    keep_names: Mapping[tuple[str, str], str] | None = None,
) -> Profile:
    """One exposed :class:`ProfileInput` per apiCallDemo entry, in the app's order."""
    entries = document.entries
    if not entries:
        raise AppFormatError(f"app {webapp_id}: {EMPTY_LIST_ADVICE}")
    drafts: list[_Draft] = []
    requests: list[NameRequest] = []
    nodes: dict[str, ProfileNode] = {}
    seen: set[tuple[str, str]] = set()
    for pos, entry in enumerate(entries):
        key = (entry["nodeId"], entry["fieldName"])
        if key in seen:
            raise AppFormatError(
                f"app {webapp_id}: nodeInfoList[{pos}] repeats node {key[0]} field '{key[1]}'"
            )
        seen.add(key)
        draft = _draft(entry)
        drafts.append(draft)
        node_name = str(entry.get("nodeName") or "")
        requests.append(NameRequest(key[0], key[1], draft.app.description_en or "", node_name))
        nodes.setdefault(key[0], ProfileNode(id=key[0], class_type=node_name, title=node_name,
                                             known=True))
    keep = keep_names or {}
    names = assign_names(requests, [keep.get((r.node_id, r.field)) for r in requests],
                         name_candidates)
    inputs = []
    for name, d in zip(names, drafts, strict=True):
        info = d.info
        node_name = str(d.entry.get("nodeName") or "")
        inputs.append(ProfileInput(
            name=name,
            node_id=str(d.entry["nodeId"]),
            field=str(d.entry["fieldName"]),
            class_type=node_name,
            title=node_name,
            kind=info.kind,
            type=info.type,
            default=d.default,
            known=info.known,
            expose=True,  # the app's list is exactly what a caller may change
            choices=info.choices,
            minimum=info.minimum,
            maximum=info.maximum,
            step=info.step,
            multiline=info.multiline,
            description=d.app.description_en or d.app.description or info.description,
            app=d.app,
        ))
    return Profile(
        workflow_id=webapp_id,
        source=Source(kind=source_kind, graph_sha256=app_sha256(entries)),
        inputs=tuple(inputs),
        nodes=nodes,
        target=APP,
        app_name=document.name,
    )
