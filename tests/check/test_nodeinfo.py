"""rhconfig.nodeinfo: names to a nodeInfoList, command-line text to JSON values."""

from __future__ import annotations

from typing import Any

import pytest

from rhconfig.check import validate
from rhconfig.errors import UsageError
from rhconfig.nodeinfo import build_node_info, parse_cli_value
from rhconfig.profile import Profile


def test_build_in_profile_order(profile: Profile) -> None:
    got = build_node_info(profile, {"prompt": "a dog", "steps": 30, "seed": 7})
    assert got == [
        {"nodeId": "3", "fieldName": "seed", "fieldValue": 7},
        {"nodeId": "3", "fieldName": "steps", "fieldValue": 30},
        {"nodeId": "20", "fieldName": "value", "fieldValue": "a dog"},
    ]
    assert not [f for f in validate(profile, got) if f.severity == "error"]


def test_build_empty(profile: Profile) -> None:
    assert build_node_info(profile, {}) == []


def test_unknown_name_suggests(profile: Profile) -> None:
    with pytest.raises(UsageError, match="no input named 'stepz': did you mean 'steps'"):
        build_node_info(profile, {"stepz": 1})
    with pytest.raises(UsageError, match="rhconfig show 123 --all"):
        build_node_info(profile, {"zzzzzz": 1})


@pytest.mark.parametrize(("name", "text", "value"), [
    ("steps", "30", 30), ("steps", " 30 ", 30), ("seed", "18446744073709551615",
                                                  18446744073709551615),
    ("grouped_int", "-5", -5),
    ("cfg", "7.5", 7.5), ("cfg", "7", 7.0), ("cfg", "1e2", 100.0),
    ("flag", "true", True), ("flag", "FALSE", False), ("flag", "1", True), ("flag", "0", False),
    ("flag", "yes", True), ("flag", "No", False),
    ("data", '{"a": [1]}', {"a": [1]}), ("data", "[1, 2]", [1, 2]), ("data", "3", 3),
    ("prompt", "a cat, 4k", "a cat, 4k"), ("sampler_name", "euler", "euler"),
    ("reference", "api/x.png", "api/x.png"), ("mode", "42", "42"),
])
def test_parse_cli_value(profile: Profile, name: str, text: str, value: Any) -> None:
    got = parse_cli_value(profile.by_name[name], text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(("name", "text", "message"), [
    ("steps", "7.5", "input 'steps' (integer): '7.5' is not a whole number, e.g. 20"),
    ("seed", "abc", "input 'seed' (seed): 'abc' is not a whole number"),
    ("cfg", "x", "input 'cfg' (number): 'x' is not a number, e.g. 7.5"),
    ("cfg", "nan", "is not a finite number"),
    ("flag", "maybe", "input 'flag' (boolean): 'maybe' is not true or false (also 1/0, yes/no)"),
    ("data", "{a:", "input 'data' (json): '{a:' is not JSON"),
])
def test_parse_cli_value_errors(profile: Profile, name: str, text: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_cli_value(profile.by_name[name], text)
    assert message in str(info.value)


def test_parse_choice_with_non_string_choices(profile: Profile) -> None:
    inp = profile.by_name["sampler_name"]._replace(choices=(1, 2, "auto"), default=1)
    assert parse_cli_value(inp, "2") == 2
    assert parse_cli_value(inp, "auto") == "auto"
