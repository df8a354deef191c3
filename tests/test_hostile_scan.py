"""Whatever a graph holds, `scan` writes a profile its own schema accepts (or says why not).

Graphs from strangers: titles of any length and script, odd node ids and field names, values
of every JSON shape. Every profile `scan` writes is validated against
schemas/profile.schema.json with the jsonschema library (not rhconfig's own validator), read
back, and its names checked against the naming rules.
"""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from helpers import REPO
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rhconfig.catalog import Catalog
from rhconfig.catalog_files import load_catalog
from rhconfig.cli.scan_cmd import scan_one
from rhconfig.naming import MAX_NAME, is_valid_name
from rhconfig.store import WorkflowStore

WORKFLOW_ID = "1900000000000000042"

CLASSES = ["LoadImage", "LoadVideo", "VHS_LoadVideo", "CLIPTextEncode", "KSampler", "LoraLoader"]
FIELDS = ["image", "video", "file", "text", "prompt", "seed", "steps", "value", "lora_name"]
# Text a stranger may put in a title: long, CJK, emoji, control characters, YAML syntax,
# Python keywords, digits first, nothing but punctuation.
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(max_size=400),
    st.sampled_from(
        [
            "",
            "Load Image",
            "LoRA Loader",
            "正向提示词",
            "class",
            "3D view",
            "- name: x\n  expose: true",
            "{{ x }} '\"\\",
            "___",
            "\x00\x85\u2028",
            "x" * 300,
            " ".join(["Style Image"] * 40),
        ]
    ),
)
NAMES = st.one_of(st.sampled_from(FIELDS), st.text(max_size=80))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["photo.png", "clip.mp4", "a cat", "api/x.png"]),
    HOSTILE,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(
        st.lists(
            st.one_of(st.integers(0, 999).map(str), st.text(max_size=40)),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    graph: dict[str, Any] = {}
    for node_id in ids:
        inputs = draw(st.dictionaries(NAMES, VALUES, max_size=4))
        for name in draw(st.lists(NAMES, max_size=2)):  # links to other nodes
            inputs[name] = [draw(st.sampled_from(ids)), draw(st.integers(0, 3))]
        node: dict[str, Any] = {
            "class_type": draw(st.one_of(st.sampled_from(CLASSES), st.text(max_size=30))),
            "inputs": inputs,
        }
        if draw(st.booleans()):
            node["_meta"] = {"title": draw(HOSTILE)}
        graph[node_id] = node
    return graph


@lru_cache(maxsize=1)
def schema_validator() -> Any:
    schema = json.loads((REPO / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return load_catalog()


def scan_graph(graph: dict[str, Any], root: Path) -> tuple[int, list[str], Path]:
    source = root / "graph.api.json"
    source.write_text(json.dumps(graph), encoding="utf-8")
    store = WorkflowStore(root / "workflows")
    outcome = scan_one(
        WORKFLOW_ID,
        store=store,
        catalog=catalog(),
        from_file=source,
        keep_graph=True,
        check_only=False,
    )
    return outcome.status, outcome.lines, store.profile_path(WORKFLOW_ID)


def assert_written_profile_is_valid(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in schema_validator().iter_errors(data)]
    assert not errors, errors[:3]
    names = [i["name"] for i in data["inputs"]]
    assert len(set(names)) == len(names)
    assert all(is_valid_name(n) and len(n) <= MAX_NAME for n in names)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
@example({"¹": {"class_type": "LoadImage", "inputs": {"": None}}})  # not a digit to int()
@example({"": {"class_type": "", "inputs": {"x" * 300: "a", "text": ["", 0]}}})
def test_scan_writes_only_profiles_its_schema_accepts(graph: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        status, lines, path = scan_graph(graph, Path(tmp))
        assert status == 0, lines
        data = assert_written_profile_is_valid(path)
        assert len(data["nodes"]) == len(graph)
        # a rescan of the same graph keeps every name and writes the same bytes
        before = path.read_bytes()
        status, lines, _ = scan_graph(graph, Path(tmp))
        assert status == 0, lines
        assert path.read_bytes() == before


def test_a_300_character_title_gives_a_short_name(tmp_path: Path) -> None:
    title = " ".join(["very long title"] * 20)
    graph = {"14": {"class_type": "X", "inputs": {"text": "a"}, "_meta": {"title": title}}}
    status, lines, path = scan_graph(graph, tmp_path)
    assert status == 0, lines
    (item,) = assert_written_profile_is_valid(path)["inputs"]
    assert item["name"] == "_".join(["very_long_title"] * 4)  # 63 characters, whole words
