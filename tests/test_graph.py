from __future__ import annotations

import json

import pytest
from helpers import load_graph_fixture
from hypothesis import given
from hypothesis import strategies as st

from rhconfig.errors import GraphFormatError
from rhconfig.graph import (
    canonical_graph,
    graph_sha256,
    is_link,
    loads,
    node_sort_key,
    parse_graph,
)


@pytest.mark.parametrize(
    "name",
    [
        "minimal-txt2img.json",
        "wrapped-prompt-object.json",
        "wrapped-prompt-string.json",
        "getjsonapiformat-response.json",
    ],
)
def test_every_accepted_shape_gives_the_same_graph(name: str) -> None:
    base = canonical_graph(load_graph_fixture("minimal-txt2img.json"))
    doc = load_graph_fixture(name)
    assert canonical_graph(doc) == base
    assert graph_sha256(canonical_graph(doc)) == graph_sha256(base)
    graph = parse_graph(doc)
    assert list(graph.nodes) == ["3", "4", "5", "6", "7", "8", "9"]


def test_links_and_literals_are_told_apart() -> None:
    node = parse_graph(load_graph_fixture("minimal-txt2img.json")).nodes["3"]
    assert set(node.literals) == {"seed", "steps", "cfg", "sampler_name", "scheduler", "denoise"}
    assert node.links["model"].source == "4" and node.links["model"].index == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["4", 0], True),
        (["954:829", 2], True),
        ([4, 0], False),
        (["4", True], False),
        (["a", "b"], False),
        (["4", 0, 1], False),
        ({"__value__": [False, True]}, False),
        (None, False),
    ],
)
def test_is_link(value: object, expected: bool) -> None:
    assert is_link(value) is expected


def test_non_node_top_level_keys_are_set_aside() -> None:
    graph = parse_graph(load_graph_fixture("odd-values-unknown-nodes.json"))
    assert set(graph.ignored_keys) == {"extra_data", "version"}
    assert list(graph.nodes) == ["1", "2", "3", "4"]


def test_subgraph_ids_sort_naturally() -> None:
    ids = ["954:830", "10", "2", "954:829", "extra"]
    assert sorted(ids, key=node_sort_key) == ["2", "10", "954:829", "954:830", "extra"]


def test_missing_meta_falls_back_to_class_type() -> None:
    graph = parse_graph(load_graph_fixture("subgraph-ids.json"))
    assert graph.nodes["954:830"].title == "CLIPLoader"


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("ui-format.json", "UI-format"),
        ("getjsonapiformat-error-810.json", "code 810"),
        ("not-a-graph-list.json", "got list"),
        ("no-nodes.json", "no nodes found"),
    ],
)
def test_refusals_are_one_clear_line(name: str, fragment: str) -> None:
    with pytest.raises(GraphFormatError) as err:
        parse_graph(load_graph_fixture(name))
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_parse_graph_points_ui_files_to_the_conversion() -> None:
    # parse_graph has no catalog, so it cannot name widget values: it says where to convert
    with pytest.raises(GraphFormatError, match="from_ui.*rhconfig convert"):
        parse_graph(load_graph_fixture("ui-format.json"))


def test_invalid_json_names_the_place() -> None:
    with pytest.raises(GraphFormatError, match=r"graph.json is not valid JSON: .*line 1"):
        loads('{"3": ', "graph.json")


def test_canonical_hash_ignores_key_order_and_whitespace() -> None:
    doc = load_graph_fixture("minimal-txt2img.json")
    shuffled = json.loads(json.dumps(dict(reversed(list(doc.items())))))
    assert graph_sha256(canonical_graph(shuffled)) == graph_sha256(canonical_graph(doc))
    doc["3"]["inputs"]["seed"] = 6
    assert graph_sha256(canonical_graph(doc)) != graph_sha256(canonical_graph(shuffled))


@given(st.lists(st.from_regex(r"0|0?[0-9]{1,3}|[1-9][0-9]{0,4}", fullmatch=True)
                | st.sampled_from(["", "7:1", "x"]), max_size=30))
def test_graph_order_is_node_sort_key_order(ids: list[str]) -> None:
    # the usual graph's all-digit ids are sorted without a Python call per id
    from rhconfig.graph import _sorted_ids

    prompt = dict.fromkeys(ids, {})
    assert _sorted_ids(prompt) == sorted(prompt, key=node_sort_key)
