"""One test per finding code: the code, where it points, and the wording users read."""

from __future__ import annotations

from typing import Any

import pytest
from check_helpers import entry

from rhconfig.check import CODES, Finding, validate
from rhconfig.profile import Profile


def only(profile: Profile, entries: Any, code: str) -> Finding:
    found = [f for f in validate(profile, entries, probe_paths=False) if f.code == code]
    assert len(found) == 1, validate(profile, entries, probe_paths=False)
    return found[0]


def test_malformed_entry_not_an_object(profile: Profile) -> None:
    f = only(profile, ["x"], "malformed_entry")
    assert (f.severity, f.node_id, f.field, f.index) == ("error", None, None, 0)
    assert f.message == "nodeInfoList[0] is a string ('x'), not an object"
    assert '"nodeId": "6"' in f.hint


def test_malformed_entry_missing_key_with_near_miss(profile: Profile) -> None:
    f = only(profile, [{"node_id": "3", "fieldName": "steps", "fieldValue": 30}],
             "malformed_entry")
    assert f.message == "nodeInfoList[0] has no 'nodeId' (RunningHub answers 803)"
    assert f.hint == "found 'node_id': the key is 'nodeId'"
    f = only(profile, [{"nodeId": "3", "fieldName": "steps"}], "malformed_entry")
    assert (f.node_id, f.field) == ("3", "steps")
    assert "no 'fieldValue'" in f.message


def test_malformed_entry_numeric_node_id(profile: Profile) -> None:
    f = only(profile, [entry(3, "steps", 30)], "malformed_entry")
    assert f.message == "nodeInfoList[0]: nodeId 3 is an integer, not a string"
    assert f.hint == "write \"3\" (a string) for node 3 'KSampler'"


def test_malformed_entry_title_as_node_id(profile: Profile) -> None:
    f = only(profile, [entry("Positive", "text", "x")], "malformed_entry")
    assert "nodeId 'Positive' is not a node id" in f.message
    assert f.hint == "did you mean node 6 'Positive'?"


def test_malformed_entry_bad_field_name(profile: Profile) -> None:
    f = only(profile, [entry("3", ["steps"], 30)], "malformed_entry")
    assert "fieldName ['steps'] is not a field name" in f.message


def test_unknown_node(profile: Profile) -> None:
    f = only(profile, [entry("60", "text", "x")], "unknown_node")
    assert (f.severity, f.node_id, f.field) == ("error", "60", "text")
    assert f.message == "node 60 does not exist in the workflow (field 'text')"
    assert f.hint == "did you mean node 6 'Positive'?"


def test_unknown_field_lists_fields_closest_first(profile: Profile) -> None:
    f = only(profile, [entry("3", "step", 30)], "unknown_field")
    assert f.message == "node 3 'KSampler' has no field 'step'"
    assert f.hint.startswith("its fields are: steps, ")
    assert "model (linked)" in f.hint


def test_linked_field_follows_reroute_to_primitive(profile: Profile) -> None:
    f = only(profile, [entry("6", "text", "a dog")], "linked_field")
    assert f.message == ("node 6 'Positive', field 'text' is fed by a link from node 21 "
                         "'Reroute' (output 0): overriding it would cut the graph")
    assert f.hint == "set node 20 'Prompt' field 'value' instead: it feeds this input"


def test_linked_field_computed_upstream(profile: Profile) -> None:
    f = only(profile, [entry("9", "images", "x")], "linked_field")
    assert f.hint == ("its value is computed by node 8 'VAE Decode': change that node's inputs "
                      "instead")


@pytest.mark.parametrize(("node", "field", "value", "text"), [
    ("3", "steps", "abc",
     "node 3 'KSampler', field 'steps': 'abc' is not an integer (int() cannot read it); "
     "expected a whole number between 1 and 10000"),
    ("3", "steps", "7.5", "'7.5' is not an integer (int() cannot read it)"),
    ("3", "seed", True, "true is a boolean, not an integer (ComfyUI would read it as 1)"),
    ("30", "value", "false",
     "node 30 'Flag', field 'value': the string 'false' is not a boolean: ComfyUI would read it "
     "as true (any non-empty string is true)"),
    ("9", "filename_prefix", [1], "[1] is an array; expected text"),
    ("7", "text", None, "null is not text: ComfyUI would use the text 'None'"),
    ("3", "cfg", {"x": 1}, "{'x': 1} is an object, not a number"),
    ("3", "cfg", float("nan"), "NaN is not a finite number"),
    ("3", "cfg", "inf", "'inf' is not a finite number"),
    ("3", "sampler_name", None, "null is not a choice; expected one of the 44 choices"),
    ("10", "image", 5, "5 is an integer; expected the name of an image file (a string)"),
    ("40", "count", [1], "[1] is an array where the workflow holds an integer (3)"),
])
def test_type_mismatch(profile: Profile, node: str, field: str, value: Any, text: str) -> None:
    f = only(profile, [entry(node, field, value)], "type_mismatch")
    assert (f.severity, f.node_id, f.field) == ("error", node, field)
    assert text in f.message


def test_not_in_enum(profile: Profile) -> None:
    f = only(profile, [entry("3", "sampler_name", "Euler a")], "not_in_enum")
    assert f.message == ("node 3 'KSampler', field 'sampler_name': 'Euler a' is not one of the "
                         "44 choices")
    assert f.hint.startswith("did you mean 'euler'")


def test_not_in_enum_case_only(profile: Profile) -> None:
    f = only(profile, [entry("3", "scheduler", "Karras")], "not_in_enum")
    assert f.hint == "did you mean 'karras'?"


@pytest.mark.parametrize(("node", "field", "value", "text"), [
    ("3", "denoise", 1.5, "1.5 is above the maximum 1.0"),
    ("5", "width", 8, "8 is below the minimum 16"),
    ("5", "width", "20000", "'20000' (read as 20000) is above the maximum 16384"),
    ("5", "width", 15.9, "15.9 (truncated to 15) is below the minimum 16"),
    ("3", "seed", 18446744073709551616,
     "18446744073709551616 is above the maximum 18446744073709551615"),
    ("3", "seed", -1, "-1 is below the minimum 0"),
])
def test_out_of_range(profile: Profile, node: str, field: str, value: Any, text: str) -> None:
    f = only(profile, [entry(node, field, value)], "out_of_range")
    assert text in f.message
    assert f.hint.startswith("send ")


@pytest.mark.parametrize(("value", "text"), [
    ("/home/me/cat.png", "'/home/me/cat.png' is a path on your machine"),
    ("./cat.png", "is a path on your machine"),
    ("../cat.png", "is a path on your machine"),
    ("~/cat.png", "is a path on your machine"),
    ("C:\\Users\\me\\cat.png", "is a path on your machine"),
    ("clip.mp4", "'clip.mp4' is a video file (.mp4) but this input loads an image"),
    ("https://example.com/a.wav", "is an audio file (.wav) but this input loads an image"),
    ("", "an empty name is not an image file"),
])
def test_invalid_media_value(profile: Profile, value: str, text: str) -> None:
    f = only(profile, [entry("10", "image", value)], "invalid_media_value")
    assert f.message.startswith("node 10 'Reference', field 'image': ")
    assert text in f.message
    if "path" in text:
        assert f.hint.startswith("upload it first (rhconfig upload FILE)")


def test_invalid_media_value_existing_local_file(profile: Profile, tmp_path: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cat.png").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    found = validate(profile, [entry("10", "image", "cat.png")])
    assert [f.code for f in found] == ["invalid_media_value"]
    assert "'cat.png' is a file on this machine" in found[0].message
    # probing off: a bare name is only unverified
    assert [f.code for f in validate(profile, [entry("10", "image", "cat.png")],
                                     probe_paths=False)] == ["unverified_media"]


@pytest.mark.parametrize(("node", "field", "value", "text"), [
    ("3", "steps", "30", "'30' is a string: ComfyUI converts it to the integer 30"),
    ("3", "steps", " 30 ", "converts it to the integer 30"),
    ("3", "cfg", "7", "'7' is a string: ComfyUI converts it to the number 7.0"),
    ("5", "width", 600.7, "600.7 is not a whole number: ComfyUI truncates it to 600"),
    ("7", "text", 5, "5 is an integer, not text: ComfyUI turns it into the string '5'"),
    ("30", "value", 0, "0 is a number, not a boolean: ComfyUI turns it into false"),
])
def test_value_coerced(profile: Profile, node: str, field: str, value: Any, text: str) -> None:
    f = only(profile, [entry(node, field, value)], "value_coerced")
    assert f.severity == "warning"
    assert text in f.message


def test_unverified_media(profile: Profile) -> None:
    f = only(profile, [entry("10", "image", "cat.png")], "unverified_media")
    assert f.message == ("node 10 'Reference', field 'image': 'cat.png' is neither an upload "
                         "result nor a URL: it must already be in the server's input folder")
    # an unknown loader class: a mismatch is only a warning
    f = only(profile, [entry("41", "video", "photo.png")], "unverified_media")
    assert "as far as rhconfig can tell" in f.message


def test_unverified_choice(profile: Profile) -> None:
    f = only(profile, [entry("4", "ckpt_name", "sdxl.safetensors")], "unverified_choice")
    assert "'sdxl.safetensors' cannot be checked: the choices are files on the RunningHub " \
        "server" in f.message
    f = only(profile, [entry("40", "mode", "slow")], "unverified_choice")
    assert f.message == ("node 40 'Custom', field 'mode': 'slow' cannot be checked: the node "
                         "class is unknown to rhconfig (its type, choices and range are not "
                         "known)")
    f = only(profile, [entry("40", "count", "x")], "unverified_choice")
    assert "'x' is a string where the workflow holds an integer" in f.message


def test_duplicate_override(profile: Profile) -> None:
    f = only(profile, [entry("3", "steps", 30), entry("3", "steps", 40)], "duplicate_override")
    assert f.message == ("node 3 'KSampler', field 'steps': set twice (nodeInfoList[0] and "
                         "nodeInfoList[1]); the later value 40 wins")
    assert f.index == 1


def test_unchanged_default(profile: Profile) -> None:
    f = only(profile, [], "unchanged_default")
    assert f.message == ("the nodeInfoList is empty: the task runs with the author's sample "
                         "inputs")
    f = only(profile, [entry("3", "steps", 20), entry("7", "text", "blurry, watermark")],
             "unchanged_default")
    assert f.message.startswith("every entry repeats the workflow's own value")
    assert not [x for x in validate(profile, [entry("3", "steps", 21)])
                if x.code == "unchanged_default"]


def test_split_tie(profile: Profile) -> None:
    from rhconfig.profile import Tie

    texts = [i for i in profile.inputs if i.kind == "text"][:2]
    tied = profile.replace(ties=(Tie("prompts", tuple(i.name for i in texts)),))
    a, b = texts
    f = only(tied, [entry(a.node_id, a.field, "x")], "split_tie")
    assert f.severity == "warning" and (f.node_id, f.field) == (a.node_id, a.field)
    assert f.message == f"tie 'prompts' is set for some of its inputs only ({b.name} keep the " \
        "workflow's value)"
    f = only(tied, [entry(a.node_id, a.field, "x"), entry(b.node_id, b.field, "y")], "split_tie")
    assert f.message == "tie 'prompts': its inputs get different values"
    assert "--set prompts=" in f.hint


def test_every_code_is_covered_here() -> None:
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    missing = [c for c in CODES if f'"{c}"' not in source]
    assert not missing
