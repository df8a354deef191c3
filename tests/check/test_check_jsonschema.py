"""The exported JSON Schema gives the same per-entry verdict as validate (value rules)."""

from __future__ import annotations

from typing import Any

import pytest
from check_helpers import entry
from jsonschema import Draft202012Validator

from rhconfig.check import validate
from rhconfig.check.jsonschema_export import node_info_schema
from rhconfig.profile import Profile

ENTRIES: list[Any] = [
    entry("3", "steps", 30), entry("3", "steps", "30"), entry("3", "steps", "abc"),
    entry("3", "steps", 10001), entry("3", "steps", 0.5), entry("3", "steps", 1.5),
    entry("3", "steps", 10000.9), entry("3", "steps", True), entry("3", "steps", None),
    entry("3", "steps", {"__value__": 12}), entry("3", "steps", {"__value__": "x"}),
    entry("3", "steps", {"__value__": {"__value__": 12}}), entry("3", "steps", {"__value__": {}}),
    entry("3", "sampler_name", {"__value__": "euler"}),
    entry("10", "image", {"__value__": "a.png"}),
    entry("3", "seed", -0.5), entry("3", "seed", -1), entry("3", "seed", 18446744073709551615),
    entry("3", "cfg", "7.5"), entry("3", "cfg", ".5e1"), entry("3", "cfg", "1e"),
    entry("3", "cfg", 101), entry("3", "sampler_name", "euler"),
    entry("3", "sampler_name", "Euler"), entry("3", "sampler_name", None),
    entry("7", "text", 5), entry("7", "text", None), entry("7", "text", [1]),
    entry("30", "value", "true"), entry("30", "value", 0), entry("30", "value", False),
    entry("4", "ckpt_name", "x.safetensors"), entry("4", "ckpt_name", 3),
    entry("10", "image", "api/abc.png"), entry("10", "image", "/x.png"),
    entry("10", "image", "clip.MP4"), entry("10", "image", "https://x/y.wav?s=1"),
    entry("10", "image", ""), entry("10", "image", "cat.png"),
    entry("41", "video", "a.png"), entry("41", "video", "~/a.mp4"),
    entry("40", "count", [1]), entry("40", "count", "x"), entry("40", "data", ["1", 0]),
    entry("40", "data", [1, 2]), entry("40", "data", 3), entry("40", "anything", {"a": 1}),
    entry("6", "text", "x"), entry("99", "x", 1), entry("3", "nope", 1), entry(3, "steps", 1),
    {"nodeId": "3", "fieldName": "steps"}, "junk", entry("21", "input", 1),
    entry("50:3", "value", 7),
]


@pytest.mark.parametrize("item", ENTRIES, ids=[repr(e)[:60] for e in ENTRIES])
def test_same_verdict(profile: Profile, item: Any) -> None:
    schema = node_info_schema(profile)
    Draft202012Validator.check_schema(schema)
    ours = not [f for f in validate(profile, [item], probe_paths=False) if f.severity == "error"]
    theirs = Draft202012Validator(schema).is_valid([item])
    assert ours == theirs
