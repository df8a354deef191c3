"""A UI node's ``widgets_values`` named by the catalog, as ComfyUI's frontend lays them out.

The frontend builds one widget per widget-typed input (``input.required`` then
``input.optional``, in ``/object_info`` order; ``forceInput`` inputs get none) and adds
widgets of its own that are saved in ``widgets_values`` but never sent to the API:

- ``control_after_generate`` after an INT named ``seed``/``noise_seed`` (or whose spec sets it;
  ``useIntWidget``), and after a COMBO whose spec sets it, followed there by a filter string
  (``addValueControlWidgets`` in ``src/scripts/widgets.ts``);
- ``upload`` after the last required input of a class with an upload combo
  (``src/extensions/core/uploadImage.ts`` / ``uploadAudio.ts``), and ``audioUI`` before it on
  the audio classes (not serialized by newer frontends, so it may be absent).

Pure functions over plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rhconfig.catalog import WIDGET_TYPES, Spec

CONTROL_VALUES = frozenset({"fixed", "increment", "decrement", "randomize", "increment-wrap"})
SEED_NAMES = ("seed", "noise_seed")
# Classes the frontend gives an ``audioUI`` player widget (``Comfy.AudioWidget``).
AUDIO_UI_CLASSES = frozenset(
    {"LoadAudio", "SaveAudio", "PreviewAudio", "SaveAudioMP3", "SaveAudioOpus",
     "SaveAudioAdvanced"}
)


# Loaders that get the upload widget even when their spec lacks the flag (``uploadImage.ts``).
MEDIA_LOADERS = frozenset({"LoadImage", "LoadImageMask", "LoadVideo", "LoadAudio"})


@dataclass(frozen=True)
class Slot:
    """One widget of a node: ``input`` (an API input), or a frontend-only ``control``,
    ``filter``, ``upload`` or ``ui`` widget whose value is never sent."""

    kind: str
    name: str


@dataclass
class Named:
    """The outcome of naming one node's values."""

    values: dict[str, Any] = field(default_factory=dict)
    control: dict[str, Any] = field(default_factory=dict)  # seed -> "randomize", ...
    unnamed: list[Any] = field(default_factory=list)  # values left over
    defaulted: list[str] = field(default_factory=list)  # inputs missing from widgets_values


def is_widget(spec: Spec) -> bool:
    if spec.get("force_input"):
        return False
    return spec.get("type") in WIDGET_TYPES or isinstance(spec.get("widget"), str)


def _widget_type(spec: Spec) -> Any:
    widget = spec.get("widget")
    return widget if isinstance(widget, str) else spec.get("type")


def controls(name: str, spec: Spec) -> list[Slot]:
    """The frontend-only widgets that follow input ``name``'s own widget."""
    flag = spec.get("control_after_generate")
    kind = _widget_type(spec)
    if kind == "INT" and (flag if flag is not None else name in SEED_NAMES):
        return [Slot("control", name)]
    if kind == "COMBO" and flag:
        return [Slot("control", name), Slot("filter", name)]
    return []


def layout(class_type: str, inputs: Mapping[str, Spec]) -> list[Slot]:
    """The widgets of ``class_type`` in the order ``widgets_values`` holds their values."""
    required: list[Slot] = []
    optional: list[Slot] = []
    upload = False
    for name, spec in inputs.items():
        if not is_widget(spec):
            continue
        into = optional if spec.get("optional") else required
        into.append(Slot("input", name))
        into.extend(controls(name, spec))
        upload = upload or (bool(spec.get("upload")) and not spec.get("optional"))
    if class_type in AUDIO_UI_CLASSES:
        required.append(Slot("ui", "audioUI"))
    if upload or class_type in MEDIA_LOADERS:
        required.append(Slot("upload", "upload"))
    return required + optional


def _is_control(value: Any) -> bool:
    return isinstance(value, bool) or value in CONTROL_VALUES


def _fits(slot: Slot, value: Any) -> bool:
    """May ``value`` be the value of the optional frontend widget ``slot``?"""
    if slot.kind == "control":
        return _is_control(value)
    if slot.kind == "filter":
        return isinstance(value, str)
    if slot.kind == "ui":
        return value is None or (isinstance(value, str) and ("/" in value or value == ""))
    if slot.kind == "upload":
        return value is None or value in ("image", "video", "audio", "file", "")
    return True


def name_values(
    class_type: str, inputs: Mapping[str, Spec], values: Sequence[Any] | Mapping[str, Any] | None
) -> Named:
    """Name ``values`` (a list, or a dict keyed by widget name) by ``class_type``'s widgets.

    Missing trailing values (a node saved by an older version of its pack) take the catalog's
    default; values left over are reported in ``unnamed``.
    """
    out = Named()
    slots = layout(class_type, inputs)
    if isinstance(values, Mapping):
        for slot in slots:
            if slot.kind == "input" and slot.name in values:
                out.values[slot.name] = values[slot.name]
        # Other keys are the pack's UI state (e.g. VideoHelperSuite's ``videopreview``).
        _fill_defaults(out, slots, inputs)
        return out
    placed, out.unnamed = assign(slots, list(values or []))
    for slot, value in placed:
        if slot.kind == "input":
            out.values[slot.name] = value
        elif slot.kind == "control":
            out.control[slot.name] = value
    _fill_defaults(out, slots, inputs)
    return out


def assign(slots: Sequence[Slot], items: Sequence[Any]) -> tuple[list[tuple[Slot, Any]], list[Any]]:
    """Walk ``items`` along ``slots``: every input takes the next value; a frontend-only widget
    takes it only if it fits (files saved before that widget existed lack its value)."""
    placed: list[tuple[Slot, Any]] = []
    cursor = 0
    for slot in slots:
        if cursor >= len(items):
            break
        value = items[cursor]
        if slot.kind == "input" or _fits(slot, value):
            placed.append((slot, value))
            cursor += 1
    return placed, list(items[cursor:])


def _fill_defaults(out: Named, slots: list[Slot], inputs: Mapping[str, Spec]) -> None:
    for slot in slots:
        if slot.kind == "input" and slot.name not in out.values:
            spec = inputs.get(slot.name, {})
            choices = spec.get("choices")
            if "default" in spec:
                out.values[slot.name] = spec["default"]
            elif spec.get("type") == "COMBO" and choices:
                out.values[slot.name] = choices[0]
            else:
                continue
            out.defaulted.append(slot.name)
