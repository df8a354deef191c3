"""Decide the kind of each literal input: from the catalog when the class is known, else from
the value's JSON type, the field name and the value itself.

Pure: takes a node, a field, its value and the catalog spec (or None); returns an
:class:`InputInfo`. No naming, no YAML: that is :mod:`rhconfig.profile`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, get_args

from rhconfig.catalog import WIDGET_TYPES, Catalog, Spec
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
    return _media_kind(value, extension(value)) if isinstance(value, str) else None


def _media_kind(text: str, ext: str) -> str | None:
    """:func:`media_kind_of_value` of ``text``, whose extension ``ext`` is found already."""
    return None if len(text) > 1024 or "\n" in text else MEDIA_EXT.get(ext)


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
    minimum, maximum, step, multiline, description): the field's :func:`rule` applied to
    ``value``."""
    return apply_rule(rule(class_type, field, spec), class_type, field, value, title)


# How a catalog spec classifies a value, worked out once per spec (see :func:`rule`): what the
# spec alone decides, and what is left to the value (and, for a seed, to the node's title).
STATIC = 0  # the answer, whatever the value (unless it is JSON)
SEED_BY_TITLE = 1  # an INT with a seed control: a seed when the node's title says "seed"
MEDIA_BY_VALUE = 2  # a loader's STRING: a media kind when the value names a media file
# (mode, answer, answer for a dict or list value, the other answer of SEED_BY_TITLE, and for
# a STATIC rule the end of a profile input's row: the answer, then no AI-app field (None))
Rule = tuple[int, Fields, Fields, Fields | None, tuple[Any, ...] | None]
ClassRules = dict[str, Rule]


def rule(class_type: str, field: str, spec: Spec | None) -> Rule | None:
    """What ``spec`` (the catalog's, for ``field`` of ``class_type``) decides of any value;
    None when it declares no widget (the value alone decides, see :func:`_from_value`)."""
    found = _rule(class_type, field, spec)
    if found is None:
        return None
    mode, answer, as_json, other = found
    # a scan joins the row's end to the input's first fields (rhconfig.build)
    return mode, answer, as_json, other, (*answer, None) if mode == STATIC else None


def _rule(
    class_type: str, field: str, spec: Spec | None
) -> tuple[int, Fields, Fields, Fields | None] | None:
    """:func:`rule` without the row's end."""
    wtype = spec.get("type") if spec is not None else None
    if wtype not in WIDGET_TYPES or spec is None:
        return None
    description = spec.get("tooltip")
    # a wrapped or structured value where a widget is declared is kept as JSON
    as_json = ("json", wtype, True, False, None, None, None, None, None, description)
    if wtype == "COMBO":
        upload = spec.get("upload")
        if upload in MEDIA_KINDS:
            return STATIC, (upload, wtype, True, True, None, None, None, None, None,
                            description), as_json, None
        choices = spec.get("choices")
        if not choices or _MODEL_FIELD.search(field.lower()) or _names_model_files(choices):
            # Server-dependent list (model files, folders): choices are not enforced.
            return STATIC, ("model", wtype, True, False, None, None, None, None, None,
                            description), as_json, None
        return STATIC, ("choice", wtype, True, False, tuple(choices), None, None, None, None,
                        description), as_json, None
    if wtype == "INT" or wtype == "FLOAT":
        low, high, step = _num(spec.get("min")), _num(spec.get("max")), _num(spec.get("step"))
        name = field.lower()
        primary = name in _PRIMARY_FIELDS
        if wtype == "FLOAT":
            return STATIC, ("number", wtype, True, primary, None, low, high, step, None,
                            description), as_json, None
        seed = ("seed", wtype, True, True, None, low, high, step, None, description)
        integer = ("integer", wtype, True, primary, None, low, high, step, None, description)
        if _SEED_FIELD.search(name):
            return STATIC, seed, as_json, None
        if spec.get("control_after_generate"):
            if "seed" in class_type.lower():
                return STATIC, seed, as_json, None
            return SEED_BY_TITLE, integer, as_json, seed
        return STATIC, integer, as_json, None
    if wtype == "BOOLEAN":
        return STATIC, ("boolean", wtype, True, False, None, None, None, None, None,
                        description), as_json, None
    if spec.get("multiline"):
        return STATIC, ("text", wtype, True, True, None, None, None, None, True, description),\
            as_json, None
    string = ("string", wtype, True, False, None, None, None, None, False, description)
    return (MEDIA_BY_VALUE if _LOADER_CLASS.search(class_type) else STATIC), string, as_json, None


def class_rules(class_type: str, specs: Mapping[str, Spec]) -> ClassRules:
    """The :func:`rule` of each of a class's fields that declares a widget."""
    rules: ClassRules = {}
    for field, spec in specs.items():
        found = rule(class_type, field, spec)
        if found is not None:
            rules[field] = found
    return rules


def compile_rules(catalog: Catalog) -> Catalog:
    """Fill ``catalog.rules`` with the :func:`class_rules` of every class (done once, when a
    catalog file is read: a scan then looks each field's rule up)."""
    for class_type, entry in catalog.classes.items():
        catalog.rules[class_type] = class_rules(class_type, entry.get("inputs") or {})
    return catalog


def apply_rule(
    found: Rule | None, class_type: str, field: str, value: Any, title: str = ""
) -> Fields:
    """The answer of a field's :func:`rule` (None: no widget spec) for ``value``."""
    if found is None:
        return _from_value(class_type, field, value, known=False)
    mode, answer, as_json, other, _ = found
    vtype = type(value)
    if vtype is dict or vtype is list:
        return as_json
    if mode == STATIC:
        return answer
    if mode == SEED_BY_TITLE:
        return other if other is not None and "seed" in title.lower() else answer
    media = media_kind_of_value(value)
    if media is None:
        return answer
    return (media, answer[1], True, True, None, None, None, None, None, answer[9])


def clear_caches() -> None:
    """Forget memoised answers (benchmarks call this to measure a cold scan). Classification
    keeps none today; the hook stays so that a benchmark's cold scan stays cold."""


def _from_value(class_type: str, field: str, value: Any, known: bool) -> Fields:
    """No usable spec: infer from the JSON type, the field name and the value."""
    name = field.lower()
    if "." in name:
        name = name.rsplit(".", 1)[-1]
    if type(value) is not str:  # a JSON string (the usual value here) is none of these
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
    ext = extension(text)  # found once: the model rule below reads it too
    media = _media_kind(text, ext)
    if media is not None and (_LOADER_CLASS.search(class_type) or name in MEDIA_KINDS):
        return (media, "STRING", known, True, None, None, None, None, None, None)
    if ext in MODEL_EXT or (_MODEL_FIELD.search(name) and "\n" not in text):  # name: lower
        return ("model", "STRING", known, False, None, None, None, None, None, None)
    if "\n" in text or _TEXT_FIELD.search(name):
        return ("text", "STRING", known, True, None, None, None, None, True, None)
    return ("string", "STRING", known, False, None, None, None, None, None, None)
