"""Behaviour of the rules beyond wording: what passes, what ComfyUI would convert, edge values."""

from __future__ import annotations

from typing import Any

import pytest
from check_helpers import build_profile, codes, defaults_list, entry, errors

from rhconfig.check import validate
from rhconfig.check.index import index_for
from rhconfig.profile import Profile


def verdict(profile: Profile, node: str, field: str, value: Any) -> list[str]:
    found = validate(profile, [entry(node, field, value)], probe_paths=False)
    return [c for c in codes(found) if c != "unchanged_default"]


@pytest.mark.parametrize(("node", "field", "value"), [
    ("3", "steps", 30), ("3", "steps", 30.0), ("3", "steps", {"__value__": 30}),
    ("3", "seed", 18446744073709551615), ("3", "seed", 0),
    ("3", "cfg", 7), ("3", "cfg", 0), ("3", "cfg", 100.0),
    ("3", "sampler_name", "euler_ancestral"),
    ("7", "text", ""), ("7", "text", "x" * 100_000),
    ("30", "value", False),
    ("10", "image", "api/9f86d081884c7d659a2feb4c.png"),
    ("10", "image", "https://example.com/cat.webp"),
    ("10", "image", "HTTPS://example.com/cat"),
    ("11", "audio", "api/abc.mp3"),
    ("40", "strength", 0.75), ("40", "strength", 2), ("40", "count", 9),
    ("40", "enabled", False), ("40", "notes", "other text"),
    ("40", "data", {"b": 1}), ("40", "data", [1, 2, 3]),
    ("41", "video", "https://example.com/v.mp4"), ("41", "video", "api/abc.gif"),
    ("50:3", "value", -5),
])
def test_clean(profile: Profile, node: str, field: str, value: Any) -> None:
    assert verdict(profile, node, field, value) == []


def test_current_value_is_always_accepted(profile: Profile) -> None:
    assert validate(profile, defaults_list(profile)) == [
        f for f in validate(profile, defaults_list(profile)) if f.code == "unchanged_default"
    ]
    weird = build_profile({
        "1": {"class_type": "EmptyLatentImage", "inputs": {"width": 3, "height": "512",
                                                           "batch_size": 1}},
        "2": {"class_type": "LoadImage", "inputs": {"image": "/abs/path.png"}},
    })
    # the workflow's own (even odd) values never raise an error
    assert not errors(validate(weird, defaults_list(weird)))
    assert codes(validate(weird, [entry("1", "width", 2)])) == ["out_of_range"]


def test_bool_vs_int_identity_in_default_check(profile: Profile) -> None:
    # True == 1 in Python, but true is not the workflow's 1
    assert verdict(profile, "5", "batch_size", True) == ["type_mismatch"]
    assert verdict(profile, "30", "value", 1) == ["value_coerced"]


def test_wrapped_value_unwrapped_like_comfyui(profile: Profile) -> None:
    assert verdict(profile, "3", "steps", {"__value__": "abc"}) == ["type_mismatch"]
    assert verdict(profile, "3", "steps", {"__value__": 20}) == []
    assert verdict(profile, "3", "sampler_name", {"__value__": "bogus"}) == ["not_in_enum"]


@pytest.mark.parametrize(("value", "expected"), [
    (float("inf"), ["type_mismatch"]), (float("-inf"), ["type_mismatch"]),
    ("nan", ["type_mismatch"]), ("1e3", ["out_of_range"]), (" 7.5 ", ["value_coerced"]),
    pytest.param(10**400, ["type_mismatch"], id="huge-int"), (True, ["type_mismatch"]),
    (None, ["type_mismatch"]),
])
def test_float_edges(profile: Profile, value: Any, expected: list[str]) -> None:
    assert verdict(profile, "3", "cfg", value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("1_000", ["value_coerced"]), ("20.0", ["type_mismatch"]), ("", ["type_mismatch"]),
    pytest.param("9" * 5000, ["type_mismatch"], id="5000-digit-string"),
    pytest.param(10**5000, ["out_of_range"], id="5001-digit-int"),
    (float("nan"), ["type_mismatch"]), (1e300, ["out_of_range"]), ([20], ["type_mismatch"]),
])
def test_int_edges(profile: Profile, value: Any, expected: list[str]) -> None:
    assert verdict(profile, "3", "steps", value) == expected


def test_huge_int_message_is_short(profile: Profile) -> None:
    [f] = validate(profile, [entry("3", "steps", 10**5000)])
    assert len(f.message) < 300


def test_link_shaped_json_value_refused(profile: Profile) -> None:
    assert verdict(profile, "40", "data", ["3", 0]) == ["type_mismatch"]


def test_type_any_accepts_anything_with_a_warning(profile: Profile) -> None:
    assert verdict(profile, "40", "anything", {"x": 1}) == ["unverified_choice"]


def test_string_boolean_to_string_field_is_coerced(profile: Profile) -> None:
    assert verdict(profile, "9", "filename_prefix", True) == ["value_coerced"]


def test_gif_is_fine_for_a_video_loader(profile: Profile) -> None:
    assert verdict(profile, "41", "video", "https://example.com/a.gif") == []


def test_all_findings_at_once_in_entry_order(profile: Profile) -> None:
    found = validate(profile, [
        entry("3", "steps", "abc"), entry("99", "x", 1), "junk", entry("5", "width", 1),
    ])
    assert [(f.code, f.index) for f in found] == [
        ("type_mismatch", 0), ("unknown_node", 1), ("malformed_entry", 2), ("out_of_range", 3),
    ]


def test_index_is_cached_per_profile_object(profile: Profile) -> None:
    assert index_for(profile) is index_for(profile)
    other = build_profile({"1": {"class_type": "EmptyLatentImage",
                                 "inputs": {"width": 3, "height": 512, "batch_size": 1}}})
    assert index_for(other) is not index_for(profile)


def test_index_forgotten_with_its_profile() -> None:
    import gc

    from rhconfig.check import index as index_module

    p = build_profile({"1": {"class_type": "EmptyLatentImage",
                             "inputs": {"width": 3, "height": 512, "batch_size": 1}}})
    index_for(p)
    key = id(p)
    assert key in index_module._CACHE
    del p
    gc.collect()
    assert key not in index_module._CACHE


def test_tuple_list_and_input_not_mutated(profile: Profile) -> None:
    items = [entry("3", "steps", {"__value__": "5"})]
    before = repr(items)
    validate(profile, tuple(items))
    assert repr(items) == before


def test_grouped_node_ids(profile: Profile) -> None:
    assert verdict(profile, "50:3", "value", "x") == ["type_mismatch"]
    assert verdict(profile, "50:4", "value", 1) == ["unknown_node"]
