"""What each node class accepts: a compact catalog derived from ComfyUI's ``/object_info``.

The compact form is plain JSON::

    {"format": 1, "source": "...", "classes": {
        "KSampler": {"inputs": {
            "seed": {"type": "INT", "default": 0, "min": 0, "max": 18446744073709551615,
                     "control_after_generate": true},
            "sampler_name": {"type": "COMBO", "choices": ["euler", ...]},
            "model": {"type": "MODEL"}}}}}

Spec keys: ``type`` (INT, FLOAT, STRING, BOOLEAN, COMBO or a link type such as MODEL),
``default``, ``min``, ``max``, ``step``, ``multiline``, ``choices`` (COMBO only; an empty or
missing list means the choices depend on the server, e.g. model files), ``upload``
(image, video, audio or file), ``tooltip``, ``optional``, ``force_input`` (a widget type the UI
shows as a socket only) and ``widget`` (the widget a multi-type input such as ``FLOAT,INT`` gets).

Everything here is pure: reading files is :mod:`rhconfig.catalog_files`' job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rhconfig.errors import CatalogError

FORMAT = 1
Spec = dict[str, Any]
ClassEntry = dict[str, Any]

WIDGET_TYPES = frozenset({"INT", "FLOAT", "STRING", "BOOLEAN", "COMBO"})
_KEEP_OPTS = ("default", "min", "max", "step", "multiline", "control_after_generate")
_UPLOAD_FLAGS = {
    "image_upload": "image",
    "video_upload": "video",
    "audio_upload": "audio",
    "file_upload": "file",
}
_TOOLTIP_MAX = 240


class Catalog:
    """Node classes by name; later layers (curated, user) override earlier ones per class."""

    def __init__(self, classes: Mapping[str, ClassEntry] | None = None) -> None:
        self.classes: dict[str, ClassEntry] = dict(classes or {})
        # What rhconfig.classify compiled of each class's fields (classify.compile_rules, run
        # when a catalog file is read); a class missing here is compiled where it is used.
        self.rules: dict[str, Mapping[str, Any]] = {}
        # rhconfig.naming.title_slug of the class types and display names (the usual node
        # titles), made at the same time; any text's slug is the same whichever layer it is from
        self.title_slugs: dict[str, str] = {}
        # rhconfig.naming.own_names of the classes' fields (the fields that are their own
        # names), made at the same time; whether a field is one does not depend on its class
        self.own_names: frozenset[str] = frozenset()

    def __contains__(self, class_type: object) -> bool:
        return class_type in self.classes

    def __len__(self) -> int:
        return len(self.classes)

    def inputs(self, class_type: str) -> Mapping[str, Spec] | None:
        entry = self.classes.get(class_type)
        if entry is None:
            return None
        inputs: Mapping[str, Spec] = entry.get("inputs", {})
        return inputs

    def spec(self, class_type: str, field: str) -> Spec | None:
        inputs = self.inputs(class_type)
        return None if inputs is None else inputs.get(field)

    def display_name(self, class_type: str) -> str | None:
        entry = self.classes.get(class_type)
        name = entry.get("display_name") if entry else None
        return name if isinstance(name, str) else None

    def layered(self, *others: Catalog) -> Catalog:
        merged = Catalog(self.classes)
        merged.rules.update(self.rules)
        merged.title_slugs.update(self.title_slugs)
        merged.own_names = self.own_names.union(*(other.own_names for other in others))
        for other in others:
            merged.classes.update(other.classes)
            merged.title_slugs.update(other.title_slugs)
            for class_type in other.classes:  # a class's rules come from the layer it came from
                if class_type in other.rules:
                    merged.rules[class_type] = other.rules[class_type]
                else:
                    merged.rules.pop(class_type, None)
        return merged

    def to_document(self, source: str) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": source,
            "classes": {k: self.classes[k] for k in sorted(self.classes)},
        }


def catalog_from_document(document: Any, what: str = "catalog") -> Catalog:
    """Read the compact form (as parsed JSON)."""
    if not isinstance(document, dict) or not isinstance(document.get("classes"), dict):
        raise CatalogError(f"{what} is not an rhconfig catalog (no 'classes' object)")
    if document.get("format") != FORMAT:
        raise CatalogError(f"{what} has catalog format {document.get('format')!r}, not {FORMAT}")
    return Catalog(document["classes"])


def compact_spec(raw: Any, optional: bool = False) -> Spec | None:
    """One ``/object_info`` input spec in compact form; None for what is not an input."""
    if not isinstance(raw, (list, tuple)) or not raw:
        return None
    head = raw[0]
    opts = raw[1] if len(raw) > 1 and isinstance(raw[1], dict) else {}
    spec: Spec = {}
    if isinstance(head, list):
        spec["type"] = "COMBO"
        spec["choices"] = [c for c in head if isinstance(c, (str, int, float))]
    elif isinstance(head, str):
        if head == "COMBO":
            spec["type"] = "COMBO"
            options = opts.get("options")
            spec["choices"] = list(options) if isinstance(options, list) else []
        else:
            spec["type"] = head
    else:
        return None
    for key in _KEEP_OPTS:
        if key in opts and opts[key] is not None and _is_plain(opts[key]):
            spec[key] = opts[key]
    if opts.get("forceInput") is True:
        spec["force_input"] = True
    widget = opts.get("widgetType")
    if isinstance(widget, str) and widget and widget != spec["type"]:
        spec["widget"] = widget
    for flag, kind in _UPLOAD_FLAGS.items():
        if opts.get(flag):
            spec["upload"] = kind
    tooltip = opts.get("tooltip")
    if isinstance(tooltip, str) and tooltip.strip():
        text = " ".join(tooltip.split())
        spec["tooltip"] = text if len(text) <= _TOOLTIP_MAX else text[: _TOOLTIP_MAX - 1] + "…"
    if optional:
        spec["optional"] = True
    return spec


def _is_plain(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def catalog_from_object_info(
    object_info: Any, only: Iterable[str] | None = None, what: str = "object_info"
) -> Catalog:
    """Turn any ``/object_info`` dump into the compact catalog (hidden inputs are dropped)."""
    if not isinstance(object_info, dict) or not object_info:
        raise CatalogError(f"{what} is not an /object_info dump (expected an object of classes)")
    wanted = set(only) if only is not None else None
    classes: dict[str, ClassEntry] = {}
    for name, info in object_info.items():
        if wanted is not None and name not in wanted:
            continue
        if not isinstance(info, dict) or not isinstance(info.get("input"), dict):
            continue
        inputs: dict[str, Spec] = {}
        for section in ("required", "optional"):
            fields = info["input"].get(section) or {}
            if not isinstance(fields, dict):
                continue
            for field, raw in fields.items():
                spec = compact_spec(raw, optional=section == "optional")
                if spec is not None:
                    inputs[field] = spec
        entry: ClassEntry = {"inputs": inputs}
        display = info.get("display_name")
        if isinstance(display, str) and display and display != name:
            entry["display_name"] = display
        classes[name] = entry
    if not classes:
        raise CatalogError(f"{what} holds no node classes with an 'input' section")
    return Catalog(classes)
