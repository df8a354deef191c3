"""Everything the validator needs about one profile, computed once and cached per profile object.

The cache is keyed on the profile's identity (profiles are immutable) and held through a weak
reference, so a profile that goes away takes its index with it.
"""

# No future annotations: typing.NamedTuple would compile each string one (see rhconfig.profile).
import threading
import weakref
from collections.abc import Mapping
from typing import NamedTuple

from rhconfig.app_values import typed_value
from rhconfig.check.findings import Issue, short_title
from rhconfig.check.hints import node_label
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
from rhconfig.media import MEDIA_KINDS
from rhconfig.profile import Profile, ProfileInput, ProfileNode


class Slot(NamedTuple):
    """One editable input: its rule, its current value and the message prefix naming it."""

    rule: Rule
    default: object
    prefix: str
    media: bool


def typed_rule(inp: ProfileInput) -> Rule | None:
    """The rule of a known widget type, or None for types with nothing to check."""
    if inp.type == "INT":
        return IntRule(inp.default, inp.minimum, inp.maximum)
    if inp.type == "FLOAT":
        return FloatRule(inp.default, inp.minimum, inp.maximum)
    if inp.type == "STRING":
        return StringRule(inp.default)
    if inp.type == "BOOLEAN":
        return BoolRule(inp.default)
    if inp.type == "COMBO":
        if inp.kind == "choice" and inp.choices:
            return ChoiceRule(inp.default, tuple(inp.choices))
        return ModelRule(inp.default)
    return None


class AppStringRule(Rule):
    """An AI app takes values as the strings its apiCallDemo shows (``"20"``, ``"false"``): such a
    string is read as the input's type first, then checked by the input's own rule."""

    __slots__ = ("choices", "inner", "kind")

    def __init__(self, inner: Rule, inp: ProfileInput) -> None:
        super().__init__(inp.default)
        self.inner = inner
        self.unwrap = inner.unwrap
        self.kind = inp.kind
        self.choices = inp.choices

    def check(self, value: object) -> Issue | None:
        if type(value) is str:
            converted = typed_value(self.kind, value, self.choices)
            if converted is not value:
                if type(converted) is type(self.default) and converted == self.default:
                    return None
                value = converted
        return self.inner.check(value)


def make_rule(inp: ProfileInput) -> Rule:
    """Pick the rule for an input from its kind, its ComfyUI type and whether its class is known."""
    rule = _make_rule(inp)
    if inp.app is not None and inp.kind not in MEDIA_KINDS:
        return AppStringRule(rule, inp)
    return rule


def _make_rule(inp: ProfileInput) -> Rule:
    if inp.kind in MEDIA_KINDS:
        return MediaRule(inp.default, inp.kind, inp.known)
    if inp.kind == "json":
        return JsonRule(inp.default, typed_rule(inp) if inp.known else None)
    if not inp.known or inp.type == "ANY":
        return UnknownRule(inp.default, inp.kind)
    return typed_rule(inp) or Rule(inp.default)


class ProfileIndex:
    """Slots by ``(node_id, field)``, node labels and each node's literal and linked fields."""

    __slots__ = ("app", "ids", "labels", "literal", "nodes", "slots", "titles", "__weakref__")

    def __init__(self, profile: Profile) -> None:
        # For an AI app, the profile lists exactly the (node, field) pairs the app lets a
        # caller change: any other pair is what RunningHub's 803 means for an app.
        self.app: str | None = profile.workflow_id if profile.is_app else None
        self.nodes: Mapping[str, ProfileNode] = profile.nodes
        self.ids: tuple[str, ...] = tuple(profile.nodes)
        self.labels: dict[str, str] = {
            nid: node_label(node, nid) for nid, node in profile.nodes.items()
        }
        self.titles: dict[str, str] = {}
        for nid, node in profile.nodes.items():
            self.titles.setdefault(node.title, nid)
        self.literal: dict[str, list[str]] = {}
        self.slots: dict[tuple[str, str], Slot] = {}
        for inp in profile.inputs:
            self.literal.setdefault(inp.node_id, []).append(inp.field)
            label = self.labels.get(inp.node_id) or (
                f"node {inp.node_id} '{short_title(inp.title)}'"
            )
            rule = make_rule(inp)
            self.slots[inp.key] = Slot(
                rule, inp.default, f"{label}, field '{inp.field}': ", isinstance(rule, MediaRule)
            )

    def label(self, node_id: str) -> str:
        return self.labels.get(node_id) or f"node {node_id}"


_CACHE: dict[int, tuple[weakref.ref[Profile], ProfileIndex]] = {}
_LOCK = threading.Lock()


def index_for(profile: Profile) -> ProfileIndex:
    """The (cached) index of ``profile``."""
    key = id(profile)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is profile:
        return hit[1]
    index = ProfileIndex(profile)

    def forget(ref: weakref.ref[Profile], key: int = key) -> None:
        with _LOCK:
            held = _CACHE.get(key)
            if held is not None and held[0] is ref:
                del _CACHE[key]

    with _LOCK:
        _CACHE[key] = (weakref.ref(profile, forget), index)
    return index
