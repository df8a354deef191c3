"""Suggestions: difflib for short lists, sorted neighbours for long ones; link following."""

from __future__ import annotations

from check_helpers import build_profile

from rhconfig.check.hints import closest, closest_choices, source_widget
from rhconfig.check.index import index_for

MANY = tuple([f"lora_name_{i}" for i in range(1, 50)] + [f"strength_{i}" for i in range(1, 50)])


def test_closest_short_lists() -> None:
    assert closest("Karras", ("normal", "karras", "simple")) == ["karras"]
    assert closest("stepz", ("seed", "steps", "cfg")) == ["steps"]
    assert closest("zzzz", ("seed", "steps")) == []
    assert closest("x" * 100_000, ("seed",)) == []


def test_closest_long_lists_use_prefixes() -> None:
    assert closest("lora_name_3_x", MANY)[0] == "lora_name_3"
    assert closest("strength_4", MANY) == ["strength_4"]
    assert "strength_2" in closest("strenght_2", MANY)
    assert closest("qqq", MANY) == []


def test_closest_choices_matches_text_of_non_strings() -> None:
    assert closest_choices(1, ("1", "2"), {"1": 1, "2": 2}) == [1]
    assert closest_choices(None, ("a",), {"a": "a"}) == []


def test_source_widget_through_reroutes_and_none_for_computed() -> None:
    profile = build_profile({
        "1": {"class_type": "PrimitiveInt", "inputs": {"value": 5}},
        "2": {"class_type": "Reroute", "inputs": {"input": ["1", 0]}},
        "3": {"class_type": "Reroute", "inputs": {"input": ["2", 0]}},
        "4": {"class_type": "EmptyLatentImage",
              "inputs": {"width": ["3", 0], "height": ["5", 0], "batch_size": 1}},
        "5": {"class_type": "MathNode", "inputs": {"a": ["1", 0], "b": ["1", 0]}},
        "6": {"class_type": "Loop", "inputs": {"x": ["7", 0]}},
        "7": {"class_type": "Loop", "inputs": {"x": ["6", 0]}},
    })
    index = index_for(profile)
    assert source_widget(index.nodes, index.literal, "4", "width") == ("1", "value")
    assert source_widget(index.nodes, index.literal, "4", "height") is None
    assert source_widget(index.nodes, index.literal, "6", "x") is None  # a cycle ends
