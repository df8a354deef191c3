"""The bundled curated catalog: it covers the corpus, its entries are real, it is regenerable.

The corpus of real API-format workflows lives in ``../shared/corpus/api`` next to the repo
(``/work/shared`` here); the corpus tests are skipped when it is absent.

Documented exceptions to "every literal input of a curated class is in its entry" are the
class's ``dynamic_inputs`` patterns, inputs the frontend adds that INPUT_TYPES does not
declare:

- ``Power Lora Loader (rgthree)``: ``lora_N`` dict values ``{"on", "lora", "strength"}``;
- ``Image Comparer (rgthree)``: ``rgthree_comparer`` (preview URLs, frontend state);
- ``ShowText|pysssss``: ``text2``... (the shown text written back into the graph).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import CORPUS_API, needs_corpus

from rhconfig.catalog_files import bundled_catalog
from rhconfig.graph import is_link, parse_graph

REPO = Path(__file__).resolve().parents[2]
CURATED_JSON = REPO / "rhconfig" / "data" / "curated.json"
BUILD_SCRIPT = REPO / "scripts" / "build_curated_catalog.py"



def _corpus_nodes() -> list[tuple[str, str, str, dict[str, Any]]]:
    """``(file, node_id, class_type, inputs)`` for every node of every corpus graph."""
    nodes = []
    for path in sorted(CORPUS_API.glob("*.json")):
        graph = parse_graph(json.loads(path.read_text(encoding="utf-8")))
        for node in graph:
            nodes.append((path.name, node.id, node.class_type, dict(node.inputs)))
    return nodes


@pytest.fixture(scope="module")
def curated() -> dict[str, Any]:
    classes: dict[str, Any] = json.loads(CURATED_JSON.read_text(encoding="utf-8"))["classes"]
    return classes


@needs_corpus
def test_bundled_catalog_covers_every_corpus_class() -> None:
    catalog = bundled_catalog()
    missing = sorted({f"{ct} ({f})" for f, _, ct, _ in _corpus_nodes() if ct not in catalog})
    assert not missing, f"classes without a catalog entry: {missing}"


@needs_corpus
def test_corpus_inputs_of_curated_classes_exist(curated: dict[str, Any]) -> None:
    unknown = []
    for file, node_id, class_type, inputs in _corpus_nodes():
        entry = curated.get(class_type)
        if entry is None:
            continue
        patterns = [re.compile(d["pattern"]) for d in entry.get("dynamic_inputs", [])]
        for field, value in inputs.items():
            if is_link(value) or field in entry["inputs"]:
                continue
            if any(p.search(field) for p in patterns):
                continue
            unknown.append(f"{file} node {node_id} {class_type}.{field}")
    assert not unknown, "inputs missing from curated entries:\n" + "\n".join(unknown)


@needs_corpus
def test_corpus_links_of_curated_classes_exist(curated: dict[str, Any]) -> None:
    """Linked inputs too: a wrong input name would fail on the server either way."""
    unknown = [
        f"{file} node {node_id} {class_type}.{field}"
        for file, node_id, class_type, inputs in _corpus_nodes()
        if class_type in curated
        for field, value in inputs.items()
        if is_link(value) and field not in curated[class_type]["inputs"]
    ]
    assert not unknown, unknown


def test_every_curated_class_names_its_source(curated: dict[str, Any]) -> None:
    for name, entry in curated.items():
        assert re.match(r"^[\w.-]+/[\w.-]+( \S+)?$", entry["source"]), (name, entry["source"])
        assert entry.get("curated_from", "source") in {"source", "corpus"}, name


def test_corpus_derived_entries_do_not_guess_ranges(curated: dict[str, Any]) -> None:
    for name, entry in curated.items():
        if entry.get("curated_from") != "corpus":
            continue
        for field, spec in entry["inputs"].items():
            assert not {"min", "max", "step"} & set(spec), f"{name}.{field} guesses a range"
            if spec["type"] == "COMBO":
                assert spec["choices"] == [], f"{name}.{field} guesses choices"


def test_uploads_are_flagged(curated: dict[str, Any]) -> None:
    assert curated["VHS_LoadVideo"]["inputs"]["video"]["upload"] == "video"
    assert curated["VHS_LoadAudioUpload"]["inputs"]["audio"]["upload"] == "audio"
    for name in ("VHS_LoadVideo", "VHS_LoadAudioUpload"):
        for spec in curated[name]["inputs"].values():
            if "upload" in spec:
                assert spec["choices"] == [], "uploaded files depend on the server"


def test_dict_valued_lora_inputs_are_declared_dynamic(curated: dict[str, Any]) -> None:
    entry = curated["Power Lora Loader (rgthree)"]
    pattern = re.compile(entry["dynamic_inputs"][0]["pattern"])
    assert pattern.search("lora_1") and pattern.search("lora_12")
    assert not pattern.search("model")


def test_curated_layer_sits_on_core(curated: dict[str, Any]) -> None:
    catalog = bundled_catalog()
    assert len(catalog) >= 887 + len(curated) - len(set(curated) & set(catalog.classes))
    for name in curated:
        assert catalog.inputs(name) == curated[name]["inputs"]


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_curated_catalog", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_curated_catalog", module)
    spec.loader.exec_module(module)
    return module


def test_curated_json_is_what_the_build_script_produces() -> None:
    build = _load_build_script()
    catalog, _ = build.build()
    expected = build.render(catalog)
    actual = CURATED_JSON.read_text(encoding="utf-8")
    assert actual == expected, "curated.json is stale: run scripts/build_curated_catalog.py"
    again, _ = build.build()
    assert build.render(again) == expected, "the build is not deterministic"
