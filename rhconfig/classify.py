"""Decide the kind of each literal input: from the catalog when the class is known, else from
the value's JSON type, the field name and the value itself.

Pure: takes a node, a field, its value and the catalog spec (or None); returns an
:class:`InputInfo`. No naming, no YAML: that is :mod:`rhconfig.profile`'s job.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple, get_args

from rhconfig.catalog import WIDGET_TYPES, Spec
from rhconfig.media import MEDIA_EXT, MEDIA_KINDS, extension

Kind = Literal[
    "text",
    "string",
    "image",
    "video",
    "audio",
    "file",
    "seed",
    "integer",
    "number",
    "boolean",
    "choice",
    "model",
    "json",
]
KINDS: tuple[str, ...] = get_args(Kind)
MODEL_EXT = frozenset(
    {
        "safetensors",
        "ckpt",
        "pt",
        "pth",
        "bin",
        "gguf",
        "sft",
        "onnx",
        "pkl",
        "engine",
        "yaml",
    }
)

_SEED_FIELD = re.compile(r"(^|_)(seed|noise_seed)(_?\d+)?$")
_MODEL_FIELD = re.compile(
    r"(ckpt|checkpoint|lora|unet|vae|clip|control_?net|upscale_model|style_model|gligen|"
    r"hypernetwork|embedding|model|ipadapter|instantid|pulid|sam|bbox|segm|detector|"
    r"clip_vision|gemma|text_encoder)(_name|_path|_file)?(_?\d+)?$"
)
_TEXT_FIELD = re.compile(
    r"(^|_)(text|prompt|positive|negative|caption|lyrics|tags|wildcard_text|populated_text|"
    r"system_prompt|instruction)(_?[a-z0-9]+)?$"
)
_LOADER_CLASS = re.compile(r"load|upload|input", re.IGNORECASE)
_PRIMARY_FIELDS = frozenset(
    {
        "width",
        "height",
        "steps",
        "cfg",
        "denoise",
        "batch_size",
        "length",
        "num_frames",
        "frames",
        "duration",
        "fps",
        "frame_rate",
        "seconds",
    }
)


class InputInfo(NamedTuple):
    """What classification found (a named tuple: built once per literal input of a scan)."""

    kind: str
    type: str
    known: bool
    choices: tuple[Any, ...] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    step: int | float | None = None
    multiline: bool | None = None
    description: str | None = None
    primary: bool = False


def media_kind_of_value(value: Any) -> str | None:
    """``"image"``/``"video"``/``"audio"`` for a string that names such a file, else None."""
    if not isinstance(value, str) or len(value) > 1024 or "\n" in value:
        return None
    return MEDIA_EXT.get(extension(value))


def _is_model_field(field: str) -> bool:
    return bool(_MODEL_FIELD.search(field.lower()))


def _num(value: Any) -> int | float | None:
    kind = type(value)
    if kind is int or kind is float:  # JSON numbers; True is not one
        return value  # type: ignore[no-any-return]
    if value is None or kind is bool or not isinstance(value, (int, float)):
        return None
    return value


def classify(
    class_type: str, field: str, value: Any, spec: Spec | None, title: str = ""
) -> InputInfo:
    """The kind and constraints of one literal input."""
    if spec is not None:
        wtype = spec.get("type")
        if wtype in WIDGET_TYPES:
            return _from_spec(class_type, field, value, spec, wtype, title)
    return _from_value(class_type, field, value, known=False)


def clear_caches() -> None:
    """Forget memoised answers (benchmarks call this to measure a cold scan). Classification
    keeps none today; the hook stays so that a benchmark's cold scan stays cold."""


def _from_spec(
    class_type: str, field: str, value: Any, spec: Spec, wtype: str, title: str
) -> InputInfo:
    # InputInfo(kind, type, known, choices, minimum, maximum, step, multiline, description,
    # primary), positional: this runs once per literal input of every scan.
    description = spec.get("tooltip")
    vtype = type(value)
    if vtype is dict or vtype is list:
        # A wrapped or structured value where a widget is declared: keep it as JSON.
        return InputInfo("json", wtype, True, None, None, None, None, None, description)
    if wtype == "COMBO":
        upload = spec.get("upload")
        if upload in MEDIA_KINDS:
            return InputInfo(upload, wtype, True, None, None, None, None, None, description, True)
        choices = spec.get("choices") or []
        if (
            not choices
            or _is_model_field(field)
            or any(isinstance(c, str) and "." in c and extension(c) in MODEL_EXT for c in choices)
        ):
            # Server-dependent list (model files, folders): choices are not enforced.
            return InputInfo("model", wtype, True, None, None, None, None, None, description)
        return InputInfo("choice", wtype, True, tuple(choices), None, None, None, None, description)
    if wtype == "INT" or wtype == "FLOAT":
        low, high, step = _num(spec.get("min")), _num(spec.get("max")), _num(spec.get("step"))
        name = field.lower()
        if wtype == "FLOAT":
            return InputInfo(
                "number", wtype, True, None, low, high, step, None, description,
                name in _PRIMARY_FIELDS,
            )
        if _SEED_FIELD.search(name) or (
            spec.get("control_after_generate") and "seed" in f"{title} {class_type}".lower()
        ):
            return InputInfo("seed", wtype, True, None, low, high, step, None, description, True)
        return InputInfo(
            "integer", wtype, True, None, low, high, step, None, description,
            name in _PRIMARY_FIELDS,
        )
    if wtype == "BOOLEAN":
        return InputInfo("boolean", wtype, True, None, None, None, None, None, description)
    if spec.get("multiline"):
        return InputInfo("text", wtype, True, None, None, None, None, True, description, True)
    media = media_kind_of_value(value) if _LOADER_CLASS.search(class_type) else None
    if media is not None:
        return InputInfo(media, wtype, True, None, None, None, None, None, description, True)
    return InputInfo("string", wtype, True, None, None, None, None, False, description)


def _from_value(class_type: str, field: str, value: Any, known: bool) -> InputInfo:
    """No usable spec: infer from the JSON type, the field name and the value."""
    name = field.lower().rsplit(".", 1)[-1]
    if isinstance(value, bool):
        return InputInfo(kind="boolean", type="BOOLEAN", known=known)
    if isinstance(value, int):
        if _SEED_FIELD.search(name):
            return InputInfo(kind="seed", type="INT", known=known, primary=True)
        return InputInfo(kind="integer", type="INT", known=known, primary=name in _PRIMARY_FIELDS)
    if isinstance(value, float):
        return InputInfo(kind="number", type="FLOAT", known=known, primary=name in _PRIMARY_FIELDS)
    if isinstance(value, (dict, list)):
        return InputInfo(kind="json", type="JSON", known=known)
    if value is None:
        return InputInfo(kind="string", type="ANY", known=known)
    text = str(value)
    media = media_kind_of_value(text)
    if media is not None and (_LOADER_CLASS.search(class_type) or name in MEDIA_KINDS):
        return InputInfo(kind=media, type="STRING", known=known, primary=True)
    if extension(text) in MODEL_EXT or (_is_model_field(name) and "\n" not in text):
        return InputInfo(kind="model", type="STRING", known=known)
    if "\n" in text or _TEXT_FIELD.search(name):
        return InputInfo(kind="text", type="STRING", known=known, multiline=True, primary=True)
    return InputInfo(kind="string", type="STRING", known=known)
