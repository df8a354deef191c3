from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from helpers import load_graph_fixture

from rhconfig.catalog_files import load_catalog
from rhconfig.errors import ProfileError
from rhconfig.profile import Profile
from rhconfig.profile_io import dump_yaml, load_yaml, profile_to_dict, validate_document
from rhconfig.scan import scan_document


def scanned(name: str, wid: str = "123") -> Profile:
    return scan_document(load_graph_fixture(name), load_catalog(), wid).profile


@pytest.mark.parametrize(
    "name",
    [
        "minimal-txt2img.json",
        "subgraph-ids.json",
        "cjk-titles-and-text.json",
        "odd-values-unknown-nodes.json",
    ],
)
def test_yaml_round_trip_is_exact_and_deterministic(name: str) -> None:
    profile = scanned(name)
    text = dump_yaml(profile)
    assert dump_yaml(scanned(name)) == text
    again = load_yaml(text)
    assert again == profile
    assert dump_yaml(again) == text


def test_profile_content_for_a_known_graph() -> None:
    profile = scanned("minimal-txt2img.json")
    data = profile_to_dict(profile)
    assert data["workflow_id"] == "123"
    assert data["source"]["kind"] == "file"
    by_name = {i["name"]: i for i in data["inputs"]}
    assert by_name["positive_prompt"] == {
        "name": "positive_prompt",
        "node_id": "6",
        "field": "text",
        "class_type": "CLIPTextEncode",
        "title": "CLIP Text Encode (Prompt)",
        "kind": "text",
        "type": "STRING",
        "default": "a cat",
        "known": True,
        "expose": True,
        "multiline": True,
        "description": "The text to be encoded.",
    }
    assert by_name["sampler_name"]["kind"] == "choice"
    assert "euler" in by_name["sampler_name"]["choices"]
    assert by_name["ckpt_name"]["kind"] == "model" and "choices" not in by_name["ckpt_name"]
    assert by_name["seed"]["expose"] and not by_name["sampler_name"]["expose"]
    assert data["nodes"]["3"]["links"]["model"] == ["4", 0]
    assert "links" not in data["nodes"]["5"]


def test_unicode_and_odd_values_survive_yaml() -> None:
    profile = scanned("odd-values-unknown-nodes.json")
    text = dump_yaml(profile)
    assert '1st pass: "quoted" {{ title }}' in text
    lora = profile.by_key[("1", "lora_1")]
    assert lora.default == {"on": True, "lora": "detail.safetensors", "strength": 0.8}
    assert lora.kind == "json" and lora.known is False
    assert profile.by_key[("2", "value")].default is None
    cjk = scanned("cjk-titles-and-text.json")
    assert "一只猫在雨中" in dump_yaml(cjk)


def _doc() -> dict[str, Any]:
    return json.loads(json.dumps(profile_to_dict(scanned("minimal-txt2img.json"))))


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d.pop("workflow_id"), "'workflow_id' is a required property"),
        (lambda d: d.update(workflow_id="../x"), "workflow_id"),
        (lambda d: d["inputs"][0].update(kind="weird"), "inputs/0/kind"),
        (lambda d: d["inputs"][0].update(name="1abc"), "inputs/0/name"),
        (lambda d: d["inputs"][0].update(surprise=1), "inputs/0"),
        (lambda d: d["source"].update(graph_sha256="nope"), "source/graph_sha256"),
    ],
)
def test_schema_rejects_bad_profiles(mutate: Any, fragment: str) -> None:
    doc = _doc()
    mutate(doc)
    with pytest.raises(ProfileError) as err:
        validate_document(doc, "p.yaml")
    assert fragment in str(err.value)
    assert str(err.value).startswith("p.yaml: invalid profile")


def test_duplicate_and_reserved_names_are_refused_on_load() -> None:
    doc = _doc()
    doc["inputs"][1]["name"] = doc["inputs"][0]["name"]
    with pytest.raises(ProfileError, match="used twice"):
        load_yaml(yaml.safe_dump(doc))
    doc = _doc()
    doc["inputs"][0]["name"] = "class"
    with pytest.raises(ProfileError, match="reserved"):
        load_yaml(yaml.safe_dump(doc))


def test_broken_yaml_is_one_line() -> None:
    with pytest.raises(ProfileError) as err:
        load_yaml("inputs: [\n  - a: b\n", "w/1.yaml")
    assert str(err.value).startswith("w/1.yaml is not valid YAML")
    assert "\n" not in str(err.value)
    with pytest.raises(ProfileError, match="expected a YAML mapping"):
        load_yaml("- 1\n")


MUTATIONS: list[Any] = [
    lambda d: None,
    lambda d: d.pop("nodes"),
    lambda d: d.update(schema_version=2),
    lambda d: d["inputs"][0].update(default={"deep": [1, {"x": None}]}),
    lambda d: d["inputs"][0].update(minimum="0"),
    lambda d: d["inputs"][0].update(choices="a"),
    lambda d: d["inputs"][0].update(expose="yes"),
    lambda d: d["inputs"][0].pop("known"),
    lambda d: d["inputs"][0].update(node_id=""),
    lambda d: d["nodes"]["3"]["links"].update(model=["4"]),
    lambda d: d["nodes"]["3"]["links"].update(model=["4", "0"]),
    lambda d: d["nodes"]["3"]["links"].update(model=["4", 0, 1]),
    lambda d: d["nodes"]["3"].update(extra=True),
    lambda d: d["inputs"][0].update(maximum=18446744073709551615 * 4),
    lambda d: d["source"].update(kind="web"),
]


@pytest.mark.parametrize("mutate", MUTATIONS)
def test_fast_validator_agrees_with_jsonschema(mutate: Any) -> None:
    """jsonschema-rs answers valid/invalid; jsonschema (the reference) must say the same."""
    from rhconfig.profile_io import _fast_is_valid, _validator

    fast = _fast_is_valid()
    assert fast is not None, "jsonschema-rs is a dependency (setup.cfg install_requires)"
    doc = _doc()
    mutate(doc)
    assert fast(doc) == (not list(_validator().iter_errors(doc)))
