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

_NUMBER = frozenset({int, float, type(None)})  # spec bounds taken as they are


class InputInfo(NamedTuple):
    """What classification found. Its fields are, in order, those of
    :class:`~rhconfig.profile.ProfileInput` from ``kind`` to ``description`` (``primary``
    becomes ``expose``), so that a profile input is built by joining tuples."""

    kind: str
    type: str
    known: bool
    primary: bool = False
    choices: tuple[Any, ...] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    step: int | float | None = None
    multiline: bool | None = None
    description: str | None = None


# InputInfo's fields as a plain tuple: the scan builds one per literal input, and a plain tuple
# costs a third of a named one. :func:`classify` wraps it; the builders join it as it is.
Fields = tuple[
    str, str, bool, bool, tuple[Any, ...] | None, int | float | None, int | float | None,
    int | float | None, bool | None, str | None,
]


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


def _names_model_files(choices: list[Any]) -> bool:
    """True when a choice looks like a model file (``x.safetensors``): the list then depends
    on the server. One C-level join rejects the usual list (sampler names) without a loop."""
    try:
        if "." not in "".join(choices):
            return False
    except TypeError:  # numbers among the choices
        pass
    return any(isinstance(c, str) and "." in c and extension(c) in MODEL_EXT for c in choices)


def classify(
    class_type: str, field: str, value: Any, spec: Spec | None, title: str = ""
) -> InputInfo:
    """The kind and constraints of one literal input."""
    return InputInfo._make(classify_fields(class_type, field, value, spec, title))


def classify_fields(
    class_type: str, field: str, value: Any, spec: Spec | None, title: str = ""
) -> Fields:
    """:func:`classify`'s answer as a plain tuple: (kind, type, known, primary, choices,
    minimum, maximum, step, multiline, description). One function, positional tuples: this
    runs once per literal input of every scan."""
    wtype = spec.get("type") if spec is not None else None
    if wtype not in WIDGET_TYPES or spec is None:
        return _from_value(class_type, field, value, known=False)
    description = spec.get("tooltip")
    vtype = type(value)
    if vtype is dict or vtype is list:
        # A wrapped or structured value where a widget is declared: keep it as JSON.
        return ("json", wtype, True, False, None, None, None, None, None, description)
    if wtype == "COMBO":
        upload = spec.get("upload")
        if upload in MEDIA_KINDS:
            return (upload, wtype, True, True, None, None, None, None, None, description)
        choices = spec.get("choices")
        if not choices or _MODEL_FIELD.search(field.lower()) or _names_model_files(choices):
            # Server-dependent list (model files, folders): choices are not enforced.
            return ("model", wtype, True, False, None, None, None, None, None, description)
        return ("choice", wtype, True, False, tuple(choices), None, None, None, None, description)
    if wtype == "INT" or wtype == "FLOAT":
        low, high, step = spec.get("min"), spec.get("max"), spec.get("step")
        if not (type(low) in _NUMBER and type(high) in _NUMBER and type(step) in _NUMBER):
            low, high, step = _num(low), _num(high), _num(step)
        name = field.lower()
        if wtype == "FLOAT":
            primary = name in _PRIMARY_FIELDS
            return ("number", wtype, True, primary, None, low, high, step, None, description)
        if _SEED_FIELD.search(name) or (
            spec.get("control_after_generate") and "seed" in f"{title} {class_type}".lower()
        ):
            return ("seed", wtype, True, True, None, low, high, step, None, description)
        primary = name in _PRIMARY_FIELDS
        return ("integer", wtype, True, primary, None, low, high, step, None, description)
    if wtype == "BOOLEAN":
        return ("boolean", wtype, True, False, None, None, None, None, None, description)
    if spec.get("multiline"):
        return ("text", wtype, True, True, None, None, None, None, True, description)
    media = media_kind_of_value(value) if _LOADER_CLASS.search(class_type) else None
    if media is not None:
        return (media, wtype, True, True, None, None, None, None, None, description)
    return ("string", wtype, True, False, None, None, None, None, False, description)


def clear_caches() -> None:
    """Forget memoised answers (benchmarks call this to measure a cold scan). Classification
    keeps none today; the hook stays so that a benchmark's cold scan stays cold."""


def _from_value(class_type: str, field: str, value: Any, known: bool) -> Fields:
    """No usable spec: infer from the JSON type, the field name and the value."""
    name = field.lower().rsplit(".", 1)[-1]
    if isinstance(value, bool):
        return ("boolean", "BOOLEAN", known, False, None, None, None, None, None, None)
    if isinstance(value, int):
        if _SEED_FIELD.search(name):
            return ("seed", "INT", known, True, None, None, None, None, None, None)
        primary = name in _PRIMARY_FIELDS
        return ("integer", "INT", known, primary, None, None, None, None, None, None)
    if isinstance(value, float):
        primary = name in _PRIMARY_FIELDS
        return ("number", "FLOAT", known, primary, None, None, None, None, None, None)
    if isinstance(value, (dict, list)):
        return ("json", "JSON", known, False, None, None, None, None, None, None)
    if value is None:
        return ("string", "ANY", known, False, None, None, None, None, None, None)
    text = str(value)
    media = media_kind_of_value(text)
    if media is not None and (_LOADER_CLASS.search(class_type) or name in MEDIA_KINDS):
        return (media, "STRING", known, True, None, None, None, None, None, None)
    if extension(text) in MODEL_EXT or (_is_model_field(name) and "\n" not in text):
        return ("model", "STRING", known, False, None, None, None, None, None, None)
    if "\n" in text or _TEXT_FIELD.search(name):
        return ("text", "STRING", known, True, None, None, None, None, True, None)
    return ("string", "STRING", known, False, None, None, None, None, None, None)
