"""UI-format workflows to the API graph: one fixture per frontend rule, with its API twin.

Each ``tests/fixtures/ui/NAME.json`` is a small UI file and ``NAME.api.json`` the API graph
derived from it by hand, by the rule the name gives (see ``rhconfig.ui_convert``).
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS_UI, FIXTURES, corpus_files, needs_corpus

from rhconfig.build import build_profile
from rhconfig.catalog import Catalog
from rhconfig.catalog_files import bundled_catalog
from rhconfig.check import validate
from rhconfig.errors import GraphFormatError, RhconfigError
from rhconfig.graph import from_ui, parse_graph
from rhconfig.ui_convert import UnknownClassesError, convert_ui
from rhconfig.ui_widgets import layout, name_values

UI = FIXTURES / "ui"
RULES = sorted(
    p.name.removesuffix(".api.json") for p in UI.glob("*.api.json") if ".partial" not in p.name
)
CORPUS = corpus_files(CORPUS_UI)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _defaults_pass(graph: dict[str, Any], catalog: Catalog) -> None:
    """``check`` of the converted graph's own defaults finds no error."""
    profile = build_profile(parse_graph(graph), catalog, "1", graph_sha256="0" * 64)
    items = [{"nodeId": i.node_id, "fieldName": i.field, "fieldValue": i.default}
             for i in profile.inputs]
    errors = [f for f in validate(profile, items, probe_paths=False) if f.severity == "error"]
    assert errors == []


def test_every_rule_has_a_fixture() -> None:
    for rule in ("control-after-generate", "primitive-feeds-seed", "bypassed-ksampler",
                 "bypassed-lora", "muted-nodes", "reroute-chain", "note-and-markdown",
                 "widget-to-socket", "upload-widgets", "dict-widgets-values", "subgraph",
                 "group-node", "link-objects", "set-get-nodes", "nested-subgraph"):
        assert rule in RULES


@pytest.mark.parametrize("rule", RULES)
def test_rule_fixture_converts_to_its_twin(rule: str) -> None:
    catalog = bundled_catalog()
    graph = from_ui(_load(UI / f"{rule}.json"), catalog)
    assert graph == _load(UI / f"{rule}.api.json")
    assert list(graph) == list(_load(UI / f"{rule}.api.json"))  # same order, same bytes
    _defaults_pass(graph, catalog)


def test_conversion_is_pure_and_deterministic() -> None:
    document = _load(UI / "subgraph.json")
    before = copy.deepcopy(document)
    first = json.dumps(from_ui(document, bundled_catalog()))
    assert json.dumps(from_ui(document, bundled_catalog())) == first
    assert document == before


@pytest.mark.parametrize("mode", [2, 4])
def test_muted_or_bypassed_subgraph_leaves_its_inside_out(mode: int) -> None:
    document = _load(UI / "subgraph.json")
    document["nodes"][1]["mode"] = mode
    graph = from_ui(document, bundled_catalog())
    assert sorted(graph) == ["1", "6", "7"]
    # muted: the link to it is dropped; bypassed: no input of the instance is a LATENT
    assert graph["6"]["inputs"] == {"vae": ["1", 2]}


def test_subgraph_boundary_ids_come_from_the_definition() -> None:
    document = _load(UI / "subgraph.json")
    definition = document["definitions"]["subgraphs"][0]
    definition["inputNode"]["id"], definition["outputNode"]["id"] = -7, -8
    for link in definition["links"]:
        link["origin_id"] = -7 if link["origin_id"] == -10 else link["origin_id"]
        link["target_id"] = -8 if link["target_id"] == -20 else link["target_id"]
    assert from_ui(document, bundled_catalog()) == _load(UI / "subgraph.api.json")


def test_unknown_class_stops_with_one_line_naming_it() -> None:
    with pytest.raises(UnknownClassesError) as info:
        from_ui(_load(UI / "unknown-class.json"), bundled_catalog())
    message = str(info.value)
    assert "MysteryUpscaler" in message and "rhconfig catalog import" in message
    assert "--partial" in message and "\n" not in message


def test_partial_keeps_links_and_names_what_it_could_not() -> None:
    result = convert_ui(_load(UI / "unknown-class.json"), bundled_catalog(), partial=True)
    assert result.graph == _load(UI / "unknown-class.partial.api.json")
    assert result.unknown == {"MysteryUpscaler": ["30"]}
    assert result.unnamed == {"30": ["4x.pth", 2, "lanczos"]}
    (note,) = result.notes()
    assert note.startswith("node 30 (MysteryUpscaler): 3 widget values could not be named")


def test_notes_never_show_long_tokens() -> None:
    document = _load(UI / "unknown-class.json")
    secret = "rh-" + "k" * 30
    document["nodes"][-1]["widgets_values"] = [secret, 1]
    notes = convert_ui(document, bundled_catalog(), partial=True).notes()
    assert secret not in " ".join(notes) and "<text of 33 characters>" in notes[0]


def test_seed_control_is_optional_in_old_files() -> None:
    spec = bundled_catalog().inputs("KSampler")
    assert spec is not None
    # a 2023 file written before the control widget existed
    named = name_values("KSampler", spec, [5, 20, 7.0, "euler", "normal", 1.0])
    assert named.values["seed"] == 5 and named.values["steps"] == 20 and not named.unnamed
    named = name_values("KSampler", spec, [5, True, 20, 7.0, "euler", "normal", 1.0])
    assert named.control == {"seed": True} and named.values["denoise"] == 1.0


def test_layout_follows_the_frontend() -> None:
    catalog = bundled_catalog()
    mask = catalog.inputs("LoadImageMask") or {}
    kinds = [(s.kind, s.name) for s in layout("LoadImageMask", mask)]
    assert kinds == [("input", "image"), ("input", "channel"), ("upload", "upload")]
    assert ("control", "value") in [(s.kind, s.name) for s in
                                    layout("PrimitiveInt", catalog.inputs("PrimitiveInt") or {})]
    forced = {"text": {"type": "STRING", "force_input": True}, "n": {"type": "INT"}}
    assert [s.name for s in layout("X", forced)] == ["n"]


def test_array_values_are_boxed() -> None:
    catalog = Catalog({"Pick": {"inputs": {"items": {"type": "COMBO", "choices": []}}}})
    document = {"nodes": [{"id": 1, "type": "Pick", "widgets_values": [["a", "b"]]}], "links": []}
    assert from_ui(document, catalog)["1"]["inputs"] == {"items": {"__value__": ["a", "b"]}}


def test_circular_links_are_one_clear_error() -> None:
    document = {"nodes": [
        {"id": 1, "type": "Reroute", "inputs": [{"name": "", "type": "*", "link": 2}],
         "outputs": [{"name": "", "type": "*", "links": [1]}]},
        {"id": 2, "type": "Reroute", "inputs": [{"name": "", "type": "*", "link": 1}],
         "outputs": [{"name": "", "type": "*", "links": [2, 3]}]},
        {"id": 3, "type": "PreviewImage",
         "inputs": [{"name": "images", "type": "IMAGE", "link": 3}]},
    ], "links": [[1, 1, 0, 2, 0, "*"], [2, 2, 0, 1, 0, "*"], [3, 2, 0, 3, 0, "IMAGE"]]}
    with pytest.raises(GraphFormatError, match="circular link"):
        from_ui(document, bundled_catalog())


@pytest.mark.parametrize("bad", [{"nodes": [], "links": []}, {"nodes": [{"id": 1}], "links": []},
                                 {"nodes": [{"id": 1, "type": "Note"}], "links": []}])
def test_bad_ui_files_get_one_line(bad: Any) -> None:
    with pytest.raises(GraphFormatError) as info:
        from_ui(bad, bundled_catalog())
    assert "\n" not in str(info.value)


@needs_corpus
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_ui_files(path: Path) -> None:
    catalog = bundled_catalog()
    document = _load(path)
    result = convert_ui(document, catalog, partial=True)
    if not result.unknown:
        assert from_ui(document, catalog) == result.graph
    else:
        with pytest.raises(UnknownClassesError):
            from_ui(document, catalog)
    virtual = {"Note", "MarkdownNote", "Reroute", "PrimitiveNode"}
    expected = {str(n["id"]) for n in document["nodes"]
                if n.get("mode", 0) not in (2, 4) and n["type"] not in virtual}
    assert set(result.graph) == expected
    _defaults_pass(result.graph, catalog)


@needs_corpus
def test_corpus_vid2vid_by_hand() -> None:
    graph = from_ui(_load(CORPUS_UI / "004_vid2vid-example-ui.json"), bundled_catalog())
    assert graph["67"]["inputs"] == {
        "seed": 965475482058836, "steps": 30, "cfg": 8, "sampler_name": "euler_ancestral",
        "scheduler": "karras", "denoise": 0.39999999999999947, "model": ["4", 0],
        "positive": ["79", 0], "negative": ["80", 0], "latent_image": ["12", 0],
    }
    assert graph["10"]["inputs"] == {"image": "input.png"}


@needs_corpus
def test_corpus_bypassed_nodes_are_rewired() -> None:
    graph = convert_ui(_load(CORPUS_UI / "006_bypass-lora-stack-ui.json"), bundled_catalog(),
                       partial=True).graph
    assert "118" not in graph and "120" not in graph  # bypassed
    for node in graph.values():
        for value in node["inputs"].values():
            if isinstance(value, list):
                assert value[0] in graph


def _mutate(value: Any, rng: random.Random) -> None:
    junk = [None, -1, 99, "x", [], {}, [1], {"a": 1}, True, 3.5, [None, None], "-10"]
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        roll = rng.random()
        if roll < 0.3:
            del value[key]
        elif roll < 0.6:
            value[key] = rng.choice(junk)
        else:
            _mutate(value[key], rng)
    elif isinstance(value, list) and value:
        at = rng.randrange(len(value))
        roll = rng.random()
        if roll < 0.3:
            del value[at]
        elif roll < 0.6:
            value[at] = rng.choice(junk)
        else:
            _mutate(value[at], rng)


@pytest.mark.parametrize("rule", ["group-node", "subgraph", "widget-to-socket", "bypassed-lora"])
def test_damaged_ui_files_never_crash(rule: str) -> None:
    """Strangers' files: any damage gives a graph or one RhconfigError, never another error."""
    base = _load(UI / f"{rule}.json")
    for seed in range(150):  # a fixed number of tries: the loop's deadline
        rng = random.Random(seed)
        document = copy.deepcopy(base)
        for _ in range(rng.randint(1, 4)):
            _mutate(document, rng)
        try:
            convert_ui(document, bundled_catalog(), partial=True)
        except RhconfigError as exc:
            assert "\n" not in str(exc)
