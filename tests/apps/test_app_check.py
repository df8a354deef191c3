"""``check`` on AI-app profiles: the app's list is what 803 means, LIST choices are the enum,
types and ranges as for workflows, apiCallDemo's own keys and string values are fine."""

from __future__ import annotations

from typing import Any

import pytest
from app_helpers import EXAMPLE_APP, PORTRAIT, load

from rhconfig import validate
from rhconfig.check import has_errors
from rhconfig.scan import scan_app_document

PROFILE = scan_app_document(load(PORTRAIT), EXAMPLE_APP).profile


def _codes(entries: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.node_id, f.field) for f in validate(PROFILE, entries)]


def test_the_apps_own_list_sent_back_passes() -> None:
    entries = load(PORTRAIT)["data"]["nodeInfoList"]  # with description, fieldData, ...
    assert not has_errors(validate(PROFILE, entries))


def test_pairs_not_in_the_apps_list_are_unknown_like_an_803() -> None:
    findings = validate(PROFILE, [
        {"nodeId": "3", "fieldName": "cfg", "fieldValue": 7},
        {"nodeId": "9", "fieldName": "text", "fieldValue": "x"},
    ])
    assert [(f.code, f.node_id) for f in findings] == [("unknown_field", "3"),
                                                       ("unknown_node", "9")]
    assert all(f"not in app {EXAMPLE_APP}'s input list" in f.message for f in findings)
    assert "steps" in findings[0].hint
    assert findings[1].hint.startswith("the app takes node 6 'text', ")  # same field first


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ({"nodeId": "60", "fieldName": "aspect_ratio", "fieldValue": "4:3"}, "not_in_enum"),
        ({"nodeId": "61", "fieldName": "style", "fieldValue": "Anime"}, "not_in_enum"),
        ({"nodeId": "3", "fieldName": "steps", "fieldValue": 61}, "out_of_range"),
        ({"nodeId": "3", "fieldName": "steps", "fieldValue": "0"}, "out_of_range"),
        ({"nodeId": "3", "fieldName": "steps", "fieldValue": "many"}, "type_mismatch"),
        ({"nodeId": "70", "fieldName": "upscale", "fieldValue": "maybe"}, "type_mismatch"),
        ({"nodeId": "52", "fieldName": "image", "fieldValue": "/home/me/a.png"},
         "invalid_media_value"),
    ],
)
def test_values_follow_the_workflow_rules(entry: dict[str, Any], code: str) -> None:
    assert _codes([entry]) == [(code, entry["nodeId"], entry["fieldName"])]


@pytest.mark.parametrize(
    "entry",
    [
        {"nodeId": "60", "fieldName": "aspect_ratio", "fieldValue": "16:9",
         "description": "画面比例", "fieldData": "[]", "fieldType": "LIST"},
        {"nodeId": "3", "fieldName": "steps", "fieldValue": "30"},
        {"nodeId": "3", "fieldName": "steps", "fieldValue": 30},
        {"nodeId": "70", "fieldName": "upscale", "fieldValue": "true"},
        {"nodeId": "70", "fieldName": "upscale", "fieldValue": True},
        {"nodeId": "52", "fieldName": "image", "fieldValue": "api/0a1b.png"},
    ],
)
def test_good_values_in_either_form_pass(entry: dict[str, Any]) -> None:
    assert _codes([entry]) == []
