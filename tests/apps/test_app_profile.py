"""AI apps as profiles: kinds, names, defaults and what is kept, from apiCallDemo answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from app_helpers import EMPTY, EXAMPLE_APP, EXAMPLES, HOSTILE, LEAKED_KEY, PORTRAIT, load

from rhconfig.app import EMPTY_LIST_ADVICE, app_sha256, parse_app_document
from rhconfig.errors import AppFormatError, ProfileError
from rhconfig.merge import diff_profiles
from rhconfig.profile_io import dump_yaml, load_yaml, profile_from_dict, profile_to_dict
from rhconfig.scan import scan_app_document


def _portrait() -> Any:
    return scan_app_document(load(PORTRAIT), EXAMPLE_APP).profile


def test_kinds_come_from_field_type_and_field_data() -> None:
    p = _portrait()
    kinds = {(i.node_id, i.field): (i.kind, i.type) for i in p.inputs}
    assert kinds == {
        ("52", "image"): ("image", "COMBO"),
        ("60", "aspect_ratio"): ("choice", "COMBO"),
        ("61", "style"): ("choice", "COMBO"),
        ("6", "text"): ("text", "STRING"),
        ("3", "steps"): ("integer", "INT"),
        ("70", "upscale"): ("boolean", "BOOLEAN"),
    }
    assert p.target == "app" and p.is_app and p.app_name == "Anime portrait (example)"
    assert all(i.expose and i.known for i in p.inputs)


def test_list_choices_are_the_index_values_and_the_default_element_wins() -> None:
    doc = load(PORTRAIT)
    entry = doc["data"]["nodeInfoList"][1]
    data = json.loads(entry["fieldData"])
    data[0]["index"] = "square"  # index differs from name: the index is what is sent
    data[-1]["default"] = "16:9"
    entry["fieldData"] = json.dumps(data)
    item = scan_app_document(doc, EXAMPLE_APP).profile.by_key[("60", "aspect_ratio")]
    assert item.choices == ("square", "3:4", "16:9")
    assert item.default == "16:9"
    assert item.app is not None and item.app.field_type == "LIST"
    assert [(c.value, c.name) for c in item.app.choices][0] == ("square", "1:1 square")
    assert item.app.choices[0].description == "Square, for avatars"


def test_values_arrive_as_strings_and_are_read_as_their_kind() -> None:
    p = _portrait()
    steps = p.by_key[("3", "steps")]
    assert steps.default == 20 and (steps.minimum, steps.maximum, steps.step) == (1, 60, 1)
    assert p.by_key[("70", "upscale")].default is False
    assert p.by_key[("6", "text")].multiline is True
    assert p.by_key[("52", "image")].default == "example.png"


def test_names_from_description_else_field_else_node_and_field() -> None:
    p = _portrait()
    names = {i.key: i.name for i in p.inputs}
    assert names[("52", "image")] == "portrait_photo"  # descriptionEn slugs well
    assert names[("60", "aspect_ratio")] == "aspect_ratio"
    assert names[("3", "steps")] == "sampling_steps"
    assert names[("70", "upscale")] == "upscale"  # "Upscale the result 2x": too long a name
    hostile = scan_app_document(load(HOSTILE), "2").profile
    hnames = {i.key: i.name for i in hostile.inputs}
    assert hnames[("13", "文本")] == "value"  # CJK only: neither description nor field slugs
    assert hnames[("16", "class")] == "import_"  # a keyword made safe
    assert len(set(hnames.values())) == len(hnames)


def test_descriptions_node_names_and_raw_field_type_are_kept() -> None:
    item = _portrait().by_key[("52", "image")]
    assert item.class_type == "LoadImage"
    assert item.app is not None
    assert (item.app.field_type, item.app.description, item.app.description_en) == (
        "IMAGE", "上传人像照片", "Portrait photo")
    assert item.description == "Portrait photo"


def test_unparsable_field_data_still_gives_an_input() -> None:
    hostile = scan_app_document(load(HOSTILE), "2").profile
    seed = hostile.by_key[("15", "seed")]
    assert (seed.kind, seed.type, seed.known) == ("integer", "INT", False)
    assert seed.default == "not a number"  # not readable as an int: kept as it came


@pytest.mark.parametrize("form", ["envelope", "data", "list"])
def test_the_envelope_its_data_or_a_bare_list(form: str) -> None:
    doc = load(PORTRAIT)
    shaped = {"envelope": doc, "data": doc["data"], "list": doc["data"]["nodeInfoList"]}[form]
    profile = scan_app_document(shaped, EXAMPLE_APP).profile
    assert len(profile.inputs) == 6
    assert profile.source.graph_sha256 == app_sha256(doc["data"]["nodeInfoList"])


def test_curl_holding_the_key_and_statistics_are_not_kept() -> None:
    result = scan_app_document(load(PORTRAIT), EXAMPLE_APP)
    assert "curl" not in result.graph and "statisticsInfo" not in result.graph
    assert LEAKED_KEY not in json.dumps(result.graph) + dump_yaml(result.profile)


def test_an_empty_list_is_refused_with_the_advice() -> None:
    with pytest.raises(AppFormatError) as err:
        scan_app_document(load(EMPTY), "7")
    assert EMPTY_LIST_ADVICE in str(err.value) and "run it once" in str(err.value)


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"code": 901, "msg": "WEBAPP_NOT_EXISTS", "data": None}, "code 901"),
        ({"nodes": [], "links": []}, "UI-format"),
        ({"data": {"webappName": "x"}}, "no 'nodeInfoList'"),
        ([{"nodeId": "1"}], "no fieldName"),
        ("text", "not a JSON object"),
    ],
)
def test_bad_documents_are_one_clear_error(document: Any, fragment: str) -> None:
    with pytest.raises(AppFormatError, match=fragment):
        parse_app_document(document)


def test_yaml_round_trip_and_schema() -> None:
    p = _portrait()
    text = dump_yaml(p)
    assert text.startswith("# rhconfig AI-app profile")
    assert "target: app" in text and "field_type: LIST" in text
    assert load_yaml(text) == p


def test_profiles_written_before_apps_load_as_workflows_unchanged() -> None:
    stored = (EXAMPLES / "1900000000000000001.yaml").read_text(encoding="utf-8")
    old = stored.replace("target: workflow\n", "")
    assert old != stored
    profile = load_yaml(old)
    assert profile.target == "workflow" and not profile.is_app
    assert profile == load_yaml(stored)


def test_schema_refuses_an_unknown_target_and_stray_app_keys() -> None:
    data = profile_to_dict(_portrait())
    with pytest.raises(ProfileError, match="target"):
        profile_from_dict({**data, "target": "webapp"})
    bad = json.loads(json.dumps(data))
    bad["inputs"][0]["app"]["fieldData"] = "[]"
    with pytest.raises(ProfileError, match="inputs/0/app"):
        profile_from_dict(bad)


def test_rescan_keeps_edits_and_names_and_check_reports_changes() -> None:
    first = _portrait()
    edited_inputs = tuple(
        i._replace(name="ratio", description="mine", expose=False)
        if i.field == "aspect_ratio" else i
        for i in first.inputs
    )
    edited = first.replace(inputs=edited_inputs)
    doc = load(PORTRAIT)
    entry = doc["data"]["nodeInfoList"][1]
    data = json.loads(entry["fieldData"])
    data.insert(0, {"name": "9:16", "index": "9:16", "description": "tall"})
    entry["fieldData"] = json.dumps(data)
    doc["data"]["nodeInfoList"].append(dict(doc["data"]["nodeInfoList"][4], fieldName="cfg",
                                            descriptionEn="Sampling steps"))
    again = scan_app_document(doc, EXAMPLE_APP, previous=edited)
    item = again.profile.by_key[("60", "aspect_ratio")]
    assert (item.name, item.description, item.expose) == ("ratio", "mine", False)
    assert again.profile.by_key[("3", "steps")].name == "sampling_steps"  # stable
    assert again.profile.by_key[("3", "cfg")].name != "sampling_steps"  # unique
    changes = {(c.what, c.node_id, c.field) for c in diff_profiles(edited, again.profile)}
    assert ("constraint_changed", "60", "aspect_ratio") in changes
    assert ("input_added", "3", "cfg") in changes
    assert again.profile.source.graph_sha256 != first.source.graph_sha256


def test_the_committed_example_app_profile_is_current() -> None:
    """Golden: regenerate with `rhconfig scan --app ID --from-file workflows/ID.app.json`."""
    doc = load(EXAMPLES / f"{EXAMPLE_APP}.app.json")
    stored = (EXAMPLES / f"{EXAMPLE_APP}.yaml").read_text(encoding="utf-8")
    assert dump_yaml(scan_app_document(doc, EXAMPLE_APP).profile) == stored
