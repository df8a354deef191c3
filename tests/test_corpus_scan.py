"""Every real workflow of ../shared/corpus scans cleanly (runs where ../shared exists, as in CI)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS_API, CORPUS_UI, EXAMPLES, corpus_files, needs_corpus

from rhconfig.catalog import Catalog
from rhconfig.catalog_files import load_catalog
from rhconfig.errors import GraphFormatError
from rhconfig.graph import is_link, parse_graph
from rhconfig.profile_io import dump_yaml, load_yaml
from rhconfig.scan import scan_document

API_FILES = corpus_files(CORPUS_API)
UI_FILES = corpus_files(CORPUS_UI)


def _literal_count(doc: Any) -> int:
    graph = parse_graph(doc)
    return sum(1 for n in graph.nodes.values() for v in n.inputs.values() if not is_link(v))


@needs_corpus
@pytest.mark.parametrize("path", API_FILES, ids=lambda p: p.name)
def test_corpus_graph_scans_cleanly(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    result = scan_document(doc, load_catalog(), "1234567890123456789")
    profile = result.profile
    # One entry per literal input, names unique, YAML round trip exact and deterministic.
    assert len(profile.inputs) == _literal_count(doc)
    assert len({i.name for i in profile.inputs}) == len(profile.inputs)
    text = dump_yaml(profile)
    assert load_yaml(text) == profile
    assert dump_yaml(scan_document(doc, load_catalog(), "1234567890123456789").profile) == text
    # Every linked input is recorded per node.
    graph = parse_graph(doc)
    for node in graph.nodes.values():
        assert set(profile.nodes[node.id].links) == set(node.links)


@needs_corpus
def test_corpus_classes_are_known_and_kinds_are_found() -> None:
    kinds: Counter[str] = Counter()
    unknown: set[str] = set()
    for path in sorted(CORPUS_API.glob("*.json")):
        profile = scan_document(json.loads(path.read_bytes()), load_catalog(), "1").profile
        kinds.update(i.kind for i in profile.inputs)
        unknown |= {n.class_type for n in profile.nodes.values() if not n.known}
    # The bundled catalog (core + curated) knows every class the corpus uses.
    assert unknown == set()
    for kind in ("text", "image", "video", "audio", "seed", "choice", "model", "json"):
        assert kinds[kind] > 0, kind


@needs_corpus
@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_ui_format_files_are_refused_with_advice(path: Path) -> None:
    with pytest.raises(GraphFormatError, match="UI-format workflow.*rhconfig convert FILE"):
        parse_graph(json.loads(path.read_bytes()))


@pytest.mark.parametrize(
    "path", [*API_FILES, *sorted(EXAMPLES.glob("*.api.json"))], ids=lambda p: p.name
)
def test_what_is_compiled_at_load_gives_the_profile_of_a_bare_catalog(path: Path) -> None:
    # load_catalog compiles each class's classification rules, slugs its class types and
    # display names and finds the fields that are their own names once; a Catalog made in code
    # has none of them, so the scan works them out for the classes, titles and fields it
    # meets: both must give the same profile.
    doc = json.loads(path.read_bytes())
    loaded = load_catalog()
    assert loaded.rules.keys() == loaded.classes.keys()
    assert loaded.classes.keys() <= loaded.title_slugs.keys()
    assert {"seed", "steps", "cfg"} <= loaded.own_names and "text" not in loaded.own_names
    bare = Catalog(loaded.classes)
    assert scan_document(doc, loaded, "1").profile == scan_document(doc, bare, "1").profile
